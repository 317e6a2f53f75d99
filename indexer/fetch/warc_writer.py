"""WARC files of a fetch run: the archive keeps its raw evidence before it indexes anything.

Each exchange becomes a ``request`` and a ``response`` record (warcio, gzipped per record), with
``WARC-Target-URI`` the URL requested and ``WARC-Date`` the time the request was sent; the request record
points at its response (``WARC-Concurrent-To``); a body cut at ``fetch_max_bytes`` carries
``WARC-Truncated: length``. A file is written as ``NAME.open`` and renamed to ``NAME`` when complete, so a
reader never sees half a file; a file that received no exchange is removed.

A run writes two files (see :class:`RunWarcs`): the pages to index under ``<data_dir>/warc/``, and everything
else it fetched (robots.txt, feeds, sitemaps, redirects, errors) under ``<data_dir>/crawl-log/``.
"""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders  # type: ignore[import-untyped]
from warcio.warcwriter import WARCWriter  # type: ignore[import-untyped]

from indexer.fetch.http_client import Exchange

OPEN_SUFFIX = ".open"


def warc_date(moment: datetime) -> str:
    """A WARC-Date (ISO 8601 UTC, seconds): ``2026-12-07T10:11:12Z``."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _request_line_target(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


class WarcFile:
    """One gzipped WARC file being written (see the module docstring)."""

    def __init__(self, path: Path, info: dict[str, str]) -> None:
        self.path = path
        self.exchanges = 0
        path.parent.mkdir(parents=True, exist_ok=True)
        self._open_path = path.with_name(path.name + OPEN_SUFFIX)
        self._stream: BinaryIO = open(self._open_path, "wb")  # noqa: SIM115 - closed by close()
        self._writer: Any = WARCWriter(self._stream, gzip=True)
        self._writer.write_record(self._writer.create_warcinfo_record(path.name, info))

    def write_exchange(self, exchange: Exchange) -> str:
        """Append the request and response records of ``exchange``; return the response's WARC-Record-ID."""
        date = warc_date(exchange.fetched_at)
        response_headers: dict[str, str] = {"WARC-Date": date}
        if exchange.truncated:
            response_headers["WARC-Truncated"] = "length"
        response = self._writer.create_warc_record(
            exchange.url, "response", payload=BytesIO(exchange.body), length=len(exchange.body),
            http_headers=StatusAndHeaders(f"{exchange.status} {exchange.reason}".strip(),
                                          exchange.response_headers, protocol=exchange.http_version),
            warc_headers_dict=response_headers,
        )
        request = self._writer.create_warc_record(
            exchange.url, "request", payload=BytesIO(b""), length=0,
            http_headers=StatusAndHeaders(f"GET {_request_line_target(exchange.url)} {exchange.http_version}",
                                          exchange.request_headers, is_http_request=True),
            warc_headers_dict={"WARC-Date": date},
        )
        self._writer.write_request_response_pair(request, response)
        self.exchanges += 1
        return str(response.rec_headers.get_header("WARC-Record-ID"))

    def close(self) -> Path | None:
        """Finish the file: rename it to its final name and return that path, or remove it and return None
        when it holds no exchange."""
        self._stream.flush()
        os.fsync(self._stream.fileno())
        self._stream.close()
        if not self.exchanges:
            self._open_path.unlink(missing_ok=True)
            return None
        os.replace(self._open_path, self.path)
        return self.path


def run_name(started: datetime) -> str:
    """A run's file name: ``fetch-20261207T101112Z-1a2b3c.warc.gz`` (sortable, unique)."""
    return f"fetch-{started.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}-{uuid.uuid4().hex[:6]}.warc.gz"


class RunWarcs:
    """The two WARC files of one run: ``pages`` (HTML pages answered 2xx, to be indexed) under
    ``<data_dir>/warc/`` and ``log`` (every other exchange) under ``<data_dir>/crawl-log/``."""

    def __init__(self, data_dir: Path, user_agent: str, started: datetime | None = None) -> None:
        name = run_name(started or datetime.now(UTC))
        info = {"software": "newsarchive fetch (warcio)", "http-header-user-agent": user_agent,
                "format": "WARC File Format 1.0"}
        self.pages = WarcFile(data_dir / "warc" / name, {**info, "description": "pages fetched to be indexed"})
        self.log = WarcFile(data_dir / "crawl-log" / name,
                            {**info, "description": "robots.txt, feeds, sitemaps, redirects and errors fetched"})

    def close(self) -> tuple[Path | None, Path | None]:
        """Finish both files; return (pages WARC, crawl-log WARC), None for one that stayed empty."""
        return self.pages.close(), self.log.close()
