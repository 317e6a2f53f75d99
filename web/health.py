"""``/api/health``: which part of the archive answers — the web app, Elasticsearch, the articles alias.

Elasticsearch is asked through ``cluster.health`` (never ``GET /``, which the minimal distribution lacks).
A failure is described in the archive's own words; Elasticsearch's text is only logged.
"""

from __future__ import annotations

from elasticsearch import ApiError, ConnectionTimeout, Elasticsearch, TransportError

from web.errors import api_failure, transport_failure
from web.models import Health

#: How long Elasticsearch may take to work out the cluster health (the client's own timeout also applies).
CLUSTER_HEALTH_TIMEOUT = "5s"


def _es_failure(exc: TransportError | ApiError, alias: str) -> tuple[str, str]:
    """(elasticsearch state, reader message) for a failed call; logs Elasticsearch's text."""
    if isinstance(exc, TransportError):
        state = "timeout" if isinstance(exc, ConnectionTimeout) else "unreachable"
        return state, transport_failure(exc).message
    return "error", api_failure(exc, alias).message


def health_report(es: Elasticsearch, alias: str) -> tuple[Health, int]:
    """The health of the archive and its HTTP status: 200 when Elasticsearch answers (green or yellow, with
    or without the alias: status ``ok`` or ``degraded``), 503 when it is unreachable, stuck, failing or red
    (status ``unavailable``). ``web`` is always ``ok`` (this answer comes from the app); ``elasticsearch``
    holds ``status`` (green, yellow, red, unreachable, timeout or error) and ``index`` says whether the alias
    exists (ok, missing or unknown)."""
    try:
        cluster = es.cluster.health(timeout=CLUSTER_HEALTH_TIMEOUT)
    except (TransportError, ApiError) as exc:
        state, message = _es_failure(exc, alias)
        body = Health(
            status="unavailable",
            elasticsearch={"status": state, "reachable": False, "detail": message},
            alias=alias,
            index="unknown",
        )
        return body, 503
    es_status = str(cluster["status"])
    elasticsearch = {
        "status": es_status,
        "reachable": True,
        "cluster_name": cluster.get("cluster_name"),
        "number_of_nodes": cluster.get("number_of_nodes"),
    }
    try:
        exists = bool(es.indices.exists_alias(name=alias))
        documents = int(es.count(index=alias)["count"]) if exists else None
    except (TransportError, ApiError) as exc:
        state, message = _es_failure(exc, alias)
        elasticsearch.update(status=state, detail=message)
        return Health(status="unavailable", elasticsearch=elasticsearch, alias=alias, index="unknown"), 503
    if es_status == "red":
        status = "unavailable"
    elif es_status in ("green", "yellow") and exists:
        status = "ok"
    else:
        status = "degraded"
    body = Health(
        status=status,
        elasticsearch=elasticsearch,
        alias=alias,
        alias_exists=exists,
        documents=documents,
        index="ok" if exists else "missing",
    )
    return body, 503 if es_status == "red" else 200
