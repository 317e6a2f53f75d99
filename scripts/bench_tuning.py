"""Before/after figures for the index tunings of issue 17, on the corpora and stores of ``bench_scale.py``.

Each experiment compares settings in the same run, alternating where it repeats:

- ``chunk``: ``reindex`` from the 100k store with bulk chunk sizes (documents per request);
- ``refresh``: ``helpers.bulk`` of the 100k corpus into an index refreshing every second (Elasticsearch's
  default) against one with refresh off until the end (what ``reindex`` does);
- ``shards``: the 1M index in one primary shard against a split copy in two: search latency (query mix);
- ``eager``: ``eager_global_ordinals`` on the facet fields or not, on the loaded 1M index: facet search
  latency right after a refresh that follows a small write (a live archive being indexed);
- ``layout``: one index behind the alias against yearly indices (time-based, rollover-style) holding the same
  1M documents (bulk-loaded from the corpus, routed by year: the integ-test distribution has no
  ``_reindex``): load rate, search latency of the query mix, size on disk, and the bulk load of 100k
  documents into each layout.

    python scripts/bench_tuning.py chunk refresh shards eager layout --json var/bench/scale/tuning.json
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch.helpers import bulk

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))
sys.path.insert(0, str(PROJECT_ROOT / "scripts"))

from bench_scale import load_average  # noqa: E402
from bench_search import QUERY_MIX, percentiles, read_corpus, to_params  # noqa: E402

from indexer.lifecycle import setup_indices  # noqa: E402
from indexer.lifecycle.reindex import ReindexOptions, reindex  # noqa: E402
from indexer.store import EnrichmentStore  # noqa: E402
from newsarchive.config import Settings, load_settings  # noqa: E402
from newsarchive.es_client import make_client  # noqa: E402
from newsarchive.mapping import index_body  # noqa: E402
from web.query_builder import search_body  # noqa: E402
from web.search_service import CorpusRange, resolve_interval  # noqa: E402

FACET_FIELDS = ("persons.name", "countries.name", "organizations.name", "stances", "speaker_stance", "source")


def bulk_into(client: Elasticsearch, corpus: Path, index_of: Any, chunk: int) -> float:
    """Seconds to ``helpers.bulk`` the corpus, each document into ``index_of(document)``, then refresh."""
    started = time.monotonic()
    actions = ({"_index": index_of(d), "_id": d["id"], "_source": d} for d in read_corpus(corpus))
    _, errors = bulk(client, actions, chunk_size=chunk, max_retries=3)
    client.indices.refresh(index="tune-*")
    if errors:
        raise SystemExit(f"bulk errors: {errors!r}")
    return time.monotonic() - started


def create(client: Elasticsearch, name: str, **settings: Any) -> None:
    """A fresh index ``name`` with the archive's mapping and ``settings`` on top of its own."""
    client.options(ignore_status=404).indices.delete(index=name)
    body = index_body()
    body["settings"].update(settings)
    client.indices.create(index=name, settings=body["settings"], mappings=body["mappings"])


def search_latency(client: Elasticsearch, index: str, rounds: int = 10) -> dict[str, float]:
    """p50/p95/p99 (ms) of the query mix (with facets) sent straight to Elasticsearch on ``index``."""
    corpus_range = CorpusRange().get(client, index)
    bodies = [search_body(p, interval=resolve_interval(p, corpus_range)) for p in map(to_params, QUERY_MIX)]
    samples: list[float] = []
    for round_number in range(rounds + 2):
        for body in bodies:
            started = time.perf_counter()
            client.search(index=index, **body)
            if round_number >= 2:
                samples.append((time.perf_counter() - started) * 1000)
    return percentiles(samples)


def chunk_sizes(client: Elasticsearch, base: Settings, args: argparse.Namespace) -> dict[str, Any]:
    """Reindex docs/s from the 100k store per chunk size (``--passes`` passes, alternating order)."""
    rates: dict[int, list[float]] = {size: [] for size in args.chunks}
    for n in range(args.passes):
        for size in args.chunks if n == 0 else reversed(args.chunks):
            settings = base.model_copy(update={"index_prefix": "scale100000-", "bulk_chunk_size": size,
                                               "data_dir": args.workdir / "data-100000"})
            setup_indices(client, settings)
            with EnrichmentStore.open(settings) as store:
                result = reindex(client, settings, store, ReindexOptions(progress=False, keep=1))
            rates[size].append(result.documents / result.seconds)
            print(f"chunk {size}: {rates[size][-1]:,.0f} docs/s (load {load_average()})", file=sys.stderr)
    return {str(size): values for size, values in rates.items()}


def refresh(client: Elasticsearch, args: argparse.Namespace) -> dict[str, Any]:
    """helpers.bulk docs/s of the 100k corpus with refresh every 1 s vs off until the end (``--passes`` pairs)."""
    corpus = args.workdir / "corpus-100000.jsonl"
    rates: dict[str, list[float]] = {"1s": [], "-1": []}
    for n in range(args.passes):
        for interval in ("1s", "-1") if n == 0 else ("-1", "1s"):
            create(client, "tune-refresh", refresh_interval=interval)
            seconds = bulk_into(client, corpus, lambda _d: "tune-refresh", 500)
            rates[interval].append(100_000 / seconds)
            client.indices.delete(index="tune-refresh")
            print(f"refresh {interval}: {rates[interval][-1]:,.0f} docs/s", file=sys.stderr)
    return rates


def shards(client: Elasticsearch, args: argparse.Namespace) -> dict[str, Any]:
    """The loaded 1M index (one shard) against a copy split into two shards (``_split``: hard links, then a
    force merge to one segment per shard): search latency of the query mix, alternating, straight to
    Elasticsearch. The copy is left behind the alias ``tune-split2`` for bench_search.py (--prefix tune-split2-
    expects ``tune-split2-articles``; the alias made here is that name)."""
    source = next(iter(client.indices.get_alias(name=args.alias).body))
    client.options(ignore_status=404).indices.delete(index="tune-split2")
    client.indices.put_settings(index=source, settings={"index.blocks.write": True})
    try:
        client.indices.split(index=source, target="tune-split2", settings={
            "index.number_of_shards": 2, "index.number_of_replicas": 0, "index.blocks.write": None})
    finally:
        client.indices.put_settings(index=source, settings={"index.blocks.write": None})
    client.cluster.health(index="tune-split2", wait_for_status="green", timeout="120s")
    started = time.monotonic()
    client.options(request_timeout=3600).indices.forcemerge(index="tune-split2", max_num_segments=1)
    merge_seconds = time.monotonic() - started
    client.indices.update_aliases(actions=[{"add": {"index": "tune-split2", "alias": "tune-split2-articles"}}])
    figures: dict[str, Any] = {"merge_seconds": merge_seconds, "1": [], "2": []}
    for n in range(2):
        for count, index in (("1", args.alias), ("2", "tune-split2")) if n == 0 else (
                ("2", "tune-split2"), ("1", args.alias)):
            figures[count].append(search_latency(client, index))
    print(f"shards: {figures}", file=sys.stderr)
    return figures


def _eager_mapping(eager_on: bool) -> dict[str, Any]:
    """The facet fields' mapping (the archive's) with ``eager_global_ordinals`` set to ``eager_on``."""
    properties: dict[str, Any] = {}
    mapped = index_body()["mappings"]["properties"]
    for field in FACET_FIELDS:
        head, _, sub = field.partition(".")
        definition = dict(mapped[head]["properties"][sub] if sub else mapped[head], eager_global_ordinals=eager_on)
        properties[head] = {"properties": {sub: definition}} if sub else definition
    return properties


def eager(client: Elasticsearch, args: argparse.Namespace) -> dict[str, Any]:
    """Facet search latency right after small write + refresh, with eager global ordinals off and on."""
    index = args.alias
    params = to_params({"q": "Putin", "country": ["Russia"]})  # a filter: the other facets count under it
    body = search_body(params, interval=resolve_interval(params, CorpusRange().get(client, index)))
    figures: dict[str, Any] = {}
    filler = next(read_corpus(args.workdir / "corpus-10000.jsonl"))
    for eager_on in (False, True, False, True):
        client.indices.put_mapping(index=index, properties=_eager_mapping(eager_on))
        samples: list[float] = []
        refreshes: list[float] = []
        for n in range(20):
            client.index(index=index, id=f"tune-eager-{n}", document=dict(filler, id=f"tune-eager-{n}"))
            started = time.perf_counter()
            client.indices.refresh(index=index)
            refreshes.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            client.search(index=index, **body)
            samples.append((time.perf_counter() - started) * 1000)
        key = "on" if eager_on else "off"
        figures.setdefault(key, []).append({"search": percentiles(samples),
                                            "refresh_ms_median": statistics.median(refreshes)})
        print(f"eager {key}: search p50 {statistics.median(samples):.0f} ms, refresh "
              f"{statistics.median(refreshes):.0f} ms", file=sys.stderr)
    client.indices.put_mapping(index=index, properties=_eager_mapping(False))  # as the archive maps them
    for n in range(20):  # (the integ-test distribution has no delete-by-query: the reindex module is absent)
        client.delete(index=index, id=f"tune-eager-{n}")
    client.indices.refresh(index=index)
    return figures


def layout(client: Elasticsearch, args: argparse.Namespace) -> dict[str, Any]:
    """One index vs yearly indices: the 1M corpus bulk-loaded into ten yearly indices (load rate), search
    latency of both at 1M, size; and the bulk load of 100k into each layout."""
    figures: dict[str, Any] = {"one_index": {"search": search_latency(client, args.alias)}}
    years = range(2015, 2025)
    yearly = [f"tune-year-{year}" for year in years]
    loaded = client.indices.exists_alias(name="tune-years") and client.count(index="tune-years")["count"] == int(
        client.count(index=args.alias)["count"])
    if not loaded:  # else reused from an earlier run (its load rate is that run's)
        for name in yearly:
            create(client, name)
        started = time.monotonic()  # the same helpers.bulk as bench_scale's baseline (default refresh), by year
        bulk_into(client, args.workdir / "corpus-1000000.jsonl",
                  lambda d: f"tune-year-{(d.get('published') or '2015')[:4]}", 500)
        figures["load_1m_docs_s"] = 1_000_000 / (time.monotonic() - started)
        started = time.monotonic()
        client.options(request_timeout=3600).indices.forcemerge(index="tune-year-*", max_num_segments=1)
        client.indices.refresh(index="tune-year-*")
        client.indices.update_aliases(actions=[{"add": {"index": "tune-year-*", "alias": "tune-years"}}])
        figures["merge_seconds"] = time.monotonic() - started
    figures["yearly"] = {"search": search_latency(client, "tune-years")}
    figures["one_index"]["search_again"] = search_latency(client, args.alias)
    size = client.indices.stats(index="tune-year-*", metric="store")["_all"]["primaries"]["store"]["size_in_bytes"]
    figures["yearly"]["bytes"] = size
    figures["one_index"]["bytes"] = client.indices.stats(index=args.alias, metric="store")["_all"]["primaries"][
        "store"]["size_in_bytes"]
    year_query = to_params({"q": "Putin", "published_from": ["2019"], "published_to": ["2019"]})
    for name, index in (("one_index", args.alias), ("yearly", "tune-years")):
        body = search_body(year_query, interval=resolve_interval(year_query, CorpusRange().get(client, index)))
        samples = []
        for n in range(12):
            started = time.perf_counter()
            client.search(index=index, **body)
            if n >= 2:
                samples.append((time.perf_counter() - started) * 1000)
        figures[name]["one_year_query_p50_ms"] = statistics.median(samples)
    if not args.keep_layout:
        client.indices.delete(index=",".join(yearly))  # names: wildcard deletes are refused
    corpus = args.workdir / "corpus-100000.jsonl"
    loads: dict[str, list[float]] = {"one_index": [], "yearly": []}
    for n in range(args.passes):
        for name in ("one_index", "yearly") if n == 0 else ("yearly", "one_index"):
            targets = ["tune-one"] if name == "one_index" else [f"tune-year-{y}" for y in years]
            for target in targets:
                create(client, target, refresh_interval="-1")
            route = (lambda _d: "tune-one") if name == "one_index" else (
                lambda d: f"tune-year-{(d.get('published') or '2015')[:4]}")
            loads[name].append(100_000 / bulk_into(client, corpus, route, 500))
            client.indices.delete(index=",".join(targets))
    figures["load_100k_docs_s"] = loads
    print(f"layout: {json.dumps(figures)}", file=sys.stderr)
    return figures


def offsets(client: Elasticsearch, args: argparse.Namespace) -> dict[str, Any]:
    """Text fields indexed with offsets (the mapping's choice: fast highlighting) against positions only:
    size on disk and search latency of the query mix (with highlights), 100k documents."""
    corpus = args.workdir / "corpus-100000.jsonl"
    figures: dict[str, Any] = {}
    for choice in ("offsets", "positions"):
        name = f"tune-text-{choice}"
        client.options(ignore_status=404).indices.delete(index=name)
        body = index_body()
        for field in body["mappings"]["properties"].values():
            if field.get("index_options") == "offsets":
                field["index_options"] = choice
                field["fields"]["exact"]["index_options"] = choice
        body["settings"]["refresh_interval"] = "-1"
        client.indices.create(index=name, settings=body["settings"], mappings=body["mappings"])
        seconds = bulk_into(client, corpus, lambda _d, name=name: name, 500)
        client.options(request_timeout=1800).indices.forcemerge(index=name, max_num_segments=1)
        client.indices.refresh(index=name)  # releases the merged-away segments (else both are counted)
        client.indices.flush(index=name)
        size = client.indices.stats(index=name, metric="store")["_all"]["primaries"]["store"]["size_in_bytes"]
        figures[choice] = {"load_docs_s": 100_000 / seconds, "bytes": size, "search": search_latency(client, name)}
        client.indices.delete(index=name)
        print(f"text {choice}: {figures[choice]}", file=sys.stderr)
    return figures


EXPERIMENTS: dict[str, Callable[..., dict[str, Any]]] = {
    "offsets": offsets, "chunk": chunk_sizes, "refresh": refresh, "shards": shards, "eager": eager, "layout": layout,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("experiments", nargs="+", choices=sorted(EXPERIMENTS))
    parser.add_argument("--workdir", type=Path, default=PROJECT_ROOT / "var" / "bench" / "scale")
    parser.add_argument("--alias", default="scale1000000-articles", help="the loaded 1M alias (eager, layout)")
    parser.add_argument("--chunks", type=int, nargs="+", default=[250, 500, 1000, 2000])
    parser.add_argument("--keep-layout", action="store_true", help="keep the yearly indices of layout")
    parser.add_argument("--passes", type=int, default=1, help="passes of the chunk and refresh experiments")
    parser.add_argument("--json", type=Path, help="merge the figures into this JSON file")
    args = parser.parse_args(argv)
    settings = load_settings()
    client = make_client(settings).options(request_timeout=600)
    results: dict[str, Any] = json.loads(args.json.read_text()) if args.json and args.json.exists() else {}
    for name in args.experiments:
        call = EXPERIMENTS[name]
        figures = call(client, settings, args) if name == "chunk" else call(client, args)
        results[name] = {"figures": figures, "load_average": load_average()}
        if args.json:
            args.json.write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
