"""Convert the openly licensed sample articles in ../shared/seeds into the project's seeds/ (JSON Lines).

Usage: python scripts/convert_seeds.py [SHARED_SEEDS_DIR] [OUT_DIR]

The output keeps each article's text as published (site furniture and datelines included: removing them is
the indexer's job) and adds the fields the archive reads: title, text, published, url, source.
"""

from __future__ import annotations

import csv
import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REFERENCE_FILE = "000_e9445e9a8e183c1e.txt"
REFERENCE_PUBLISHED = "2024-11-11"


def reference_article(path: Path) -> Iterator[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    yield {
        "title": lines[0].strip(),
        "text": "\n".join(lines[1:]).strip(),
        "published": REFERENCE_PUBLISHED,
    }


def csv_rows(path: Path) -> Iterator[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def wikinews(path: Path) -> Iterator[dict[str, Any]]:
    for row in csv_rows(path):
        yield {"title": row["title"], "text": row["text"], "published": row["date"], "url": row["url"],
               "source": "Wikinews"}


def press(path: Path, source: str) -> Iterator[dict[str, Any]]:
    for row in csv_rows(path):
        article = {"title": row["headline"], "text": row["body"], "published": row["date"], "url": row["link"],
                   "source": source}
        if row.get("summary"):
            article["summary"] = row["summary"]
        yield article


def write_jsonl(path: Path, articles: Iterator[dict[str, Any]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for article in articles:
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")
            count += 1
    return count


def main(argv: list[str]) -> int:
    shared = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
    out = Path(argv[2]) if len(argv) > 2 else Path(__file__).resolve().parents[1] / "seeds"
    out.mkdir(parents=True, exist_ok=True)
    counts = {
        "reference.jsonl": write_jsonl(out / "reference.jsonl", reference_article(shared / REFERENCE_FILE)),
        "wikinews.jsonl": write_jsonl(out / "wikinews.jsonl", (a for name in ("wikinews_2019.csv", "wikinews_2020.csv")
                                                               for a in wikinews(shared / "wikinews" / name))),
        "kremlin_en.jsonl": write_jsonl(out / "kremlin_en.jsonl",
                                        press(shared / "press" / "kremlin_en.csv", "Kremlin (en.kremlin.ru)")),
        "president_gov_ua_en.jsonl": write_jsonl(
            out / "president_gov_ua_en.jsonl",
            press(shared / "press" / "president_gov_ua_en.csv", "President of Ukraine (president.gov.ua)")),
    }
    (out / "LICENSE-wikinews.md").unlink(missing_ok=True)
    shutil.copyfile(shared / "wikinews" / "LICENSE.md", out / "LICENSE-wikinews.md")
    for name, count in counts.items():
        print(f"{name}: {count} articles")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
