"""Search latency and throughput of the web app next to Elasticsearch's own time for the same queries.

Loads a corpus of index-ready documents (default: 100k generated from the seeds by
``scripts/generate_corpus.py``) into a benchmark alias, serves the app with uvicorn in a child process, and
for a mix of queries with facets measures, in the same run and interleaved:

- ``es``: the exact request body the app sends, sent straight to Elasticsearch with the Python client;
- ``api``: ``GET /api/search`` over HTTP;
- ``page``: ``GET /`` (the HTML search page) over HTTP.

Reports p50/p95/p99 latency, sequential requests/s and concurrent requests/s (``--threads`` clients), and
the app's overhead over Elasticsearch (p50 of api/page minus p50 of es, relative to es).

    python scripts/bench_search.py                       # 100k generated articles
    python scripts/bench_search.py --corpus my.jsonl     # index-ready JSON Lines of your own
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
from elasticsearch import Elasticsearch, helpers

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from newsarchive.config import Settings, load_settings  # noqa: E402
from newsarchive.es_client import make_client, resolve_es_url  # noqa: E402
from newsarchive.mapping import index_body  # noqa: E402
from web.query_builder import search_body  # noqa: E402
from web.search_params import SearchParams, make_search_params  # noqa: E402
from web.search_service import CorpusRange, resolve_interval  # noqa: E402

QUERY_MIX: list[dict[str, Any]] = [
    {"q": "Putin"},
    {"q": "phone call"},
    {"q": '"European Union" sanctions'},
    {"q": "gas OR energy", "sort": "newest"},
    {"q": "Ukraine -Russia"},
    {},
    {"person": ["Vladimir Putin"]},
    {"q": "security", "country": ["Russia", "Ukraine"]},
    {"q": "president", "person": ["Volodymyr Zelenskyy"], "published_from": ["2020"], "published_to": ["2022-06"]},
    {"org": ["NATO"], "sort": "newest"},
    {"q": "meeting", "stance": ["denies"]},
    {"q": "talks", "source": ["kremlin.ru"], "page": 3},
]

FILTER_NAMES = ("person", "country", "org", "stance", "speaker_stance", "source")


def to_params(query: dict[str, Any]) -> SearchParams:
    filters = {name: query[name] for name in FILTER_NAMES if name in query}
    rest = {k: v for k, v in query.items() if k not in FILTER_NAMES}
    return make_search_params(filters=filters, **rest)


def to_http_params(query: dict[str, Any]) -> httpx.QueryParams:
    pairs: list[tuple[str, str | int | float | bool | None]] = []
    for key, value in query.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append((key, str(item)))
    return httpx.QueryParams(pairs)


def read_corpus(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise SystemExit(f"{path}:{number}: not valid JSON ({exc.msg})") from exc


def load_corpus(es: Elasticsearch, settings: Settings, corpus: Path) -> int:
    """Index ``corpus`` into a fresh physical index behind ``settings.alias``; returns the document count."""
    index = f"{settings.index_prefix}articles-bench-{int(time.time())}"
    body = index_body()
    body["settings"]["refresh_interval"] = "-1"
    es.indices.create(index=index, **body)
    started = time.monotonic()
    ok = 0
    actions = ({"_index": index, "_id": d["id"], "_source": d} for d in read_corpus(corpus))
    bulk_client = es.options(request_timeout=300)
    for success, item in helpers.streaming_bulk(bulk_client, actions, chunk_size=1000, raise_on_error=False):
        if not success:
            raise SystemExit(f"bulk failure: {item}")
        ok += 1
        if ok % 20_000 == 0:
            print(f"  indexed {ok:,} ({ok / (time.monotonic() - started):,.0f}/s)", file=sys.stderr)
    es.indices.put_settings(index=index, settings={"refresh_interval": "1s"})
    es.indices.refresh(index=index)
    es.options(request_timeout=600).indices.forcemerge(index=index, max_num_segments=1)
    es.indices.update_aliases(actions=[{"add": {"index": index, "alias": settings.alias}}])
    print(f"  {ok:,} documents in {time.monotonic() - started:.0f} s", file=sys.stderr)
    return ok


def delete_bench_indices(es: Elasticsearch, settings: Settings) -> None:
    found = es.options(ignore_status=404).indices.get_alias(name=settings.alias)
    for index in dict(found.body) if found.meta.status == 200 else {}:
        es.indices.delete(index=index)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_app(prefix: str, es_url: str, timeout: float = 30) -> tuple[subprocess.Popen[bytes], httpx.Client]:
    """The web app served by uvicorn in a child process on a free loopback port for the alias of ``prefix``,
    once it answers ``/api/health`` (within 60 s, else SystemExit), and an HTTP client for it."""
    port = free_port()
    env = {**os.environ, "NEWSARCHIVE_INDEX_PREFIX": prefix, "NEWSARCHIVE_ES_URL": es_url}
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "web.asgi:app", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "warning", "--no-access-log"],
        cwd=PROJECT_ROOT, env=env,
    )
    http = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=timeout)
    deadline = time.monotonic() + 60
    while True:
        try:
            if http.get("/api/health").status_code == 200:
                return server, http
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            server.terminate()
            raise SystemExit("the app did not start")
        time.sleep(0.2)


def percentiles(samples: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {"p50": statistics.median(samples), "p95": cuts[94], "p99": cuts[98], "mean": statistics.fmean(samples)}


def concurrent_rate(call: Callable[[int], None], total: int, threads: int) -> float:
    """Requests per second of ``total`` calls spread over ``threads`` threads."""
    counter = iter(range(total))
    lock = threading.Lock()

    def worker() -> None:
        while True:
            with lock:
                n = next(counter, None)
            if n is None:
                return
            call(n)

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return total / (time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="index-ready JSON Lines (default: generate from seeds)")
    parser.add_argument("--count", type=int, default=100_000, help="documents to generate when no --corpus")
    parser.add_argument("--prefix", default="bench-web-", help="index prefix of the benchmark alias")
    parser.add_argument("--rounds", type=int, default=25, help="passes over the query mix (latency)")
    parser.add_argument("--warmup", type=int, default=3, help="unmeasured passes first")
    parser.add_argument("--threads", type=int, default=4, help="clients of the throughput run")
    parser.add_argument("--concurrent", type=int, default=300, help="requests per target in the throughput run")
    parser.add_argument("--reuse", action="store_true", help="reuse the benchmark alias if it is loaded")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark index afterwards")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)

    base = load_settings()
    settings = base.model_copy(update={"index_prefix": args.prefix})
    es = make_client(settings).options(request_timeout=120)
    corpus = args.corpus
    if corpus is None:
        corpus = PROJECT_ROOT / "var" / "bench" / f"corpus-{args.count}.jsonl"
        if not corpus.exists():
            print(f"generating {args.count:,} documents -> {corpus}", file=sys.stderr)
            subprocess.run(
                [
                    sys.executable,
                    str(PROJECT_ROOT / "scripts" / "generate_corpus.py"),
                    "--count",
                    str(args.count),
                    "--out",
                    str(corpus),
                ],
                check=True,
            )
    loaded = es.indices.exists_alias(name=settings.alias) and args.reuse
    if loaded:
        documents = int(es.count(index=settings.alias)["count"])
        print(f"reusing {settings.alias} ({documents:,} documents)", file=sys.stderr)
    else:
        delete_bench_indices(es, settings)
        print(f"indexing {corpus}", file=sys.stderr)
        documents = load_corpus(es, settings, corpus)

    server, http = start_app(args.prefix, resolve_es_url(settings))
    try:
        corpus_range = CorpusRange().get(es, settings.alias)
        bodies = []
        for query in QUERY_MIX:
            params = to_params(query)
            bodies.append(search_body(params, interval=resolve_interval(params, corpus_range)))
        http_params = [to_http_params(q) for q in QUERY_MIX]

        def es_call(i: int) -> None:
            es.search(index=settings.alias, **bodies[i % len(bodies)])

        def api_call(i: int) -> None:
            response = http.get("/api/search", params=http_params[i % len(http_params)])
            assert response.status_code == 200, response.text[:300]

        def page_call(i: int) -> None:
            response = http.get("/", params=http_params[i % len(http_params)])
            assert response.status_code == 200, response.text[:300]

        targets = {"es": es_call, "api": api_call, "page": page_call}
        samples: dict[str, list[float]] = {name: [] for name in targets}
        took: list[int] = []
        for round_number in range(args.warmup + args.rounds):
            for i in range(len(QUERY_MIX)):
                for name, call in targets.items():
                    started = time.perf_counter()
                    call(i)
                    elapsed = (time.perf_counter() - started) * 1000
                    if round_number >= args.warmup:
                        samples[name].append(elapsed)
                if round_number >= args.warmup:
                    took.append(int(es.search(index=settings.alias, **bodies[i])["took"]))

        results: dict[str, Any] = {
            "documents": documents,
            "queries": len(QUERY_MIX),
            "rounds": args.rounds,
            "threads": args.threads,
            "es_took_p50_ms": statistics.median(took),
        }
        for name, values in samples.items():
            stats = percentiles(values)
            stats["seq_rps"] = 1000 / stats["mean"]
            stats["conc_rps"] = concurrent_rate(targets[name], args.concurrent, args.threads)
            results[name] = stats
        for name in ("api", "page"):
            results[f"{name}_overhead_p50"] = (results[name]["p50"] - results["es"]["p50"]) / results["es"]["p50"]
            results[f"{name}_overhead_p95"] = (results[name]["p95"] - results["es"]["p95"]) / results["es"]["p95"]
    finally:
        server.terminate()
        server.wait(timeout=20)
        if not args.keep:
            delete_bench_indices(es, settings)

    print(
        f"\n{documents:,} articles, {len(QUERY_MIX)} queries x {args.rounds} rounds, "
        f"ES 'took' p50 {results['es_took_p50_ms']:.0f} ms\n"
    )
    print(f"| target | p50 ms | p95 ms | p99 ms | req/s (1 client) | req/s ({args.threads} clients) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in ("es", "api", "page"):
        r = results[name]
        print(
            f"| {name} | {r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} | {r['seq_rps']:.0f} | {r['conc_rps']:.0f} |"
        )
    for name in ("api", "page"):
        print(
            f"\n{name} overhead over es: p50 {results[f'{name}_overhead_p50']:+.0%}, "
            f"p95 {results[f'{name}_overhead_p95']:+.0%}",
            end="",
        )
    print()
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
