"""Physical articles indices: list them, find the live and previous one, create one, swap aliases.

Readers use the alias ``settings.alias``; writers use ``settings.write_alias``. Both always point at the same
one physical index, the *live* index. The mapping ``_meta`` of a physical index records its mapping version
and, once it has been made live by a swap, the index it replaced (``previous_index``, used by rollback).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from elasticsearch import BadRequestError, Elasticsearch, NotFoundError

from indexer.lifecycle.errors import LifecycleError
from indexer.lifecycle.names import parse_index_name, physical_index_name, physical_index_pattern
from indexer.lifecycle.replicas import wanted_replicas
from newsarchive.config import Settings
from newsarchive.mapping import MAPPING_VERSION, index_body

log = logging.getLogger(__name__)

#: Index settings while a re-index loads documents into a not-yet-live index.
LOADING_SETTINGS: dict[str, Any] = {"number_of_replicas": 0, "refresh_interval": "-1"}


@dataclass(frozen=True)
class PhysicalIndex:
    """One physical articles index of this prefix."""

    name: str
    mapping_version: int
    timestamp: str
    aliases: frozenset[str] = frozenset()
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def previous_index(self) -> str | None:
        """The index this one replaced when it was made live (None if it never was, or replaced nothing)."""
        value = self.meta.get("previous_index")
        return value if isinstance(value, str) else None


def list_physical_indices(client: Elasticsearch, settings: Settings) -> list[PhysicalIndex]:
    """All physical articles indices of this prefix (open or closed), oldest first."""
    response = client.indices.get(
        index=physical_index_pattern(settings),
        features=["aliases", "mappings"],
        allow_no_indices=True,
        expand_wildcards=["open", "closed"],
    ).body
    found: list[PhysicalIndex] = []
    for name, info in response.items():
        parsed = parse_index_name(settings, name)
        if parsed is None:
            continue
        meta = dict(info.get("mappings", {}).get("_meta", {}))
        version = meta.get("mapping_version", parsed.mapping_version)
        found.append(
            PhysicalIndex(
                name=name,
                mapping_version=int(version),
                timestamp=parsed.timestamp,
                aliases=frozenset(info.get("aliases", {})),
                meta=meta,
            )
        )
    return sorted(found, key=lambda index: index.timestamp)


def alias_targets(client: Elasticsearch, alias: str) -> list[str]:
    """Names of the indices ``alias`` points at (sorted; empty when the alias does not exist)."""
    try:
        return sorted(client.indices.get_alias(name=alias).body)
    except NotFoundError:
        return []


def live_index(client: Elasticsearch, settings: Settings) -> str | None:
    """The physical index the read alias points at, or None when there is no alias yet.

    Raises LifecycleError when the alias points at more than one index (the archive never does that).
    """
    targets = alias_targets(client, settings.alias)
    if len(targets) > 1:
        raise LifecycleError(f"alias {settings.alias} points at {len(targets)} indices: {', '.join(targets)}")
    return targets[0] if targets else None


def index_meta(client: Elasticsearch, index: str) -> dict[str, Any]:
    """The mapping ``_meta`` of one physical index (empty dict when it has none)."""
    mappings = client.indices.get_mapping(index=index).body[index]["mappings"]
    return dict(mappings.get("_meta", {}))


def index_mapping_version(client: Elasticsearch, settings: Settings, index: str) -> int:
    """Mapping version of ``index``: from its ``_meta``, else its name; LifecycleError if neither says."""
    version = index_meta(client, index).get("mapping_version")
    if version is not None:
        return int(version)
    parsed = parse_index_name(settings, index)
    if parsed is None:
        raise LifecycleError(f"index {index} has no mapping version and is not named like an articles index")
    return parsed.mapping_version


def previous_index(client: Elasticsearch, settings: Settings) -> str | None:
    """The index the live one replaced, if it still exists (the target of ``newsarchive rollback``)."""
    live = live_index(client, settings)
    if live is None:
        return None
    previous = index_meta(client, live).get("previous_index")
    if not isinstance(previous, str) or not client.indices.exists(index=previous):
        return None
    return previous


def create_physical_index(
    client: Elasticsearch,
    settings: Settings,
    *,
    for_loading: bool = False,
    aliases: dict[str, dict[str, Any]] | None = None,
    previous: str | None = None,
) -> str:
    """Create a new physical index with the code's mapping and analysis and ``settings.index_shards``
    primary shards; return its name.

    ``for_loading`` creates it with :data:`LOADING_SETTINGS` (no replicas, no refresh) for a bulk load;
    :func:`restore_settings` undoes that. ``aliases`` are created with the index, atomically. ``previous``
    is recorded as the index it is meant to replace (checked again by :func:`swap_aliases`).
    """
    body = index_body()
    body["mappings"].setdefault("_meta", {})["previous_index"] = previous
    body["settings"]["number_of_shards"] = settings.index_shards
    if for_loading:
        body["settings"].update(LOADING_SETTINGS)
    else:
        body["settings"]["number_of_replicas"] = wanted_replicas(client, settings)
    for _attempt in range(5):
        name = physical_index_name(settings)
        try:
            client.indices.create(
                index=name, settings=body["settings"], mappings=body["mappings"], aliases=aliases
            )
        except BadRequestError as error:
            if error.error == "resource_already_exists_exception":
                continue  # same microsecond as another creator: take a new timestamp
            raise
        return name
    raise LifecycleError("could not find a free physical index name after 5 attempts")


def restore_settings(client: Elasticsearch, index: str, *, replicas: int | None = None) -> None:
    """Give a loaded index the settings of :func:`newsarchive.mapping.index_body` back (refresh, and
    ``replicas`` replicas when given, see :mod:`indexer.lifecycle.replicas`, else the mapping's)."""
    wanted = index_body()["settings"]
    client.indices.put_settings(
        index=index,
        settings={
            "number_of_replicas": replicas if replicas is not None else wanted.get("number_of_replicas", 1),
            # None resets to the cluster default (1s) unless the mapping module sets one.
            "refresh_interval": wanted.get("refresh_interval"),
        },
    )
    client.cluster.health(index=index, wait_for_status="yellow", timeout="60s")


def swap_aliases(client: Elasticsearch, settings: Settings, *, old: str | None, new: str) -> None:
    """Point the read and the write alias from ``old`` to ``new`` in one atomic ``_aliases`` request.

    ``new`` first records ``old`` as its ``previous_index`` (for rollback). The request fails and changes
    nothing when the read alias no longer points at ``old`` (someone else swapped in between).
    """
    meta = index_meta(client, new)
    if meta.get("previous_index") != old or "mapping_version" not in meta:
        meta["previous_index"] = old
        meta.setdefault("mapping_version", MAPPING_VERSION)
        client.indices.put_mapping(index=new, meta=meta)
    actions: list[dict[str, Any]] = []
    if old is not None:
        actions.append({"remove": {"index": old, "alias": settings.alias, "must_exist": True}})
    # Wherever the write alias is, it moves: it must end up on exactly one index, the new one.
    for index in alias_targets(client, settings.write_alias):
        actions.append({"remove": {"index": index, "alias": settings.write_alias, "must_exist": True}})
    actions.append({"add": {"index": new, "alias": settings.alias}})
    actions.append({"add": {"index": new, "alias": settings.write_alias, "is_write_index": True}})
    client.indices.update_aliases(actions=actions)
    log.info("aliases %s and %s now point at %s (was %s)", settings.alias, settings.write_alias, new, old)
