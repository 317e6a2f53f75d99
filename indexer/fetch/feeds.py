"""The entries a feed (RSS, Atom, RDF) lists, read with feedparser: each entry's link, in feed order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import feedparser  # type: ignore[import-untyped]


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed: the absolute URL of its page, its title and its date as the feed gives them."""

    link: str
    title: str
    published: str | None


def _entry_link(entry: Any) -> str | None:
    link = entry.get("link")
    if isinstance(link, str) and link.strip():
        return link.strip()
    for candidate in entry.get("links", []):
        href = candidate.get("href")
        if candidate.get("rel", "alternate") == "alternate" and isinstance(href, str) and href.strip():
            return href.strip()
    return None


def parse_feed(body: bytes, url: str) -> list[FeedEntry] | None:
    """The entries of the feed in ``body`` (fetched from ``url``, against which relative links resolve), in
    feed order, each link once; None when ``body`` is not a feed. Entries without a link are left out."""
    parsed: Any = feedparser.parse(body, response_headers={"content-location": url})
    if not parsed.get("version"):
        return None
    entries: list[FeedEntry] = []
    seen: set[str] = set()
    for entry in parsed.get("entries", []):
        link = _entry_link(entry)
        if link is None:
            continue
        absolute = urljoin(url, link)
        if absolute in seen or not absolute.startswith(("http://", "https://")):
            continue
        seen.add(absolute)
        published = entry.get("published") or entry.get("updated")
        entries.append(FeedEntry(absolute, str(entry.get("title", "")), str(published) if published else None))
    return entries
