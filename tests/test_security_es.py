"""A secured local node (``newsarchive es start --secure``): TLS with the local CA, file-realm users, and
least-privilege roles. The module starts its own node on port 9270 (data dir ``var/test-es-secure``, heap
512m) and stops it at the end; the shared node on 9250 is never touched.
"""

from __future__ import annotations

import json
import os
import ssl
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from elastic_transport import TlsError
from elasticsearch import AuthenticationException, AuthorizationException, Elasticsearch
from fastapi.testclient import TestClient
from pydantic import SecretStr
from typer.testing import CliRunner

from indexer.bulk import bulk_write
from indexer.documents import build_document
from indexer.enrich.types import Enrichment
from indexer.lifecycle import previous_index, setup_indices
from indexer.lifecycle.indices import alias_targets
from indexer.lifecycle.reindex import ReindexOptions, reindex
from indexer.lifecycle.retention import rollback
from indexer.readers import iter_records
from indexer.records import RawArticle
from indexer.store import EnrichmentStore
from newsarchive.cli import app as cli_app
from newsarchive.config import PROJECT_ROOT, Settings, load_settings
from newsarchive.es_client import ClusterAccessDenied, ensure_elasticsearch, make_client, resolve_ca_certs
from newsarchive.esnode import node_layout, start_local_node, stop_local_node
from newsarchive.esnode.credentials import (
    Credentials,
    CredentialsError,
    read_credentials_file,
    settings_credentials,
    write_credentials_file,
)
from newsarchive.esnode.node_config import elasticsearch_yml
from newsarchive.esnode.security import (
    ADMIN_USER,
    INDEXER_USER,
    READER_ROLE,
    USER_ROLES,
    WEB_USER,
    WRITER_ROLE,
    roles_yml,
    security_files,
)
from web.app import create_app

pytestmark = pytest.mark.es

SECURE_PORT = 9270
SECURE_DATA_DIR = PROJECT_ROOT / "var" / "test-es-secure"
SEEDS = PROJECT_ROOT / "seeds" / "wikinews.jsonl"
SEED_COUNT = 12
ENV_SETTINGS = load_settings()


@pytest.fixture(scope="module")
def node() -> Iterator[Settings]:
    """Settings of this module's own secured node (started here, stopped at the end), with a fresh prefix."""
    settings = Settings(
        es_url=None,
        es_port=SECURE_PORT,
        es_heap="512m",
        data_dir=SECURE_DATA_DIR,
        cache_dir=ENV_SETTINGS.cache_dir,
        index_prefix=f"sec-{uuid.uuid4().hex[:8]}-",
        enrich_processes=1,
    )
    stop_local_node(settings)  # a leftover of an interrupted run of this module: its roles name another prefix
    start_local_node(settings, secure=True, timeout=170)
    try:
        yield settings
    finally:
        try:
            admin = _client(settings, ADMIN_USER)
            names = list(admin.indices.get(index=f"{settings.index_prefix}*", expand_wildcards="all").body)
            if names:
                admin.indices.delete(index=names)
            admin.close()
        finally:
            stop_local_node(settings)


def _as_user(settings: Settings, username: str, **update: Any) -> Settings:
    """``settings`` connecting as ``username`` through its generated credentials file."""
    credentials_file = security_files(settings).credentials_file(username)
    return settings.model_copy(update={"es_credentials_file": credentials_file, **update})


def _client(settings: Settings, username: str) -> Elasticsearch:
    return make_client(_as_user(settings, username))


def _password(settings: Settings, username: str) -> str:
    credentials = read_credentials_file(security_files(settings).credentials_file(username))
    return credentials.password.get_secret_value()


def _seed_pairs(count: int) -> list[tuple[dict[str, Any], RawArticle]]:
    """(document, raw input) pairs for the first ``count`` Wikinews seeds, without NLP (not what is tested)."""
    articles = [record for record in iter_records([SEEDS]) if isinstance(record, RawArticle)][:count]
    pairs = []
    for article in articles:
        enrichment = Enrichment(
            title=article.title, text=article.body, published=None, published_source="none",
            enrichment_version=1, dates=[], persons=[], countries=[], places=[], organizations=[],
            statements=[], stances=[],
        )
        pairs.append((build_document(article, enrichment), article))
    return pairs


@pytest.fixture(scope="module")
def archive(node: Settings) -> Settings:
    """The node with the archive set up and the seeds indexed by the indexer user, plus an index outside the
    archive (``<prefix>private``, made by the admin user) for the reader to be refused."""
    indexer = _client(node, INDEXER_USER)
    setup_indices(indexer, node)
    actions = ({"_index": node.write_alias, "_id": doc["id"], "_source": doc} for doc, _raw in _seed_pairs(5))
    assert bulk_write(indexer, actions, chunk_size=100).failed == 0
    indexer.indices.refresh(index=node.write_alias)
    indexer.close()
    admin = _client(node, ADMIN_USER)
    admin.index(index=f"{node.index_prefix}private", id="1", document={"secret": "not for the web app"},
                refresh=True)
    admin.close()
    return node


# --- settings and files: nothing secret in a repr, owner-only credentials files ---------------------------


def test_settings_repr_and_credentials_repr_hide_the_password() -> None:
    settings = Settings(es_username="reader", es_password=SecretStr("hunter2-very-secret"))
    assert isinstance(settings.es_password, SecretStr)
    for text in (repr(settings), str(settings), settings.model_dump_json()):
        assert "hunter2-very-secret" not in text
    credentials = settings_credentials(settings)
    assert credentials is not None and credentials.basic_auth() == ("reader", "hunter2-very-secret")
    assert "hunter2-very-secret" not in repr(credentials)


def test_a_credentials_file_others_can_read_is_refused_without_showing_the_password(tmp_path: Path) -> None:
    path = tmp_path / "web.json"
    write_credentials_file(path, Credentials(username="newsarchive_web", password=SecretStr("pw-0123456789")))
    assert path.stat().st_mode & 0o777 == 0o600
    assert read_credentials_file(path).basic_auth() == ("newsarchive_web", "pw-0123456789")
    path.chmod(0o644)
    with pytest.raises(CredentialsError, match="chmod 600") as refused:
        read_credentials_file(path)
    assert "pw-0123456789" not in str(refused.value)
    path.chmod(0o600)
    both = Settings(es_credentials_file=path, es_username="x", es_password=SecretStr("y"))
    with pytest.raises(CredentialsError, match="not both"):
        settings_credentials(both)


def test_secured_configuration_turns_security_and_https_on_and_roles_name_the_prefix(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", es_port=9311, index_prefix="p1-")
    layout = node_layout(settings)
    config = yaml.safe_load(elasticsearch_yml(settings, layout, secure=True))
    assert config["xpack.security.enabled"] is True
    assert config["xpack.security.http.ssl.enabled"] is True
    assert config["xpack.security.authc.reserved_realm.enabled"] is False
    roles = yaml.safe_load(roles_yml(settings))
    assert roles[READER_ROLE]["indices"] == [{"names": ["p1-articles*"], "privileges": ["read", "view_index_metadata"]}]
    assert "manage" not in roles[READER_ROLE]["cluster"] and "monitor" not in roles[READER_ROLE]["cluster"]
    assert {"write", "manage", "create_index"} <= set(roles[WRITER_ROLE]["indices"][0]["privileges"])
    assert USER_ROLES[WEB_USER] == READER_ROLE and USER_ROLES[INDEXER_USER] == WRITER_ROLE


# --- the secured node ----------------------------------------------------------------------------------------


def test_start_secure_writes_owner_only_credentials_and_prints_paths_not_passwords(node: Settings) -> None:
    files = security_files(node)
    assert files.base.stat().st_mode & 0o777 == 0o700
    for username in USER_ROLES:
        info = files.credentials_file(username).stat()
        assert (info.st_mode & 0o777, info.st_uid) == (0o600, os.geteuid())
    env = {"NEWSARCHIVE_ES_PORT": str(SECURE_PORT), "NEWSARCHIVE_DATA_DIR": str(node.data_dir),
           "NEWSARCHIVE_INDEX_PREFIX": node.index_prefix, "NEWSARCHIVE_CACHE_DIR": str(node.cache_dir),
           "NEWSARCHIVE_ES_URL": ""}
    result = CliRunner().invoke(cli_app, ["es", "start", "--secure"], env=env)
    assert result.exit_code == 0, result.output
    assert f"https://127.0.0.1:{SECURE_PORT}" in result.output
    assert str(files.credentials_file(WEB_USER)) in result.output
    assert str(files.ca_cert) in result.output
    for username in USER_ROLES:
        assert _password(node, username) not in result.output
    help_text = CliRunner().invoke(cli_app, ["es", "start", "--help"], env=env).output
    assert "--secure" in help_text and _password(node, WEB_USER) not in help_text


def test_anonymous_requests_are_refused(node: Settings) -> None:
    context = ssl.create_default_context(cafile=str(security_files(node).ca_cert))
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"https://127.0.0.1:{SECURE_PORT}/_cluster/health", context=context, timeout=10)
    assert refused.value.code == 401
    anonymous = Elasticsearch(f"https://127.0.0.1:{SECURE_PORT}", ca_certs=str(security_files(node).ca_cert))
    with pytest.raises(AuthenticationException):
        anonymous.search(index="*")
    anonymous.close()


def test_the_certificate_is_verified_against_the_local_ca(node: Settings) -> None:
    web = _as_user(node, WEB_USER)
    assert resolve_ca_certs(web) == str(security_files(node).ca_cert)
    credentials = settings_credentials(web)
    assert credentials is not None
    untrusting = Elasticsearch(f"https://127.0.0.1:{SECURE_PORT}", basic_auth=credentials.basic_auth(),
                               max_retries=0, request_timeout=10)  # system trust store: the local CA is unknown
    with pytest.raises(TlsError):
        untrusting.cluster.health()
    untrusting.close()


def test_a_wrong_password_is_refused_at_once_and_not_echoed(node: Settings, tmp_path: Path) -> None:
    path = tmp_path / "wrong.json"
    write_credentials_file(path, Credentials(username=WEB_USER, password=SecretStr("wrong-password-42")))
    settings = node.model_copy(update={"es_credentials_file": path})
    with pytest.raises(ClusterAccessDenied) as refused:
        ensure_elasticsearch(settings, timeout=60)
    assert "401" in str(refused.value) and "wrong-password-42" not in str(refused.value)


def test_the_web_user_can_read_the_archive(archive: Settings) -> None:
    web = _client(archive, WEB_USER)
    assert web.count(index=archive.alias)["count"] == 5
    assert web.indices.exists_alias(name=archive.alias)
    assert web.cluster.health()["status"] in ("yellow", "green")
    hits = web.search(index=archive.alias, query={"match_all": {}}, size=1)["hits"]["hits"]
    assert hits and hits[0]["_index"].startswith(f"{archive.index_prefix}articles-v")
    web.close()


def _first_id(settings: Settings) -> str:
    return str(_seed_pairs(1)[0][0]["id"])


REFUSED_TO_THE_WEB_USER: dict[str, Callable[[Elasticsearch, Settings], object]] = {
    "index a document": lambda es, s: es.index(index=s.write_alias, id="new", document={"title": "x"}),
    "update a document": lambda es, s: es.update(index=s.write_alias, id=_first_id(s), doc={"title": "x"}),
    "delete a document": lambda es, s: es.delete(index=s.write_alias, id=_first_id(s)),
    "delete the index": lambda es, s: es.indices.delete(index=alias_targets(es, s.alias)),
    "change the mapping": lambda es, s: es.indices.put_mapping(index=s.alias, properties={"x": {"type": "text"}}),
    "create an index": lambda es, s: es.indices.create(index=f"{s.index_prefix}articles-v0-new"),
    "move an alias": lambda es, s: es.indices.update_aliases(
        actions=[{"add": {"index": f"{s.index_prefix}private", "alias": s.alias}}]),
    "read an index outside the archive": lambda es, s: es.search(index=f"{s.index_prefix}private"),
    "get a document outside the archive": lambda es, s: es.get(index=f"{s.index_prefix}private", id="1"),
}


@pytest.mark.parametrize("what", list(REFUSED_TO_THE_WEB_USER))
def test_the_web_user_may_not(archive: Settings, what: str) -> None:
    web = _client(archive, WEB_USER)
    with pytest.raises(AuthorizationException) as refused:
        REFUSED_TO_THE_WEB_USER[what](web, archive)
    assert refused.value.status_code == 403
    web.close()
    assert _client(archive, ADMIN_USER).count(index=archive.alias)["count"] == 5


def test_the_web_app_serves_search_health_and_export_as_the_reader(archive: Settings, tmp_path: Path) -> None:
    web_settings = _as_user(archive, WEB_USER, data_dir=archive.data_dir)
    # What `newsarchive serve` does at start-up: health, plugin check, the idempotent setup (read-only here).
    startup_client = ensure_elasticsearch(web_settings, timeout=60)
    assert setup_indices(startup_client, web_settings, allow_outdated=True) == alias_targets(
        startup_client, archive.alias)[0]
    startup_client.close()
    with TestClient(create_app(web_settings)) as client:
        health = client.get("/api/health")
        assert health.status_code == 200, health.text
        assert health.json()["status"] == "ok" and health.json()["documents"] == 5
        search = client.get("/api/search")
        assert search.status_code == 200, search.text
        assert search.json()["total"] == 5
        export = client.get("/api/export", params={"format": "jsonl"})
        assert export.status_code == 200, export.text
        assert len(export.text.splitlines()) == 5
        for response in (health, search, export):
            assert _password(archive, WEB_USER) not in response.text


def test_the_indexer_sets_up_indexes_searches_reindexes_and_rolls_back_over_tls(
    node: Settings, tmp_path: Path
) -> None:
    files = security_files(node)
    # The roles name the node's prefix, so this runs on the archive the web tests above read (they come
    # first in this module); the seed ids overlap, so the counts below hold either way.
    settings = _as_user(
        node, INDEXER_USER, es_url=f"https://127.0.0.1:{SECURE_PORT}", es_ca_certs=files.ca_cert,
        data_dir=tmp_path / "data", bulk_chunk_size=5,
    )
    client = ensure_elasticsearch(settings, timeout=60)  # health and the analysis-plugin check, as the indexer
    node_config = client.transport.node_pool.all()[0].config
    assert node_config.scheme == "https" and node_config.verify_certs and node_config.ca_certs == str(files.ca_cert)
    pairs = _seed_pairs(SEED_COUNT)
    first = setup_indices(client, settings)
    actions = ({"_index": settings.write_alias, "_id": doc["id"], "_source": doc} for doc, _raw in pairs[:8])
    assert bulk_write(client, actions, chunk_size=5).failed == 0
    client.indices.refresh(index=settings.write_alias)
    title_word = pairs[0][0]["title"].split()[0]
    found = client.search(index=settings.alias, query={"match": {"title": title_word}})["hits"]["hits"]
    assert pairs[0][0]["id"] in {hit["_id"] for hit in found}

    with EnrichmentStore.open(settings) as store:
        store.put_articles(pairs)
        result = reindex(client, settings, store, ReindexOptions(progress=False))
    assert (result.previous, result.documents) == (first, SEED_COUNT)
    assert alias_targets(client, settings.alias) == [result.target]
    assert previous_index(client, settings) == first

    back = rollback(client, settings)
    assert (back.from_index, back.to_index) == (result.target, first)
    assert alias_targets(client, settings.write_alias) == [first]
    assert client.count(index=settings.alias)["count"] == 8
    client.close()


def test_no_password_appears_in_the_node_logs(archive: Settings) -> None:
    layout = node_layout(archive)
    passwords = [_password(archive, username) for username in USER_ROLES]
    logs = [path for path in layout.logs.iterdir() if path.is_file()]
    assert layout.console_log in logs
    for path in logs:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert not [p for p in passwords if p in text], f"a password appears in {path}"
    config = json.dumps(sorted(p.name for p in layout.config_dir.iterdir()))
    assert "users" in config and "roles.yml" in config
