"""Enrichment cache: finished enrichments in SQLite, keyed by content hash and enrichment version.

Indexing the same article again (same title, body and publication metadata) with the same
``ENRICHMENT_VERSION`` reads the stored result instead of running NLP again.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import cast

from indexer.enrich.types import Enrichment


def content_key(title: str, body: str, published: str | None, version: int) -> str:
    """sha256 of the article's title, raw body and raw publication metadata, plus the enrichment version."""
    payload = json.dumps([version, title, body, published], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class EnrichmentCache:
    """A small SQLite store of enrichments under ``directory`` (created if missing); safe to share."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / "enrichment.sqlite3"
        self._db = sqlite3.connect(self.path, timeout=30.0)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS enrichment (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        self._db.commit()

    def get_many(self, keys: Iterable[str]) -> dict[str, Enrichment]:
        """The stored enrichments for those of ``keys`` that are present."""
        wanted = list(dict.fromkeys(keys))
        found: dict[str, Enrichment] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(f"SELECT key, value FROM enrichment WHERE key IN ({marks})", chunk)
            for key, value in rows:
                found[key] = cast(Enrichment, json.loads(value))
        return found

    def put_many(self, items: Mapping[str, Enrichment]) -> None:
        """Store (or replace) enrichments by key."""
        self._db.executemany(
            "INSERT OR REPLACE INTO enrichment (key, value) VALUES (?, ?)",
            [(key, json.dumps(value, ensure_ascii=False)) for key, value in items.items()],
        )
        self._db.commit()

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM enrichment").fetchone()[0])

    def close(self) -> None:
        """Close the database connection."""
        self._db.close()
