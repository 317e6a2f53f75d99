"""Re-index speed from the enrichment store, against a plain ``helpers.bulk`` of the same documents.

Usage: python scripts/bench_reindex.py [--corpus PATH] [--scale N ...] [--repeat R] [--store PATH]

Documents: the corpus (default ``seeds/``) read and enriched with the real pipeline (its enrichment cache
under the archive's cache directory makes later runs fast), or the documents of an existing enrichment store
(``--store``). For each scale (default: the corpus as it is, and 100,000), the documents are cycled with new
ids up to that many, written to a fresh enrichment store, and measured in pairs, in alternating order:

- baseline: create a fresh index with the archive's mapping, ``elasticsearch.helpers.bulk`` the documents
  (already in memory, same chunk size), refresh;
- re-index: ``newsarchive reindex`` end to end (read and decompress the store, load with replicas 0 and no
  refresh, verify the count, restore settings, swap the aliases).

Prints the median documents/s of each and the median ratio of the pairs measured next to each other (goal:
re-index >= 0.8 x baseline; pairing cancels most of the drift of a shared machine's load). Elasticsearch is
the archive's configured one (NEWSARCHIVE_ES_URL or the local node); every index the run makes is deleted.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping
from itertools import cycle, islice
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch.helpers import bulk

from indexer.documents import build_document
from indexer.lifecycle import setup_indices
from indexer.lifecycle.names import physical_index_name
from indexer.lifecycle.reindex import ReindexOptions, reindex
from indexer.readers import iter_records
from indexer.records import RawArticle, RecordError
from indexer.store import EnrichmentStore
from newsarchive.config import PROJECT_ROOT, Settings, load_settings
from newsarchive.es_client import ensure_elasticsearch
from newsarchive.mapping import index_body

GOAL = 0.8


def enriched_corpus(corpus: Path, settings: Settings) -> list[tuple[dict[str, Any], RawArticle]]:
    """(document, raw input) for every readable article of ``corpus``, enriched by the real pipeline."""
    from indexer.enrich.enricher import Enricher

    articles: list[RawArticle] = []
    for record in iter_records([corpus]):
        if isinstance(record, RecordError):
            print(f"skipped: {record.message()}", file=sys.stderr)
        elif isinstance(record, RawArticle):
            articles.append(record)
    started = time.monotonic()
    pairs: list[tuple[dict[str, Any], RawArticle]] = []
    with Enricher.from_settings(settings) as enricher:
        for article, result in enricher.enrich_articles(articles):
            if isinstance(result, str):
                print(f"skipped: {article.file}:{article.line}: enrichment failed: {result}", file=sys.stderr)
            else:
                pairs.append((build_document(article, result), article))
    print(f"enriched {len(pairs)} documents of {corpus} in {time.monotonic() - started:.1f} s "
          "(not part of the measurement)", file=sys.stderr)
    return pairs


def stored_documents(path: Path) -> list[tuple[dict[str, Any], RawArticle]]:
    """(document, raw input) pairs of an existing enrichment store (documents without raw input skipped)."""
    pairs: list[tuple[dict[str, Any], RawArticle]] = []
    with EnrichmentStore(path) as store:
        for document in store.iter_documents(1000):
            raw = store.get_raw(document["id"])
            if raw is not None:
                pairs.append((document, raw))
    return pairs


def scaled(pairs: list[tuple[dict[str, Any], RawArticle]], count: int) -> Iterator[tuple[dict[str, Any], RawArticle]]:
    """``count`` pairs: the originals first, then copies with new ids (``<id>~<n>``)."""
    for n, (document, raw) in enumerate(islice(cycle(pairs), count)):
        copy_number = n // len(pairs)
        if copy_number == 0:
            yield document, raw
        else:
            yield dict(document, id=f"{document['id']}~{copy_number}"), raw


def plain_bulk(
    client: Elasticsearch, settings: Settings, documents: Iterable[Mapping[str, Any]], expected: int
) -> float:
    """Seconds to create a fresh index, ``helpers.bulk`` the documents (streamed) into it and refresh it;
    SystemExit unless it then holds ``expected`` documents. The index is deleted afterwards."""
    index = physical_index_name(settings).replace("articles-", "baseline-")
    body = index_body()
    started = time.monotonic()
    client.indices.create(index=index, settings=body["settings"], mappings=body["mappings"])
    actions = ({"_index": index, "_id": d["id"], "_source": d} for d in documents)
    indexed, errors = bulk(client, actions, chunk_size=settings.bulk_chunk_size, max_retries=settings.bulk_max_retries)
    client.indices.refresh(index=index)
    seconds = time.monotonic() - started
    count = client.count(index=index)["count"]
    client.indices.delete(index=index)
    if errors or count != expected:
        raise SystemExit(f"baseline bulk: {indexed} indexed, errors {errors!r}, count {count}")
    return seconds


def reindex_once(client: Elasticsearch, settings: Settings, store: EnrichmentStore, expected: int) -> float:
    """Seconds for one full re-index from the store (the previous index is deleted afterwards)."""
    result = reindex(client, settings, store, ReindexOptions(progress=False, keep=1))
    if result.documents != expected:
        raise SystemExit(f"re-index holds {result.documents} documents, expected {expected}")
    return result.seconds


def measure(
    client: Elasticsearch, settings: Settings, pairs: list[tuple[dict[str, Any], RawArticle]], count: int,
    repeat: int,
) -> dict[str, float]:
    """Median docs/s of baseline and re-index for ``count`` documents, measured ``repeat`` times each."""
    data_dir = Path(tempfile.mkdtemp(prefix="bench-reindex-"))
    run_settings = settings.model_copy(update={
        "index_prefix": f"{settings.index_prefix}bench-{uuid.uuid4().hex[:6]}-", "data_dir": data_dir,
    })
    documents = [document for document, _raw in scaled(pairs, count)]
    with EnrichmentStore.open(run_settings) as store:
        source = scaled(pairs, count)
        while batch := list(islice(source, 5000)):
            store.put_articles(batch)
        store_mb = store.path.stat().st_size / 1e6
        baseline: list[float] = []
        reindexed: list[float] = []
        try:
            setup_indices(client, run_settings)  # a live index to swap from, as in real use
            for n in range(repeat):
                if n % 2 == 0:
                    baseline.append(count / plain_bulk(client, run_settings, documents, count))
                    reindexed.append(count / reindex_once(client, run_settings, store, count))
                else:
                    reindexed.append(count / reindex_once(client, run_settings, store, count))
                    baseline.append(count / plain_bulk(client, run_settings, documents, count))
        finally:
            _delete_indices(client, run_settings)
    shutil.rmtree(data_dir)
    print(f"{count} documents: helpers.bulk docs/s {sorted(round(x) for x in baseline)}, "
          f"reindex docs/s {sorted(round(x) for x in reindexed)}", file=sys.stderr)
    return {
        "documents": count,
        "store_mb": store_mb,
        "baseline": statistics.median(baseline),
        "reindex": statistics.median(reindexed),
        # Each re-index is paired with the baseline run next to it: the machine's load drifts, pairs share it.
        "ratio": statistics.median(r / b for r, b in zip(reindexed, baseline, strict=True)),
    }


def _delete_indices(client: Elasticsearch, settings: Settings) -> None:
    names = list(client.indices.get(index=f"{settings.index_prefix}*", allow_no_indices=True).body)
    for start in range(0, len(names), 20):
        client.indices.delete(index=names[start : start + 20])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=PROJECT_ROOT / "seeds", help="articles to enrich")
    parser.add_argument("--store", type=Path, help="take the documents from this enrichment store instead")
    parser.add_argument("--scale", type=int, nargs="+", default=[0, 100_000],
                        help="document counts to measure (0 = the corpus as it is)")
    parser.add_argument("--repeat", type=int, default=None,
                        help="measurement pairs per scale (default: 10 below 10,000 documents, else 2)")
    args = parser.parse_args()

    settings = load_settings()
    client = ensure_elasticsearch(settings)
    pairs = stored_documents(args.store) if args.store else enriched_corpus(args.corpus, settings)
    if not pairs:
        raise SystemExit("no documents")
    rows = []
    for scale in args.scale:
        count = scale or len(pairs)
        repeat = args.repeat or (10 if count < 10_000 else 2)
        rows.append(measure(client, settings, pairs, count, repeat))
    print(f"chunk size {settings.bulk_chunk_size}; medians of the repeated measurements")
    print("| documents | store MB | helpers.bulk docs/s | reindex docs/s | ratio (median of pairs) |")
    print("|---:|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['documents']:,.0f} | {row['store_mb']:.1f} | {row['baseline']:,.0f} | "
              f"{row['reindex']:,.0f} | {row['ratio']:.2f} |")
    worst = min(row["ratio"] for row in rows)
    print(f"goal >= {GOAL}: {'met' if worst >= GOAL else 'NOT met'} (lowest ratio {worst:.2f})")
    if worst < GOAL:
        sys.exit(1)


if __name__ == "__main__":
    main()
