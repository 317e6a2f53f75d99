"""Web inputs for the tests: the hand-written pages and feeds of ``tests/fixtures/web`` and WARC files written
with warcio (the way a crawler writes them: request and response records, HTTP headers, WARC-Date)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders  # type: ignore[import-untyped]
from warcio.warcwriter import WARCWriter  # type: ignore[import-untyped]

WEB_FIXTURES = Path(__file__).parent / "fixtures" / "web"
STATUS_TEXT = {200: "OK", 301: "Moved Permanently", 404: "Not Found", 500: "Internal Server Error"}


@dataclass(frozen=True)
class Fetch:
    """One fetched URL to write as a request and a response record."""

    url: str
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    date: str = "2024-03-09T07:15:00Z"


def fixture_bytes(name: str) -> bytes:
    """The bytes of one file of ``tests/fixtures/web``."""
    return (WEB_FIXTURES / name).read_bytes()


def write_warc(path: Path, fetches: list[Fetch]) -> list[str]:
    """Write ``fetches`` as a WARC file (gzipped when ``path`` ends in ``.gz``): a warcinfo record, then a
    request and a response record per fetch. Returns the ``WARC-Record-ID`` of each response."""
    ids: list[str] = []
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.name.endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsarchive-tests"}))
        for fetch in fetches:
            request = writer.create_warc_record(
                fetch.url, "request", payload=io.BytesIO(b""),
                http_headers=StatusAndHeaders(f"GET {fetch.url} HTTP/1.1", [("User-Agent", "tests")],
                                              is_http_request=True),
                warc_headers_dict={"WARC-Date": fetch.date},
            )
            writer.write_record(request)
            headers = StatusAndHeaders(f"{fetch.status} {STATUS_TEXT.get(fetch.status, 'Status')}",
                                       [("Content-Type", fetch.content_type)], protocol="HTTP/1.1")
            response = writer.create_warc_record(fetch.url, "response", payload=io.BytesIO(fetch.body),
                                                 http_headers=headers, warc_headers_dict={"WARC-Date": fetch.date})
            writer.write_record(response)
            ids.append(response.rec_headers.get_header("WARC-Record-ID"))
    return ids
