"""Throughput of enrichment next to raw spaCy over the same texts, in the same run.

    python scripts/bench_enrich.py [CORPUS ...] [--limit N] [--processes P] [--batch-size B]

CORPUS defaults to the project's ``seeds/``; ``../shared/bench`` holds larger corpora. Raw = ``nlp.pipe``
with the components enrichment enables, the same batch size, the same worker processes (each loading the
model once) and the same chunks of titles and cleaned bodies. Enrich = the full pipeline (cleaning, dates,
NER, persons, organisations, countries, places, statements), without the cache. Prints articles/s,
words/s and the ratio enrich / raw.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from indexer.enrich.enricher import Enricher  # noqa: E402
from indexer.enrich.nlp import load_model  # noqa: E402
from indexer.enrich.pipeline import ArticleText, pipeline_components, prepare  # noqa: E402
from indexer.readers import iter_records  # noqa: E402
from indexer.records import RawArticle, RecordError  # noqa: E402


def _raw_chunk(job: tuple[list[str], tuple[str, ...], tuple[str, ...], int]) -> int:
    """Raw spaCy over one chunk of texts in a worker (model loaded once per process); returns tokens."""
    texts, enabled, disabled, batch_size = job
    nlp = load_model(enabled, disabled)
    return sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="*", type=Path, default=[ROOT / "seeds"])
    parser.add_argument("--limit", type=int, default=0, help="at most this many articles (0 = all)")
    parser.add_argument("--processes", type=int, default=0, help="worker processes (0 = one per core)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=1, help="alternate raw/enrich this often, keep the best")
    parser.add_argument("--statements", nargs="+", choices=("speech", "stance"), default=["speech", "stance"],
                        help="statement units setting(s) to measure, each in every round (default: both)")
    args = parser.parse_args()
    processes = args.processes or os.cpu_count() or 1

    articles: list[ArticleText] = []
    errors = 0
    for record in iter_records(args.corpus):
        if isinstance(record, RawArticle):
            articles.append(ArticleText(record.title, record.body, record.published))
        elif isinstance(record, RecordError):
            errors += 1
        if args.limit and len(articles) >= args.limit:
            break
    prepared = [prepare(article) for article in articles]
    texts = [t for p in prepared for t in (p.title, p.text)]
    words = sum(len(p.text.split()) + len(p.title.split()) for p in prepared)
    enabled, disabled = pipeline_components()
    print(
        f"corpus: {', '.join(map(str, args.corpus))}: {len(articles)} articles, {words} words "
        f"({errors} unreadable records skipped); {processes} processes, batch {args.batch_size}; "
        f"components: {', '.join(('sentencizer', *enabled))}"
    )

    chunks = [texts[i : i + 2 * args.batch_size] for i in range(0, len(texts), 2 * args.batch_size)]
    raw_times: list[float] = []
    enrich_times: dict[str, list[float]] = {mode: [] for mode in args.statements}
    tokens = failed = 0
    for _ in range(args.rounds):  # alternate, keep the best of each: the machine may be shared
        started = time.perf_counter()
        tokens = _run_raw(chunks, enabled, disabled, args.batch_size, processes)
        raw_times.append(time.perf_counter() - started)
        for mode in args.statements:
            started = time.perf_counter()
            with Enricher(batch_size=args.batch_size, processes=processes, statement_units=mode) as enricher:
                failed = sum(isinstance(result, str) for result in enricher.results(articles))
            enrich_times[mode].append(time.perf_counter() - started)
    raw = min(raw_times)
    print(f"raw nlp.pipe : {len(articles) / raw:8.1f} articles/s {words / raw:9.0f} words/s ({tokens} tokens)")
    for mode, times in enrich_times.items():
        enrich = min(times)
        print(f"enrich ({mode:6}): {len(articles) / enrich:8.1f} articles/s {words / enrich:9.0f} words/s "
              f"({failed} failed)")
        print(f"ratio enrich ({mode}) / raw: {raw / enrich:.2f} (best of {args.rounds}: raw {_seconds(raw_times)}, "
              f"enrich {_seconds(times)})")


def _run_raw(
    chunks: list[list[str]], enabled: tuple[str, ...], disabled: tuple[str, ...], batch_size: int, processes: int
) -> int:
    """Raw spaCy over the chunks, in ``processes`` workers like the enricher's; returns the token count."""
    jobs = [(chunk, enabled, disabled, batch_size) for chunk in chunks]
    if processes == 1:
        return sum(_raw_chunk(job) for job in jobs)
    with multiprocessing.get_context().Pool(processes) as pool:
        return sum(pool.imap(_raw_chunk, jobs))


def _seconds(times: list[float]) -> str:
    return "/".join(f"{t:.1f}" for t in times) + " s"


if __name__ == "__main__":
    main()
