"""A person's profile: articles mentioning (or quoting) them, their stances, who and what appears with them,
their articles over time, and their own statements (nested ``statements`` with the person as resolved
speaker): latest quotes, stances per month, most frequent targets. One Elasticsearch request."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from elasticsearch import Elasticsearch

from web.errors import NotFound, elasticsearch_errors
from web.facets import PUBLISHED_FIELD
from web.models import CountValue, PersonSummary, StanceMonth, Timeline
from web.query_builder import HIT_SOURCE_FIELDS, histogram_aggregation, sort_clause
from web.search_params import SearchParams
from web.search_service import hit_from_es, timeline_from_es
from web.statement_query import STATEMENTS_PATH, TARGET_STANCES, person_statement_aggs
from web.term_patterns import literal_pattern

RELATED_SIZE = 10
RECENT_ARTICLES = 10
MAX_STATEMENTS = 20


def person_filter(name: str) -> dict[str, Any]:
    """Articles that mention the person or quote them as a speaker (case-insensitive)."""
    return {
        "bool": {
            "should": [{"term": {"persons.name.lc": name}}, {"term": {"speakers.lc": name}}],
            "minimum_should_match": 1,
        }
    }


def person_body(name: str, interval: str, timeout: str | None = None) -> dict[str, Any]:
    """The request body of a person's profile (see :func:`person_summary`); ``timeout`` as in
    :func:`web.query_builder.search_body`."""
    exact = literal_pattern(name)
    body: dict[str, Any] = {
        "query": {"bool": {"filter": [person_filter(name)]}},
        "size": RECENT_ARTICLES,
        "sort": sort_clause(SearchParams(sort="newest")),
        "track_total_hits": True,
        "_source": {"includes": HIT_SOURCE_FIELDS},
        "aggs": {
            "names": {"terms": {"field": "persons.name", "include": exact, "size": 5}},
            "speaker_names": {"terms": {"field": "speakers", "include": exact, "size": 5}},
            "stances": {"terms": {"field": "speaker_stance", "include": f"{exact}\\|.*", "size": 20}},
            "persons": {"terms": {"field": "persons.name", "size": RELATED_SIZE + 5}},
            "countries": {"terms": {"field": "countries.name", "size": RELATED_SIZE}},
            "organizations": {"terms": {"field": "organizations.name", "size": RELATED_SIZE}},
            "timeline": {
                "filter": {"match_all": {}},
                "aggs": {"histogram": histogram_aggregation(PUBLISHED_FIELD, interval)},
            },
            **person_statement_aggs(name),
        },
    }
    if timeout is not None:
        body["timeout"] = timeout
    return body


def _counts(agg: Mapping[str, Any]) -> list[CountValue]:
    return [CountValue(value=str(b["key"]), count=int(b["doc_count"])) for b in agg["buckets"]]


def _display_name(name: str, aggs: Mapping[str, Any]) -> str:
    for key in ("names", "speaker_names"):
        buckets = aggs[key]["buckets"]
        if buckets:
            return str(max(buckets, key=lambda b: b["doc_count"])["key"])
    return name


def person_summary(
    es: Elasticsearch, alias: str, name: str, interval: str, timeout: str | None = None
) -> PersonSummary:
    """Profile of the person called ``name`` (any letter case); raises NotFound when no article mentions
    or quotes them. ``interval`` is the timeline resolution (day, week, month or year); ``timeout`` the
    search's own (see :func:`web.query_builder.search_timeout`)."""
    name = name.strip()
    if not name:
        raise NotFound("No person named.")
    with elasticsearch_errors(alias):
        resp = es.search(index=alias, **person_body(name, interval, timeout))
    total = int(resp["hits"]["total"]["value"])
    if total == 0:
        raise NotFound(f"No article mentions a person named {name!r}.")
    aggs = resp["aggregations"]
    display = _display_name(name, aggs)
    folded = display.casefold()
    stances: dict[str, int] = {}
    for bucket in aggs["stances"]["buckets"]:
        stance = str(bucket["key"]).rsplit("|", 1)[-1]
        stances[stance] = stances.get(stance, 0) + int(bucket["doc_count"])
    hits = resp["hits"]["hits"]
    said = aggs["said"]
    timeline: Timeline = timeline_from_es(interval, aggs["timeline"])
    return PersonSummary(
        name=display,
        article_count=total,
        stances=[CountValue(value=k, count=v) for k, v in sorted(stances.items(), key=lambda kv: -kv[1])],
        co_persons=[c for c in _counts(aggs["persons"]) if c.value.casefold() != folded][:RELATED_SIZE],
        countries=_counts(aggs["countries"]),
        organizations=_counts(aggs["organizations"]),
        timeline=timeline,
        statements=own_statements(name, said["quotes"]["hits"]["hits"])[:MAX_STATEMENTS],
        stance_months=stance_months(said["months"]),
        targets=stance_targets(said["targets"]),
        recent_articles=[hit_from_es(h) for h in hits],
    )


def own_statements(name: str, articles: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The statements of ``name`` as resolved speaker (letter case ignored, as ``statements.speaker.lc``
    does; no ``resolved`` key counts as resolved, see :func:`web.statement_query.speaker_clause`) in
    ``articles`` (newest first), each with its article's id, title and publication day."""
    folded = name.strip().lower()
    found: list[dict[str, Any]] = []
    for article in articles:
        source = article["_source"]
        for statement in source.get(STATEMENTS_PATH) or []:
            if (
                isinstance(statement, dict)
                and statement.get("resolved", True) is not False
                and str(statement.get("speaker", "")).lower() == folded
            ):
                found.append(
                    {
                        **statement,
                        "article_id": source.get("id", article["_id"]),
                        "article_title": source.get("title"),
                        "published": str(source.get("published") or "")[:10] or None,
                    }
                )
    return found


def stance_months(agg: Mapping[str, Any]) -> list[StanceMonth]:
    """The ``said.months`` aggregation: per publication month, the person's statements per stance."""
    months: list[StanceMonth] = []
    for bucket in agg["buckets"]:
        mine = bucket["statements"]["mine"]
        months.append(
            StanceMonth(
                month=date.fromisoformat(str(bucket["key_as_string"])[:10]),
                total=int(mine["doc_count"]),
                stances=_counts(mine["by_stance"]),
            )
        )
    return months


def stance_targets(agg: Mapping[str, Any]) -> dict[str, list[CountValue]]:
    """The ``said.targets`` aggregation: the most frequent targets per stance of :data:`TARGET_STANCES`."""
    buckets = agg["mine"]["by_stance"]["buckets"]
    return {stance: _counts(buckets[stance]["targets"]) for stance in TARGET_STANCES}
