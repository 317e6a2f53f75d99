"""``newsarchive serve`` as a user runs it: it sets up the index on start and answers on its port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from elasticsearch import Elasticsearch

from newsarchive.config import PROJECT_ROOT, Settings

pytestmark = pytest.mark.es


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_runs_setup_and_serves_an_empty_archive(isolated_settings: Settings, es_client: Elasticsearch) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "NEWSARCHIVE_ES_URL": str(isolated_settings.es_url),
        "NEWSARCHIVE_INDEX_PREFIX": isolated_settings.index_prefix,
        "NEWSARCHIVE_DATA_DIR": str(isolated_settings.data_dir),
        "NEWSARCHIVE_PORT": str(port),
    }
    assert not es_client.indices.exists_alias(name=isolated_settings.alias)
    command = Path(sys.executable).with_name("newsarchive")  # the console script a user runs
    server = subprocess.Popen([str(command), "serve"], env=env, cwd=PROJECT_ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        response = None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/search?q=anything", timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.3)
        assert response is not None, server.stdout.read() if server.stdout and server.poll() is not None else ""
        assert response.status_code == 200
        assert response.json()["total"] == 0
        assert es_client.indices.exists_alias(name=isolated_settings.alias)
        assert es_client.indices.exists_alias(name=isolated_settings.write_alias)
    finally:
        server.terminate()
        server.wait(timeout=30)
