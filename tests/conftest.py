"""Session fixtures: one real Elasticsearch node for the whole test session, throwaway index names, and the
spaCy pipeline the statements tests share (``nlp``: made the way the enrichment pipeline makes its Docs).

- When ``NEWSARCHIVE_ES_URL`` is set, tests use that cluster (it must have the analysis plugin).
- Else, if a node already answers on the test port (9250), it is used and left running.
- Else the archive's own local node is started with a data directory under ``var/test-es`` and stopped at
  the end of the session.

Every test session uses its own index prefix (``test-<random>-``) and deletes its indices at the end.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch
from spacy.language import Language

from newsarchive.config import PROJECT_ROOT, Settings, load_settings

TEST_ES_PORT = 9250
ENV_SETTINGS = load_settings()
TEST_VAR = PROJECT_ROOT / "var"


def _healthy(url: str) -> bool:
    client = Elasticsearch(url, request_timeout=5)
    try:
        status = client.cluster.health(timeout="5s")["status"]
    except Exception:
        return False
    finally:
        client.close()
    return status in ("yellow", "green")


@pytest.fixture(scope="session")
def es_url() -> Iterator[str]:
    """URL of the real Elasticsearch node the tests run against (started here when needed)."""
    if ENV_SETTINGS.es_url:
        yield ENV_SETTINGS.es_url
        return
    url = f"http://127.0.0.1:{TEST_ES_PORT}"
    if _healthy(url):
        yield url
        return
    from newsarchive.esnode import start_local_node, stop_local_node

    node_settings = Settings(
        es_url=None,
        es_port=TEST_ES_PORT,
        data_dir=TEST_VAR / "test-es",
        cache_dir=ENV_SETTINGS.cache_dir,
        es_heap="768m",
    )
    started_url = start_local_node(node_settings)
    try:
        yield started_url
    finally:
        stop_local_node(node_settings)


def _delete_indices(client: Elasticsearch, prefix: str) -> None:
    """Delete every index named ``<prefix>*`` by name (the node refuses wildcard deletes)."""
    names = list(client.indices.get(index=f"{prefix}*", expand_wildcards="all", allow_no_indices=True).body)
    for start in range(0, len(names), 20):  # keeps the request line short
        client.options(ignore_status=404).indices.delete(index=names[start : start + 20])


@pytest.fixture(scope="session")
def es_settings(es_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """Settings pointing at the test node with a throwaway index prefix; its indices are deleted afterwards."""
    prefix = f"test-{uuid.uuid4().hex[:8]}-"
    data_dir = tmp_path_factory.mktemp("archive-data")
    settings = Settings(
        es_url=es_url,
        index_prefix=prefix,
        data_dir=data_dir,
        cache_dir=TEST_VAR / "test-cache",
        enrich_processes=1,
    )
    yield settings
    client = Elasticsearch(es_url, request_timeout=60)
    try:
        _delete_indices(client, prefix)
    finally:
        client.close()


@pytest.fixture(scope="session")
def es_client(es_settings: Settings) -> Iterator[Elasticsearch]:
    """A client for the test node."""
    assert es_settings.es_url is not None
    client = Elasticsearch(es_settings.es_url, request_timeout=120)
    yield client
    client.close()


@pytest.fixture()
def isolated_settings(es_settings: Settings, tmp_path: Path) -> Iterator[Settings]:
    """Settings with a prefix of its own for one test (a clean alias and store); cleaned up afterwards."""
    prefix = f"{es_settings.index_prefix}{uuid.uuid4().hex[:6]}-"
    settings = es_settings.model_copy(update={"index_prefix": prefix, "data_dir": tmp_path / "data"})
    yield settings
    assert settings.es_url is not None
    client = Elasticsearch(settings.es_url, request_timeout=60)
    try:
        _delete_indices(client, prefix)
    finally:
        client.close()


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The statements pipeline (sentencizer + tok2vec + ner running; tagger, parser, lemmatizer loaded but
    disabled), loaded once for the session."""
    from indexer.enrich.nlp import PARSE_COMPONENTS, STATEMENT_COMPONENTS, load_model

    return load_model(STATEMENT_COMPONENTS, PARSE_COMPONENTS)
