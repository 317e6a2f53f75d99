"""The unprivileged system user that runs the node when the archive is started as root."""

from __future__ import annotations

import os
import pwd
import subprocess
from dataclasses import dataclass
from pathlib import Path

from newsarchive.esnode.errors import LocalNodeError


@dataclass(frozen=True)
class SystemUser:
    """A user name with its uid and primary gid."""

    name: str
    uid: int
    gid: int


def ensure_system_user(name: str) -> SystemUser:
    """Return the user ``name``, creating it first (``useradd --system``, no login shell) when missing.

    Must run as root when the user does not exist yet.
    """
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        result = subprocess.run(
            ["useradd", "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
             "--shell", "/usr/sbin/nologin", "--comment", "newsarchive Elasticsearch node", name],
            capture_output=True, text=True, check=False,
        )
        if result.returncode != 0:
            raise LocalNodeError(f"useradd {name} failed ({result.returncode}): {result.stderr.strip()}") from None
        entry = pwd.getpwnam(name)
    return SystemUser(name=name, uid=entry.pw_uid, gid=entry.pw_gid)


def chown_tree(root: Path, user: SystemUser) -> None:
    """Give ``root`` and everything below it (symlinks themselves, not their targets) to ``user``."""
    os.chown(root, user.uid, user.gid, follow_symlinks=False)
    for directory, dirnames, filenames in os.walk(root):
        for name in (*dirnames, *filenames):
            path = os.path.join(directory, name)
            stat = os.lstat(path)
            if stat.st_uid != user.uid or stat.st_gid != user.gid:
                os.chown(path, user.uid, user.gid, follow_symlinks=False)
