"""Hypothesis properties of the search request parsing: the reader's text (``web.query_text``), the checks
of every search value (``web.search_params``), the two request parsers (``web.request_params``) and the
whole path through the app to the real Elasticsearch node.

Properties: nothing but the archive's own error (QueryTextError / SearchParamError / BadRequest) is ever
raised, and what is accepted respects every cap. Through the app: no 5xx, every 4xx is the archive's own
error (``{"detail": ...}`` JSON under /api, the HTML error page elsewhere), every answer within
:data:`RESPONSE_TIME_BOUND_S`.
"""

from __future__ import annotations

import asyncio
import json
import time
import unicodedata
from collections.abc import Iterator
from datetime import date
from types import SimpleNamespace
from typing import Any, cast
from urllib.parse import urlencode

import pytest
from elasticsearch import Elasticsearch
from fastapi import Request
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_web_corpus import WEB_DOCUMENTS, names, web_settings  # noqa: F401

from newsarchive.config import Settings
from web.app import create_app
from web.errors import BadRequest
from web.facets import FACETS
from web.query_text import (
    MAX_NESTING,
    MAX_QUERY_LENGTH,
    MAX_TERMS,
    QueryTextError,
    nesting_depth,
    prepare_query_text,
)
from web.request_params import page_search_params, search_params
from web.search_params import (
    INTERVALS,
    MAX_FILTER_VALUE_LENGTH,
    MAX_FILTER_VALUES,
    MAX_PAGE_SIZE,
    MAX_WINDOW,
    SORTS,
    SearchParamError,
    SearchParams,
    make_search_params,
)
from web.services import Services

#: The slowest answer accepted through the app, in seconds (in process, small corpus, 2 shared cores).
RESPONSE_TIME_BOUND_S = 2.0
PURE = settings(max_examples=400, deadline=None, database=None)
THROUGH_APP = settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text with the query syntax's own characters, words, operators and hostile pieces mixed in.
SYNTAX = st.sampled_from(
    ['"', "(", ")", "-", "|", "+", "*", "~", "\\", "OR", "AND", "NOT", " ", "\x00", "\n", "<script>", "é", "\u0301"]
)
QUERY_TEXT = st.one_of(
    st.text(max_size=MAX_QUERY_LENGTH + 20),
    st.lists(st.one_of(SYNTAX, st.text(alphabet="abcdefghij", min_size=1, max_size=6)), max_size=60).map(" ".join),
    st.lists(SYNTAX, max_size=80).map("".join),
)
CORPUS_VALUES = sorted(
    {v for d in WEB_DOCUMENTS for field in ("persons", "countries", "organizations") for v in names(d, field)}
    | {str(d["source"]) for d in WEB_DOCUMENTS}
    | {s for d in WEB_DOCUMENTS for s in d["stances"]}
    | {s for d in WEB_DOCUMENTS for s in d["speaker_stance"]}
    | {"RU", "ua", "peskov"}
)
FILTER_VALUE = st.one_of(st.sampled_from(CORPUS_VALUES), st.text(max_size=MAX_FILTER_VALUE_LENGTH + 10))
# Dates: well-formed ones with the calendar's edges likely (year 0 and 9999, month 0 and 13, day 29-32),
# and any short text.
WELL_FORMED_DATE = st.builds(
    lambda y, m, d, parts: "-".join([f"{y:04d}", f"{m:02d}", f"{d:02d}"][:parts]),
    st.one_of(st.sampled_from([0, 1, 1970, 2022, 2024, 9998, 9999]), st.integers(0, 9999)),
    st.one_of(st.sampled_from([0, 1, 2, 12, 13]), st.integers(0, 99)),
    st.one_of(st.sampled_from([0, 1, 28, 29, 30, 31, 32]), st.integers(0, 99)),
    st.integers(1, 3),
)
DATE_TEXT = st.one_of(WELL_FORMED_DATE, st.text(max_size=12))
# Real calendar days, the first and last representable ones likely, as YYYY, YYYY-MM or YYYY-MM-DD.
CALENDAR_DATE = st.builds(
    lambda day, parts: day.isoformat()[: (4, 7, 10)[parts - 1]],
    st.one_of(st.sampled_from([date.min, date.max, date(2024, 2, 29), date(1999, 12, 31)]), st.dates()),
    st.integers(1, 3),
)
INTS = st.one_of(st.integers(-5, 200), st.integers(-(10**20), 10**20))


def _plain_text(text: str) -> bool:
    return not any(unicodedata.category(c).startswith("C") for c in text)


@PURE
@given(QUERY_TEXT)
def test_query_text_is_refused_with_its_own_error_or_capped(raw: str) -> None:
    try:
        prepared = prepare_query_text(raw)
    except QueryTextError as exc:
        assert str(exc)
        return
    assert len(raw) <= MAX_QUERY_LENGTH
    if prepared is None:
        return
    assert prepared == prepared.strip() and prepared
    assert _plain_text(prepared), "control characters are turned into spaces"
    assert nesting_depth(prepared) <= MAX_NESTING
    terms = [t for t in prepared.split() if t not in ("|", "+")]
    assert len(terms) >= 1
    assert prepare_query_text(prepared) == prepared, "preparing is idempotent"


@PURE
@given(st.text(alphabet="abc ", max_size=MAX_TERMS * 2 + 10))
def test_query_text_terms_cap(raw: str) -> None:
    words = raw.split()
    try:
        prepared = prepare_query_text(raw)
    except QueryTextError:
        assert len(words) > MAX_TERMS
        return
    assert len(words) <= MAX_TERMS
    assert prepared == (" ".join(words) or None)


def _check_accepted(params: SearchParams, *, cursor_given: bool) -> None:
    """Every cap of :func:`make_search_params` holds on an accepted request."""
    assert params.sort in SORTS and params.interval in INTERVALS
    assert params.page >= 1 and 1 <= params.size <= MAX_PAGE_SIZE and 1 <= params.facet_size <= 100
    if params.cursor is None and not cursor_given:
        assert params.page * params.size <= MAX_WINDOW
    assert set(params.filters) <= {f.name for f in FACETS}
    assert all(params.filters.values()), "a filter without values is dropped"
    dates = (params.published_from, params.published_to, params.mentioned_from, params.mentioned_to)
    for values in (*params.filters.values(), *dates):
        assert len(values) <= MAX_FILTER_VALUES
        assert len(set(values)) == len(values)
        assert all(v == v.strip() and 0 < len(v) <= MAX_FILTER_VALUE_LENGTH for v in values)
    for bounds in (params.published_bounds(), params.mentioned_bounds()):
        if bounds.start is not None and bounds.end is not None:
            assert bounds.start < bounds.end, "a range from after its end is refused"


# Plausible values for every field (dates with the calendar's edges), then at most one field replaced by
# junk: most generated requests get past the first checks and reach the later ones (dates, ranges, the
# timeline), instead of nearly all being refused for a bad sort or size.
PLAUSIBLE_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "q": st.one_of(st.none(), QUERY_TEXT),
    "filters": st.dictionaries(
        st.sampled_from([f.name for f in FACETS]), st.lists(FILTER_VALUE, max_size=MAX_FILTER_VALUES + 2)
    ),
    "published_from": st.lists(CALENDAR_DATE, max_size=3),
    "published_to": st.lists(CALENDAR_DATE, max_size=3),
    "mentioned_from": st.lists(CALENDAR_DATE, max_size=2),
    "mentioned_to": st.lists(CALENDAR_DATE, max_size=2),
    "sort": st.sampled_from(SORTS),
    "page": st.integers(1, 120),
    "size": st.integers(1, MAX_PAGE_SIZE),
    "cursor": st.one_of(st.none(), st.none(), st.just("*")),
    "interval": st.sampled_from(INTERVALS),
    "facet_size": st.integers(1, 100),
}
JUNK_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "published_from": st.lists(DATE_TEXT, min_size=1, max_size=3),
    "published_to": st.lists(DATE_TEXT, min_size=1, max_size=3),
    "mentioned_from": st.lists(DATE_TEXT, min_size=1, max_size=2),
    "mentioned_to": st.lists(DATE_TEXT, min_size=1, max_size=2),
    "sort": st.text(max_size=8),
    "page": INTS,
    "size": INTS,
    "cursor": st.one_of(st.just(" "), st.text(max_size=30)),
    "interval": st.text(max_size=6),
    "facet_size": INTS,
}
ONE_JUNK_FIELD = st.sampled_from(sorted(JUNK_VALUES)).flatmap(
    lambda name: st.fixed_dictionaries({name: JUNK_VALUES[name]})
)
SEARCH_VALUES = st.builds(
    lambda plausible, junk: {**plausible, **junk},
    st.fixed_dictionaries(PLAUSIBLE_VALUES),
    st.one_of(st.just({}), ONE_JUNK_FIELD),
)


@PURE
@given(SEARCH_VALUES)
def test_make_search_params_refuses_with_its_own_error_or_respects_every_cap(values: dict[str, Any]) -> None:
    try:
        params = make_search_params(**values)
    except SearchParamError as exc:
        assert str(exc)
        return
    _check_accepted(params, cursor_given=values["cursor"] is not None)


def _services(page_size: int = 20) -> Services:
    """The only thing the parsers read from the services: the default page size."""
    return cast(Services, SimpleNamespace(settings=SimpleNamespace(page_size=page_size)))


def _request(query: list[tuple[str, str]]) -> Request:
    scope = {"type": "http", "method": "GET", "path": "/", "query_string": urlencode(query).encode(), "headers": []}
    return Request(scope)


PARAM_NAMES = [f.param for f in FACETS] + [
    "q",
    "published_from",
    "published_to",
    "mentioned_from",
    "mentioned_to",
    "sort",
    "page",
    "size",
    "cursor",
    "interval",
    "facet_size",
    "unknown",
]
PARAM_VALUE = st.one_of(
    FILTER_VALUE, DATE_TEXT, QUERY_TEXT, INTS.map(str), st.sampled_from(["", "*", "1e3", "0x10", "１２", "1_0"])
)
QUERY_STRINGS = st.lists(st.tuples(st.sampled_from(PARAM_NAMES), PARAM_VALUE), max_size=12)


@PURE
@given(QUERY_STRINGS)
def test_the_page_parser_raises_only_bad_request(query: list[tuple[str, str]]) -> None:
    try:
        params = asyncio.run(page_search_params(_request(query), _services()))
    except BadRequest as exc:
        assert exc.status_code == 400 and exc.message
        return
    _check_accepted(params, cursor_given=any(name == "cursor" for name, _ in query))


@PURE
@given(SEARCH_VALUES)
def test_the_api_parser_raises_only_bad_request(values: dict[str, Any]) -> None:
    filters = values["filters"]
    try:
        params = asyncio.run(
            search_params(
                _services(),
                q=values["q"],
                person=filters.get("person"),
                country=filters.get("country"),
                org=filters.get("org"),
                stance=filters.get("stance"),
                speaker_stance=filters.get("speaker_stance"),
                source=filters.get("source"),
                published_from=values["published_from"],
                published_to=values["published_to"],
                mentioned_from=values["mentioned_from"],
                mentioned_to=values["mentioned_to"],
                sort=values["sort"],
                page=values["page"],
                size=values["size"],
                cursor=values["cursor"],
                interval=values["interval"],
                facet_size=values["facet_size"],
            )
        )
    except BadRequest as exc:
        assert exc.status_code == 400 and exc.message
        return
    _check_accepted(params, cursor_given=values["cursor"] is not None)


# Through the app: each parameter gets values of its own kind (real names, dates with edges, numbers
# with edges, the query syntax), and sometimes any text.
PLAUSIBLE_PARAMS: dict[str, st.SearchStrategy[str]] = {
    **{f.param: st.sampled_from(CORPUS_VALUES) for f in FACETS},
    **{name: CALENDAR_DATE for name in ("published_from", "published_to", "mentioned_from", "mentioned_to")},
    "page": st.integers(1, 5).map(str),
    "size": st.integers(1, MAX_PAGE_SIZE).map(str),
    "facet_size": st.integers(1, 100).map(str),
    "q": QUERY_TEXT,
    "sort": st.sampled_from(SORTS),
    "interval": st.sampled_from(INTERVALS),
    "cursor": st.just("*"),
    "format": st.sampled_from(["csv", "jsonl"]),
    "field": st.sampled_from(["person", "country", "org", "source"]),
    "prefix": st.one_of(st.sampled_from(["pe", "u", "*", "\\"]), st.text(max_size=8)),
}
JUNK_PARAM = st.tuples(
    st.sampled_from(sorted(PLAUSIBLE_PARAMS)),
    st.one_of(
        st.sampled_from(["", "0", "-1", "101", "10001", "99999999999999999999", "1e3", "１２", "abc", "e30", "hour"]),
        st.text(max_size=20),
    ),
)


def _query_pairs(chosen: dict[str, list[str]], junk: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(name, value) for name, values in chosen.items() for value in values] + junk


# Plausible values for a few parameters, plus at most one junk pair (see PLAUSIBLE_VALUES).
APP_QUERY = st.builds(
    _query_pairs,
    st.fixed_dictionaries(
        {}, optional={name: st.lists(values, min_size=1, max_size=2) for name, values in PLAUSIBLE_PARAMS.items()}
    ),
    st.lists(JUNK_PARAM, max_size=1),
)
APP_PATHS = st.sampled_from(["/api/search", "/api/export", "/api/suggest", "/", "/feed.atom"])


@pytest.fixture(scope="module")
def client(web_settings: Settings, es_client: Elasticsearch) -> Iterator[TestClient]:  # noqa: F811
    with TestClient(create_app(web_settings, es_client), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.mark.es
@THROUGH_APP
@given(path=APP_PATHS, query=APP_QUERY)
def test_any_search_through_the_app_is_answered_or_refused_with_its_own_error(
    client: TestClient, path: str, query: list[tuple[str, str]]
) -> None:
    started = time.perf_counter()
    response = client.get(path, params=query)
    elapsed = time.perf_counter() - started
    assert response.status_code < 500, (path, query, response.text[:300])
    assert elapsed < RESPONSE_TIME_BOUND_S, (path, query, elapsed)
    if response.status_code >= 400:
        assert response.status_code in (400, 404, 410), (path, query, response.status_code)
        if path.startswith("/api/") or path == "/feed.atom":  # the feed's errors are JSON too
            body = json.loads(response.text)
            assert list(body) == ["detail"] and isinstance(body["detail"], str) and body["detail"]
        else:
            assert response.headers["content-type"].startswith("text/html")
            assert f"{response.status_code}" in response.text
