"""How the archive connects to Elasticsearch: its own local node, or the cluster at ``settings.es_url``.

Everyone gets a client through :func:`make_client` (or :func:`ensure_elasticsearch`, which also makes sure
the cluster is up and has the analysis plugin).
"""

from __future__ import annotations

import time
from typing import Any

from elastic_transport import AiohttpHttpNode
from elasticsearch import (
    ApiError,
    AsyncElasticsearch,
    AuthenticationException,
    AuthorizationException,
    BadRequestError,
    Elasticsearch,
    TransportError,
)

from newsarchive.config import ES_VERSION, Settings
from newsarchive.esnode.credentials import settings_credentials
from newsarchive.esnode.layout import local_node_url, node_is_secured
from newsarchive.esnode.plugin import PLUGIN_SOURCE_DIR, plugin_zip_path
from newsarchive.esnode.process import start_local_node
from newsarchive.esnode.security import security_files
from newsarchive.esnode.topology import local_node_urls
from newsarchive.mapping import PLUGIN_FILTERS

#: Retries of a request that timed out or hit a connection error (each retry goes to the next live node).
MAX_RETRIES = 3


class ClusterUnavailable(RuntimeError):
    """The cluster did not answer, or did not reach health yellow, in time."""


class ClusterAccessDenied(ClusterUnavailable):
    """The cluster refused the configured credentials (401) or their rights (403); the message says what to
    set. A kind of ClusterUnavailable, so commands that report an unreachable cluster report this too."""


class AnalysisPluginMissing(RuntimeError):
    """The cluster lacks the token filters of the archive's analysis plugin; the message says how to install it."""

    def __init__(self, url: str, missing: list[str]) -> None:
        self.url = url
        self.missing = missing
        super().__init__(_install_instructions(url, missing))


def _install_instructions(url: str, missing: list[str]) -> str:
    try:
        zip_path = str(plugin_zip_path())
    except RuntimeError:
        zip_path = f"{PLUGIN_SOURCE_DIR}/target/newsarchive-analysis-<version>.zip"
    return (
        f"The Elasticsearch cluster at {url} lacks the archive's analysis plugin "
        f"(missing token filters: {', '.join(missing)}); the articles index cannot be created without it.\n"
        f"Install the plugin on your cluster (built for Elasticsearch {ES_VERSION}):\n"
        f"  1. Build it (needs JDK 17 and Maven): cd {PLUGIN_SOURCE_DIR} && mvn -B -q package\n"
        f"     which writes {zip_path}\n"
        f"  2. On every node, from the Elasticsearch home directory:\n"
        f"     CLI_JAVA_OPTS=-Xmx1g bin/elasticsearch-plugin install --batch file://{zip_path}\n"
        f"     (copy the zip to the node first; with Docker, build docker/elasticsearch/Dockerfile instead)\n"
        f"  3. Restart every node, then run the command again.\n"
        f"Or unset NEWSARCHIVE_ES_URL: the archive then runs its own local node, which has the plugin."
    )


def resolve_es_urls(settings: Settings) -> list[str]:
    """Return the URLs of the nodes to use: ``settings.es_url`` split at commas when set
    (``http://127.0.0.1:9200,http://127.0.0.1:9201``), else every node of the local node or cluster."""
    if settings.es_url:
        urls = [part.strip().rstrip("/") for part in settings.es_url.split(",")]
        return [url for url in urls if url]
    if node_is_secured(settings):
        return [local_node_url(settings)]
    return local_node_urls(settings)


def resolve_es_url(settings: Settings) -> str:
    """Return the Elasticsearch URL(s) to use, as one string (several are joined with commas)."""
    return ",".join(resolve_es_urls(settings))


def resolve_ca_certs(settings: Settings) -> str | None:
    """The CA file that verifies the cluster's HTTPS certificate: ``settings.es_ca_certs`` when set; for the
    secured local node (no ``es_url``), the CA it created under data_dir; else None (system trust store)."""
    if settings.es_ca_certs is not None:
        return str(settings.es_ca_certs.expanduser().resolve())
    if not settings.es_url and node_is_secured(settings):
        return str(security_files(settings).ca_cert)
    return None


def _client_options(settings: Settings) -> dict[str, Any]:
    """What both clients share: basic auth (``es_credentials_file`` or ``es_username``/``es_password``),
    the CA to verify HTTPS against, the request timeout from settings, and retries on timeouts and connection
    errors. With several nodes, requests go round-robin to them; a node that fails to connect or times out is
    marked dead for a while and the request is retried on the next one (no sniffing: the node list is the
    URL list, which stays right for a local cluster on 127.0.0.1 and for nodes behind their own addresses).
    Raises :class:`newsarchive.esnode.credentials.CredentialsError` for an unusable credentials file."""
    credentials = settings_credentials(settings)
    options: dict[str, Any] = {
        "basic_auth": credentials.basic_auth() if credentials is not None else None,
        "request_timeout": settings.es_request_timeout,
        "retry_on_timeout": True,
        "max_retries": MAX_RETRIES,
        "sniff_on_start": False,
        "sniff_on_node_failure": False,
    }
    ca_certs = resolve_ca_certs(settings)
    if ca_certs is not None:
        options["ca_certs"] = ca_certs
    return options


def make_client(settings: Settings) -> Elasticsearch:
    """Return a client for the nodes of :func:`resolve_es_urls` with basic auth (when configured), the request
    timeout from settings, and retries on timeouts and connection errors (on the other nodes when there are
    several). Does not contact the cluster."""
    return Elasticsearch(resolve_es_urls(settings), **_client_options(settings))


def make_async_client(settings: Settings) -> AsyncElasticsearch:
    """The asyncio twin of :func:`make_client` (aiohttp transport; same URL, auth, timeout and retries),
    for the web app's searches on the event loop. Does not contact the cluster; close it with ``await
    client.close()``."""
    return AsyncElasticsearch(resolve_es_urls(settings), node_class=AiohttpHttpNode, **_client_options(settings))


def _client_url(client: Elasticsearch) -> str:
    nodes = [str(node.base_url) for node in client.transport.node_pool.all()]
    return ", ".join(nodes) or "(no nodes)"


def wait_for_cluster(client: Elasticsearch, timeout: float = 60.0) -> dict[str, Any]:
    """Wait until the cluster answers with health yellow or green; return the health body.

    Raises :class:`ClusterUnavailable` after ``timeout`` seconds, naming the URL and the last error.
    """
    deadline = time.monotonic() + timeout
    last_problem = "no answer"
    while True:
        remaining = deadline - time.monotonic()
        wait = max(1, min(10, int(remaining)))
        try:
            health = client.options(request_timeout=wait + 5, max_retries=0).cluster.health(
                wait_for_status="yellow", timeout=f"{wait}s"
            )
            body = dict(health.body)
            if body.get("status") in ("yellow", "green") and not body.get("timed_out"):
                return body
            last_problem = f"health {body.get('status')}"
        except (AuthenticationException, AuthorizationException) as exc:
            raise ClusterAccessDenied(
                f"Elasticsearch at {_client_url(client)} refused the archive's credentials ({exc.status_code}: "
                f"{exc.message}). Set NEWSARCHIVE_ES_CREDENTIALS_FILE (or NEWSARCHIVE_ES_USERNAME and "
                "NEWSARCHIVE_ES_PASSWORD) to a user with the right role; see docs/security.md"
            ) from None
        except (ApiError, TransportError) as exc:
            last_problem = f"{type(exc).__name__}: {exc}"
        if time.monotonic() >= deadline:
            raise ClusterUnavailable(
                f"Elasticsearch at {_client_url(client)} did not reach health yellow within {timeout:.0f} s "
                f"({last_problem})"
            )
        time.sleep(1.0)


def check_analysis_plugin(client: Elasticsearch) -> None:
    """Raise :class:`AnalysisPluginMissing` unless the cluster knows every token filter of the plugin.

    Asks ``_analyze`` with each filter (``{"type": "newsarchive_english_stem"}``, ...) on a sample word.
    """
    missing: list[str] = []
    for filter_type in PLUGIN_FILTERS.values():
        try:
            client.indices.analyze(tokenizer="standard", filter=[{"type": filter_type}], text="denied")
        except BadRequestError as exc:
            if filter_type not in str(exc.body):
                raise
            missing.append(filter_type)
    if missing:
        raise AnalysisPluginMissing(_client_url(client), missing)


def ensure_elasticsearch(settings: Settings, *, timeout: float = 180.0) -> Elasticsearch:
    """Return a client for a healthy cluster that has the analysis plugin.

    With ``settings.es_url`` set: connect, wait up to ``timeout`` s for yellow, check the plugin. Otherwise
    start (or reuse) the archive's local node first (see :func:`newsarchive.esnode.start_local_node`).
    Raises ClusterUnavailable, ClusterAccessDenied, AnalysisPluginMissing, CredentialsError or
    :class:`newsarchive.esnode.LocalNodeError`.
    """
    if not settings.es_url:
        start_local_node(settings, timeout=timeout)
    client = make_client(settings)
    wait_for_cluster(client, timeout=timeout)
    check_analysis_plugin(client)
    return client
