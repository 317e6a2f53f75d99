"""The scale benchmark's own steps (scripts/bench_scale.py, bench_scale_export.py, plot_scale.py) on a tiny
generated corpus against the test node, so that the million-article benchmark cannot rot unnoticed."""

from __future__ import annotations

from pathlib import Path

from elasticsearch import Elasticsearch
from script_modules import load_script

from newsarchive.config import Settings

SCALE = load_script("bench_scale.py")
EXPORT = load_script("bench_scale_export.py")
PLOT = load_script("plot_scale.py")
REINDEX = load_script("bench_reindex.py")
SEARCH = load_script("bench_search.py")


def test_store_load_baseline_and_export_walk_agree_on_a_small_corpus(
    es_client: Elasticsearch, es_settings: Settings, tmp_path: Path
) -> None:
    count = 300
    corpus = SCALE.corpus_file(tmp_path, count)
    assert sum(1 for _ in SEARCH.read_corpus(corpus)) == count
    settings = es_settings.model_copy(update={"index_prefix": f"{es_settings.index_prefix}scale-",
                                              "data_dir": tmp_path / "data"})
    filled = SCALE.fill_store(settings, corpus, count)
    assert filled["store_mb"] > 0
    assert SCALE.fill_store(settings, corpus, count)["store_seconds"] == 0.0  # reused, not written twice
    # raises unless all 300 were indexed:
    assert REINDEX.plain_bulk(es_client, settings, SEARCH.read_corpus(corpus), count) > 0
    from indexer.lifecycle import setup_indices

    setup_indices(es_client, settings)
    assert SCALE.store_reindex(es_client, settings, count) > 0  # raises unless the new index holds 300
    figures = SCALE.index_figures(es_client, settings, count)
    assert figures["bytes_per_article"] > 100 and figures["heap_used_mb"] > 0
    year = EXPORT.export_queries(count)["small"]
    hits, seconds = EXPORT.raw_walk(es_client, settings.alias, year)
    expected = es_client.count(index=settings.alias, query={"range": {"published": {
        "gte": "2019-01-01", "lte": "2019-12-31"}}})["count"]
    assert hits == expected > 0 and seconds > 0
    for name in es_client.indices.get(index=f"{settings.index_prefix}*").body:
        es_client.indices.delete(index=name)


def test_the_plot_is_written_from_the_figures(tmp_path: Path) -> None:
    def row(p50: float) -> dict[str, object]:
        search = {key: {"p50": p50, "p95": p50 * 2} for key in ("es", "api", "page")}
        return {"search": search, "baseline_docs_s": [1000.0], "reindex_docs_s": [1200.0]}

    results: dict[str, object] = {"machine": "test", "chunk_size": 500, "10000": row(10), "1000000": row(30),
                                  "100000": row(20)}
    after = row(15)["search"]
    results["1000000"] = {**row(30), "search_after": after, "search_after_2shards": after}
    assert PLOT.sizes_of(results) == [10_000, 100_000, 1_000_000]
    out = tmp_path / "scale.png"
    PLOT.plot(results, out)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
