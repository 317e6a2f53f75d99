"""Read articles from files: plain text, JSON Lines / JSON, CSV, in any text encoding; and web inputs (HTML
pages, WARC files, RSS and Atom feeds), read by :mod:`indexer.web.inputs` after the other files of a run.

Every record becomes a :class:`RawArticle` or a :class:`RecordError` naming file, line and reason; readers
never raise for bad input and never drop a record silently. A :class:`RecordWarning` (not a record) says
something was odd about the record that follows it (a field of the wrong type left out, a line needing an
encoding fallback) or, on line 1, about the whole file (the encoding it was decoded with).

Encodings and binary files: see :mod:`indexer.decoding` (a byte-order mark decides, else UTF-8 if the file
decodes as UTF-8, else a detected code page with a warning; binary files are one error on line 0).

Memory: ``.jsonl`` and ``.csv`` files, and ``.json`` files holding JSON Lines, are streamed line by line:
memory is bounded by the longest record, not the file. A ``.json`` array, or a ``.json`` document whose first
line is not a JSON value on its own (a pretty-printed object), is loaded whole; a ``.txt`` file is one article
and is read whole.

Accepted field names (the first one present wins):

- title: ``title``, ``headline`` (when missing: the body's first sentence, see :func:`title_from_body`)
- body: ``text``, ``body``, ``content``
- lead paragraph, prepended to the body: ``summary``, ``standfirst``, ``description``
- publication date: ``published``, ``date``, ``published_at``, ``pubdate``
- URL: ``url``, ``link``
- source: ``source``, ``publisher``
- id: ``id``

A field must be text (a string or a number). Only the body is required: a body of another type rejects the
record; any other field of another type is left out with a warning (a title then comes from the next title
field or from the body, an id from the URL or the content).
"""

from __future__ import annotations

import csv
import itertools
import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from indexer.decoding import TextFile, TextLine, open_text
from indexer.records import RawArticle, RecordError, RecordSkipped, RecordWarning
from indexer.web.inputs import WEB_SUFFIXES, is_web_input, read_web_inputs

TEXT_SUFFIXES = (".txt", ".jsonl", ".json", ".csv")
SUPPORTED_SUFFIXES = (*TEXT_SUFFIXES, *WEB_SUFFIXES)

TITLE_FIELDS = ("title", "headline")
BODY_FIELDS = ("text", "body", "content")
LEAD_FIELDS = ("summary", "standfirst", "description")
DATE_FIELDS = ("published", "date", "published_at", "pubdate")
URL_FIELDS = ("url", "link")
SOURCE_FIELDS = ("source", "publisher")
KNOWN_FIELDS = {"id", *TITLE_FIELDS, *BODY_FIELDS, *LEAD_FIELDS, *DATE_FIELDS, *URL_FIELDS, *SOURCE_FIELDS}

ReadResult = RawArticle | RecordError | RecordWarning | RecordSkipped


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
                if child.is_file() and _supported(child):
                    yield child
        elif path.is_file():
            if _supported(path):
                yield path
            else:
                yield RecordError(str(path), 0, f"unsupported file type {path.suffix or '(none)'!r}; "
                                                f"expected one of {', '.join(SUPPORTED_SUFFIXES)}")
        else:
            yield RecordError(str(path), 0, "no such file or folder")


def iter_records(paths: Iterable[str | Path]) -> Iterator[ReadResult]:
    """Yield every article, record error and warning found in ``paths``, file by file, in order.

    Records are the articles and errors; each warning precedes the record it is about (or, on line 0 or 1,
    the file's records). Web inputs (HTML, WARC, feeds) are read after the others, all together, so a feed
    entry and its page are one story (see :mod:`indexer.web.inputs`)."""
    web_inputs: list[Path] = []
    for item in iter_input_files(paths):
        if isinstance(item, RecordError):
            yield item
        elif is_web_input(item):
            web_inputs.append(item)
        else:
            yield from read_file(item)
    if web_inputs:
        yield from read_web_inputs(web_inputs)


def articles_at(paths: Iterable[str | Path], places: Sequence[tuple[str, int]]) -> list[RawArticle]:
    """The articles read from ``paths`` at each (file name, line) of ``places``, in that order (for fixtures
    and evaluations that name seed articles); raises KeyError for a place no article was read from."""
    wanted = set(places)
    found: dict[tuple[str, int], RawArticle] = {}
    for record in iter_records(paths):
        if isinstance(record, RawArticle) and (Path(record.file).name, record.line) in wanted:
            found[(Path(record.file).name, record.line)] = record
    return [found[place] for place in places]


def _supported(path: Path) -> bool:
    return path.name.lower().endswith(SUPPORTED_SUFFIXES)


def read_file(path: Path) -> Iterator[ReadResult]:
    """Yield the records of one file, choosing the reader by its suffix, each preceded by its warnings."""
    suffix = path.suffix.lower()
    if is_web_input(path):
        yield from read_web_inputs([path])
        return
    try:
        if not _supported(path):
            yield RecordError(str(path), 0, f"unsupported file type {suffix!r}")
            return
        with open_text(path) as text:
            if isinstance(text, RecordError):
                yield text
                return
            yield from text.take_warnings()
            if suffix == ".txt":
                yield from _read_txt(text)
            elif suffix == ".jsonl":
                yield from _read_json_lines(text, text.lines())
            elif suffix == ".json":
                yield from _read_json(text)
            else:
                yield from _read_csv(text)
            yield from text.take_warnings()
    except OSError as exc:
        yield RecordError(str(path), 0, f"cannot read file: {exc.strerror or exc}")


def _read_txt(text: TextFile) -> Iterator[ReadResult]:
    """A ``.txt`` file is one article: first non-empty line the title, the rest the body."""
    path = str(text.path)
    lines = [line.text.rstrip("\r\n") for line in text.lines()]
    yield from text.take_warnings()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        yield RecordError(path, 1, "empty file")
        return
    title = lines[first].strip()
    body = "\n".join(lines[first + 1 :]).strip()
    if not body:
        yield RecordError(path, first + 1, "no body text after the title line")
        return
    yield RawArticle(file=path, line=first + 1, title=title, body=body)


def _read_json_lines(text: TextFile, lines: Iterable[TextLine]) -> Iterator[ReadResult]:
    """One JSON object per line; blank lines are passed over."""
    path = str(text.path)
    for line in lines:
        content = line.text.rstrip("\r\n")
        if not content.strip():
            continue
        try:
            value = json.loads(content)
        except json.JSONDecodeError as exc:
            yield from text.take_warnings()
            yield RecordError(path, line.number, f"invalid JSON: {exc.msg} at column {exc.colno}", raw=content[:2000])
            continue
        results = record_from_mapping(value, path, line.number, raw=content)
        yield from text.take_warnings()
        yield from results


def _read_json(text: TextFile) -> Iterator[ReadResult]:
    """A ``.json`` file holds an array of objects, one object, or (leniently) JSON Lines.

    An array, or a file whose first non-blank line is not a JSON value on its own (a pretty-printed object),
    is loaded whole; otherwise the file is streamed as JSON Lines.
    """
    path = str(text.path)
    lines = text.lines()
    head: list[TextLine] = []
    for line in lines:
        head.append(line)
        if line.text.strip():
            break
    else:
        return
    first = head[-1].text.strip()
    if not first.startswith("["):
        try:
            json.loads(first)
        except json.JSONDecodeError:
            pass
        else:
            yield from _read_json_lines(text, itertools.chain(head, lines))
            return
    head.extend(lines)
    whole = "".join(line.text for line in head)
    yield from text.take_warnings()
    try:
        value = json.loads(whole)
    except json.JSONDecodeError as exc:
        if first.startswith("["):
            yield RecordError(path, exc.lineno, f"invalid JSON: {exc.msg} at column {exc.colno}")
        else:
            yield from _read_json_lines(text, head)
        return
    if not isinstance(value, list):
        yield from record_from_mapping(value, path, 1)
        return
    for position, element in enumerate(value, start=1):
        # Line numbers are not kept by json.loads; the element's position names the record instead.
        yield from record_from_mapping(element, path, position, where=f"array element {position}")


def _read_csv(text: TextFile) -> Iterator[ReadResult]:
    """A header line naming the fields, then one article per row; a row's line is the line it starts on."""
    path = str(text.path)
    csv.field_size_limit(sys.maxsize)
    reader = csv.DictReader((line.text for line in text.lines()), strict=True)
    header = reader.fieldnames
    yield from text.take_warnings()
    if not header:
        yield RecordError(path, 1, "empty CSV file (no header line)")
        return
    lowered = [name.strip().lower() for name in header]
    if not any(name in BODY_FIELDS for name in lowered):
        yield RecordError(path, 1, f"CSV header has no body column (one of {', '.join(BODY_FIELDS)}); "
                                   f"found: {', '.join(header)}")
        return
    start_line = 2
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield from text.take_warnings()
            yield RecordError(path, start_line, f"malformed CSV: {exc}")
            start_line = reader.line_num + 1
            continue
        line = start_line
        start_line = reader.line_num + 1
        yield from text.take_warnings()
        if None in row:
            yield RecordError(path, line, f"row has {len(header) + len(row[None])} fields, header has "
                                          f"{len(header)}")
            continue
        yield from record_from_mapping({k.strip().lower(): v for k, v in row.items()}, path, line)


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
) -> list[ReadResult]:
    """Turn one decoded JSON object or CSV row into a :class:`RawArticle`, or explain why it cannot be.

    Returns the warnings about fields left out (wrong type), then the :class:`RawArticle`; or just one
    :class:`RecordError`: only a missing, empty or non-text body (or a value that is not an object) rejects.
    """
    if not isinstance(value, Mapping):
        return [RecordError(file, line, f"expected a JSON object, got {type(value).__name__}", raw=raw)]
    record = {str(k).lower(): v for k, v in value.items()}
    prefix = f"{where}: " if where else ""
    warnings: list[ReadResult] = []
    for name in ("id", *TITLE_FIELDS, *BODY_FIELDS, *LEAD_FIELDS, *DATE_FIELDS, *URL_FIELDS, *SOURCE_FIELDS):
        field_value = record.get(name)
        if field_value is None or isinstance(field_value, str | int | float):
            continue
        problem = f"{prefix}field {name!r} must be a string, got {type(field_value).__name__}"
        if name in BODY_FIELDS:
            return [RecordError(file, line, problem, raw=raw)]
        warnings.append(RecordWarning(file, line, f"{problem} (indexed without it)"))
        del record[name]
    body = _first(record, BODY_FIELDS)
    body = str(body).strip() if body is not None else ""
    lead = _first(record, LEAD_FIELDS)
    if lead is not None and str(lead).strip() and not body.startswith(str(lead).strip()):
        body = f"{str(lead).strip()}\n\n{body}".strip()
    if not body:
        return [RecordError(file, line, f"{prefix}no article text (expected a non-empty field: "
                                       f"{', '.join(BODY_FIELDS)})", raw=raw)]
    title = _first(record, TITLE_FIELDS)
    title_text = str(title).strip() if title is not None else ""
    if not title_text:
        title_text = title_from_body(body)
    published = _first(record, DATE_FIELDS)
    url = _first(record, URL_FIELDS)
    source = _first(record, SOURCE_FIELDS)
    doc_id = record.get("id")
    extra = {k: str(v) for k, v in record.items() if k not in KNOWN_FIELDS and isinstance(v, str | int | float)}
    article = RawArticle(
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
    return [*warnings, article]
