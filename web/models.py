"""Response shapes of the JSON API (also what the page templates render)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field


class SearchHit(BaseModel):
    """One article in a result list. ``title_html`` and ``snippet_html`` are HTML-escaped text with
    ``<mark>`` around the matched words (safe to insert as HTML)."""

    id: str
    title: str
    title_html: str
    published: str | None = None
    source: str | None = None
    url: str | None = None
    snippet_html: str = ""
    stances: list[str] = Field(default_factory=list)
    persons: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    organizations: list[str] = Field(default_factory=list)
    speaker_stances: list[str] = Field(default_factory=list)


class FacetValue(BaseModel):
    """A facet value with the number of matching articles (counted without the facet's own filter)."""

    value: str
    count: int
    selected: bool = False


class FacetResult(BaseModel):
    """Counts of one facet."""

    name: str
    label: str
    param: str
    values: list[FacetValue]


class TimelineBucket(BaseModel):
    """Articles published in ``[start, end)``."""

    start: date
    end: date
    count: int


class Timeline(BaseModel):
    """The publication histogram of the matching articles."""

    interval: str
    buckets: list[TimelineBucket]


class SearchResponse(BaseModel):
    """One page of a search: hits, facets, timeline and how to get further."""

    total: int
    total_relation: str = "eq"
    page: int
    size: int
    pages: int = Field(description="Pages reachable with page= (the first 10,000 hits).")
    hits: list[SearchHit]
    facets: dict[str, FacetResult] = Field(default_factory=dict)
    timeline: Timeline | None = None
    next_cursor: str | None = Field(
        default=None, description="Pass as cursor= (with the same query) for the next page in cursor mode."
    )
    took_ms: int = Field(description="Elasticsearch's own time for the search.")


class CountValue(BaseModel):
    """A value and how many articles have it."""

    value: str
    count: int


class StanceMonth(BaseModel):
    """A person's statements published in one month (``month`` is its first day), per stance."""

    month: date
    total: int
    stances: list[CountValue]


class PersonSummary(BaseModel):
    """What the archive knows about a person."""

    name: str
    article_count: int
    stances: list[CountValue]
    co_persons: list[CountValue]
    countries: list[CountValue]
    organizations: list[CountValue]
    timeline: Timeline
    statements: list[dict[str, Any]] = Field(
        default_factory=list,
        description="The person's own statements (resolved speaker), newest articles first, each with "
        "article_id, article_title and published.",
    )
    stance_months: list[StanceMonth] = Field(
        default_factory=list, description="The person's statements per publication month and stance."
    )
    targets: dict[str, list[CountValue]] = Field(
        default_factory=dict, description="What they most often deny, support and oppose (top 5 targets each)."
    )
    recent_articles: list[SearchHit] = Field(default_factory=list)


class Suggestion(BaseModel):
    """An autocomplete value."""

    value: str
    count: int


class SuggestResponse(BaseModel):
    """Values of a facet starting (at a word) with the prefix, most frequent first."""

    field: str
    prefix: str
    suggestions: list[Suggestion]


class Health(BaseModel):
    """Which part of the archive answers: the web app, Elasticsearch and the articles alias."""

    status: str = Field(description="ok, degraded (no alias yet) or unavailable (Elasticsearch down or red)")
    web: str = Field(default="ok", description="The web app itself: always ok when this answer arrives.")
    elasticsearch: dict[str, Any] = Field(
        description="status: green, yellow, red, unreachable, timeout or error; reachable; cluster_name and "
        "number_of_nodes when reachable; detail (the archive's own words) when not."
    )
    alias: str
    alias_exists: bool | None = None
    documents: int | None = None
    index: str = Field(default="unknown", description="The articles alias: ok, missing or unknown.")


class ErrorBody(BaseModel):
    """Every error answer of the API."""

    detail: str
