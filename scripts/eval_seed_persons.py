"""Persons per article against hand labels of seed articles that no extraction rule was written from.

    python scripts/eval_seed_persons.py [--gold tests/golden/seed_persons_heldout.json] [--seeds seeds]
                                        [-v [--errors-of BATCH ...]] [--group BATCH ...]

The gold file lists, for batches of 36 seed articles (12 per seed file, drawn at random with a fixed
seed among articles of 80-900 cleaned words that are not in the golden tests), every named person the
article refers to, labelled by reading the cleaned article only (the labellers did not see the archive's
output). Figures are printed per batch and for all articles. Each
gold person has the fullest name the article writes, optional spelling ``variants``, and ``optional``
(fictional characters, online handles, a name only inside a band name, ...): an optional person found is
no error, one missed is none either.

A predicted canonical name matches a gold person when, case- and accent-insensitively, it equals the name
or a variant, is within a small spelling distance of one (rapidfuzz ratio >= 90: Zelensky / Zelenskyy), or
the gold name is a single word that is the prediction's first or last word (the article writes "Rutte",
the archive's alias table says "Mark Rutte"), or the prediction is the alias table's canonical name for
the name the article writes ("Joseph Biden" -> "Joe Biden": one name per person across articles is the
contract). Each gold person matches at most one prediction: a person
the archive reports twice ("Louis De Zoysa" and "De Zoysa") counts one hit and one false positive.
Prints precision, recall and F1 over all articles, and with ``-v`` each article's misses and false
positives (``--errors-of 1 --errors-of 2`` limits that to batches 1 and 2).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz  # noqa: E402

from indexer.enrich import geo  # noqa: E402
from indexer.enrich.aliases import fold_name, person_aliases  # noqa: E402
from indexer.enrich.pipeline import ArticleText, enrich_texts  # noqa: E402
from indexer.readers import iter_records  # noqa: E402
from indexer.records import RawArticle  # noqa: E402

DEFAULT_GOLD = ROOT / "tests" / "golden" / "seed_persons_heldout.json"
_SIMILAR = 90


@dataclass
class ArticleScore:
    """One article's hits, false positives (predicted names) and misses (gold names)."""

    hits: int
    false_positives: list[str]
    misses: list[str]


def same_person(predicted: str, gold: dict[str, Any]) -> bool:
    """Whether a predicted canonical name names the gold person (rules in the module docstring)."""
    name = geo.fold(predicted)
    words = name.split()
    for written in (gold["name"], *gold.get("variants", ())):
        canonical = person_aliases().get(fold_name(written))
        if canonical is not None and geo.fold(canonical) == name:
            return True  # the alias table's name for the person the article writes ("Joseph Biden")
        form = geo.fold(written)
        if name == form or fuzz.ratio(name, form) >= _SIMILAR:
            return True
        if words and " " not in form and form in (words[0], words[-1]):
            return True
    return False


def score_article(predicted: Sequence[str], gold: Sequence[dict[str, Any]]) -> ArticleScore:
    """Match predictions to gold persons one to one (required persons first, then optional ones)."""
    unused = list(predicted)
    hits = 0
    misses: list[str] = []
    for person in sorted(gold, key=lambda p: bool(p.get("optional"))):
        match = next((name for name in unused if same_person(name, person)), None)
        if match is not None:
            unused.remove(match)
            hits += not person.get("optional")
        elif not person.get("optional"):
            misses.append(person["name"])
    return ArticleScore(hits, unused, misses)


def read_gold(path: Path) -> list[dict[str, Any]]:
    """The labelled articles of the gold file (``articles``: file, line, title, persons)."""
    articles: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["articles"]
    return articles


def find_articles(gold: Sequence[dict[str, Any]], seeds: Path) -> list[RawArticle]:
    """The seed articles the gold file names, by file and line (titles repeat across articles)."""
    wanted = {(a["file"], a["line"]): a["title"] for a in gold}
    found: dict[tuple[str, int], RawArticle] = {}
    for name in sorted({file for file, _ in wanted}):
        for record in iter_records([seeds / name]):
            if isinstance(record, RawArticle) and (name, record.line) in wanted:
                if record.title != wanted[(name, record.line)]:
                    raise SystemExit(f"{name}:{record.line}: title differs from the gold file's")
                found[(name, record.line)] = record
    missing = [key for key in wanted if key not in found]
    if missing:
        raise SystemExit(f"articles not found in {seeds}: {missing}")
    return [found[(a["file"], a["line"])] for a in gold]


def evaluate(
    gold_path: Path,
    seeds: Path,
    verbose: bool = False,
    error_batches: Sequence[int] = (),
    group: Sequence[int] = (),
) -> tuple[float, float, float]:
    """Enrich the labelled articles and print (and return) precision, recall and F1 over all articles.

    Figures are printed for all articles, then per batch in batch order, then for the batches in ``group``
    together when given (e.g. the batches still unread). With ``verbose``, each article's errors are printed
    too, only for ``error_batches`` when given (so a batch kept for a later blind measurement stays unread)."""
    gold = read_gold(gold_path)
    articles = find_articles(gold, seeds)
    results = enrich_texts([ArticleText(a.title, a.body, a.published) for a in articles], batch_size=32)
    totals: dict[str, list[int]] = {}  # batch (and "all") -> [articles, hits, predicted, expected]
    for labelled, result in zip(gold, results, strict=True):
        if isinstance(result, str):
            raise SystemExit(f"{labelled['file']}:{labelled['line']}: enrichment failed: {result}")
        names = [p["name"] for p in result["persons"]]
        score = score_article(names, labelled["persons"])
        expected = sum(not p.get("optional") for p in labelled["persons"])
        batch = labelled.get("batch", 1)
        keys = [f"batch {batch}", "all"] + ([_group_key(group)] if batch in group else [])
        for key in keys:
            total = totals.setdefault(key, [0, 0, 0, 0])
            for i, value in enumerate((1, score.hits, score.hits + len(score.false_positives), expected)):
                total[i] += value
        shown = not error_batches or batch in error_batches
        if verbose and shown and (score.misses or score.false_positives):
            print(f"{labelled['file']}:{labelled['line']} {labelled['title'][:60]}")
            print(f"    missed {score.misses}  false positives {score.false_positives}")
    for key in sorted(totals, key=_print_order):
        count, hits, predicted, expected = totals[key]
        precision, recall, f1 = _prf(hits, predicted, expected)
        print(
            f"persons per article, held-out seed articles, {key} ({count} articles, {expected} gold "
            f"persons): P {precision:.3f} R {recall:.3f} F1 {f1:.3f} ({hits} hits, {predicted} predicted)"
        )
    return _prf(*totals["all"][1:])


def _group_key(group: Sequence[int]) -> str:
    return "batches " + "+".join(str(b) for b in sorted(group))


def _print_order(key: str) -> tuple[int, int]:
    """Sort key: all articles first, then each batch by number, then a group of batches."""
    if key == "all":
        return (0, 0)
    if key.startswith("batch "):
        return (1, int(key.removeprefix("batch ")))
    return (2, 0)


def _prf(hits: int, predicted: int, expected: int) -> tuple[float, float, float]:
    precision = hits / predicted if predicted else 0.0
    recall = hits / expected if expected else 0.0
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each article's errors")
    parser.add_argument(
        "--errors-of",
        type=int,
        action="append",
        default=[],
        metavar="BATCH",
        help="with -v, print the errors of this batch only (repeatable; default: all batches)",
    )
    parser.add_argument(
        "--group",
        type=int,
        action="append",
        default=[],
        metavar="BATCH",
        help="also print these batches' figures together (repeatable; e.g. the batches still unread)",
    )
    args = parser.parse_args()
    evaluate(args.gold, args.seeds, args.verbose, args.errors_of, args.group)


if __name__ == "__main__":
    main()
