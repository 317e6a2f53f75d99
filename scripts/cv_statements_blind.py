"""Score read blind batches the honest way now that the stance classifier trains on them: leave one out.

Usage: .venv/bin/python scripts/cv_statements_blind.py [BATCH.json ...] [--threshold P] [--json OUT]

The shipped classifier trains on every read blind batch (``TRAINED_BLIND_BATCHES``), so scoring those
batches with it (``scripts/eval_statements_blind.py``) measures how well it remembers them, not how it does
on new text. This script, for each batch given (default: every trained batch), trains the classifier on
all the training data except that batch (the same recipe as ``scripts/train_stance_model.py``, seed 0),
scores the batch with it exactly as ``eval_statements_blind.py`` does, and prints the summed speakers,
pairs and stance-pairs figures; with ``--shipped`` also the shipped model's, for comparison. A change of the
rules is measured by running it before and after the change (about 10 s a batch on 2 cores).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_statements_blind import Score, new_scores, score_batch  # noqa: E402

from indexer.enrich.enricher import Enricher  # noqa: E402
from indexer.enrich.stance_model import measuring_with, model_meta  # noqa: E402
from indexer.enrich.stance_training import (  # noqa: E402
    blind_batch_examples,
    label_file_examples,
    train_stance_model,
    training_files,
)


def add_scores(total: dict[str, Score], scores: dict[str, Score]) -> None:
    """Add one batch's counts to the running totals (misses and extras are not kept)."""
    for name, score in scores.items():
        total[name].tp += score.tp
        total[name].system += score.system
        total[name].gold += score.gold


def cross_validate(held_out: list[Path], threshold: float, shipped: bool) -> dict[str, Any]:
    """The summed figures of ``held_out``, each scored with a model trained without it (and with the
    shipped model when ``shipped``)."""
    batches, label_files = training_files(ROOT)
    labelled = [e for path in label_files for e in label_file_examples(path)]
    gold = {path.resolve(): blind_batch_examples(path) for path in batches}
    enricher = Enricher(batch_size=16, processes=1)
    left_out, as_shipped = new_scores(), new_scores()
    try:
        for path in held_out:
            batch = json.loads(path.read_text("utf-8"))
            if shipped:
                add_scores(as_shipped, score_batch(batch, enricher))
            examples = [e for other, rows in gold.items() if other != path.resolve() for e in rows]
            model = train_stance_model(labelled + examples)
            model.meta["stance_threshold"] = threshold
            with measuring_with(model):
                add_scores(left_out, score_batch(batch, enricher))
            print(f"{path.name}: scored", file=sys.stderr)
    finally:
        enricher.close()
    report: dict[str, Any] = {"batches": [p.name for p in held_out], "threshold": threshold,
                              "left_out": {name: score.figures() for name, score in left_out.items()}}
    if shipped:
        report["shipped"] = {name: score.figures() for name, score in as_shipped.items()}
    return report


def main(argv: list[str] | None = None) -> int:
    """Cross-validate the batches given and print the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("batches", nargs="*", type=Path, default=training_files(ROOT)[0])
    parser.add_argument("--threshold", type=float, default=float(model_meta().get("stance_threshold", 0.6)))
    parser.add_argument("--shipped", action="store_true", help="also score with the shipped model")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    report = cross_validate(args.batches, args.threshold, args.shipped)
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
