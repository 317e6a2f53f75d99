"""A person's own statements on the person page and in ``/api/persons``: quotes newest first, stances per
month (stacked-bar SVG), most frequent targets. Pure chart tests, then the real Elasticsearch node.

Expected values are computed from the corpus in ``test_web_corpus``; unresolved statements never count.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from elasticsearch import Elasticsearch
from fastapi.testclient import TestClient
from test_web_corpus import WEB_DOCUMENTS, web_settings  # noqa: F401
from test_web_pages import Page, attr, text

from newsarchive.config import Settings
from web import timeline_svg as frame
from web.app import create_app
from web.models import CountValue, StanceMonth
from web.stance_chart_svg import render_stance_chart
from web.statement_query import TARGET_STANCES

PERSON = "Dmitry Peskov"


def month(day: str, **counts: int) -> StanceMonth:
    return StanceMonth(
        month=date.fromisoformat(day),
        total=sum(counts.values()),
        stances=[CountValue(value=k, count=v) for k, v in counts.items()],
    )


# --- pure: the chart -------------------------------------------------------------------------------------


def test_chart_is_empty_without_statements() -> None:
    assert render_stance_chart([]) == ""
    assert render_stance_chart([month("2024-01-01")]) == ""


def test_chart_draws_one_stacked_bar_per_month_with_a_segment_per_stance() -> None:
    svg = render_stance_chart([month("2024-01-01", says=2, denies=1), month("2024-03-01", opposes=4)], title="T")
    page = Page(svg)
    bars = [e for e in page.elements if e["tag"] == "g" and "month" in attr(e, "class").split()]
    assert [attr(b, "data-month") for b in bars] == ["2024-01-01", "2024-03-01"]
    segments = page.by_class("seg")
    assert [(attr(s, "class"), attr(s, "data-count")) for s in segments] == [
        ("seg stance-denies", "1"), ("seg stance-says", "2"), ("seg stance-opposes", "4")
    ]
    heights = [float(attr(s, "height")) for s in segments]
    assert heights[0] * 2 == pytest.approx(heights[1], abs=0.2)
    assert heights[2] == pytest.approx(sum(heights[:2]) * 4 / 3, abs=0.2)
    # March sits two month slots right of January (February has no bar but keeps its place).
    xs = [float(attr(s, "x")) for s in segments]
    slot = (frame.WIDTH - frame.MARGIN_LEFT - frame.MARGIN_RIGHT) / 3  # the chart uses the timeline's frame
    assert xs[0] == xs[1] and xs[2] - xs[0] == pytest.approx(2 * slot, abs=0.2)
    assert "2024-01: 3 statements (denies 1, says 2)" in svg


def test_chart_escapes_every_text() -> None:
    svg = render_stance_chart([month("2024-01-01", says=1)], title='<script>"x"</script>')
    assert "<script>" not in svg and "&lt;script&gt;" in svg


# --- real Elasticsearch -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(web_settings: Settings, es_client: Elasticsearch) -> Iterator[TestClient]:  # noqa: F811
    with TestClient(create_app(web_settings, es_client)) as test_client:
        yield test_client


def own(name: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(article, statement) pairs where ``name`` is the resolved speaker."""
    return [(d, s) for d in WEB_DOCUMENTS for s in d["statements"] if s["resolved"] and s["speaker"] == name]


def expected_months(name: str) -> dict[str, Counter[str]]:
    months: dict[str, Counter[str]] = defaultdict(Counter)
    for document, statement in own(name):
        if document["published"]:
            months[document["published"][:7]][statement["stance"]] += 1
    return dict(months)


@pytest.mark.es
def test_api_counts_stances_per_month_and_targets(client: TestClient) -> None:
    body = client.get(f"/api/persons/{PERSON}").json()
    got = {m["month"][:7]: Counter({c["value"]: c["count"] for c in m["stances"]}) for m in body["stance_months"]}
    assert got == expected_months(PERSON) and len(got) >= 3
    assert all(m["total"] == sum(c["count"] for c in m["stances"]) for m in body["stance_months"])
    for stance in TARGET_STANCES:
        targets = Counter(s["target"] for _, s in own(PERSON) if s["stance"] == stance and s["target"])
        assert {t["value"]: t["count"] for t in body["targets"][stance]} == dict(targets)
    assert any(body["targets"][s] for s in TARGET_STANCES)


@pytest.mark.es
def test_api_quotes_are_their_own_newest_first(client: TestClient) -> None:
    body = client.get(f"/api/persons/{PERSON.lower()}").json()
    quotes = body["statements"]
    assert sorted(q["evidence"] for q in quotes) == sorted(s["evidence"] for _, s in own(PERSON))
    days = [q["published"] for q in quotes]
    assert days == sorted(days, reverse=True)
    assert all(q["speaker"] == PERSON and q["resolved"] for q in quotes)


@pytest.mark.es
def test_unresolved_statements_never_count(client: TestClient) -> None:
    # "officials" speaks in the corpus, unresolved: no person page, and no statement in anyone's.
    assert any(not s["resolved"] for d in WEB_DOCUMENTS for s in d["statements"])
    assert client.get("/api/persons/officials").status_code == 404
    for name in {s["speaker"] for d in WEB_DOCUMENTS for s in d["statements"] if s["resolved"]}:
        body = client.get(f"/api/persons/{name}").json()
        assert len(body["statements"]) == len(own(name)), name
        assert sum(m["total"] for m in body["stance_months"]) == sum(1 for d, _ in own(name) if d["published"])


@pytest.mark.es
def test_person_page_draws_the_chart_legend_targets_and_quotes(client: TestClient) -> None:
    response = client.get(f"/persons/{PERSON}")
    assert response.status_code == 200
    page = Page(response.text)
    assert len([e for e in page.elements if e["tag"] == "svg" and "stance-chart" in attr(e, "class")]) == 1
    bars = [e for e in page.elements if e["tag"] == "g" and "month" in attr(e, "class").split()]
    months = expected_months(PERSON)
    assert sorted(attr(b, "data-month")[:7] for b in bars) == sorted(months)
    drawn: dict[str, Counter[str]] = defaultdict(Counter)
    current = ""
    for element in page.elements:
        if element in bars:
            current = attr(element, "data-month")[:7]
        elif "seg" in attr(element, "class").split():
            stance = attr(element, "class").split("stance-")[1]
            drawn[current][stance] += int(attr(element, "data-count"))
    assert dict(drawn) == months
    swatches = [attr(e, "class").split("stance-")[1] for e in page.by_class("legend-swatch")]
    assert sorted(swatches) == sorted(["denies", "confirms", "no_comment", "claims", "supports", "opposes", "says"])
    panels = {attr(e, "data-stance"): e for e in page.by_class("targets")}
    assert set(panels) == set(TARGET_STANCES)
    for stance in TARGET_STANCES:
        for target in {s["target"] for _, s in own(PERSON) if s["stance"] == stance and s["target"]}:
            assert target in text(panels[stance])
    quotes = page.by_class("quote-content")
    contents = [s["content"] for _, s in own(PERSON) if s["content"]]
    assert sorted(text(q) for q in quotes) == sorted(contents)
    assert any(attr(e, "href") == "/quotes?speaker=Dmitry%20Peskov" for e in page.elements)


def test_own_statements_skip_unresolved_and_keep_statements_stored_before_issue_18() -> None:
    from web.persons import own_statements

    old = {"speaker": PERSON, "stance": "denies", "evidence": "old shape, no resolved key"}
    unresolved = {"speaker": PERSON, "stance": "says", "resolved": False, "evidence": "as written"}
    other = {"speaker": "Olaf Scholz", "stance": "says", "resolved": True, "evidence": "someone else"}
    article = {"_id": "a", "_source": {"id": "a", "title": "T", "published": "2024-01-02T00:00:00",
                                       "statements": [old, unresolved, other]}}
    (found,) = own_statements(PERSON.upper(), [article])
    assert found["evidence"] == old["evidence"] and found["published"] == "2024-01-02"
