"""What "who said what" adds to enrichment time, against NER-only spaCy over the same cleaned bodies.

    python scripts/bench_statements.py [CORPUS ...] [--limit N] [--batch-size B]

CORPUS defaults to the project's ``seeds/``. One process, one core, every figure from the same run:
- ner only      : ``nlp.pipe`` with ``ner`` (+ sentencizer), what enrichment runs without statements;
- tok2vec + ner : the pipeline's statements configuration (the tok2vec tensor is kept for reuse);
- statements    : ``extract_statements`` over those docs (prefilter, parse of candidate units, rules);
- statements, own tok2vec: ``extract_statements`` over the NER-only docs (tok2vec runs on candidates only);
- full parse    : ``nlp.pipe`` with tok2vec, tagger, parser, lemmatizer and ner over everything, for scale.
The configurations run interleaved, chunk by chunk, so a shared machine's load weighs on all of them alike.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from spacy.tokens import Doc  # noqa: E402

from indexer.enrich.attribution_resolver import DocEntityResolver  # noqa: E402
from indexer.enrich.attribution_units import candidate_units, statement_units  # noqa: E402
from indexer.enrich.nlp import (  # noqa: E402
    ALL_COMPONENTS,
    NER_COMPONENTS,
    PARSE_COMPONENTS,
    STATEMENT_COMPONENTS,
    load_model,
)
from indexer.enrich.pipeline import ArticleText, prepare  # noqa: E402
from indexer.enrich.statements import extract_statements  # noqa: E402
from indexer.readers import iter_records  # noqa: E402
from indexer.records import RawArticle  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="*", type=Path, default=[ROOT / "seeds"])
    parser.add_argument("--limit", type=int, default=0, help="at most this many articles (0 = all)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--chunk", type=int, default=100, help="articles per interleaved round")
    parser.add_argument("--skip-full", action="store_true", help="do not time the full parse")
    args = parser.parse_args()

    texts: list[str] = []
    for record in iter_records(args.corpus):
        if isinstance(record, RawArticle):
            texts.append(prepare(ArticleText(record.title, record.body, record.published)).text)
        if args.limit and len(texts) >= args.limit:
            break
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {', '.join(map(str, args.corpus))}: {len(texts)} article bodies, {words} words; 1 process")

    ner_nlp = load_model(NER_COMPONENTS, (*PARSE_COMPONENTS, "tok2vec"))
    st_nlp = load_model(STATEMENT_COMPONENTS, PARSE_COMPONENTS)
    full_nlp = load_model(ALL_COMPONENTS)
    seconds = dict.fromkeys(("ner", "pipe", "reuse", "own", "full"), 0.0)
    found = found_own = 0
    ner_docs: list[Doc] = []
    # Interleaved in chunks, so that the load of a shared machine weighs on every configuration alike.
    for start in range(0, len(texts), args.chunk):
        chunk = texts[start:start + args.chunk]
        clock = time.perf_counter()
        chunk_ner = list(ner_nlp.pipe(chunk, batch_size=args.batch_size))
        seconds["ner"] += time.perf_counter() - clock
        clock = time.perf_counter()
        chunk_st = list(st_nlp.pipe(chunk, batch_size=args.batch_size))
        seconds["pipe"] += time.perf_counter() - clock
        clock = time.perf_counter()
        found += sum(len(extract_statements(doc, DocEntityResolver(doc), st_nlp)) for doc in chunk_st)
        seconds["reuse"] += time.perf_counter() - clock
        clock = time.perf_counter()
        found_own += sum(len(extract_statements(doc, DocEntityResolver(doc), ner_nlp)) for doc in chunk_ner)
        seconds["own"] += time.perf_counter() - clock
        if not args.skip_full:
            clock = time.perf_counter()
            for _ in full_nlp.pipe(chunk, batch_size=args.batch_size):
                pass
            seconds["full"] += time.perf_counter() - clock
        ner_docs.extend(chunk_ner)

    def line(label: str, took: float, base: float | None = None) -> None:
        share = f"  = +{took / base:.0%} of ner only" if base else ""
        print(f"{label:<44} {took:7.1f} s {words / took:9.0f} words/s{share}")

    line("ner only (enrichment without statements)", seconds["ner"])
    line("tok2vec + ner (pipeline's statements config)", seconds["pipe"])
    line("statements, tensor reused", seconds["reuse"])
    line("=> attribution adds, tok2vec on everything", seconds["pipe"] - seconds["ner"] + seconds["reuse"],
         seconds["ner"])
    line("=> attribution adds, tok2vec on candidates", seconds["own"], seconds["ner"])
    if not args.skip_full:
        line("for scale: full parse of every sentence", seconds["full"] - seconds["ner"], seconds["ner"])
    units = sum(len(statement_units(doc)) for doc in ner_docs)
    candidates = sum(len(candidate_units(doc)) for doc in ner_docs)
    print(f"statements found: {found} (own tok2vec: {found_own}); units parsed: {candidates} of {units} "
          f"({candidates / max(units, 1):.0%})")


if __name__ == "__main__":
    main()
