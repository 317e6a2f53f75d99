"""Recognise pages that are not articles: section fronts, tag pages, error pages, near-empty pages.

General signals only, never rules for one site: the page's declared type (``og:type``, JSON-LD ``@type``),
an error title, how little main text there is, the link density of the page and how many links it has to
other article-like pages, and (as a supporting signal only) a navigation-like URL (``/tag/``,
``/category/``...; ``courlan.is_navigation_page``). The HTTP status of a WARC response is checked by
:func:`indexer.web.extract.extract_page` before extraction.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit

import courlan
from lxml.html import HtmlElement  # type: ignore[import-untyped]

#: Fewer words of main text than this is not an article (a short news brief has more).
MIN_ARTICLE_WORDS = 40
#: Share of the page's visible text inside links above which a page with many article links is a listing.
LISTING_LINK_DENSITY = 0.35
#: Distinct links to article-like pages on the same site from which a page looks like a listing.
LISTING_ARTICLE_LINKS = 8
#: A listing's main text is teasers: fewer words than this per linked article, and fewer than this in all.
WORDS_PER_TEASER = 25
LISTING_MAX_WORDS = 400

ARTICLE_TYPES = {"article", "newsarticle", "reportage", "analysisnewsarticle", "opinionnewsarticle",
                 "reviewnewsarticle", "backgroundnewsarticle", "blogposting", "report", "liveblogposting"}
LISTING_TYPES = {"collectionpage", "itemlist", "searchresultspage", "profilepage"}
_ERROR_TITLE = re.compile(
    r"\b(?:404|410|500|503)\b|page (?:not found|cannot be found|doesn.t exist|unavailable)|not found|"
    r"access denied|forbidden|server error|something went wrong", re.IGNORECASE)
_INVISIBLE = {"script", "style", "noscript", "template", "svg", "head"}


def non_article_reason(tree: HtmlElement, text: str, *, page_type: str | None = None,
                       url: str | None = None) -> str | None:
    """Why the page ``tree`` (whose extracted main text is ``text``) is not an article, or None if it is one.

    In order: an error title on a short page; a listing type (JSON-LD ``CollectionPage``, ``ItemList``...)
    on a page not also typed as an article; fewer than :data:`MIN_ARTICLE_WORDS` words of main text; then,
    only for pages not typed as articles (``og:type`` article, JSON-LD ``NewsArticle``...): many links to
    article-like pages of the same site with either a high link density or only teaser-length text per
    link, or a navigation URL with links to articles. ``page_type`` is the page's ``og:type`` when known;
    ``url`` its canonical URL. The reason is a short human-readable phrase for the skipped file."""
    words = len(text.split())
    title = _page_title(tree)
    if title and _ERROR_TITLE.search(title) and words < 150:
        return f"error page (title {title[:80]!r})"
    declared = _declared_types(tree, page_type)
    is_article_typed = bool(declared & ARTICLE_TYPES)
    listing_types = sorted(declared & LISTING_TYPES)
    if listing_types and not is_article_typed:
        return f"listing page (page type {listing_types[0]})"
    if words < MIN_ARTICLE_WORDS:
        return f"main text too short ({words} words)"
    if is_article_typed:
        return None  # a page declaring itself an article is one, however many links surround it
    density = link_density(tree)
    article_links = count_article_links(tree, url)
    if article_links >= LISTING_ARTICLE_LINKS and words < LISTING_MAX_WORDS and (
            density >= LISTING_LINK_DENSITY or words < WORDS_PER_TEASER * article_links):
        return (f"section front or tag page ({article_links} article links, link density {density:.2f}, "
                f"{words} words)")
    if url and courlan.is_navigation_page(url) and article_links >= LISTING_ARTICLE_LINKS // 2:
        return f"section front or tag page (navigation URL, {article_links} article links)"
    return None


def link_density(tree: HtmlElement) -> float:
    """The share (0..1) of the page's visible text that is inside links."""
    total = 0
    linked = 0
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in _INVISIBLE:
            continue
        if _hidden(element):
            continue
        in_link = any(ancestor.tag == "a" for ancestor in element.iterancestors()) or element.tag == "a"
        for piece in (element.text, *(child.tail for child in element if isinstance(child.tag, str))):
            size = len(piece.strip()) if piece else 0
            total += size
            if in_link:
                linked += size
    return linked / total if total else 0.0


def count_article_links(tree: HtmlElement, url: str | None) -> int:
    """Distinct links to article-like pages of the same site (a date in the path, or a long hyphenated slug
    below at least one folder)."""
    host = _host(url) if url else None
    seen: set[str] = set()
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "mailto:", "javascript:")):
            continue
        absolute = urljoin(url, href) if url else href
        target_host = _host(absolute)
        if host and target_host and target_host != host:
            continue
        path = urlsplit(absolute).path.rstrip("/")
        if path in seen or (url and path == urlsplit(url).path.rstrip("/")):
            continue
        if _article_like(path):
            seen.add(path)
    return len(seen)


def _article_like(path: str) -> bool:
    segments = [s for s in path.split("/") if s]
    if not segments:
        return False
    if re.search(r"/(?:19|20)\d\d/[01]?\d/", path + "/"):
        return True
    return len(segments) >= 2 and segments[-1].count("-") >= 3


def _declared_types(tree: HtmlElement, page_type: str | None) -> set[str]:
    types: set[str] = set()
    if page_type:
        types.add(page_type.strip().lower())
    for meta in tree.iter("meta"):
        if (meta.get("property") or "").lower() == "og:type" and meta.get("content"):
            types.add((meta.get("content") or "").strip().lower())
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        types.update(_ld_types(data))
    return types


def _ld_types(data: object, depth: int = 0) -> set[str]:
    if depth > 3:
        return set()
    found: set[str] = set()
    if isinstance(data, list):
        for item in data:
            found |= _ld_types(item, depth + 1)
    elif isinstance(data, dict):
        kind = data.get("@type")
        for value in kind if isinstance(kind, list) else [kind]:
            if isinstance(value, str):
                found.add(value.strip().lower())
        if "@graph" in data:
            found |= _ld_types(data["@graph"], depth + 1)
    return found


def _page_title(tree: HtmlElement) -> str:
    for tag in ("title", "h1"):
        for element in tree.iter(tag):
            text = " ".join(element.text_content().split())
            if text:
                return text
    return ""


def _hidden(element: HtmlElement) -> bool:
    return element.get("hidden") is not None or element.get("aria-hidden") == "true"


def _host(url: str) -> str | None:
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.lower().removeprefix("www.") if host else None
