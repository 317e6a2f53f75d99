"""``scripts/cv_statements_blind.py``: a read batch is scored with a classifier trained without it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from script_modules import load_script

from indexer.enrich.stance_training import training_files

cv_script = load_script("cv_statements_blind.py")
ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.nlp


def test_the_held_out_batch_is_not_in_its_models_training(monkeypatch: pytest.MonkeyPatch) -> None:
    held_out = ROOT / "tests" / "golden" / "statements_blind" / "batch-14.json"
    assert held_out in training_files(ROOT)[0]
    trained_on: list[set[str]] = []
    train = cv_script.train_stance_model

    def spy(examples: Any, **kwargs: Any) -> Any:
        trained_on.append({e.group for e in examples})
        return train(examples, **kwargs)

    monkeypatch.setattr(cv_script, "train_stance_model", spy)
    report = cv_script.cross_validate([held_out], 0.6, shipped=True)
    assert len(trained_on) == 1 and "batch-14" not in trained_on[0] and "batch-13" in trained_on[0]
    assert report["batches"] == ["batch-14.json"] and report["threshold"] == 0.6
    for name in ("speakers", "pairs", "stance_pairs"):
        # the same gold either way; only what the system finds may differ
        assert report["left_out"][name]["gold"] == report["shipped"][name]["gold"] > 0
