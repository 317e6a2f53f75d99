"""Measure KStem against Porter on the archive's own query words (the stemmer choice in es-plugin/).

Usage: python scripts/compare_stemmers.py [--es-url URL] [--corpus PATH]

Both stemmers run inside Elasticsearch (the plugin's ``newsarchive_english_stem`` = KStem and
``newsarchive_porter_stem`` = Porter) through the ``_analyze`` API, after the same possessive, lowercase and
folding filters the index uses. Two measures:

1. Query pairs: words a reader of this archive types, with a variant that should find the same articles
   (recall) or a different word that should not (precision). Score = pairs handled correctly.
2. Corpus conflation: over the vocabulary of the corpus (default ``seeds/``), how many distinct words each
   stemmer merges into one term, and examples of the merges only Porter makes.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from elasticsearch import Elasticsearch

STEMMERS = {"kstem": "newsarchive_english_stem", "porter": "newsarchive_porter_stem"}
PREFILTERS = ["newsarchive_english_possessive", "lowercase", "newsarchive_ascii_folding"]

# (query word, other word, should they match?) — words from the archive's own domain: statements, stances,
# politics and war reporting.
PAIRS: list[tuple[str, str, bool]] = [
    ("deny", "denied", True),
    ("deny", "denies", True),
    ("denies", "denying", True),
    ("confirm", "confirmed", True),
    ("claims", "claimed", True),
    ("allegation", "allegations", True),
    ("condemn", "condemned", True),
    ("criticise", "criticised", True),
    ("sanction", "sanctions", True),
    ("negotiation", "negotiations", True),
    ("talks", "talk", True),
    ("attack", "attacks", True),
    ("refugee", "refugees", True),
    ("election", "elections", True),
    ("minister", "ministers", True),
    ("country", "countries", True),
    ("supported", "supports", True),
    ("opposes", "opposed", True),
    ("welcomed", "welcome", True),
    ("thanked", "thanks", True),
    ("news", "new", False),
    ("police", "policy", False),
    ("policies", "police", False),
    ("general", "generous", False),
    ("university", "universe", False),
    ("organization", "organ", False),
    ("communication", "community", False),
    ("united", "unit", False),
    ("nation", "national", False),
    ("operation", "operative", False),
    ("presidential", "president", False),
    ("Ukrainian", "Ukraine", False),
    ("Russian", "Russia", False),
    ("army", "arm", False),
    ("arms", "army", False),
    ("address", "addressed", True),
]


def stems(client: Elasticsearch, stemmer: str, words: list[str]) -> list[str]:
    """Return the stem of each word: the last token the analysis chain produces at the word's position (the
    stem filter emits the original form, then the stem when it differs)."""
    result = client.indices.analyze(
        tokenizer="standard", filter=[*PREFILTERS, STEMMERS[stemmer]], text=" ".join(words)
    )
    by_position: dict[int, str] = {}
    for token in result["tokens"]:
        by_position[int(token["position"])] = str(token["token"])
    if len(by_position) != len(words):
        raise RuntimeError(f"{stemmer}: expected {len(words)} positions, got {len(by_position)}")
    return [by_position[position] for position in sorted(by_position)]


def score_pairs(client: Elasticsearch, stemmer: str) -> tuple[int, list[str]]:
    left = stems(client, stemmer, [a for a, _, _ in PAIRS])
    right = stems(client, stemmer, [b for _, b, _ in PAIRS])
    wrong = []
    for (a, b, should), sa, sb in zip(PAIRS, left, right, strict=True):
        if (sa == sb) != should:
            wrong.append(f"{a}/{b} -> {sa}/{sb} ({'should match' if should else 'should not match'})")
    return len(PAIRS) - len(wrong), wrong


def corpus_words(path: Path, limit: int) -> list[str]:
    counts: dict[str, int] = defaultdict(int)
    files: Iterable[Path] = sorted(path.rglob("*.jsonl")) if path.is_dir() else [path]
    for file in files:
        for line in file.open(encoding="utf-8"):
            record = json.loads(line)
            for word in re.findall(r"[A-Za-z]+", f"{record.get('title', '')} {record.get('text', '')}".lower()):
                counts[word] += 1
    return [w for w, _ in sorted(counts.items(), key=lambda kv: -kv[1])[:limit]]


def conflations(client: Elasticsearch, stemmer: str, words: list[str]) -> dict[str, set[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for start in range(0, len(words), 2000):
        chunk = words[start : start + 2000]
        for word, term in zip(chunk, stems(client, stemmer, chunk), strict=True):
            groups[term].add(word)
    return groups


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--es-url", default="http://127.0.0.1:9250")
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[1] / "seeds")
    parser.add_argument("--vocabulary", type=int, default=20000, help="most frequent corpus words to compare")
    args = parser.parse_args()
    client = Elasticsearch(args.es_url, request_timeout=120)
    words = corpus_words(args.corpus, args.vocabulary)
    groups = {name: conflations(client, name, words) for name in STEMMERS}
    for name in STEMMERS:
        correct, wrong = score_pairs(client, name)
        merged = sum(len(g) for g in groups[name].values() if len(g) > 1)
        print(f"{name}: query pairs correct {correct}/{len(PAIRS)}; corpus: {len(words)} words -> "
              f"{len(groups[name])} terms ({merged} words share a term)")
        for line in wrong:
            print(f"    wrong: {line}")
    kstem_term = {w: t for t, g in groups["kstem"].items() for w in g}
    porter_only = [sorted(g) for g in groups["porter"].values()
                   if len(g) > 1 and len({kstem_term[w] for w in g}) > 1]
    print(f"groups Porter merges that KStem keeps apart: {len(porter_only)}; examples:")
    for group in sorted(porter_only, key=len, reverse=True)[:12]:
        print("    " + ", ".join(group[:8]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
