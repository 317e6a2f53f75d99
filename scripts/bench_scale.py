"""Load, search and export at 10k, 100k and 1M generated articles on one node, each beside its baseline.

For every size N (``--sizes``, default 10,000 100,000 1,000,000):

1. corpus: ``scripts/generate_corpus.py --count N`` (index-ready JSON Lines, deterministic; kept in
   ``--workdir`` and reused);
2. store: the documents are written to an enrichment store of their own (``<workdir>/data-N``), as ``index``
   leaves them (timed, reported apart);
3. load, in alternating order in the same run: the baseline, a plain ``elasticsearch.helpers.bulk`` of the
   same documents streamed from the JSON Lines file into a fresh index with the archive's mapping (same chunk
   size, refresh at the end; ``bench_reindex.plain_bulk``); and the archive's store-based load path,
   ``newsarchive reindex`` end to end
   (new versioned index, no refresh and no replicas while loading, count check, settings restored, aliases
   swapped). Ratio = reindex docs/s / baseline docs/s. Then the index's size on disk per article and the
   node's heap;
4. search: ``scripts/bench_search.py --reuse`` on the loaded alias (the query mix with facets: Elasticsearch
   directly, ``/api/search``, the page; p50/p95/p99);
5. export (sizes >= 100,000): ``/api/export`` of a query with about 100,000 hits (the whole corpus at 100k,
   one year of publication at 1M) read to the end, against the same walk (point in time + search_after, the
   same body) with the Python client alone; rows/s of both and the app's resident memory sampled while it
   streams (peak against before), next to a 10,000-hit export for flatness.

Writes the figures as JSON (``--results``); ``scripts/plot_scale.py`` draws latency against size. Every
index of the run is deleted at the end unless ``--keep``. Elasticsearch: the archive's settings
(``NEWSARCHIVE_ES_URL`` / ``NEWSARCHIVE_ES_PORT``).

    python scripts/bench_scale.py --sizes 10000 100000 1000000 --results var/bench/scale/results.json
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from bench_reindex import plain_bulk  # noqa: E402
from bench_scale_export import measure_export  # noqa: E402
from bench_search import read_corpus  # noqa: E402

from indexer.lifecycle import setup_indices  # noqa: E402
from indexer.lifecycle.reindex import ReindexOptions, reindex  # noqa: E402
from indexer.store import EnrichmentStore  # noqa: E402
from newsarchive.config import Settings, load_settings  # noqa: E402
from newsarchive.es_client import make_client, resolve_es_url  # noqa: E402


def corpus_file(workdir: Path, count: int) -> Path:
    """The generated corpus of ``count`` documents (generated once, then reused)."""
    path = workdir / f"corpus-{count}.jsonl"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        print(f"generating {count:,} documents -> {path}", file=sys.stderr)
        subprocess.run([sys.executable, str(PROJECT_ROOT / "scripts" / "generate_corpus.py"),
                        "--count", str(count), "--out", str(path)], check=True)
    return path


def fill_store(settings: Settings, corpus: Path, count: int) -> dict[str, float]:
    """Write the corpus into the run's enrichment store (skipped when it already holds ``count``)."""
    with EnrichmentStore.open(settings) as store:
        if store.count() == count:
            return {"store_seconds": 0.0, "store_mb": store.path.stat().st_size / 1e6}
    shutil.rmtree(settings.data_dir, ignore_errors=True)
    settings.data_dir.mkdir(parents=True)
    started = time.monotonic()
    with EnrichmentStore.open(settings) as store:
        documents = read_corpus(corpus)
        while batch := list(islice(documents, 5000)):
            store.put_many(batch)
        seconds = time.monotonic() - started
        return {"store_seconds": seconds, "store_mb": store.path.stat().st_size / 1e6}


def store_reindex(client: Elasticsearch, settings: Settings, count: int) -> float:
    """Seconds for ``newsarchive reindex`` of the run's store into a new index behind the run's alias."""
    with EnrichmentStore.open(settings) as store:
        result = reindex(client, settings, store, ReindexOptions(progress=False, keep=1))
    if result.documents != count:
        raise SystemExit(f"reindex holds {result.documents} documents, expected {count}")
    return result.seconds


def index_figures(client: Elasticsearch, settings: Settings, count: int) -> dict[str, float]:
    """Size on disk of the live index (primaries, before and after a force merge to one segment) and heap."""
    stats = client.indices.stats(index=settings.alias, metric="store,segments")["_all"]["primaries"]
    before = stats["store"]["size_in_bytes"]
    client.options(request_timeout=3600).indices.forcemerge(index=settings.alias, max_num_segments=1)
    client.indices.refresh(index=settings.alias)  # releases the merged-away segments: their files go
    client.indices.flush(index=settings.alias)
    merged = client.indices.stats(index=settings.alias, metric="store")["_all"]["primaries"]["store"]["size_in_bytes"]
    heap = [node["jvm"]["mem"] for node in client.nodes.stats(metric="jvm")["nodes"].values()]
    return {
        "index_bytes": before, "index_bytes_merged": merged,
        "bytes_per_article": before / count, "bytes_per_article_merged": merged / count,
        "heap_used_mb": sum(h["heap_used_in_bytes"] for h in heap) / 2**20,
        "heap_max_mb": sum(h["heap_max_in_bytes"] for h in heap) / 2**20,
    }


def search_figures(settings: Settings, workdir: Path, count: int, rounds: int) -> dict[str, Any]:
    """``bench_search.py --reuse`` on the run's alias; its JSON figures."""
    out = workdir / f"search-{count}.json"
    corpus = corpus_file(workdir, count)  # loaded already: named so that bench_search generates nothing
    subprocess.run([sys.executable, str(PROJECT_ROOT / "scripts" / "bench_search.py"), "--reuse", "--keep",
                    "--corpus", str(corpus),
                    "--prefix", settings.index_prefix, "--rounds", str(rounds), "--json", str(out)],
                   check=True, env={**os.environ, "NEWSARCHIVE_ES_URL": resolve_es_url(settings)})
    figures: dict[str, Any] = json.loads(out.read_text())
    return figures


def load_average() -> str:
    """The 1/5/15-minute load average, as ``uptime`` prints it."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def measure_size(client: Elasticsearch, base: Settings, args: argparse.Namespace, count: int) -> dict[str, Any]:
    """Every figure of one corpus size."""
    settings = base.model_copy(update={"index_prefix": f"scale{count}-",
                                        "data_dir": args.workdir / f"data-{count}"})
    corpus = corpus_file(args.workdir, count)
    row: dict[str, Any] = {"documents": count, "load_before": load_average(),
                           "corpus_mb": corpus.stat().st_size / 1e6}
    row.update(fill_store(settings, corpus, count))
    setup_indices(client, settings)
    pairs = args.pairs if args.pairs else (2 if count <= 100_000 else 1)
    baseline: list[float] = []
    loaded: list[float] = []
    for n in range(pairs):
        order = ("baseline", "reindex") if n % 2 == 0 else ("reindex", "baseline")
        for step in order:
            print(f"{count:,}: {step} (pair {n + 1} of {pairs}, load {load_average()})", file=sys.stderr)
            if step == "baseline":
                baseline.append(plain_bulk(client, settings, read_corpus(corpus), count))
            else:
                loaded.append(store_reindex(client, settings, count))
    row.update({
        "baseline_seconds": baseline, "reindex_seconds": loaded,
        "baseline_docs_s": [count / s for s in baseline], "reindex_docs_s": [count / s for s in loaded],
        "ratios": [b / r for b, r in zip(baseline, loaded, strict=True)],
    })
    row.update(index_figures(client, settings, count))
    row["search"] = search_figures(settings, args.workdir, count, args.rounds)
    if count >= 100_000:
        row["export"] = measure_export(client, settings, count)
    row["load_after"] = load_average()
    if not args.keep:
        for name in client.indices.get(index=f"{settings.index_prefix}*").body:
            client.indices.delete(index=name)
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--workdir", type=Path, default=PROJECT_ROOT / "var" / "bench" / "scale")
    parser.add_argument("--results", type=Path, help="JSON file of the figures (default WORKDIR/results.json)")
    parser.add_argument("--pairs", type=int, default=0, help="baseline/reindex pairs (default 2, 1 at 1M)")
    parser.add_argument("--rounds", type=int, default=15, help="passes over the search query mix")
    parser.add_argument("--keep", action="store_true", help="keep the loaded indices")
    args = parser.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)
    results_path = args.results or args.workdir / "results.json"
    settings = load_settings()
    client = make_client(settings).options(request_timeout=600)
    results: dict[str, Any] = json.loads(results_path.read_text()) if results_path.exists() else {}
    results["chunk_size"] = settings.bulk_chunk_size
    nodes = client.nodes.info(metric="jvm")["nodes"].values()
    results["machine"] = (f"{os.cpu_count()} CPUs; Elasticsearch "
                          f"{', '.join(sorted({n['version'] for n in nodes}))}; heap "
                          f"{', '.join(str(n['jvm']['mem']['heap_max_in_bytes'] // 2**20) + ' MB' for n in nodes)}")
    for count in args.sizes:
        results[str(count)] = measure_size(client, settings, args, count)
        results_path.write_text(json.dumps(results, indent=2))
        row = results[str(count)]
        print(f"{count:,}: baseline {row['baseline_docs_s']}, reindex {row['reindex_docs_s']}, "
              f"ratios {row['ratios']}, {row['bytes_per_article']:.0f} B/article", file=sys.stderr)
    print(f"figures in {results_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
