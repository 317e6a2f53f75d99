"""Read articles from files: plain text, JSON Lines / JSON, CSV.

Every record becomes a :class:`RawArticle` or a :class:`RecordError` naming file, line and reason; readers
never raise for bad input and never drop a record silently.

Accepted field names (the first one present wins):

- title: ``title``, ``headline`` (when missing: the body's first sentence, see :func:`title_from_body`)
- body: ``text``, ``body``, ``content``
- lead paragraph, prepended to the body: ``summary``, ``standfirst``, ``description``
- publication date: ``published``, ``date``, ``published_at``, ``pubdate``
- URL: ``url``, ``link``
- source: ``source``, ``publisher``
- id: ``id``
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from indexer.records import RawArticle, RecordError

SUPPORTED_SUFFIXES = (".txt", ".jsonl", ".json", ".csv")

TITLE_FIELDS = ("title", "headline")
BODY_FIELDS = ("text", "body", "content")
LEAD_FIELDS = ("summary", "standfirst", "description")
DATE_FIELDS = ("published", "date", "published_at", "pubdate")
URL_FIELDS = ("url", "link")
SOURCE_FIELDS = ("source", "publisher")
KNOWN_FIELDS = {"id", *TITLE_FIELDS, *BODY_FIELDS, *LEAD_FIELDS, *DATE_FIELDS, *URL_FIELDS, *SOURCE_FIELDS}

ReadResult = RawArticle | RecordError


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[Path | RecordError]:
    """Expand files and folders (recursively, sorted) into supported input files.

    A path that does not exist, or a file with an unsupported suffix given explicitly, yields a
    :class:`RecordError` (line 0). Unsupported files found inside folders are passed over (a folder may hold a
    README or a licence), hidden files and folders too.
    """
    for raw_path in paths:
        path = Path(raw_path)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path)
                if any(part.startswith(".") for part in relative.parts):
                    continue
                if child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield child
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                yield path
            else:
                yield RecordError(str(path), 0, f"unsupported file type {path.suffix or '(none)'!r}; "
                                                f"expected one of {', '.join(SUPPORTED_SUFFIXES)}")
        else:
            yield RecordError(str(path), 0, "no such file or folder")


def iter_records(paths: Iterable[str | Path]) -> Iterator[ReadResult]:
    """Yield every article (or record error) found in ``paths``, file by file, in order."""
    for item in iter_input_files(paths):
        if isinstance(item, RecordError):
            yield item
            continue
        yield from read_file(item)


def read_file(path: Path) -> Iterator[ReadResult]:
    """Yield the records of one file, choosing the reader by its suffix."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".txt":
            yield from _read_txt(path)
        elif suffix == ".jsonl":
            yield from _read_json_lines(path)
        elif suffix == ".json":
            yield from _read_json(path)
        elif suffix == ".csv":
            yield from _read_csv(path)
        else:
            yield RecordError(str(path), 0, f"unsupported file type {suffix!r}")
    except OSError as exc:
        yield RecordError(str(path), 0, f"cannot read file: {exc.strerror or exc}")


def _decode(path: Path) -> str | RecordError:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return RecordError(str(path), line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})")


def _read_txt(path: Path) -> Iterator[ReadResult]:
    """A ``.txt`` file is one article: first non-empty line the title, the rest the body."""
    text = _decode(path)
    if isinstance(text, RecordError):
        yield text
        return
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        yield RecordError(str(path), 1, "empty file")
        return
    title = lines[first].strip()
    body = "\n".join(lines[first + 1 :]).strip()
    if not body:
        yield RecordError(str(path), first + 1, "no body text after the title line")
        return
    yield RawArticle(file=str(path), line=first + 1, title=title, body=body)


def _read_json_lines(path: Path) -> Iterator[ReadResult]:
    text = _decode(path)
    if isinstance(text, RecordError):
        yield text
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield RecordError(str(path), number, f"invalid JSON: {exc.msg} at column {exc.colno}", raw=line[:2000])
            continue
        yield record_from_mapping(value, str(path), number, raw=line)


def _read_json(path: Path) -> Iterator[ReadResult]:
    """A ``.json`` file holds one object, an array of objects, or (leniently) JSON Lines."""
    text = _decode(path)
    if isinstance(text, RecordError):
        yield text
        return
    stripped = text.lstrip()
    if not stripped.startswith("["):
        try:
            value = json.loads(text)
        except json.JSONDecodeError:
            yield from _read_json_lines(path)
            return
        yield record_from_mapping(value, str(path), 1)
        return
    try:
        values = json.loads(text)
    except json.JSONDecodeError as exc:
        yield RecordError(str(path), exc.lineno, f"invalid JSON: {exc.msg} at column {exc.colno}")
        return
    for position, value in enumerate(values, start=1):
        # Line numbers are not kept by json.loads; the element's position names the record instead.
        yield record_from_mapping(value, str(path), position, where=f"array element {position}")


def _read_csv(path: Path) -> Iterator[ReadResult]:
    text = _decode(path)
    if isinstance(text, RecordError):
        yield text
        return
    csv.field_size_limit(sys.maxsize)
    reader = csv.DictReader(text.splitlines(keepends=True), strict=True)
    header = reader.fieldnames
    if not header:
        yield RecordError(str(path), 1, "empty CSV file (no header line)")
        return
    lowered = [name.strip().lower() for name in header]
    if not any(name in BODY_FIELDS for name in lowered):
        yield RecordError(str(path), 1, f"CSV header has no body column (one of {', '.join(BODY_FIELDS)}); "
                                        f"found: {', '.join(header)}")
        return
    start_line = 2
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield RecordError(str(path), start_line, f"malformed CSV: {exc}")
            start_line = reader.line_num + 1
            continue
        line = start_line
        start_line = reader.line_num + 1
        if None in row:
            yield RecordError(str(path), line, f"row has {len(header) + len(row[None])} fields, header has "
                                               f"{len(header)}")
            continue
        yield record_from_mapping({k.strip().lower(): v for k, v in row.items()}, str(path), line)


def _first(record: Mapping[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = record.get(name)
        if value is not None and value != "":
            return value
    return None


def title_from_body(body: str, limit: int = 120) -> str:
    """A stand-in title for an article without one: its first sentence (or line), cut at a word boundary."""
    first_line = body.strip().splitlines()[0]
    sentence = re.split(r"(?<=[.!?])\s", first_line, maxsplit=1)[0].strip()
    if len(sentence) <= limit:
        return sentence
    return sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def record_from_mapping(
    value: Any, file: str, line: int, *, raw: str | None = None, where: str | None = None
) -> ReadResult:
    """Turn one decoded JSON object or CSV row into a :class:`RawArticle`, or explain why it cannot be."""
    if not isinstance(value, Mapping):
        return RecordError(file, line, f"expected a JSON object, got {type(value).__name__}", raw=raw)
    record = {str(k).lower(): v for k, v in value.items()}
    prefix = f"{where}: " if where else ""
    for name in ("id", *TITLE_FIELDS, *BODY_FIELDS, *LEAD_FIELDS, *DATE_FIELDS, *URL_FIELDS, *SOURCE_FIELDS):
        field_value = record.get(name)
        if field_value is not None and not isinstance(field_value, str | int | float):
            return RecordError(file, line, f"{prefix}field {name!r} must be a string, got "
                                           f"{type(field_value).__name__}", raw=raw)
    body = _first(record, BODY_FIELDS)
    body = str(body).strip() if body is not None else ""
    lead = _first(record, LEAD_FIELDS)
    if lead is not None and str(lead).strip() and not body.startswith(str(lead).strip()):
        body = f"{str(lead).strip()}\n\n{body}".strip()
    if not body:
        return RecordError(file, line, f"{prefix}no article text (expected a non-empty field: "
                                       f"{', '.join(BODY_FIELDS)})", raw=raw)
    title = _first(record, TITLE_FIELDS)
    title_text = str(title).strip() if title is not None else ""
    if not title_text:
        title_text = title_from_body(body)
    published = _first(record, DATE_FIELDS)
    url = _first(record, URL_FIELDS)
    source = _first(record, SOURCE_FIELDS)
    doc_id = record.get("id")
    extra = {k: str(v) for k, v in record.items() if k not in KNOWN_FIELDS and isinstance(v, str | int | float)}
    return RawArticle(
        file=file,
        line=line,
        title=title_text,
        body=body,
        published=str(published).strip() if published is not None else None,
        url=str(url).strip() if url is not None else None,
        source=str(source).strip() if source is not None else None,
        id=str(doc_id) if doc_id is not None and str(doc_id).strip() else None,
        extra=extra,
    )
