"""The rendered HTML pages: facet counts, chips, links, escaping, offline assets (real Elasticsearch)."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from elasticsearch import Elasticsearch
from fastapi.testclient import TestClient
from test_web_api import counts, has, matching, mentions
from test_web_corpus import WEB_DOCUMENTS, XSS_TITLE, names, web_settings  # noqa: F401

from newsarchive.config import Settings
from web.app import create_app

pytestmark = pytest.mark.es


class Page(HTMLParser):
    """Collects what the tests look at: elements by class, their attributes and text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[dict[str, object]] = []
        self._open: list[dict[str, object]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element: dict[str, object] = {"tag": tag, "attrs": dict(attrs), "text": ""}
        self.elements.append(element)
        if tag not in ("input", "link", "meta", "br", "img", "rect", "line"):
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i]["tag"] == tag:
                del self._open[i:]
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element["text"] = str(element["text"]) + data

    def by_class(self, name: str) -> list[dict[str, object]]:
        return [e for e in self.elements if name in attr(e, "class").split()]


def attr(element: dict[str, object], name: str) -> str:
    attrs = element["attrs"]
    assert isinstance(attrs, dict)
    return str(attrs.get(name) or "")


def text(element: dict[str, object]) -> str:
    return " ".join(str(element["text"]).split())


def facet_links(page: Page, facet: str) -> dict[str, tuple[int, bool, str]]:
    """value -> (count, selected, href) of one facet box."""
    found = {}
    for link in page.by_class("facet-value"):
        if attr(link, "data-facet") == facet:
            count = (
                int(text(link).split()[-1].replace(",", ""))
                if "(selected" not in text(link)
                else int(text(link).split("(selected")[0].split()[-1].replace(",", ""))
            )
            found[attr(link, "data-value")] = (count, "selected" in attr(link, "class"), attr(link, "href"))
    return found


@pytest.fixture(scope="module")
def client(web_settings: Settings, es_client: Elasticsearch) -> Iterator[TestClient]:  # noqa: F811
    with TestClient(create_app(web_settings, es_client)) as test_client:
        yield test_client


def get_page(client: TestClient, url: str, **params: str | int) -> tuple[str, Page]:
    response = client.get(url, params=params) if params else client.get(url)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return response.text, Page(response.text)


def test_search_page_lists_hits_with_highlights_and_facet_counts(client: TestClient) -> None:
    expected = matching(mentions("call"))
    html, page = get_page(client, "/", q="call")
    titles = [text(e) for e in page.by_class("hit-title")]
    assert sorted(titles) == sorted(d["title"] for d in expected)
    assert "<mark>call</mark>" in html
    person = facet_links(page, "person")
    assert {v: c for v, (c, _, _) in person.items()} == counts(expected, "persons")
    source = facet_links(page, "source")
    assert {v: c for v, (c, _, _) in source.items()} == counts(expected, "source")
    heading = text(page.by_class("results-heading")[0])
    assert heading.startswith(f"{len(expected)} articles")


def test_a_facet_link_selects_the_value_and_shows_a_removable_chip(client: TestClient) -> None:
    _, start = get_page(client, "/", q="call")
    count, selected, href = facet_links(start, "person")["Dmitry Peskov"]
    assert not selected
    query = parse_qs(urlsplit(href).query)
    assert query == {"q": ["call"], "person": ["Dmitry Peskov"]}
    _, narrowed = get_page(client, href)
    hits = narrowed.by_class("hit-title")
    assert len(hits) == count == len(matching(lambda d: mentions("call")(d) and has("persons", "Dmitry Peskov")(d)))
    value_count, now_selected, toggle = facet_links(narrowed, "person")["Dmitry Peskov"]
    assert now_selected and value_count == count
    assert parse_qs(urlsplit(toggle).query) == {"q": ["call"]}
    chips = narrowed.by_class("chip")
    assert [text(c) for c in chips] == ["Person: Dmitry Peskov × (remove this filter)"]
    assert parse_qs(urlsplit(attr(chips[0], "href")).query) == {"q": ["call"]}
    # Other facets now count within the selection.
    within = matching(lambda d: mentions("call")(d) and has("persons", "Dmitry Peskov")(d))
    assert {v: c for v, (c, _, _) in facet_links(narrowed, "country").items()} == counts(within, "countries")


def test_the_search_box_keeps_the_active_filters(client: TestClient) -> None:
    _, page = get_page(client, "/", q="call", person="Vladimir Putin", sort="newest")
    form = next(e for e in page.elements if e["tag"] == "form" and "search-form" in attr(e, "class"))
    index = page.elements.index(form)
    hidden = {
        (attr(e, "name"), attr(e, "value"))
        for e in page.elements[index : index + 12]
        if e["tag"] == "input" and attr(e, "type") == "hidden"
    }
    assert hidden == {("person", "Vladimir Putin"), ("sort", "newest")}


def test_sort_pagination_and_permalink_links_carry_the_state(client: TestClient) -> None:
    html, page = get_page(client, "/", person="Vladimir Putin", size=2, sort="oldest")
    total = len(matching(has("persons", "Vladimir Putin")))
    pagination = [
        e for e in page.elements if e["tag"] == "a" and attr(e, "href").startswith("/?") and "page=" in attr(e, "href")
    ]
    assert pagination
    for link in pagination:
        query = parse_qs(urlsplit(attr(link, "href")).query)
        assert query["person"] == ["Vladimir Putin"] and query["sort"] == ["oldest"] and query["size"] == ["2"]
    numbers = {parse_qs(urlsplit(attr(a, "href")).query)["page"][0] for a in pagination}
    assert max(int(n) for n in numbers) == -(-total // 2)
    current = [e for e in page.elements if attr(e, "aria-current") == "true" and e["tag"] == "a"]
    assert "Oldest" in [text(e) for e in current]
    feed = next(attr(e, "href") for e in page.elements if attr(e, "href").startswith("/feed.atom?"))
    assert parse_qs(urlsplit(feed).query)["person"] == ["Vladimir Putin"]
    assert "Permalink" in html


def test_the_timeline_bars_link_to_their_period(client: TestClient) -> None:
    html, page = get_page(client, "/", q="call", interval="year")
    bars = [e for e in page.elements if e["tag"] == "a" and attr(e, "aria-label").endswith(("article", "articles"))]
    years = sorted({d["published"][:4] for d in matching(mentions("call")) if d["published"]})
    assert [attr(b, "aria-label").split(":")[0] for b in bars] == years
    query = parse_qs(urlsplit(attr(bars[0], "href")).query)
    assert query["published_from"] == [f"{years[0]}-01-01"] and query["published_to"] == [f"{years[0]}-12-31"]
    assert "<svg" in html


def test_script_in_a_query_is_escaped(client: TestClient) -> None:
    payload = '<script>alert("q")</script>'
    html, page = get_page(client, "/", q=payload)
    assert payload not in html
    assert "&lt;script&gt;" in html
    box = next(e for e in page.elements if e["tag"] == "input" and attr(e, "id") == "q")
    assert attr(box, "value") == payload


def test_script_in_a_title_is_escaped_on_every_page(client: TestClient) -> None:
    for url in ("/?q=officials", "/articles/xss-title", "/persons/Jane%20%3CDoe%3E"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "<script>alert" not in response.text, url
        assert "<img src=x" not in response.text and "<b>ministry" not in response.text and "<Doe>" not in response.text
    _, article = get_page(client, "/articles/xss-title")
    heading = next(e for e in article.elements if e["tag"] == "h1")
    assert text(heading) == " ".join(XSS_TITLE.split())


def test_article_page_shows_entities_as_links_and_who_said_what(client: TestClient) -> None:
    document = WEB_DOCUMENTS[0]
    html, page = get_page(client, f"/articles/{document['id']}")
    person_links = {text(e): attr(e, "href") for e in page.by_class("person")}
    assert set(person_links) == set(names(document, "persons"))
    for name, href in person_links.items():
        assert unquote(href) == f"/persons/{name}"
    rows = [e for e in page.elements if e["tag"] == "tr"][1:]
    assert len(rows) == len(document["statements"])
    for statement in document["statements"]:
        assert f'<mark class="cue">{statement["cue"]}</mark>' in html
        assert statement["speaker"] in html
    country_hrefs = [
        attr(e, "href") for e in page.elements if e["tag"] == "a" and attr(e, "href").startswith("/?country=")
    ]
    assert sorted(parse_qs(urlsplit(h).query)["country"][0] for h in country_hrefs) == sorted(
        names(document, "countries")
    )


def test_person_page_shows_counts_stances_and_links(client: TestClient) -> None:
    html, page = get_page(client, "/persons/Dmitry Peskov")
    theirs = matching(has("persons", "Dmitry Peskov"))
    assert f"{len(theirs)} articles" in html
    stance_rows = [text(e) for e in page.by_class("badge") if e["tag"] == "span"]
    said = {p.split("|")[1] for d in theirs for p in d["speaker_stance"] if p.startswith("Dmitry Peskov|")}
    assert {s.replace(" ", "_") for s in stance_rows} >= said
    co = {text(e) for e in page.elements if e["tag"] == "a" and attr(e, "href").startswith("/persons/")}
    assert "Vladimir Putin" in co


def test_unknown_pages_and_bad_parameters_render_html_errors(client: TestClient) -> None:
    missing = client.get("/articles/no-such-article")
    assert missing.status_code == 404 and "No article with id" in missing.text
    assert client.get("/persons/Nobody Atall").status_code == 404
    bad = client.get("/", params={"page": "zero"})
    assert bad.status_code == 400 and "text/html" in bad.headers["content-type"] and "page" in bad.text
    deep = client.get("/", params={"page": "600"})
    assert deep.status_code == 400 and "10,000" in deep.text


def test_pages_load_nothing_from_other_hosts(client: TestClient) -> None:
    for url in ("/", "/?q=call", "/articles/kremlin-denies-call", "/persons/Dmitry Peskov", "/nope"):
        page = Page(client.get(url).text)
        for element in page.elements:
            for name in ("src", "href"):
                value = attr(element, name)
                if element["tag"] in ("script", "link", "img", "iframe") and value:
                    assert value.startswith("/") and not value.startswith("//"), (url, element)
        for asset in (attr(e, "src") or attr(e, "href") for e in page.elements if e["tag"] in ("script", "link")):
            if asset.startswith("/static/"):
                assert client.get(asset).status_code == 200, asset
