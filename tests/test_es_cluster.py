"""A local two-node Elasticsearch cluster (``newsarchive es start --nodes 2``) and failover.

The cluster runs on its own ports (HTTP 9280/9281, transport 9380/9381) with 384 MB heaps and its own files
under ``var/test-es-cluster``; it is started fresh by a module fixture and stopped at the end. The shared test
node on 9250 is never touched. The failover test SIGKILLs one node while two threads search in a loop (through
``make_client``, and through ``make_async_client`` with the web app's timeout and retry) and ``index_paths`` loads
articles (with an NLP-free enricher, so the test is about the cluster), then checks that
no search failed, no acknowledged document is missing, and the health went yellow and back to green.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from elasticsearch import Elasticsearch
from typer.testing import CliRunner

from indexer.enrich.types import Enrichment
from indexer.indexing import fallback_enrichment, index_paths
from indexer.lifecycle import setup_indices
from indexer.lifecycle.replicas import wanted_replicas
from indexer.records import RawArticle
from newsarchive.cli import app as cli_app
from newsarchive.config import PROJECT_ROOT, Settings, load_settings
from newsarchive.es_client import MAX_RETRIES, make_async_client, make_client, resolve_es_urls
from newsarchive.esnode import node_layout, node_status, start_local_node, stop_local_node
from newsarchive.esnode.errors import LocalNodeError, NodeStartError
from newsarchive.esnode.node_config import elasticsearch_yml
from newsarchive.esnode.pidfile import node_processes, running_pid
from newsarchive.esnode.probe import port_in_use
from newsarchive.esnode.topology import (
    ClusterPlan,
    existing_layouts,
    record_node_count,
    resolve_node_count,
)
from web.app import WEB_ES_RETRIES

CLUSTER_PORT = 9280
CLUSTER_URLS = "http://127.0.0.1:9280,http://127.0.0.1:9281"
CLUSTER_DATA_DIR = PROJECT_ROOT / "var" / "test-es-cluster"
#: Articles loaded during the failover test; the kill comes after KILL_AT, the load waits at RESUME_AT until
#: the cluster has noticed the node is gone, so the rest is written to a degraded cluster.
ARTICLES, KILL_AT, RESUME_AT = 2400, 500, 900
#: Upper bound of the whole failover scenario (the search loop stops at the latest then).
SCENARIO_SECONDS = 240.0


def _settings(tmp: Path, **overrides: Any) -> Settings:
    return Settings(data_dir=tmp / "data", es_port=CLUSTER_PORT, **overrides)


# --- configuration, no Elasticsearch needed ---------------------------------------------------------------

def test_cluster_nodes_have_their_own_ports_dirs_and_loopback_discovery(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    plan = ClusterPlan(size=2, bootstrap=True)
    first, second = (yaml.safe_load(elasticsearch_yml(settings, node_layout(settings, k), plan=plan))
                     for k in (1, 2))
    assert (first["http.port"], first["transport.port"]) == (9280, 9380)
    assert (second["http.port"], second["transport.port"]) == (9281, 9381)
    assert first["node.name"] == "newsarchive-1" and second["node.name"] == "newsarchive-2"
    for config in (first, second):
        assert config["network.host"] == "127.0.0.1"
        assert config["discovery.seed_hosts"] == ["127.0.0.1:9380", "127.0.0.1:9381"]
        assert config["cluster.initial_master_nodes"] == ["newsarchive-1", "newsarchive-2"]
        assert "discovery.type" not in config
    assert first["cluster.name"] == second["cluster.name"]
    assert first["path.data"] != second["path.data"] and first["path.logs"] != second["path.logs"]
    assert node_layout(settings, 2).config_dir != node_layout(settings, 1).config_dir
    assert node_layout(settings, 2).home == node_layout(settings, 1).home
    later = yaml.safe_load(elasticsearch_yml(settings, node_layout(settings, 2), plan=ClusterPlan(2, False)))
    assert "cluster.initial_master_nodes" not in later  # only on the cluster's first start
    single = yaml.safe_load(elasticsearch_yml(settings, node_layout(settings)))
    assert single["discovery.type"] == "single-node" and single["transport.port"] == "9380-9479"


def test_node_count_comes_from_the_option_then_the_record_then_settings(tmp_path: Path) -> None:
    settings = _settings(tmp_path, es_nodes=3)
    assert resolve_node_count(settings) == 3
    assert resolve_node_count(settings, 2) == 2
    layout = node_layout(settings)
    layout.base.mkdir(parents=True)
    try:
        record_node_count(layout, 2)
        assert resolve_node_count(settings) == 2
        assert resolve_node_count(settings, 3) == 3  # growing is fine
        with pytest.raises(LocalNodeError, match="last run with 2 nodes"):
            resolve_node_count(settings, 1)
        with pytest.raises(LocalNodeError, match="1 to 9 nodes"):
            resolve_node_count(settings, 10)
    finally:
        shutil.rmtree(layout.base, ignore_errors=True)


def test_a_secured_cluster_is_refused_before_anything_starts(tmp_path: Path) -> None:
    settings = _settings(tmp_path, es_url=None)
    try:
        with pytest.raises(NodeStartError, match="single node only"):
            start_local_node(settings, nodes=2, secure=True, timeout=10)
        assert not node_layout(settings, 2).node_dir.exists() and not port_in_use(CLUSTER_PORT)
    finally:
        shutil.rmtree(node_layout(settings).base, ignore_errors=True)


def test_a_multi_host_url_gives_a_client_with_every_node_and_retries() -> None:
    settings = Settings(es_url="http://127.0.0.1:9280/, http://127.0.0.1:9281")
    assert resolve_es_urls(settings) == ["http://127.0.0.1:9280", "http://127.0.0.1:9281"]
    client = make_client(settings)
    assert sorted(str(node.base_url) for node in client.transport.node_pool.all()) == [
        "http://127.0.0.1:9280", "http://127.0.0.1:9281"]
    assert client._max_retries == MAX_RETRIES and client._retry_on_timeout is True
    client.close()


# --- a real two-node cluster --------------------------------------------------------------------------------

def _remove_cluster_files(settings: Settings) -> None:
    shutil.rmtree(node_layout(settings).base, ignore_errors=True)
    shutil.rmtree(settings.data_dir, ignore_errors=True)


@pytest.fixture(scope="module")
def cluster() -> Iterator[Settings]:
    """A fresh two-node cluster on 9280/9281 (384 MB heap each), stopped and removed afterwards."""
    settings = Settings(es_url=None, es_port=CLUSTER_PORT, es_heap="384m", data_dir=CLUSTER_DATA_DIR,
                        cache_dir=load_settings().cache_dir)
    stop_local_node(settings, grace=30)
    _remove_cluster_files(settings)
    try:
        start_local_node(settings, nodes=2, timeout=300)
        yield settings
    finally:
        stop_local_node(settings, grace=30)
        _remove_cluster_files(settings)


def _client_settings(tmp_path: Path) -> Settings:
    return Settings(es_url=CLUSTER_URLS, index_prefix=f"test-cluster-{uuid.uuid4().hex[:8]}-",
                    data_dir=tmp_path / "archive", bulk_chunk_size=100, index_retry_seconds=60,
                    es_request_timeout=30)


def _cli_env(cluster: Settings) -> dict[str, str]:
    return {"NEWSARCHIVE_ES_URL": "", "NEWSARCHIVE_ES_PORT": str(CLUSTER_PORT),
            "NEWSARCHIVE_DATA_DIR": str(cluster.data_dir)}


@pytest.mark.es
def test_two_nodes_join_one_cluster(cluster: Settings) -> None:
    status = node_status(cluster)
    assert status.running and status.health in ("yellow", "green")
    assert status.number_of_nodes == 2
    assert [(node.ordinal, node.running, node.url) for node in status.nodes] == [
        (1, True, "http://127.0.0.1:9280"), (2, True, "http://127.0.0.1:9281")]
    result = CliRunner().invoke(cli_app, ["es", "status", "--json"], env=_cli_env(cluster))
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert shown["number_of_nodes"] == 2 and len(shown["nodes"]) == 2
    # Without NEWSARCHIVE_ES_URL, the archive's clients use every node of the local cluster.
    assert resolve_es_urls(cluster) == CLUSTER_URLS.split(",")


@dataclass
class _AckedStore:
    """The enrichment store stand-in: receives exactly the documents Elasticsearch acknowledged."""

    ids: list[str] = field(default_factory=list)

    def put_articles(self, items: Iterable[tuple[dict[str, Any], RawArticle]]) -> int:
        pairs = list(items)
        self.ids.extend(str(document["id"]) for document, _raw in pairs)
        return len(pairs)


@dataclass
class _CheapEnricher:
    """NLP-free enrichment; asks for the kill after KILL_AT articles and, at RESUME_AT, waits until the
    cluster has seen the node leave (so the rest of the load goes to a degraded cluster)."""

    max_chars: int
    kill: threading.Event
    node_left: threading.Event

    def enrich_articles(self, articles: Iterable[RawArticle]) -> Iterator[tuple[RawArticle, Enrichment | str]]:
        for number, article in enumerate(articles, start=1):
            if number == KILL_AT:
                self.kill.set()
            if number == RESUME_AT:
                assert self.node_left.wait(60), "the cluster did not notice the killed node within 60 s"
            yield article, fallback_enrichment(article, self.max_chars)


@dataclass
class _SearchTally:
    """Counts of a search loop: successes (also those while the node was down) and every failure."""

    down: threading.Event
    ok: int = 0
    ok_while_down: int = 0
    failures: list[str] = field(default_factory=list)

    def record(self, response: Any) -> None:
        shards = response["_shards"]
        if shards.get("failed", 0):
            self.failures.append(f"partial results: {shards}")
            return
        self.ok += 1
        self.ok_while_down += self.down.is_set()

    def query(self) -> dict[str, Any]:
        return {"match": {"text": SEARCH_WORDS[self.ok % len(SEARCH_WORDS)]}}


SEARCH_WORDS = ["minister", "denied", "report", "article", "market"]


def _search_loop(client: Elasticsearch, alias: str, stop: threading.Event, tally: _SearchTally) -> None:
    """Search through the multi-host client until ``stop`` (or SCENARIO_SECONDS), counting into ``tally``."""
    deadline = time.monotonic() + SCENARIO_SECONDS
    while not stop.is_set() and time.monotonic() < deadline:
        try:
            tally.record(client.search(index=alias, query=tally.query(), size=5))
        except Exception as exc:  # every failure is counted: the test asserts there are none
            tally.failures.append(f"{type(exc).__name__}: {exc}")
            continue
        time.sleep(0.02)


def _web_search_loop(settings: Settings, stop: threading.Event, tally: _SearchTally) -> None:
    """The same through the web app's client: the asyncio twin with the web app's timeout and one retry."""

    async def loop() -> None:
        client = make_async_client(settings).options(request_timeout=settings.web_es_timeout,
                                                     max_retries=WEB_ES_RETRIES)
        deadline = time.monotonic() + SCENARIO_SECONDS
        try:
            while not stop.is_set() and time.monotonic() < deadline:
                try:
                    tally.record(await client.search(index=settings.alias, query=tally.query(), size=5))
                except Exception as exc:  # counted, as above
                    tally.failures.append(f"{type(exc).__name__}: {exc}")
                    continue
                await asyncio.sleep(0.02)
        finally:
            await client.close()

    asyncio.run(loop())


def _write_articles(path: Path) -> list[str]:
    ids = [f"cluster-{number:05d}" for number in range(ARTICLES)]
    with path.open("w", encoding="utf-8") as handle:
        for number, doc_id in enumerate(ids):
            handle.write(json.dumps({
                "id": doc_id, "title": f"Report {number} on the market",
                "text": f"The minister denied the report number {number}. The market rose by {number % 97} points "
                        "after the article appeared.",
                "published": "2024-03-01", "url": f"https://example.org/{doc_id}", "source": "example.org",
            }) + "\n")
    return ids


def _victim(client: Elasticsearch) -> int:
    """The ordinal of a node outside the master-voting configuration (two master-eligible nodes vote with
    one of them; losing that one would leave the cluster without a master until it returns)."""
    voting = set(client.cluster.state(metric="metadata", filter_path="metadata.cluster_coordination")
                 ["metadata"]["cluster_coordination"]["last_committed_config"])
    names = {node_id: info["name"] for node_id, info in client.nodes.info(filter_path="nodes.*.name")["nodes"].items()}
    outside = sorted(int(name.rsplit("-", 1)[1]) for node_id, name in names.items() if node_id not in voting)
    assert outside, f"every node votes: {names}, {voting}"
    return outside[0]


def _ids_present(client: Elasticsearch, index: str, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        response = client.mget(index=index, ids=ids[start:start + 500], source=False)
        found.update(doc["_id"] for doc in response["docs"] if doc.get("found"))
    return found


@pytest.mark.es
def test_a_node_killed_during_load_and_searches_loses_nothing(cluster: Settings, tmp_path: Path) -> None:
    settings = _client_settings(tmp_path)
    client = make_client(settings)
    try:
        live = setup_indices(client, settings)
        assert wanted_replicas(client, settings) == 1
        index_settings = client.indices.get_settings(index=live)[live]["settings"]["index"]
        assert index_settings["number_of_replicas"] == "1"
        assert client.cluster.health(wait_for_status="green", timeout="60s")["status"] == "green"
        victim = _victim(client)
        victim_layout = node_layout(cluster, victim)
        victim_pid = running_pid(victim_layout)
        assert victim_pid is not None

        source = tmp_path / "articles.jsonl"
        ids = _write_articles(source)
        kill, node_left, stop = threading.Event(), threading.Event(), threading.Event()
        down = threading.Event()
        searches, web_searches = _SearchTally(down), _SearchTally(down)
        search_client = make_client(settings)
        health_while_down: list[str] = []

        def killer() -> None:
            if not kill.wait(SCENARIO_SECONDS):
                return
            os.killpg(victim_pid, signal.SIGKILL)  # the launcher and the server JVM: no goodbye to the cluster
            down.set()
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    health = client.cluster.health()
                except Exception:  # the searches are what the test judges; the watcher keeps watching
                    time.sleep(0.2)
                    continue
                if health["number_of_nodes"] == 1:
                    health_while_down.append(str(health["status"]))
                    break
                time.sleep(0.2)
            node_left.set()

        threads = [threading.Thread(target=_search_loop, args=(search_client, settings.alias, stop, searches)),
                   threading.Thread(target=_web_search_loop, args=(settings, stop, web_searches)),
                   threading.Thread(target=killer)]
        for thread in threads:
            thread.start()
        time.sleep(1.0)  # a few searches on the healthy cluster first
        started = time.monotonic()
        try:
            summary = index_paths(settings, client, [source], progress=False, store=(store := _AckedStore()),
                                  enricher=_CheapEnricher(settings.enrich_max_chars, kill, node_left))
            load_seconds = time.monotonic() - started
            assert health_while_down == ["yellow"]
            assert client.cluster.health()["status"] == "yellow"  # still down: replicas unassigned
            time.sleep(1.0)  # searches on the degraded cluster after the load, too
        finally:
            kill.set()
            stop.set()
            for thread in threads:
                thread.join(SCENARIO_SECONDS)
            search_client.close()

        assert summary.stopped is None, summary.stopped
        assert summary.created + summary.updated == ARTICLES and summary.rejected == 0
        assert sorted(store.ids) == ids  # every article acknowledged once
        for tally in (searches, web_searches):
            assert tally.failures == []
            assert tally.ok >= 20 and tally.ok_while_down >= 5, (tally.ok, tally.ok_while_down)
        assert not node_processes(victim_layout)
        degraded = node_status(cluster)
        assert [node.running for node in degraded.nodes] == [node.ordinal != victim for node in degraded.nodes]
        assert degraded.number_of_nodes == 1 and degraded.health == "yellow"
        result = CliRunner().invoke(cli_app, ["es", "status"], env=_cli_env(cluster))
        assert result.exit_code == 1 and "1 joined of 2" in result.output, result.output

        start_local_node(cluster, timeout=240)  # brings back the killed node only
        health = client.cluster.health(wait_for_status="green", wait_for_nodes="2", timeout="180s")
        assert (health["status"], health["number_of_nodes"]) == ("green", 2)
        client.indices.refresh(index=settings.alias)
        assert _ids_present(client, settings.alias, store.ids) == set(ids)
        assert client.count(index=settings.alias)["count"] == ARTICLES
        print(f"\nfailover: {ARTICLES} articles loaded in {load_seconds:.1f} s with node {victim} killed after "
              f"{KILL_AT}; {searches.ok} + {web_searches.ok} (web client) searches ({searches.ok_while_down} + "
              f"{web_searches.ok_while_down} while it was down), 0 failed")
    finally:
        names = list(client.indices.get(index=f"{settings.index_prefix}*", allow_no_indices=True).body)
        if names:
            client.options(ignore_status=404).indices.delete(index=names)
        client.close()


@pytest.mark.es
def test_stop_leaves_no_node_process_behind(cluster: Settings) -> None:
    layouts = existing_layouts(cluster)
    assert [layout.ordinal for layout in layouts] == [1, 2]
    assert all(node_processes(layout) for layout in layouts)
    assert stop_local_node(cluster, grace=60) is True
    for layout in layouts:
        assert node_processes(layout) == []
        assert not layout.pid_file.exists()
    for port in (9280, 9281, 9380, 9381):
        assert not port_in_use(port), port
    assert node_status(cluster).running is False
    assert stop_local_node(cluster) is False
