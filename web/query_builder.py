"""Pure builders of Elasticsearch request bodies (dicts in, dicts out; no client, no I/O).

Multi-select faceting: the hits are narrowed by a ``post_filter`` holding every active filter, while each
facet's aggregation sits inside a ``filter`` aggregation holding every active filter except its own, so a
facet keeps showing the counts of its other values once one is selected. The publication timeline counts
the matching hits (all filters).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from newsarchive.mapping import INDEX_SETTINGS
from web.facets import FACETS, MENTIONED_FIELD, PUBLISHED_FIELD, Facet
from web.query_text import QUERY_FLAGS
from web.search_params import DateBounds, SearchParams

Body = dict[str, Any]

#: Fields returned with each hit (the long text is never shipped with search hits).
HIT_SOURCE_FIELDS = [
    "id",
    "title",
    "published",
    "source",
    "url",
    "stances",
    "persons.name",
    "countries.name",
    "countries.code",
    "organizations.name",
    "speaker_stance",
]

SEARCH_FIELDS = ["title^3", "text"]
HIGHLIGHT_TAGS = ("<mark>", "</mark>")
SNIPPET_FRAGMENT_SIZE = 180
SNIPPET_FRAGMENTS = 2
#: Characters of a field the highlighter reads at most (the index's own ``highlight.max_analyzed_offset``).
#: Set in the request, it makes a longer text highlight within its first part instead of failing the whole
#: search when a field must be re-analysed (a field without indexed offsets, or another index's settings).
HIGHLIGHT_MAX_ANALYZED_OFFSET: int = INDEX_SETTINGS["highlight"]["max_analyzed_offset"]

#: Calendar intervals of the explicit timeline resolutions.
CALENDAR_INTERVALS = {"day": "day", "week": "week", "month": "month", "year": "year"}


def text_query(query_text: str | None) -> Body:
    """The scoring query: ``simple_query_string`` over title (boosted) and text, all words required,
    quoted phrases against the unstemmed ``.exact`` subfields; ``match_all`` when there is no text."""
    if not query_text:
        return {"match_all": {}}
    return {
        "simple_query_string": {
            "query": query_text,
            "fields": SEARCH_FIELDS,
            "quote_field_suffix": ".exact",
            "default_operator": "and",
            "flags": QUERY_FLAGS,
            "lenient": True,
        }
    }


def facet_filter(facet: Facet, values: tuple[str, ...]) -> Body:
    """Match documents having any of ``values`` in the facet (case-insensitively where the field allows)."""
    clauses: list[Body] = [{"terms": {ff.field: sorted({ff.term(v) for v in values})}} for ff in facet.filter_fields]
    if len(clauses) == 1:
        return clauses[0]
    return {"bool": {"should": clauses, "minimum_should_match": 1}}


def date_range_filter(field: str, bounds: DateBounds) -> Body | None:
    """A half-open range filter on a date field, or None when there is no bound."""
    if bounds.is_empty():
        return None
    rng: dict[str, str] = {"format": "yyyy-MM-dd"}
    if bounds.start:
        rng["gte"] = bounds.start.isoformat()
    if bounds.end:
        rng["lt"] = bounds.end.isoformat()
    return {"range": {field: rng}}


def active_filters(params: SearchParams) -> dict[str, Body]:
    """Every active filter, keyed by facet name (plus ``published`` and ``mentioned`` for date ranges)."""
    filters: dict[str, Body] = {}
    for facet in FACETS:
        values = params.filters.get(facet.name)
        if values:
            filters[facet.name] = facet_filter(facet, values)
    published = date_range_filter(PUBLISHED_FIELD, params.published_bounds())
    if published:
        filters["published"] = published
    mentioned = date_range_filter(MENTIONED_FIELD, params.mentioned_bounds())
    if mentioned:
        filters["mentioned"] = mentioned
    return filters


def combine(filters: list[Body]) -> Body:
    """AND a list of filters into one clause (``match_all`` for none, the filter itself for one)."""
    if not filters:
        return {"match_all": {}}
    if len(filters) == 1:
        return filters[0]
    return {"bool": {"filter": filters}}


#: Joins an aggregation's name and its part when the part stands at the top level (see :func:`filtered`).
PART_SEPARATOR = "__"


def filtered(name: str, clause: Body, parts: Body) -> Body:
    """The aggregations ``parts`` counted under the filter ``clause``, as ``{name: {"filter", "aggs"}}``.

    With no filter (``match_all``) the parts stand at the top level instead, named ``name__part``
    (:data:`PART_SEPARATOR`): Elasticsearch counts a top-level ``terms`` aggregation of all hits from the
    index's own term statistics, which a ``filter`` parent prevents (the page over all of a million articles:
    190 ms -> 77 ms, BENCHMARKS.md). :func:`web.search_service.aggregation` reads both forms.
    """
    if clause == {"match_all": {}}:
        return {f"{name}{PART_SEPARATOR}{part}": agg for part, agg in parts.items()}
    return {name: {"filter": clause, "aggs": parts}}


def facet_aggregations(params: SearchParams, filters: dict[str, Body]) -> Body:
    """One filtered aggregation per facet (``facet_<name>``, see :func:`filtered`): its counts apply every
    active filter except the facet's own.

    Each holds ``values`` (top terms) and, when values of the facet are selected, ``selected`` (a count per
    selected value, so a selected value outside the top terms still shows its count).
    """
    aggs: Body = {}
    for facet in FACETS:
        others = [clause for name, clause in filters.items() if name != facet.name]
        sub: Body = {"values": {"terms": {"field": facet.field, "size": params.facet_size}}}
        selected = params.filters.get(facet.name, ())
        if selected:
            sub["selected"] = {"filters": {"filters": {v: facet_filter(facet, (v,)) for v in selected}}}
        aggs.update(filtered(f"facet_{facet.name}", combine(others), sub))
    return aggs


def choose_interval(start: date, end: date) -> str:
    """The timeline resolution for a span of days: day up to two months, week up to a year, month up to
    six years, year beyond (at most about 70 bars)."""
    days = (end - start).days
    if days <= 62:
        return "day"
    if days <= 366:
        return "week"
    if days <= 6 * 366:
        return "month"
    return "year"


def histogram_aggregation(field: str, interval: str, bounds: DateBounds | None = None) -> Body:
    """A calendar date histogram on ``field`` with empty buckets filled; ``bounds`` extends the axis to the
    selected range. ``interval`` is day, week, month or year (resolve ``auto`` with :func:`choose_interval`)."""
    histogram: Body = {
        "field": field,
        "calendar_interval": CALENDAR_INTERVALS[interval],
        "format": "yyyy-MM-dd",
        "min_doc_count": 0,
    }
    if bounds and bounds.start and bounds.end:
        last_day = date.fromordinal(bounds.end.toordinal() - 1)
        histogram["extended_bounds"] = {"min": bounds.start.isoformat(), "max": last_day.isoformat()}
    return {"date_histogram": histogram}


def timeline_aggregation(params: SearchParams, filters: dict[str, Body], interval: str) -> Body:
    """The publication timeline of the matching hits (every active filter applies): the ``timeline``
    aggregation (or its top-level ``timeline__histogram`` part without filters, see :func:`filtered`)."""
    histogram = histogram_aggregation(PUBLISHED_FIELD, interval, params.published_bounds())
    return filtered("timeline", combine(list(filters.values())), {"histogram": histogram})


def sort_clause(params: SearchParams) -> list[Body | str]:
    """Sort keys; ``id`` breaks ties so pages and cursors are stable."""
    published_desc = {PUBLISHED_FIELD: {"order": "desc", "missing": "_last"}}
    if params.sort == "newest":
        return [published_desc, {"id": "asc"}]
    if params.sort == "oldest":
        return [{PUBLISHED_FIELD: {"order": "asc", "missing": "_last"}}, {"id": "asc"}]
    return [{"_score": "desc"}, published_desc, {"id": "asc"}]


def highlight_clause() -> Body:
    """Highlight title and text, HTML-escaped (``encoder: html``) with ``<mark>`` around matches.

    Phrase matches live on the ``.exact`` subfields; ``matched_fields`` folds them into the same fragments.
    The text falls back to its first characters when nothing matched. At most
    :data:`HIGHLIGHT_MAX_ANALYZED_OFFSET` characters of a field are highlighted (a huge article never fails
    the search; a match beyond that point still finds the article, its snippet shows the start).
    """
    return highlight_body({
        "title": {"number_of_fragments": 0, "matched_fields": ["title", "title.exact"]},
        "text": {
            "fragment_size": SNIPPET_FRAGMENT_SIZE,
            "number_of_fragments": SNIPPET_FRAGMENTS,
            "no_match_size": SNIPPET_FRAGMENT_SIZE,
            "matched_fields": ["text", "text.exact"],
        },
    })


def highlight_body(fields: Body) -> Body:
    """A highlight request for ``fields``: HTML-escaped text (``encoder: html``), ``<mark>`` around matches
    (:data:`HIGHLIGHT_TAGS`), at most :data:`HIGHLIGHT_MAX_ANALYZED_OFFSET` characters of a field."""
    pre, post = HIGHLIGHT_TAGS
    return {
        "encoder": "html",
        "max_analyzed_offset": HIGHLIGHT_MAX_ANALYZED_OFFSET,
        "pre_tags": [pre],
        "post_tags": [post],
        "fields": fields,
    }


def search_timeout(seconds: float) -> str:
    """The ``timeout`` of a search body for a wait of ``seconds`` (whole milliseconds, at least 1)."""
    return f"{max(1, round(seconds * 1000))}ms"


def search_body(
    params: SearchParams,
    *,
    interval: str = "month",
    with_aggs: bool = True,
    paged: bool = True,
    timeout: str | None = None,
) -> Body:
    """The full search request body for ``params``.

    ``paged`` adds ``from``/``size`` (page mode); cursor mode sets ``size`` only and the caller adds the
    ``pit`` and ``search_after``. ``with_aggs`` adds the facets and the timeline at ``interval``
    (day, week, month or year). ``timeout`` (see :func:`search_timeout`) bounds Elasticsearch's own work.
    """
    filters = active_filters(params)
    body: Body = {
        "query": text_query(params.query_text),
        "sort": sort_clause(params),
        "size": params.size,
        "track_total_hits": True,
        "_source": {"includes": HIT_SOURCE_FIELDS},
        "highlight": highlight_clause(),
    }
    if paged:
        body["from"] = params.offset
    if timeout is not None:
        body["timeout"] = timeout
    if filters:
        body["post_filter"] = combine(list(filters.values()))
    if with_aggs:
        aggs = facet_aggregations(params, filters)
        aggs.update(timeline_aggregation(params, filters, interval))
        body["aggs"] = aggs
    return body


def export_body(params: SearchParams, batch_size: int, timeout: str | None = None) -> Body:
    """Body of one export batch: the hits' full display fields in the requested order, no aggregations
    (the caller adds ``pit`` and ``search_after``); ``timeout`` as in :func:`search_body`."""
    filters = active_filters(params)
    query = text_query(params.query_text)
    if filters:
        query = {"bool": {"must": [query], "filter": list(filters.values())}}
    body: Body = {
        "query": query,
        "sort": sort_clause(params),
        "size": batch_size,
        "track_total_hits": False,
        "_source": {"includes": [*HIT_SOURCE_FIELDS, "dates", "speakers"]},
    }
    if timeout is not None:
        body["timeout"] = timeout
    return body


def interval_end(start: date, interval: str) -> date:
    """The first day after the histogram bucket of ``interval`` (day, week, month, year) starting on ``start``."""
    if interval == "day":
        return date.fromordinal(start.toordinal() + 1)
    if interval == "week":
        return date.fromordinal(start.toordinal() + 7)
    months = 1 if interval == "month" else 12
    index = start.year * 12 + (start.month - 1) + months
    return date(index // 12, index % 12 + 1, 1)
