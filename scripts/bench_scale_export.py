"""Export at scale (part of ``scripts/bench_scale.py``): ``/api/export`` against the same walk done by the
Python client alone, with the app's resident memory sampled while it streams.

The app runs with uvicorn in a child process (loopback, a free port) on the benchmark's alias. For a large
query (about 100,000 hits) and a small one (about a tenth of that), small first:

- ``raw``: the export's own body (``web.query_builder.export_body``) walked with a point in time and
  ``search_after`` by the Python client, hits counted (no rows built);
- ``api``: ``GET /api/export?format=jsonl`` read to the end over HTTP, lines counted.

Memory: the app process's VmRSS from ``/proc`` every 50 ms during the api export; reported as the value
before the request and the peak while it ran.
"""

from __future__ import annotations

import dataclasses
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
from elasticsearch import Elasticsearch

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from bench_search import start_app  # noqa: E402

from newsarchive.config import Settings  # noqa: E402
from newsarchive.es_client import resolve_es_url  # noqa: E402
from web.export import EXPORT_BATCH, PIT_KEEP_ALIVE  # noqa: E402
from web.query_builder import export_body  # noqa: E402
from web.search_params import make_search_params  # noqa: E402


def export_queries(count: int) -> dict[str, dict[str, list[str]]]:
    """A large (~100k hits) and a small (~10k hits) query for a generated corpus of ``count`` documents
    (publication days spread evenly over 2015-2024)."""
    if count >= 1_000_000:  # small first: the app's resident memory after it is the baseline of the large one
        return {"small": {"published_from": ["2019-03"], "published_to": ["2019-03"]},
                "large": {"published_from": ["2019"], "published_to": ["2019"]}}
    return {"small": {"published_from": ["2019"], "published_to": ["2019"]}, "large": {}}


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def raw_walk(client: Elasticsearch, alias: str, query: dict[str, list[str]]) -> tuple[int, float]:
    """(hits, seconds) of the export's walk done by the Python client alone."""
    arguments: dict[str, Any] = dict(query)
    params = dataclasses.replace(make_search_params(**arguments), page=1, cursor=None)
    started = time.monotonic()
    pit = client.open_point_in_time(index=alias, keep_alive=PIT_KEEP_ALIVE)["id"]
    after: list[Any] | None = None
    hits_seen = 0
    while True:
        body = export_body(params, EXPORT_BATCH)
        body["pit"] = {"id": pit, "keep_alive": PIT_KEEP_ALIVE}
        if after is not None:
            body["search_after"] = after
        response = client.search(**body)
        pit = response.get("pit_id", pit)
        hits = response["hits"]["hits"]
        hits_seen += len(hits)
        if len(hits) < EXPORT_BATCH:
            break
        after = list(hits[-1]["sort"])
    client.close_point_in_time(id=pit)
    return hits_seen, time.monotonic() - started


def api_export(http: httpx.Client, pid: int, query: dict[str, list[str]]) -> dict[str, float]:
    """Rows, seconds and the app's RSS (before, peak) of one ``/api/export?format=jsonl`` read to the end."""
    samples: list[int] = []
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            samples.append(_rss_kb(pid))
            time.sleep(0.05)

    before = _rss_kb(pid)
    sampler = threading.Thread(target=sample)
    sampler.start()
    rows = 0
    started = time.monotonic()
    try:
        with http.stream("GET", "/api/export", params={**query, "format": "jsonl"}) as response:
            response.raise_for_status()
            for line in response.iter_lines():
                if line:
                    rows += 1
    finally:
        seconds = time.monotonic() - started
        done.set()
        sampler.join()
    return {"rows": rows, "seconds": seconds, "rows_s": rows / seconds,
            "rss_before_mb": before / 1024, "rss_peak_mb": max(samples, default=before) / 1024}


def measure_export(client: Elasticsearch, settings: Settings, count: int) -> dict[str, Any]:
    """Raw and api export figures of the large and the small query on ``settings.alias``."""
    server, http = start_app(settings.index_prefix, resolve_es_url(settings), timeout=300)
    figures: dict[str, Any] = {}
    try:
        http.get("/api/search", params={"q": "Putin"})  # warm the app (imports, first connection)
        for name, query in export_queries(count).items():
            hits, raw_seconds = raw_walk(client, settings.alias, query)
            api = api_export(http, server.pid, query)
            if api["rows"] != hits:
                raise SystemExit(f"export {name}: the api gave {api['rows']} rows, the raw walk {hits} hits")
            figures[name] = {"query": query, "raw_rows_s": hits / raw_seconds, "raw_seconds": raw_seconds, **api,
                             "ratio": api["rows_s"] / (hits / raw_seconds)}
            print(f"export {name}: {hits:,} rows, raw {hits / raw_seconds:,.0f}/s, api {api['rows_s']:,.0f}/s, "
                  f"RSS {api['rss_before_mb']:.0f} -> peak {api['rss_peak_mb']:.0f} MB", file=sys.stderr)
    finally:
        server.terminate()
        server.wait(timeout=20)
    return figures
