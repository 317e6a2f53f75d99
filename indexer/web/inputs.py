"""Read the web inputs of one run (HTML pages, WARC files, feeds) so that each story is indexed once.

Order: first every feed is parsed (feed files, and feed responses inside the WARC files), indexed by the
canonical URL of each entry; then the pages (HTML files, HTML responses in WARC files) are read in path
order, each filled in by its feed entry when one announces it; last, the feed entries whose page was not
among the pages read are indexed on their own (title and summary). An entry whose page was read is not a
record of its own: it is part of its page's document. Two readings of the same canonical URL (a page fetched
twice) yield two records with the same document id: the later one updates the earlier.

A WARC file is read twice (once for its feeds, once for its pages), streamed both times.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from indexer.records import RawArticle, RecordError, RecordSkipped, RecordWarning
from indexer.web.canonical import match_key
from indexer.web.extract import NotArticle, extract_page
from indexer.web.feed_reader import FeedEntry, entry_article, parse_feed
from indexer.web.html_reader import page_article, read_html_file
from indexer.web.warc_reader import MAX_PAGE_BYTES, WarcPayload, iter_warc

HTML_SUFFIXES = (".html", ".htm")
WARC_SUFFIXES = (".warc", ".warc.gz")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
WEB_SUFFIXES = (*HTML_SUFFIXES, *WARC_SUFFIXES, *FEED_SUFFIXES)
#: Feed files larger than this are rejected unread.
MAX_FEED_FILE_BYTES = 32 * 1024 * 1024

WebResult = RawArticle | RecordError | RecordWarning | RecordSkipped


def is_web_input(path: Path) -> bool:
    """True when ``path``'s name ends with one of :data:`WEB_SUFFIXES` (case-insensitive)."""
    return path.name.lower().endswith(WEB_SUFFIXES)


def read_web_inputs(paths: Iterable[Path]) -> Iterator[WebResult]:
    """Yield every article, error and skip of the web input files ``paths`` (see the module docstring)."""
    files = list(paths)
    feeds = [(path, _load_feed_file(path)) for path in files if _has(path, FEED_SUFFIXES)]
    warc_feeds = [entry for path in files if _has(path, WARC_SUFFIXES) for entry in _warc_feed_entries(path)]
    announced: dict[str, FeedEntry] = {}
    for _, loaded in feeds:
        if isinstance(loaded, list):
            _announce(announced, loaded)
    _announce(announced, warc_feeds)
    read: set[str] = set()
    for path in files:
        if _has(path, HTML_SUFFIXES):
            yield from _remember(read, _html_file_records(path, announced))
        elif _has(path, WARC_SUFFIXES):
            yield from _remember(read, _warc_page_records(path, announced))
    for _, loaded in feeds:
        if isinstance(loaded, list):
            yield from _unread_entries(loaded, read)
        else:
            yield loaded
    yield from _unread_entries(warc_feeds, read)


def _has(path: Path, suffixes: tuple[str, ...]) -> bool:
    return path.name.lower().endswith(suffixes)


def _announce(announced: dict[str, FeedEntry], entries: Iterable[FeedEntry]) -> None:
    for entry in entries:
        key = match_key(entry.url)
        if key is not None:
            announced.setdefault(key, entry)


def _remember(read: set[str], records: Iterator[WebResult]) -> Iterator[WebResult]:
    for record in records:
        if isinstance(record, RawArticle):
            key = match_key(record.url)
            if key is not None:
                read.add(key)
        yield record


def _unread_entries(entries: Iterable[FeedEntry], read: set[str]) -> Iterator[WebResult]:
    for entry in entries:
        key = match_key(entry.url)
        if key is not None:
            if key in read:
                continue
            read.add(key)
        yield entry_article(entry)


def _load_feed_file(path: Path) -> list[FeedEntry] | RecordError | RecordSkipped:
    try:
        size = path.stat().st_size
        if size > MAX_FEED_FILE_BYTES:
            return RecordError(str(path), 0, f"feed file of {size:,} bytes is larger than {MAX_FEED_FILE_BYTES:,}")
        data = path.read_bytes()
    except OSError as exc:
        return RecordError(str(path), 0, f"cannot read file: {exc.strerror or exc}")
    entries = parse_feed(data, str(path))
    if entries is None:
        return RecordSkipped(str(path), 0, "not an RSS or Atom feed")
    return entries


def _warc_feed_entries(path: Path) -> list[FeedEntry]:
    """The entries of the feeds inside a WARC file (its damage, if any, is reported by the page pass)."""
    found: list[FeedEntry] = []
    for item in iter_warc(path, kinds=("feed",)):
        if isinstance(item, WarcPayload) and item.payload is not None and _ok(item.http_status):
            entries = parse_feed(item.payload, str(path), record_line=item.number, base_url=item.url,
                                 fetched_at=item.fetched_at, warc_file=str(path), warc_record=item.record_id)
            found.extend(entries or [])
    return found


def _ok(status: int | None) -> bool:
    return status is None or 200 <= status < 300


def _html_file_records(path: Path, announced: dict[str, FeedEntry]) -> Iterator[WebResult]:
    page = read_html_file(path)
    if isinstance(page, RecordError):
        yield page
        return
    entry = announced.get(match_key(page.url) or "") if not isinstance(page, NotArticle) else None
    yield page_article(page, str(path), 1, entry=entry)


def _warc_page_records(path: Path, announced: dict[str, FeedEntry]) -> Iterator[WebResult]:
    for item in iter_warc(path, kinds=("html",)):
        if isinstance(item, RecordError):
            yield item
            continue
        if item.payload is None:
            yield RecordError(str(path), item.number, f"record larger than {MAX_PAGE_BYTES:,} bytes: not read")
            continue
        page = extract_page(item.payload, item.url, item.fetched_at, http_status=item.http_status)
        entry = announced.get(match_key(page.url) or "") if not isinstance(page, NotArticle) else None
        yield page_article(page, str(path), item.number, entry=entry, fetched_at=item.fetched_at,
                           warc_file=str(path), warc_record=item.record_id)
