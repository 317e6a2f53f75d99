"""Errors raised while preparing, starting or stopping the archive's own local Elasticsearch node."""

from __future__ import annotations


class LocalNodeError(RuntimeError):
    """The local node could not be fetched, configured, started or stopped; the message says why."""


class DistributionError(LocalNodeError):
    """The Elasticsearch distribution could not be downloaded, verified or unpacked."""


class PluginError(LocalNodeError):
    """The analysis plugin could not be built or installed."""


class NodeStartError(LocalNodeError):
    """The node process died or did not become healthy in time (the message carries the log tail)."""
