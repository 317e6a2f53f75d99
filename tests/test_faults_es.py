"""Faults survived by ``newsarchive index`` against a real Elasticsearch (RELIABILITY.md lists them):

- the node SIGKILLed in the middle of a run: bounded retries, a clear stop with a resume hint, and the same
  command run again after the node is back leaves exactly the input's documents;
- Ctrl-C (SIGINT) during a run: stops within seconds, keeps what was acknowledged, the next run resumes;
- a read-only index (the disk flood-stage block): the run stops clearly, nothing acknowledged is lost;
- Elasticsearch down when the command starts: a clear message and exit status 3, no traceback;
- ``newsarchive verify`` finds every disagreement between the store and the index and ``--repair`` mends it.

The SIGKILL test runs its own node (port 9260, own data directory) so that the shared test node is never hurt.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch
from elasticsearch.helpers import scan

from indexer.bulk import ElasticsearchUnreachable, bulk_write
from indexer.enrich.enricher import Enricher
from indexer.enrich.types import Enrichment
from indexer.indexing import IndexSummary, index_paths
from indexer.lifecycle import setup_indices
from indexer.records import RawArticle
from indexer.store import EnrichmentStore
from indexer.verify import compare, repair
from newsarchive.config import PROJECT_ROOT, Settings, load_settings
from newsarchive.esnode import start_local_node, stop_local_node
from newsarchive.esnode.layout import node_layout
from newsarchive.esnode.pidfile import running_pid

pytestmark = pytest.mark.es

FAULT_PORT = 9260
WIKINEWS = PROJECT_ROOT / "seeds" / "wikinews.jsonl"
CLI = str(Path(sys.executable).with_name("newsarchive"))


def _wikinews_ids() -> list[str]:
    """The document ids the Wikinews seeds get (by canonical URL)."""
    from indexer.documents import article_identity
    from indexer.readers import iter_records
    from indexer.records import RawArticle

    return sorted({article_identity(r)[0] for r in iter_records([WIKINEWS]) if isinstance(r, RawArticle)})


def _ids(client: Elasticsearch, alias: str) -> list[str]:
    client.indices.refresh(index=alias)
    return sorted(hit["_id"] for hit in scan(client, index=alias, query={"_source": False}))


def _env(settings: Settings, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSARCHIVE_")}
    env.update({
        "NEWSARCHIVE_ES_URL": settings.es_url or "",
        "NEWSARCHIVE_INDEX_PREFIX": settings.index_prefix,
        "NEWSARCHIVE_DATA_DIR": str(settings.data_dir),
        "NEWSARCHIVE_CACHE_DIR": str(settings.cache_dir),
        "NEWSARCHIVE_ENRICH_PROCESSES": "1",
        "NEWSARCHIVE_BULK_CHUNK_SIZE": "10",
    })
    env.update(extra)
    return env


def _stored(settings: Settings) -> int:
    path = settings.data_dir / "store" / "documents.sqlite3"
    if not path.exists():
        return 0
    with EnrichmentStore(path) as store:
        return store.count()


def _wait_for_stored(process: subprocess.Popen[str], settings: Settings, at_least: int, limit: float) -> None:
    deadline = time.monotonic() + limit
    while _stored(settings) < at_least:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, f"fewer than {at_least} documents stored within {limit} s"
        time.sleep(0.2)


def _agree(client: Elasticsearch, settings: Settings) -> bool:
    with EnrichmentStore.open(settings) as store:
        return compare(client, settings, store).agree


@pytest.fixture(scope="module")
def fault_node() -> Iterator[Settings]:
    """A node of its own (port 9260) that a test may kill; stopped at the end of the module."""
    node = Settings(es_url=None, es_port=FAULT_PORT, data_dir=PROJECT_ROOT / "var" / "test-es-faults",
                    cache_dir=load_settings().cache_dir, es_heap="512m")
    url = start_local_node(node)
    yield node.model_copy(update={"es_url": url})
    stop_local_node(node.model_copy(update={"es_url": None}))


def test_sigkilled_elasticsearch_stops_index_clearly_and_the_rerun_completes(
    fault_node: Settings, tmp_path: Path
) -> None:
    prefix = f"faults-kill-{uuid.uuid4().hex[:8]}-"  # the node's data directory outlives a test session
    settings = fault_node.model_copy(update={"index_prefix": prefix, "data_dir": tmp_path / "data",
                                             "cache_dir": tmp_path / "cache"})
    env = _env(settings, NEWSARCHIVE_INDEX_RETRY_SECONDS="8")
    command = [CLI, "index", "--no-progress", str(WIKINEWS)]
    process = subprocess.Popen(command, env=env, cwd=PROJECT_ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    _wait_for_stored(process, settings, 20, limit=240)
    layout = node_layout(fault_node.model_copy(update={"es_url": None}))
    pid = running_pid(layout)
    assert pid is not None
    os.killpg(pid, signal.SIGKILL)
    killed_at = time.monotonic()
    out, err = process.communicate(timeout=120)
    assert process.returncode == 3, err
    assert time.monotonic() - killed_at < 8 + 60, "the retries were not bounded"
    assert "Traceback" not in err
    assert "stopped: Elasticsearch is unreachable" in err and "Run the same command again" in err
    assert out.startswith("stopped after reading"), out
    stored_before_restart = _stored(settings)
    assert stored_before_restart >= 20

    start_local_node(fault_node.model_copy(update={"es_url": None}))
    rerun = subprocess.run(command, env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    client = Elasticsearch(settings.es_url or "", request_timeout=60)
    try:
        assert _ids(client, settings.alias) == _wikinews_ids()
        assert _agree(client, settings)
    finally:
        for name in client.indices.get(index=f"{prefix}*", expand_wildcards="all").body:
            client.indices.delete(index=name)
        client.close()


def test_ctrl_c_during_index_stops_within_seconds_and_the_next_run_resumes(
    isolated_settings: Settings, es_client: Elasticsearch, tmp_path: Path
) -> None:
    settings = isolated_settings.model_copy(update={"cache_dir": tmp_path / "cache"})
    env = _env(settings)
    command = [CLI, "index", "--no-progress", str(WIKINEWS)]
    process = subprocess.Popen(command, env=env, cwd=PROJECT_ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    _wait_for_stored(process, settings, 20, limit=240)
    process.send_signal(signal.SIGINT)
    asked_at = time.monotonic()
    out, err = process.communicate(timeout=60)
    stopped_in = time.monotonic() - asked_at
    assert process.returncode == 130, err
    assert stopped_in < 15, f"took {stopped_in:.1f} s to stop"
    assert "Traceback" not in err and "stopped: stop requested (Ctrl-C)" in err
    summary = out.strip().splitlines()[-1]
    assert summary.startswith("stopped after reading"), summary
    acknowledged = _ids(es_client, settings.alias)
    assert 20 <= len(acknowledged) < len(_wikinews_ids())
    assert _agree(es_client, settings), "the store and the index disagree after Ctrl-C"

    rerun = subprocess.run(command, env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert _ids(es_client, settings.alias) == _wikinews_ids()
    assert _agree(es_client, settings)


def _write_articles(path: Path, ids: range) -> Path:
    lines = [json.dumps({"id": f"art-{n:03d}", "title": f"Minister denies report {n}",
                         "text": f"The minister denied report number {n} on Monday, his office said."})
             for n in ids]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _index(settings: Settings, client: Elasticsearch, path: Path) -> IndexSummary:
    setup_indices(client, settings)
    with Enricher.from_settings(settings) as enricher, EnrichmentStore.open(settings) as store:
        return index_paths(settings, client, [path], enricher=enricher, store=store, progress=False)


def test_a_read_only_index_stops_the_run_clearly_and_loses_nothing_acknowledged(
    isolated_settings: Settings, es_client: Elasticsearch, tmp_path: Path
) -> None:
    settings = isolated_settings.model_copy(update={"bulk_max_retries": 1, "bulk_chunk_size": 5})
    first = _index(settings, es_client, _write_articles(tmp_path / "first.jsonl", range(10)))
    assert (first.created, first.stopped) == (10, None)
    live = next(iter(es_client.indices.get_alias(name=settings.alias).body))
    es_client.indices.put_settings(index=live, settings={"index.blocks.read_only_allow_delete": True})
    try:
        blocked = _index(settings, es_client, _write_articles(tmp_path / "second.jsonl", range(10, 20)))
    finally:
        es_client.indices.put_settings(index=live, settings={"index.blocks.read_only_allow_delete": None})
    assert blocked.stopped is not None and "refuses writes" in blocked.stopped
    assert "read-only-allow-delete" in blocked.stopped or "read_only_allow_delete" in blocked.stopped
    assert (blocked.created, blocked.rejected, blocked.not_indexed) == (0, 0, blocked.read)
    assert blocked.rejects_path is None, "blocked documents are not bad input"
    assert len(_ids(es_client, settings.alias)) == 10 and _agree(es_client, settings)

    resumed = _index(settings, es_client, tmp_path / "second.jsonl")
    assert (resumed.created, resumed.stopped) == (10, None)
    assert len(_ids(es_client, settings.alias)) == 20 and _agree(es_client, settings)


def test_index_with_elasticsearch_down_says_so_without_a_traceback(isolated_settings: Settings,
                                                                  tmp_path: Path) -> None:
    settings = isolated_settings.model_copy(update={"es_url": "http://127.0.0.1:9"})
    path = _write_articles(tmp_path / "a.jsonl", range(2))
    result = subprocess.run([CLI, "index", "--no-progress", str(path)], cwd=PROJECT_ROOT, capture_output=True,
                            text=True, timeout=120, env=_env(settings, NEWSARCHIVE_INDEX_RETRY_SECONDS="2"))
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr
    assert "http://127.0.0.1:9" in result.stderr and "run the command again" in result.stderr


def test_bulk_write_retries_an_unreachable_cluster_for_a_bounded_time() -> None:
    client = Elasticsearch("http://127.0.0.1:9", max_retries=0, request_timeout=2)
    answered: list[str] = []
    actions = [{"_index": "x", "_id": str(n), "_source": {"n": n}} for n in range(3)]
    started = time.monotonic()
    with pytest.raises(ElasticsearchUnreachable, match="has not answered for") as stop:
        bulk_write(client, actions, unreachable_for=2.0, on_item=lambda ok, i, r: answered.append(i))
    assert 2.0 <= time.monotonic() - started < 10
    assert answered == [] and stop.value.summary.written == 0


def test_verify_finds_each_disagreement_and_repair_mends_them(
    isolated_settings: Settings, es_client: Elasticsearch, tmp_path: Path
) -> None:
    settings = isolated_settings
    summary = _index(settings, es_client, _write_articles(tmp_path / "v.jsonl", range(6)))
    assert summary.created == 6
    es_client.delete(index=settings.write_alias, id="art-001", refresh=True)
    changed = es_client.get(index=settings.alias, id="art-002")["_source"]
    es_client.index(index=settings.write_alias, id="art-002", document={**changed, "content_hash": "0" * 64})
    extra = {**changed, "id": "only-in-index", "title": "Only in the index"}
    es_client.index(index=settings.write_alias, id="only-in-index", document=extra, refresh=True)

    with EnrichmentStore.open(settings) as store:
        found = compare(es_client, settings, store)
        assert (found.store_count, found.index_count) == (6, 6)
        assert (found.missing_from_index, found.missing_from_store, found.different) == (
            ["art-001"], ["only-in-index"], ["art-002"])
        assert "they disagree" in found.lines()[0]
        done = repair(es_client, settings, store, found)
        assert (done.sent_to_index, done.copied_to_store, done.failures) == (2, 1, [])
        again = compare(es_client, settings, store)
        assert again.agree and (again.store_count, again.index_count) == (7, 7)
        assert store.get("only-in-index") is not None
    assert es_client.get(index=settings.alias, id="art-002")["_source"]["content_hash"] != "0" * 64


class _FailingEnricher:
    """Answers every article with the error an enrichment raised (as the real enricher reports one)."""

    def enrich_articles(self, articles: Iterable[RawArticle]) -> Iterator[tuple[RawArticle, Enrichment | str]]:
        for article in articles:
            yield article, "RuntimeError: the parser ran out of memory"


def test_an_article_whose_enrichment_fails_is_indexed_bare_with_a_warning(
    isolated_settings: Settings, es_client: Elasticsearch, tmp_path: Path
) -> None:
    settings = isolated_settings
    setup_indices(es_client, settings)
    path = _write_articles(tmp_path / "fails.jsonl", range(3))
    with EnrichmentStore.open(settings) as store:
        summary = index_paths(settings, es_client, [path], enricher=_FailingEnricher(), store=store, progress=False)
    assert (summary.read, summary.created, summary.rejected, summary.warnings) == (3, 3, 0, 3)
    assert summary.warnings_path is not None
    first = json.loads(summary.warnings_path.read_text(encoding="utf-8").splitlines()[0])
    assert first["line"] == 1 and first["stage"] == "enrich"
    assert first["reason"] == ("enrichment failed (RuntimeError: the parser ran out of memory): indexed without "
                               "entities and statements")
    doc = es_client.get(index=settings.alias, id="art-000")["_source"]
    assert doc["text"].startswith("The minister denied report number 0") and doc["persons"] == []
    found = es_client.search(index=settings.alias, query={"match": {"text": "denied"}})
    assert found["hits"]["total"]["value"] == 3
