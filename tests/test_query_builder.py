"""Pure query builders: request bodies for Elasticsearch, checked as dicts (no Elasticsearch needed)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from web.facets import FACETS, facet
from web.query_builder import (
    active_filters,
    choose_interval,
    facet_filter,
    interval_end,
    search_body,
    text_query,
)
from web.search_params import MAX_WINDOW, SearchParamError, make_search_params
from web.search_service import aggregation


def _contains(clause: Any, needle: dict[str, Any]) -> bool:
    """True when ``needle`` occurs somewhere inside ``clause`` (JSON containment)."""
    return json.dumps(needle, sort_keys=True)[1:-1] in json.dumps(clause, sort_keys=True)


def test_text_query_uses_simple_query_string_with_exact_phrases() -> None:
    query = text_query('"phone call" -Trump')["simple_query_string"]
    assert query["query"] == '"phone call" -Trump'
    assert query["fields"] == ["title^3", "text"]
    assert query["quote_field_suffix"] == ".exact"
    assert query["default_operator"] == "and"
    for refused in ("FUZZY", "NEAR", "SLOP", "ALL"):
        assert refused not in query["flags"].split("|")


def test_no_text_matches_everything() -> None:
    assert text_query(None) == {"match_all": {}}
    assert search_body(make_search_params(q="  "))["query"] == {"match_all": {}}


def test_facet_filters_use_the_lowercase_twins_and_country_codes() -> None:
    assert facet_filter(facet("person"), ("Dmitry Peskov",)) == {"terms": {"persons.name.lc": ["Dmitry Peskov"]}}
    country = facet_filter(facet("country"), ("ru",))
    assert country == {
        "bool": {
            "should": [{"terms": {"countries.name.lc": ["ru"]}}, {"terms": {"countries.code": ["RU"]}}],
            "minimum_should_match": 1,
        }
    }
    assert facet_filter(facet("stance"), ("Denies",)) == {"terms": {"stances": ["denies"]}}


def test_multi_select_each_facet_counts_without_its_own_filter() -> None:
    params = make_search_params(
        q="call", filters={"person": ["Dmitry Peskov", "Vladimir Putin"], "source": ["Wikinews"]}
    )
    body = search_body(params)
    person_clause = facet_filter(facet("person"), ("Dmitry Peskov", "Vladimir Putin"))
    source_clause = facet_filter(facet("source"), ("Wikinews",))
    # The hits: every filter, as a post_filter (so aggregations are not narrowed by it).
    assert body["post_filter"] == {"bool": {"filter": [person_clause, source_clause]}}
    assert "bool" not in body["query"]
    aggs = body["aggs"]
    assert aggs["facet_person"]["filter"] == source_clause
    assert aggs["facet_source"]["filter"] == person_clause
    for other in ("country", "org", "stance", "speaker_stance"):
        assert aggs[f"facet_{other}"]["filter"] == {"bool": {"filter": [person_clause, source_clause]}}
    # Selected values get their own count even outside the top terms.
    assert set(aggs["facet_person"]["aggs"]["selected"]["filters"]["filters"]) == {"Dmitry Peskov", "Vladimir Putin"}
    assert "selected" not in aggs["facet_country"]["aggs"]
    # The timeline counts the hits: all filters.
    assert aggs["timeline"]["filter"] == {"bool": {"filter": [person_clause, source_clause]}}


def test_no_filters_means_no_post_filter_and_unfiltered_facets_at_the_top_level() -> None:
    body = search_body(make_search_params(q="call"))
    assert "post_filter" not in body
    for f in FACETS:  # no filter parent: a top-level terms aggregation counts from term statistics
        assert f"facet_{f.name}" not in body["aggs"]
        assert body["aggs"][f"facet_{f.name}__values"] == {"terms": {"field": f.field, "size": 10}}
    assert "timeline" not in body["aggs"] and "date_histogram" in body["aggs"]["timeline__histogram"]


def test_a_facet_filter_wraps_the_other_facets_and_the_timeline_but_not_its_own_facet() -> None:
    body = search_body(make_search_params(filters={"person": ["Dmitry Peskov"]}))
    assert set(body["aggs"]["facet_person__selected"]["filters"]["filters"]) == {"Dmitry Peskov"}
    assert "values" in body["aggs"]["facet_country"]["aggs"] and "facet_country__values" not in body["aggs"]
    assert "histogram" in body["aggs"]["timeline"]["aggs"]


@pytest.mark.parametrize(
    ("aggs", "expected"),
    [
        ({"facet_person": {"values": {"buckets": []}}}, {"values": {"buckets": []}}),
        ({"facet_person__values": {"buckets": [1]}, "facet_person__selected": {"buckets": {}},
          "facet_personality__values": {}}, {"values": {"buckets": [1]}, "selected": {"buckets": {}}}),
        ({"facet_country__values": {"buckets": []}}, None),
    ],
)
def test_an_aggregation_is_read_in_both_forms(aggs: dict[str, Any], expected: dict[str, Any] | None) -> None:
    assert aggregation(aggs, "facet_person") == expected


@pytest.mark.parametrize(
    ("froms", "tos", "expected"),
    [
        (["2022-03"], ["2022-03"], {"gte": "2022-03-01", "lt": "2022-04-01"}),
        (["2022"], [], {"gte": "2022-01-01"}),
        ([], ["2024-02"], {"lt": "2024-03-01"}),
        (["2022-03-05", "2022"], ["2022-12-31", "2022-06"], {"gte": "2022-03-05", "lt": "2022-07-01"}),
    ],
)
def test_published_range_is_half_open_and_intersects_repeated_bounds(
    froms: list[str], tos: list[str], expected: dict[str, str]
) -> None:
    params = make_search_params(published_from=froms, published_to=tos)
    assert active_filters(params)["published"] == {"range": {"published": {"format": "yyyy-MM-dd", **expected}}}


def test_mentioned_dates_filter_the_dates_field() -> None:
    params = make_search_params(mentioned_from=["2024-11-07"], mentioned_to=["2024-11-07"])
    assert active_filters(params)["mentioned"] == {
        "range": {"dates": {"format": "yyyy-MM-dd", "gte": "2024-11-07", "lt": "2024-11-08"}}
    }


@pytest.mark.parametrize(
    ("sort", "first_key"),
    [("relevance", "_score"), ("newest", "published"), ("oldest", "published")],
)
def test_sorts_end_with_the_id_tiebreaker(sort: str, first_key: str) -> None:
    clauses = search_body(make_search_params(sort=sort))["sort"]
    assert first_key in clauses[0]
    assert clauses[-1] == {"id": "asc"}
    if sort == "oldest":
        assert clauses[0]["published"]["order"] == "asc"
    if sort == "newest":
        assert clauses[0]["published"]["order"] == "desc"


def test_page_mode_sets_from_and_size_and_never_ships_the_text() -> None:
    body = search_body(make_search_params(page=3, size=25))
    assert (body["from"], body["size"]) == (50, 25)
    assert "text" not in body["_source"]["includes"]
    cursor_body = search_body(make_search_params(size=25, cursor="*"), paged=False, with_aggs=False)
    assert "from" not in cursor_body and "aggs" not in cursor_body


def test_highlight_is_html_escaped() -> None:
    highlight = search_body(make_search_params(q="x"))["highlight"]
    assert highlight["encoder"] == "html"
    assert highlight["fields"]["text"]["matched_fields"] == ["text", "text.exact"]


@pytest.mark.parametrize(
    ("start", "end", "interval"),
    [
        (date(2024, 1, 1), date(2024, 2, 15), "day"),
        (date(2024, 1, 1), date(2024, 9, 1), "week"),
        (date(2019, 1, 1), date(2024, 11, 12), "month"),
        (date(1987, 1, 1), date(2024, 11, 12), "year"),
    ],
)
def test_choose_interval_keeps_the_bar_count_readable(start: date, end: date, interval: str) -> None:
    assert choose_interval(start, end) == interval


@pytest.mark.parametrize(
    ("start", "interval", "end"),
    [
        (date(2024, 2, 28), "day", date(2024, 2, 29)),
        (date(2024, 12, 30), "week", date(2025, 1, 6)),
        (date(2024, 12, 1), "month", date(2025, 1, 1)),
        (date(2024, 1, 1), "year", date(2025, 1, 1)),
    ],
)
def test_interval_end(start: date, interval: str, end: date) -> None:
    assert interval_end(start, interval) == end


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"page": 501, "size": 20}, "cursor=*"),
        ({"page": 0}, "page starts at 1"),
        ({"size": 101}, "size must be between 1 and 100"),
        ({"sort": "random"}, "Unknown sort"),
        ({"interval": "hour"}, "Unknown interval"),
        ({"published_from": ["2024-02-30"]}, "Invalid date"),
        ({"published_to": ["yesterday"]}, "use YYYY, YYYY-MM or YYYY-MM-DD"),
        ({"filters": {"person": ["x" * 201]}}, "at most 200"),
        ({"filters": {"person": [f"p{i}" for i in range(21)]}}, "at most 20"),
        ({"filters": {"colour": ["red"]}}, "Unknown filter"),
        ({"q": "(" * 9 + "x"}, "levels"),
    ],
)
def test_make_search_params_refuses_with_a_message(kwargs: dict[str, Any], needle: str) -> None:
    with pytest.raises(SearchParamError) as caught:
        make_search_params(**kwargs)
    assert needle in str(caught.value)


def test_the_window_limit_is_inclusive_and_cursor_mode_has_none() -> None:
    assert make_search_params(page=MAX_WINDOW // 100, size=100).offset == MAX_WINDOW - 100
    assert make_search_params(page=1000, size=100, cursor="abc").cursor == "abc"
