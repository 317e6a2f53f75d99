"""Atom feeds of searches (RFC 4287): a saved search becomes an alert in any feed reader."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, date, datetime

from web.models import SearchHit

ATOM_NS = "http://www.w3.org/2005/Atom"


def _timestamp(published: str | None, fallback: datetime) -> str:
    if published:
        try:
            day = date.fromisoformat(published[:10])
            return f"{day.isoformat()}T00:00:00Z"
        except ValueError:
            pass
    return fallback.strftime("%Y-%m-%dT%H:%M:%SZ")


def atom_feed(
    hits: list[SearchHit],
    *,
    title: str,
    feed_url: str,
    search_url: str,
    article_url: Callable[[str], str],
    now: datetime | None = None,
) -> bytes:
    """Serialise ``hits`` (newest first) as an Atom feed document (UTF-8 bytes with XML declaration).

    Entry ids and links point at the archive's article pages; the original article is a ``related`` link;
    the highlighted snippet is the entry summary (type html). Text is escaped by the XML serialiser.
    """
    now = now or datetime.now(UTC)
    ET.register_namespace("", ATOM_NS)

    def el(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        child = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            child.text = text
        return child

    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    el(feed, "id", feed_url)
    el(feed, "title", title)
    updated = max((_timestamp(h.published, now) for h in hits), default=_timestamp(None, now))
    el(feed, "updated", updated)
    el(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    el(feed, "link", rel="alternate", type="text/html", href=search_url)
    author = el(feed, "author")
    el(author, "name", "newsarchive")
    el(feed, "generator", "newsarchive")
    for hit in hits:
        entry = el(feed, "entry")
        link = article_url(hit.id)
        el(entry, "id", link)
        el(entry, "title", hit.title)
        el(entry, "updated", _timestamp(hit.published, now))
        if hit.published:
            el(entry, "published", _timestamp(hit.published, now))
        el(entry, "link", rel="alternate", type="text/html", href=link)
        if hit.url and hit.url[:8].lower().startswith(("http://", "https://")):  # never a javascript: link
            el(entry, "link", rel="related", href=hit.url)
        if hit.source:
            el(entry, "category", term=hit.source, label=hit.source)
        if hit.snippet_html:
            el(entry, "summary", hit.snippet_html, type="html")
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))
