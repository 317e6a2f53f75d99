"""The canonical URL of a web page, and the key that matches the same story found twice.

A page's canonical URL is its ``<link rel=canonical>``, else its ``og:url``, else the URL it was fetched
from; relative references are resolved against that URL. ``courlan`` normalises it (host lower-cased,
tracking parameters such as ``utm_*`` and ``fbclid`` and the fragment removed). The document id then comes
from :func:`indexer.identity.canonical_url` of this URL (see :func:`match_key`), so a story read from a
feed, from its page, or fetched twice with different tracking parameters is one document.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import courlan
from lxml.html import HtmlElement  # type: ignore[import-untyped]

from indexer.identity import canonical_url


def clean_url(url: str | None) -> str | None:
    """``url`` normalised by courlan with tracking parameters and fragment removed; None unless it is an
    absolute http(s) URL."""
    if not url or not url.strip():
        return None
    candidate = url.strip()
    if canonical_url(candidate) is None:
        return None
    try:
        return courlan.normalize_url(candidate, strict=True)
    except (ValueError, AttributeError):
        return None


def match_key(url: str | None) -> str | None:
    """The key under which two URLs name the same story: :func:`indexer.identity.canonical_url` (the form the
    document id is computed from), or None for a URL that is not absolute http(s)."""
    cleaned = clean_url(url)
    return canonical_url(cleaned) if cleaned else None


def canonical_page_url(tree: HtmlElement, url: str | None) -> str | None:
    """The page's canonical URL (rel=canonical, og:url, else ``url``), cleaned by :func:`clean_url`.

    A declared canonical URL is ignored when it is not http(s), or when it names a site's root while the
    page itself is deeper (a common template bug that would merge every page of a site into one)."""
    for declared in _declared_urls(tree):
        resolved = urljoin(url, declared) if url else declared
        cleaned = clean_url(resolved)
        if cleaned is None:
            continue
        if url and _is_root(cleaned) and not _is_root(url):
            continue
        return cleaned
    return clean_url(url)


def _declared_urls(tree: HtmlElement) -> list[str]:
    found: list[str] = []
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        href = (link.get("href") or "").strip()
        if "canonical" in rel and href:
            found.append(href)
    for meta in tree.iter("meta"):
        name = (meta.get("property") or meta.get("name") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if name == "og:url" and content:
            found.append(content)
    return found


def _is_root(url: str) -> bool:
    try:
        path = urlsplit(url).path
    except ValueError:
        return False
    return path in ("", "/")
