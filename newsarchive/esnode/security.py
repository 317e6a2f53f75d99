"""Security for the local node (``newsarchive es start --secure``): a local CA and HTTPS certificate, the
archive's roles and file-realm users, and their generated passwords.

Everything secret lives in ``<data_dir>/es-security/`` (mode 0700, owned by the user running the archive):

- ``ca/ca.crt``, ``ca/ca.key``: a CA made once with ``bin/elasticsearch-certutil ca``;
- ``http/http.crt``, ``http/http.key``: the node's HTTPS certificate for 127.0.0.1 and localhost, signed by
  that CA (``bin/elasticsearch-certutil cert``);
- ``credentials/<user>.json``: each user's generated password, mode 0600 (see
  :mod:`newsarchive.esnode.credentials`);
- ``realm/users``, ``realm/users_roles``: the file realm's users with bcrypt hashes, written by
  ``bin/elasticsearch-users useradd`` (the password goes in on stdin, never on a command line).

On every secured start :func:`install_security` copies the certificate, key and realm files into the node's
config dir and writes ``roles.yml`` for the current index prefix. See docs/security.md.
"""

from __future__ import annotations

import secrets
import shutil
import ssl
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pydantic import SecretStr

from newsarchive.config import Settings
from newsarchive.esnode.credentials import Credentials, read_credentials_file, write_credentials_file
from newsarchive.esnode.errors import LocalNodeError
from newsarchive.esnode.java import find_java_home
from newsarchive.esnode.layout import NodeLayout
from newsarchive.esnode.locking import file_lock
from newsarchive.esnode.probe import ProbeAccess

#: Role of the web app: search and read the archive's aliases and indices, nothing else.
READER_ROLE = "newsarchive_reader"
#: Role of the indexer and the lifecycle commands: create, write, manage the archive's indices and aliases.
WRITER_ROLE = "newsarchive_writer"
#: The web app's user.
WEB_USER = "newsarchive_web"
#: The indexer's and lifecycle commands' user.
INDEXER_USER = "newsarchive_indexer"
#: A superuser for an operator's manual administration; no component of the archive uses it.
ADMIN_USER = "newsarchive_admin"
#: Every file-realm user the archive creates, with its one role.
USER_ROLES = {WEB_USER: READER_ROLE, INDEXER_USER: WRITER_ROLE, ADMIN_USER: "superuser"}
#: Name of the directory under data_dir that holds the CA, certificates, realm files and credentials.
SECURITY_DIR_NAME = "es-security"
#: Directory inside the node's config dir that receives the HTTPS certificate and key on each start.
TLS_CONFIG_DIR_NAME = "newsarchive-tls"
#: Seconds one security CLI call (a JVM start) may take.
CLI_TIMEOUT_SECONDS = 180


@dataclass(frozen=True)
class SecurityFiles:
    """Paths of the security material under ``<data_dir>/es-security``."""

    base: Path

    @property
    def ca_cert(self) -> Path:
        """The local CA's certificate (PEM): what clients verify the node against."""
        return self.base / "ca" / "ca.crt"

    @property
    def ca_key(self) -> Path:
        """The local CA's private key (only used to sign the node's certificate)."""
        return self.base / "ca" / "ca.key"

    @property
    def http_cert(self) -> Path:
        """The node's HTTPS certificate (PEM, for 127.0.0.1 and localhost)."""
        return self.base / "http" / "http.crt"

    @property
    def http_key(self) -> Path:
        """The node's HTTPS private key (PEM)."""
        return self.base / "http" / "http.key"

    @property
    def users_file(self) -> Path:
        """The file realm's ``users`` (user:bcrypt hash)."""
        return self.base / "realm" / "users"

    @property
    def users_roles_file(self) -> Path:
        """The file realm's ``users_roles`` (role:user,...)."""
        return self.base / "realm" / "users_roles"

    def credentials_file(self, username: str) -> Path:
        """The owner-only JSON file holding ``username``'s generated password."""
        return self.base / "credentials" / f"{username}.json"


def security_files(settings: Settings) -> SecurityFiles:
    """Return where the security material of ``settings.data_dir`` lives (no files are touched)."""
    return SecurityFiles(base=settings.data_dir.expanduser().resolve() / SECURITY_DIR_NAME)


def archive_index_pattern(settings: Settings) -> str:
    """The index pattern both roles grant on: every alias and index of the archive, ``<prefix>articles*``."""
    return f"{settings.index_prefix}articles*"


def roles_yml(settings: Settings) -> str:
    """Return the node's ``roles.yml``: the reader and writer roles on :func:`archive_index_pattern`.

    The reader may only check cluster health (the web app's /api/health and start-up wait), run ``_analyze``
    without an index (the analysis-plugin check at start-up: action ``cluster:admin/analyze``, otherwise only
    in the cluster privilege ``manage``) and read the archive. The writer gets cluster ``monitor`` (health,
    node info) and the same ``_analyze``, and reads, writes and manages the archive's indices and aliases.
    """
    pattern = archive_index_pattern(settings).replace('"', "")
    return (
        "# Written by newsarchive (newsarchive/esnode/security.py) on every secured start; edits are overwritten.\n"
        f"{READER_ROLE}:\n"
        '  cluster: ["cluster:monitor/health", "cluster:admin/analyze"]\n'
        "  indices:\n"
        f'    - names: ["{pattern}"]\n'
        '      privileges: ["read", "view_index_metadata"]\n'
        f"{WRITER_ROLE}:\n"
        '  cluster: ["monitor", "cluster:admin/analyze"]\n'
        "  indices:\n"
        f'    - names: ["{pattern}"]\n'
        '      privileges: ["read", "write", "create_index", "manage", "view_index_metadata"]\n'
    )


def _cli_env(settings: Settings, config_dir: Path) -> dict[str, str]:
    return {
        "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "LANG": "C.UTF-8",
        "ES_JAVA_HOME": str(find_java_home(settings)),
        "ES_PATH_CONF": str(config_dir),
    }


def _run_tool(
    settings: Settings, layout: NodeLayout, tool: str, args: list[str], *, config_dir: Path, stdin: str = ""
) -> None:
    """Run ``bin/elasticsearch-<tool> ARGS``; raise LocalNodeError with its output (stdin is never shown)."""
    result = subprocess.run(
        [str(layout.home / "bin" / f"elasticsearch-{tool}"), *args],
        cwd=layout.home, env=_cli_env(settings, config_dir), input=stdin, capture_output=True, text=True,
        timeout=CLI_TIMEOUT_SECONDS, check=False,
    )
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        for secret in stdin.split():
            output = output.replace(secret, "********")
        raise LocalNodeError(f"elasticsearch-{tool} {args[0]} exited {result.returncode}:\n{output[-3000:]}")


def _certutil_pem(settings: Settings, layout: NodeLayout, args: list[str], destination: Path, name: str) -> None:
    """Run ``elasticsearch-certutil ARGS --pem`` and unpack its ``<name>/`` zip entries into ``destination``."""
    with tempfile.TemporaryDirectory(dir=destination.parent, prefix=".certutil-") as tmp:
        out = Path(tmp) / "out.zip"
        _run_tool(settings, layout, "certutil", [*args, "--pem", "--silent", "--out", str(out)],
                  config_dir=layout.config_dir)
        destination.mkdir(mode=0o700, parents=True, exist_ok=True)
        with zipfile.ZipFile(out) as archive:
            for member in archive.infolist():
                if member.is_dir() or not member.filename.startswith(f"{name}/"):
                    continue
                target = destination / Path(member.filename).name
                target.write_bytes(archive.read(member))
                target.chmod(0o600 if target.suffix == ".key" else 0o644)


def _ensure_certificates(settings: Settings, layout: NodeLayout, files: SecurityFiles) -> None:
    if not (files.ca_cert.is_file() and files.ca_key.is_file()):
        _certutil_pem(settings, layout, ["ca"], files.ca_cert.parent, "ca")
    if not (files.http_cert.is_file() and files.http_key.is_file()):
        _certutil_pem(
            settings, layout,
            ["cert", "--ca-cert", str(files.ca_cert), "--ca-key", str(files.ca_key), "--name", "http",
             "--ip", "127.0.0.1", "--dns", "localhost"],
            files.http_cert.parent, "http",
        )


def _users_are_complete(files: SecurityFiles) -> bool:
    if not files.users_file.is_file() or not files.users_roles_file.is_file():
        return False
    names = {line.split(":", 1)[0] for line in files.users_file.read_text(encoding="utf-8").splitlines()}
    return set(USER_ROLES) <= names and all(files.credentials_file(user).is_file() for user in USER_ROLES)


def _create_users(settings: Settings, layout: NodeLayout, files: SecurityFiles) -> None:
    """Generate a password per user, store it (0600), and write the realm files with ``elasticsearch-users``
    run against a scratch copy of the node's config dir (the node's own config is touched only on install)."""
    with tempfile.TemporaryDirectory(dir=files.base, prefix=".users-") as tmp:
        scratch = Path(tmp) / "config"
        shutil.copytree(layout.config_dir, scratch)
        for name in ("users", "users_roles"):
            (scratch / name).write_text("", encoding="utf-8")
        (scratch / "roles.yml").write_text(roles_yml(settings), encoding="utf-8")
        for username, role in USER_ROLES.items():
            password = secrets.token_urlsafe(24)
            _run_tool(settings, layout, "users", ["useradd", username, "-r", role],
                      config_dir=scratch, stdin=f"{password}\n{password}\n")
            write_credentials_file(files.credentials_file(username),
                                   Credentials(username=username, password=SecretStr(password)))
        files.users_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        for name, target in (("users", files.users_file), ("users_roles", files.users_roles_file)):
            shutil.copyfile(scratch / name, target)
            target.chmod(0o600)


def ensure_security_material(settings: Settings, layout: NodeLayout) -> SecurityFiles:
    """Create, once, the CA, the node's HTTPS certificate, the users' passwords and the realm files under
    ``<data_dir>/es-security`` (kept across restarts and distribution upgrades); return their paths.

    Needs the unpacked distribution in ``layout.home`` (its certutil and users tools). Idempotent.
    """
    files = security_files(settings)
    files.base.mkdir(mode=0o700, parents=True, exist_ok=True)
    files.base.chmod(0o700)
    with file_lock(files.base / ".lock"):
        _ensure_certificates(settings, layout, files)
        if not _users_are_complete(files):
            _create_users(settings, layout, files)
    return files


def install_security(settings: Settings, layout: NodeLayout, files: SecurityFiles) -> None:
    """Copy the HTTPS certificate and key and the realm files into the node's config dir and write its
    ``roles.yml`` for ``settings.index_prefix`` (the node reloads roles and users when these files change)."""
    tls_dir = layout.config_dir / TLS_CONFIG_DIR_NAME
    tls_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    for source, mode in ((files.http_cert, 0o644), (files.http_key, 0o600)):
        target = tls_dir / source.name
        shutil.copyfile(source, target)
        target.chmod(mode)
    for source in (files.users_file, files.users_roles_file):
        target = layout.config_dir / source.name
        shutil.copyfile(source, target)
        target.chmod(0o600)
    (layout.config_dir / "roles.yml").write_text(roles_yml(settings), encoding="utf-8")


def security_yml_lines() -> list[str]:
    """The elasticsearch.yml lines of a secured node: security on, HTTPS with the archive's certificate,
    only the file realm (no built-in users, no native realm, no anonymous access)."""
    return [
        "xpack.security.enabled: true",
        "xpack.security.http.ssl.enabled: true",
        f"xpack.security.http.ssl.certificate: {TLS_CONFIG_DIR_NAME}/http.crt",
        f"xpack.security.http.ssl.key: {TLS_CONFIG_DIR_NAME}/http.key",
        "xpack.security.transport.ssl.enabled: false",
        "xpack.security.authc.reserved_realm.enabled: false",
        "xpack.security.authc.realms.file.newsarchive_file.order: 0",
    ]


def local_ca_context(files: SecurityFiles) -> ssl.SSLContext:
    """An SSL context that trusts only the local CA (hostname checked: the certificate names 127.0.0.1)."""
    return ssl.create_default_context(cafile=str(files.ca_cert))


def indexer_probe_access(settings: Settings) -> ProbeAccess:
    """How the node's own probes (start-up wait, status) reach a secured node: HTTPS verified against the
    local CA, as the indexer user (cluster ``monitor``). Raises LocalNodeError when the material is missing."""
    files = security_files(settings)
    try:
        credentials = read_credentials_file(files.credentials_file(INDEXER_USER))
        context = local_ca_context(files)
    except (OSError, RuntimeError) as exc:
        raise LocalNodeError(
            f"the local node is secured but its credentials or CA under {files.base} are unusable: {exc}"
        ) from None
    return ProbeAccess.basic(credentials.basic_auth(), context)
