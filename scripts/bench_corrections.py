"""How long an entity correction takes to reach the whole archive: targeted reapply against a full re-index.

    python scripts/bench_corrections.py --count 2000 [--count 100000] [--repeat 3]

For each ``--count`` N:

1. corpus: ``scripts/generate_corpus.py --count N`` (index-ready documents with persons, organisations and
   statements; generated once into ``var/bench-corrections/`` and reused);
2. archive: a store of its own (``var/bench-corrections/data-N``), written like ``index`` leaves it, and a
   live index loaded from it by ``reindex`` (this first load is the "full re-index, no corrections" figure);
3. per repeat, each timed until the change is searchable (refreshed), and checked by counting:
   - merge of a person into a canonical spelling (``Vladimir Putin``, in about a quarter of the generated
     articles, and ``Joe Biden``, in a few percent) by the targeted path (record + terms query + store read +
     bulk, as ``newsarchive entities merge`` does), then its rollback;
   - reject of the same name and its rollback (the rollback of a reject reads the whole store: a rejected
     name is in no indexed document);
   - for the first name: the merge only recorded, then a full ``reindex`` that applies it (store -> new
     index -> alias swap).

Elasticsearch: the shared node (``--es-url``, default http://127.0.0.1:9250) under a prefix of its own; every
index the run made is deleted at the end, and the store too unless ``--keep``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
import uuid
from itertools import islice
from pathlib import Path
from typing import Any

from elasticsearch import Elasticsearch

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from bench_scale import corpus_file  # noqa: E402
from bench_search import read_corpus  # noqa: E402

from indexer.corrections import CorrectionsTable, new_correction  # noqa: E402
from indexer.corrections.service import ChangeOutcome, record_correction, rollback_correction  # noqa: E402
from indexer.lifecycle import setup_indices  # noqa: E402
from indexer.lifecycle.reindex import ReindexOptions, reindex  # noqa: E402
from indexer.store import EnrichmentStore  # noqa: E402
from newsarchive.config import Settings  # noqa: E402

WORKDIR = PROJECT_ROOT / "var" / "bench-corrections"
#: (name as extracted, canonical name): a person in about a quarter of the generated articles, and one in a few
#: percent of them.
NAMES = [("Vladimir Putin", "Vladimir V. Putin"), ("Joe Biden", "Joseph R. Biden")]


def fill_store(store: EnrichmentStore, path: Path) -> int:
    """Write every document of ``path`` into ``store`` in batches of 1,000; return how many."""
    stream, total = read_corpus(path), 0
    while batch := list(islice(stream, 1000)):
        total += store.put_many(batch)
    return total


def count_naming(client: Elasticsearch, settings: Settings, name: str) -> int:
    """Articles of the live index naming ``name`` as a person or speaker."""
    query = {"bool": {"should": [{"term": {"persons.name": name}}, {"term": {"speakers": name}}]}}
    return int(client.count(index=settings.alias, query=query)["count"])


def timed(label: str, results: dict[str, list[float]], action: Any) -> Any:
    """Run ``action()``, add its wall time to ``results[label]``, return its value."""
    started = time.perf_counter()
    value = action()
    results.setdefault(label, []).append(time.perf_counter() - started)
    return value


def applied(outcome: ChangeOutcome) -> int:
    """Articles a change updated."""
    assert outcome.applied is not None and not outcome.applied.failures
    return outcome.applied.updated


def one_round(
    client: Elasticsearch, settings: Settings, results: dict[str, list[float]], updated: dict[str, int],
    names: tuple[str, str], variant_articles: int, *, full_reindex: bool,
) -> None:
    """One measurement of every figure of step 3 for one name, each checked by counting the articles naming
    it (``full_reindex``: also the merge applied by a re-index)."""
    quiet = ReindexOptions(progress=False, keep=1)
    variant, canonical = names
    tag = f" ({variant}, {variant_articles:,} articles)"
    merge = timed("targeted merge" + tag, results, lambda: record_correction(
        client, settings, new_correction("merge", "person", variant, canonical)))
    assert count_naming(client, settings, variant) == 0
    assert count_naming(client, settings, canonical) == variant_articles
    updated["merge" + tag] = applied(merge)
    back = timed("targeted rollback of the merge" + tag, results,
                 lambda: rollback_correction(client, settings, merge.corrections[0].id))
    updated["rollback of the merge" + tag] = applied(back)
    assert count_naming(client, settings, variant) == variant_articles
    reject = timed("targeted reject" + tag, results, lambda: record_correction(
        client, settings, new_correction("reject", "person", variant)))
    updated["reject" + tag] = applied(reject)
    assert count_naming(client, settings, variant) == 0
    back = timed("targeted rollback of the reject (reads the store)" + tag, results,
                 lambda: rollback_correction(client, settings, reject.corrections[0].id))
    updated["rollback of the reject" + tag] = applied(back)
    assert count_naming(client, settings, variant) == variant_articles
    if not full_reindex:
        return
    recorded = record_correction(None, settings, new_correction("merge", "person", variant, canonical))
    with EnrichmentStore.open(settings) as store:
        timed("full reindex applying the merge" + tag, results, lambda: reindex(client, settings, store, quiet))
        assert count_naming(client, settings, variant) == 0
        with CorrectionsTable(store.path) as table:
            table.rollback(recorded.corrections[0].id)
        reindex(client, settings, store, quiet)  # back to no corrections for the next round


def measure(client: Elasticsearch, count: int, repeat: int, keep: bool, es_url: str) -> dict[str, Any]:
    """The figures of one archive size (see the module docstring)."""
    data_dir = WORKDIR / f"data-{count}"
    shutil.rmtree(data_dir, ignore_errors=True)
    settings = Settings(es_url=es_url, index_prefix=f"bench-corr-{uuid.uuid4().hex[:6]}-", data_dir=data_dir,
                        cache_dir=WORKDIR / "cache")
    quiet = ReindexOptions(progress=False, keep=1)
    results: dict[str, list[float]] = {}
    try:
        with EnrichmentStore.open(settings) as store:
            stored = fill_store(store, corpus_file(WORKDIR, count))
            setup_indices(client, settings)
            timed("full reindex, no corrections", results, lambda: reindex(client, settings, store, quiet))
        articles = {variant: count_naming(client, settings, variant) for variant, _target in NAMES}
        updated: dict[str, int] = {}
        for _ in range(repeat):
            for number, pair in enumerate(NAMES):
                one_round(client, settings, results, updated, pair, articles[pair[0]], full_reindex=number == 0)
        return {"documents": stored, "articles": articles, "updated": updated,
                "seconds": {label: statistics.median(values) for label, values in results.items()},
                "runs": results}
    finally:
        made = list(client.indices.get(index=f"{settings.index_prefix}*", allow_no_indices=True).body)
        for name in made:
            client.options(ignore_status=404).indices.delete(index=name)
        if not keep:
            shutil.rmtree(data_dir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, action="append", help="archive size (repeatable; default 2000)")
    parser.add_argument("--repeat", type=int, default=3, help="measurements per figure (median reported)")
    parser.add_argument("--es-url", default="http://127.0.0.1:9250", help="Elasticsearch to use")
    parser.add_argument("--keep", action="store_true", help="keep the stores under var/bench-corrections")
    parser.add_argument("--results", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    client = Elasticsearch(args.es_url, request_timeout=300)
    figures = [measure(client, count, args.repeat, args.keep, args.es_url) for count in args.count or [2000]]
    for figure in figures:
        print(f"\n{figure['documents']:,} documents")
        for label, seconds in figure["seconds"].items():
            runs = ", ".join(f"{value:.2f}" for value in figure["runs"][label])
            done = figure["updated"].get(label.removeprefix("targeted ").replace(" (reads the store)", ""))
            note = f", {done:,} updated" if done is not None else ""
            print(f"  {label:<88} {seconds:8.2f} s   ({runs}{note})")
    if args.results is not None:
        args.results.parent.mkdir(parents=True, exist_ok=True)
        args.results.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
