"""Where the local node's files live: one :class:`NodeLayout` per ``settings.data_dir``.

Not root: everything lives under ``settings.es_home_dir`` (``<data_dir>/elasticsearch``).
Root: Elasticsearch refuses to run as root, so the node runs as the unprivileged ``settings.es_user``, which
cannot reach a data_dir under ``/root`` (mode 700). The node's files then live under
``/var/lib/newsarchive/<slug>-<hash>``, a name derived from the resolved data_dir, so two data_dirs never share
a node. A pointer file in data_dir names that location.

A local cluster (``newsarchive es start --nodes N``) shares that directory: node 1 is the single node's files
as they always were; node ``k`` >= 2 keeps its own config, data, logs, tmp and pid file under
``<base>/nodes/node-<k>/`` and runs from the same unpacked distribution (``<base>/home``).
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from newsarchive.config import Settings

#: Parent of the per-data_dir node directories used when the archive runs as root.
ROOT_NODES_DIR = Path("/var/lib/newsarchive")
#: File in data_dir that tells, when running as root, where the node's files are.
POINTER_FILE_NAME = "elasticsearch-node-location.txt"
#: Most nodes a local cluster may have (each needs its own heap; ports are es_port .. es_port + 8).
MAX_LOCAL_NODES = 9


def running_as_root() -> bool:
    """Return True when this process has uid 0 (the node must then run as ``settings.es_user``)."""
    return os.geteuid() == 0


@dataclass(frozen=True)
class NodeLayout:
    """Paths of one local node. ``base`` holds everything; ``home`` is the unpacked distribution, shared by
    every node of a local cluster; ``ordinal`` is the node's number in that cluster (1 for a single node)."""

    base: Path
    cluster_name: str
    ordinal: int = 1

    @property
    def node_dir(self) -> Path:
        """This node's own directory: ``base`` for node 1, ``base/nodes/node-<k>`` for node k >= 2."""
        return self.base if self.ordinal == 1 else self.base / "nodes" / f"node-{self.ordinal}"

    @property
    def node_name(self) -> str:
        """``node.name`` of this node in a local cluster (a single node is ``newsarchive-local``)."""
        return f"newsarchive-{self.ordinal}"

    @property
    def home(self) -> Path:
        """ES_HOME: the unpacked distribution (bin/, lib/, config/, plugins/)."""
        return self.base / "home"

    @property
    def config_dir(self) -> Path:
        """ES_PATH_CONF (elasticsearch.yml, jvm.options.d/): ``home/config`` for node 1, the node's own
        ``config/`` (a copy of the distribution's, see node_config) for node k >= 2."""
        return self.home / "config" if self.ordinal == 1 else self.node_dir / "config"

    @property
    def plugins_dir(self) -> Path:
        """Where installed plugins are unpacked."""
        return self.home / "plugins"

    @property
    def data(self) -> Path:
        """path.data: the indices (kept when the distribution is replaced)."""
        return self.node_dir / "data"

    @property
    def logs(self) -> Path:
        """path.logs: Elasticsearch's own logs plus ``console.log`` (the process's stdout/stderr)."""
        return self.node_dir / "logs"

    @property
    def tmp(self) -> Path:
        """ES_TMPDIR."""
        return self.node_dir / "tmp"

    @property
    def pid_file(self) -> Path:
        """Pid of the running node's launcher process."""
        return self.node_dir / "node.pid"

    @property
    def security_marker(self) -> Path:
        """Present while the node is configured with security on (HTTPS, users): written by a secured start,
        removed by an unsecured one. Clients use it to pick ``https`` and the local CA."""
        return self.base / "security-enabled"

    @property
    def console_log(self) -> Path:
        """stdout and stderr of the node process."""
        return self.logs / "console.log"

    @property
    def server_log(self) -> Path:
        """Elasticsearch's main log file."""
        return self.logs / f"{self.cluster_name}.log"


def _slug(path: Path) -> str:
    text = re.sub(r"[^A-Za-z0-9]+", "-", str(path)).strip("-").lower()
    return text[-40:].strip("-") or "node"


def node_layout(settings: Settings, ordinal: int = 1) -> NodeLayout:
    """Return the layout of node ``ordinal`` (1 = the single node, or the first of a local cluster) belonging
    to ``settings.data_dir`` (no files are touched)."""
    if not 1 <= ordinal <= MAX_LOCAL_NODES:
        raise ValueError(f"a local cluster has 1 to {MAX_LOCAL_NODES} nodes, not node {ordinal}")
    data_dir = settings.data_dir.expanduser().resolve()
    digest = hashlib.sha256(str(data_dir).encode()).hexdigest()[:8]
    cluster_name = f"newsarchive-{digest}"
    if running_as_root():
        base = ROOT_NODES_DIR / f"{_slug(data_dir)}-{digest}"
    else:
        base = settings.es_home_dir.expanduser().resolve()
    return NodeLayout(base=base, cluster_name=cluster_name, ordinal=ordinal)


def node_http_port(settings: Settings, ordinal: int) -> int:
    """HTTP port of node ``ordinal``: ``es_port`` for node 1, ``es_port + k - 1`` for node k."""
    return settings.es_port + ordinal - 1


def write_pointer_file(settings: Settings, layout: NodeLayout) -> None:
    """When the node lives outside data_dir (root), leave a note in data_dir saying where it is."""
    data_dir = settings.data_dir.expanduser().resolve()
    if layout.base.is_relative_to(data_dir):
        return
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / POINTER_FILE_NAME).write_text(
        "The archive's local Elasticsearch node for this data directory lives in\n"
        f"  {layout.base}\n"
        "because the archive runs as root and Elasticsearch must run as an unprivileged user,\n"
        "which cannot traverse directories such as /root. See docs/elasticsearch.md.\n",
        encoding="utf-8",
    )


def node_is_secured(settings: Settings) -> bool:
    """True when the local node of ``settings`` was last configured with security on."""
    return node_layout(settings).security_marker.is_file()


def local_node_url(settings: Settings, *, secure: bool | None = None) -> str:
    """URL of the local node: ``http://127.0.0.1:<settings.es_port>``, ``https://`` when ``secure`` (by
    default: when the node was last configured secured, see :func:`node_is_secured`)."""
    secured = node_is_secured(settings) if secure is None else secure
    return f"{'https' if secured else 'http'}://127.0.0.1:{settings.es_port}"
