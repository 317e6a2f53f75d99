"""Runs searches against the articles alias and turns Elasticsearch answers into :mod:`web.models`.

Page mode uses ``from``/``size`` within the first 10,000 hits. Cursor mode (``cursor=*``, then the
returned ``next_cursor``) opens a point in time and walks it with ``search_after``; the point in time is
closed when the walk reaches its end, and otherwise expires after :data:`PIT_KEEP_ALIVE`.
"""

from __future__ import annotations

import html
import math
import threading
import time
from collections.abc import Mapping
from datetime import date
from typing import Any

from elasticsearch import AsyncElasticsearch, Elasticsearch
from starlette.concurrency import run_in_threadpool

from web.cursor import Cursor, CursorError, decode_cursor, encode_cursor, fingerprint
from web.errors import BadRequest, elasticsearch_errors
from web.facets import FACETS, PUBLISHED_FIELD
from web.models import FacetResult, FacetValue, SearchHit, SearchResponse, Timeline, TimelineBucket
from web.query_builder import PART_SEPARATOR, choose_interval, interval_end, search_body
from web.search_params import CURSOR_START, MAX_WINDOW, DateBounds, SearchParams

PIT_KEEP_ALIVE = "2m"
CORPUS_RANGE_TTL_SECONDS = 60.0
_RANGE_AGGS = {
    "first": {"min": {"field": PUBLISHED_FIELD, "format": "yyyy-MM-dd"}},
    "last": {"max": {"field": PUBLISHED_FIELD, "format": "yyyy-MM-dd"}},
}


class CorpusRange:
    """The first and last publication day in the alias, cached for :data:`CORPUS_RANGE_TTL_SECONDS`
    (it sizes the timeline's buckets when no date range is selected). ``timeout`` is its search's own
    ``timeout`` (see :func:`web.query_builder.search_timeout`)."""

    def __init__(self, timeout: str | None = None) -> None:
        self._timeout = timeout
        self._lock = threading.Lock()
        self._value: DateBounds | None = None
        self._fetched_at = 0.0

    def get(self, es: Elasticsearch, alias: str) -> DateBounds:
        """Return the cached range, refreshing it from Elasticsearch when stale."""
        cached = self._fresh()
        if cached is not None:
            return cached
        with elasticsearch_errors(alias):
            resp = es.search(index=alias, size=0, aggs=_RANGE_AGGS, timeout=self._timeout)
        return self._store(resp.body)

    async def get_async(self, es: AsyncElasticsearch, alias: str) -> DateBounds:
        """:meth:`get` with the asyncio client."""
        cached = self._fresh()
        if cached is not None:
            return cached
        with elasticsearch_errors(alias):
            resp = await es.search(index=alias, size=0, aggs=_RANGE_AGGS, timeout=self._timeout)
        return self._store(resp.body)

    def _fresh(self) -> DateBounds | None:
        with self._lock:
            if self._value is not None and time.monotonic() - self._fetched_at < CORPUS_RANGE_TTL_SECONDS:
                return self._value
        return None

    def _store(self, resp: Mapping[str, Any]) -> DateBounds:
        now = time.monotonic()
        aggs = resp["aggregations"]
        first = aggs["first"].get("value_as_string")
        last = aggs["last"].get("value_as_string")
        value = DateBounds(
            date.fromisoformat(first[:10]) if first else None,
            date.fromisoformat(last[:10]) if last else None,
        )
        with self._lock:
            self._value, self._fetched_at = value, now
        return value


def resolve_interval(params: SearchParams, corpus: DateBounds) -> str:
    """The timeline resolution: the requested one, or for ``auto`` the one that suits the selected
    publication range (open sides taken from the corpus)."""
    if params.interval != "auto":
        return params.interval
    bounds = params.published_bounds()
    start = bounds.start or corpus.start
    end = bounds.end or corpus.end
    if start is None or end is None or end <= start:
        return "month"
    return choose_interval(start, end)


def _names(items: Any, key: str = "name") -> list[str]:
    if not isinstance(items, list):
        return []
    return [str(item[key]) for item in items if isinstance(item, dict) and item.get(key)]


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def hit_from_es(raw: Mapping[str, Any]) -> SearchHit:
    """Turn one Elasticsearch hit (with ``highlight``) into a :class:`SearchHit`."""
    source = raw.get("_source", {})
    highlight = raw.get("highlight", {})
    title = str(source.get("title") or "(untitled)")
    title_html = highlight["title"][0] if highlight.get("title") else html.escape(title)
    snippet = " … ".join(highlight.get("text", []))
    published = source.get("published")
    # model_construct: every value is converted above or here, so pydantic's validation would only repeat it
    return SearchHit.model_construct(
        id=str(source.get("id") or raw["_id"]),
        title=title,
        title_html=title_html,
        published=str(published)[:10] if published else None,
        source=source.get("source"),
        url=source.get("url"),
        snippet_html=snippet,
        stances=_as_list(source.get("stances")),
        persons=_names(source.get("persons")),
        countries=_names(source.get("countries")),
        organizations=_names(source.get("organizations")),
        speaker_stances=_as_list(source.get("speaker_stance")),
    )


def aggregation(aggs: Mapping[str, Any], name: str) -> Mapping[str, Any] | None:
    """The answer of the aggregation ``name`` built by :func:`web.query_builder.filtered`: the filter
    aggregation's answer, or its parts gathered from the top level (``name__part``); None when absent."""
    if name in aggs:
        found: Mapping[str, Any] = aggs[name]
        return found
    prefix = f"{name}{PART_SEPARATOR}"
    parts = {key[len(prefix):]: value for key, value in aggs.items() if key.startswith(prefix)}
    return parts or None


def facets_from_es(params: SearchParams, aggs: Mapping[str, Any]) -> dict[str, FacetResult]:
    """Facet counts from the per-facet filtered aggregations; selected values are flagged and always
    listed (with their own count) even when outside the top terms."""
    results: dict[str, FacetResult] = {}
    for facet in FACETS:
        agg = aggregation(aggs, f"facet_{facet.name}")
        if agg is None:
            continue
        selected = params.filters.get(facet.name, ())
        selected_folded = {v.casefold(): v for v in selected}
        values: list[FacetValue] = []
        seen: set[str] = set()
        for bucket in agg["values"]["buckets"]:
            value = str(bucket["key"])
            folded = value.casefold()
            values.append(
                FacetValue.model_construct(
                    value=value, count=int(bucket["doc_count"]), selected=folded in selected_folded
                )
            )
            seen.add(folded)
        selected_counts = agg.get("selected", {}).get("buckets", {})
        for value in selected:
            if value.casefold() not in seen:
                count = int(selected_counts.get(value, {}).get("doc_count", 0))
                values.append(FacetValue(value=value, count=count, selected=True))
        results[facet.name] = FacetResult(name=facet.name, label=facet.label, param=facet.param, values=values)
    return results


def timeline_from_es(interval: str, agg: Mapping[str, Any]) -> Timeline:
    """The timeline buckets of the ``timeline`` aggregation."""
    buckets = []
    for bucket in agg["histogram"]["buckets"]:
        start = date.fromisoformat(str(bucket["key_as_string"])[:10])
        buckets.append(
            TimelineBucket.model_construct(
                start=start, end=interval_end(start, interval), count=int(bucket["doc_count"])
            )
        )
    return Timeline(interval=interval, buckets=buckets)


class SearchService:
    """Searches of one archive (one alias on one cluster); ``timeout`` goes into every search body (see
    :func:`web.query_builder.search_timeout`)."""

    def __init__(
        self, es: Elasticsearch, alias: str, aes: AsyncElasticsearch | None = None, timeout: str | None = None
    ) -> None:
        self.es = es
        self.aes = aes
        self.alias = alias
        self.timeout = timeout
        self.corpus_range = CorpusRange(timeout)

    async def search_async(self, params: SearchParams) -> SearchResponse:
        """:meth:`search` on the event loop: page mode with the asyncio client (no threadpool hop per
        request); cursor mode, or no asyncio client, runs :meth:`search` in the threadpool."""
        if params.cursor is not None or self.aes is None:
            return await run_in_threadpool(self.search, params)
        interval = resolve_interval(params, await self.corpus_range.get_async(self.aes, self.alias))
        body = search_body(params, interval=interval, timeout=self.timeout)
        with elasticsearch_errors(self.alias):
            resp = await self.aes.search(index=self.alias, **body)
        return self._response(params, resp.body, interval, page=params.page, next_cursor=None)

    def search(self, params: SearchParams) -> SearchResponse:
        """Run one search page (page mode or cursor mode, see the module docstring)."""
        interval = resolve_interval(params, self.corpus_range.get(self.es, self.alias))
        if params.cursor is None:
            body = search_body(params, interval=interval, timeout=self.timeout)
            with elasticsearch_errors(self.alias):
                resp = self.es.search(index=self.alias, **body)
            return self._response(params, resp.body, interval, page=params.page, next_cursor=None)
        return self._cursor_page(params, interval)

    def _cursor_page(self, params: SearchParams, interval: str) -> SearchResponse:
        if params.cursor == CURSOR_START:
            with elasticsearch_errors(self.alias):
                pit_id = self.es.open_point_in_time(index=self.alias, keep_alive=PIT_KEEP_ALIVE)["id"]
            body = search_body(params, interval=interval, paged=False, timeout=self.timeout)
            page = 1
        else:
            cursor = decode_or_reject(params)
            pit_id = cursor.pit_id
            body = search_body(params, interval=interval, paged=False, with_aggs=False, timeout=self.timeout)
            body["search_after"] = cursor.search_after
            page = cursor.page
        body["pit"] = {"id": pit_id, "keep_alive": PIT_KEEP_ALIVE}
        with elasticsearch_errors(self.alias):
            resp = self.es.search(**body)
        hits = resp["hits"]["hits"]
        new_pit = str(resp.get("pit_id", pit_id))
        next_cursor = None
        if len(hits) == params.size:
            next_cursor = encode_cursor(Cursor(new_pit, list(hits[-1]["sort"]), fingerprint(params), page + 1))
        else:
            with elasticsearch_errors(self.alias):
                self.es.options(ignore_status=404).close_point_in_time(id=new_pit)
        return self._response(params, resp.body, interval, page=page, next_cursor=next_cursor)

    def _response(
        self, params: SearchParams, resp: Mapping[str, Any], interval: str, *, page: int, next_cursor: str | None
    ) -> SearchResponse:
        total = resp["hits"]["total"]
        aggs = resp.get("aggregations", {})
        return SearchResponse(
            total=int(total["value"]),
            total_relation=str(total["relation"]),
            page=page,
            size=params.size,
            pages=math.ceil(min(int(total["value"]), MAX_WINDOW) / params.size),
            hits=[hit_from_es(h) for h in resp["hits"]["hits"]],
            facets=facets_from_es(params, aggs) if aggs else {},
            timeline=timeline_from_es(interval, timeline) if (timeline := aggregation(aggs, "timeline")) else None,
            next_cursor=next_cursor,
            took_ms=int(resp.get("took", 0)),
        )


def decode_or_reject(params: SearchParams) -> Cursor:
    """Decode ``params.cursor``, answering a bad one with a 400."""
    assert params.cursor is not None
    try:
        return decode_cursor(params.cursor, params)
    except CursorError as exc:
        raise BadRequest(str(exc)) from exc
