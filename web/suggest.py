"""Autocomplete: facet values in which a word starts with what the reader typed, most frequent first."""

from __future__ import annotations

from typing import Any

from elasticsearch import Elasticsearch

from web.errors import BadRequest, elasticsearch_errors
from web.facets import Facet, suggestable_facets
from web.models import Suggestion, SuggestResponse
from web.term_patterns import word_prefix_pattern

MAX_PREFIX_LENGTH = 100
MAX_SUGGESTIONS = 20


def suggest_body(facet: Facet, prefix: str, size: int, timeout: str | None = None) -> dict[str, Any]:
    """Request body: top values of the facet's field whose words start with ``prefix`` (all when empty);
    ``timeout`` as in :func:`web.query_builder.search_body`."""
    terms: dict[str, Any] = {"field": facet.field, "size": size}
    if prefix:
        terms["include"] = word_prefix_pattern(prefix)
    body: dict[str, Any] = {"size": 0, "aggs": {"values": {"terms": terms}}}
    if timeout is not None:
        body["timeout"] = timeout
    return body


def suggestable(field: str) -> Facet:
    """The facet named ``field`` if autocomplete serves it; raises BadRequest naming the allowed ones."""
    facets = {f.name: f for f in suggestable_facets()}
    if field not in facets:
        raise BadRequest(f"Unknown suggest field {field!r}: use one of {', '.join(facets)}.")
    return facets[field]


def suggest(
    es: Elasticsearch, alias: str, field: str, prefix: str, size: int = 10, timeout: str | None = None
) -> SuggestResponse:
    """Up to ``size`` values of facet ``field`` matching ``prefix`` with their article counts (``timeout``:
    the search's own, see :func:`web.query_builder.search_timeout`)."""
    facet = suggestable(field)
    prefix = prefix.strip()
    if len(prefix) > MAX_PREFIX_LENGTH:
        raise BadRequest(f"The prefix is {len(prefix)} characters long; at most {MAX_PREFIX_LENGTH} are allowed.")
    if not 1 <= size <= MAX_SUGGESTIONS:
        raise BadRequest(f"size must be between 1 and {MAX_SUGGESTIONS}.")
    with elasticsearch_errors(alias):
        resp = es.search(index=alias, **suggest_body(facet, prefix, size, timeout))
    buckets = resp["aggregations"]["values"]["buckets"]
    return SuggestResponse(
        field=field,
        prefix=prefix,
        suggestions=[Suggestion(value=str(b["key"]), count=int(b["doc_count"])) for b in buckets],
    )
