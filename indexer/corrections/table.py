"""The ``corrections`` table in the enrichment store's SQLite file, and its JSON Lines export and import.

Rows are never deleted: a rollback marks a correction inactive (with the time), so the table is also the
history of what was corrected. The file is the store's (``<data_dir>/store/documents.sqlite3``); this
module opens its own connection (WAL mode, 60 s busy timeout), so it works beside an open
:class:`~indexer.store.EnrichmentStore`.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from indexer.corrections.model import (
    Action,
    Correction,
    CorrectionError,
    CorrectionRequest,
    EntityType,
    new_correction,
)
from indexer.store import connect_store_file

SCHEMA = """
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY,
    action TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    name TEXT NOT NULL,
    target TEXT,
    note TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    rolled_back_at TEXT
);
"""

_COLUMNS = "id, action, entity_type, name, target, note, created_at, active, rolled_back_at"
_FILE_KEYS = {"id", "action", "type", "name", "target", "note", "created_at", "active", "rolled_back_at"}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _correction(row: tuple[Any, ...]) -> Correction:
    return Correction(
        id=int(row[0]),
        action=cast(Action, row[1]),
        entity_type=cast(EntityType, row[2]),
        name=str(row[3]),
        target=row[4],
        note=str(row[5]),
        created_at=str(row[6]),
        active=bool(row[7]),
        rolled_back_at=row[8],
    )


class CorrectionsFileError(ValueError):
    """A corrections file with bad lines; ``problems`` are ``FILE:LINE: reason``. Nothing was imported."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems[:5]) + (f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""))
        self.problems = problems


@dataclass
class ImportResult:
    """What an import did: the corrections it added (in id order) and how many lines were already there."""

    added: list[Correction] = field(default_factory=list)
    unchanged: int = 0


class CorrectionsTable:
    """The corrections of the store file at ``path`` (the table is created when missing)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._db = connect_store_file(path, SCHEMA)

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> CorrectionsTable:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def add(self, request: CorrectionRequest) -> Correction:
        """Record a validated correction (active, now) and return it with its id."""
        with self._lock:
            cursor = self._db.execute(
                "INSERT INTO corrections (action, entity_type, name, target, note, created_at, active) "
                "VALUES (?, ?, ?, ?, ?, ?, 1)",
                (request.action, request.entity_type, request.name, request.target, request.note, _now()),
            )
            new_id = cursor.lastrowid
        found = self.get(int(new_id or 0))
        assert found is not None
        return found

    def get(self, correction_id: int) -> Correction | None:
        """The correction with this id, or None."""
        with self._lock:
            row = self._db.execute(f"SELECT {_COLUMNS} FROM corrections WHERE id = ?", (correction_id,)).fetchone()
        return _correction(row) if row else None

    def list_corrections(self, *, active_only: bool = False) -> list[Correction]:
        """Every correction (or only the active ones), in id order (the order they apply in)."""
        where = "WHERE active = 1" if active_only else ""
        with self._lock:
            rows = self._db.execute(f"SELECT {_COLUMNS} FROM corrections {where} ORDER BY id").fetchall()
        return [_correction(row) for row in rows]

    def active(self) -> list[Correction]:
        """The active corrections in id order."""
        return self.list_corrections(active_only=True)

    def rollback(self, correction_id: int) -> Correction:
        """Mark the correction inactive and return it as it is now. Raises :class:`CorrectionError` for an
        unknown id or one already rolled back."""
        with self._lock:
            found = self.get(correction_id)
            if found is None:
                raise CorrectionError(f"no correction #{correction_id}")
            if not found.active:
                raise CorrectionError(f"correction #{correction_id} was already rolled back ({found.rolled_back_at})")
            self._db.execute(
                "UPDATE corrections SET active = 0, rolled_back_at = ? WHERE id = ?", (_now(), correction_id)
            )
        rolled = self.get(correction_id)
        assert rolled is not None
        return rolled

    # -- JSON Lines -------------------------------------------------------------------------------------

    def export_jsonl(self, path: Path) -> int:
        """Write every correction (rolled-back ones too) to ``path``, one JSON object per line; return how
        many."""
        corrections = self.list_corrections()
        with path.open("w", encoding="utf-8") as out:
            for correction in corrections:
                out.write(json.dumps(correction.to_json(), ensure_ascii=False) + "\n")
        return len(corrections)

    def import_jsonl(self, path: Path) -> ImportResult:
        """Import a (reviewed) corrections file: every line is validated first, and any bad line stops the
        import with :class:`CorrectionsFileError` listing ``FILE:LINE: reason`` for each (nothing imported).

        A line with the ``id`` of a recorded correction of the same content is already there (counted as
        unchanged); with an id recorded with other content it is a bad line. A line with a free id is added
        under that id, one without an id under the next one; ``active`` false adds it rolled back."""
        parsed = list(self._read_lines(path))
        problems = [problem for _line, _data, problem in parsed if problem]
        rows: list[tuple[int | None, CorrectionRequest, dict[str, Any]]] = []
        result = ImportResult()
        seen_ids: dict[int, int] = {}
        for line, data, problem in parsed:
            if problem or data is None:
                continue
            try:
                request = new_correction(
                    str(data.get("action")), str(data.get("type")), data.get("name"), data.get("target"),
                    data.get("note", ""),
                )
                correction_id = _optional_id(data.get("id"))
                if not isinstance(data.get("active", True), bool):
                    raise CorrectionError("active must be true or false")
            except CorrectionError as error:
                problems.append(f"{path}:{line}: {error}")
                continue
            if correction_id is not None:
                if correction_id in seen_ids:
                    problems.append(f"{path}:{line}: id {correction_id} is also on line {seen_ids[correction_id]}")
                    continue
                seen_ids[correction_id] = line
                existing = self.get(correction_id)
                if existing is not None:
                    if _same(existing, request, bool(data.get("active", True))):
                        result.unchanged += 1
                    else:
                        problems.append(
                            f"{path}:{line}: id {correction_id} is recorded with other content "
                            f"({existing.describe()}): drop the id to add it as a new correction"
                        )
                    continue
            rows.append((correction_id, request, data))
        if problems:
            raise CorrectionsFileError(problems)
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                new_ids = [self._insert(correction_id, request, data) for correction_id, request, data in rows]
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        result.added = sorted((c for c in (self.get(i) for i in new_ids) if c is not None), key=lambda c: c.id)
        return result

    def _insert(self, correction_id: int | None, request: CorrectionRequest, data: dict[str, Any]) -> int:
        active = bool(data.get("active", True))
        created = data.get("created_at") if isinstance(data.get("created_at"), str) else None
        rolled = data.get("rolled_back_at") if isinstance(data.get("rolled_back_at"), str) else None
        cursor = self._db.execute(
            "INSERT INTO corrections (id, action, entity_type, name, target, note, created_at, active, "
            "rolled_back_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (correction_id, request.action, request.entity_type, request.name, request.target, request.note,
             created or _now(), int(active), None if active else (rolled or _now())),
        )
        return int(cursor.lastrowid or 0)

    @staticmethod
    def _read_lines(path: Path) -> Iterable[tuple[int, dict[str, Any] | None, str | None]]:
        """``(line number, object or None, problem or None)`` for each non-blank line of ``path``."""
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            yield 0, None, f"{path}:0: cannot read the file: {error}"
            return
        for number, raw in enumerate(text.splitlines(), start=1):
            if not raw.strip():
                continue
            try:
                data = json.loads(raw)
            except json.JSONDecodeError as error:
                yield number, None, f"{path}:{number}: not JSON ({error.msg})"
                continue
            if not isinstance(data, dict):
                yield number, None, f"{path}:{number}: not a JSON object"
                continue
            unknown = sorted(set(data) - _FILE_KEYS)
            if unknown:
                yield number, None, f"{path}:{number}: unknown field(s) {', '.join(unknown)}"
                continue
            yield number, data, None


def _optional_id(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise CorrectionError(f"id {value!r} is not a positive whole number")
    return value


def _same(existing: Correction, request: CorrectionRequest, active: bool) -> bool:
    return (existing.action, existing.entity_type, existing.name, existing.target, existing.note, existing.active) == (
        request.action, request.entity_type, request.name, request.target, request.note, active
    )


def active_corrections(store_path: Path) -> list[Correction]:
    """The active corrections recorded in the store file at ``store_path`` (none when it has no table)."""
    if not store_path.exists():
        return []
    with CorrectionsTable(store_path) as table:
        return table.active()
