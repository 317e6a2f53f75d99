"""The main reading flows in a real headless Chromium (Debian's ``/usr/bin/chromium``, driven by Playwright),
against the app served by uvicorn on a free loopback port and the real Elasticsearch node.

Screenshots of each step go to ``test-artifacts/browser/`` (git-ignored).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch
from playwright.sync_api import Browser, Page, expect, sync_playwright
from served_app import served
from test_web_api import counts, has, matching, mentions
from test_web_corpus import WEB_DOCUMENTS, web_settings  # noqa: F401

from newsarchive.config import PROJECT_ROOT, Settings
from web.app import create_app

pytestmark = [pytest.mark.browser, pytest.mark.es]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = PROJECT_ROOT / "test-artifacts" / "browser"
PERSON = "Dmitry Peskov"


@pytest.fixture(scope="module")
def base_url(web_settings: Settings, es_client: Elasticsearch) -> Iterator[str]:  # noqa: F811
    """The app served by uvicorn in a background thread; stopped after the module."""
    with served(create_app(web_settings, es_client)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install -y chromium (make test does it)"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def facet_count(page: Page, facet: str, value: str) -> int:
    link = page.locator(f'a.facet-value[data-facet="{facet}"][data-value="{value}"]')
    return int(link.locator(".count").inner_text().replace(",", ""))


def test_search_pick_a_person_open_an_article_see_the_evidence_follow_the_person(
    browser: Browser, base_url: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    # 1. Search.
    page.goto(base_url + "/")
    page.get_by_label("Search articles").fill("call")
    page.get_by_role("button", name="Search").click()
    matched = matching(mentions("call"))
    expect(page.locator(".hit")).to_have_count(len(matched))
    expect(page.locator("h1.results-heading")).to_contain_text(f"{len(matched)} articles")
    assert facet_count(page, "person", PERSON) == counts(matched, "persons")[PERSON]
    sources_before = {s: facet_count(page, "source", s) for s in counts(matched, "source")}
    assert sources_before == counts(matched, "source")
    # The timeline bars stand on the axis and the tallest one reaches up to the peak.
    axis_bottom = page.locator("svg.timeline line.axis").bounding_box()
    assert axis_bottom is not None
    bars = [b for b in (bar.bounding_box() for bar in page.locator("svg.timeline rect.tl-bar").all()) if b]
    assert bars
    for box in bars:
        assert abs(box["y"] + box["height"] - axis_bottom["y"]) <= 2, (box, axis_bottom)
    shot(page, "1-search")

    # 2. Pick the person facet: the hits narrow, a chip appears, the other facets recount.
    page.locator(f'a.facet-value[data-facet="person"][data-value="{PERSON}"]').click()
    narrowed = [d for d in matched if has("persons", PERSON)(d)]
    expect(page.locator(".hit")).to_have_count(len(narrowed))
    expect(page.locator("a.chip")).to_contain_text(f"Person: {PERSON}")
    assert "person=Dmitry+Peskov" in page.url
    sources_after = counts(narrowed, "source")
    for source in sources_after:
        assert facet_count(page, "source", source) == sources_after[source]
    assert sources_after != sources_before
    shot(page, "2-person-facet")

    # 3. Open an article of the person.
    article = next(d for d in narrowed if any(s["speaker"] == PERSON for s in d["statements"]))
    page.get_by_role("link", name=article["title"]).click()
    expect(page.locator("h1")).to_have_text(article["title"])
    shot(page, "3-article")

    # 4. The stance evidence: speaker, stance badge, cue highlighted in the evidence.
    said = next(s for s in article["statements"] if s["speaker"] == PERSON)
    row = page.locator("table.statements-table tbody tr").filter(has_text=said["evidence"][:40])
    expect(row).to_have_count(1)
    expect(row.locator(".badge")).to_have_text(said["stance"].replace("_", " "))
    expect(row.locator("mark.cue")).to_have_text(said["cue"])
    row.scroll_into_view_if_needed()
    shot(page, "4-evidence")

    # 5. Follow the person link to the person page.
    row.get_by_role("link", name=PERSON).click()
    expect(page.locator("h1")).to_have_text(PERSON)
    theirs = matching(lambda d: has("persons", PERSON)(d) or PERSON in d["speakers"])
    expect(page.locator("p.lead")).to_contain_text(f"{len(theirs)} articles")
    expect(page.locator("svg.timeline")).to_be_visible()
    shot(page, "5-person")
    assert errors == []
    page.close()


def test_autocomplete_offers_names_as_the_reader_types(browser: Browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "/?q=call")
    box = page.get_by_label("Add person")
    box.press_sequentially("pes", delay=30)
    options = page.locator("#list-person option")
    expect(options).to_have_count(1)
    assert options.first.get_attribute("value") == PERSON
    box.fill(PERSON)
    box.press("Enter")
    expect(page.locator("a.chip")).to_contain_text(f"Person: {PERSON}")
    assert "q=call" in page.url
    shot(page, "6-autocomplete-added")
    page.close()


def test_the_pages_work_without_javascript_on_a_phone(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base_url + "/")
    expect(page.locator(".hit")).to_have_count(min(len(WEB_DOCUMENTS), 20))
    page.locator('a.facet-value[data-facet="country"][data-value="Ukraine"]').click()
    expect(page.locator(".hit")).to_have_count(len(matching(has("countries", "Ukraine"))))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the phone layout scrolls sideways ({width}px)"
    shot(page, "7-phone-no-js")
    page.get_by_role("link", name="Newest").click()
    assert "sort=newest" in page.url and "country=Ukraine" in page.url
    context.close()


def test_keyboard_reaches_the_search_box_and_the_facets(browser: Browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "/?q=call")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    focused_classes: set[str] = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        focused_classes.add(str(page.evaluate("document.activeElement.className")))
    assert "facet-value" in focused_classes
    page.close()
