"""Train the stance classifier that ships in ``indexer/enrich/data/stance_model/`` (issue 18).

Usage: .venv/bin/python scripts/train_stance_model.py [--out DIR] [--no-write] [--threshold P] [--json FIGURES]

Data (all made by this project's annotators, over CC BY seed articles): the gold statements of the read
blind batches ``tests/golden/statements_blind/batch-01..26.json`` (``TRAINED_BLIND_BATCHES``; 9-17 since
the third round, 18-20 since the fourth, 21-26 since the fifth, once each was scored blind and read) and the
stance labels of
extracted statements in ``training/stance_labels/*.jsonl``. A blind batch is never trained on before its
one blind scoring.

First the figures, leaving one label file out at a time (the model trains on the blind batches and the
other seven label files, then classifies the left-out file's statements): statement-level precision and
recall of the six stance-bearing labels for the rules alone (the ``rule_stance`` each row was labelled
with), the model alone, and the rules with the model deciding only where they found no stance, at each
threshold. Then the model is trained on all the data and written with ``--threshold`` (default 0.6: on
the read blind batches 1-8, scored leaving each batch out of the training, 0.6 found as many (speaker,
stance) pairs as 0.5 with fewer wrong ones; see docs/statements.md), the figures and the data's SHA-256 in
its ``meta.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.enrich.stance_model import MODEL_DIR  # noqa: E402
from indexer.enrich.stance_training import (  # noqa: E402
    StanceExample,
    blind_batch_examples,
    data_digest,
    label_file_examples,
    predict,
    train_stance_model,
    training_files,
)
from indexer.enrich.types import STANCE_BEARING, Stance  # noqa: E402

TRAINING_BATCHES, LABEL_FILES = training_files(ROOT)
THRESHOLDS = (0.0, 0.4, 0.5, 0.6, 0.7, 0.8)


def bearing_figures(pairs: list[tuple[Stance, Stance]]) -> dict[str, float | int]:
    """Precision and recall of the stance-bearing labels over (gold, predicted) pairs, and accuracy."""
    tp = sum(1 for gold, got in pairs if got in STANCE_BEARING and got == gold)
    predicted = sum(1 for _, got in pairs if got in STANCE_BEARING)
    relevant = sum(1 for gold, _ in pairs if gold in STANCE_BEARING)
    return {"precision": round(tp / predicted, 3) if predicted else 0.0,
            "recall": round(tp / relevant, 3) if relevant else 0.0,
            "accuracy": round(sum(1 for gold, got in pairs if gold == got) / len(pairs), 3), "n": len(pairs)}


def cross_validate(batches: list[StanceExample], labelled: list[StanceExample]) -> dict[str, Any]:
    """Leave-one-label-file-out figures (see the module docstring)."""
    scored: list[tuple[StanceExample, Stance, float]] = []
    for group in sorted({e.group for e in labelled}):
        held_out = [e for e in labelled if e.group == group]
        model = train_stance_model(batches + [e for e in labelled if e.group != group])
        scored += [(e, best, p) for e, (best, p) in zip(held_out, predict(model, held_out), strict=True)]
    figures: dict[str, Any] = {"rules": bearing_figures([(e.stance, e.rule_stance or "says") for e, _, _ in scored])}
    for threshold in THRESHOLDS:
        model_only = [(e.stance, best if best == "says" or p >= threshold else "says") for e, best, p in scored]
        combined = [(e.stance, e.rule_stance if e.rule_stance not in (None, "says") else got)
                    for (e, _, _), (_, got) in zip(scored, model_only, strict=True)]
        figures[f"model@{threshold}"] = bearing_figures(model_only)
        figures[f"rules+model@{threshold}"] = bearing_figures(combined)
    return figures


def main(argv: list[str] | None = None) -> int:
    """Measure, train on everything and write the model with the threshold (unless --no-write)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=MODEL_DIR, help="where to write the model")
    parser.add_argument("--no-write", action="store_true", help="measure only")
    parser.add_argument("--threshold", type=float, default=0.6,
                        help="the probability a stance needs to replace says (stored in meta.json)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    batches = [e for path in TRAINING_BATCHES for e in blind_batch_examples(path)]
    labelled = [e for path in LABEL_FILES for e in label_file_examples(path)]
    figures = cross_validate(batches, labelled)
    for name, row in figures.items():
        print(json.dumps({"setting": name, **row}))
    threshold = args.threshold
    print(f"threshold {threshold} ({len(batches)} blind-batch statements, {len(labelled)} labelled statements)")
    if args.json:
        args.json.write_text(json.dumps({"threshold": threshold, "figures": figures}, indent=2) + "\n", "utf-8")
    if args.no_write:
        return 0
    model = train_stance_model(batches + labelled)
    model.meta.update({
        "name": "newsarchive_stance", "version": "1.0.0",
        "description": "Stance of a plain report from its cue and content (issue 18)",
        "license": "CC BY 4.0 (labels by this project over CC BY 2.5 / CC BY 4.0 seed articles)",
        "stance_threshold": threshold, "cross_validation": figures,
        "training_data_sha256": data_digest(TRAINING_BATCHES + LABEL_FILES),
        "training_examples": len(batches) + len(labelled),
    })
    model.to_disk(args.out)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
