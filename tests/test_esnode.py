"""The archive's own local Elasticsearch node: configuration, layout, and a real throwaway node.

This is the one test module allowed to start its own node (on a free port, with a temporary data_dir); it
runs beside the shared dev node, which also shows that two nodes can run at once.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import pwd
import shutil
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from pydantic import SecretStr
from typer.testing import CliRunner

from newsarchive.cli import app as cli_app
from newsarchive.config import ES_VERSION, Settings
from newsarchive.es_client import (
    AnalysisPluginMissing,
    check_analysis_plugin,
    make_async_client,
    make_client,
    resolve_es_url,
)
from newsarchive.esnode import (
    NodeStartError,
    PluginError,
    ensure_plugin,
    node_layout,
    node_status,
    plugin_zip_path,
    start_local_node,
    stop_local_node,
)
from newsarchive.esnode.java import find_java_home, java_major_version
from newsarchive.esnode.layout import ROOT_NODES_DIR, running_as_root
from newsarchive.esnode.node_config import elasticsearch_yml, heap_options, transport_port_range
from newsarchive.esnode.pidfile import running_pid, write_pid
from newsarchive.esnode.plugin import MARKER_FILE_NAME, PLUGIN_SOURCE_DIR, installed_plugin, plugin_zip_is_stale
from newsarchive.esnode.probe import port_in_use
from newsarchive.mapping import PLUGIN_FILTERS


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _remove_node_files(settings: Settings) -> None:
    shutil.rmtree(node_layout(settings).base, ignore_errors=True)
    shutil.rmtree(settings.data_dir, ignore_errors=True)


@pytest.mark.parametrize(
    ("http_port", "expected"),
    [(9200, "9300-9399"), (9250, "9350-9449"), (40123, "40223-40322"), (65500, "65301-65400")],
)
def test_transport_port_range_follows_http_port(http_port: int, expected: str) -> None:
    assert transport_port_range(http_port) == expected


def test_elasticsearch_yml_binds_loopback_single_node_without_security(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", es_port=9311)
    layout = node_layout(settings)
    config = yaml.safe_load(elasticsearch_yml(settings, layout))
    assert config["network.host"] == "127.0.0.1"
    assert config["http.port"] == 9311
    assert config["transport.port"] == "9411-9510"
    assert config["discovery.type"] == "single-node"
    assert config["xpack.security.enabled"] is False
    assert config["path.data"] == str(layout.data)
    assert config["path.logs"] == str(layout.logs)
    assert config["cluster.name"] == layout.cluster_name
    assert config["cluster.routing.allocation.disk.watermark.flood_stage"] == "256mb"


@pytest.mark.parametrize(("heap", "ok"), [("512m", True), ("1g", True), ("768M", True), ("lots", False),
                                           ("0m", False), ("512", False), ("", False)])
def test_heap_option_is_checked(heap: str, ok: bool) -> None:
    settings = Settings(es_heap=heap)
    if ok:
        assert heap_options(settings) == f"-Xms{heap}\n-Xmx{heap}\n"
    else:
        with pytest.raises(RuntimeError, match="NEWSARCHIVE_ES_HEAP"):
            heap_options(settings)


def test_layout_is_reachable_by_the_node_user(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "a")
    other = Settings(data_dir=tmp_path / "b")
    layout = node_layout(settings)
    assert layout.base != node_layout(other).base
    assert layout.cluster_name != node_layout(other).cluster_name
    if running_as_root():
        assert layout.base.parent == ROOT_NODES_DIR
    else:
        assert layout.base == settings.es_home_dir.resolve()


def test_java_17_is_found_by_default() -> None:
    java_home = find_java_home(Settings())
    assert (java_home / "bin" / "java").is_file()
    assert java_major_version(java_home) == 17


def test_plugin_zip_path_comes_from_the_pom() -> None:
    path = plugin_zip_path()
    assert path.parent.name == "target"
    assert path.name.startswith("newsarchive-analysis-") and path.suffix == ".zip"


def test_stale_pid_file_of_another_process_is_ignored(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    layout = node_layout(settings)
    layout.base.mkdir(parents=True)
    try:
        write_pid(layout, os.getpid())  # alive, but it is pytest, not this node's Elasticsearch
        assert running_pid(layout) is None
        assert not layout.pid_file.exists()
        assert node_status(settings).running is False
        assert stop_local_node(settings) is False
    finally:
        _remove_node_files(settings)


def test_start_refuses_a_port_used_by_something_else(tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        settings = Settings(data_dir=tmp_path / "data", es_port=listener.getsockname()[1])
        try:
            with pytest.raises(NodeStartError, match="already in use by another process"):
                start_local_node(settings, timeout=10)
        finally:
            _remove_node_files(settings)


def test_plugin_missing_message_says_how_to_install() -> None:
    error = AnalysisPluginMissing("http://es.example:9200", [PLUGIN_FILTERS["stem"]])
    message = str(error)
    assert "http://es.example:9200" in message
    assert "newsarchive_english_stem" in message
    assert "mvn -B -q package" in message
    assert "CLI_JAVA_OPTS=-Xmx1g bin/elasticsearch-plugin install --batch file://" in message
    assert str(plugin_zip_path()) in message


def test_es_url_wins_over_the_local_node() -> None:
    assert resolve_es_url(Settings(es_url="http://es.example:9201/")) == "http://es.example:9201"
    assert resolve_es_url(Settings(es_url=None, es_port=9333)) == "http://127.0.0.1:9333"


@pytest.fixture(scope="module")
def node_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """Settings of a throwaway local node (free port, temporary data_dir); its files are removed after."""
    settings = Settings(
        es_url=None, data_dir=tmp_path_factory.mktemp("esnode") / "data", es_port=_free_port(), es_heap="512m",
    )
    try:
        yield settings
    finally:
        stop_local_node(settings, grace=30)
        _remove_node_files(settings)


@pytest.mark.es
def test_start_runs_a_healthy_node(node_settings: Settings) -> None:
    url = start_local_node(node_settings, timeout=240)
    assert url == f"http://127.0.0.1:{node_settings.es_port}"
    status = node_status(node_settings)
    assert status.running and status.pid is not None
    assert status.health in ("yellow", "green")
    assert status.version == ES_VERSION
    layout = node_layout(node_settings)
    assert layout.pid_file.read_text().strip() == str(status.pid)
    if running_as_root():
        assert pwd.getpwuid(Path(f"/proc/{status.pid}").stat().st_uid).pw_name == node_settings.es_user


@pytest.mark.es
@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        # Each word as itself plus, when different, its stem; capitalised words (names) are not stemmed.
        ("The minister denied it", ["the", "minister", "denied", "deny", "it"]),
        ("Ülm's mayor", ["ulm", "mayor"]),
        ("Zürich denies", ["zurich", "denies", "deny"]),
        ("Denys Shmyhal said", ["denys", "shmyhal", "said"]),
    ],
)
def test_plugin_filters_stem_and_fold(node_settings: Settings, text: str, tokens: list[str]) -> None:
    start_local_node(node_settings, timeout=240)  # idempotent: the test does not depend on test order
    client = make_client(node_settings)
    check_analysis_plugin(client)
    result = client.indices.analyze(
        tokenizer="standard",
        filter=[
            {"type": PLUGIN_FILTERS["possessive"]},
            {"type": PLUGIN_FILTERS["proper_noun"]},
            "lowercase",
            {"type": PLUGIN_FILTERS["fold"]},
            {"type": PLUGIN_FILTERS["stem"]},
        ],
        text=text,
    )
    assert [token["token"] for token in result["tokens"]] == tokens


@pytest.mark.es
def test_start_again_is_idempotent(node_settings: Settings) -> None:
    pid_before = node_status(node_settings).pid
    started = time.monotonic()
    assert start_local_node(node_settings, timeout=60) == f"http://127.0.0.1:{node_settings.es_port}"
    assert time.monotonic() - started < 10
    assert node_status(node_settings).pid == pid_before


@pytest.fixture(scope="module")
def plugin_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of es-plugin/ without its build output: a plugin that differs from the installed one."""
    copy = tmp_path_factory.mktemp("plugin") / "es-plugin"
    shutil.copytree(PLUGIN_SOURCE_DIR, copy, ignore=shutil.ignore_patterns("target"))
    return copy


def _cli_env(settings: Settings) -> dict[str, str]:
    return {
        "NEWSARCHIVE_ES_URL": "",
        "NEWSARCHIVE_ES_PORT": str(settings.es_port),
        "NEWSARCHIVE_DATA_DIR": str(settings.data_dir),
    }


@pytest.mark.es
def test_cli_status_reports_the_running_node(node_settings: Settings) -> None:
    result = CliRunner().invoke(cli_app, ["es", "status", "--json"], env=_cli_env(node_settings))
    assert result.exit_code == 0, result.output
    status = json.loads(result.output)
    assert status["running"] is True and status["health"] in ("yellow", "green")
    assert status["url"] == f"http://127.0.0.1:{node_settings.es_port}"
    assert status["version"] == ES_VERSION


@pytest.mark.es
def test_a_changed_plugin_is_not_swapped_under_a_running_node(node_settings: Settings, plugin_copy: Path) -> None:
    home = node_layout(node_settings).home
    before = installed_plugin(home)
    with pytest.raises(PluginError, match="newsarchive es restart"):
        ensure_plugin(node_settings, home, source_dir=plugin_copy)
    assert plugin_zip_path(plugin_copy).is_file()  # built, but not installed
    assert installed_plugin(home) == before


@pytest.mark.es
def test_stop_stops_it(node_settings: Settings) -> None:
    pid = node_status(node_settings).pid
    assert pid is not None
    assert stop_local_node(node_settings, grace=60) is True
    status = node_status(node_settings)
    assert not status.running and status.health is None
    assert not Path(f"/proc/{pid}").exists() or "\nState:\tZ" in Path(f"/proc/{pid}/status").read_text()
    assert not port_in_use(node_settings.es_port)
    assert stop_local_node(node_settings) is False


@pytest.mark.es
def test_cli_status_fails_when_the_node_is_stopped(node_settings: Settings) -> None:
    result = CliRunner().invoke(cli_app, ["es", "status"], env=_cli_env(node_settings))
    assert result.exit_code == 1
    assert "local node: not running" in result.output


@pytest.mark.es
def test_a_changed_plugin_is_reinstalled_into_a_stopped_node(node_settings: Settings, plugin_copy: Path) -> None:
    home = node_layout(node_settings).home
    before = installed_plugin(home)
    assert before is not None
    ensure_plugin(node_settings, home, source_dir=plugin_copy)
    after = installed_plugin(home)
    assert after is not None and after["zip"] == str(plugin_zip_path(plugin_copy))
    assert after["sha256"] != before["sha256"]
    assert (home / "plugins" / after["name"] / "named_components.json").is_file()

    marker = home / MARKER_FILE_NAME
    unchanged = marker.stat().st_mtime_ns
    ensure_plugin(node_settings, home, source_dir=plugin_copy)  # nothing changed: no build, no reinstall
    assert marker.stat().st_mtime_ns == unchanged

    # A source edited after the last build. The zip is dated back rather than the source forward, so the
    # rebuilt zip is newer than the edit however fast the build runs.
    source = next((plugin_copy / "src" / "main" / "java").rglob("*.java"))
    built = plugin_zip_path(plugin_copy)
    edited = time.time()
    os.utime(source, (edited, edited))
    os.utime(built, (edited - 60, edited - 60))
    assert plugin_zip_is_stale(plugin_copy)
    ensure_plugin(node_settings, home, source_dir=plugin_copy)
    rebuilt = plugin_zip_path(plugin_copy)
    assert rebuilt.stat().st_mtime > edited - 60
    assert not plugin_zip_is_stale(plugin_copy)
    reinstalled = installed_plugin(home)
    assert reinstalled is not None
    assert reinstalled["sha256"] == hashlib.sha256(rebuilt.read_bytes()).hexdigest()


def test_the_sync_and_async_clients_share_url_auth_and_timeout() -> None:
    settings = Settings(
        es_url="http://es.example:9200/", es_username="reader", es_password=SecretStr("secret"), es_request_timeout=7
    )
    clients = (make_client(settings), make_async_client(settings))
    for client in clients:
        assert [str(node.base_url) for node in client.transport.node_pool.all()] == ["http://es.example:9200"]
        assert client._headers["authorization"].startswith("Basic ")
        assert client._request_timeout == 7
    assert clients[0]._headers["authorization"] == clients[1]._headers["authorization"]
    asyncio.run(clients[1].close())
