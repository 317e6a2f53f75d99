"""Rewrite ``tests/golden/enrich_sample.jsonl``, the refactoring guard's fixture, on purpose.

Run after a change that is meant to alter extraction and bumps ``ENRICHMENT_VERSION``: the sample (the
articles the fixture already names, every 25th seed plus the reference article) is enriched with the code
of the day, without the cache, and written back in the same order. Any other difference the guard finds is a
regression of a refactor (see tests/test_enrich_sample_identity.py).

Usage: .venv/bin/python scripts/write_enrich_sample.py
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.enrich.enricher import Enricher  # noqa: E402
from indexer.readers import articles_at  # noqa: E402

FIXTURE = ROOT / "tests" / "golden" / "enrich_sample.jsonl"


def main() -> int:
    """Enrich the fixture's articles afresh and write them back; print how many changed."""
    rows = [json.loads(line) for line in FIXTURE.read_text("utf-8").splitlines()]
    articles = articles_at([ROOT / "seeds"], [(row["file"], row["line"]) for row in rows])
    with Enricher(batch_size=16, processes=1) as enricher:
        results = [result for _, result in enricher.enrich_articles(iter(articles))]
    changed = 0
    out = []
    for row, result in zip(rows, results, strict=True):
        if isinstance(result, str):
            raise SystemExit(f"{row['file']}:{row['line']}: enrichment failed: {result}")
        enrichment = dict(result)
        text = str(enrichment.pop("text"))
        new = {"enrichment": enrichment, "file": row["file"], "line": row["line"],
               "text_sha256": hashlib.sha256(text.encode()).hexdigest()}
        changed += new != row
        out.append(json.dumps(new, ensure_ascii=False, sort_keys=True))
    FIXTURE.write_text("\n".join(out) + "\n", "utf-8")
    print(f"{FIXTURE.relative_to(ROOT)}: {len(out)} articles, {changed} changed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
