"""Copy documents from the enrichment store into one physical index, remembering how far the copy got.

The documents go to the index by its physical name: it is not live yet, so no alias points at it. That is
the only write of the archive that bypasses the write alias.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from elasticsearch import Elasticsearch

from indexer.bulk import ItemFailure, bulk_write


class Checkpoints:
    """Which ids of an ordered stream are acknowledged: :attr:`done_through` is the last id of the longest
    fully acknowledged prefix (bulk results of one chunk may come back out of order after 429 retries)."""

    def __init__(self, done_through: str | None) -> None:
        self.done_through = done_through
        self._pending: deque[str] = deque()
        self._acknowledged: set[str] = set()

    def fed(self, doc_id: str) -> None:
        """``doc_id`` was handed to the bulk sender (ids arrive in stream order)."""
        self._pending.append(doc_id)

    def acknowledged(self, doc_id: str) -> bool:
        """Elasticsearch answered for ``doc_id``; return True when :attr:`done_through` moved."""
        self._acknowledged.add(doc_id)
        moved = False
        while self._pending and self._pending[0] in self._acknowledged:
            self._acknowledged.discard(self._pending[0])
            self.done_through = self._pending.popleft()
            moved = True
        return moved


@dataclass
class LoadOutcome:
    """What one load pass did."""

    written: int = 0
    deleted: int = 0
    failures: list[ItemFailure] = field(default_factory=list)


def index_actions(index: str, documents: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Bulk ``index`` actions putting each document into ``index`` under its ``id``."""
    for document in documents:
        yield {"_op_type": "index", "_index": index, "_id": document["id"], "_source": document}


def json_index_actions(index: str, documents: Iterable[tuple[str, str]]) -> Iterator[dict[str, Any]]:
    """Bulk ``index`` actions for ``(id, document JSON text)`` pairs: the text is sent as it is."""
    for doc_id, text in documents:
        yield {"_op_type": "index", "_index": index, "_id": doc_id, "_source": text}


def delete_actions(index: str, ids: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Bulk ``delete`` actions for ``ids`` in ``index`` (a missing id is not an error)."""
    for doc_id in ids:
        yield {"_op_type": "delete", "_index": index, "_id": doc_id}


def send(
    client: Elasticsearch,
    actions: Iterable[dict[str, Any]],
    *,
    chunk_size: int,
    max_retries: int,
    on_item: Callable[[bool, str, str], None] | None = None,
) -> LoadOutcome:
    """Send bulk ``actions`` (429 answers retried with back-off); return counts and per-item failures."""
    summary = bulk_write(client, actions, chunk_size=chunk_size, max_retries=max_retries, on_item=on_item)
    return LoadOutcome(written=summary.written, deleted=summary.deleted, failures=list(summary.failures))
