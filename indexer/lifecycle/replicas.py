"""How many replicas the archive's indices get: ``settings.es_replicas``, or derived from the cluster.

Unset (the default), an index gets one replica when the cluster has two or more data nodes (a local cluster
from ``newsarchive es start --nodes N``, or your own), else none (one node cannot hold a copy of its own
shards, and a replica it cannot place would keep the health yellow). It is decided when an index is created
or made live by a re-index, and ``newsarchive setup`` / ``index`` bring the live index up to date, so a node
added later gets its copies at the next setup.
"""

from __future__ import annotations

import logging

from elasticsearch import Elasticsearch

from newsarchive.config import Settings

log = logging.getLogger(__name__)


def wanted_replicas(client: Elasticsearch, settings: Settings) -> int:
    """``settings.es_replicas`` when set, else 1 with two or more data nodes in the cluster, else 0."""
    if settings.es_replicas is not None:
        return settings.es_replicas
    data_nodes = int(client.cluster.health().body.get("number_of_data_nodes", 1))
    return 1 if data_nodes >= 2 else 0


def ensure_replicas(client: Elasticsearch, settings: Settings, index: str) -> int:
    """Set ``number_of_replicas`` of ``index`` to :func:`wanted_replicas` when it differs; return the count."""
    wanted = wanted_replicas(client, settings)
    current = client.indices.get_settings(index=index, name="index.number_of_replicas").body
    have = int(current.get(index, {}).get("settings", {}).get("index", {}).get("number_of_replicas", 0))
    if have != wanted:
        client.indices.put_settings(index=index, settings={"number_of_replicas": wanted})
        log.info("%s: number_of_replicas %d -> %d", index, have, wanted)
    return wanted
