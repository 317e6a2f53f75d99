"""``newsarchive setup``: make sure the aliases exist and point at an index with the code's mapping."""

from __future__ import annotations

import logging

from elasticsearch import ApiError, Elasticsearch

from indexer.lifecycle.errors import LifecycleError, OutdatedMappingError
from indexer.lifecycle.indices import (
    alias_targets,
    create_physical_index,
    index_mapping_version,
    live_index,
)
from indexer.lifecycle.replicas import ensure_replicas
from newsarchive.config import Settings
from newsarchive.mapping import MAPPING_VERSION

log = logging.getLogger(__name__)


def setup_indices(client: Elasticsearch, settings: Settings, *, allow_outdated: bool = False) -> str:
    """Idempotently make sure the read and write aliases exist; return the live physical index name.

    Without aliases it creates ``<prefix>articles-v<MAPPING_VERSION>-<UTC timestamp>`` with both aliases
    (write alias with ``is_write_index``), atomically with the index itself; when another process does the
    same at the same moment, one wins and the other returns the winner's index. With aliases present it
    checks the live index's mapping version: an older one raises :class:`OutdatedMappingError` (the fix is
    ``newsarchive reindex``; nothing is migrated here) unless ``allow_outdated``, which only logs a warning
    (for readers). A write alias missing or pointing elsewhere is moved onto the live index, with a warning.
    Unless ``allow_outdated``, the live index's replica count is set as :mod:`indexer.lifecycle.replicas`
    says (one replica on a cluster of two or more data nodes).
    """
    live = live_index(client, settings)
    if live is None:
        return _create_live_index(client, settings)
    _check_mapping_version(client, settings, live, allow_outdated=allow_outdated)
    _repair_write_alias(client, settings, live)
    if not allow_outdated:  # a writer: bring the replica count up to the cluster's size
        ensure_replicas(client, settings, live)
    return live


def _create_live_index(client: Elasticsearch, settings: Settings) -> str:
    if client.indices.exists(index=settings.alias):
        raise LifecycleError(
            f"{settings.alias} exists as a concrete index, not as an alias: the archive needs that name "
            "for its read alias. Re-index its documents or delete it, then run `newsarchive setup` again"
        )
    aliases = {settings.alias: {}, settings.write_alias: {"is_write_index": True}}
    try:
        name = create_physical_index(client, settings, aliases=aliases)
    except ApiError:
        # Another process may have created the aliases first (two write indices are refused): use its index.
        winner = live_index(client, settings)
        if winner is None:
            raise
        return winner
    log.info("created %s with aliases %s and %s", name, settings.alias, settings.write_alias)
    return name


def _check_mapping_version(
    client: Elasticsearch, settings: Settings, live: str, *, allow_outdated: bool
) -> None:
    version = index_mapping_version(client, settings, live)
    if version < MAPPING_VERSION:
        error = OutdatedMappingError(live, version, MAPPING_VERSION)
        if not allow_outdated:
            raise error
        log.warning("%s", error)
    elif version > MAPPING_VERSION:
        log.warning(
            "the live index %s has mapping version %d, newer than this code's %d: is the code up to date?",
            live,
            version,
            MAPPING_VERSION,
        )


def _repair_write_alias(client: Elasticsearch, settings: Settings, live: str) -> None:
    targets = alias_targets(client, settings.write_alias)
    if targets == [live]:
        return
    log.warning(
        "write alias %s points at %s, not at the live index %s: moving it",
        settings.write_alias,
        ", ".join(targets) or "nothing",
        live,
    )
    actions: list[dict[str, object]] = [
        {"remove": {"index": index, "alias": settings.write_alias}} for index in targets
    ]
    actions.append({"add": {"index": live, "alias": settings.write_alias, "is_write_index": True}})
    client.indices.update_aliases(actions=actions)
