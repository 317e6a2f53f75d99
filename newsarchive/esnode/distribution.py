"""Download (with Maven, cached) and unpack the minimal Elasticsearch distribution for the local node."""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import zipfile
from pathlib import Path

from newsarchive.config import ES_VERSION, Settings
from newsarchive.esnode.errors import DistributionError
from newsarchive.esnode.java import find_java_home
from newsarchive.esnode.layout import NodeLayout, node_layout
from newsarchive.esnode.locking import file_lock
from newsarchive.esnode.maven import run_maven
from newsarchive.esnode.pidfile import running_pid

#: Maven coordinates of the minimal (no-JDK, few modules) distribution, published to Maven Central.
DISTRIBUTION_ARTIFACT = f"org.elasticsearch.distribution.integ-test-zip:elasticsearch:{ES_VERSION}:zip"
#: Written into the unpacked home: which zip (version, sha256) it came from.
MARKER_FILE_NAME = ".newsarchive-distribution.json"


def distribution_zip_path(settings: Settings) -> Path:
    """Where the downloaded distribution zip is cached."""
    return settings.cache_dir.expanduser().resolve() / f"elasticsearch-{ES_VERSION}.zip"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _checksum_path(zip_path: Path) -> Path:
    return zip_path.with_name(zip_path.name + ".sha256")


def _cached_zip_is_valid(zip_path: Path) -> bool:
    checksum = _checksum_path(zip_path)
    if not zip_path.is_file() or not checksum.is_file():
        return False
    return checksum.read_text(encoding="utf-8").strip() == _sha256(zip_path)


def download_distribution(settings: Settings) -> Path:
    """Return the path of the cached distribution zip, downloading it with Maven when missing or corrupt.

    The download runs ``mvn dependency:copy`` with strict checksums (Maven checks the repository's sha1),
    then every zip member's CRC is tested, then a sha256 is stored beside the zip and checked on later calls.
    """
    zip_path = distribution_zip_path(settings)
    with file_lock(zip_path.with_name(zip_path.name + ".lock")):
        if _cached_zip_is_valid(zip_path):
            return zip_path
        zip_path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=zip_path.parent, prefix=".download-") as tmp:
            tmp_dir = Path(tmp)
            run_maven(
                ["-q", "--strict-checksums", "dependency:copy", f"-Dartifact={DISTRIBUTION_ARTIFACT}",
                 f"-DoutputDirectory={tmp_dir}"],
                cwd=tmp_dir,
                java_home=find_java_home(settings),
                what=f"downloading Elasticsearch {ES_VERSION}",
            )
            downloaded = tmp_dir / f"elasticsearch-{ES_VERSION}.zip"
            if not downloaded.is_file():
                raise DistributionError(f"mvn dependency:copy did not produce {downloaded.name} in {tmp_dir}")
            _test_zip(downloaded)
            checksum = _sha256(downloaded)
            downloaded.replace(zip_path)
            _checksum_path(zip_path).write_text(checksum + "\n", encoding="utf-8")
        return zip_path


def _test_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            bad = archive.testzip()
    except zipfile.BadZipFile as exc:
        raise DistributionError(f"{path} is not a valid zip file: {exc}") from exc
    if bad is not None:
        raise DistributionError(f"{path}: member {bad} fails its CRC check")


def _read_marker(home: Path) -> dict[str, str] | None:
    try:
        data = json.loads((home / MARKER_FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _unpack(zip_path: Path, destination: Path) -> None:
    """Unpack the zip's single top directory as ``destination``, keeping the members' permission bits."""
    top = f"elasticsearch-{ES_VERSION}/"
    staging = destination.with_name(destination.name + ".unpacking")
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    with zipfile.ZipFile(zip_path) as archive:
        for member in archive.infolist():
            if not member.filename.startswith(top):
                raise DistributionError(f"{zip_path}: unexpected member {member.filename} outside {top}")
            relative = member.filename[len(top):]
            if not relative:
                continue
            target = staging / relative
            if not target.resolve().is_relative_to(staging.resolve()):
                raise DistributionError(f"{zip_path}: member {member.filename} escapes the target directory")
            if member.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(member) as source, target.open("wb") as sink:
                shutil.copyfileobj(source, sink)
            mode = (member.external_attr >> 16) & 0o777
            target.chmod(mode or 0o644)
    if destination.exists():
        shutil.rmtree(destination)
    staging.rename(destination)


def unpack_distribution(zip_path: Path, layout: NodeLayout) -> Path:
    """Unpack ``zip_path`` into ``layout.home`` unless the home already came from this exact zip.

    Replacing the home drops installed plugins and config (both are recreated on start); data and logs live
    outside the home and are kept. Returns the home.
    """
    checksum = _checksum_path(zip_path).read_text(encoding="utf-8").strip()
    marker = _read_marker(layout.home)
    if marker is not None and marker.get("version") == ES_VERSION and marker.get("sha256") == checksum:
        return layout.home
    pid = running_pid(layout)
    if pid is not None:
        raise DistributionError(
            f"the node in {layout.base} (pid {pid}) runs another distribution than {zip_path.name}; "
            "stop it first (newsarchive es stop)"
        )
    _unpack(zip_path, layout.home)
    (layout.home / MARKER_FILE_NAME).write_text(
        json.dumps({"version": ES_VERSION, "sha256": checksum, "zip": str(zip_path)}, indent=2) + "\n",
        encoding="utf-8",
    )
    return layout.home


def fetch_distribution(settings: Settings) -> Path:
    """Make sure Elasticsearch ES_VERSION is downloaded (cached in settings.cache_dir) and unpacked into the
    local node's home (see :mod:`newsarchive.esnode.layout`); return that home. Idempotent and cheap when
    nothing changed (one sha256 of the cached zip).
    """
    layout = node_layout(settings)
    zip_path = download_distribution(settings)
    with file_lock(layout.base / ".prepare.lock"):
        return unpack_distribution(zip_path, layout)
