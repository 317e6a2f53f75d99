"""Running Maven (``mvn``) with a known JDK, for fetching the distribution and building the plugin."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from newsarchive.esnode.errors import LocalNodeError

#: Lines of Maven output quoted in an error message.
ERROR_TAIL_LINES = 40


def _maven_executable() -> Path:
    found = shutil.which("mvn")
    if found is None:
        raise LocalNodeError("Maven (mvn) is not on PATH; install it (Debian/Ubuntu: apt-get install maven).")
    return Path(found).resolve()


def run_maven(args: list[str], *, cwd: Path, java_home: Path, what: str) -> None:
    """Run ``mvn -B <args>`` in ``cwd`` with JAVA_HOME=java_home; raise LocalNodeError quoting its output.

    ``what`` names the step in the error message ("downloading Elasticsearch", ...).
    """
    mvn = _maven_executable()
    home = Path.home()
    env = {
        "PATH": f"{java_home / 'bin'}:{mvn.parent}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        # Java takes user.home (where ~/.m2 lives) from the passwd entry, not $HOME; keep them the same.
        "MAVEN_OPTS": f"-Duser.home={home}",
        "LANG": "C.UTF-8",
        "JAVA_HOME": str(java_home),
    }
    result = subprocess.run(
        [str(mvn), "-B", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip().splitlines()
        tail = "\n".join(output[-ERROR_TAIL_LINES:])
        raise LocalNodeError(f"{what} failed: mvn {' '.join(args)} exited {result.returncode} in {cwd}:\n{tail}")
