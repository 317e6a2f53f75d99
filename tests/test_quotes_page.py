"""The quotes page ``/quotes`` (HTML) against the real Elasticsearch node: form, hits, links, escaping, pages.

Expected values are computed from the corpus in ``test_web_corpus``.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from elasticsearch import Elasticsearch
from fastapi.testclient import TestClient
from test_web_corpus import WEB_DOCUMENTS, XSS_QUOTE, web_settings  # noqa: F401
from test_web_pages import Page, attr, text

from newsarchive.config import Settings
from web.app import create_app
from web.statement_params import STATEMENT_STANCES

pytestmark = pytest.mark.es


@pytest.fixture(scope="module")
def client(web_settings: Settings, es_client: Elasticsearch) -> Iterator[TestClient]:  # noqa: F811
    with TestClient(create_app(web_settings, es_client)) as test_client:
        yield test_client


def get_page(client: TestClient, url: str, **params: str | list[str]) -> tuple[str, Page]:
    response = client.get(url, params=params)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return response.text, Page(response.text)


def test_the_form_has_every_control_with_a_label(client: TestClient) -> None:
    html, page = get_page(client, "/quotes", stance=["says", "denies"], speaker="Dmitry Peskov", q="talks")
    inputs = {attr(e, "name"): e for e in page.elements if e["tag"] in ("input", "select")}
    assert set(inputs) >= {"q", "speaker", "stance", "from", "to", "direct"}
    assert attr(inputs["q"], "value") == "talks" and attr(inputs["speaker"], "value") == "Dmitry Peskov"
    boxes = [e for e in page.elements if e["tag"] == "input" and attr(e, "type") == "checkbox"]
    assert [attr(b, "value") for b in boxes] == list(STATEMENT_STANCES)
    checked = {attr(b, "value") for b in boxes if "checked" in e_attrs(b)}
    assert checked == {"says", "denies"}
    for control in page.elements:
        if control["tag"] in ("input", "select") and attr(control, "id"):
            assert f'for="{attr(control, "id")}"' in html
    assert sum(1 for e in page.elements if e["tag"] == "h1") == 1


def e_attrs(element: dict[str, object]) -> dict[str, object]:
    attrs = element["attrs"]
    assert isinstance(attrs, dict)
    return attrs


def test_hits_link_speaker_article_and_show_stance_badges(client: TestClient) -> None:
    expected = [
        (d, s) for d in WEB_DOCUMENTS for s in d["statements"] if s["resolved"] and s["speaker"] == "Dmitry Peskov"
    ]
    _, page = get_page(client, "/quotes", speaker="Dmitry Peskov")
    quotes = page.by_class("quote")
    assert len(quotes) == len(expected) > 1
    speakers = [e for e in page.by_class("speaker") if e["tag"] == "a"]
    assert {attr(e, "href") for e in speakers} == {"/persons/Dmitry%20Peskov"}
    badges = [attr(e, "class") for e in page.by_class("badge") if e["tag"] == "span"]
    shown = [c.split("stance-")[1] for c in badges if "stance-" in c][len(STATEMENT_STANCES):]  # after the form
    assert sorted(shown) == sorted(s["stance"] for _, s in expected)
    article_links = {attr(e, "href") for e in page.elements if attr(e, "href").startswith("/articles/")}
    assert article_links == {f"/articles/{d['id']}" for d, _ in expected}
    dates = {text(e) for e in page.elements if e["tag"] == "time"}
    assert dates == {d["published"] for d, _ in expected}


def test_unresolved_speakers_are_not_linked_and_matches_are_marked(client: TestClient) -> None:
    html, page = get_page(client, "/quotes", q="fiction")
    assert len(page.by_class("quote")) == 1
    (speaker,) = page.by_class("speaker")
    assert speaker["tag"] == "span" and "unresolved" in attr(speaker, "class") and text(speaker) == "officials"
    assert "/persons/officials" not in html
    assert "<mark>fiction</mark>" in html


def test_content_is_escaped(client: TestClient) -> None:
    html, page = get_page(client, "/quotes", q="fake")
    assert "<script>alert('quote')" not in html and "&lt;script&gt;" in html
    (content,) = page.by_class("quote-content")
    assert text(content) == XSS_QUOTE
    assert "direct" in attr(content, "class")


def test_pagination_walks_articles(client: TestClient) -> None:
    articles = {d["id"] for d in WEB_DOCUMENTS if d["statements"]}
    _, page = get_page(client, "/quotes", size="1")
    nav = [e for e in page.elements if e["tag"] == "nav" and attr(e, "aria-label") == "Pages"]
    assert nav
    links = [attr(e, "href") for e in page.elements if e["tag"] == "a" and attr(e, "href").startswith("/quotes?")]
    numbers = {int(parse_qs(urlsplit(h).query).get("page", ["1"])[0]) for h in links if "page=" in h}
    assert max(numbers) == len(articles)
    assert all(parse_qs(urlsplit(h).query)["size"] == ["1"] for h in links if "page=" in h)
    _, second = get_page(client, "/quotes", size="1", page="2")
    current = [e for e in second.elements if attr(e, "aria-current") == "page"]
    assert [text(e) for e in current] == ["2"]


def test_nav_links_to_the_quotes_page_and_bad_values_are_html_400(client: TestClient) -> None:
    _, search = get_page(client, "/")
    assert any(attr(e, "href") == "/quotes" for e in search.elements if e["tag"] == "a")
    bad = client.get("/quotes", params={"stance": "bogus"})
    assert bad.status_code == 400 and "text/html" in bad.headers["content-type"] and "Unknown stance" in bad.text


def test_no_inline_script_or_style(client: TestClient) -> None:
    _, page = get_page(client, "/quotes", q="talks")
    assert page.by_class("quote")
    for element in page.elements:
        assert "style" not in e_attrs(element), element
        if element["tag"] == "script":
            assert attr(element, "src").startswith("/static/") and not text(element)
        assert element["tag"] != "style"
    assert not any(name.startswith("on") for e in page.elements for name in e_attrs(e))
