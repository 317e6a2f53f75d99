"""Hostile text stays text, in a real headless Chromium (issue 16).

An article whose title, body, person names, statements, organisation, source, URL and (in a second
article) id hold ``<script>``, ``onerror=`` / ``onload=`` attributes and ``javascript:`` URLs is indexed
into the real test node. Its search result, article page, person pages, Atom entry and JSON are opened
in Chromium, which listens for dialogs (every payload calls ``alert``), page errors and console errors
(a Content-Security-Policy violation is one): none may occur, the payloads set no global flag, no link
has a ``javascript:`` URL, and the hostile text is shown as written.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote

import pytest
from elasticsearch import Elasticsearch
from playwright.sync_api import Browser, ConsoleMessage, Page, expect
from served_app import served
from test_browser_flows import browser, shot  # noqa: F401
from test_web_corpus import article, index_documents, statement

from newsarchive.config import Settings
from web.app import create_app
from web.feeds import ATOM_NS

pytestmark = [pytest.mark.browser, pytest.mark.es]

HOSTILE_TITLE = "Probe <script>window.xssRan=1;alert('title')</script> <img src=x onerror=alert('title-img')> headline"
HOSTILE_PERSON = "Eve <img src=x onerror=\"window.xssRan=1;alert('person')\">"
URL_PERSON = "javascript:alert('person-url')"
HOSTILE_SOURCE = "<script>alert('source')</script>Source"
HOSTILE_ORG = "<svg onload=alert('org')></svg> Org"
HOSTILE_URL = "javascript:alert('original')"
HOSTILE_EVIDENCE = "Eve said <script>alert('evidence')</script> it was <b onmouseover=alert('cue')>loud</b>."
HOSTILE_TEXT = (
    "Probe paragraph <script>window.xssRan=1;alert('body')</script> one.\n"
    "<img src=x onerror=alert('body-img')> and <a href=\"javascript:alert('body-link')\">a link</a>.\n"
    "<svg onload=alert('svg')></svg> \"><iframe src=\"javascript:alert('iframe')\"></iframe> end.\n" + HOSTILE_EVIDENCE
)
HOSTILE_ID = "x\"><img src=x onerror=alert('id')>"


def hostile_documents() -> list[dict[str, Any]]:
    """Two documents in the indexer's shape: every text field of the first is hostile; the second has a
    hostile id."""
    first = article(
        "xss-probe",
        HOSTILE_TITLE,
        HOSTILE_TEXT,
        published="2024-01-02",
        source=HOSTILE_SOURCE,
        persons=(HOSTILE_PERSON, URL_PERSON),
        countries=("US",),
        organizations=(HOSTILE_ORG,),
        statements=(statement(HOSTILE_PERSON, "denies", "said", HOSTILE_EVIDENCE, target="<i>x</i>"),),
    )
    second = article(
        HOSTILE_ID, "Second probe", "Probe text of the second article.", published="2024-01-03", source="Notes"
    )
    return [{**first, "url": HOSTILE_URL}, second]


@pytest.fixture(scope="module")
def base_url(es_settings: Settings, es_client: Elasticsearch) -> Iterator[str]:
    """The hostile articles behind an alias of their own, served by uvicorn on a free loopback port."""
    settings = es_settings.model_copy(update={"index_prefix": f"{es_settings.index_prefix}xss{uuid.uuid4().hex[:6]}-"})
    index = index_documents(es_client, settings, hostile_documents())
    with served(create_app(settings, es_client)) as url:
        yield url
    es_client.options(ignore_status=404).indices.delete(index=index)


class Watched:
    """A page with listeners for everything a script running would leave behind."""

    def __init__(self, chromium: Browser) -> None:
        self.page = chromium.new_page(viewport={"width": 1280, "height": 900})
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", self._console)

    def _console(self, message: ConsoleMessage) -> None:
        # A document without <link rel="icon"> (the feed's XML, the JSON) makes Chromium ask for
        # /favicon.ico, which the archive does not serve: that 404 is the only error let through.
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            self.errors.append(f"{message.text} ({message.location.get('url')})")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, url: str) -> Page:
        response = self.page.goto(url)
        assert response is not None and response.status == 200, (url, response and response.status)
        self.page.wait_for_load_state("load")
        return self.page

    def assert_nothing_ran(self) -> None:
        self.page.wait_for_timeout(300)  # lets a late onerror / onload fire, were there one
        assert self.dialogs == [], self.dialogs
        assert self.errors == [], self.errors
        assert self.page.evaluate("typeof window.xssRan") == "undefined"
        assert self.page.locator("script:not([src])").count() == 0
        assert self.page.locator("a[href^='javascript:' i], iframe, img[src='x']").count() == 0


def test_search_result_shows_the_hostile_text_and_runs_nothing(browser: Browser, base_url: str) -> None:  # noqa: F811
    watched = Watched(browser)
    page = watched.open(base_url + "/?q=probe")
    hits = page.locator(".hit")
    expect(hits).to_have_count(2)
    expect(page.locator(".hit-title").filter(has_text="headline")).to_have_text(HOSTILE_TITLE)
    facet_values = [a.get_attribute("data-value") for a in page.locator('a.facet-value[data-facet="person"]').all()]
    assert HOSTILE_PERSON in facet_values and URL_PERSON in facet_values
    expect(page.locator("body")).to_contain_text(HOSTILE_SOURCE)
    shot(page, "xss-1-search")
    watched.assert_nothing_ran()
    # Following the hit with the hostile id opens its page.
    page.get_by_role("link", name="Second probe").click()
    expect(page.locator("h1")).to_have_text("Second probe")
    watched.assert_nothing_ran()
    page.close()


def test_article_page_shows_the_hostile_text_and_runs_nothing(browser: Browser, base_url: str) -> None:  # noqa: F811
    watched = Watched(browser)
    page = watched.open(base_url + "/articles/xss-probe")
    expect(page.locator("h1")).to_have_text(HOSTILE_TITLE)
    text = page.locator(".article-text")
    for line in HOSTILE_TEXT.splitlines():
        expect(text).to_contain_text(line)
    expect(page.locator("table.statements-table .evidence")).to_have_text(HOSTILE_EVIDENCE)
    expect(page.locator("a.entity.person").first).to_have_text(HOSTILE_PERSON)
    expect(page.locator(".entity-list")).to_contain_text([HOSTILE_PERSON])
    expect(page.locator("body")).to_contain_text(HOSTILE_ORG)
    original = page.locator("dt", has_text="Original").locator("xpath=following-sibling::dd")
    expect(original).to_have_text(HOSTILE_URL)
    assert original.locator("a").count() == 0, "a javascript: URL is not made a link"
    shot(page, "xss-2-article")
    watched.assert_nothing_ran()
    # The person link leads to the person page, which shows the name as text.
    page.locator("a.entity.person").first.click()
    expect(page.locator("h1")).to_have_text(HOSTILE_PERSON)
    shot(page, "xss-3-person")
    watched.assert_nothing_ran()
    page.close()


def test_person_pages_show_the_names_and_run_nothing(browser: Browser, base_url: str) -> None:  # noqa: F811
    watched = Watched(browser)
    for name in (HOSTILE_PERSON, URL_PERSON):
        page = watched.open(base_url + "/persons/" + quote(name, safe=""))
        expect(page.locator("h1")).to_have_text(name)
        expect(page.locator("p.lead")).to_contain_text("1 article")
        watched.assert_nothing_ran()
    page = watched.open(base_url + "/articles/" + quote(HOSTILE_ID, safe=""))
    expect(page.locator("h1")).to_have_text("Second probe")
    watched.assert_nothing_ran()
    watched.page.close()


class MarkupTags(HTMLParser):
    """The tags and attributes of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.extend(name for name, _ in attrs)


def test_atom_entry_and_json_hold_the_text_and_run_nothing(browser: Browser, base_url: str) -> None:  # noqa: F811
    watched = Watched(browser)
    response = watched.page.request.get(base_url + "/feed.atom?q=probe")
    assert response.ok
    feed = ET.fromstring(response.body())
    entries = {e.findtext(f"{{{ATOM_NS}}}title"): e for e in feed.iter(f"{{{ATOM_NS}}}entry")}
    assert set(entries) == {HOSTILE_TITLE, "Second probe"}
    entry = entries[HOSTILE_TITLE]
    assert all(link.get("href", "").startswith(base_url) for link in entry.iter(f"{{{ATOM_NS}}}link"))
    summary = entry.findtext(f"{{{ATOM_NS}}}summary") or ""
    tags = MarkupTags()
    tags.feed(summary)  # what a feed reader renders as HTML
    assert tags.tags <= {"mark"} and tags.attributes == [], (tags.tags, tags.attributes)
    assert "&lt;script&gt;" in summary
    watched.open(base_url + "/feed.atom?q=probe")  # Chromium shows the XML as a tree
    watched.assert_nothing_ran()
    page = watched.open(base_url + "/api/search?q=probe")
    expect(page.locator("body")).to_contain_text("xss-probe")
    watched.assert_nothing_ran()
    page.close()


def test_the_api_docs_run_under_the_strict_policy(browser: Browser, base_url: str) -> None:  # noqa: F811
    """Swagger UI is started by a static script: under the Content-Security-Policy it renders every
    operation with no violation reported (a blocked inline script or style would be a console error)."""
    watched = Watched(browser)
    page = watched.open(base_url + "/docs")
    operations = len(page.request.get(base_url + "/openapi.json").json()["paths"])  # one GET per path
    expect(page.locator(".opblock-summary-path")).to_have_count(operations)
    expect(page.locator(".opblock-summary-path").first).to_contain_text("/api/")
    page.locator(".opblock-summary-control").first.click()
    expect(page.locator(".opblock-body").first).to_be_visible()
    shot(page, "xss-4-docs")
    watched.assert_nothing_ran()
    page.close()
