"""The enrichment store: every indexed document, outside Elasticsearch, so a re-index needs no NLP.

One SQLite database (WAL mode) under ``<data_dir>/store``. Table ``documents`` is keyed by document id and
holds the content hash, the enrichment version, the time of the last write, a write sequence number, the
indexed document (zlib-compressed JSON) and the raw input it was built from (zlib-compressed JSON of the
:class:`~indexer.records.RawArticle`; needed to re-run enrichment). Every write takes the next number of
one store-wide sequence, and deletes leave a tombstone with their sequence number, so a re-index can catch
up with writes made while it ran (:meth:`EnrichmentStore.changes_since`).

One object may be shared by threads (a lock serialises its use of the connection); several processes may
open the same file (SQLite locking, 60 s busy timeout); intended use is one writer at a time.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import threading
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from indexer.records import RawArticle
from newsarchive.config import Settings

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    enrichment_version INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    seq INTEGER NOT NULL,
    document BLOB NOT NULL,
    raw BLOB
);
CREATE INDEX IF NOT EXISTS documents_seq ON documents (seq);
CREATE INDEX IF NOT EXISTS documents_enrichment_version ON documents (enrichment_version);
CREATE TABLE IF NOT EXISTS tombstones (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    deleted_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS tombstones_seq ON tombstones (seq);
CREATE TABLE IF NOT EXISTS counters (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT OR IGNORE INTO counters (name, value) VALUES ('seq', 0);
"""

_REQUIRED = ("id", "content_hash", "enrichment_version")
_COMPRESSION_LEVEL = 3


def connect_store_file(path: Path, schema: str, *, synchronous: str | None = None) -> sqlite3.Connection:
    """A connection to the store file at ``path`` (its directory created when missing): write-ahead log,
    autocommit (transactions are explicit), usable from several threads under the caller's lock, 60 s busy
    timeout, ``PRAGMA synchronous`` when given, then ``schema`` (idempotent DDL) run. The enrichment store
    and the corrections table (:mod:`indexer.corrections.table`) share the file and open it this way."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=60.0, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    if synchronous is not None:
        db.execute(f"PRAGMA synchronous={synchronous}")
    db.executescript(schema)
    return db


def store_path(settings: Settings) -> Path:
    """Where the archive's enrichment store lives: ``<data_dir>/store/documents.sqlite3``."""
    return settings.data_dir / "store" / "documents.sqlite3"


def _pack(value: Any) -> bytes:
    return zlib.compress(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode(), _COMPRESSION_LEVEL)


def _unpack(blob: bytes) -> Any:
    return json.loads(zlib.decompress(blob))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class StoredVersion:
    """What the store knows about one document without unpacking it."""

    content_hash: str
    enrichment_version: int


@dataclass(frozen=True)
class Changes:
    """Writes after a sequence number: ids written (upserted) and ids deleted, plus the newest sequence."""

    written: list[str]
    deleted: list[str]
    last_seq: int


class EnrichmentStore:
    """The store file at ``path`` (created with its directory when missing)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._db = connect_store_file(path, SCHEMA, synchronous="NORMAL")

    @classmethod
    def open(cls, settings: Settings) -> EnrichmentStore:
        """The archive's store (:func:`store_path`)."""
        return cls(store_path(settings))

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> EnrichmentStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- writes ---------------------------------------------------------------------------------------

    def put_many(self, docs: Iterable[Mapping[str, Any]]) -> int:
        """Upsert documents (each needs ``id``, ``content_hash`` and ``enrichment_version``); return how many.

        The raw input already stored for an id is kept while its content hash is unchanged and dropped when
        the content changed (use :meth:`put_articles` to store it with the document). One transaction.
        """
        return self._upsert((doc, None) for doc in docs)

    def put_articles(self, items: Iterable[tuple[Mapping[str, Any], RawArticle]]) -> int:
        """Upsert ``(document, raw input)`` pairs, as :meth:`put_many` but keeping the raw input too."""
        return self._upsert(items)

    def _upsert(self, items: Iterable[tuple[Mapping[str, Any], RawArticle | None]]) -> int:
        rows = [self._row(doc, raw) for doc, raw in items]
        if not rows:
            return 0
        now = _now()
        with self._lock, self._transaction():
            first = self._take_seq(len(rows))
            self._db.executemany(
                """
                INSERT INTO documents (id, content_hash, enrichment_version, updated_at, seq, document, raw)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET
                    raw = CASE
                        WHEN excluded.raw IS NOT NULL THEN excluded.raw
                        WHEN documents.content_hash = excluded.content_hash THEN documents.raw
                        ELSE NULL END,
                    content_hash = excluded.content_hash,
                    enrichment_version = excluded.enrichment_version,
                    updated_at = excluded.updated_at,
                    seq = excluded.seq,
                    document = excluded.document
                """,
                [(row[0], row[1], row[2], now, first + i, row[3], row[4]) for i, row in enumerate(rows)],
            )
            self._db.executemany("DELETE FROM tombstones WHERE id = ?", [(row[0],) for row in rows])
        return len(rows)

    @staticmethod
    def _row(doc: Mapping[str, Any], raw: RawArticle | None) -> tuple[str, str, int, bytes, bytes | None]:
        missing = [key for key in _REQUIRED if doc.get(key) in (None, "")]
        if missing:
            raise ValueError(f"document {doc.get('id')!r} lacks {', '.join(missing)}: not stored")
        packed_raw = _pack(dataclasses.asdict(raw)) if raw is not None else None
        return str(doc["id"]), str(doc["content_hash"]), int(doc["enrichment_version"]), _pack(doc), packed_raw

    def delete(self, ids: Iterable[str]) -> int:
        """Delete documents by id, leaving tombstones; return how many existed."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return 0
        now = _now()
        with self._lock, self._transaction():
            first = self._take_seq(len(wanted))
            removed = 0
            for i, doc_id in enumerate(wanted):
                removed += self._db.execute("DELETE FROM documents WHERE id = ?", (doc_id,)).rowcount
                self._db.execute(
                    "INSERT OR REPLACE INTO tombstones (id, seq, deleted_at) VALUES (?, ?, ?)",
                    (doc_id, first + i, now),
                )
        return removed

    def _take_seq(self, count: int) -> int:
        """Reserve ``count`` sequence numbers inside the current transaction; return the first."""
        (last,) = self._db.execute("SELECT value FROM counters WHERE name = 'seq'").fetchone()
        self._db.execute("UPDATE counters SET value = ? WHERE name = 'seq'", (last + count,))
        return int(last) + 1

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)

    # -- reads ----------------------------------------------------------------------------------------

    def get(self, doc_id: str) -> dict[str, Any] | None:
        """The stored document with this id, or None."""
        with self._lock:
            row = self._db.execute("SELECT document FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return dict(_unpack(row[0])) if row else None

    def get_many(self, ids: Iterable[str]) -> list[dict[str, Any]]:
        """The stored documents with these ids (missing ids are left out), in id order."""
        rows = self._rows_for_ids("id, document", ids)
        return [dict(_unpack(row[1])) for row in sorted(rows, key=lambda row: str(row[0]))]

    def get_raw(self, doc_id: str) -> RawArticle | None:
        """The raw input the document was built from, or None (unknown id, or stored without it)."""
        with self._lock:
            row = self._db.execute("SELECT raw FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None or row[0] is None:
            return None
        return RawArticle(**_unpack(row[0]))

    def versions(self, ids: Iterable[str]) -> dict[str, StoredVersion]:
        """Content hash and enrichment version of the stored ids among ``ids`` (to skip unchanged input)."""
        rows = self._rows_for_ids("id, content_hash, enrichment_version", ids)
        return {row[0]: StoredVersion(row[1], int(row[2])) for row in rows}

    def _rows_for_ids(self, columns: str, ids: Iterable[str]) -> list[tuple[Any, ...]]:
        """``SELECT columns`` of the documents with these ids, 500 ids per query (SQLite's variable limit)."""
        wanted = sorted(set(ids))
        rows: list[tuple[Any, ...]] = []
        for start in range(0, len(wanted), 500):
            part = wanted[start : start + 500]
            marks = ",".join("?" * len(part))
            with self._lock:
                rows.extend(self._db.execute(f"SELECT {columns} FROM documents WHERE id IN ({marks})", part))
        return rows

    def count(self) -> int:
        """Number of stored documents."""
        with self._lock:
            (value,) = self._db.execute("SELECT COUNT(*) FROM documents").fetchone()
        return int(value)

    def count_after(self, after_id: str | None) -> int:
        """Number of stored documents whose id sorts after ``after_id`` (all when None)."""
        with self._lock:
            (value,) = self._db.execute(
                "SELECT COUNT(*) FROM documents WHERE id > ?", (after_id or "",)
            ).fetchone()
        return int(value)

    def snapshot(self) -> tuple[int, int]:
        """``(document count, newest write sequence)`` read in one transaction."""
        with self._lock:
            self._db.execute("BEGIN")
            try:
                (count,) = self._db.execute("SELECT COUNT(*) FROM documents").fetchone()
                (seq,) = self._db.execute("SELECT value FROM counters WHERE name = 'seq'").fetchone()
            finally:
                self._db.execute("COMMIT")
        return int(count), int(seq)

    def iter_ids(self, batch_size: int = 5000) -> Iterator[str]:
        """Every stored id, in order."""
        cursor = ""
        while True:
            with self._lock:
                rows = self._db.execute(
                    "SELECT id FROM documents WHERE id > ? ORDER BY id LIMIT ?", (cursor, batch_size)
                ).fetchall()
            yield from (row[0] for row in rows)
            if len(rows) < batch_size:
                return
            cursor = rows[-1][0]

    def iter_versions(self, batch_size: int = 5000) -> Iterator[tuple[str, StoredVersion]]:
        """``(id, content hash and enrichment version)`` of every stored document, in id order."""
        cursor = ""
        while True:
            with self._lock:
                rows = self._db.execute(
                    "SELECT id, content_hash, enrichment_version FROM documents WHERE id > ? ORDER BY id LIMIT ?",
                    (cursor, batch_size),
                ).fetchall()
            for row in rows:
                yield row[0], StoredVersion(row[1], int(row[2]))
            if len(rows) < batch_size:
                return
            cursor = rows[-1][0]

    def last_seq(self) -> int:
        """The newest write sequence number (0 for a new store)."""
        with self._lock:
            (value,) = self._db.execute("SELECT value FROM counters WHERE name = 'seq'").fetchone()
        return int(value)

    def iter_documents(self, batch_size: int = 500, after_id: str | None = None) -> Iterator[dict[str, Any]]:
        """Every stored document ordered by id, starting after ``after_id`` (for resumable streaming).

        Reads in keyset-paginated batches of ``batch_size`` rows, so writes may go on meanwhile; a document
        written during the iteration is seen if its id is still ahead of the cursor.
        """
        for _doc_id, document in self._iter_column("document", batch_size, after_id, None):
            yield dict(_unpack(document))

    def iter_json(self, batch_size: int = 500, after_id: str | None = None) -> Iterator[tuple[str, str]]:
        """``(id, document as JSON text)`` ordered by id after ``after_id``: :meth:`iter_documents` without
        parsing, for sending straight to Elasticsearch."""
        for doc_id, document in self._iter_column("document", batch_size, after_id, None):
            yield doc_id, zlib.decompress(document).decode()

    def iter_raw(
        self, batch_size: int = 500, after_id: str | None = None, *, older_than: int | None = None
    ) -> Iterator[tuple[str, RawArticle | None]]:
        """``(id, raw input or None)`` ordered by id after ``after_id``; only enrichment versions below
        ``older_than`` when given."""
        for doc_id, raw in self._iter_column("raw", batch_size, after_id, older_than):
            yield doc_id, RawArticle(**_unpack(raw)) if raw is not None else None

    def iter_outdated(self, version: int, batch_size: int = 500) -> Iterator[dict[str, Any]]:
        """Stored documents whose ``enrichment_version`` is below ``version``, ordered by id."""
        for _doc_id, document in self._iter_column("document", batch_size, None, version):
            yield dict(_unpack(document))

    def count_outdated(self, version: int) -> int:
        """Number of stored documents whose ``enrichment_version`` is below ``version``."""
        with self._lock:
            (value,) = self._db.execute(
                "SELECT COUNT(*) FROM documents WHERE enrichment_version < ?", (version,)
            ).fetchone()
        return int(value)

    def _iter_column(
        self, column: str, batch_size: int, after_id: str | None, older_than: int | None
    ) -> Iterator[tuple[str, Any]]:
        cursor = after_id or ""
        version_filter = "AND enrichment_version < ?" if older_than is not None else ""
        while True:
            params: list[Any] = [cursor]
            if older_than is not None:
                params.append(older_than)
            params.append(batch_size)
            with self._lock:
                rows = self._db.execute(
                    f"SELECT id, {column} FROM documents WHERE id > ? {version_filter} ORDER BY id LIMIT ?",
                    params,
                ).fetchall()
            yield from rows
            if len(rows) < batch_size:
                return
            cursor = rows[-1][0]

    def changes_since(self, seq: int) -> Changes:
        """Ids written and ids deleted after sequence number ``seq`` (each id once, in the newest state)."""
        with self._lock:
            self._db.execute("BEGIN")  # one snapshot for the three reads
            try:
                last = self.last_seq()
                written = [row[0] for row in self._db.execute("SELECT id FROM documents WHERE seq > ?", (seq,))]
                deleted = [row[0] for row in self._db.execute("SELECT id FROM tombstones WHERE seq > ?", (seq,))]
            finally:
                self._db.execute("COMMIT")
        return Changes(written=written, deleted=deleted, last_seq=last)


class _Transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT`` (``ROLLBACK`` on error) on an autocommit connection."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: type[BaseException] | None, *rest: object) -> None:
        self._db.execute("ROLLBACK" if exc_type is not None else "COMMIT")
