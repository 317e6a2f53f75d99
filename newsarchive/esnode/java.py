"""Which JDK runs the local node: ``settings.es_java_home`` or the machine's Java 17."""

from __future__ import annotations

import re
from pathlib import Path

from newsarchive.config import Settings
from newsarchive.esnode.errors import LocalNodeError

#: Where Debian/Ubuntu and most Linux packages install JDKs.
JVM_DIR = Path("/usr/lib/jvm")
#: The Java major version the node runs on by default (the oldest Elasticsearch 8 supports, and what CI has).
JAVA_MAJOR = 17


def java_major_version(java_home: Path) -> int | None:
    """Return the major version named in ``<java_home>/release`` (``JAVA_VERSION="17.0.15"`` -> 17)."""
    try:
        text = (java_home / "release").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    match = re.search(r'^JAVA_VERSION="(\d+)', text, re.MULTILINE)
    return int(match.group(1)) if match else None


def _has_java(java_home: Path) -> bool:
    return (java_home / "bin" / "java").is_file()


def find_java_home(settings: Settings) -> Path:
    """Return the JDK to run Elasticsearch with.

    ``settings.es_java_home`` when set (it must contain bin/java); otherwise the first JDK under /usr/lib/jvm
    whose release file says Java 17. Raises :class:`LocalNodeError` naming what to install or set.
    """
    if settings.es_java_home is not None:
        home = settings.es_java_home.expanduser().resolve()
        if not _has_java(home):
            raise LocalNodeError(f"NEWSARCHIVE_ES_JAVA_HOME={home} has no bin/java")
        return home
    candidates = sorted(JVM_DIR.glob("*")) if JVM_DIR.is_dir() else []
    for candidate in candidates:
        if candidate.is_symlink():
            continue
        if _has_java(candidate) and java_major_version(candidate) == JAVA_MAJOR:
            return candidate
    raise LocalNodeError(
        f"No Java {JAVA_MAJOR} found under {JVM_DIR}. Install one (Debian/Ubuntu: "
        f"apt-get install openjdk-{JAVA_MAJOR}-jdk-headless) or set NEWSARCHIVE_ES_JAVA_HOME to a JDK home."
    )
