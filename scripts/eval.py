"""Measure extraction quality against labelled research data (never copied into the project).

    python scripts/eval.py persons [--data ../shared/eval]   # CoNLL-2003 valid.txt PER spans
    python scripts/eval.py persons --split train             # CoNLL-2003 train.txt (error analysis)
    python scripts/eval.py countries [--data ../shared/eval] # CoNLL-2003 valid.txt, countries named
    python scripts/eval.py dates [--data ../shared/eval]     # TimeBank + AQUAINT TIMEX3 DATE values
    python scripts/eval.py all [--data ../shared/eval]

Prints precision, recall and F1 for the archive's extraction next to the raw spaCy NER output.

CoNLL-2003 has no document markers in this copy: a document starts at the headline sentence just before
each dateline sentence ("LONDON 1996-08-30"). Persons are scored per mention span (exact character
span) and per document (the set of canonical names; a gold single-word name that is the first or last
word of one longer gold name in the same document counts as that longer name, and so does a name that
is the last words of one longer name ("De Wilde", "Filip De Wilde"), case-insensitively; a
nickname in quotes or brackets inside a gold name is dropped: 'Roberto " Hands of Stone " Duran' is
Roberto Duran).
Countries are scored per document: gold = the countries that gold LOC/MISC spans name (country names,
short forms, demonyms: cities do not count). Dates are scored per document: gold = the distinct TIMEX3
DATE values with day precision in the text, the document creation time serving as publication date.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Hashable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from indexer.dates import mentioned_dates  # noqa: E402
from indexer.enrich import geo  # noqa: E402
from indexer.enrich.mentions import BODY, EntitySpan  # noqa: E402
from indexer.enrich.nlp import NER_COMPONENTS, load_model  # noqa: E402
from indexer.enrich.pipeline import extract_entities  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "eval"
_NO_SPACE_BEFORE = {",", ".", ":", ";", "?", "!", ")", "]", "}", "'s", "n't", "'", "%", "'re", "'ll", "'ve", "'d"}
_NO_SPACE_AFTER = {"(", "[", "{", "$"}


@dataclass
class Score:
    """Counts of true positives, predictions and gold items; precision, recall and F1 from them."""

    hits: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, predicted: AbstractSet[Hashable], gold: AbstractSet[Hashable]) -> None:
        self.hits += len(predicted & gold)
        self.predicted += len(predicted)
        self.gold += len(gold)

    def line(self, name: str) -> str:
        p = self.hits / self.predicted if self.predicted else 0.0
        r = self.hits / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return (
            f"{name:<44} P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (hits {self.hits}, pred {self.predicted}, gold {self.gold})"
        )


@dataclass
class ConllDoc:
    """One reconstructed CoNLL document: detokenised text and gold spans (label, start, end)."""

    text: str = ""
    spans: list[tuple[str, int, int]] = field(default_factory=list)


def read_conll(path: Path) -> list[ConllDoc]:
    """CoNLL-2003 sentences grouped into documents at each headline + dateline pair."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
                current = []
            continue
        parts = line.split()
        if parts[0] == "-DOCSTART-":
            continue
        current.append((parts[0], parts[-1]))
    if current:
        sentences.append(current)
    starts = [0]
    for index, sentence in enumerate(sentences):
        if index > 1 and re.fullmatch(r"\d{4}-\d\d-\d\d", sentence[-1][0]):
            starts.append(index - 1)
    starts = sorted(set(starts))
    bounds = list(zip(starts, [*starts[1:], len(sentences)], strict=True))
    return [_conll_doc(sentences[a:b]) for a, b in bounds if b > a]


def _conll_doc(sentences: list[list[tuple[str, str]]]) -> ConllDoc:
    doc = ConllDoc()
    pieces: list[str] = []
    length = 0
    for sentence in sentences:
        if pieces:
            pieces.append("\n")
            length += 1
        open_span: tuple[str, int] | None = None
        last_end = length
        previous = ""
        for position, (token, tag) in enumerate(sentence):
            if position and token not in _NO_SPACE_BEFORE and previous not in _NO_SPACE_AFTER:
                pieces.append(" ")
                length += 1
            start = length
            pieces.append(token)
            length += len(token)
            if open_span and not tag.startswith("I-"):
                doc.spans.append((open_span[0], open_span[1], last_end))
                open_span = None
            if tag.startswith("B-") or (tag.startswith("I-") and open_span is None):
                open_span = (tag[2:], start)
            last_end = length
            previous = token
        if open_span:
            doc.spans.append((open_span[0], open_span[1], last_end))
    doc.text = "".join(pieces)
    return doc


def _without_nickname(name: str) -> str:
    """A gold name without a nickname in quotes or brackets ('Roberto " Hands of Stone " Duran' -> "Roberto
    Duran", "James Leander (Leo) Nichols" -> "James Leander Nichols"); a bracketed first word is the first
    name an editor added ("(Tom) Seaver" -> "Tom Seaver")."""
    name = re.sub(r'\s*"[^"]*"\s*', " ", name)
    name = re.sub(r"^\(([^()]+)\)", r"\1", name)
    name = re.sub(r"\s*\([^()]*\)\s*", " ", name)
    return " ".join(name.split())


def _canonical_gold(names: Iterable[str]) -> set[str]:
    # case-insensitive: "DALGLISH" in a headline is Kenny Dalglish; nicknames are not part of a canonical name
    names = {geo.fold(_without_nickname(n)) for n in names}
    full = [n for n in names if len(n.split()) >= 2]
    result = set()
    for name in names:
        if len(name.split()) == 1:
            longer = [f for f in full if f.split()[-1] == name or f.split()[0] == name]
        else:  # a surname of several words: "De Wilde" is Filip De Wilde
            longer = [f for f in full if f.endswith(" " + name)]
        result.add(longer[0] if len(longer) == 1 else name)
    return result


def _docs_with_spans(texts: list[str]) -> list[list[EntitySpan]]:
    nlp = load_model(NER_COMPONENTS)
    result = []
    for doc in nlp.pipe(texts, batch_size=32):
        result.append([EntitySpan(e.text, e.label_, e.start_char, e.end_char, BODY) for e in doc.ents])
    return result


def eval_conll(data: Path, what: str, split: str = "valid") -> None:
    path = data / "conll2003" / f"{split}.txt"
    docs = read_conll(path)
    started = time.perf_counter()
    all_spans = _docs_with_spans([d.text for d in docs])
    elapsed = time.perf_counter() - started
    print(
        f"CoNLL-2003 {path} : {len(docs)} documents, {sum(len(d.text.split()) for d in docs)} words "
        f"(NER {elapsed:.1f} s)"
    )
    ours_span, raw_span, ours_doc, raw_doc = Score(), Score(), Score(), Score()
    ours_country, raw_country = Score(), Score()
    for doc, spans in zip(docs, all_spans, strict=True):
        entities = extract_entities(spans, ("", doc.text))
        persons = entities.persons
        gold_spans = {(s, e) for label, s, e in doc.spans if label == "PER"}
        ours_span.add({(m.start, m.end) for m, _ in persons.mentions if m.source == BODY}, gold_spans)
        raw_span.add({(s.start, s.end) for s in spans if s.label == "PERSON"}, gold_spans)
        gold_names = _canonical_gold(doc.text[s:e] for label, s, e in doc.spans if label == "PER")
        ours_doc.add({geo.fold(n) for n in persons.counts}, gold_names)
        raw_doc.add({geo.fold(s.text) for s in spans if s.label == "PERSON"}, gold_names)
        if what in ("countries", "all"):
            gold_countries = {
                code
                for label, s, e in doc.spans
                if label in ("LOC", "MISC")
                and (
                    code := geo.country_names().get(geo.fold(doc.text[s:e]))
                    or geo.demonyms().get(geo.fold(doc.text[s:e]))
                )
            }
            found = entities.countries
            ours_country.add({c["code"] for c in found}, set(gold_countries))
            raw_country.add(
                {c for s in spans if s.label in ("GPE", "NORP") and (c := geo.country_code(s.text))},
                set(gold_countries),
            )
    if what in ("persons", "all"):
        print(raw_span.line("persons, mention spans, raw spaCy PERSON"))
        print(ours_span.line("persons, mention spans, archive"))
        print(raw_doc.line("persons, per document, raw spaCy PERSON"))
        print(ours_doc.line("persons, per document (canonical), archive"))
    if what in ("countries", "all"):
        print(raw_country.line("countries, per document, raw spaCy GPE/NORP"))
        print(ours_country.line("countries, per document, archive"))


def read_timeml(path: Path) -> tuple[str, str, set[str]]:
    """(text, document creation date, gold day-precision DATE values) of one TimeML file."""
    root = ElementTree.parse(path).getroot()
    dct = ""
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = (timex.get("value") or "")[:10]
    text_element = root.find("TEXT")
    if text_element is None or not dct:
        raise ValueError(f"{path}: no TEXT or no creation time")
    text = "".join(text_element.itertext())
    gold = {
        value
        for timex in text_element.iter("TIMEX3")
        if timex.get("type") == "DATE" and re.fullmatch(r"\d{4}-\d\d-\d\d", value := timex.get("value") or "")
    }
    return text, dct, gold


def eval_dates(data: Path) -> None:
    import dateparser

    root = data / "timeml" / "TBAQ-cleaned"
    files = sorted(root.glob("*/*.tml"))
    documents = [read_timeml(f) for f in files]
    ours, raw = Score(), Score()
    started = time.perf_counter()
    for text, dct, gold in documents:
        ours.add(set(mentioned_dates(text, dct)), gold)
    ours_time = time.perf_counter() - started
    nlp = load_model(NER_COMPONENTS)
    for (_text, dct, gold), doc in zip(documents, nlp.pipe([d[0] for d in documents]), strict=True):
        base = datetime.fromisoformat(dct)
        found = set()
        for entity in doc.ents:
            if entity.label_ != "DATE":
                continue
            parsed = dateparser.parse(entity.text, languages=["en"], settings={"RELATIVE_BASE": base})
            if parsed is not None:
                found.add(parsed.date().isoformat())
        raw.add(found, gold)
    print(
        f"TimeBank+AQUAINT {root}: {len(documents)} documents, "
        f"{sum(len(g) for _, _, g in documents)} gold day dates (archive: {ours_time:.1f} s)"
    )
    print(raw.line("dates, per document, spaCy DATE + dateparser"))
    print(ours.line("dates, per document, archive"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("what", choices=["persons", "countries", "dates", "all"])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared eval folder")
    parser.add_argument(
        "--split",
        choices=["valid", "train"],
        default="valid",
        help="CoNLL-2003 split: valid is the measurement, train is for error analysis",
    )
    args = parser.parse_args()
    if not args.data.is_dir():
        parser.error(f"no such folder: {args.data}")
    if args.what in ("persons", "countries", "all"):
        eval_conll(args.data, args.what, args.split)
    if args.what in ("dates", "all"):
        eval_dates(args.data)


if __name__ == "__main__":
    main()
