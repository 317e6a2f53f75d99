"""Refactoring guard: the enrichment of a fixed sample of seed articles (every 25th of the 2,092, plus the
reference article; all genres) must stay exactly what ``tests/golden/enrich_sample.jsonl`` recorded.

The fixture was first written at enrichment version 44 before the persons extraction was split into named
stages (issue 19), and rewritten at version 47 when every attribution became a statement (issue 18: only
``statements`` and ``stances`` changed). A change that is meant to alter extraction bumps
``ENRICHMENT_VERSION`` and rewrites the fixture on purpose with ``scripts/write_enrich_sample.py``; any other
difference here is a regression of a refactor.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest

from indexer.enrich.enricher import Enricher
from indexer.readers import articles_at
from indexer.records import RawArticle

pytestmark = pytest.mark.nlp
ROOT = Path(__file__).resolve().parent.parent
SAMPLE: list[dict[str, Any]] = [
    json.loads(line) for line in (ROOT / "tests" / "golden" / "enrich_sample.jsonl").read_text("utf-8").splitlines()
]


def _sample_articles() -> list[RawArticle]:
    return articles_at([ROOT / "seeds"], [(row["file"], row["line"]) for row in SAMPLE])


@pytest.fixture(scope="module")
def enriched() -> list[dict[str, Any]]:
    enricher = Enricher(batch_size=16, processes=1)
    try:
        return [dict(result) if not isinstance(result, str) else {"failed": result}
                for _, result in enricher.enrich_articles(iter(_sample_articles()))]
    finally:
        enricher.close()


@pytest.mark.parametrize("index", range(len(SAMPLE)), ids=[f"{r['file']}:{r['line']}" for r in SAMPLE])
def test_sample_article_enriches_exactly_as_recorded(index: int, enriched: list[dict[str, Any]]) -> None:
    expected = SAMPLE[index]
    got = dict(enriched[index])
    text = got.pop("text", "")
    assert hashlib.sha256(str(text).encode()).hexdigest() == expected["text_sha256"]
    for field, value in expected["enrichment"].items():
        assert got.get(field) == value, f"{expected['file']}:{expected['line']}: {field} differs"
    assert set(got) == set(expected["enrichment"])
