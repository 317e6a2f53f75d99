"""How much of what the archive's statements say a quote search can find: statements per stance, with and
without content, resolved or not, over a corpus enriched exactly as ``newsarchive index`` does.

Usage: .venv/bin/python scripts/statement_coverage.py [CORPUS ...] [--limit N] [--json OUT]

CORPUS defaults to the project's ``seeds/``. A statement without ``content`` is found by its speaker and
stance but never by words (``/api/statements?q=`` matches inside the content only); this counts them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from itertools import islice
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from indexer.enrich.enricher import Enricher  # noqa: E402
from indexer.readers import iter_records  # noqa: E402
from indexer.records import RawArticle  # noqa: E402


def coverage(statements: list[dict[str, Any]], counts: Counter[str]) -> None:
    """Add one article's statements to ``counts`` (all, per stance, without content, unresolved)."""
    for statement in statements:
        stance = statement["stance"]
        kind = "says" if stance == "says" else "stance"
        counts["statements"] += 1
        counts[f"{kind}"] += 1
        counts[f"stance:{stance}"] += 1
        if not statement.get("content"):
            counts[f"{kind} without content"] += 1
        if not statement.get("resolved", True):
            counts["unresolved"] += 1


def main(argv: list[str] | None = None) -> int:
    """Enrich the corpus and print the counts (and write them as JSON with ``--json``)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="*", type=Path, default=[ROOT / "seeds"])
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--json", type=Path, help="also write the counts here")
    args = parser.parse_args(argv)
    articles = (r for r in iter_records(args.corpus) if isinstance(r, RawArticle))
    enricher = Enricher(batch_size=16, processes=1)
    counts: Counter[str] = Counter()
    try:
        for _, result in enricher.enrich_articles(islice(articles, args.limit)):
            counts["articles"] += 1
            if isinstance(result, str):
                counts["failed"] += 1
                continue
            coverage(result["statements"], counts)  # type: ignore[arg-type]
    finally:
        enricher.close()
    for key in sorted(counts):
        print(f"{key:<28} {counts[key]:>7}")
    for kind in ("stance", "says"):
        if counts[kind]:
            share = counts[f"{kind} without content"] / counts[kind]
            print(f"share of {kind} statements without content: {share:.3f}")
    if args.json:
        args.json.write_text(json.dumps(dict(counts), indent=2, sort_keys=True) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
