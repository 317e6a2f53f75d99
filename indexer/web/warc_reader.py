"""WARC files (``.warc``, ``.warc.gz``), streamed record by record with ``warcio``'s ArchiveIterator: memory is
bounded by the largest record read, never by the file.

Candidates: ``response`` (and ``resource``) records whose content type is HTML are pages; those whose content
type is a feed (RSS, Atom, XML) are feeds. Other records (requests, metadata, images, scripts, revisits) are
passed over: they are not articles and not counted. A record's target URI is the page's URL (before its
canonical URL), its ``WARC-Date`` the fetch time, its ``WARC-Record-ID`` the provenance; its number in the
file (1-based, every record counted) is the record's "line".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
from warcio.exceptions import ArchiveLoadFailed  # type: ignore[import-untyped]

from indexer.records import RecordError
from indexer.web.feed_reader import FEED_CONTENT_TYPES

#: Pages larger than this are not read (no news article is; a runaway record must not exhaust memory).
MAX_PAGE_BYTES = 16 * 1024 * 1024
HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class WarcPayload:
    """One candidate record: an HTML page (``kind="html"``) or a feed (``kind="feed"``), with its provenance.
    ``payload`` is None when the record is larger than :data:`MAX_PAGE_BYTES`."""

    kind: str
    number: int
    url: str | None
    fetched_at: str | None
    record_id: str | None
    http_status: int | None
    payload: bytes | None


def iter_warc(path: Path, *, kinds: tuple[str, ...] = ("html", "feed")) -> Iterator[WarcPayload | RecordError]:
    """Stream the candidate records of the WARC file ``path`` whose kind is in ``kinds``; the payload is read
    only for those. A damaged file ends with one :class:`RecordError` at the record where reading failed
    (the records before it are kept). A file cut short inside a record's payload is not detected (warcio
    returns the bytes there are), nor one cut inside a record's header line (read as the end of the file)."""
    number = 0
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                number += 1
                if record.format != "warc":  # warcio also reads ARC files, and takes junk for ARC records
                    yield RecordError(str(path), number, "not a WARC file (no WARC record found)")
                    return
                if record.rec_type not in ("response", "resource"):
                    continue
                kind = _kind(record)
                if kind is None or kind not in kinds:
                    continue
                status = _status(record)
                data = record.content_stream().read(MAX_PAGE_BYTES + 1)
                yield WarcPayload(
                    kind=kind, number=number, url=record.rec_headers.get_header("WARC-Target-URI"),
                    fetched_at=record.rec_headers.get_header("WARC-Date"),
                    record_id=record.rec_headers.get_header("WARC-Record-ID"), http_status=status,
                    payload=data if len(data) <= MAX_PAGE_BYTES else None,
                )
        if number == 0:
            yield RecordError(str(path), 0, "not a WARC file (no WARC record found)")
    except ArchiveLoadFailed as exc:
        yield RecordError(str(path), number + 1, f"damaged WARC file: {exc.msg if hasattr(exc, 'msg') else exc}")
    except Exception as exc:  # warcio parses untrusted bytes and fails in many ways (AttributeError included)
        yield RecordError(str(path), number + 1, f"damaged WARC file: {type(exc).__name__}: {exc}")


def _content_type(record: Any) -> str:
    http_headers = getattr(record, "http_headers", None)
    value = http_headers.get_header("Content-Type") if http_headers is not None else None
    if not value:
        value = record.rec_headers.get_header("Content-Type") or ""
    return str(value).split(";", 1)[0].strip().lower()


def _kind(record: Any) -> str | None:
    content_type = _content_type(record)
    if content_type in HTML_CONTENT_TYPES:
        return "html"
    if content_type in FEED_CONTENT_TYPES:
        return "feed"
    return None


def _status(record: Any) -> int | None:
    http_headers = getattr(record, "http_headers", None)
    if http_headers is None:
        return None
    code = http_headers.get_statuscode()
    try:
        return int(code) if code else None
    except ValueError:
        return None
