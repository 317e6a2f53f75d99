"""Enrichment on a real Dask cluster (a ``LocalCluster`` of two worker processes on loopback): the same
enrichments as the local pool, the cache read here, a worker killed mid-job losing nothing while indexing
into the real test Elasticsearch, ``newsarchive index --scheduler`` and a clear error for an unreachable
scheduler."""

from __future__ import annotations

import json
import os
import signal
import socket
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import dask.config
import pytest
from distributed import LocalCluster, get_task_stream
from elasticsearch import Elasticsearch
from typer.testing import CliRunner

from indexer.documents import build_document
from indexer.enrich.cache import EnrichmentCache
from indexer.enrich.dask_enricher import DaskEnricher, DaskSchedulerUnreachable
from indexer.enrich.enricher import Enricher
from indexer.enrich.pipeline import ENRICHMENT_VERSION, ArticleText
from indexer.enrich.types import Enrichment
from indexer.indexing import index_paths
from indexer.lifecycle import setup_indices
from indexer.readers import iter_records
from indexer.records import RawArticle
from indexer.store import EnrichmentStore
from newsarchive.cli import app
from newsarchive.cli.index_commands import EXIT_DASK
from newsarchive.config import PROJECT_ROOT, Settings

pytestmark = pytest.mark.nlp

SEEDS = PROJECT_ROOT / "seeds"
BATCH = 8
#: The scheduler's HTTP server (health and metrics routes even without a dashboard): loopback, a free port.
LOOPBACK_ANY_PORT = "127.0.0.1:0"
#: Seed lines per file in the sample: 96 articles, two windows of 8 batches on the 2-worker cluster.
PER_FILE = {"kremlin_en.jsonl": 32, "president_gov_ua_en.jsonl": 32, "wikinews.jsonl": 32}


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    """Two worker processes of one thread each, on loopback, for the whole module."""
    local = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=LOOPBACK_ANY_PORT
    )  # type: ignore[no-untyped-call]
    try:
        yield local
    finally:
        local.close()


#: Longer seed texts are left out of the sample: one 175,000-character transcript takes longer than all
#: the other batches together, so no batch would still be in flight when the first result comes back.
MAX_SAMPLE_CHARS = 20_000


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JSON Lines file of seed articles from every seed source (the first ``PER_FILE`` of each whose text
    is at most ``MAX_SAMPLE_CHARS`` long)."""
    lines: list[str] = []
    for name, count in PER_FILE.items():
        with (SEEDS / name).open(encoding="utf-8") as seeds:
            kept = [line.rstrip("\n") for line in seeds if len(json.loads(line)["text"]) <= MAX_SAMPLE_CHARS]
        lines.extend(kept[:count])
    path = tmp_path_factory.mktemp("dask-sample") / "sample.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def sample(sample_file: Path) -> list[RawArticle]:
    articles = [record for record in iter_records([sample_file]) if isinstance(record, RawArticle)]
    assert len(articles) == sum(PER_FILE.values())
    return articles


def _texts(articles: Iterable[RawArticle]) -> list[ArticleText]:
    return [ArticleText(article.title, article.body, article.published) for article in articles]


@pytest.fixture(scope="module")
def local_enrichments(sample: list[RawArticle]) -> list[Enrichment | str]:
    """The sample enriched here, without a cache (the reference)."""
    with Enricher(batch_size=BATCH, processes=1) as enricher:
        results = list(enricher.results(_texts(sample)))
    assert not [result for result in results if isinstance(result, str)]
    return results


def _enrich_keys(task_stream: list[dict[str, Any]]) -> list[str]:
    return [str(task["key"]) for task in task_stream if "enrich_texts" in str(task["key"])]


def test_the_cluster_enriches_exactly_like_the_local_pool(
    cluster: LocalCluster, sample: list[RawArticle], local_enrichments: list[Enrichment | str]
) -> None:
    with DaskEnricher(cluster.scheduler_address, batch_size=BATCH) as enricher:
        with get_task_stream(enricher.client) as stream:
            results = list(enricher.results(_texts(sample)))
        assert enricher._window == BATCH * 2 * 4  # two worker threads
    assert results == local_enrichments
    # every batch ran on the cluster's workers, once
    assert len(_enrich_keys(stream.data)) == len(sample) // BATCH


def test_the_enrichment_cache_is_read_and_written_by_the_client(
    cluster: LocalCluster, sample: list[RawArticle], local_enrichments: list[Enrichment | str], tmp_path: Path
) -> None:
    cache = EnrichmentCache(tmp_path / "enrich")
    head = sample[: 2 * BATCH]
    try:
        with DaskEnricher(cluster.scheduler_address, batch_size=BATCH, cache=cache) as enricher:
            first = [result for _, result in enricher.enrich_articles(head)]
            assert len(cache) == len(head)
            with get_task_stream(enricher.client) as stream:
                again = [result for _, result in enricher.enrich_articles(head)]
    finally:
        cache.close()
    assert first == again == local_enrichments[: len(head)]
    assert _enrich_keys(stream.data) == [], "cache hits must not be sent to the cluster"


class _KillOneWorkerMidJob:
    """Wraps the Dask enricher: after the first result, SIGKILLs a worker process that holds batches in
    flight; records every article it yields."""

    def __init__(self, inner: DaskEnricher) -> None:
        self.inner = inner
        self.yielded: list[RawArticle] = []
        self.killed: tuple[str, int] | None = None
        self.pids_before: set[int] = set()

    def enrich_articles(self, articles: Iterable[RawArticle]) -> Iterator[tuple[RawArticle, Enrichment | str]]:
        for article, result in self.inner.enrich_articles(articles):
            if self.killed is None:
                self._kill_a_busy_worker()
            self.yielded.append(article)
            yield article, result

    def _kill_a_busy_worker(self) -> None:
        client = self.inner.client
        pids: dict[str, int] = client.run(os.getpid)
        self.pids_before = set(pids.values())
        processing: dict[str, list[Any]] = client.processing()  # type: ignore[no-untyped-call]
        busy = [address for address, keys in processing.items() if any("enrich_texts" in str(k) for k in keys)]
        assert busy, "no batch in flight to lose: the sample is too small"
        self.killed = (busy[0], pids[busy[0]])
        os.kill(pids[busy[0]], signal.SIGKILL)


def _wait_for_workers(enricher: DaskEnricher, count: int, timeout: float = 60.0) -> dict[str, int]:
    deadline = time.monotonic() + timeout
    while True:
        pids: dict[str, int] = enricher.client.run(os.getpid)
        if len(pids) >= count or time.monotonic() > deadline:
            return pids
        time.sleep(0.5)


def test_a_worker_killed_mid_job_loses_no_article_and_the_index_balances(
    cluster: LocalCluster,
    sample_file: Path,
    sample: list[RawArticle],
    local_enrichments: list[Enrichment | str],
    isolated_settings: Settings,
    es_client: Elasticsearch,
) -> None:
    setup_indices(es_client, isolated_settings)
    with DaskEnricher(cluster.scheduler_address, batch_size=BATCH) as inner, EnrichmentStore.open(
        isolated_settings
    ) as store:
        enricher = _KillOneWorkerMidJob(inner)
        summary = index_paths(isolated_settings, es_client, [sample_file], enricher=enricher, store=store,
                              progress=False)
        stored = store.count()
        pids_after = set(_wait_for_workers(inner, 2).values())
    assert enricher.killed is not None
    assert enricher.killed[1] not in pids_after and len(pids_after) == 2, "the nanny did not replace the worker"
    # every article came back exactly once, in input order
    assert [(a.file, a.line) for a in enricher.yielded] == [(a.file, a.line) for a in sample]
    rejects = summary.rejects_path.read_text(encoding="utf-8") if summary.rejects_path else ""
    assert (summary.read, summary.created, summary.updated, summary.rejected, summary.not_indexed) == (
        len(sample), len(sample), 0, 0, 0), rejects
    assert summary.stopped is None
    assert stored == len(sample)
    assert int(es_client.count(index=isolated_settings.alias)["count"]) == len(sample)
    # the indexed documents are the local path's documents
    hits = es_client.search(index=isolated_settings.alias, size=len(sample), sort=["_doc"])["hits"]["hits"]
    indexed = {hit["_id"]: _without_time(hit["_source"]) for hit in hits}
    for article, enrichment in zip(sample, local_enrichments, strict=True):
        assert not isinstance(enrichment, str)
        expected = _without_time(build_document(article, enrichment))
        assert indexed[expected["id"]] == expected


def _without_time(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key != "indexed_at"}


def _set_worker_enrichment_version(version: int) -> None:
    """Run on the workers: pretend their enrichment code is ``version`` (what a stale install looks like)."""
    from indexer.enrich import pipeline

    pipeline.ENRICHMENT_VERSION = version


def test_workers_with_another_enrichment_version_are_refused(
    cluster: LocalCluster, sample: list[RawArticle]
) -> None:
    current = ENRICHMENT_VERSION
    with DaskEnricher(cluster.scheduler_address, batch_size=BATCH) as enricher:
        enricher.client.run(_set_worker_enrichment_version, current - 1)
        try:
            # workers changed after the connection: the first result stops the run
            with pytest.raises(RuntimeError, match=f"enrichment version {current - 1}, this client {current}"):
                list(enricher.results(_texts(sample[:BATCH])))
            # at connection time: refused before anything is sent
            with pytest.raises(DaskSchedulerUnreachable, match="run another enrichment version"):
                DaskEnricher(cluster.scheduler_address, batch_size=BATCH)
        finally:
            enricher.client.run(_set_worker_enrichment_version, current)


def test_losing_the_scheduler_mid_run_stops_with_a_clear_error(sample: list[RawArticle]) -> None:
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        own = LocalCluster(
            n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=LOOPBACK_ANY_PORT
        )  # type: ignore[no-untyped-call]
        try:
            with DaskEnricher(own.scheduler_address, batch_size=BATCH // 2) as enricher:
                results = enricher.results(_texts(sample[: 4 * BATCH]))
                next(results)
                scheduler = own.scheduler
                assert scheduler is not None
                own.sync(scheduler.close)  # type: ignore[no-untyped-call]  # stops the scheduler, not the client
                with pytest.raises(DaskSchedulerUnreachable, match=f"lost the Dask scheduler {own.scheduler_address}"):
                    list(results)
        finally:
            own.close()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _cli_env(settings: Settings, cache_dir: Path) -> dict[str, str]:
    return {
        "NEWSARCHIVE_ES_URL": str(settings.es_url),
        "NEWSARCHIVE_INDEX_PREFIX": settings.index_prefix,
        "NEWSARCHIVE_DATA_DIR": str(settings.data_dir),
        "NEWSARCHIVE_CACHE_DIR": str(cache_dir),
        "NEWSARCHIVE_ENRICH_BATCH_SIZE": str(BATCH),
    }


def test_cli_index_with_scheduler_enriches_on_the_cluster(
    cluster: LocalCluster, sample_file: Path, isolated_settings: Settings, es_client: Elasticsearch, tmp_path: Path
) -> None:
    path = tmp_path / "head.jsonl"
    path.write_text("".join(sample_file.read_text(encoding="utf-8").splitlines(keepends=True)[:BATCH]),
                    encoding="utf-8")
    env = _cli_env(isolated_settings, tmp_path / "cache")
    args = ["index", "--no-progress", "--scheduler", cluster.scheduler_address, str(path)]
    result = CliRunner().invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    assert f"read {BATCH}: indexed {BATCH} new, updated 0, rejected 0" in result.output
    assert int(es_client.count(index=isolated_settings.alias)["count"]) == BATCH


def test_an_unreachable_scheduler_is_a_clear_error(isolated_settings: Settings, tmp_path: Path) -> None:
    address = f"tcp://127.0.0.1:{_closed_port()}"
    started = time.monotonic()
    with pytest.raises(DaskSchedulerUnreachable, match=f"cannot reach the Dask scheduler {address} within 1 s"):
        DaskEnricher(address, connect_timeout=1.0)
    assert time.monotonic() - started < 15
    # the same through the command line, with the scheduler from the environment
    env = _cli_env(isolated_settings, tmp_path / "cache") | {"NEWSARCHIVE_DASK_SCHEDULER": address}
    path = tmp_path / "one.jsonl"
    path.write_text('{"title": "One", "text": "Joe Biden spoke in Berlin."}\n', encoding="utf-8")
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(app, ["index", "--no-progress", str(path)], env=env)
    assert result.exit_code == EXIT_DASK, result.output
    assert f"error: cannot reach the Dask scheduler {address} within 1 s" in result.output
    assert "NEWSARCHIVE_DASK_SCHEDULER unset" in result.output
