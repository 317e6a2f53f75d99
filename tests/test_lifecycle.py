"""``setup_indices`` on a real Elasticsearch: idempotent, atomic aliases, mapping version checked."""

from __future__ import annotations

import logging
import threading

import pytest
from elasticsearch import Elasticsearch

from indexer.lifecycle import LifecycleError, OutdatedMappingError, live_index, setup_indices
from indexer.lifecycle.indices import alias_targets, index_meta, list_physical_indices
from indexer.lifecycle.names import parse_index_name, physical_index_name
from newsarchive.config import Settings
from newsarchive.mapping import MAPPING_VERSION, index_body

pytestmark = pytest.mark.es


def test_setup_creates_one_versioned_index_with_both_aliases_and_is_idempotent(
    es_client: Elasticsearch, isolated_settings: Settings
) -> None:
    settings = isolated_settings
    assert live_index(es_client, settings) is None
    first = setup_indices(es_client, settings)
    assert setup_indices(es_client, settings) == first
    assert setup_indices(es_client, settings) == first
    parsed = parse_index_name(settings, first)
    assert parsed is not None and parsed.mapping_version == MAPPING_VERSION
    assert [index.name for index in list_physical_indices(es_client, settings)] == [first]
    aliases = es_client.indices.get_alias(index=first).body[first]["aliases"]
    assert aliases == {settings.alias: {}, settings.write_alias: {"is_write_index": True}}
    assert index_meta(es_client, first)["mapping_version"] == MAPPING_VERSION


def test_concurrent_setups_agree_on_one_index(es_client: Elasticsearch, isolated_settings: Settings) -> None:
    results: list[str] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            results.append(setup_indices(es_client, isolated_settings))
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(results)) == 1
    assert alias_targets(es_client, isolated_settings.alias) == results[:1]
    assert alias_targets(es_client, isolated_settings.write_alias) == results[:1]


def test_an_older_live_mapping_is_reported_not_migrated(
    es_client: Elasticsearch, isolated_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    settings = isolated_settings
    old_name = physical_index_name(settings).replace(f"-v{MAPPING_VERSION}-", f"-v{MAPPING_VERSION - 1}-")
    body = index_body()
    body["mappings"]["_meta"] = {"mapping_version": MAPPING_VERSION - 1}
    es_client.indices.create(
        index=old_name,
        settings=body["settings"],
        mappings=body["mappings"],
        aliases={settings.alias: {}, settings.write_alias: {"is_write_index": True}},
    )
    with pytest.raises(OutdatedMappingError, match="run `newsarchive reindex`"):
        setup_indices(es_client, settings)
    with caplog.at_level(logging.WARNING):
        assert setup_indices(es_client, settings, allow_outdated=True) == old_name
    assert "newsarchive reindex" in caplog.text
    assert [index.name for index in list_physical_indices(es_client, settings)] == [old_name]


def test_a_missing_write_alias_is_put_back_on_the_live_index(
    es_client: Elasticsearch, isolated_settings: Settings
) -> None:
    live = setup_indices(es_client, isolated_settings)
    es_client.indices.delete_alias(index=live, name=isolated_settings.write_alias)
    assert setup_indices(es_client, isolated_settings) == live
    assert alias_targets(es_client, isolated_settings.write_alias) == [live]


def test_a_concrete_index_named_like_the_alias_is_a_clear_error(
    es_client: Elasticsearch, isolated_settings: Settings
) -> None:
    es_client.indices.create(index=isolated_settings.alias)
    with pytest.raises(LifecycleError, match="concrete index, not as an alias"):
        setup_indices(es_client, isolated_settings)
