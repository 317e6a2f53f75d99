"""Streaming bulk writes into Elasticsearch with retries, per-item error handling and fault detection.

Actions are consumed lazily from a generator, one chunk at a time, and each chunk is sent with
:func:`elasticsearch.helpers.streaming_bulk`: items answered with 429 are retried with exponential back-off by
the helper, every other per-item failure is collected (never raised, never dropped) so the caller can report
it against the record it came from.

Two faults are not per-document problems and stop the write instead (:class:`BulkStopped`):

- Elasticsearch unreachable (connection refused or reset, timeouts, 502/503/504): the chunk's unanswered
  actions are sent again with back-off for up to ``unreachable_for`` seconds, then
  :class:`ElasticsearchUnreachable` is raised;
- a write block on the index (``cluster_block_exception``: the disk flood-stage's
  ``index.blocks.read_only_allow_delete``, or a read-only index): :class:`IndexBlocked` is raised after the
  chunk. Blocked items are not reported as refused documents: they were not indexed and the run can resume.

Every action answered before the stop has been reported through ``on_item``; the exception carries the
counts so far.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from elasticsearch import ApiError, Elasticsearch, TransportError
from elasticsearch.helpers import streaming_bulk

#: Request-level statuses that mean "the cluster cannot answer right now", retried like a lost connection.
UNAVAILABLE_STATUSES = frozenset({502, 503, 504})
#: Back-off between attempts to reach an unreachable cluster: doubles from the first up to the last.
RECONNECT_BACKOFF = (1.0, 10.0)


@dataclass
class ItemFailure:
    """One document Elasticsearch refused: its id, HTTP status and reason."""

    doc_id: str
    status: int
    reason: str


@dataclass
class BulkSummary:
    """Counts of one bulk run. ``created + updated + len(failures)`` equals the actions answered."""

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


class BulkStopped(RuntimeError):
    """The bulk write stopped before every action was answered; ``summary`` holds what was answered."""

    def __init__(self, message: str, summary: BulkSummary) -> None:
        super().__init__(message)
        self.summary = summary


class ElasticsearchUnreachable(BulkStopped):
    """Elasticsearch did not answer for longer than the allowed time."""


class IndexBlocked(BulkStopped):
    """The index refuses writes (disk flood-stage block or a read-only index)."""


def _reason(error: Any) -> str:
    if isinstance(error, dict):
        reason = str(error.get("reason") or error.get("type") or error)
        caused = error.get("caused_by")
        if isinstance(caused, dict) and caused.get("reason"):
            reason = f"{reason} ({caused['reason']})"
        return reason
    return str(error)


def _is_block(error: Any) -> bool:
    return isinstance(error, dict) and error.get("type") == "cluster_block_exception"


def _is_unavailable(exc: Exception) -> bool:
    if isinstance(exc, ApiError):
        return exc.meta.status in UNAVAILABLE_STATUSES
    return isinstance(exc, TransportError)


def _chunks(actions: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    iterator = iter(actions)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _unanswered(actions: list[dict[str, Any]], answered: Counter[str]) -> list[dict[str, Any]]:
    """The actions of ``actions`` not yet answered, given how many answers each id got (in order)."""
    left = Counter(answered)
    rest: list[dict[str, Any]] = []
    for action in actions:
        doc_id = str(action.get("_id", ""))
        if left[doc_id] > 0:
            left[doc_id] -= 1
        else:
            rest.append(action)
    return rest


@dataclass
class _Sender:
    """Sends chunks and counts their answers into ``summary``."""

    client: Elasticsearch
    options: dict[str, Any]
    unreachable_for: float
    on_item: Callable[[bool, str, str], None] | None
    summary: BulkSummary = field(default_factory=BulkSummary)

    def send(self, chunk: list[dict[str, Any]]) -> None:
        pending = chunk
        down_since: float | None = None
        wait = RECONNECT_BACKOFF[0]
        while pending:
            answered: Counter[str] = Counter()
            blocked: list[str] = []
            try:
                for ok, item in streaming_bulk(self.client, pending, chunk_size=len(pending), **self.options):
                    doc_id = self._answer(ok, item, blocked)
                    answered[doc_id] += 1
            except Exception as exc:
                if not _is_unavailable(exc):
                    raise
                pending = _unanswered(pending, answered)
                now = time.monotonic()
                down_since = down_since if down_since is not None else now
                if now - down_since >= self.unreachable_for:
                    raise ElasticsearchUnreachable(
                        f"Elasticsearch has not answered for {now - down_since:.0f} s ({type(exc).__name__}: "
                        f"{exc})", self.summary,
                    ) from exc
                time.sleep(min(wait, max(0.0, self.unreachable_for - (now - down_since))))
                wait = min(wait * 2, RECONNECT_BACKOFF[1])
                continue
            if blocked:
                raise IndexBlocked(blocked[0], self.summary)
            pending = []

    def _answer(self, ok: bool, item: dict[str, Any], blocked: list[str]) -> str:
        op_type, info = next(iter(item.items()))
        doc_id = str(info.get("_id", ""))
        result = str(info.get("result", ""))
        if ok:
            if result == "created":
                self.summary.created += 1
            elif result == "deleted" or op_type == "delete":
                self.summary.deleted += 1
            else:
                self.summary.updated += 1
        else:
            status = int(info.get("status", 0) or 0)
            error = info.get("error", item)
            if _is_block(error):
                blocked.append(_reason(error))
                return doc_id
            if op_type == "delete" and status == 404:
                ok, result = True, "not_found"
            else:
                result = _reason(error)
                self.summary.failures.append(ItemFailure(doc_id=doc_id, status=status, reason=result))
        if self.on_item is not None:
            self.on_item(ok, doc_id, result)
        return doc_id


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
    unreachable_for: float = 0.0,
) -> BulkSummary:
    """Send ``actions`` (bulk action dicts with ``_index``/``_id``/``_source`` or ``_op_type``) in chunks.

    Returns the counts. ``on_item(ok, doc_id, result)`` is called once per answered action as results arrive
    (for progress bars and for matching failures to their input). While Elasticsearch is unreachable, a
    chunk's unanswered actions are retried with back-off for up to ``unreachable_for`` seconds (0: no retry
    beyond the client's own); then :class:`ElasticsearchUnreachable` is raised. A write block on the index
    raises :class:`IndexBlocked`. Other transport failures are raised as they are.
    """
    sender = _Sender(
        client,
        {
            "max_retries": max_retries,
            "initial_backoff": initial_backoff,
            "max_backoff": max_backoff,
            "raise_on_error": False,
            "raise_on_exception": True,
            "yield_ok": True,
            "refresh": refresh,
        },
        unreachable_for,
        on_item,
    )
    for chunk in _chunks(actions, chunk_size):
        sender.send(chunk)
    return sender.summary
