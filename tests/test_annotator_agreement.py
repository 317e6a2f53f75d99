"""The annotator agreement script (``scripts/annotator_agreement.py``) on the shipped second annotations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from script_modules import load_script

BLIND = Path(__file__).resolve().parent / "golden" / "statements_blind"
agreement_script = load_script("annotator_agreement.py")


def load(name: str) -> dict[str, object]:
    return json.loads((BLIND / name).read_text("utf-8"))  # type: ignore[no-any-return]


def test_a_batch_agrees_with_itself_completely() -> None:
    batch = load("batch-07.json")
    scores = agreement_script.agreement(batch, batch)
    assert {name: score.figures()["f1"] for name, score in scores.items()} == {
        "speakers": 1.0, "pairs": 1.0, "stance_pairs": 1.0}


@pytest.mark.parametrize(("first", "second"), [("batch-07.json", "agreement/batch-07b.json"),
                                               ("batch-08.json", "agreement/batch-08b.json")])
def test_two_annotators_agree_closely_but_not_fully(first: str, second: str) -> None:
    scores = agreement_script.agreement(load(first), load(second))
    for score in scores.values():
        figures = score.figures()
        assert 0.8 <= figures["f1"] < 1.0, figures
        assert figures["gold"] > 10


def test_batches_of_different_articles_are_refused() -> None:
    with pytest.raises(ValueError, match="same articles"):
        agreement_script.agreement(load("batch-07.json"), load("batch-08.json"))
