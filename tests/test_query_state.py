"""URL state and cursors: every view is a permalink; cursors only continue their own search."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import cast
from urllib.parse import parse_qs, urlsplit

import pytest
from starlette.requests import Request

from web.cursor import Cursor, CursorError, decode_cursor, encode_cursor, fingerprint
from web.errors import BadRequest
from web.request_params import page_search_params, search_params
from web.search_params import SearchParams, make_search_params
from web.services import Services
from web.url_state import (
    PageLinks,
    chips,
    query_pairs,
    query_url,
    toggled,
    url_for,
    with_interval,
    with_page,
    with_published,
    with_sort,
)


def _reparse(url: str) -> SearchParams:
    query = parse_qs(urlsplit(url).query)
    filters = {
        name: query.pop(name)
        for name in list(query)
        if name in ("person", "country", "org", "stance", "speaker_stance", "source")
    }
    dates = {name: query.pop(name, []) for name in ("published_from", "published_to", "mentioned_from", "mentioned_to")}
    single = {k: v[0] for k, v in query.items()}
    return make_search_params(
        published_from=dates["published_from"],
        published_to=dates["published_to"],
        mentioned_from=dates["mentioned_from"],
        mentioned_to=dates["mentioned_to"],
        q=single.get("q"),
        filters=filters,
        sort=single.get("sort", "relevance"),
        page=int(single.get("page", 1)),
        size=int(single.get("size", 20)),
        interval=single.get("interval", "auto"),
    )


STATES = [
    make_search_params(),
    make_search_params(q='"phone call" -Trump'),
    make_search_params(
        q="Kremlin & <b>",
        filters={"person": ["Dmitry Peskov", "Vladimir Putin"], "speaker_stance": ["Dmitry Peskov|denies"]},
        published_from=["2022-03"],
        published_to=["2024"],
        mentioned_from=["2024-11-07"],
        sort="newest",
        page=3,
        size=50,
        interval="week",
    ),
]


@pytest.mark.parametrize("params", STATES)
def test_the_url_reproduces_the_state(params: SearchParams) -> None:
    assert _reparse(url_for("/", params)) == params


def test_toggling_a_facet_value_adds_then_removes_it_and_resets_the_page() -> None:
    params = make_search_params(filters={"person": ["Dmitry Peskov"]}, page=4)
    added = toggled(params, "person", "Vladimir Putin")
    assert added.filters["person"] == ("Dmitry Peskov", "Vladimir Putin")
    assert added.page == 1
    removed = toggled(added, "person", "dmitry peskov")
    assert removed.filters["person"] == ("Vladimir Putin",)
    assert "person" not in toggled(removed, "person", "Vladimir Putin").filters


def test_chips_remove_exactly_their_own_filter() -> None:
    params = make_search_params(
        q="call", filters={"person": ["A"], "source": ["S"]}, published_from=["2022"], published_to=["2023"]
    )
    found = {(c.label, c.value): c.remove_params for c in chips(params)}
    assert set(found) == {("Person", "A"), ("Source", "S"), ("Published", "2022 – 2023")}
    without_person = found[("Person", "A")]
    assert "person" not in without_person.filters and without_person.filters["source"] == ("S",)
    assert without_person.published_from == ("2022",) and without_person.q == "call"
    without_dates = found[("Published", "2022 – 2023")]
    assert without_dates.published_from == () and without_dates.published_to == ()


def test_links_leave_defaults_out() -> None:
    assert query_pairs(make_search_params()) == []
    assert url_for("/", with_sort(make_search_params(), "relevance")) == "/"
    assert ("page", "2") in query_pairs(with_page(make_search_params(), 2))
    assert query_pairs(with_published(make_search_params(), "2022-03-01", None)) == [("published_from", "2022-03-01")]


def test_a_cursor_round_trips_and_only_fits_its_own_search() -> None:
    params = make_search_params(q="call", filters={"person": ["A"]}, sort="newest", size=10)
    token = encode_cursor(Cursor("pit-id==", ["2024-01-01", "abc"], fingerprint(params), 3))
    assert decode_cursor(token, params) == Cursor("pit-id==", ["2024-01-01", "abc"], fingerprint(params), 3)
    for other in (
        make_search_params(q="calls", filters={"person": ["A"]}, sort="newest", size=10),
        make_search_params(q="call", filters={"person": ["B"]}, sort="newest", size=10),
        make_search_params(q="call", filters={"person": ["A"]}, sort="oldest", size=10),
        make_search_params(q="call", filters={"person": ["A"]}, sort="newest", size=11),
    ):
        with pytest.raises(CursorError, match="different search"):
            decode_cursor(token, other)


@pytest.mark.parametrize("garbage", ["", "!!!", "bm90IGpzb24", "W10", "eyJwIjoxfQ"])
def test_a_malformed_cursor_is_refused(garbage: str) -> None:
    with pytest.raises(CursorError, match="not valid"):
        decode_cursor(garbage, make_search_params())


LINK_STATES = [
    *STATES,
    make_search_params(
        filters={"country": ["UA", "Ukraine & Co"], "source": ["kremlin.ru"], "stance": ["denies"]},
        mentioned_to=["2023"],
        facet_size=25,
        size=20,
        page=2,
    ),
]


@pytest.mark.parametrize("params", LINK_STATES)
@pytest.mark.parametrize("default_size", [20, 50])
def test_page_links_equal_the_links_built_from_a_changed_state(params: SearchParams, default_size: int) -> None:
    links = PageLinks(params, default_size)

    def url(state: SearchParams, path: str = "/") -> str:
        return url_for(path, state, default_size=default_size)

    assert links.current() == url(params)
    assert links.current("/api/search") == url(params, "/api/search")
    for facet, value in [
        ("person", "Dmitry Peskov"),
        ("person", "dmitry PESKOV"),
        ("person", "Olaf Scholz"),
        ("speaker_stance", "Dmitry Peskov|denies"),
        ("country", "Ukraine & Co"),
        ("source", "kremlin.ru"),
    ]:
        assert links.toggle(facet, value) == url(toggled(params, facet, value))
    for number in (1, 2, 3, 7):
        assert links.page(number) == url(with_page(params, number))
        assert links.page(number, "/feed.atom") == url(with_page(params, number), "/feed.atom")
    for sort in ("relevance", "newest", "oldest"):
        assert links.sort(sort) == url(with_sort(params, sort))
    for interval in ("auto", "day", "year"):
        assert links.interval(interval) == url(with_interval(params, interval))
    for start, end in [("2022-03-01", "2022-03-31"), (None, "2024-01-01"), (None, None)]:
        assert links.published(start, end) == url(with_published(params, start, end))


def test_query_url_quotes_like_urlencode() -> None:
    assert query_url("/", [("speaker_stance", "Dmitry Peskov|denies")]) == "/?speaker_stance=Dmitry+Peskov%7Cdenies"
    assert query_url("/", []) == "/"


PAGE_QUERIES = [
    "",
    "q=%22phone+call%22+-Trump&sort=newest&page=2",
    "person=Dmitry+Peskov&person=Vladimir+Putin&speaker_stance=Dmitry+Peskov%7Cdenies&country=UA&org=NATO",
    "stance=denies&source=kremlin.ru&published_from=2022-03&published_to=2024&mentioned_from=2024-11-07",
    "mentioned_to=2023&size=50&interval=week&facet_size=25&cursor=*",
]


@pytest.mark.parametrize("query", PAGE_QUERIES)
def test_pages_read_the_same_state_as_the_api(query: str) -> None:
    services = cast(Services, SimpleNamespace(settings=SimpleNamespace(page_size=20)))
    request = Request({"type": "http", "method": "GET", "path": "/", "query_string": query.encode(), "headers": []})
    multi = parse_qs(query)
    from_api = asyncio.run(
        search_params(
            services,
            q=multi.get("q", [None])[0],
            **{name: multi.get(name) for name in ("person", "country", "org", "stance", "speaker_stance", "source")},
            **{name: multi.get(name) for name in ("published_from", "published_to", "mentioned_from", "mentioned_to")},
            sort=multi.get("sort", ["relevance"])[0],
            page=int(multi.get("page", ["1"])[0]),
            size=int(multi["size"][0]) if "size" in multi else None,
            cursor=multi.get("cursor", [None])[0],
            interval=multi.get("interval", ["auto"])[0],
            facet_size=int(multi.get("facet_size", ["10"])[0]),
        )
    )
    assert asyncio.run(page_search_params(request, services)) == from_api


@pytest.mark.parametrize(("query", "message"), [("page=two", "page"), ("size=x", "size"), ("page=0", "page")])
def test_pages_reject_bad_numbers_with_a_message(query: str, message: str) -> None:
    services = cast(Services, SimpleNamespace(settings=SimpleNamespace(page_size=20)))
    request = Request({"type": "http", "method": "GET", "path": "/", "query_string": query.encode(), "headers": []})
    with pytest.raises(BadRequest, match=message):
        asyncio.run(page_search_params(request, services))
