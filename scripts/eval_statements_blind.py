"""Score the archive's statements against blind-labelled batches (``tests/golden/statements_blind/``).

Usage: .venv/bin/python scripts/eval_statements_blind.py [BATCH.json ...] [--json OUT] [--errors]
       [--statements speech|stance] [--with-lead]

Each batch file names seed articles (file, line) and the statements annotators labelled there without
seeing the archive's output (guideline: ``tests/golden/statements_blind/guideline.md``). The articles are
enriched exactly as ``newsarchive index`` does (the ``Enricher``, title + text), and scored three ways:

- speakers: per article, the set of speakers (gold speakers that are null are left out; system statements
  count with their speaker as shown, resolved or kept as written, except unresolved pronouns such as "I"
  or "they", which name no one) -- "all attributions, speaker found";
- pairs: per article, the set of (speaker, stance) pairs, every stance incl. ``says``;
- stance pairs: the same for the six stances that take a side (``says`` left out on both sides).

Speakers match when their folded names are equal (a spelling the project's person table knows counts as its
canonical name: "Joseph Biden" is "Joe Biden"), one's words contain the other's (a surname), one is the
other's initials ("AFP"), or their word sets agree at a token-set ratio of 90 ("Ministry of Foreign Affairs
of Ukraine" / "Foreign Ministry of Ukraine").
Only the part of the article the annotators read is scored: their input was each record's title and
``text``, not the lead paragraph (``summary``) the reader prepends to the body, so a system statement found
in the lead ("Vladimir Putin congratulated the theatre ...") cannot be in the gold and is left out
(``--with-lead`` keeps it, as the figures before 2026-12-08 did). The lead is still enriched with the rest:
what it says may resolve a speaker of the text. From batch 30 on the annotators read the lead too (the
batch file says ``"lead_read": true``) and all of the body is scored.
Figures are micro-averaged over the batch's articles. ``--errors`` prints the misses and extras: read them
only after the batch's first score is written down (the rule in the batch README). A read batch the stance
classifier trains on (``TRAINED_BLIND_BATCHES``) measures the classifier's memory here: compare changes on
those with ``scripts/cv_statements_blind.py``; this script is for a new batch's one blind score.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.enrich.aliases import fold_name, person_aliases  # noqa: E402
from indexer.enrich.enricher import Enricher  # noqa: E402
from indexer.enrich.types import STANCE_BEARING  # noqa: E402
from indexer.readers import articles_at  # noqa: E402
from indexer.records import RawArticle  # noqa: E402

DEFAULT_BATCHES = sorted((ROOT / "tests" / "golden" / "statements_blind").glob("batch-*.json"))
_TITLES = re.compile(
    r"^(?:the|mr|mrs|ms|dr|president|prime minister|minister|press secretary|spokesman|spokeswoman|"
    r"senator|sen|rep|governor|gov|chancellor|king|queen|pope|general|gen)\.?\s+", re.IGNORECASE)


def fold_speaker(name: str) -> str:
    """Lower-cased speaker name without leading titles, possessives and punctuation."""
    text = name.casefold().replace("’", "'").replace("'s ", " ")
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    previous = None
    while previous != text:
        previous, text = text, _TITLES.sub("", text)
    return text


def _canonical(name: str) -> str:
    """A person's canonical name when the project's person table knows ``name`` as one of its spellings
    ("Joseph Biden" -> "Joe Biden"), else ``name``."""
    return person_aliases().get(fold_name(name), name)


def same_speaker(gold: str, system: str) -> bool:
    """Whether two speaker names denote the same speaker by the rule in the module docstring."""
    a, b = fold_speaker(_canonical(gold)), fold_speaker(_canonical(system))
    if not a or not b:
        return False
    if a == b:
        return True
    wa, wb = set(a.split()), set(b.split())
    if wa <= wb or wb <= wa or _acronym(a) == b or _acronym(b) == a:
        return True
    return fuzz.token_set_ratio(a, b) >= 90


_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they", "it", "me", "us", "him", "her", "them", "who",
                       "which", "that", "this", "these", "those", "all", "both", "one", "some", "our", "my"})


def names_no_one(speaker: str) -> bool:
    """Whether an unresolved speaker is only pronouns ("I", "we all", "they"): it names no one."""
    words = fold_speaker(speaker).split()
    return not words or all(w in _PRONOUNS for w in words)


def _acronym(folded: str) -> str:
    """Initials of a folded name ("agence france presse" -> "afp"), for "AFP" against its full name."""
    words = folded.split()
    return "".join(w[0] for w in words) if len(words) > 1 else ""


@dataclass
class Score:
    """True positives, system count and gold count of one measure."""

    tp: int = 0
    system: int = 0
    gold: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    def add(self, gold: Iterable[tuple[str, ...]], system: Iterable[tuple[str, ...]], where: str) -> None:
        """Match ``system`` keys to ``gold`` keys one-to-one (speaker by :func:`same_speaker`, the rest equal):
        equal folded names first, then as many of the rest as a maximum matching pairs (so that "Vladimir
        Putin" is not spent on a gold "Vladimir Putin and Joseph Biden" when a gold "Vladimir Putin" exists)."""
        open_gold = list(dict.fromkeys(gold))
        sys_keys = list(dict.fromkeys(system))
        self.gold += len(open_gold)
        self.system += len(sys_keys)
        matched: dict[int, int] = {}  # system index -> gold index
        for i, key in enumerate(sys_keys):
            exact = next((j for j, g in enumerate(open_gold) if j not in matched.values() and g[1:] == key[1:]
                          and fold_speaker(_canonical(g[0])) == fold_speaker(_canonical(key[0]))), None)
            if exact is not None:
                matched[i] = exact
        _maximum_matching(sys_keys, open_gold, matched)
        self.tp += len(matched)
        self.extras.extend(f"{where}: {key}" for i, key in enumerate(sys_keys) if i not in matched)
        taken = set(matched.values())
        self.misses.extend(f"{where}: {g}" for j, g in enumerate(open_gold) if j not in taken)

    def figures(self) -> dict[str, float | int]:
        """Precision, recall, F1 and the counts behind them."""
        p = self.tp / self.system if self.system else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f1, 3),
                "tp": self.tp, "system": self.system, "gold": self.gold}


def _maximum_matching(system: list[tuple[str, ...]], gold: list[tuple[str, ...]], matched: dict[int, int]) -> None:
    """Grow ``matched`` (system index -> gold index) to a maximum one-to-one matching of the keys that
    :func:`same_speaker` pairs, by augmenting paths (the keys of one article are few)."""
    edges = {i: [j for j, g in enumerate(gold) if g[1:] == key[1:] and same_speaker(g[0], key[0])]
             for i, key in enumerate(system)}
    owner = {j: i for i, j in matched.items()}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(system)):
        if i not in owner.values():
            augment(i, set())
    matched.clear()
    matched.update({i: j for j, i in owner.items()})


def load_articles(batch: dict[str, Any]) -> list[RawArticle]:
    """The seed articles a batch names, in its order (read from the project's ``seeds/``)."""
    return articles_at([ROOT / "seeds"], [(Path(a["file"]).name, int(a["line"])) for a in batch["articles"]])


def new_scores() -> dict[str, Score]:
    """Empty speakers, pairs and stance-pairs scores."""
    return {"speakers": Score(), "pairs": Score(), "stance_pairs": Score()}


def add_article(scores: dict[str, Score], gold: list[dict[str, Any]], system: list[dict[str, Any]],
                where: str) -> None:
    """Add one article's gold and system statements (each with ``speaker`` and ``stance``) to the three
    scores of :func:`new_scores`."""
    scores["speakers"].add([(s["speaker"],) for s in gold], [(s["speaker"],) for s in system], where)
    scores["pairs"].add([(s["speaker"], s["stance"]) for s in gold],
                        [(s["speaker"], s["stance"]) for s in system], where)
    scores["stance_pairs"].add([(s["speaker"], s["stance"]) for s in gold if s["stance"] in STANCE_BEARING],
                               [(s["speaker"], s["stance"]) for s in system if s["stance"] in STANCE_BEARING],
                               where)


@cache
def _seed_lines(name: str) -> list[str]:
    """The lines of one seed file (read once per run: every article of a batch looks its record up)."""
    return (ROOT / "seeds" / name).read_text("utf-8").splitlines()


def annotated_start(article: RawArticle) -> int:
    """Where in ``article.body`` the text the annotators read begins: after the lead paragraph the reader
    prepends from a ``summary`` (or ``standfirst``, ``description``) field; 0 when the body has none."""
    record = json.loads(_seed_lines(Path(article.file).name)[article.line - 1])
    text = str(record.get("text") or "").strip()
    return len(article.body) - len(text) if text and article.body.endswith(text) else 0


def score_batch(batch: dict[str, Any], enricher: Enricher, with_lead: bool = False) -> dict[str, Score]:
    """The three scores of one batch (see the module docstring); ``with_lead`` also counts the system
    statements found in the lead paragraph, which the annotators did not read."""
    scores = new_scores()
    articles = load_articles(batch)
    results = [result for _, result in enricher.enrich_articles(iter(articles))]
    for labelled, article, result in zip(batch["articles"], articles, results, strict=True):
        if isinstance(result, str):
            raise SystemExit(f"{labelled['file']}:{labelled['line']}: enrichment failed: {result}")
        where = f"{labelled['file']}:{labelled['line']}"
        gold = [s for s in labelled["statements"] if s.get("speaker")]
        start = 0 if with_lead or batch.get("lead_read") else annotated_start(article)
        system = [s for s in result["statements"]
                  if (s.get("resolved", True) or not names_no_one(s["speaker"])) and s["start"] >= start]
        add_article(scores, gold, system, where)  # type: ignore[arg-type]
    return scores


def main(argv: list[str] | None = None) -> int:
    """Score each batch given (default: every batch file) and print the figures as JSON lines."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("batches", nargs="*", type=Path, default=DEFAULT_BATCHES)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--errors", action="store_true", help="print misses and extras (reads the batch)")
    parser.add_argument("--statements", choices=("speech", "stance"), default="speech",
                        help="the statement units setting (NEWSARCHIVE_ENRICH_STATEMENTS) to score")
    parser.add_argument("--with-lead", action="store_true",
                        help="also score statements in the lead paragraph the annotators did not read")
    args = parser.parse_args(argv)
    enricher = Enricher(batch_size=16, processes=1, statement_units=args.statements)
    report: dict[str, Any] = {}
    try:
        for path in args.batches:
            batch = json.loads(path.read_text("utf-8"))
            scores = score_batch(batch, enricher, args.with_lead)
            report[path.name] = {name: score.figures() for name, score in scores.items()}
            print(json.dumps({"batch": path.name, **report[path.name]}))
            if args.errors:
                for name, score in scores.items():
                    for line in score.misses:
                        print(f"  {name} MISS  {line}")
                    for line in score.extras:
                        print(f"  {name} EXTRA {line}")
    finally:
        enricher.close()
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
