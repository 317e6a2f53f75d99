"""How far two annotators of the same blind batch agree (issue 18): the ceiling of the blind figures.

Usage: .venv/bin/python scripts/annotator_agreement.py FIRST.json SECOND.json [--json OUT]

Both files label the same articles (same files and lines, same order) by the guideline of
``tests/golden/statements_blind/``. The second is scored against the first exactly as the archive's
output is (``eval_statements_blind``: speakers, pairs, stance pairs per article as sets, speakers matched by
folded name, containment, initials or token-set ratio 90); null speakers are left out on both sides.
The shipped second annotations are in ``tests/golden/statements_blind/agreement/``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eval_statements_blind import Score, add_article, new_scores  # noqa: E402


def agreement(first: dict[str, Any], second: dict[str, Any]) -> dict[str, Score]:
    """The three scores of ``second``'s labels against ``first``'s; raises ValueError when the two batches
    do not label the same articles in the same order."""
    places = [(a["file"], a["line"]) for a in first["articles"]]
    if places != [(a["file"], a["line"]) for a in second["articles"]]:
        raise ValueError("the two label files do not name the same articles in the same order")
    scores = new_scores()
    for one, other in zip(first["articles"], second["articles"], strict=True):
        add_article(scores, [s for s in one["statements"] if s.get("speaker")],
                    [s for s in other["statements"] if s.get("speaker")], f"{one['file']}:{one['line']}")
    return scores


def main(argv: list[str] | None = None) -> int:
    """Print the agreement figures of the two files as one JSON line (and write them with --json)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    scores = agreement(json.loads(args.first.read_text("utf-8")), json.loads(args.second.read_text("utf-8")))
    report = {name: score.figures() for name, score in scores.items()}
    print(json.dumps({"first": args.first.name, "second": args.second.name, **report}))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
