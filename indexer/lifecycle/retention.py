"""Going back to the previous index (rollback) and deleting old ones (prune)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from elasticsearch import Elasticsearch

from indexer.lifecycle.errors import LifecycleError
from indexer.lifecycle.indices import (
    index_mapping_version,
    list_physical_indices,
    live_index,
    previous_index,
    swap_aliases,
)
from indexer.lifecycle.state import load_state
from newsarchive.config import Settings
from newsarchive.mapping import MAPPING_VERSION

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rollback:
    """A rollback that happened: the aliases moved from ``from_index`` to ``to_index``."""

    from_index: str
    to_index: str


def rollback(client: Elasticsearch, settings: Settings, *, allow_older_mapping: bool = False) -> Rollback:
    """Swap both aliases back to the index the live one replaced; return what moved.

    The index rolled away from is kept and becomes the previous index: rolling back again undoes the
    rollback. Documents indexed since the swap are in the enrichment store but not
    in the previous index: ``newsarchive reindex`` brings them back. Refuses (LifecycleError) when there is
    no previous index, or when its mapping is older than the code's unless ``allow_older_mapping``.
    """
    live = live_index(client, settings)
    if live is None:
        raise LifecycleError(f"alias {settings.alias} does not exist: nothing to roll back")
    target = previous_index(client, settings)
    if target is None:
        raise LifecycleError(f"the live index {live} records no previous index that still exists")
    version = index_mapping_version(client, settings, target)
    if version < MAPPING_VERSION and not allow_older_mapping:
        raise LifecycleError(
            f"the previous index {target} has mapping version {version}, older than the code's "
            f"{MAPPING_VERSION}; pass allow_older_mapping (--force) to roll back anyway"
        )
    # swap_aliases records the index rolled away from as the new live index's previous one: a second
    # rollback undoes the first, and prune keeps it.
    swap_aliases(client, settings, old=live, new=target)
    log.info("rolled back %s -> %s", live, target)
    return Rollback(from_index=live, to_index=target)


def prune_indices(client: Elasticsearch, settings: Settings, *, keep: int) -> list[str]:
    """Delete physical indices of this prefix beyond the ``keep`` newest; return the deleted names.

    Never deleted, whatever ``keep``: the live index, the index it replaced (rollback target), and the
    target of an unfinished re-index.
    """
    if keep < 0:
        raise ValueError("keep must be 0 or more")
    indices = list_physical_indices(client, settings)
    live = live_index(client, settings)
    protected = {live, previous_index(client, settings)}
    state = load_state(settings)
    if state is not None:
        protected.add(state.target)
    newest_first = sorted(indices, key=lambda index: index.timestamp, reverse=True)
    deleted: list[str] = []
    for index in newest_first[keep:]:
        if index.name in protected or _aliases_of(client, index.name):  # aliases checked again just before
            continue
        client.indices.delete(index=index.name)
        deleted.append(index.name)
        log.info("deleted old index %s", index.name)
    return deleted


def _aliases_of(client: Elasticsearch, index: str) -> set[str]:
    """Aliases pointing at ``index`` (an index with any alias is in use and never pruned)."""
    return set(client.indices.get_alias(index=index).body.get(index, {}).get("aliases", {}))
