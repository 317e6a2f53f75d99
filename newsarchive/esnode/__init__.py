"""The archive's own local Elasticsearch node: fetch the distribution, install the analysis plugin, start,
stop and inspect it, or a local cluster of several such nodes (``es start --nodes N``, see topology.py). See
docs/elasticsearch.md for where their files live and how they run as root.
"""

from __future__ import annotations

from newsarchive.esnode.distribution import fetch_distribution
from newsarchive.esnode.errors import DistributionError, LocalNodeError, NodeStartError, PluginError
from newsarchive.esnode.layout import NodeLayout, local_node_url, node_layout
from newsarchive.esnode.plugin import ensure_plugin, plugin_is_current, plugin_zip_path
from newsarchive.esnode.process import start_local_node, stop_local_node
from newsarchive.esnode.status import ClusterNodeStatus, NodeStatus, node_status
from newsarchive.esnode.topology import local_node_urls

__all__ = [
    "ClusterNodeStatus",
    "DistributionError",
    "LocalNodeError",
    "NodeLayout",
    "NodeStartError",
    "NodeStatus",
    "PluginError",
    "ensure_plugin",
    "fetch_distribution",
    "local_node_url",
    "local_node_urls",
    "node_layout",
    "node_status",
    "plugin_is_current",
    "plugin_zip_path",
    "start_local_node",
    "stop_local_node",
]
