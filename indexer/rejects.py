"""The rejects file: every record that was not indexed, with file, line, stage and reason (JSON Lines)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import IO

from indexer.records import RecordError


class RejectsWriter:
    """Appends rejected records to ``<directory>/rejects-<UTC timestamp>.jsonl``; the file is created on the
    first reject only, so a clean run leaves nothing behind."""

    def __init__(self, directory: Path) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        self.path = directory / f"rejects-{stamp}.jsonl"
        self.count = 0
        self._handle: IO[str] | None = None

    def write(self, error: RecordError, *, stage: str) -> None:
        """Record one reject (``stage`` is read, enrich or index)."""
        if self._handle is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = self.path.open("a", encoding="utf-8")
        entry = {"file": error.file, "line": error.line, "stage": stage, "reason": error.reason}
        if error.raw is not None:
            entry["raw"] = error.raw[:2000]
        self._handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._handle.flush()
        self.count += 1

    def close(self) -> None:
        """Close the file if one was opened."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def __enter__(self) -> RejectsWriter:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
