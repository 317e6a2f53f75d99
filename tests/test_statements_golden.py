"""Golden statements: seed articles labelled by hand (tests/golden_statements/*.json), run through the real
enrichment pipeline (cleaning, spaCy, the persons/organisations resolver, statements).

Each label file names an article of the repo's ``seeds/`` by file and title and lists the (speaker, stance)
pairs a careful reader finds in it. ``known_misses`` / ``known_extras`` record, with the reason, where the
system is known to differ; the test asserts the exact set: labelled - known_misses + known_extras. The
reference article has neither: its set is the one the issue states.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from indexer.enrich.pipeline import ArticleText, enrich_prepared, prepare
from indexer.enrich.types import Enrichment
from newsarchive.config import PROJECT_ROOT

pytestmark = pytest.mark.nlp

LABELS = sorted((Path(__file__).parent / "golden_statements").glob("*.json"))


def _label(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _article(label: dict[str, Any]) -> ArticleText:
    seed = PROJECT_ROOT / label["file"]
    with seed.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if row["title"] == label["title"]:
                return ArticleText(row["title"], row["text"], row.get("published"))
    raise AssertionError(f"{seed}: no article titled {label['title']!r}")


@pytest.fixture(scope="module")
def enriched() -> dict[str, Enrichment]:
    labels = [_label(path) for path in LABELS]
    results = enrich_prepared([prepare(_article(label)) for label in labels], batch_size=8)
    out: dict[str, Enrichment] = {}
    for label, result in zip(labels, results, strict=True):
        assert not isinstance(result, str), result
        out[label["title"]] = result
    return out


def _stance_pairs(statements: Any) -> set[tuple[str, str]]:
    """The stance-bearing (speaker, stance) pairs of resolved speakers: what the labels list (they were
    made before ``says`` statements existed, issue 18)."""
    return {(s["speaker"], s["stance"]) for s in statements if s["stance"] != "says" and s["resolved"]}


def _pairs(items: list[dict[str, Any]]) -> set[tuple[str, str]]:
    return {(item["speaker"], item["stance"]) for item in items if item["stance"] != "says"}


def test_labels_are_well_formed() -> None:
    assert len(LABELS) >= 5
    for path in LABELS:
        label = _label(path)
        assert _pairs(label["known_misses"]) <= _pairs(label["statements"]), path.name
        assert not _pairs(label["known_extras"]) & _pairs(label["statements"]), path.name
        for item in label["statements"]:
            assert item["stance"] in ("denies", "confirms", "no_comment", "claims", "supports", "opposes", "says")


@pytest.mark.parametrize("path", LABELS, ids=[p.stem for p in LABELS])
def test_golden_article(path: Path, enriched: dict[str, Enrichment]) -> None:
    label = _label(path)
    result = enriched[label["title"]]
    expected = (_pairs(label["statements"]) - _pairs(label["known_misses"])) | _pairs(label["known_extras"])
    assert _stance_pairs(result["statements"]) == expected
    assert result["stances"] == sorted({s["stance"] for s in result["statements"]})
    for statement in result["statements"]:
        assert result["text"][statement["start"]:statement["end"]] == statement["evidence"]
        assert statement["cue"] in statement["evidence"]


def test_reference_article_exactly_as_the_issue_reads_it(enriched: dict[str, Enrichment]) -> None:
    result = enriched["Kremlin denies Putin-Trump phone call reported by WP took place"]
    assert _stance_pairs(result["statements"]) == {
        ("Kremlin", "denies"),
        ("Dmitry Peskov", "denies"),
        ("Foreign Ministry of Ukraine", "denies"),
        ("Heorhii Tykhyi", "denies"),
        ("Donald Trump's team", "no_comment"),
        ("Steven Cheung", "no_comment"),
        ("Washington Post", "claims"),
    }
    by_speaker = {s["speaker"]: s for s in result["statements"]}
    assert by_speaker["Kremlin"]["speaker_country"] == "RU"
    assert by_speaker["Dmitry Peskov"]["speaker_type"] == "person"
    assert by_speaker["Dmitry Peskov"]["speaker_country"] == "RU"
    assert by_speaker["Heorhii Tykhyi"]["speaker_country"] == "UA"
    assert by_speaker["Foreign Ministry of Ukraine"]["speaker_country"] == "UA"
    assert by_speaker["Steven Cheung"]["speaker_country"] is None
    kremlin = next(s for s in result["statements"] if s["speaker"] == "Kremlin")
    assert kremlin["cue"] == "denied"
    assert (kremlin["target"] or "").startswith("The Washington Post’s report of a phone call")
