"""Start, stop and inspect the local node process (detached, so it outlives the CLI that started it)."""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import time
from typing import Any

from newsarchive.config import Settings
from newsarchive.esnode.distribution import fetch_distribution
from newsarchive.esnode.errors import LocalNodeError, NodeStartError
from newsarchive.esnode.java import find_java_home
from newsarchive.esnode.layout import (
    NodeLayout,
    local_node_url,
    node_http_port,
    node_layout,
    running_as_root,
    write_pointer_file,
)
from newsarchive.esnode.locking import file_lock
from newsarchive.esnode.node_config import cluster_transport_port, write_node_config
from newsarchive.esnode.pidfile import is_node_process, node_processes, remove_pid, running_pid, write_pid
from newsarchive.esnode.plugin import PLUGIN_SOURCE_DIR, ensure_plugin, plugin_is_current
from newsarchive.esnode.probe import ProbeAccess, cluster_health, port_in_use
from newsarchive.esnode.security import ensure_security_material, indexer_probe_access, install_security
from newsarchive.esnode.topology import (
    ClusterPlan,
    cluster_layouts,
    existing_layouts,
    has_cluster_state,
    node_url,
    record_node_count,
    recorded_node_count,
    resolve_node_count,
)
from newsarchive.esnode.users import chown_tree, ensure_system_user

log = logging.getLogger(__name__)

#: Lines of the node's console log quoted when it fails to start.
LOG_TAIL_LINES = 40
#: Seconds to wait for a graceful shutdown after SIGTERM before SIGKILL.
STOP_GRACE_SECONDS = 60.0


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


def is_ours(health: dict[str, Any] | None, layout: NodeLayout) -> bool:
    """True when ``health`` (a ``_cluster/health`` body) is of this node's cluster (by its name)."""
    return health is not None and health.get("cluster_name") == layout.cluster_name


def probe_access(settings: Settings, layout: NodeLayout) -> ProbeAccess | None:
    """Credentials and TLS for the node's own probes: the indexer user over HTTPS when secured, else None."""
    return indexer_probe_access(settings) if layout.security_marker.is_file() else None


def _wait_healthy(
    url: str, layouts: list[NodeLayout], pids: dict[int, int], deadline: float, access: ProbeAccess | None = None
) -> None:
    """Poll until the cluster at ``url`` is ours, at least yellow and has all ``len(layouts)`` nodes; raise
    if one of the node processes ``pids`` (ordinal -> pid) dies or the deadline passes."""
    first = layouts[0]
    count = len(layouts)
    while True:
        remaining = deadline - time.monotonic()
        wait = max(1, min(5, int(remaining)))
        health = cluster_health(url, wait_seconds=wait, access=access, nodes=count) if remaining > 0 else None
        if (is_ours(health, first) and health is not None and health.get("status") in ("yellow", "green")
                and int(health.get("number_of_nodes", 0)) >= count):
            return
        for layout in layouts:
            pid = pids.get(layout.ordinal)
            if pid is not None and not is_node_process(pid, layout):
                _reap(pid)
                remove_pid(layout)
                raise NodeStartError(
                    f"the Elasticsearch node {layout.ordinal} (pid {pid}) exited during start-up. Last lines of "
                    f"{layout.console_log}:\n{_log_tail(layout)}"
                )
        if time.monotonic() >= deadline:
            tails = "\n".join(f"Last lines of {layout.console_log}:\n{_log_tail(layout)}" for layout in layouts)
            raise NodeStartError(
                f"Elasticsearch at {url} did not reach health yellow with {count} node(s) in time "
                f"(last health: {health}).\n{tails}"
            )
        time.sleep(1.0)


def _prepare_home(settings: Settings) -> None:
    """Fetch and unpack the distribution and install the analysis plugin (shared by all nodes)."""
    home = fetch_distribution(settings)
    ensure_plugin(settings, home)


def _prepare(settings: Settings, layout: NodeLayout, *, secure: bool, plan: ClusterPlan | None) -> None:
    for directory in (layout.data, layout.logs, layout.tmp):
        directory.mkdir(parents=True, exist_ok=True)
    write_node_config(settings, layout, secure=secure, plan=plan)
    if layout.ordinal == 1 and secure:
        install_security(settings, layout, ensure_security_material(settings, layout))
        layout.security_marker.write_text("HTTPS and file-realm users: see docs/security.md\n", encoding="utf-8")
    elif layout.ordinal == 1:
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


def _check_ports_free(settings: Settings, layout: NodeLayout, plan: ClusterPlan | None) -> None:
    """Refuse to start node ``layout`` when its HTTP (or, in a cluster, its fixed transport) port is taken."""
    ports = [node_http_port(settings, layout.ordinal)]
    if plan is not None:
        ports.append(cluster_transport_port(settings, layout.ordinal))
    for port in ports:
        if port_in_use(port):
            raise NodeStartError(
                f"127.0.0.1:{port} is already in use by another process (not the archive's node in "
                f"{layout.node_dir}); choose another NEWSARCHIVE_ES_PORT, or point NEWSARCHIVE_ES_URL at "
                "that cluster"
            )


def _stray_nodes(settings: Settings, count: int) -> list[int]:
    """Ordinals above ``count`` whose node still runs (a larger cluster was started before)."""
    return [layout.ordinal for layout in existing_layouts(settings)
            if layout.ordinal > count and (running_pid(layout) is not None or node_processes(layout))]


def _warn_on_mode_change(settings: Settings, layout: NodeLayout, secure: bool | None, was_secured: bool) -> None:
    if secure is not None and secure != was_secured:
        log.warning("the node runs with security %s; to change that run: newsarchive es restart %s",
                    "on" if was_secured else "off", "--secure" if secure else "--no-secure")
    if (PLUGIN_SOURCE_DIR / "pom.xml").is_file() and not plugin_is_current(layout.home):
        log.warning("the analysis plugin changed since this node started; run: newsarchive es restart")


def start_local_node(
    settings: Settings, *, timeout: float = 180.0, secure: bool | None = None, nodes: int | None = None
) -> str:
    """Make sure the archive's local node (or local cluster) for ``settings`` runs and is at least yellow with
    every node joined; return the URL of node 1.

    Idempotent: running nodes are only waited for; nodes that are down are started (so a cluster with one
    node killed gets it back). Otherwise fetches and unpacks Elasticsearch, builds and installs the analysis
    plugin when needed, writes the configuration, starts ``bin/elasticsearch`` for each node in its own
    session (as ``settings.es_user`` when root) and waits up to ``timeout`` seconds. Raises
    :class:`NodeStartError` with the console log tails if a process dies or the cluster stays unhealthy (the
    nodes this call started are then stopped), or when a port is taken by another process.

    ``nodes``: how many nodes (see :func:`newsarchive.esnode.topology.resolve_node_count`; default: as last
    started, else ``settings.es_nodes``). One node uses single-node discovery; two or more form a cluster on
    127.0.0.1 (node k: HTTP ``es_port + k - 1``, see :mod:`newsarchive.esnode.topology`).

    ``secure`` True starts it with security on (HTTPS with a local CA, file-realm users and roles, see
    :mod:`newsarchive.esnode.security`), False with security off; None keeps what the node had last time,
    or ``settings.es_secure`` for a new node. A running node keeps its mode (a warning says to restart).
    Security is supported for a single node only.
    """
    first = node_layout(settings)
    deadline = time.monotonic() + timeout
    first.base.mkdir(parents=True, exist_ok=True)
    with file_lock(first.base / ".start.lock"):
        count = resolve_node_count(settings, nodes)
        stray = _stray_nodes(settings, count)
        if stray:
            raise NodeStartError(f"node(s) {stray} of a larger local cluster still run; stop it first "
                                 "(newsarchive es stop) or start it with --nodes "
                                 f"{max(stray)}")
        layouts = cluster_layouts(settings, count)
        running = {layout.ordinal: pid for layout in layouts if (pid := running_pid(layout)) is not None}
        was_secured = first.security_marker.is_file()
        if len(running) == count:
            url = local_node_url(settings, secure=was_secured)
            _wait_healthy(url, layouts, running, deadline, probe_access(settings, first))
            _warn_on_mode_change(settings, first, secure, was_secured)
            return url
        secured = (settings.es_secure or was_secured) if secure is None else secure
        if count > 1 and secured:
            raise NodeStartError("a secured local node runs as a single node only; start the cluster with "
                                 "--no-secure, or the secured node without --nodes")
        if count > 1 and 1 in running and (recorded_node_count(first) or 1) == 1:
            raise NodeStartError("the local node runs as a single node; to make it a cluster run: "
                                 f"newsarchive es restart --nodes {count}")
        plan = ClusterPlan(count, bootstrap=not any(has_cluster_state(x) for x in layouts)) if count > 1 else None
        to_start = [layout for layout in layouts if layout.ordinal not in running]
        for layout in to_start:
            _check_ports_free(settings, layout, plan)
        if not running:
            _prepare_home(settings)  # never swap the distribution or plugin under a running node
        url = local_node_url(settings, secure=secured)
        started: dict[int, int] = {}
        try:
            for layout in to_start:
                _prepare(settings, layout, secure=secured, plan=plan)
                log.info("starting Elasticsearch node %d on %s (files in %s)", layout.ordinal,
                         node_url(settings, layout.ordinal, secure=secured), layout.node_dir)
                started[layout.ordinal] = _launch(settings, layout)
            _wait_healthy(url, layouts, {**running, **started}, deadline, probe_access(settings, first))
        except Exception:
            _terminate([layout for layout in to_start if layout.ordinal in started], grace=30.0)
            raise
        record_node_count(first, count)  # only a cluster that formed counts (a failed growth can be retried)
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


def _node_pids(layout: NodeLayout) -> list[int]:
    """The launcher from the pid file (when it is this node's) plus every other process of this node."""
    pid = running_pid(layout)
    return sorted({*([pid] if pid is not None else []), *node_processes(layout)})


def _signal(pids: list[int], signum: int) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signum)


def _terminate(layouts: list[NodeLayout], *, grace: float) -> bool:
    """SIGTERM every process of the nodes ``layouts``; after ``grace`` seconds SIGKILL what is left; wait until
    none is left and remove their pid files. Returns True when any process was running."""
    targets = {layout.ordinal: _node_pids(layout) for layout in layouts}
    if not any(targets.values()):
        for layout in layouts:
            remove_pid(layout)
        return False
    for layout in layouts:  # the launcher shuts its server down; a server without launcher gets it directly
        launcher = running_pid(layout)
        _signal([launcher] if launcher is not None else targets[layout.ordinal], signal.SIGTERM)
    deadline = time.monotonic() + grace
    killed = False
    while True:
        for pid in (p for ps in targets.values() for p in ps):
            _reap(pid)
        left = sorted({*(p for layout in layouts for p in node_processes(layout)),
                       *(p for layout in layouts if (p := running_pid(layout)) is not None)})
        if not left:
            break
        if time.monotonic() >= deadline:
            if killed:
                raise LocalNodeError(f"node process(es) {left} survived SIGKILL for {grace:.0f} s")
            log.warning("node process(es) %s did not stop within %.0f s; sending SIGKILL", left, grace)
            for pid in left:
                if _group_alive(pid):
                    with contextlib.suppress(ProcessLookupError, PermissionError):
                        os.killpg(pid, signal.SIGKILL)
            _signal(left, signal.SIGKILL)
            killed, deadline = True, time.monotonic() + grace
        time.sleep(0.3)
    for layout in layouts:
        remove_pid(layout)
    return True


def stop_local_node(settings: Settings, *, grace: float = STOP_GRACE_SECONDS) -> bool:
    """Stop every node of the local node or cluster of ``settings`` (SIGTERM to all at once, wait up to
    ``grace`` s, then SIGKILL), and wait until none of their processes is left.

    Returns True when a running node was stopped, False when none was running.
    """
    layout = node_layout(settings)
    if not layout.base.is_dir():
        return False
    with file_lock(layout.base / ".start.lock"):
        layouts = existing_layouts(settings)
        log.info("stopping Elasticsearch (%d node dir(s))", len(layouts))
        return _terminate(layouts, grace=grace)
