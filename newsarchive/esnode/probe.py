"""Small HTTP probes of the local node (standard library only, so they work before any client exists)."""

from __future__ import annotations

import base64
import json
import socket
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ProbeAccess:
    """How to reach a secured node: an ``Authorization`` header (hidden in repr) and the TLS context."""

    authorization: str | None = field(default=None, repr=False)
    ssl_context: ssl.SSLContext | None = None

    @classmethod
    def basic(cls, auth: tuple[str, str], ssl_context: ssl.SSLContext | None) -> ProbeAccess:
        """Basic authentication as ``auth`` = (user, password), over ``ssl_context``."""
        token = base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode("ascii")
        return cls(authorization=f"Basic {token}", ssl_context=ssl_context)


def get_json(url: str, timeout: float, access: ProbeAccess | None = None) -> Any:
    """GET ``url`` (with ``access``'s credentials and TLS context, if any) and decode its JSON body; None
    when unreachable, not HTTP 200 or not JSON."""
    request = urllib.request.Request(url)
    if access is not None and access.authorization is not None:
        request.add_header("Authorization", access.authorization)
    context = access.ssl_context if access is not None else None
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=context) as response:
            if response.status != 200:
                return None
            return json.loads(response.read().decode("utf-8"))
    except (OSError, ValueError):
        return None


def cluster_health(
    base_url: str, *, wait_seconds: int = 0, access: ProbeAccess | None = None, nodes: int = 1
) -> dict[str, Any] | None:
    """Return ``GET /_cluster/health`` (waiting up to ``wait_seconds`` for yellow and, when ``nodes`` > 1,
    for at least that many nodes), or None when unreachable."""
    query = f"?wait_for_status=yellow&timeout={wait_seconds}s" if wait_seconds else ""
    if wait_seconds and nodes > 1:
        query += f"&wait_for_nodes=ge({nodes})"
    body = get_json(f"{base_url}/_cluster/health{query}", timeout=wait_seconds + 5, access=access)
    return body if isinstance(body, dict) else None


def node_version(base_url: str, access: ProbeAccess | None = None) -> str | None:
    """Return the Elasticsearch version of the node answering at ``base_url`` (``GET /`` does not exist in the
    minimal distribution, so this asks ``_nodes/_local``)."""
    body = get_json(f"{base_url}/_nodes/_local?filter_path=nodes.*.version", timeout=5, access=access)
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
