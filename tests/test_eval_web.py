"""The web extraction measurements: the benchmark's shingle metric, and the labelled page generator."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

import pytest
from script_modules import load_script

from indexer.identity import canonical_url

ROOT = Path(__file__).resolve().parent.parent


METRIC = load_script("eval_web_extraction.py")
PAGES = load_script("make_web_pages.py")
EVAL_PAGES = load_script("eval_web_pages.py")

TEXT = "The council met on Monday and voted to close the old bridge for repairs until spring."


# --- the metric --------------------------------------------------------------------------------------------


def test_identical_text_scores_one() -> None:
    counts = METRIC.match_counts(TEXT, TEXT)
    assert counts == (1.0, 0.0, 0.0)
    score = METRIC.body_score([counts])
    assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)


def test_disjoint_text_scores_zero() -> None:
    counts = METRIC.match_counts(TEXT, "Completely different words appear in this other sentence here.")
    assert counts[0] == 0.0
    assert METRIC.body_score([counts]).f1 == 0.0


def test_known_partial_overlap() -> None:
    # true: 5 tokens -> 2 shingles (a b c d, b c d e); predicted: 4 tokens -> 1 shingle, which is true
    tp, fp, fn = METRIC.match_counts("a b c d e", "a b c d")
    assert (tp, fp, fn) == (0.5, 0.0, 0.5)
    assert METRIC.page_precision(tp, fp, fn) == 1.0
    assert METRIC.page_recall(tp, fp, fn) == 0.5
    # predicted adds furniture: true 2 shingles kept, 3 extra shingles from "x y z" after them
    tp, fp, fn = METRIC.match_counts("a b c d e", "a b c d e x y z")
    assert METRIC.page_precision(tp, fp, fn) == pytest.approx(2 / 5)
    assert METRIC.page_recall(tp, fp, fn) == 1.0


def test_shingles_are_counted_with_repeats_and_short_texts_are_one_shingle() -> None:
    assert METRIC.shingles("one two") == {("one", "two"): 1}
    assert METRIC.shingles("") == {}
    assert sum(METRIC.shingles("w x y z w x y z").values()) == 5
    tp, fp, fn = METRIC.match_counts("w x y z w x y z", "w x y z")
    assert METRIC.page_recall(tp, fp, fn) == pytest.approx(1 / 5)


def test_score_averages_pages_and_takes_f1_of_the_means() -> None:
    perfect = METRIC.match_counts(TEXT, TEXT)
    half = METRIC.match_counts("a b c d e", "a b c d")  # precision 1, recall 0.5
    empty = METRIC.match_counts(TEXT, "")  # nothing predicted: no precision, recall 0
    score = METRIC.body_score([perfect, half, empty])
    assert score.precision == 1.0
    assert score.recall == pytest.approx(0.5)
    assert score.f1 == pytest.approx(2 * 1.0 * 0.5 / 1.5)


def test_reference_dates_from_url_and_metadata() -> None:
    assert METRIC.url_day("https://x.example.com/2019/11/19/story/") == "2019-11-19"
    assert METRIC.url_day("https://x.example.com/story-2019-11-19?p=2") == "2019-11-19"
    assert METRIC.url_day("https://x.example.com/2019/11/story") is None
    page = ('<html><head><meta property="article:published_time" content="2019-11-18T23:10:00-05:00">'
            "</head><body><p>Text</p></body></html>")
    assert METRIC.metadata_day(page) == "2019-11-18"
    ld = ('<html><head><script type="application/ld+json">{"@type": "NewsArticle", "datePublished": '
          '"2020-02-03T10:00:00Z"}</script></head><body><p>Text</p></body></html>')
    assert METRIC.metadata_day(ld) == "2020-02-03"
    assert METRIC.metadata_day("<html><body><p>No date here.</p></body></html>") is None


# --- the page generator ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def articles() -> list[object]:
    found = PAGES.load_articles(ROOT / "seeds")
    assert len(found) > 100
    return list(found)


def test_generator_is_deterministic(articles: list[object], tmp_path: Path) -> None:
    for name in ("a", "b"):
        PAGES.write_pages(tmp_path / name, PAGES.render(articles, 12, 4, seed=7), 7)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert files_a == files_b and len(files_a) == 12 + 4 + 1
    for relative in files_a:
        assert (tmp_path / "a" / relative).read_bytes() == (tmp_path / "b" / relative).read_bytes()
    other = PAGES.render(articles, 12, 4, seed=8)
    assert [label.source for label, _ in other] != [label.source for label, _ in PAGES.render(articles, 12, 4, 7)]


def test_labels_match_what_was_rendered(articles: list[object]) -> None:
    rendered = PAGES.render(articles, 16, 6, seed=20)
    assert {label.template for label, _ in rendered} >= {"broadsheet", "tabloid", "blog", "wire"}
    for label, html in rendered:
        assert escape(label.title) in html
        for paragraph in label.text.split("\n\n"):
            assert f">{escape(paragraph)}</p>" in html, (label.id, paragraph[:60])
        furniture = [phrase for phrase in PAGES.FURNITURE if escape(phrase) in html]
        assert len(furniture) >= 5 and not any(phrase in label.text for phrase in furniture)
        year, month, day = label.published.split("-")
        checks = {
            "og:article:published_time": f'"article:published_time" content="{label.published}T',
            "json-ld": f'"datePublished": "{label.published}T',
            "time": f'datetime="{label.published}',
            "text": PAGES.long_date(label.published),
        }
        for where in label.date_in:
            if where == "url":
                assert label.published in label.url or f"/{year}/{month}/{day}/" in label.url
            else:
                assert checks[where] in html, (label.id, where)


def test_duplicates_are_the_same_article_under_another_url(articles: list[object]) -> None:
    rendered = PAGES.render(articles, 16, 6, seed=20)
    by_id = {label.id: (label, html) for label, html in rendered}
    copies = [label for label, _ in rendered if label.duplicate_of]
    assert len(copies) == 6
    for copy in copies:
        original, _ = by_id[copy.duplicate_of]
        html = by_id[copy.id][1]
        assert copy.text == original.text and copy.url != original.url
        if "utm_source=" in copy.url:
            assert canonical_url(copy.url) == canonical_url(original.url)
        else:
            assert f'<link rel="canonical" href="{escape(original.url)}">' in html


def test_eval_web_pages_runs_on_a_small_set(articles: list[object], tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    PAGES.write_pages(tmp_path, PAGES.render(articles, 4, 2, seed=1), 1)
    assert EVAL_PAGES.main(["--data", str(tmp_path), "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    labels = json.loads((tmp_path / "labels.json").read_text(encoding="utf-8"))["pages"]
    assert f"## Body text: {len(labels)} pages" in out
    assert "| WARC (reader) |" in out and "| archive reader, WARC |" in out
    assert (tmp_path / "warc" / "pages.warc.gz").stat().st_size > 0


def test_furniture_kept_ignores_phrases_the_article_itself_contains() -> None:
    assert EVAL_PAGES.furniture_kept("Text. Share this article", "Text.") == ["Share this"]
    assert EVAL_PAGES.furniture_kept("Most read books of the year", "Most read books of the year") == []
