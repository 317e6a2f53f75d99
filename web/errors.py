"""The web app's error types and the translation of Elasticsearch failures into them.

Every error a reader can cause is answered with a 4xx and a message; an unreachable or empty cluster with a
503. Handlers in :mod:`web.app` turn these into JSON (``/api``) or an HTML page.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from elasticsearch import ApiError, TransportError


class WebError(Exception):
    """An error with an HTTP status and a message meant for the reader."""

    status_code = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class BadRequest(WebError):
    """The request cannot be answered as asked (400)."""

    status_code = 400


class NotFound(WebError):
    """No such article, person or page (404)."""

    status_code = 404


class Gone(WebError):
    """A cursor whose point in time has expired (410)."""

    status_code = 410


class Unavailable(WebError):
    """Elasticsearch is unreachable or has no articles index (503)."""

    status_code = 503


def _error_type(exc: ApiError) -> str:
    body = exc.body
    if isinstance(body, dict):
        error = body.get("error")
        if isinstance(error, dict):
            root = error.get("root_cause")
            if isinstance(root, list) and root and isinstance(root[0], dict):
                return str(root[0].get("type", error.get("type", "")))
            return str(error.get("type", ""))
    return ""


def _error_reason(exc: ApiError) -> str:
    body = exc.body
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        error = body["error"]
        root = error.get("root_cause")
        if isinstance(root, list) and root and isinstance(root[0], dict) and root[0].get("reason"):
            return str(root[0]["reason"])
        return str(error.get("reason", exc.message))
    return str(exc.message)


@contextmanager
def elasticsearch_errors(alias: str) -> Iterator[None]:
    """Translate Elasticsearch failures raised inside the block into :class:`WebError` subclasses:
    unreachable -> Unavailable, missing index -> Unavailable, expired point in time -> Gone,
    rejected request -> BadRequest."""
    try:
        yield
    except TransportError as exc:
        raise Unavailable(f"Elasticsearch is not reachable: {exc.message}") from exc
    except ApiError as exc:
        kind = _error_type(exc)
        if kind == "index_not_found_exception":
            raise Unavailable(
                f"The archive has no index behind the alias {alias!r} yet: run `newsarchive index PATH`."
            ) from exc
        if kind == "search_context_missing_exception" or (
            exc.meta.status == 404 and "point in time" in _error_reason(exc).lower()
        ):
            raise Gone("The cursor has expired: start again with cursor=*.") from exc
        if exc.meta.status == 400:
            raise BadRequest(f"The search was rejected: {_error_reason(exc)}") from exc
        if exc.meta.status == 429 or exc.meta.status >= 500:
            raise Unavailable(f"Elasticsearch could not answer: {_error_reason(exc)}") from exc
        raise
