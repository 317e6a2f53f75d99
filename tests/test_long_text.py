"""Long articles: windows through spaCy, merged docs with exact offsets, the cap on enriched characters,
the bare enrichment without NLP, and the settings threaded through the enricher (real spaCy model)."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from indexer.enrich import pipeline
from indexer.enrich.cache import content_key
from indexer.enrich.enricher import Enricher
from indexer.enrich.nlp import load_model
from indexer.enrich.pipeline import (
    ENRICHMENT_VERSION,
    ArticleText,
    bare_enrichment,
    enrich_texts,
    pipeline_components,
    prepare,
)
from indexer.enrich.types import Enrichment
from indexer.enrich.windows import cut_point, enriched_part, merge_docs, split_windows
from newsarchive.config import Settings

pytestmark = pytest.mark.nlp
ROOT = Path(__file__).resolve().parent.parent
REFERENCE = json.loads((ROOT / "seeds" / "reference.jsonl").read_text(encoding="utf-8").splitlines()[0])
#: The reference article's own paragraphs (its "Related:" list and appeal would end the cleaned text early).
PARAGRAPHS: list[str] = REFERENCE["text"].split("\n")[:11]
LAST_WINDOW_PERSON = "Jens Stoltenberg"
LAST_WINDOW_PARAGRAPH = (
    "NATO Secretary General Jens Stoltenberg said on 9 March 2016 that the alliance would hold its next "
    "summit in Brussels."
)
PAST_CAP_PERSON = "Olaf Scholz"
PAST_CAP_PARAGRAPH = (
    "German Chancellor Olaf Scholz told reporters in Berlin on 3 February 2015 that the talks had failed."
)


@pytest.mark.parametrize(
    ("text", "limit", "windows"),
    [
        ("short text", 20, ["short text"]),
        ("", 5, [""]),
        # paragraph end (blank line) in the second half of the window: cut right after it
        ("Aaa bbb ccc.\n\nDdd eee fff.", 16, ["Aaa bbb ccc.\n\n", "Ddd eee fff."]),
        # a paragraph end in the first half is too early: the last sentence end in the second half wins
        ("Aa.\n\nBb cc. Dd ee. Ff gg hh ii", 16, ["Aa.\n\nBb cc. ", "Dd ee. Ff gg hh ", "ii"]),
        # sentence end, closing quote included, over a later space
        ('He said "no." Then he left the room', 18, ['He said "no." ', "Then he left the ", "room"]),
        # no sentence end: the last whitespace
        ("alpha beta gamma delta", 12, ["alpha beta ", "gamma delta"]),
        # a run of spaces: cut after its last space
        ("alpha  beta", 7, ["alpha  ", "beta"]),
        ("alpha  beta", 6, ["alpha ", " beta"]),
        # no boundary at all: hard cuts
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),
        # a boundary only in the first half of the window does not count: hard cut
        ("ab cdefghijklmn", 8, ["ab cdefg", "hijklmn"]),
    ],
)
def test_split_windows_cuts_at_the_best_boundary(text: str, limit: int, windows: list[str]) -> None:
    assert split_windows(text, limit) == windows
    assert "".join(windows) == text
    assert all(len(window) <= limit for window in windows)


def test_split_windows_never_exceeds_the_limit_and_loses_nothing() -> None:
    rng = random.Random(7)
    pieces = ["word", "Word.", "\n\n", " ", "  ", "\n", "x" * 30, "end!” ", "(a)", "?"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 80)))
        limit = rng.randint(1, 60)
        windows = split_windows(text, limit)
        assert "".join(windows) == text
        assert all(0 < len(window) <= limit for window in windows if text)


@pytest.mark.parametrize(
    ("text", "max_chars", "part"),
    [
        ("One. Two.", 20, "One. Two."),
        ("First para.\n\nSecond para is long.", 20, "First para."),
        ("One two three. Four five six seven", 22, "One two three."),
        ("abcdefghij", 6, "abcdef"),
    ],
)
def test_enriched_part_is_a_prefix_cut_at_or_below_the_cap(text: str, max_chars: int, part: str) -> None:
    assert enriched_part(text, max_chars) == part
    assert text.startswith(part) and len(part) <= max_chars


def test_cut_point_rejects_an_empty_window() -> None:
    with pytest.raises(ValueError):
        cut_point("text", 0, 0)


def test_merged_window_docs_have_the_text_tokens_and_offsets_of_the_text() -> None:
    nlp = load_model(*pipeline_components())
    text = "\n\n".join(PARAGRAPHS * 6)
    windows = split_windows(text, 4000)
    assert len(windows) >= 3
    whole = nlp(text)
    merged = merge_docs(list(nlp.pipe(windows)))
    assert merged.text == text
    assert [(t.text, t.whitespace_, t.idx) for t in merged] == [(t.text, t.whitespace_, t.idx) for t in whole]
    assert all(text[e.start_char : e.end_char] == e.text for e in merged.ents)
    persons = {e.text for e in merged.ents if e.label_ == "PERSON"}
    assert persons == {e.text for e in whole.ents if e.label_ == "PERSON"}


def _long_body(total: int, person_at: int, past_cap_at: int) -> str:
    """Reference paragraphs repeated to ``total`` characters, with the last-window person's paragraph
    starting exactly at character ``person_at`` (a filler paragraph before it takes up the slack) and the
    past-the-cap person's paragraph at the first paragraph start from ``past_cap_at`` on."""
    parts: list[str] = []
    length = 0
    while length < person_at - 600:
        parts.append(PARAGRAPHS[len(parts) % len(PARAGRAPHS)])
        length += len(parts[-1]) + 2
    filler = ("The talks went on late into the night. " * 20)[: person_at - length - 3] + "."
    parts += [filler, LAST_WINDOW_PARAGRAPH]
    length += len(filler) + len(LAST_WINDOW_PARAGRAPH) + 4
    past_cap_placed = False
    while length < total:
        if not past_cap_placed and length >= past_cap_at:
            parts.append(PAST_CAP_PARAGRAPH)
            past_cap_placed = True
        else:
            parts.append(PARAGRAPHS[len(parts) % len(PARAGRAPHS)])
        length += len(parts[-1]) + 2
    return "\n\n".join(parts)


def _check_long_enrichment(result: Enrichment | str, article: ArticleText, window: int, cap: int) -> None:
    assert not isinstance(result, str), result
    cleaned = prepare(article).text
    assert result["text"] == cleaned  # the whole text is indexed
    part = enriched_part(cleaned, cap)
    assert LAST_WINDOW_PARAGRAPH in split_windows(part, window)[-1]
    assert PAST_CAP_PARAGRAPH in cleaned and PAST_CAP_PARAGRAPH not in part
    names = {person["name"] for person in result["persons"]}
    assert LAST_WINDOW_PERSON in names
    assert PAST_CAP_PERSON not in names
    assert "2016-03-09" in result["dates"] and "2015-02-03" not in result["dates"]
    assert result["statements"]
    for statement in result["statements"]:
        assert statement["end"] <= len(part)
        assert cleaned[statement["start"] : statement["end"]] == statement["evidence"]


def test_a_5_4_million_character_article_is_enriched_up_to_the_cap() -> None:
    window, cap = 50_000, 300_000
    body = _long_body(5_400_000, person_at=cap - 300, past_cap_at=2_000_000)
    article = ArticleText(REFERENCE["title"], body, REFERENCE["published"])
    (result,) = enrich_texts([article], batch_size=8, window_chars=window, max_chars=cap)
    _check_long_enrichment(result, article, window, cap)


def test_the_past_cap_paragraph_is_enriched_when_under_the_cap() -> None:
    body = "\n\n".join([*PARAGRAPHS, LAST_WINDOW_PARAGRAPH, PAST_CAP_PARAGRAPH])
    (result,) = enrich_texts([ArticleText(REFERENCE["title"], body, REFERENCE["published"])], batch_size=8)
    assert not isinstance(result, str)
    assert {LAST_WINDOW_PERSON, PAST_CAP_PERSON} <= {person["name"] for person in result["persons"]}
    assert {"2016-03-09", "2015-02-03"} <= set(result["dates"])


def test_three_windows_give_the_persons_of_one_window() -> None:
    body = "\n\n".join([*PARAGRAPHS * 3, LAST_WINDOW_PARAGRAPH, *PARAGRAPHS * 3, PAST_CAP_PARAGRAPH])
    article = ArticleText(REFERENCE["title"], body, REFERENCE["published"])
    window = len(prepare(article).text) // 3 + 200
    (windowed,) = enrich_texts([article], batch_size=8, window_chars=window)
    (whole,) = enrich_texts([article], batch_size=8)
    assert not isinstance(windowed, str) and not isinstance(whole, str)
    assert len(split_windows(windowed["text"], window)) == 3
    assert windowed["persons"] == whole["persons"]
    assert windowed["text"] == whole["text"]
    assert windowed["statements"] == whole["statements"]


def test_default_settings_handle_the_5_4_million_character_article() -> None:
    """Defaults (windows of 200,000, cap 1,000,000) in a fresh process: it enriches, and its peak memory is
    bounded (measured 784 MB and 26.5 s: docs/enrichment.md, "Long articles")."""
    script = (
        "import json, resource, sys, time\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from tests.test_long_text import REFERENCE, _long_body, _check_long_enrichment\n"
        "from indexer.enrich.pipeline import ArticleText, enrich_texts\n"
        "body = _long_body(5_400_000, person_at=999_700, past_cap_at=3_000_000)\n"
        "article = ArticleText(REFERENCE['title'], body, REFERENCE['published'])\n"
        "start = time.perf_counter()\n"
        "(result,) = enrich_texts([article], batch_size=32)\n"
        "seconds = time.perf_counter() - start\n"
        "_check_long_enrichment(result, article, 200_000, 1_000_000)\n"
        "rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(json.dumps({'chars': len(body), 'seconds': round(seconds, 1), 'peak_rss_kib': rss}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(ROOT)], capture_output=True, text=True, timeout=900, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    measured = json.loads(done.stdout.strip().splitlines()[-1])
    print(measured)
    assert measured["chars"] >= 5_400_000
    assert measured["peak_rss_kib"] < 2_500_000


def test_bare_enrichment_has_title_cleaned_text_and_date_only() -> None:
    body = "Friday, January 4, 2019\n\nJoe Biden met Olaf Scholz in Berlin on 3 January 2019.\n\nShare this"
    bare = bare_enrichment(ArticleText("  A   title ", body, None), max_chars=1_000)
    assert set(bare) == set(Enrichment.__annotations__)
    assert bare["title"] == "A title"
    assert bare["text"] == "Joe Biden met Olaf Scholz in Berlin on 3 January 2019."
    assert (bare["published"], bare["published_source"]) == ("2019-01-04", "dateline")
    assert bare["enrichment_version"] == ENRICHMENT_VERSION
    for field in ("dates", "persons", "countries", "places", "organizations", "statements", "stances"):
        assert bare[field] == []


def test_bare_enrichment_keeps_the_raw_body_when_cleaning_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str) -> str:
        raise RuntimeError("cleaning failed")

    monkeypatch.setattr(pipeline, "clean_body", broken)
    bare = bare_enrichment(ArticleText("Title", "Raw  body\n\ntext", "2024-11-11T10:00:00Z"), max_chars=1_000)
    assert bare["text"] == "Raw  body\n\ntext"
    assert (bare["published"], bare["published_source"]) == ("2024-11-11", "metadata")
    assert bare["persons"] == [] and bare["dates"] == []


def test_settings_reach_the_enricher_and_its_cache_key(tmp_path: Path) -> None:
    settings = Settings(cache_dir=tmp_path, enrich_window_chars=5_000, enrich_max_chars=20_000)
    with Enricher.from_settings(settings, use_cache=False) as enricher:
        assert (enricher.window_chars, enricher.max_chars) == (5_000, 20_000)
        short = ArticleText("T", "Short body.", None)
        long = ArticleText("T", "Long body. " * 1_000, None)
        assert enricher._cache_key(short) == content_key("T", "Short body.", None, ENRICHMENT_VERSION)
        other = Enricher(window_chars=6_000, max_chars=20_000)
        assert enricher._cache_key(long) != other._cache_key(long)
        assert enricher._cache_key(long) != content_key("T", long.body, None, ENRICHMENT_VERSION)


def test_worker_processes_apply_the_window_and_the_cap() -> None:
    cap = 20_000
    body = _long_body(60_000, person_at=cap - 300, past_cap_at=40_000)
    articles = [ArticleText(f"{REFERENCE['title']} {i}", body, REFERENCE["published"]) for i in range(2)]
    with Enricher(batch_size=1, processes=2, window_chars=5_000, max_chars=cap) as enricher:
        results = list(enricher.results(articles))
    for article, result in zip(articles, results, strict=True):
        _check_long_enrichment(result, article, 5_000, cap)
