"""Re-indexing from the enrichment store on a real Elasticsearch: swap, verify, rollback, prune, resume,
searches that never fail while it runs, writes made meanwhile, refused documents, deletes."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from elasticsearch import Elasticsearch
from elasticsearch.helpers import scan

from indexer.bulk import bulk_write
from indexer.documents import build_document
from indexer.enrich.types import Enrichment
from indexer.lifecycle import LifecycleError, live_index, previous_index, setup_indices
from indexer.lifecycle.deletion import delete_documents, ids_matching
from indexer.lifecycle.indices import alias_targets, list_physical_indices
from indexer.lifecycle.reindex import ReindexError, ReindexOptions, reindex
from indexer.lifecycle.retention import prune_indices, rollback
from indexer.lifecycle.state import ReindexState, load_state, state_path
from indexer.readers import iter_records
from indexer.records import RawArticle
from indexer.store import EnrichmentStore
from newsarchive.config import PROJECT_ROOT, Settings

pytestmark = pytest.mark.es

SEEDS = PROJECT_ROOT / "seeds" / "wikinews.jsonl"
QUIET = ReindexOptions(progress=False)


def _seed_articles() -> list[RawArticle]:
    return [record for record in iter_records([SEEDS]) if isinstance(record, RawArticle)]


def _enrichment(article: RawArticle, version: int) -> Enrichment:
    """The enrichment fields with the article's own text and no entities (these tests are not about NLP)."""
    return Enrichment(
        title=article.title, text=article.body, published=None, published_source="none",
        enrichment_version=version, dates=[], persons=[], countries=[], places=[], organizations=[],
        statements=[], stances=[],
    )


def corpus(count: int, *, version: int = 1, tag: str = "") -> list[tuple[dict[str, Any], RawArticle]]:
    """``count`` (document, raw input) pairs built from the Wikinews seeds, cycled with distinct ids."""
    seeds = _seed_articles()
    pairs: list[tuple[dict[str, Any], RawArticle]] = []
    for n, article in zip(range(count), itertools.cycle(seeds), strict=False):
        copy = RawArticle(file=article.file, line=article.line, title=f"{article.title}{tag}",
                          body=article.body, id=f"doc-{n:06d}")
        pairs.append((build_document(copy, _enrichment(copy, version)), copy))
    return pairs


def index_live(client: Elasticsearch, settings: Settings, docs: list[dict[str, Any]]) -> str:
    """Set up the aliases and index ``docs`` through the write alias (the state before a re-index)."""
    live = setup_indices(client, settings)
    actions = ({"_index": settings.write_alias, "_id": d["id"], "_source": d} for d in docs)
    summary = bulk_write(client, actions, chunk_size=500)
    assert summary.failed == 0
    client.indices.refresh(index=settings.write_alias)
    return live


def ids_in(client: Elasticsearch, index: str) -> list[str]:
    return sorted(hit["_id"] for hit in scan(client, index=index, query={"_source": False}))


@pytest.fixture()
def settings(isolated_settings: Settings) -> Settings:
    return isolated_settings.model_copy(update={"bulk_chunk_size": 100})


@pytest.fixture()
def store(settings: Settings) -> Iterator[EnrichmentStore]:
    with EnrichmentStore.open(settings) as opened:
        yield opened


def test_reindex_loads_the_store_verifies_restores_settings_and_swaps_both_aliases(
    es_client: Elasticsearch, settings: Settings, store: EnrichmentStore
) -> None:
    pairs = corpus(450)
    old = index_live(es_client, settings, [doc for doc, _raw in pairs[:300]])
    store.put_articles(pairs)

    result = reindex(es_client, settings, store, QUIET)

    assert result.previous == old and result.target != old
    assert result.documents == result.loaded == 450
    assert alias_targets(es_client, settings.alias) == [result.target]
    assert alias_targets(es_client, settings.write_alias) == [result.target]
    assert previous_index(es_client, settings) == old
    assert ids_in(es_client, settings.alias) == sorted(doc["id"] for doc, _raw in pairs)
    stored = store.get("doc-000123")
    assert es_client.get(index=settings.alias, id="doc-000123")["_source"] == stored
    index_settings = es_client.indices.get_settings(index=result.target).body[result.target]["settings"]["index"]
    assert index_settings.get("refresh_interval") in (None, "1s")
    assert index_settings["number_of_replicas"] == "0"
    assert load_state(settings) is None
    assert es_client.count(index=old)["count"] == 300  # the old index is kept as it was


def test_reindex_without_any_index_yet_creates_the_aliases(
    es_client: Elasticsearch, settings: Settings, store: EnrichmentStore
) -> None:
    store.put_articles(corpus(30))
    result = reindex(es_client, settings, store, QUIET)
    assert result.previous is None
    assert live_index(es_client, settings) == result.target
    assert es_client.count(index=settings.alias)["count"] == 30


def test_a_reindex_changes_the_shard_count_to_the_setting(
    es_client: Elasticsearch, settings: Settings, store: EnrichmentStore
) -> None:
    store.put_articles(corpus(40))
    one = reindex(es_client, settings, store, QUIET)
    two = reindex(es_client, settings.model_copy(update={"index_shards": 2}), store, QUIET)

    def shards(index: str) -> str:
        return str(es_client.indices.get_settings(index=index).body[index]["settings"]["index"]["number_of_shards"])

    assert (shards(one.target), shards(two.target)) == ("1", "2")
    assert live_index(es_client, settings) == two.target and es_client.count(index=settings.alias)["count"] == 40


def test_rollback_swaps_back_and_a_second_rollback_undoes_it(
    es_client: Elasticsearch, settings: Settings, store: EnrichmentStore
) -> None:
    old = index_live(es_client, settings, [doc for doc, _raw in corpus(20)])
    store.put_articles(corpus(40))
    new = reindex(es_client, settings, store, QUIET).target

    back = rollback(es_client, settings)
    assert (back.from_index, back.to_index) == (new, old)
    assert alias_targets(es_client, settings.alias) == [old]
    assert alias_targets(es_client, settings.write_alias) == [old]
    assert es_client.count(index=settings.alias)["count"] == 20

    forward = rollback(es_client, settings)
    assert (forward.from_index, forward.to_index) == (old, new)
    assert es_client.count(index=settings.alias)["count"] == 40


def test_rollback_without_a_previous_index_is_refused(
    es_client: Elasticsearch, settings: Settings
) -> None:
    setup_indices(es_client, settings)
    with pytest.raises(LifecycleError, match="no previous index"):
        rollback(es_client, settings)


def test_keep_prunes_older_indices_but_never_the_live_or_the_previous_one(
    es_client: Elasticsearch, settings: Settings, store: EnrichmentStore
) -> None:
    first = setup_indices(es_client, settings)
    store.put_articles(corpus(10))
    made = [reindex(es_client, settings, store, QUIET).target for _ in range(3)]
    assert [i.name for i in list_physical_indices(es_client, settings)] == [first, *made]

    assert prune_indices(es_client, settings, keep=3) == [first]
    last = reindex(es_client, settings, store, ReindexOptions(progress=False, keep=0))
    assert sorted(last.pruned) == sorted(made[:2])
    assert [i.name for i in list_physical_indices(es_client, settings)] == [made[2], last.target]
    assert previous_index(es_client, settings) == made[2]


def test_searches_never_fail_and_always_see_a_complete_index_while_reindex_swaps(
    es_client: Elasticsearch, settings: Settings, store: EnrichmentStore
) -> None:
    pairs = corpus(3000)
    old_count, new_count = 1000, 3000
    index_live(es_client, settings, [doc for doc, _raw in pairs[:old_count]])
    store.put_articles(pairs)
    totals: list[int] = []
    errors: list[BaseException] = []
    stop = threading.Event()
    searcher = Elasticsearch(settings.es_url or "", request_timeout=30)

    def search_continuously() -> None:
        queries: Iterator[dict[str, Any]] = itertools.cycle([{"match_all": {}}, {"exists": {"field": "title"}}])
        while not stop.is_set():
            try:
                response = searcher.search(index=settings.alias, query=next(queries), size=3,
                                           track_total_hits=True)
                totals.append(response["hits"]["total"]["value"])
            except BaseException as error:  # every failure counts
                errors.append(error)

    thread = threading.Thread(target=search_continuously)
    thread.start()
    try:
        time.sleep(0.3)
        result = reindex(es_client, settings, store, QUIET)
        time.sleep(0.3)
    finally:
        stop.set()
        thread.join()
        searcher.close()

    assert result.documents == new_count
    assert errors == []
    assert set(totals) == {old_count, new_count}, "every search sees the whole old or the whole new index"
    first_new = totals.index(new_count)
    assert set(totals[first_new:]) == {new_count}, "once swapped, never back"
    assert len(totals) > 50


def test_an_interrupted_reindex_leaves_the_alias_and_resume_completes_it(
    es_client: Elasticsearch, settings: Settings, store: EnrichmentStore
) -> None:
    pairs = corpus(1200)
    old = index_live(es_client, settings, [doc for doc, _raw in pairs[:500]])
    store.put_articles(pairs)
    seen: list[ReindexState] = []

    def crash_after_three_checkpoints(state: ReindexState) -> None:
        seen.append(state)
        if len(seen) == 3:
            raise KeyboardInterrupt  # what Ctrl-C raises

    with pytest.raises(KeyboardInterrupt):
        reindex(es_client, settings, store, QUIET, on_checkpoint=crash_after_three_checkpoints)

    state = load_state(settings)
    assert state is not None and state.target is not None and state.load_after_id is not None
    partial = state.target
    assert alias_targets(es_client, settings.alias) == [old]
    assert alias_targets(es_client, settings.write_alias) == [old]
    assert es_client.count(index=settings.alias)["count"] == 500
    es_client.indices.refresh(index=partial)
    assert 0 < es_client.count(index=partial)["count"] < 1200

    with pytest.raises(LifecycleError, match="--resume"):
        reindex(es_client, settings, store, QUIET)
    result = reindex(es_client, settings, store, ReindexOptions(progress=False, resume=True))
    assert result.target == partial
    assert result.loaded < 1200  # it continued, it did not start over
    assert ids_in(es_client, settings.alias) == sorted(doc["id"] for doc, _raw in pairs)
    assert live_index(es_client, settings) == partial and load_state(settings) is None


def test_resume_without_an_unfinished_reindex_is_an_error_and_restart_discards_one(
    es_client: Elasticsearch, settings: Settings, store: EnrichmentStore
) -> None:
    store.put_articles(corpus(300))
    with pytest.raises(LifecycleError, match="no unfinished re-index"):
        reindex(es_client, settings, store, ReindexOptions(progress=False, resume=True))

    def stop(state: ReindexState) -> None:
        raise RuntimeError("simulated crash")

    with pytest.raises(RuntimeError, match="simulated crash"):
        reindex(es_client, settings, store, QUIET, on_checkpoint=stop)
    state = load_state(settings)
    assert state is not None and state.target is not None
    result = reindex(es_client, settings, store, ReindexOptions(progress=False, restart=True))
    assert result.target != state.target
    assert not es_client.indices.exists(index=state.target)
    assert es_client.count(index=settings.alias)["count"] == 300


def test_writes_and_deletes_made_during_the_load_reach_the_new_index(
    es_client: Elasticsearch, settings: Settings, store: EnrichmentStore
) -> None:
    pairs = corpus(800)
    store.put_articles(pairs)
    late_doc, late_raw = corpus(1, tag=" (late)")[0]
    extra = (dict(late_doc, id="doc-000000-late"), late_raw)  # sorts before the load's cursor
    changed = dict(pairs[10][0], title="Changed while re-indexing")

    def write_meanwhile(state: ReindexState) -> None:
        if state.load_after_id and state.load_after_id > "doc-000300" and store.get("doc-000799"):
            store.put_articles([extra])  # new, behind the load's cursor: only the catch-up can copy it
            store.put_many([changed])  # already loaded: only the catch-up can bring the change
            store.delete(["doc-000020", "doc-000799"])  # one loaded, one not yet

    result = reindex(es_client, settings, store, QUIET, on_checkpoint=write_meanwhile)
    expected = sorted({doc["id"] for doc, _raw in pairs} - {"doc-000020", "doc-000799"} | {"doc-000000-late"})
    assert ids_in(es_client, settings.alias) == expected
    assert result.documents == len(expected) == store.count()
    assert es_client.get(index=settings.alias, id="doc-000010")["_source"]["title"] == changed["title"]


def test_a_refused_document_stops_the_swap_names_it_and_resume_finishes_after_the_fix(
    es_client: Elasticsearch, settings: Settings, store: EnrichmentStore
) -> None:
    old = setup_indices(es_client, settings)
    pairs = corpus(250)
    store.put_articles(pairs)
    bad = dict(pairs[7][0], not_in_mapping="x")  # the mapping is strict
    store.put_many([bad])

    with pytest.raises(ReindexError, match=r"doc-000007") as refused:
        reindex(es_client, settings, store, QUIET)
    assert [failure.doc_id for failure in refused.value.failures] == ["doc-000007"]
    assert "strict" in refused.value.failures[0].reason
    assert live_index(es_client, settings) == old

    store.put_many([pairs[7][0]])
    result = reindex(es_client, settings, store, ReindexOptions(progress=False, resume=True))
    assert result.documents == 250
    assert live_index(es_client, settings) == result.target


def test_delete_by_id_and_by_query_removes_from_index_and_store(
    es_client: Elasticsearch, settings: Settings, store: EnrichmentStore
) -> None:
    pairs = corpus(60)
    store.put_articles(pairs)
    reindex(es_client, settings, store, QUIET)

    result = delete_documents(es_client, settings, store, ["doc-000001", "doc-000002", "nope"])
    assert (result.from_index, result.from_store, result.not_found) == (2, 2, ["nope"])
    assert store.get("doc-000001") is None

    title_word = pairs[5][0]["title"].split()[0]
    matching = ids_matching(es_client, settings, f'"{pairs[5][0]["title"]}"')
    assert "doc-000005" in matching and title_word
    delete_documents(es_client, settings, store, matching)
    assert es_client.count(index=settings.alias)["count"] == store.count() == 58 - len(matching)
    assert ids_matching(es_client, settings, f'"{pairs[5][0]["title"]}"') == []


def _cli_env(settings: Settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSARCHIVE_")}
    env.update({
        "NEWSARCHIVE_ES_URL": settings.es_url or "",
        "NEWSARCHIVE_INDEX_PREFIX": settings.index_prefix,
        "NEWSARCHIVE_DATA_DIR": str(settings.data_dir),
        "NEWSARCHIVE_BULK_CHUNK_SIZE": "50",
    })
    return env


def _reindex_loading_past(cli: list[str], settings: Settings, doc_id: str) -> subprocess.Popen[str]:
    """Start ``newsarchive reindex`` and return it once its load has acknowledged documents past ``doc_id``."""
    process = subprocess.Popen(cli, env=_cli_env(settings), cwd=PROJECT_ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        state = load_state(settings) if state_path(settings).exists() else None
        if state is not None and state.load_after_id is not None and state.load_after_id > doc_id:
            return process
        assert process.poll() is None, process.communicate()
        time.sleep(0.02)
    process.kill()
    raise AssertionError(f"the re-index did not get past {doc_id} within 120 s")


def test_a_killed_reindex_process_never_exposes_its_partial_index_and_resumes(
    es_client: Elasticsearch, settings: Settings, store: EnrichmentStore
) -> None:
    pairs = corpus(6000)
    old = index_live(es_client, settings, [doc for doc, _raw in pairs[:100]])
    store.put_articles(pairs)
    cli = [str(Path(sys.executable).with_name("newsarchive")), "reindex", "--no-progress"]
    observed: list[tuple[str, int]] = []
    stop = threading.Event()
    watcher_client = Elasticsearch(settings.es_url or "", request_timeout=30)

    def watch_alias() -> None:
        while not stop.is_set():
            before = ",".join(alias_targets(watcher_client, settings.alias))
            response = watcher_client.search(index=settings.alias, size=0, track_total_hits=True)
            if ",".join(alias_targets(watcher_client, settings.alias)) == before:  # no swap in between
                observed.append((before, response["hits"]["total"]["value"]))

    watcher = threading.Thread(target=watch_alias)
    watcher.start()
    try:
        process = _reindex_loading_past(cli, settings, "doc-001000")
        process.send_signal(signal.SIGKILL)
        process.wait()
        state = load_state(settings)
        assert state is not None and state.target is not None
        assert state.load_after_id is not None and state.load_after_id < "doc-005999", "killed midway"
        assert live_index(es_client, settings) == old

        resumed = subprocess.run([*cli, "--resume"], env=_cli_env(settings), cwd=PROJECT_ROOT,
                                 capture_output=True, text=True, timeout=300)
        assert resumed.returncode == 0, resumed.stderr
        time.sleep(0.2)
    finally:
        stop.set()
        watcher.join()
        watcher_client.close()
    assert live_index(es_client, settings) == state.target
    assert ids_in(es_client, settings.alias) == sorted(doc["id"] for doc, _raw in pairs)
    assert {count for _target, count in observed} == {100, 6000}
    assert {target for target, count in observed if count == 100} == {old}
    assert {target for target, count in observed if count == 6000} == {state.target}


def test_ctrl_c_stops_a_reindex_within_seconds_and_resume_completes_it(
    es_client: Elasticsearch, settings: Settings, store: EnrichmentStore
) -> None:
    pairs = corpus(6000)
    old = index_live(es_client, settings, [doc for doc, _raw in pairs[:100]])
    store.put_articles(pairs)
    cli = [str(Path(sys.executable).with_name("newsarchive")), "reindex", "--no-progress"]
    process = _reindex_loading_past(cli, settings, "doc-000500")
    process.send_signal(signal.SIGINT)
    asked_at = time.monotonic()
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert time.monotonic() - asked_at < 10
    assert "Traceback" not in err and "`newsarchive reindex --resume` continues" in err
    assert live_index(es_client, settings) == old
    state = load_state(settings)
    assert state is not None and state.load_after_id is not None and state.load_after_id < "doc-005999"

    resumed = subprocess.run([*cli, "--resume"], env=_cli_env(settings), cwd=PROJECT_ROOT,
                             capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert live_index(es_client, settings) == state.target
    assert ids_in(es_client, settings.alias) == sorted(doc["id"] for doc, _raw in pairs)


def test_a_store_with_fewer_documents_than_the_live_index_is_refused_unless_allowed(
    es_client: Elasticsearch, settings: Settings, store: EnrichmentStore
) -> None:
    pairs = corpus(50)
    old = index_live(es_client, settings, [doc for doc, _raw in pairs])
    store.put_articles(pairs[:30])
    with pytest.raises(LifecycleError, match=r"30 documents, the live index .* 50: a re-index would lose"):
        reindex(es_client, settings, store, QUIET)
    assert live_index(es_client, settings) == old and load_state(settings) is None
    result = reindex(es_client, settings, store, ReindexOptions(progress=False, allow_fewer=True))
    assert result.documents == 30
