"""Server-side rendering helpers: timeline SVG, Atom feed, evidence split, pagination window (pure)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime

import pytest

from web.articles import split_evidence
from web.feeds import ATOM_NS, atom_feed
from web.models import SearchHit, Timeline, TimelineBucket
from web.page_views import MAX_BADGES, hit_views, page_window
from web.timeline_svg import render_timeline

SVG = "{http://www.w3.org/2000/svg}"


def _timeline() -> Timeline:
    counts = [3, 0, 7, 1]
    buckets = [
        TimelineBucket(start=date(2024, m, 1), end=date(2024, m + 1, 1), count=c)
        for m, c in zip(range(1, 5), counts, strict=True)
    ]
    return Timeline(interval="month", buckets=buckets)


def test_timeline_draws_one_link_per_non_empty_bucket_scaled_to_the_peak() -> None:
    timeline = _timeline()
    svg = ET.fromstring(render_timeline(timeline, lambda b: f"/?published_from={b.start}&x=<y>"))
    links = svg.findall(f"{SVG}a")
    non_empty = [b for b in timeline.buckets if b.count]
    assert len(links) == len(non_empty)
    heights = [float(a.findall(f"{SVG}rect")[1].get("height", "0")) for a in links]
    peak_index = max(range(len(non_empty)), key=lambda i: non_empty[i].count)
    assert heights[peak_index] == max(heights)
    assert links[0].get("href") == f"/?published_from={non_empty[0].start}&x=<y>"  # escaped in, parsed back out
    assert links[0].get("aria-label") == f"2024-01: {non_empty[0].count} articles"


def test_timeline_escapes_its_title_and_is_empty_without_buckets() -> None:
    markup = render_timeline(_timeline(), lambda b: "/", title='<script>"x"</script>')
    assert "<script>" not in markup
    assert render_timeline(Timeline(interval="day", buckets=[]), lambda b: "/") == ""


def test_atom_feed_is_valid_xml_with_escaped_titles() -> None:
    hits = [
        SearchHit(
            id="a1",
            title='A <b>bold</b> & "quoted" title',
            title_html="",
            published="2024-11-11",
            source="Wire",
            url="https://example.org/a1",
            snippet_html="x <mark>y</mark>",
        ),
        SearchHit(id="a2", title="Undated", title_html="", published=None),
    ]
    now = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    feed = ET.fromstring(
        atom_feed(
            hits,
            title="t",
            feed_url="http://h/feed.atom?q=x",
            search_url="http://h/?q=x",
            article_url=lambda i: f"http://h/articles/{i}",
            now=now,
        )
    )
    ns = {"a": ATOM_NS}
    entries = feed.findall("a:entry", ns)
    assert [e.findtext("a:title", namespaces=ns) for e in entries] == [h.title for h in hits]
    assert entries[0].findtext("a:id", namespaces=ns) == "http://h/articles/a1"
    assert entries[0].findtext("a:updated", namespaces=ns) == "2024-11-11T00:00:00Z"
    assert entries[1].findtext("a:updated", namespaces=ns) == "2025-01-02T03:04:05Z"
    assert entries[0].find("a:summary", ns) is not None
    assert entries[0].find("a:summary", ns).get("type") == "html"  # type: ignore[union-attr]
    assert feed.findtext("a:updated", namespaces=ns) == "2025-01-02T03:04:05Z"
    assert feed.find("a:link[@rel='self']", ns).get("href") == "http://h/feed.atom?q=x"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("evidence", "cue", "parts"),
    [
        ("Peskov denied the report.", "denied", ("Peskov ", "denied", " the report.")),
        ("Peskov DENIED the report.", "denied", ("Peskov ", "DENIED", " the report.")),
        ("He declined to comment on it.", "declined to comment", ("He ", "declined to comment", " on it.")),
        ("No cue here.", "denied", ("No cue here.", "", "")),
        ("Straße denied (really?)", "(really?)", ("Straße denied ", "(really?)", "")),
        ("Empty cue.", "", ("Empty cue.", "", "")),
    ],
)
def test_split_evidence_marks_the_cue(evidence: str, cue: str, parts: tuple[str, str, str]) -> None:
    split = split_evidence(evidence, cue)
    assert (split.before, split.cue, split.after) == parts


@pytest.mark.parametrize(
    ("current", "last", "window"),
    [
        (1, 0, []),
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (5, 10, [1, None, 3, 4, 5, 6, 7, None, 10]),
        (1, 10, [1, 2, 3, None, 10]),
        (10, 10, [1, None, 8, 9, 10]),
    ],
)
def test_page_window(current: int, last: int, window: list[int | None]) -> None:
    assert page_window(current, last) == window


@pytest.mark.parametrize(
    ("speaker_stances", "stances", "expected", "more"),
    [
        (
            ["Dmitry Peskov|denies", "Steven Cheung|no_comment"],
            ["denies", "no_comment"],
            [
                ("denies", "denies", "Dmitry Peskov", "/?speaker_stance=Dmitry+Peskov%7Cdenies"),
                ("no_comment", "no comment", "Steven Cheung", "/?speaker_stance=Steven+Cheung%7Cno_comment"),
            ],
            0,
        ),
        ([f"Speaker {n}|claims" for n in range(6)], ["claims"], None, 2),
        ([], ["no_comment", "opposes"], [("no_comment", "no comment", "", ""), ("opposes", "opposes", "", "")], 0),
        (["odd value"], [], [("", "odd value", "", "")], 0),
    ],
)
def test_hit_views_carry_the_article_link_and_at_most_four_badges(
    speaker_stances: list[str], stances: list[str], expected: list[tuple[str, str, str, str]] | None, more: int
) -> None:
    hit = SearchHit(id="a/b c", title="T", title_html="T", stances=stances, speaker_stances=speaker_stances)
    (view,) = hit_views([hit])
    assert view.href == "/articles/a%2Fb%20c"
    assert len(view.badges) <= MAX_BADGES and view.more_badges == more
    if expected is not None:
        assert [(b.stance, b.label, b.speaker, b.href) for b in view.badges] == expected
