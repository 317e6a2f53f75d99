"""Enrichment throughput through a Dask cluster against the local process pool, in the same run.

    python scripts/bench_dask.py [CORPUS ...] [--limit N] [--workers W] [--batch-size B] [--rounds R]
                                 [--worker-profiler] [--malloc-trim]

CORPUS defaults to the project's ``seeds/``. Local = :class:`~indexer.enrich.enricher.Enricher` with W
worker processes; Dask = :class:`~indexer.enrich.dask_enricher.DaskEnricher` on a ``LocalCluster`` of W
worker processes (one thread each, loopback; its scheduler runs in this process) on the same machine. Same
articles, same batch size, enrichment cache off. The workers run without Dask's statistical profiler and
without the ``MALLOC_TRIM_THRESHOLD_=65536`` a nanny sets by default, as in the compose profile (flags keep
either). Both are warmed up first (workers started, model loaded,
one window of articles enriched), then the rounds alternate local / Dask and the best of each is kept (the
machine may be shared). Prints articles/s of both, the ratio Dask / local, whether the outputs are
identical, the load average before and after, and the CPU this process spent per article in the Dask
rounds (what one indexer costs per article it sends to a cluster, plus the in-process scheduler).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import dask.config  # noqa: E402
from distributed import LocalCluster  # noqa: E402

from indexer.enrich.dask_enricher import DaskEnricher  # noqa: E402
from indexer.enrich.enricher import Enricher  # noqa: E402
from indexer.enrich.pipeline import ArticleText  # noqa: E402
from indexer.enrich.types import Enrichment  # noqa: E402
from indexer.readers import iter_records  # noqa: E402
from indexer.records import RawArticle  # noqa: E402


def read_articles(corpus: list[Path], limit: int) -> list[ArticleText]:
    """The articles of ``corpus`` (at most ``limit``; 0 = all) as enrichment input."""
    articles: list[ArticleText] = []
    for record in iter_records(corpus):
        if isinstance(record, RawArticle):
            articles.append(ArticleText(record.title, record.body, record.published))
            if limit and len(articles) >= limit:
                break
    return articles


def timed(enricher: Enricher, articles: list[ArticleText]) -> tuple[float, float, list[Enrichment | str]]:
    """Wall seconds and this process's CPU seconds to enrich ``articles`` with ``enricher``; the results."""
    started, cpu = time.perf_counter(), time.process_time()
    results = list(enricher.results(articles))
    return time.perf_counter() - started, time.process_time() - cpu, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="*", type=Path, default=[ROOT / "seeds"])
    parser.add_argument("--limit", type=int, default=0, help="at most this many articles (0 = all)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes, local pool and cluster alike")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=1, help="alternate local/Dask this often, keep the best")
    parser.add_argument("--worker-profiler", action="store_true",
                        help="keep Dask's statistical profiler on in the workers (off by default, as in the "
                             "compose profile)")
    parser.add_argument("--malloc-trim", action="store_true",
                        help="keep Dask's MALLOC_TRIM_THRESHOLD_=65536 in the workers (unset by default: it "
                             "costs enrichment several per cent; the compose profile's workers run without it)")
    args = parser.parse_args()

    articles = read_articles(args.corpus, args.limit)
    words = sum(len(a.title.split()) + len(a.body.split()) for a in articles)
    load_before = os.getloadavg()
    print(f"corpus: {', '.join(map(str, args.corpus))}: {len(articles)} articles, {words} raw words; "
          f"{args.workers} workers, batch {args.batch_size}, cache off, worker profiler "
          f"{'on' if args.worker_profiler else 'off'}, worker MALLOC_TRIM_THRESHOLD_ "
          f"{'65536' if args.malloc_trim else 'unset'}; load average {_load(load_before)}")
    warm_up = articles[: args.batch_size * args.workers * 4]

    worker_config = {
        "distributed.worker.profile.enabled": args.worker_profiler,
        "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": 65536 if args.malloc_trim else None,
    }
    with dask.config.set(worker_config):  # the nannies and workers take their configuration from here
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=args.workers, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address="127.0.0.1:0",  # the scheduler's HTTP server: loopback, any free port
        )
    local_times: list[float] = []
    dask_times: list[float] = []
    dask_cpu: list[float] = []
    try:
        with Enricher(batch_size=args.batch_size, processes=args.workers) as local, DaskEnricher(
            cluster.scheduler_address, batch_size=args.batch_size
        ) as distributed:
            timed(local, warm_up)
            timed(distributed, warm_up)
            for _ in range(args.rounds):
                seconds, _, local_results = timed(local, articles)
                local_times.append(seconds)
                seconds, cpu, dask_results = timed(distributed, articles)
                dask_times.append(seconds)
                dask_cpu.append(cpu)
    finally:
        cluster.close()

    best_local, best_dask = min(local_times), min(dask_times)
    failed = sum(isinstance(result, str) for result in dask_results)
    print(f"local pool   : {len(articles) / best_local:7.1f} articles/s {words / best_local:9.0f} words/s")
    print(f"Dask cluster : {len(articles) / best_dask:7.1f} articles/s {words / best_dask:9.0f} words/s "
          f"({failed} failed)")
    print(f"ratio Dask / local: {best_local / best_dask:.2f} (best of {args.rounds}: local {_seconds(local_times)}, "
          f"Dask {_seconds(dask_times)}); outputs identical: {dask_results == local_results}; "
          f"load average after {_load(os.getloadavg())}")
    print(f"this process's CPU during the Dask rounds (client and the LocalCluster's scheduler): "
          f"{1000 * min(dask_cpu) / len(articles):.1f} ms per article")


def _seconds(times: list[float]) -> str:
    return "/".join(f"{t:.1f}" for t in times) + " s"


def _load(load: tuple[float, float, float]) -> str:
    return " ".join(f"{value:.2f}" for value in load)


if __name__ == "__main__":
    main()
