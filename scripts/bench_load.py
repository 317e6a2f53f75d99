"""A bounded load run against a served archive on the loopback interface: N concurrent clients for M seconds.

Each client (an asyncio task sharing one ``httpx.AsyncClient``) sends, back to back, a weighted mix of
the reader's requests: the search API with its facets and timeline (text, person / country filters, date
ranges, sorts), the HTML search page, an article page, and an export (JSON Lines of a filtered search,
read to the end). Article ids and filter values are read from the archive itself first. At the end it
prints, per kind of request and in all: requests, requests/s, p50 and p95 latency, and errors (any answer
other than 200, or a transport failure). Exit status 1 when there was any error.

    newsarchive serve --port 8731 &                      # the archive to load (any index)
    python scripts/bench_load.py --url http://127.0.0.1:8731 --clients 8 --seconds 30

Only loopback addresses are accepted (``127.0.0.1``, ``::1``, ``localhost``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

import httpx

LOOPBACK_HOSTS = {"127.0.0.1", "::1", "localhost"}
#: Kinds of request and their share of the mix.
WEIGHTS = {"search_api": 4, "search_page": 2, "article_page": 3, "export": 1}
WORDS = ["president", "meeting", "security", "sanctions", "talks", "energy", "phone call", "Ukraine", "gas OR oil"]


@dataclass
class Targets:
    """What the mix draws from: article ids and facet values read from the served archive."""

    article_ids: list[str]
    persons: list[str]
    countries: list[str]


@dataclass
class Tally:
    """Latencies (seconds) of the successful requests of one kind, and its errors."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    first_errors: list[str] = field(default_factory=list)


def require_loopback(url: str) -> str:
    """``url`` without a trailing slash; exits when its host is not a loopback address."""
    host = urlsplit(url).hostname or ""
    if host not in LOOPBACK_HOSTS:
        raise SystemExit(f"refusing to load {host!r}: only a loopback address ({', '.join(sorted(LOOPBACK_HOSTS))})")
    return url.rstrip("/")


async def discover(client: httpx.AsyncClient, base: str) -> Targets:
    """Article ids of the newest hits and the top person and country facet values."""
    response = await client.get(f"{base}/api/search", params={"size": 100, "sort": "newest", "facet_size": 20})
    response.raise_for_status()
    body = response.json()
    facets = body.get("facets", {})

    def values(name: str) -> list[str]:
        return [str(v["value"]) for v in facets.get(name, {}).get("values", [])]

    targets = Targets([str(h["id"]) for h in body["hits"]], values("person"), values("country"))
    if not targets.article_ids:
        raise SystemExit("the archive has no articles: index some first")
    return targets


def search_query(rng: random.Random, targets: Targets) -> dict[str, Any]:
    """One search as a reader would ask it: a text or a filter or both, sometimes a date range or a sort."""
    query: dict[str, Any] = {}
    if rng.random() < 0.7:
        query["q"] = rng.choice(WORDS)
    if targets.persons and rng.random() < 0.4:
        query["person"] = rng.choice(targets.persons)
    if targets.countries and rng.random() < 0.3:
        query["country"] = rng.choice(targets.countries)
    if rng.random() < 0.3:
        year = rng.randint(2015, 2024)
        query.update(published_from=str(year), published_to=f"{year + rng.randint(0, 3)}-12")
    if rng.random() < 0.3:
        query["sort"] = rng.choice(["newest", "oldest"])
    return query


def request_url(kind: str, rng: random.Random, targets: Targets) -> str:
    """The path and query string of one request of ``kind``."""
    if kind == "article_page":
        return "/articles/" + quote(rng.choice(targets.article_ids), safe="")
    query = search_query(rng, targets)
    if kind == "export":
        if targets.persons:
            query["person"] = rng.choice(targets.persons)  # a filtered export: hundreds of rows, not all
        query["format"] = "jsonl"
        return "/api/export?" + urlencode(query)
    return ("/api/search?" if kind == "search_api" else "/?") + urlencode(query)


async def one_client(
    client: httpx.AsyncClient, base: str, targets: Targets, seed: int, deadline: float, tallies: dict[str, Tally]
) -> None:
    """Send requests back to back until ``deadline`` (``time.perf_counter``), tallying each."""
    rng = random.Random(seed)
    kinds = [k for k, weight in WEIGHTS.items() for _ in range(weight)]
    while time.perf_counter() < deadline:
        kind = rng.choice(kinds)
        url = request_url(kind, rng, targets)
        tally = tallies[kind]
        started = time.perf_counter()
        try:
            async with client.stream("GET", base + url) as response:
                async for _ in response.aiter_bytes():
                    pass
            status = response.status_code
        except httpx.HTTPError as exc:
            status, problem = 0, f"{type(exc).__name__}: {exc}"
        else:
            problem = f"{status} for {url}"
        elapsed = time.perf_counter() - started
        if status == 200:
            tally.latencies.append(elapsed)
        else:
            tally.errors += 1
            if len(tally.first_errors) < 5:
                tally.first_errors.append(problem)


def summarise(tallies: dict[str, Tally], seconds: float) -> dict[str, dict[str, Any]]:
    """Per kind and ``all``: requests, requests/s, p50 / p95 in milliseconds, errors."""

    def row(latencies: list[float], errors: int) -> dict[str, Any]:
        count = len(latencies) + errors
        cuts = statistics.quantiles(latencies, n=100, method="inclusive") if len(latencies) > 1 else latencies * 99
        return {
            "requests": count,
            "per_s": round(count / seconds, 1),
            "p50_ms": round(1000 * statistics.median(latencies), 1) if latencies else None,
            "p95_ms": round(1000 * cuts[94], 1) if latencies else None,
            "errors": errors,
        }

    rows = {kind: row(t.latencies, t.errors) for kind, t in tallies.items()}
    everything = [latency for t in tallies.values() for latency in t.latencies]
    rows["all"] = row(everything, sum(t.errors for t in tallies.values()))
    return rows


async def run(base: str, clients: int, seconds: float, seed: int) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """Discover the targets, then run ``clients`` clients for ``seconds``; returns the summary and the first
    errors seen."""
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=30, limits=limits) as client:
        targets = await discover(client, base)
        tallies = {kind: Tally() for kind in WEIGHTS}
        started = time.perf_counter()
        deadline = started + seconds
        await asyncio.gather(*(one_client(client, base, targets, seed + n, deadline, tallies) for n in range(clients)))
        elapsed = time.perf_counter() - started
    problems = [p for t in tallies.values() for p in t.first_errors]
    return summarise(tallies, elapsed), problems


def print_table(rows: dict[str, dict[str, Any]], write: Callable[[str], None] = print) -> None:
    """The summary as a fixed-width table."""
    write(f"{'kind':<14}{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}")
    for kind, r in rows.items():
        write(f"{kind:<14}{r['requests']:>10}{r['per_s']:>9}{r['p50_ms']!s:>9}{r['p95_ms']!s:>9}{r['errors']:>8}")


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, run the load, print the figures; 1 when any request failed."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="the served archive (loopback only)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=30.0, help="length of the run (at most 600)")
    parser.add_argument("--seed", type=int, default=16, help="seed of the request mix")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    base = require_loopback(args.url)
    if not 1 <= args.clients <= 256 or not 0 < args.seconds <= 600:
        raise SystemExit("--clients must be 1-256 and --seconds at most 600")
    rows, problems = asyncio.run(run(base, args.clients, args.seconds, args.seed))
    print(f"{args.clients} clients for {args.seconds:g} s against {base}")
    print_table(rows)
    for problem in problems:
        print("  error:", problem, file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps({"clients": args.clients, "seconds": args.seconds, "rows": rows}, indent=2))
    return 1 if rows["all"]["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
