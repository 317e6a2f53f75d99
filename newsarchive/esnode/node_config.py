"""Write the local node's configuration: ``elasticsearch.yml`` and a heap file in ``jvm.options.d``."""

from __future__ import annotations

import json
import re
import shutil
from typing import TYPE_CHECKING

from newsarchive.config import Settings
from newsarchive.esnode.errors import LocalNodeError
from newsarchive.esnode.layout import NodeLayout
from newsarchive.esnode.security import security_yml_lines

if TYPE_CHECKING:
    from newsarchive.esnode.topology import ClusterPlan

#: Free disk space below which Elasticsearch stops allocating / relocates / blocks writes. Absolute sizes
#: instead of the default percentages, because development disks are often more than 90 % full.
DISK_WATERMARKS = {"low": "1gb", "high": "512mb", "flood_stage": "256mb"}
_HEAP = re.compile(r"^[1-9][0-9]*[kKmMgG]$")
#: Files of the distribution's config dir a cluster node k >= 2 does not copy into its own config dir.
_NOT_COPIED = ("elasticsearch.yml", "elasticsearch.keystore", "elasticsearch.keystore.tmp", "newsarchive-tls",
               "users", "users_roles", "roles.yml")


def transport_port_range(http_port: int) -> str:
    """Transport ports tried in order: http+100 .. http+199 (9200 -> 9300-9399, like Elasticsearch's default).

    A range, so two local nodes whose ranges overlap each bind the first free port; single-node discovery
    keeps them from joining each other.
    """
    low = http_port + 100 if http_port + 199 <= 65535 else http_port - 199
    return f"{low}-{low + 99}"


def cluster_transport_port(settings: Settings, ordinal: int) -> int:
    """The fixed transport port of node ``ordinal`` of a local cluster: the first port of the single node's
    range plus ``ordinal - 1`` (es_port 9200 -> 9300, 9301, ...)."""
    low = int(transport_port_range(settings.es_port).split("-", 1)[0])
    return low + ordinal - 1


def _yaml_str(value: str) -> str:
    return json.dumps(value)


def _discovery_lines(settings: Settings, layout: NodeLayout, plan: ClusterPlan | None) -> list[str]:
    """Node name, ports and discovery: single-node discovery without ``plan``, else this node's fixed
    ports, every node's transport address as seed hosts and, on the cluster's first start only, the
    initial master nodes."""
    if plan is None:
        return [
            "node.name: newsarchive-local",
            "network.host: 127.0.0.1",
            f"http.port: {settings.es_port}",
            f"transport.port: {_yaml_str(transport_port_range(settings.es_port))}",
            "discovery.type: single-node",
        ]
    lines = [
        f"node.name: {_yaml_str(layout.node_name)}",
        "network.host: 127.0.0.1",
        f"http.port: {settings.es_port + layout.ordinal - 1}",
        f"transport.port: {cluster_transport_port(settings, layout.ordinal)}",
        f"discovery.seed_hosts: {json.dumps(plan.seed_hosts(settings))}",
    ]
    if plan.bootstrap:
        lines.append(f"cluster.initial_master_nodes: {json.dumps(plan.node_names())}")
    return lines


def elasticsearch_yml(
    settings: Settings, layout: NodeLayout, *, secure: bool = False, plan: ClusterPlan | None = None
) -> str:
    """Return the text of the node's elasticsearch.yml; with ``secure``, security on (HTTPS, file realm;
    see :func:`newsarchive.esnode.security.security_yml_lines`), else ``xpack.security.enabled: false``.
    Without ``plan`` a single node (single-node discovery, a transport port range); with it, node
    ``layout.ordinal`` of that local cluster (see :func:`_discovery_lines`)."""
    lines = [
        "# Written by newsarchive (newsarchive/esnode/node_config.py) on every start; edits are overwritten.",
        f"cluster.name: {_yaml_str(layout.cluster_name)}",
        *_discovery_lines(settings, layout, plan),
        *(security_yml_lines() if secure else ["xpack.security.enabled: false"]),
        f"path.data: {_yaml_str(str(layout.data))}",
        f"path.logs: {_yaml_str(str(layout.logs))}",
        *(f"cluster.routing.allocation.disk.watermark.{k}: {v}" for k, v in DISK_WATERMARKS.items()),
        "",
    ]
    return "\n".join(lines)


def heap_options(settings: Settings) -> str:
    """Return the jvm.options.d file setting -Xms and -Xmx to ``settings.es_heap``."""
    heap = settings.es_heap.strip()
    if not _HEAP.match(heap):
        raise LocalNodeError(f"NEWSARCHIVE_ES_HEAP={settings.es_heap!r} is not a JVM size such as 512m or 1g")
    return f"-Xms{heap}\n-Xmx{heap}\n"


def _copy_distribution_config(layout: NodeLayout) -> None:
    """Give node k >= 2 its own config dir: a copy of the distribution's (jvm.options, log4j2.properties,
    ...) without node 1's elasticsearch.yml and keystore."""
    shutil.copytree(layout.home / "config", layout.config_dir, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(*_NOT_COPIED))


def write_node_config(
    settings: Settings, layout: NodeLayout, *, secure: bool = False, plan: ClusterPlan | None = None
) -> None:
    """Write elasticsearch.yml and jvm.options.d/newsarchive-heap.options into the node's config dir (for
    node k >= 2 of a cluster, first a copy of the distribution's config dir)."""
    if layout.ordinal > 1:
        _copy_distribution_config(layout)
    (layout.config_dir / "elasticsearch.yml").write_text(
        elasticsearch_yml(settings, layout, secure=secure, plan=plan), encoding="utf-8"
    )
    options_dir = layout.config_dir / "jvm.options.d"
    options_dir.mkdir(parents=True, exist_ok=True)
    (options_dir / "newsarchive-heap.options").write_text(heap_options(settings), encoding="utf-8")
