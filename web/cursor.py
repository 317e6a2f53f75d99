"""Opaque cursors for deep paging: a point in time, the sort values of the last hit, and a fingerprint of
the search they belong to (so a cursor cannot be replayed against a different query)."""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from web.search_params import SearchParams


class CursorError(ValueError):
    """The cursor is malformed or belongs to another search; ``str(error)`` is a message for the reader."""


@dataclass(frozen=True)
class Cursor:
    """Where the next page of a cursor walk starts."""

    pit_id: str
    search_after: list[Any]
    fingerprint: str
    page: int


def fingerprint(params: SearchParams) -> str:
    """A short hash of what decides the hits and their order (text, filters, dates, sort, size)."""
    material = json.dumps(
        [
            params.query_text,
            {k: list(v) for k, v in sorted(params.filters.items())},
            params.published_from,
            params.published_to,
            params.mentioned_from,
            params.mentioned_to,
            params.sort,
            params.size,
        ],
        sort_keys=True,
    )
    return hashlib.sha256(material.encode()).hexdigest()[:16]


def encode_cursor(cursor: Cursor) -> str:
    """Serialise a cursor into a URL-safe token."""
    payload = json.dumps(
        {"p": cursor.pit_id, "a": cursor.search_after, "f": cursor.fingerprint, "n": cursor.page},
        separators=(",", ":"),
    )
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode_cursor(token: str, params: SearchParams) -> Cursor:
    """Parse a token made by :func:`encode_cursor` and check it belongs to ``params``' search."""
    try:
        padded = token + "=" * (-len(token) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
        cursor = Cursor(str(data["p"]), list(data["a"]), str(data["f"]), int(data["n"]))
    except (ValueError, KeyError, TypeError) as exc:
        raise CursorError("The cursor is not valid: start again with cursor=*.") from exc
    if cursor.fingerprint != fingerprint(params):
        raise CursorError(
            "The cursor belongs to a different search (query, filters, sort or size changed): "
            "start again with cursor=*."
        )
    return cursor
