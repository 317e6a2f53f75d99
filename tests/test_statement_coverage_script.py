"""``scripts/statement_coverage.py``: statements counted per stance, with and without content."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from script_modules import load_script

coverage_script = load_script("statement_coverage.py")


def test_statements_without_content_are_counted_per_kind() -> None:
    counts: Counter[str] = Counter()
    coverage_script.coverage([
        {"stance": "says", "content": "the talks went well", "resolved": True},
        {"stance": "supports", "content": None, "resolved": True},
        {"stance": "denies", "content": "the report", "resolved": False},
    ], counts)
    assert counts == Counter({"statements": 3, "says": 1, "stance": 2, "stance:says": 1, "stance:supports": 1,
                              "stance:denies": 1, "stance without content": 1, "unresolved": 1})


@pytest.mark.nlp
def test_a_corpus_is_enriched_and_counted(tmp_path: Path) -> None:
    corpus = tmp_path / "articles.jsonl"
    corpus.write_text(json.dumps({
        "id": "a1", "title": "Meeting in Kyiv",
        "text": "Oleg Ustenko thanked Seoul for supporting Ukraine. Dmytro Kuleba said the talks went well.",
    }) + "\n", "utf-8")
    out = tmp_path / "counts.json"
    assert coverage_script.main([str(corpus), "--json", str(out)]) == 0
    counts = json.loads(out.read_text("utf-8"))
    assert counts["articles"] == 1
    assert counts["stance:supports"] == 1 and counts.get("stance without content", 0) == 0
