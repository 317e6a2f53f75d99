"""Streaming bulk writes into Elasticsearch with retries and per-item error handling.

Actions are consumed lazily from a generator and sent with :func:`elasticsearch.helpers.streaming_bulk`;
items answered with 429 are retried with exponential back-off by the helper, every other per-item failure
is collected (never raised, never dropped) so the caller can report it against the record it came from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch.helpers import streaming_bulk


@dataclass
class ItemFailure:
    """One document Elasticsearch refused: its id, HTTP status and reason."""

    doc_id: str
    status: int
    reason: str


@dataclass
class BulkSummary:
    """Counts of one bulk run. ``created + updated + len(failures)`` equals the actions sent."""

    created: int = 0
    updated: int = 0
    deleted: int = 0
    failures: list[ItemFailure] = field(default_factory=list)

    @property
    def written(self) -> int:
        """Documents that are now in the index (created or updated)."""
        return self.created + self.updated

    @property
    def failed(self) -> int:
        """Documents Elasticsearch refused."""
        return len(self.failures)


def _reason(error: Any) -> str:
    if isinstance(error, dict):
        reason = str(error.get("reason") or error.get("type") or error)
        caused = error.get("caused_by")
        if isinstance(caused, dict) and caused.get("reason"):
            reason = f"{reason} ({caused['reason']})"
        return reason
    return str(error)


def bulk_write(
    client: Elasticsearch,
    actions: Iterable[dict[str, Any]],
    *,
    chunk_size: int = 500,
    max_retries: int = 5,
    initial_backoff: float = 1.0,
    max_backoff: float = 60.0,
    refresh: bool | str = False,
    on_item: Callable[[bool, str, str], None] | None = None,
) -> BulkSummary:
    """Send ``actions`` (bulk action dicts with ``_index``/``_id``/``_source`` or ``_op_type``) in chunks.

    Returns the counts. ``on_item(ok, doc_id, result)`` is called once per action as results arrive (for
    progress bars and for matching failures to their input). Transport-level failures after the retries are
    raised: they are not per-document problems.
    """
    summary = BulkSummary()
    results: Iterable[tuple[bool, Any]] = streaming_bulk(
        client,
        actions,
        chunk_size=chunk_size,
        max_retries=max_retries,
        initial_backoff=initial_backoff,
        max_backoff=max_backoff,
        raise_on_error=False,
        raise_on_exception=True,
        yield_ok=True,
        refresh=refresh,
    )
    for ok, item in results:
        op_type, info = next(iter(item.items()))
        doc_id = str(info.get("_id", ""))
        result = str(info.get("result", ""))
        if ok:
            if result == "created":
                summary.created += 1
            elif result == "deleted" or op_type == "delete":
                summary.deleted += 1
            else:
                summary.updated += 1
        else:
            status = int(info.get("status", 0) or 0)
            if op_type == "delete" and status == 404:
                ok, result = True, "not_found"
            else:
                result = _reason(info.get("error", item))
                summary.failures.append(ItemFailure(doc_id=doc_id, status=status, reason=result))
        if on_item is not None:
            on_item(ok, doc_id, result)
    return summary
