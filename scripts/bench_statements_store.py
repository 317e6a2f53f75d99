"""Statements stored as a nested field of the article or in an index of their own: size and latency.

Generates ``--articles`` documents (default 20,000) of the issue-18 shape deterministically from ``seeds/``
(about 10 statements each, with real offsets into the text: a mix of stances incl. ``says``, direct and
reported, resolved and unresolved speakers, targets), and indexes them two ways:

- ``nested``: one articles index with the project's mapping (``statements`` is ``nested``);
- ``own index``: the articles index with ``statements`` stored only (``enabled: false``, as in mapping
  version 2) plus a statements index (one document per statement with the article's id, title and date).

Then measures, interleaved, p50/p95 (client-side wall time, ``--rounds`` varied requests each) of: a quote
search (``q`` + speaker + stance + publication range, 20 hits, highlighted content), a person's stances per
month, and the article search page body (``web.query_builder.search_body`` with every facet, incl. the
``speaker`` one; plus, for the nested store, a facet counted on ``statements.speaker``). Index sizes are
after a force-merge to one segment.

Elasticsearch: a node on ``--port`` (default 9280) of 127.0.0.1. Without one there, the script starts the
archive's local node on that port with its own data directory (``--data-dir``) and stops it at the end.
Every index it creates is deleted at the end.

    python scripts/bench_statements_store.py --articles 20000 --port 9280
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch, helpers

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from generate_corpus import KNOWN_PERSONS, SENTENCE, cut, enrichment, read_seeds  # noqa: E402

from newsarchive.config import Settings, load_settings  # noqa: E402
from newsarchive.mapping import index_body, statements_mapping  # noqa: E402
from web.query_builder import search_body  # noqa: E402
from web.search_params import make_search_params  # noqa: E402
from web.statement_params import STATEMENT_STANCES, make_statement_params  # noqa: E402
from web.statement_query import content_highlight, content_query, speaker_clause, statements_body  # noqa: E402

PREFIX = "bench-stmt-"
NESTED_INDEX = f"{PREFIX}articles-nested"
FLAT_INDEX = f"{PREFIX}articles-flat"
OWN_INDEX = f"{PREFIX}statements"
UNRESOLVED = ("officials", "the spokesman", "a senior official", "sources", "the ministry")
TARGETS = ("sanctions", "the agreement", "the report", "NATO", "the ceasefire", "the referendum", "the talks",
           "the election", "the visit", "the budget")
#: Stance weights: a plain report (``says``) is the most common attribution.
STANCE_WEIGHTS = {"says": 8, "claims": 3, "denies": 2, "confirms": 2, "supports": 2, "opposes": 2, "no_comment": 1}
CUES = {"says": "said", "claims": "claimed", "denies": "denied", "confirms": "confirmed", "supports": "backed",
        "opposes": "rejected", "no_comment": "declined to comment"}
QUERY_WORDS = ("president", "government", "security", "economic", "cooperation", "military", "peace",
               "development", "energy", "talks", "support", "agreement")
SPEAKERS = KNOWN_PERSONS[:12]


def statements_for(text: str, rng: random.Random, persons: list[str]) -> list[dict[str, Any]]:
    """About ten statements (``indexer.enrich.types.Statement``) with offsets into ``text``."""
    sentences = list(SENTENCE.finditer(text))
    if not sentences:
        return []
    speakers = persons + SPEAKERS[: 3 + rng.randint(0, 4)]
    found: list[dict[str, Any]] = []
    for _ in range(rng.randint(8, 12)):
        match = rng.choice(sentences)
        sentence = match.group(0)
        words = [m for m in (w for w in sentence.split(" ") if w)]
        skip = min(len(words) - 1, rng.randint(2, 5))
        content_offset = sentence.find(words[skip]) if words else 0
        content = sentence[content_offset:].strip()
        resolved = rng.random() < 0.75
        speaker = rng.choice(speakers) if resolved else rng.choice(UNRESOLVED)
        stance = rng.choices(list(STANCE_WEIGHTS), weights=list(STANCE_WEIGHTS.values()))[0]
        start = match.start()
        found.append(
            {
                "speaker": speaker,
                "speaker_text": speaker.split()[-1] if resolved else speaker,
                "speaker_type": "person" if resolved else "unknown",
                "speaker_country": None,
                "resolved": resolved,
                "stance": stance,
                "cue": CUES[stance],
                "content": None if stance == "no_comment" else content,
                "direct": rng.random() < 0.4,
                "evidence": sentence,
                "start": start,
                "end": match.end(),
                "content_start": None if stance == "no_comment" else start + content_offset,
                "content_end": None if stance == "no_comment" else match.end(),
                "target": None if stance == "says" else rng.choice(TARGETS),
            }
        )
    return found


def generate(seeds: list[dict[str, Any]], count: int, seed: int = 18) -> Iterator[dict[str, Any]]:
    """``count`` index-ready articles of the issue-18 shape (deterministic for ``seed``)."""
    rng = random.Random(seed)
    tail = [f"Person{n} Tail{n % 97}" for n in range(400)]
    for number in range(count):
        base = seeds[number % len(seeds)]
        text = cut(str(base["text"]), 6000)
        day = f"{2015 + rng.randint(0, 9)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        fields = enrichment(text, rng, tail)
        statements = statements_for(text, rng, [p["name"] for p in fields["persons"]][:3])
        resolved = [s for s in statements if s["resolved"]]
        fields.update(
            statements=statements,
            stances=sorted({s["stance"] for s in statements}),
            speakers=sorted({s["speaker"] for s in resolved}),
            speaker_stance=sorted({f"{s['speaker']}|{s['stance']}" for s in resolved}),
        )
        doc_id = f"stmt-{number:07d}"
        yield {
            "id": doc_id, "url": f"https://bench.example/{doc_id}", "source": base.get("source") or "seed",
            "title": str(base["title"]), "text": text, "published": day, "published_source": "metadata",
            "language": "en", "content_hash": f"{number:032x}", "enrichment_version": 1,
            "indexed_at": "2025-01-01T00:00:00+00:00", "origin": {"file": "generated", "line": number + 1},
            "word_count": len(text.split()), "dates": [], **fields,
        }


def create_indices(es: Elasticsearch) -> None:
    """The nested articles index, the flat one (statements stored only) and the statements index."""
    for name in (NESTED_INDEX, FLAT_INDEX, OWN_INDEX):
        es.options(ignore_status=404).indices.delete(index=name)
    nested = index_body()
    nested["settings"]["refresh_interval"] = "-1"
    es.indices.create(index=NESTED_INDEX, **nested)
    flat = copy.deepcopy(nested)
    flat["mappings"]["properties"]["statements"] = {"type": "object", "enabled": False}
    es.indices.create(index=FLAT_INDEX, **flat)
    # One document per statement: the statement under ``statements`` (a plain object, so every field has the
    # same path as in the nested mapping and the same query builders apply) and its article's id, title, date.
    own_properties = {
        "statements": {"properties": copy.deepcopy(statements_mapping()["properties"])},
        "article_id": {"type": "keyword"},
        "title": {"type": "text", "index": False},
        "published": {"type": "date", "format": "strict_date_optional_time||yyyy-MM-dd"},
    }
    es.indices.create(
        index=OWN_INDEX,
        settings=nested["settings"],
        mappings={"dynamic": "strict", "properties": own_properties},
    )


def load(es: Elasticsearch, documents: list[dict[str, Any]]) -> dict[str, float]:
    """Index the documents both ways; seconds per store."""
    def bulk(actions: Iterator[dict[str, Any]]) -> float:
        started = time.monotonic()
        for ok, item in helpers.streaming_bulk(es.options(request_timeout=300), actions, chunk_size=500,
                                               raise_on_error=False):
            if not ok:
                raise SystemExit(f"bulk failure: {json.dumps(item)[:500]}")
        return time.monotonic() - started

    seconds = {"nested": bulk({"_index": NESTED_INDEX, "_id": d["id"], "_source": d} for d in documents)}
    flat = bulk({"_index": FLAT_INDEX, "_id": d["id"], "_source": d} for d in documents)
    own = bulk(
        {"_index": OWN_INDEX, "_id": f"{d['id']}-{n}",
         "_source": {"statements": s, "article_id": d["id"], "title": d["title"], "published": d["published"]}}
        for d in documents for n, s in enumerate(d["statements"])
    )
    seconds["own index"] = flat + own
    for name in (NESTED_INDEX, FLAT_INDEX, OWN_INDEX):
        es.indices.put_settings(index=name, settings={"refresh_interval": "1s"})
        es.indices.refresh(index=name)
        es.options(request_timeout=900).indices.forcemerge(index=name, max_num_segments=1)
    return seconds


def store_bytes(es: Elasticsearch, index: str) -> int:
    return int(es.indices.stats(index=index, metric="store")["_all"]["primaries"]["store"]["size_in_bytes"])


def quote_case(rng: random.Random) -> dict[str, Any]:
    year = 2015 + rng.randint(0, 7)
    return {"q": rng.choice(QUERY_WORDS), "speaker": rng.choice(SPEAKERS),
            "stances": [rng.choice(STATEMENT_STANCES)], "date_from": str(year), "date_to": str(year + 2)}


def own_quote_body(case: dict[str, Any]) -> dict[str, Any]:
    """The quote search against the statements index (one hit per statement)."""
    params = make_statement_params(**case)
    bounds = params.published_bounds()
    assert bounds.start and bounds.end and params.query_text
    return {
        "query": {"bool": {
            "must": [content_query(params.query_text)],
            "filter": [speaker_clause(params.speaker), {"terms": {"statements.stance": list(params.stances)}},
                       {"range": {"published": {"gte": bounds.start.isoformat(), "lt": bounds.end.isoformat()}}}],
        }},
        "sort": [{"published": "desc"}], "size": 20, "track_total_hits": True, "highlight": content_highlight(),
    }


def months_nested(name: str) -> dict[str, Any]:
    mine = speaker_clause(name)
    return {"size": 0, "query": {"nested": {"path": "statements", "query": mine}}, "aggs": {"months": {
        "date_histogram": {"field": "published", "calendar_interval": "month", "min_doc_count": 1},
        "aggs": {"s": {"nested": {"path": "statements"}, "aggs": {"mine": {"filter": mine, "aggs": {
            "by_stance": {"terms": {"field": "statements.stance"}}}}}}}}}}


def months_own(name: str) -> dict[str, Any]:
    return {"size": 0, "query": speaker_clause(name), "aggs": {"months": {
        "date_histogram": {"field": "published", "calendar_interval": "month", "min_doc_count": 1},
        "aggs": {"by_stance": {"terms": {"field": "statements.stance"}}}}}}


def page_body(rng: random.Random, nested_facet: bool) -> dict[str, Any]:
    body = search_body(make_search_params(q=rng.choice(QUERY_WORDS)), interval="year")
    if nested_facet:
        body["aggs"]["statement_speakers"] = {"nested": {"path": "statements"}, "aggs": {"resolved": {
            "filter": {"term": {"statements.resolved": True}},
            "aggs": {"values": {"terms": {"field": "statements.speaker", "size": 10},
                                "aggs": {"articles": {"reverse_nested": {}}}}}}}}
    return body


def percentiles(samples: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {"p50": round(statistics.median(samples), 1), "p95": round(cuts[94], 1)}


def measure(es: Elasticsearch, rounds: int, warmup: int) -> dict[str, dict[str, float]]:
    """Latency (ms) of each query kind on each store, interleaved, the same varied requests per store."""
    kinds: dict[str, Callable[[random.Random], list[tuple[str, str, dict[str, Any]]]]] = {
        "quote search": lambda r: (lambda c: [
            ("nested", NESTED_INDEX, statements_body(make_statement_params(**c))),
            ("own index", OWN_INDEX, own_quote_body(c)),
        ])(quote_case(r)),
        "stances per month": lambda r: (lambda n: [
            ("nested", NESTED_INDEX, months_nested(n)), ("own index", OWN_INDEX, months_own(n)),
        ])(r.choice(SPEAKERS)),
        "search page": lambda r: (lambda seed: [
            ("nested", NESTED_INDEX, page_body(random.Random(seed), False)),
            ("own index", FLAT_INDEX, page_body(random.Random(seed), False)),
            ("nested + statements.speaker facet", NESTED_INDEX, page_body(random.Random(seed), True)),
        ])(r.random()),
    }
    samples: dict[str, list[float]] = {}
    totals: dict[str, list[int]] = {}
    for kind, make in kinds.items():
        rng = random.Random(kind)
        for number in range(warmup + rounds):
            for store, index, body in make(rng):
                started = time.perf_counter()
                resp = es.search(index=index, **body)
                if number >= warmup:
                    samples.setdefault(f"{kind} / {store}", []).append((time.perf_counter() - started) * 1000)
                    totals.setdefault(f"{kind} / {store}", []).append(int(resp["hits"]["total"]["value"]))
    return {key: {**percentiles(values), "mean_hits": round(statistics.fmean(totals[key]), 1)}
            for key, values in samples.items()}


def node_settings(port: int, data_dir: Path) -> Settings:
    return load_settings().model_copy(update={"es_url": None, "es_port": port, "data_dir": data_dir})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20_000, help="articles to generate and index")
    parser.add_argument("--port", type=int, default=9280, help="HTTP port of the node on 127.0.0.1")
    parser.add_argument("--data-dir", type=Path, default=PROJECT_ROOT / "var" / "bench-statements-node",
                        help="data directory of the node started here (when none answers on --port)")
    parser.add_argument("--rounds", type=int, default=60, help="measured requests per query kind and store")
    parser.add_argument("--warmup", type=int, default=10, help="unmeasured requests first")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    url = f"http://127.0.0.1:{args.port}"
    es = Elasticsearch(url, request_timeout=120)
    started_here: Settings | None = None
    try:
        es.cluster.health()
    except Exception:
        from newsarchive.esnode import start_local_node

        started_here = node_settings(args.port, args.data_dir)
        print(f"starting a node on {url} (data in {args.data_dir})", file=sys.stderr)
        start_local_node(started_here)
    try:
        documents = list(generate(read_seeds(PROJECT_ROOT / "seeds"), args.articles))
        statements = sum(len(d["statements"]) for d in documents)
        create_indices(es)
        seconds = load(es, documents)
        sizes = {
            "nested": store_bytes(es, NESTED_INDEX),
            "own index": store_bytes(es, FLAT_INDEX) + store_bytes(es, OWN_INDEX),
            "own index (statements alone)": store_bytes(es, OWN_INDEX),
            "articles without nested statements": store_bytes(es, FLAT_INDEX),
        }
        figures = {
            "articles": len(documents),
            "statements": statements,
            "index_seconds": {k: round(v, 1) for k, v in seconds.items()},
            "store_mb": {k: round(v / 1e6, 1) for k, v in sizes.items()},
            "latency_ms": measure(es, args.rounds, args.warmup),
        }
        print(json.dumps(figures, indent=2))
        if args.json:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    finally:
        for name in (NESTED_INDEX, FLAT_INDEX, OWN_INDEX):
            es.options(ignore_status=404).indices.delete(index=name)
        es.close()
        if started_here is not None:
            from newsarchive.esnode import stop_local_node

            stop_local_node(started_here)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
