"""The archive's own local Elasticsearch node: fetch the distribution, install the analysis plugin, start,
stop and inspect it. See docs/elasticsearch.md for where its files live and how it runs as root.
"""

from __future__ import annotations

from newsarchive.esnode.distribution import fetch_distribution
from newsarchive.esnode.errors import DistributionError, LocalNodeError, NodeStartError, PluginError
from newsarchive.esnode.layout import NodeLayout, local_node_url, node_layout
from newsarchive.esnode.plugin import ensure_plugin, plugin_is_current, plugin_zip_path
from newsarchive.esnode.process import NodeStatus, node_status, start_local_node, stop_local_node

__all__ = [
    "DistributionError",
    "LocalNodeError",
    "NodeLayout",
    "NodeStartError",
    "NodeStatus",
    "PluginError",
    "ensure_plugin",
    "fetch_distribution",
    "local_node_url",
    "node_layout",
    "node_status",
    "plugin_is_current",
    "plugin_zip_path",
    "start_local_node",
    "stop_local_node",
]
