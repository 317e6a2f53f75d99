"""Sitemaps (sitemaps.org): the page URLs of a ``<urlset>``, the child sitemaps of a ``<sitemapindex>``.

The XML is parsed with lxml without resolving entities or reaching the network; a gzipped sitemap
(``.xml.gz``) is unpacked up to :data:`MAX_SITEMAP_BYTES`, the protocol's own limit.
"""

from __future__ import annotations

import gzip
import zlib
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

from lxml import etree  # type: ignore[import-untyped]

#: The largest sitemap the protocol allows, uncompressed (50 MB).
MAX_SITEMAP_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class SitemapUrl:
    """One page a sitemap lists, with its ``<lastmod>`` when given."""

    loc: str
    lastmod: str | None = None


@dataclass(frozen=True)
class Sitemap:
    """What a sitemap lists: pages (``<urlset>``) or child sitemaps (``<sitemapindex>``)."""

    pages: list[SitemapUrl] = field(default_factory=list)
    sitemaps: list[SitemapUrl] = field(default_factory=list)


def _gunzip(body: bytes) -> bytes:
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    return decompressor.decompress(body, MAX_SITEMAP_BYTES)


def _local(tag: Any) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _entries(root: Any, element: str, base: str) -> list[SitemapUrl]:
    found: list[SitemapUrl] = []
    for item in root:
        if _local(item.tag) != element:
            continue
        loc = lastmod = None
        for child in item:
            name = _local(child.tag)
            if name == "loc" and child.text and child.text.strip():
                loc = urljoin(base, child.text.strip())
            elif name == "lastmod" and child.text and child.text.strip():
                lastmod = child.text.strip()
        if loc is not None and loc.startswith(("http://", "https://")):
            found.append(SitemapUrl(loc, lastmod))
    return found


def parse_sitemap(body: bytes, url: str) -> Sitemap | None:
    """The pages or child sitemaps listed in ``body`` (fetched from ``url``), in document order; None when
    ``body`` is not a sitemap."""
    if body[:2] == b"\x1f\x8b":
        try:
            body = _gunzip(body)
        except (OSError, zlib.error, gzip.BadGzipFile):
            return None
    if b"<" not in body[:1024]:
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser=parser)
    except etree.XMLSyntaxError:
        return None
    if root is None:
        return None
    kind = _local(root.tag)
    if kind == "urlset":
        return Sitemap(pages=_entries(root, "url", url))
    if kind == "sitemapindex":
        return Sitemap(sitemaps=_entries(root, "sitemap", url))
    return None
