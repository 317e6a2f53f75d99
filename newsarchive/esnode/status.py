"""What ``newsarchive es status`` reports: the local node, or every node of a local cluster."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from newsarchive.config import Settings
from newsarchive.esnode.layout import NodeLayout, local_node_url, node_layout
from newsarchive.esnode.pidfile import running_pid
from newsarchive.esnode.probe import cluster_health, node_version
from newsarchive.esnode.process import is_ours, probe_access
from newsarchive.esnode.topology import cluster_layouts, existing_layouts, node_url, recorded_node_count


@dataclass(frozen=True)
class ClusterNodeStatus:
    """One node of the local cluster: its process, URL, and the cluster health as that node sees it
    (None when it does not answer, e.g. while it has not joined)."""

    ordinal: int
    name: str
    running: bool
    pid: int | None
    url: str
    health: str | None
    log_file: Path


@dataclass(frozen=True)
class NodeStatus:
    """What ``newsarchive es status`` shows: node 1's process, the cluster's health, version and node count
    (as the first answering node reports them), where the files are, and each node of a cluster."""

    running: bool
    pid: int | None
    url: str
    health: str | None
    version: str | None
    base_dir: Path
    log_file: Path
    number_of_nodes: int | None = None
    nodes: list[ClusterNodeStatus] = field(default_factory=list)


def _node_status(settings: Settings, layout: NodeLayout, *, secure: bool, single: bool) -> ClusterNodeStatus:
    pid = running_pid(layout) if layout.node_dir.is_dir() else None
    url = node_url(settings, layout.ordinal, secure=secure)
    health = cluster_health(url, access=probe_access(settings, layout)) if pid is not None else None
    return ClusterNodeStatus(
        ordinal=layout.ordinal,
        name="newsarchive-local" if single else layout.node_name,
        running=pid is not None,
        pid=pid,
        url=url,
        health=str(health.get("status")) if is_ours(health, layout) and health is not None else None,
        log_file=layout.console_log,
    )


def node_status(settings: Settings, nodes: int | None = None) -> NodeStatus:
    """Describe the local node or cluster of ``settings`` (no side effects): every node of ``nodes`` (default:
    as last started, else ``settings.es_nodes``) plus any other node dir found, each with its process and the
    health it reports; overall: node 1's pid and URL, and the health, version and node count reported by the
    first answering node."""
    first = node_layout(settings)
    secure = first.security_marker.is_file()
    count = nodes if nodes is not None else (recorded_node_count(first) or settings.es_nodes)
    layouts = {x.ordinal: x for x in (*cluster_layouts(settings, count), *existing_layouts(settings))}
    single = len(layouts) == 1
    members = [_node_status(settings, layouts[k], secure=secure, single=single) for k in sorted(layouts)]
    answering = next((m for m in members if m.health is not None), None)
    health = cluster_health(answering.url, access=probe_access(settings, first)) if answering else None
    return NodeStatus(
        running=any(m.running for m in members),
        pid=members[0].pid,
        url=local_node_url(settings, secure=secure),
        health=answering.health if answering else None,
        version=node_version(answering.url, probe_access(settings, first)) if answering else None,
        base_dir=first.base,
        log_file=first.console_log,
        number_of_nodes=int(health["number_of_nodes"]) if health and "number_of_nodes" in health else None,
        nodes=members,
    )
