"""The web app's error types and the translation of Elasticsearch failures into them.

Every error a reader can cause is answered with a 4xx and a message; an unreachable, stuck or empty cluster
with a 503. Messages are the archive's own words: Elasticsearch's text (reasons, transport errors) is logged
server-side with :mod:`logging` and never reaches a response. Handlers in :mod:`web.app` turn these errors
into JSON (``/api``) or an HTML page.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from elasticsearch import ApiError, ConnectionTimeout, TransportError

logger = logging.getLogger(__name__)

#: The reader-facing messages of Elasticsearch failures (no Elasticsearch text in any of them).
UNREACHABLE_MESSAGE = "Search is unavailable: the archive cannot reach its search engine."
TIMEOUT_MESSAGE = "Search is unavailable: the archive's search engine did not answer in time."
OVERLOADED_MESSAGE = "Search is unavailable: the archive's search engine could not answer the request."
REJECTED_MESSAGE = "The search could not be run as asked (the query or a filter is not valid)."
EXPIRED_CURSOR_MESSAGE = "The cursor has expired: start again with cursor=*."


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
    """Elasticsearch is unreachable, stuck, overloaded or has no articles index (503). ``temporary`` says
    whether trying again later may help (false when the archive has no index yet: someone must act)."""

    status_code = 503

    def __init__(self, message: str, *, temporary: bool = True) -> None:
        super().__init__(message)
        self.temporary = temporary


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


def transport_failure(exc: TransportError) -> Unavailable:
    """The 503 answering a transport failure (no connection, or no answer within the timeout); logs
    the transport's own text."""
    logger.warning("Elasticsearch transport failure: %s (%s)", exc, exc.message)
    if isinstance(exc, ConnectionTimeout):
        return Unavailable(TIMEOUT_MESSAGE)
    return Unavailable(UNREACHABLE_MESSAGE)


def api_failure(exc: ApiError, alias: str) -> WebError:
    """The :class:`WebError` answering an error status from Elasticsearch: missing index -> 503 (not
    temporary), expired point in time -> 410, other 400s -> 400, anything else -> 503. Logs
    Elasticsearch's type and reason; none of its text is in the returned message."""
    kind = _error_type(exc)
    reason = _error_reason(exc)
    logger.warning("Elasticsearch answered %s (%s): %s", exc.meta.status, kind or "no type", reason)
    if kind == "index_not_found_exception":
        return Unavailable(
            f"The archive has no index behind the alias {alias!r} yet: run `newsarchive index PATH`.",
            temporary=False,
        )
    if kind == "search_context_missing_exception" or (exc.meta.status == 404 and "point in time" in reason.lower()):
        return Gone(EXPIRED_CURSOR_MESSAGE)
    if exc.meta.status == 400:
        return BadRequest(REJECTED_MESSAGE)
    return Unavailable(OVERLOADED_MESSAGE)


@contextmanager
def elasticsearch_errors(alias: str) -> Iterator[None]:
    """Translate Elasticsearch failures raised inside the block into :class:`WebError` subclasses (see
    :func:`transport_failure` and :func:`api_failure`)."""
    try:
        yield
    except TransportError as exc:
        raise transport_failure(exc) from exc
    except ApiError as exc:
        raise api_failure(exc, alias) from exc
