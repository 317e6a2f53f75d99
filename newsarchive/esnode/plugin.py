"""Build the project's analysis plugin (``es-plugin/``, Maven) and install it into the local node."""

from __future__ import annotations

import hashlib
import json
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

from newsarchive.config import PROJECT_ROOT, Settings
from newsarchive.esnode.errors import PluginError
from newsarchive.esnode.java import find_java_home
from newsarchive.esnode.layout import node_layout
from newsarchive.esnode.locking import file_lock
from newsarchive.esnode.maven import run_maven
from newsarchive.esnode.pidfile import running_pid

#: The plugin's Maven project.
PLUGIN_SOURCE_DIR = PROJECT_ROOT / "es-plugin"
#: Written into the node's home after an install: which plugin zip (name, sha256) is installed.
MARKER_FILE_NAME = ".newsarchive-plugin.json"
#: The plugin CLI runs out of memory with its default 64 MB heap while scanning a stable plugin.
PLUGIN_CLI_JAVA_OPTS = "-Xmx1g"
_POM_NS = {"m": "http://maven.apache.org/POM/4.0.0"}


@dataclass(frozen=True)
class PluginZip:
    """A built plugin zip: its path, the plugin name from its descriptor, and its sha256."""

    path: Path
    name: str
    sha256: str


def plugin_zip_path(source_dir: Path = PLUGIN_SOURCE_DIR) -> Path:
    """Return where ``mvn package`` puts the plugin zip: ``target/<artifactId>-<version>.zip`` of the pom."""
    pom = source_dir / "pom.xml"
    try:
        root = ET.parse(pom).getroot()
    except (OSError, ET.ParseError) as exc:
        raise PluginError(f"cannot read the plugin's Maven project {pom}: {exc}") from exc
    artifact = root.findtext("m:artifactId", namespaces=_POM_NS)
    version = root.findtext("m:version", namespaces=_POM_NS)
    if not artifact or not version:
        raise PluginError(f"{pom}: <artifactId> or <version> missing")
    return source_dir / "target" / f"{artifact}-{version}.zip"


def _newest_source_mtime(source_dir: Path) -> float:
    files = [source_dir / "pom.xml", *(p for p in (source_dir / "src").rglob("*") if p.is_file())]
    return max(p.stat().st_mtime for p in files)


def plugin_zip_is_stale(source_dir: Path = PLUGIN_SOURCE_DIR) -> bool:
    """True when the plugin zip is missing or older than any file of pom.xml and src/."""
    zip_path = plugin_zip_path(source_dir)
    return not zip_path.is_file() or zip_path.stat().st_mtime < _newest_source_mtime(source_dir)


def _describe_zip(path: Path) -> PluginZip:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            descriptor = next(
                (n for n in ("stable-plugin-descriptor.properties", "plugin-descriptor.properties") if n in names),
                None,
            )
            if descriptor is None:
                raise PluginError(f"{path} has no plugin descriptor")
            text = archive.read(descriptor).decode("utf-8")
    except zipfile.BadZipFile as exc:
        raise PluginError(f"{path} is not a valid zip file: {exc}") from exc
    properties = dict(
        line.split("=", 1) for line in text.splitlines() if "=" in line and not line.lstrip().startswith("#")
    )
    name = properties.get("name", "").strip()
    if not name:
        raise PluginError(f"{path}: {descriptor} has no name=")
    return PluginZip(path=path, name=name, sha256=hashlib.sha256(path.read_bytes()).hexdigest())


def build_plugin(settings: Settings, source_dir: Path = PLUGIN_SOURCE_DIR) -> PluginZip:
    """Build the plugin zip with ``mvn -q package`` when it is missing or older than its sources; describe it."""
    if not (source_dir / "pom.xml").is_file():
        raise PluginError(
            f"the analysis plugin's sources are not at {source_dir} (run the archive from a source checkout)"
        )
    zip_path = plugin_zip_path(source_dir)
    if plugin_zip_is_stale(source_dir):
        with file_lock(source_dir / "target" / ".build.lock"):
            if plugin_zip_is_stale(source_dir):  # another process may have built it meanwhile
                run_maven(["-q", "package"], cwd=source_dir, java_home=find_java_home(settings),
                          what="building the analysis plugin")
                if not zip_path.is_file():
                    raise PluginError(f"mvn package did not produce {zip_path}")
    return _describe_zip(zip_path)


def installed_plugin(home: Path) -> dict[str, str] | None:
    """Return the marker of the plugin installed into ``home`` ({"name", "sha256", "zip"}), or None."""
    try:
        data = json.loads((home / MARKER_FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not (home / "plugins" / str(data.get("name", ""))).is_dir():
        return None
    return {str(k): str(v) for k, v in data.items()}


def _plugin_cli(settings: Settings, home: Path, args: list[str]) -> None:
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(Path.home()),
        "LANG": "C.UTF-8",
        "ES_JAVA_HOME": str(find_java_home(settings)),
        "CLI_JAVA_OPTS": PLUGIN_CLI_JAVA_OPTS,
    }
    result = subprocess.run(
        [str(home / "bin" / "elasticsearch-plugin"), *args],
        cwd=home, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        raise PluginError(f"elasticsearch-plugin {' '.join(args)} exited {result.returncode}:\n{output}")


def ensure_plugin(settings: Settings, home: Path, *, source_dir: Path = PLUGIN_SOURCE_DIR) -> None:
    """Make the node at ``home`` have the current analysis plugin installed.

    Builds the zip when it is missing or older than its sources, then installs it when no plugin is installed
    or the installed zip's sha256 differs (reinstall = remove + install). Refuses (PluginError) to change the
    plugins of a node that is running: stop it first.
    """
    plugin = build_plugin(settings, source_dir)
    installed = installed_plugin(home)
    if installed is not None and installed.get("sha256") == plugin.sha256 and installed.get("name") == plugin.name:
        return
    layout = node_layout(settings)
    pid = running_pid(layout) if layout.home == home else None
    if pid is not None:
        raise PluginError(
            f"the analysis plugin changed but the node (pid {pid}) is running; restart it: newsarchive es restart"
        )
    with file_lock(home.parent / ".plugin.lock"):
        for name in {plugin.name, (installed or {}).get("name", "")} - {""}:
            if (home / "plugins" / name).exists():
                _plugin_cli(settings, home, ["remove", "--purge", name])
        (home / MARKER_FILE_NAME).unlink(missing_ok=True)
        _plugin_cli(settings, home, ["install", "--batch", plugin.path.resolve().as_uri()])
        (home / MARKER_FILE_NAME).write_text(
            json.dumps({"name": plugin.name, "sha256": plugin.sha256, "zip": str(plugin.path)}, indent=2) + "\n",
            encoding="utf-8",
        )


def plugin_is_current(home: Path, source_dir: Path = PLUGIN_SOURCE_DIR) -> bool:
    """True when ``home`` has a plugin installed from the current zip and the zip is not older than its
    sources (no build, no install: a cheap check for a running node)."""
    installed = installed_plugin(home)
    if installed is None or not (source_dir / "pom.xml").is_file() or plugin_zip_is_stale(source_dir):
        return False
    zip_path = plugin_zip_path(source_dir)
    return installed.get("sha256") == hashlib.sha256(zip_path.read_bytes()).hexdigest()
