"""Feeds (RSS, Atom; ``.rss``, ``.atom``, ``.xml`` files or feed responses inside a WARC) parsed by
``feedparser`` into entries: link, title, summary as plain text, publication date, feed title.

An entry whose page is among the inputs (same canonical URL) is not indexed on its own: the page is, with the
entry's metadata filling its gaps (see :mod:`indexer.web.inputs`). An entry whose page is absent becomes an
article of its own: title, and summary (or content) as the text, dated by the feed (``feed``), else by a date
in its URL (``url``), else by the time the feed was fetched (``fetch``).
"""

from __future__ import annotations

import calendar
import io
import time
from dataclasses import dataclass

import feedparser  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]
from lxml.etree import ParserError  # type: ignore[import-untyped]

from indexer.records import RawArticle, RecordSkipped
from indexer.web.canonical import clean_url
from indexer.web.extract import url_date

FEED_CONTENT_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
                      "application/rdf+xml", "application/feed+json")


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed, and where it was read from: ``line`` is its 1-based number in a feed file, or the
    number of the WARC record holding the feed."""

    file: str
    line: int
    url: str | None
    title: str
    summary: str
    published: str | None
    feed_title: str | None
    fetched_at: str | None = None
    warc_file: str | None = None
    warc_record: str | None = None


def parse_feed(data: bytes, file: str, *, record_line: int | None = None, base_url: str | None = None,
               fetched_at: str | None = None, warc_file: str | None = None,
               warc_record: str | None = None) -> list[FeedEntry] | None:
    """The entries of the RSS or Atom feed ``data``, or None when ``data`` is not a feed. Never fetches
    anything (the bytes are parsed as they are). ``record_line`` is the WARC record number of a feed read
    from a WARC (every entry then has that line); the provenance fields are copied into each entry."""
    headers = {"content-location": base_url} if base_url else None
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    if not parsed.get("version") and not parsed.entries:
        return None
    feed_title = _text(parsed.feed.get("title")) or None
    entries: list[FeedEntry] = []
    for position, entry in enumerate(parsed.entries, start=1):
        summary = entry.get("summary") or ""
        contents = entry.get("content") or []
        if contents and len(contents[0].get("value") or "") > len(summary):
            summary = contents[0].get("value") or ""
        entries.append(FeedEntry(
            file=file, line=record_line or position, url=clean_url(entry.get("link")), title=_text(entry.get("title")),
            summary=_text(summary, paragraphs=True), published=_iso(entry.get("published_parsed")
                                                                    or entry.get("updated_parsed")),
            feed_title=feed_title, fetched_at=fetched_at, warc_file=warc_file, warc_record=warc_record,
        ))
    return entries


def entry_article(entry: FeedEntry) -> RawArticle | RecordSkipped:
    """The article made of a feed entry whose page is not among the inputs: title and summary; skipped
    (with the reason) when the entry has no summary to index."""
    line = entry.line
    if not entry.summary.strip():
        return RecordSkipped(entry.file, line, f"feed entry {entry.title[:60]!r} has no summary and its page "
                                               "is not among the inputs")
    published, source = entry_date(entry)
    body = entry.summary
    return RawArticle(
        file=entry.file, line=line, title=entry.title or body.split("\n", 1)[0][:120], body=body,
        published=published, url=entry.url, source=entry.feed_title, published_source=source,
        fetched_at=entry.fetched_at, warc_file=entry.warc_file, warc_record=entry.warc_record,
    )


def entry_date(entry: FeedEntry) -> tuple[str | None, str | None]:
    """An entry's own date and its source: the feed's (``feed``), else its URL's (``url``), else the fetch
    time's (``fetch``)."""
    if entry.published:
        return entry.published, "feed"
    from_url = url_date(entry.url) if entry.url else None
    if from_url:
        return from_url, "url"
    if entry.fetched_at:
        return entry.fetched_at[:10], "fetch"
    return None, None


def _iso(value: time.struct_time | None) -> str | None:
    if value is None:
        return None
    try:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(calendar.timegm(value)))
    except (OverflowError, ValueError, TypeError):
        return None


def _text(value: object, *, paragraphs: bool = False) -> str:
    """Plain text of a feed field that may hold HTML (feedparser has already sanitised it)."""
    if not isinstance(value, str) or not value.strip():
        return ""
    if "<" not in value:
        return " ".join(value.split())
    try:
        fragment = lxml.html.fragment_fromstring(value, create_parent="div")
    except (ParserError, ValueError):
        return " ".join(value.split())
    if not paragraphs:
        return " ".join(fragment.text_content().split())
    blocks = [" ".join(p.text_content().split()) for p in fragment.iter("p", "li", "blockquote", "h2", "h3")]
    blocks = [b for b in blocks if b]
    return "\n\n".join(blocks) if blocks else " ".join(fragment.text_content().split())
