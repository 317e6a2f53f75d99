"""The rejects file (every record that was not indexed) and the warnings file (every record kept with a field
left empty or enriched in part), each with file, line, stage and reason (JSON Lines)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import IO

from indexer.records import RecordError, RecordSkipped, RecordWarning


class RejectsWriter:
    """Appends rejected records to ``<directory>/<kind>-<UTC timestamp>.jsonl`` (kind ``rejects``, or
    ``warnings`` for the warnings file); the file is created on the first entry only, so a clean run leaves
    nothing behind."""

    def __init__(self, directory: Path, kind: str = "rejects") -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        self.path = directory / f"{kind}-{stamp}.jsonl"
        self.count = 0
        self._handle: IO[str] | None = None

    def write(self, error: RecordError | RecordWarning | RecordSkipped, *, stage: str) -> None:
        """Record one entry (``stage`` is read, enrich or index)."""
        if self._handle is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = self.path.open("a", encoding="utf-8")
        entry = {"file": error.file, "line": error.line, "stage": stage, "reason": error.reason}
        if isinstance(error, RecordError) and error.raw is not None:
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
