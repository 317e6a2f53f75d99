"""What ``newsarchive fetch`` remembers between runs, in one SQLite file (``<data_dir>/fetch-state.sqlite3``).

- ``resources``: per URL fetched (page, feed, sitemap), the validators of its last answer (ETag,
  Last-Modified) for the next conditional request, when it was last fetched, what it was (``page``,
  ``feed``, ``sitemap``, ``sitemapindex``), and its consecutive failures with the time before which it is not
  asked again (backoff);
- ``pages``: every page fetched and indexed (a feed entry or sitemap URL seen), with the source that listed it,
  so a restart or the next poll never fetches it again.

A round's changes are applied in one transaction (:meth:`FetchState.apply`), after its pages were indexed:
a crash or a failed indexing leaves the state as it was, and the next round fetches those pages again
(indexing them again is an update in place, never a duplicate).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType

#: After n consecutive failures a URL is not asked again before FAILURE_BACKOFF * 2**(n-1), at most this cap.
FAILURE_BACKOFF = timedelta(seconds=60)
FAILURE_BACKOFF_CAP = timedelta(hours=6)

SCHEMA = """
CREATE TABLE IF NOT EXISTS resources (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    fetched_at TEXT,
    status INTEGER,
    failures INTEGER NOT NULL DEFAULT 0,
    retry_at TEXT,
    kind TEXT
);
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    status INTEGER NOT NULL,
    warc_file TEXT
);
"""


def state_path(data_dir: Path) -> Path:
    """Where the fetch state lives under the archive's data directory."""
    return data_dir / "fetch-state.sqlite3"


@dataclass(frozen=True)
class Resource:
    """What is remembered of one URL."""

    url: str
    etag: str | None
    last_modified: str | None
    fetched_at: str | None
    status: int | None
    failures: int
    retry_at: str | None
    kind: str | None

    def waiting_until(self, now: datetime) -> datetime | None:
        """The time before which this URL must not be asked again (backoff after failures), or None."""
        if not self.retry_at:
            return None
        until = datetime.fromisoformat(self.retry_at)
        return until if until > now else None


@dataclass(frozen=True)
class Answer:
    """A URL answered (2xx, 304, or a final 4xx): its validators replace the remembered ones."""

    etag: str | None
    last_modified: str | None
    fetched_at: str
    status: int
    kind: str | None = None


@dataclass(frozen=True)
class PageDone:
    """A page fetched (and, when its status is 2xx, indexed) that is never fetched again from a feed."""

    source: str
    fetched_at: str
    status: int
    warc_file: str | None


@dataclass
class StateChanges:
    """The changes of one round, applied together."""

    answers: dict[str, Answer] = field(default_factory=dict)
    pages: dict[str, PageDone] = field(default_factory=dict)
    #: URLs that failed this round (no answer, or 429/5xx after the retries), with the time of the failure.
    failures: dict[str, datetime] = field(default_factory=dict)


def retry_time(failures: int, failed_at: datetime) -> datetime:
    """When a URL that has now failed ``failures`` times in a row may be asked again."""
    delay: timedelta = min(FAILURE_BACKOFF * (2 ** max(failures - 1, 0)), FAILURE_BACKOFF_CAP)
    return failed_at + delay


class FetchState:
    """The SQLite state file (see the module docstring). Use :meth:`open` as a context manager."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection

    @classmethod
    def open(cls, path: Path) -> FetchState:
        """Open (creating when needed) the state file at ``path``."""
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, isolation_level=None)
        connection.executescript(SCHEMA)
        return cls(connection)

    def __enter__(self) -> FetchState:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the file."""
        self._db.close()

    def resource(self, url: str) -> Resource | None:
        """What is remembered of ``url``, or None."""
        row = self._db.execute(
            "SELECT url, etag, last_modified, fetched_at, status, failures, retry_at, kind FROM resources "
            "WHERE url = ?",
            (url,)).fetchone()
        return Resource(*row) if row else None

    def page(self, url: str) -> PageDone | None:
        """The page ``url`` when it was fetched before (from any source), or None."""
        row = self._db.execute("SELECT source, fetched_at, status, warc_file FROM pages WHERE url = ?",
                               (url,)).fetchone()
        return PageDone(*row) if row else None

    def page_count(self, source: str | None = None) -> int:
        """How many pages are remembered (listed by ``source`` when given)."""
        if source is None:
            row = self._db.execute("SELECT COUNT(*) FROM pages").fetchone()
        else:
            row = self._db.execute("SELECT COUNT(*) FROM pages WHERE source = ?", (source,)).fetchone()
        return int(row[0])

    def apply(self, changes: StateChanges, *, answers: bool = True) -> None:
        """Apply a round's changes in one transaction. With ``answers=False`` (the round's pages were not
        indexed) only the failures are recorded: the answers and pages are fetched again next round."""
        with_answers = answers
        self._db.execute("BEGIN IMMEDIATE")
        try:
            for url, failed_at in changes.failures.items():
                known = self.resource(url)
                count = (known.failures if known else 0) + 1
                self._db.execute(
                    "INSERT INTO resources (url, failures, retry_at) VALUES (?, ?, ?) ON CONFLICT(url) DO UPDATE "
                    "SET failures = excluded.failures, retry_at = excluded.retry_at",
                    (url, count, retry_time(count, failed_at).isoformat()))
            if with_answers:
                for url, answer in changes.answers.items():
                    self._db.execute(
                        "INSERT INTO resources (url, etag, last_modified, fetched_at, status, failures, retry_at, "
                        "kind) VALUES (?, ?, ?, ?, ?, 0, NULL, ?) ON CONFLICT(url) DO UPDATE SET "
                        "etag = excluded.etag, last_modified = excluded.last_modified, "
                        "fetched_at = excluded.fetched_at, status = excluded.status, failures = 0, retry_at = NULL, "
                        "kind = COALESCE(excluded.kind, resources.kind)",
                        (url, answer.etag, answer.last_modified, answer.fetched_at, answer.status, answer.kind))
                for url, page in changes.pages.items():
                    self._db.execute(
                        "INSERT OR REPLACE INTO pages (url, source, fetched_at, status, warc_file) "
                        "VALUES (?, ?, ?, ?, ?)", (url, page.source, page.fetched_at, page.status, page.warc_file))
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise


def now_utc() -> datetime:
    """The current time, UTC (one place, so the round and the state agree)."""
    return datetime.now(UTC)
