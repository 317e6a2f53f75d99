"""Elasticsearch credentials: which user a component connects as, from settings or an owner-only file.

A credentials file is JSON ``{"username": "...", "password": "..."}`` that must be a regular file readable
and writable only by its owner (no group or other bits), owned by the user reading it. Passwords are kept
as :class:`pydantic.SecretStr`, so they never show in a repr, a log line or an error message.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from pydantic import SecretStr

from newsarchive.config import Settings


class CredentialsError(RuntimeError):
    """The credentials settings or file are unusable; the message says why (never the password)."""


@dataclass(frozen=True)
class Credentials:
    """An Elasticsearch user name and its password (hidden in repr and str)."""

    username: str
    password: SecretStr

    def basic_auth(self) -> tuple[str, str]:
        """The ``(username, password)`` pair the Elasticsearch client's ``basic_auth`` takes."""
        return (self.username, self.password.get_secret_value())


def _check_owner_only(path: Path) -> None:
    try:
        info = path.stat()
    except OSError as exc:
        raise CredentialsError(f"cannot read the Elasticsearch credentials file {path}: {exc.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise CredentialsError(f"the Elasticsearch credentials file {path} is not a regular file")
    if info.st_mode & 0o077:
        raise CredentialsError(
            f"the Elasticsearch credentials file {path} has mode {stat.S_IMODE(info.st_mode):04o}; it must be "
            f"readable only by its owner: chmod 600 {path}"
        )
    if info.st_uid != os.geteuid():
        raise CredentialsError(
            f"the Elasticsearch credentials file {path} belongs to uid {info.st_uid}, not to this user "
            f"(uid {os.geteuid()})"
        )


def read_credentials_file(path: Path) -> Credentials:
    """Read ``path`` (JSON with ``username`` and ``password``), refusing a file others may read or that
    another user owns. Raises :class:`CredentialsError` (the message never contains the password)."""
    path = path.expanduser()
    _check_owner_only(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise CredentialsError(
            f"the Elasticsearch credentials file {path} is not JSON of the form "
            '{"username": "...", "password": "..."}'
        ) from None
    username = data.get("username") if isinstance(data, dict) else None
    password = data.get("password") if isinstance(data, dict) else None
    if not isinstance(username, str) or not username or not isinstance(password, str) or not password:
        raise CredentialsError(f"the Elasticsearch credentials file {path} lacks a username or a password")
    return Credentials(username=username, password=SecretStr(password))


def write_credentials_file(path: Path, credentials: Credentials) -> None:
    """Write ``credentials`` to ``path`` with mode 0600 (created that way, never readable by others)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    body = json.dumps({"username": credentials.username, "password": credentials.password.get_secret_value()})
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(body + "\n")
    partial.replace(path)


def settings_credentials(settings: Settings) -> Credentials | None:
    """The user the archive connects as: ``es_credentials_file`` when set, else ``es_username`` /
    ``es_password``, else None (anonymous). Raises :class:`CredentialsError` when both ways are set."""
    if settings.es_credentials_file is not None:
        if settings.es_username is not None or settings.es_password is not None:
            raise CredentialsError(
                "set either NEWSARCHIVE_ES_CREDENTIALS_FILE or NEWSARCHIVE_ES_USERNAME/NEWSARCHIVE_ES_PASSWORD, "
                "not both"
            )
        return read_credentials_file(settings.es_credentials_file)
    if settings.es_username is None:
        return None
    return Credentials(username=settings.es_username, password=settings.es_password or SecretStr(""))
