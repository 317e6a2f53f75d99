"""One article: fetched by id, and its statements prepared for the "who said what" table."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from elasticsearch import Elasticsearch

from web.errors import NotFound, elasticsearch_errors


def fetch_article(es: Elasticsearch, alias: str, article_id: str, timeout: str | None = None) -> dict[str, Any]:
    """Return the stored document whose ``id`` is ``article_id``; raises :class:`NotFound` when none is.
    ``timeout`` is the search's own (see :func:`web.query_builder.search_timeout`)."""
    with elasticsearch_errors(alias):
        resp = es.search(index=alias, query={"term": {"id": article_id}}, size=1, timeout=timeout)
    hits = resp["hits"]["hits"]
    if not hits:
        raise NotFound(f"No article with id {article_id!r}.")
    document: dict[str, Any] = dict(hits[0]["_source"])
    document.setdefault("id", hits[0]["_id"])
    return document


@dataclass(frozen=True)
class EvidenceParts:
    """A statement's evidence split around its cue, for highlighting the cue (each part is plain text)."""

    before: str
    cue: str
    after: str


def split_evidence(evidence: str, cue: str) -> EvidenceParts:
    """Split ``evidence`` around the first case-insensitive occurrence of ``cue``; when the cue does not
    occur, everything is ``before``."""
    match = re.search(re.escape(cue.strip()), evidence, re.IGNORECASE) if cue.strip() else None
    if match:
        return EvidenceParts(evidence[: match.start()], match.group(0), evidence[match.end() :])
    return EvidenceParts(evidence, "", "")


def paragraphs(text: str) -> list[str]:
    """The article text as paragraphs (split on line breaks, blank ones dropped)."""
    return [line.strip() for line in text.splitlines() if line.strip()]
