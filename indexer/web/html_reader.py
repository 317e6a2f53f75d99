"""HTML pages (``.html``, ``.htm`` files, one article per page) and the article built from any extracted page.

A page file is read as bytes (``trafilatura`` finds its encoding from the markup or the bytes) and goes
through :func:`indexer.web.extract.extract_page`; it has no fetch time (a file's modification time says when
it was copied, not when it was published or fetched). :func:`page_article` turns an extracted page, from a
file or a WARC record, into a :class:`RawArticle`, with the metadata of the page's feed entry filling gaps.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from indexer.records import RawArticle, RecordError, RecordSkipped
from indexer.web.extract import NotArticle, WebPage, extract_page
from indexer.web.feed_reader import FeedEntry

#: HTML files larger than this are rejected unread (no article page is; see also the WARC reader's limit).
MAX_HTML_FILE_BYTES = 16 * 1024 * 1024


def read_html_file(path: Path) -> WebPage | NotArticle | RecordError:
    """Extract the article of one HTML file, or say why it is not one (or why it cannot be read)."""
    try:
        size = path.stat().st_size
        if size > MAX_HTML_FILE_BYTES:
            return RecordError(str(path), 1, f"HTML file of {size:,} bytes is larger than "
                                             f"{MAX_HTML_FILE_BYTES:,}: not read")
        data = path.read_bytes()
    except OSError as exc:
        return RecordError(str(path), 0, f"cannot read file: {exc.strerror or exc}")
    return extract_page(data)


def page_article(
    page: WebPage | NotArticle, file: str, line: int, *, entry: FeedEntry | None = None,
    fetched_at: str | None = None, warc_file: str | None = None, warc_record: str | None = None,
) -> RawArticle | RecordSkipped:
    """The article of an extracted page (or the skip it earns), with its provenance.

    The feed ``entry`` announcing the page, when there is one, fills the gaps: the source (when the page
    names no site) and the publication date when the page gives none but the fetch time (``feed``)."""
    if isinstance(page, NotArticle):
        where = f" ({page.url})" if page.url else ""
        return RecordSkipped(file, line, f"not an article: {page.reason}{where}")
    published, source = page.published, page.published_source
    if entry is not None and entry.published and source in (None, "fetch"):
        published, source = entry.published, "feed"
    site = page.site_name or (entry.feed_title if entry is not None else None) or _host(page.url)
    return RawArticle(
        file=file, line=line, title=page.title or (entry.title if entry is not None else ""), body=page.text,
        published=published, url=page.url, source=site, published_source=source,
        fetched_at=fetched_at, warc_file=warc_file, warc_record=warc_record,
    )


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None
