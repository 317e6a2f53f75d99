"""Document identity: canonical URLs, content hashes and the document id derived from them.

Writes are idempotent because the id is a function of the article: an explicit ``id`` from the input when
given, else the canonical URL, else a hash of the content. Indexing the same file twice updates the same
documents instead of creating new ones.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PARAMETERS = re.compile(r"^(utm_[a-z]+|fbclid|gclid|dclid|mc_cid|mc_eid|igshid|ref|cmpid|ocid)$", re.I)
DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str) -> str | None:
    """Return the canonical form of ``url``, or None when it is not an absolute http(s) URL.

    Canonical: scheme https (http and https name the same article), host lower-cased without ``www.`` and
    default port, path with repeated slashes collapsed and no trailing slash, tracking parameters
    (``utm_*``, ``fbclid``, ...) removed and the rest sorted, fragment dropped.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    host = host.removeprefix("www.")
    try:
        port = parts.port
    except ValueError:
        return None
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    if len(path) > 1:
        path = path.rstrip("/")
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if not TRACKING_PARAMETERS.match(k)))
    return urlunsplit(("https", netloc, path, query, ""))


def _normalise_for_hash(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def content_hash(title: str, body: str, published: str | None = None) -> str:
    """SHA-256 (hex) of the whitespace-normalised title, body and raw publication date."""
    digest = hashlib.sha256()
    for part in (title, body, published or ""):
        digest.update(_normalise_for_hash(part).encode("utf-8"))
        digest.update(b"\x00")
    return digest.hexdigest()


def document_id(*, explicit_id: str | None, url: str | None, title: str, body: str) -> str:
    """The document id: the explicit id if given, else ``u-`` + hash of the canonical URL, else ``c-`` +
    hash of the content (title and body)."""
    if explicit_id:
        return explicit_id.strip()
    canonical = canonical_url(url) if url else None
    if canonical:
        return "u-" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]
    return "c-" + content_hash(title, body)[:32]
