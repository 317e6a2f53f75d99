"""Start, stop and inspect the local node process (detached, so it outlives the CLI that started it)."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsarchive.config import Settings
from newsarchive.esnode.distribution import fetch_distribution
from newsarchive.esnode.errors import NodeStartError
from newsarchive.esnode.java import find_java_home
from newsarchive.esnode.layout import (
    NodeLayout,
    local_node_url,
    node_layout,
    running_as_root,
    write_pointer_file,
)
from newsarchive.esnode.locking import file_lock
from newsarchive.esnode.node_config import write_node_config
from newsarchive.esnode.pidfile import is_node_process, remove_pid, running_pid, write_pid
from newsarchive.esnode.plugin import PLUGIN_SOURCE_DIR, ensure_plugin, plugin_is_current
from newsarchive.esnode.probe import ProbeAccess, cluster_health, node_version, port_in_use
from newsarchive.esnode.security import ensure_security_material, indexer_probe_access, install_security
from newsarchive.esnode.users import chown_tree, ensure_system_user

log = logging.getLogger(__name__)

#: Lines of the node's console log quoted when it fails to start.
LOG_TAIL_LINES = 40
#: Seconds to wait for a graceful shutdown after SIGTERM before SIGKILL.
STOP_GRACE_SECONDS = 60.0


@dataclass(frozen=True)
class NodeStatus:
    """What ``newsarchive es status`` shows about the local node."""

    running: bool
    pid: int | None
    url: str
    health: str | None
    version: str | None
    base_dir: Path
    log_file: Path


def _log_tail(layout: NodeLayout) -> str:
    try:
        lines = layout.console_log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return "(no console log)"
    return "\n".join(lines[-LOG_TAIL_LINES:]) or "(console log is empty)"


def _node_env(settings: Settings, layout: NodeLayout) -> dict[str, str]:
    return {
        "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "HOME": str(layout.base),
        "LANG": "C.UTF-8",
        "ES_JAVA_HOME": str(find_java_home(settings)),
        "ES_PATH_CONF": str(layout.config_dir),
        "ES_TMPDIR": str(layout.tmp),
    }


def _ours(health: dict[str, Any] | None, layout: NodeLayout) -> bool:
    return health is not None and health.get("cluster_name") == layout.cluster_name


def _probe_access(settings: Settings, layout: NodeLayout) -> ProbeAccess | None:
    """Credentials and TLS for the node's own probes: the indexer user over HTTPS when secured, else None."""
    return indexer_probe_access(settings) if layout.security_marker.is_file() else None


def _wait_healthy(
    url: str, layout: NodeLayout, pid: int, deadline: float, access: ProbeAccess | None = None
) -> None:
    """Poll until the node at ``url`` is this node and at least yellow; raise if the process dies."""
    while True:
        remaining = deadline - time.monotonic()
        wait = max(1, min(5, int(remaining)))
        health = cluster_health(url, wait_seconds=wait, access=access) if remaining > 0 else None
        if _ours(health, layout) and health is not None and health.get("status") in ("yellow", "green"):
            return
        if not is_node_process(pid, layout):
            _reap(pid)
            remove_pid(layout)
            raise NodeStartError(
                f"the Elasticsearch node (pid {pid}) exited during start-up. Last lines of "
                f"{layout.console_log}:\n{_log_tail(layout)}"
            )
        if time.monotonic() >= deadline:
            raise NodeStartError(
                f"the Elasticsearch node (pid {pid}) did not reach health yellow at {url} in time "
                f"(last health: {health}). Last lines of {layout.console_log}:\n{_log_tail(layout)}"
            )
        time.sleep(1.0)


def _prepare(settings: Settings, layout: NodeLayout, *, secure: bool) -> None:
    home = fetch_distribution(settings)
    ensure_plugin(settings, home)
    for directory in (layout.data, layout.logs, layout.tmp):
        directory.mkdir(parents=True, exist_ok=True)
    write_node_config(settings, layout, secure=secure)
    if secure:
        install_security(settings, layout, ensure_security_material(settings, layout))
        layout.security_marker.write_text("HTTPS and file-realm users: see docs/security.md\n", encoding="utf-8")
    else:
        layout.security_marker.unlink(missing_ok=True)
    layout.console_log.write_text("", encoding="utf-8")


def _launch(settings: Settings, layout: NodeLayout) -> int:
    owner: dict[str, Any] = {}
    if running_as_root():
        user = ensure_system_user(settings.es_user)
        layout.base.parent.chmod(0o755)
        chown_tree(layout.base, user)
        write_pointer_file(settings, layout)
        owner = {"user": user.uid, "group": user.gid, "extra_groups": []}
    with layout.console_log.open("ab") as console:
        process = subprocess.Popen(
            [str(layout.home / "bin" / "elasticsearch")],
            cwd=layout.home,
            env=_node_env(settings, layout),
            stdin=subprocess.DEVNULL,
            stdout=console,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            close_fds=True,
            **owner,
        )
    write_pid(layout, process.pid)
    return process.pid


def start_local_node(settings: Settings, *, timeout: float = 180.0, secure: bool | None = None) -> str:
    """Make sure the archive's local node for ``settings`` runs and is at least yellow; return its URL.

    Idempotent: a running node is only waited for. Otherwise fetches and unpacks Elasticsearch, builds and
    installs the analysis plugin when needed, writes the configuration, starts ``bin/elasticsearch`` in its
    own session (as ``settings.es_user`` when root) and waits up to ``timeout`` seconds. Raises
    :class:`NodeStartError` with the console log tail if the process dies or stays unhealthy (a node that
    timed out is stopped), or when the port is taken by another process.

    ``secure`` True starts it with security on (HTTPS with a local CA, file-realm users and roles, see
    :mod:`newsarchive.esnode.security`), False with security off; None keeps what the node had last time,
    or ``settings.es_secure`` for a new node. A running node keeps its mode (a warning says to restart).
    """
    layout = node_layout(settings)
    deadline = time.monotonic() + timeout
    layout.base.mkdir(parents=True, exist_ok=True)
    with file_lock(layout.base / ".start.lock"):
        was_secured = layout.security_marker.is_file()
        pid = running_pid(layout)
        if pid is not None:
            url = local_node_url(settings, secure=was_secured)
            _wait_healthy(url, layout, pid, deadline, _probe_access(settings, layout))
            if secure is not None and secure != was_secured:
                log.warning("the node runs with security %s; to change that run: newsarchive es restart %s",
                            "on" if was_secured else "off", "--secure" if secure else "--no-secure")
            if (PLUGIN_SOURCE_DIR / "pom.xml").is_file() and not plugin_is_current(layout.home):
                log.warning("the analysis plugin changed since this node started; run: newsarchive es restart")
            return url
        secured = (settings.es_secure or was_secured) if secure is None else secure
        url = local_node_url(settings, secure=secured)
        if port_in_use(settings.es_port):
            raise NodeStartError(
                f"127.0.0.1:{settings.es_port} is already in use by another process (not the archive's node in "
                f"{layout.base}); choose another NEWSARCHIVE_ES_PORT, or point NEWSARCHIVE_ES_URL at that cluster"
            )
        _prepare(settings, layout, secure=secured)
        log.info("starting Elasticsearch on %s (files in %s)", url, layout.base)
        pid = _launch(settings, layout)
        try:
            _wait_healthy(url, layout, pid, deadline, _probe_access(settings, layout))
        except NodeStartError:
            if is_node_process(pid, layout):
                _terminate(pid, layout, grace=30.0)
            raise
    return url


def _reap(pid: int) -> None:
    """Collect the exit status when ``pid`` is our own child (a node started in this process), else no-op."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _terminate(pid: int, layout: NodeLayout, *, grace: float) -> None:
    """SIGTERM the node's launcher; after ``grace`` seconds SIGKILL its whole process group."""
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        _reap(pid)
        if not is_node_process(pid, layout) and not _group_alive(pid):
            break
        time.sleep(0.5)
    else:
        log.warning("node pid %s did not stop within %.0f s; sending SIGKILL", pid, grace)
        if _group_alive(pid):
            os.killpg(pid, signal.SIGKILL)
        while _group_alive(pid) or is_node_process(pid, layout):
            _reap(pid)
            time.sleep(0.2)
    remove_pid(layout)


def stop_local_node(settings: Settings, *, grace: float = STOP_GRACE_SECONDS) -> bool:
    """Stop the local node of ``settings`` (SIGTERM, wait up to ``grace`` s, then SIGKILL).

    Returns True when a running node was stopped, False when none was running.
    """
    layout = node_layout(settings)
    if not layout.base.is_dir():
        return False
    with file_lock(layout.base / ".start.lock"):
        pid = running_pid(layout)
        if pid is None:
            return False
        log.info("stopping Elasticsearch (pid %s)", pid)
        _terminate(pid, layout, grace=grace)
        return True


def node_status(settings: Settings) -> NodeStatus:
    """Describe the local node of ``settings``: process, URL, cluster health and version (no side effects)."""
    layout = node_layout(settings)
    url = local_node_url(settings)
    pid = running_pid(layout) if layout.base.is_dir() else None
    access = _probe_access(settings, layout) if pid is not None else None
    health = cluster_health(url, access=access) if pid is not None else None
    ours = _ours(health, layout)
    return NodeStatus(
        running=pid is not None,
        pid=pid,
        url=url,
        health=str(health.get("status")) if ours and health is not None else None,
        version=node_version(url, access) if ours else None,
        base_dir=layout.base,
        log_file=layout.console_log,
    )
