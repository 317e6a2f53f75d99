"""How many nodes the archive's local Elasticsearch has, and how they find each other.

``newsarchive es start --nodes N`` runs N node processes on 127.0.0.1 (node k: HTTP port ``es_port + k - 1``,
transport port ``es_port + 100 + k - 1``), each with its own data dir (see :mod:`newsarchive.esnode.layout`).
The count is recorded in ``<base>/cluster.json`` on start, so later commands (``es start`` without
``--nodes``, ``es stop``, ``es status``, the clients of :mod:`newsarchive.es_client`) know every node.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from newsarchive.config import Settings
from newsarchive.esnode.errors import LocalNodeError
from newsarchive.esnode.layout import MAX_LOCAL_NODES, NodeLayout, local_node_url, node_http_port, node_layout
from newsarchive.esnode.node_config import cluster_transport_port

#: File in the node directory recording how many nodes the local cluster was last started with.
CLUSTER_RECORD_NAME = "cluster.json"


@dataclass(frozen=True)
class ClusterPlan:
    """The shape of a local multi-node cluster: ``size`` nodes, and whether this start forms it for the
    first time (then ``cluster.initial_master_nodes`` names every node; never afterwards)."""

    size: int
    bootstrap: bool

    def node_names(self) -> list[str]:
        """``node.name`` of every node, node 1 first."""
        return [f"newsarchive-{ordinal}" for ordinal in range(1, self.size + 1)]

    def seed_hosts(self, settings: Settings) -> list[str]:
        """``discovery.seed_hosts``: every node's transport address on 127.0.0.1."""
        return [f"127.0.0.1:{cluster_transport_port(settings, k)}" for k in range(1, self.size + 1)]


def recorded_node_count(layout: NodeLayout) -> int | None:
    """The node count the local cluster was last started with, or None (never started by this version)."""
    try:
        data = json.loads((layout.base / CLUSTER_RECORD_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    count = data.get("nodes") if isinstance(data, dict) else None
    return count if isinstance(count, int) and 1 <= count <= MAX_LOCAL_NODES else None


def record_node_count(layout: NodeLayout, count: int) -> None:
    """Remember that the local cluster now has ``count`` nodes."""
    (layout.base / CLUSTER_RECORD_NAME).write_text(json.dumps({"nodes": count}) + "\n", encoding="utf-8")


def resolve_node_count(settings: Settings, requested: int | None = None) -> int:
    """How many nodes to run: ``requested`` when given, else the recorded count, else ``settings.es_nodes``.

    Raises :class:`LocalNodeError` for a count outside 1..MAX_LOCAL_NODES, or fewer nodes than the cluster
    was last run with (its master-voting configuration may need a node left out; see docs/elasticsearch.md).
    """
    layout = node_layout(settings)
    recorded = recorded_node_count(layout)
    count = requested if requested is not None else (recorded or settings.es_nodes)
    if not 1 <= count <= MAX_LOCAL_NODES:
        raise LocalNodeError(f"a local cluster has 1 to {MAX_LOCAL_NODES} nodes, not {count}")
    if recorded is not None and recorded > 1 and count < recorded:
        raise LocalNodeError(
            f"the local cluster in {layout.base} was last run with {recorded} nodes; start it with --nodes "
            f"{recorded} (or more). To go back to fewer nodes, stop it and start a fresh data dir "
            "(NEWSARCHIVE_DATA_DIR), then re-index"
        )
    return count


def cluster_layouts(settings: Settings, count: int) -> list[NodeLayout]:
    """The layouts of nodes 1..count."""
    return [node_layout(settings, ordinal) for ordinal in range(1, count + 1)]


def existing_layouts(settings: Settings) -> list[NodeLayout]:
    """Node 1 plus every node k >= 2 whose directory exists (what ``es stop`` and ``es status`` look at)."""
    first = node_layout(settings)
    found = [first]
    for ordinal in range(2, MAX_LOCAL_NODES + 1):
        layout = node_layout(settings, ordinal)
        if layout.node_dir.is_dir():
            found.append(layout)
    return found


def has_cluster_state(layout: NodeLayout) -> bool:
    """True when the node's data dir holds a persisted cluster state (it has been part of a cluster)."""
    state = layout.data / "_state"
    return state.is_dir() and any(state.iterdir())


def node_url(settings: Settings, ordinal: int, *, secure: bool | None = None) -> str:
    """HTTP URL of node ``ordinal`` (see :func:`newsarchive.esnode.layout.local_node_url` for ``secure``)."""
    first = local_node_url(settings, secure=secure)
    return first.rsplit(":", 1)[0] + f":{node_http_port(settings, ordinal)}"


def local_node_urls(settings: Settings) -> list[str]:
    """URLs of every node of the local cluster (recorded count, else ``settings.es_nodes``), node 1 first."""
    count = recorded_node_count(node_layout(settings)) or settings.es_nodes
    return [node_url(settings, ordinal) for ordinal in range(1, count + 1)]
