"""Golden tests: hand-labelled seed articles, exact persons (with mention counts), countries,
organisations, places and dates, through the whole enrichment pipeline with the real model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from indexer.enrich.enricher import Enricher
from indexer.enrich.pipeline import ArticleText
from indexer.enrich.types import Enrichment

pytestmark = pytest.mark.nlp
ROOT = Path(__file__).resolve().parent.parent
LABELS: list[dict[str, Any]] = json.loads((ROOT / "tests" / "golden" / "seed_articles.json").read_text())["articles"]
ENRICHER = Enricher(batch_size=16, processes=1)


def _seed(file: str, title: str) -> dict[str, Any]:
    with (ROOT / "seeds" / file).open(encoding="utf-8") as lines:
        for line in lines:
            record: dict[str, Any] = json.loads(line)
            if record["title"] == title:
                return record
    raise AssertionError(f"seed article {title!r} not found in seeds/{file}")


@pytest.fixture(scope="module")
def enriched() -> dict[str, Enrichment]:
    seeds = [_seed(label["file"], label["title"]) for label in LABELS]
    articles = [ArticleText(s["title"], s["text"], s.get("published")) for s in seeds]
    return {label["title"]: result for label, result in zip(LABELS, ENRICHER.enrich_many(articles), strict=True)}


@pytest.mark.parametrize("label", LABELS, ids=[label["title"][:40] for label in LABELS])
def test_golden_article(label: dict[str, Any], enriched: dict[str, Enrichment]) -> None:
    result = enriched[label["title"]]
    assert (result["published"], result["published_source"]) == (label["published"], label["published_source"])
    assert {p["name"]: p["mentions"] for p in result["persons"]} == label["persons"]
    assert [c["code"] for c in result["countries"]] == label["countries"]
    assert sorted([o["name"], o["country"]] for o in result["organizations"]) == label["organizations"]
    assert [[p["name"], p["country"]] for p in result["places"]] == label["places"]
    assert result["dates"] == label["dates"]


def test_reference_article_text_is_clean(enriched: dict[str, Enrichment]) -> None:
    text = enriched["Kremlin denies Putin-Trump phone call reported by WP took place"]["text"]
    assert text.startswith("Ukraine's Foreign Ministry denied another part of WP's report")
    assert "Related:" not in text and "join our community" not in text


def test_wikinews_dateline_is_metadata_not_text(enriched: dict[str, Enrichment]) -> None:
    result = enriched["Nickey Iyambo, former vice-president of Namibia, dies aged 82"]
    assert result["text"].startswith("Nickey Iyambo, former vice-president of Namibia, died on Sunday")
    assert "2019-05-21" not in result["dates"]
