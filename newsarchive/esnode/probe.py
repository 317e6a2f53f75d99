"""Small HTTP probes of the local node (standard library only, so they work before any client exists)."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from typing import Any


def get_json(url: str, timeout: float) -> Any:
    """GET ``url`` and decode its JSON body; None when unreachable, not HTTP 200 or not JSON."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            if response.status != 200:
                return None
            return json.loads(response.read().decode("utf-8"))
    except (OSError, ValueError):
        return None


def cluster_health(base_url: str, *, wait_seconds: int = 0) -> dict[str, Any] | None:
    """Return ``GET /_cluster/health`` (waiting up to ``wait_seconds`` for yellow), or None when unreachable."""
    query = f"?wait_for_status=yellow&timeout={wait_seconds}s" if wait_seconds else ""
    body = get_json(f"{base_url}/_cluster/health{query}", timeout=wait_seconds + 5)
    return body if isinstance(body, dict) else None


def node_version(base_url: str) -> str | None:
    """Return the Elasticsearch version of the node answering at ``base_url`` (``GET /`` does not exist in the
    minimal distribution, so this asks ``_nodes/_local``)."""
    body = get_json(f"{base_url}/_nodes/_local?filter_path=nodes.*.version", timeout=5)
    if not isinstance(body, dict):
        return None
    nodes = body.get("nodes")
    if not isinstance(nodes, dict):
        return None
    for node in nodes.values():
        if isinstance(node, dict) and isinstance(node.get("version"), str):
            return str(node["version"])
    return None


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    """True when something accepts TCP connections on ``host:port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1.0)
        return sock.connect_ex((host, port)) == 0
