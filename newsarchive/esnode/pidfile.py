"""The node's pid file, and whether the pid in it is still our Elasticsearch process."""

from __future__ import annotations

import os
from pathlib import Path

from newsarchive.esnode.layout import NodeLayout


def read_pid(layout: NodeLayout) -> int | None:
    """Return the pid stored in ``layout.pid_file``, or None when missing or unreadable."""
    try:
        return int(layout.pid_file.read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None


def write_pid(layout: NodeLayout, pid: int) -> None:
    """Store ``pid`` in ``layout.pid_file``."""
    layout.pid_file.write_text(f"{pid}\n", encoding="utf-8")


def remove_pid(layout: NodeLayout) -> None:
    """Delete the pid file if present."""
    layout.pid_file.unlink(missing_ok=True)


def _environment(proc: Path) -> list[bytes]:
    try:
        return (proc / "environ").read_bytes().split(b"\0")
    except OSError:
        return []


def is_node_process(pid: int, layout: NodeLayout) -> bool:
    """True when ``pid`` is alive, not a zombie, its command line names this node's home and its environment
    this node's config dir (``ES_PATH_CONF``; nodes of a local cluster share the home, not the config dir).

    The checks keep a stale pid file from pointing at an unrelated process that reused the pid.
    """
    proc = Path("/proc") / str(pid)
    try:
        cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        status = (proc / "status").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    if "\nState:\tZ" in status:
        return False
    return str(layout.home) in cmdline and f"ES_PATH_CONF={layout.config_dir}".encode() in _environment(proc)


def node_processes(layout: NodeLayout) -> list[int]:
    """Every live process of this node, found in /proc by ``ES_PATH_CONF`` = the node's config dir in its
    environment: the launcher and the server JVM, even when the pid file is gone or names a dead launcher."""
    wanted = f"ES_PATH_CONF={layout.config_dir}".encode()
    found: list[int] = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        if wanted not in _environment(entry):
            continue
        try:
            status = (entry / "status").read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if "\nState:\tZ" not in status:
            found.append(int(entry.name))
    return sorted(found)


def running_pid(layout: NodeLayout) -> int | None:
    """Return the pid of this node's live process, or None (a stale pid file is removed)."""
    pid = read_pid(layout)
    if pid is None:
        return None
    if is_node_process(pid, layout):
        return pid
    if layout.pid_file.exists() and os.access(layout.pid_file.parent, os.W_OK):
        remove_pid(layout)
    return None
