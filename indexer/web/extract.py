"""Extract one article from one HTML page: main text, metadata, canonical URL, publication date.

:func:`extract_page` is a pure function (no I/O, no network, no global state): the HTML readers, the WARC
reader and the extraction benchmarks call it. Libraries: ``trafilatura`` (main text, title, author, site
name, boilerplate removal), ``htmldate`` (publication date from the markup), ``courlan`` via
:mod:`indexer.web.canonical` (canonical URL), :mod:`indexer.web.non_article` (pages that are not articles).

Publication date, first found wins (``published_source`` says which):

1. ``html``: htmldate on the page's markup (meta tags, JSON-LD, ``<time>``, ``<abbr>``), original
   publication date preferred over the last-modified one; a date more than a day after the fetch time is
   not believed (here and for the URL's date);
2. ``url``: a ``/YYYY/MM/DD/`` or ``YYYY-MM-DD`` date in the canonical (or given) URL;
3. ``fetch``: the fetch time's date, when given.

The caller may then prefer a feed's date over ``fetch`` (``feed``): see :mod:`indexer.web.feed_reader`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

import htmldate
import trafilatura
from lxml.html import HtmlElement  # type: ignore[import-untyped]

from indexer.web.canonical import canonical_page_url
from indexer.web.non_article import non_article_reason

_URL_DATE = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d\d)(?P<sep>[/_-])(?P<month>[01]?\d)(?P=sep)(?P<day>[0-3]?\d)(?!\d)"
)


@dataclass(frozen=True)
class WebPage:
    """The article found on a page.

    ``url`` is the canonical URL (``<link rel=canonical>``, ``og:url``, else the URL given), tracking
    parameters removed; ``published`` is an ISO ``YYYY-MM-DD`` date or None, and ``published_source`` one of
    ``html``, ``url``, ``fetch`` (None when there is no date). ``text`` is the main text, paragraphs separated
    by blank lines, boilerplate (navigation, footers, comments) removed."""

    url: str | None
    title: str
    text: str
    author: str | None = None
    site_name: str | None = None
    description: str | None = None
    language: str | None = None
    published: str | None = None
    published_source: str | None = None


@dataclass(frozen=True)
class NotArticle:
    """A page that is not an article (section front, tag page, error page, empty page), and why."""

    reason: str
    url: str | None = None


def extract_page(
    html: str | bytes,
    url: str | None = None,
    fetched_at: str | None = None,
    *,
    http_status: int | None = None,
) -> WebPage | NotArticle:
    """Extract the article of one HTML page, or say why the page is not an article.

    ``url`` is where the page was found (used when the page names no canonical URL, and to resolve a
    relative one); ``fetched_at`` the fetch time (ISO 8601), a bound on the publication date and its last
    fallback; ``http_status`` the HTTP status when known (a WARC response): anything but 2xx is not an
    article. Never raises for bad input; never touches the network.
    """
    if http_status is not None and not 200 <= http_status < 300:
        return NotArticle(f"HTTP status {http_status}", url)
    tree = _parse(html)
    if tree is None:
        return NotArticle("not an HTML page (nothing to parse)", url)
    canonical = canonical_page_url(tree, url)
    document = trafilatura.bare_extraction(
        tree, url=canonical or url, with_metadata=True, include_comments=False, include_tables=True,
        deduplicate=False,
    )
    text = _clean_text(getattr(document, "text", None) or "") if document is not None else ""
    page_type = getattr(document, "pagetype", None) if document is not None else None
    reason = non_article_reason(tree, text, page_type=page_type, url=canonical or url)
    if reason is not None:
        return NotArticle(reason, canonical or url)
    title = " ".join((getattr(document, "title", None) or "").split())
    first, _, rest = text.partition("\n\n")
    if title and first.casefold() == title.casefold() and rest:
        text = rest  # the headline repeated as the text's first paragraph
    if not title:
        title = first[:200]
    published, source = _publication_date(tree, canonical or url, fetched_at)
    return WebPage(
        url=canonical,
        title=title,
        text=text,
        author=_optional(getattr(document, "author", None)),
        site_name=_optional(getattr(document, "sitename", None)),
        description=_optional(getattr(document, "description", None)),
        language=_optional(getattr(document, "language", None)),
        published=published,
        published_source=source,
    )


def _parse(html: str | bytes) -> HtmlElement | None:
    if not html or (isinstance(html, bytes | str) and not html.strip()):
        return None
    try:
        tree = trafilatura.load_html(html)
    except (ValueError, TypeError):
        return None
    return tree if isinstance(tree, HtmlElement) else None


def _clean_text(text: str) -> str:
    paragraphs = [" ".join(line.split()) for line in text.splitlines()]
    return "\n\n".join(p for p in paragraphs if p)


def _optional(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _publication_date(tree: HtmlElement, url: str | None, fetched_at: str | None) -> tuple[str | None, str | None]:
    fetch_day = _iso_day(fetched_at)
    latest = (date.fromisoformat(fetch_day) + timedelta(days=1)).isoformat() if fetch_day else None
    found = htmldate.find_date(tree, url="", extensive_search=False, original_date=True)
    if found and (latest is None or found <= latest):
        return found, "html"
    from_url = url_date(url) if url else None
    if from_url and (latest is None or from_url <= latest):
        return from_url, "url"
    if fetch_day:
        return fetch_day, "fetch"
    return None, None


def url_date(url: str) -> str | None:
    """The ``YYYY-MM-DD`` date written in a URL's path (``/2024/03/05/``, ``2024-03-05``), or None."""
    match = _URL_DATE.search(url.split("?", 1)[0])
    if match is None:
        return None
    try:
        return date(int(match["year"]), int(match["month"]), int(match["day"])).isoformat()
    except ValueError:
        return None


def _iso_day(timestamp: str | None) -> str | None:
    if not timestamp:
        return None
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", timestamp)
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        return None
