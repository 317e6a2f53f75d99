"""Build the indexed document from a read article and its enrichment (pure; no Elasticsearch here)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from indexer.enrich.types import Enrichment
from indexer.identity import content_hash, document_id
from indexer.records import RawArticle
from indexer.statement_fields import statement_fields
from newsarchive.mapping import mapped_fields


def article_identity(article: RawArticle) -> tuple[str, str]:
    """Return ``(document id, content hash)`` of a read article."""
    doc_id = document_id(explicit_id=article.id, url=article.url, title=article.title, body=article.body)
    return doc_id, content_hash(article.title, article.body, article.published)


def build_document(
    article: RawArticle, enrichment: Enrichment, *, indexed_at: datetime | None = None
) -> dict[str, Any]:
    """Return the document to index for ``article``: its identity, origin and every enrichment field.

    Derived search fields: see :func:`statement_fields`.

    Web inputs: when the enrichment kept the reader's date (``published_source`` ``metadata``), the reader's
    ``published_source`` hint (``html``, ``url``, ``feed``, ``fetch``) replaces ``metadata``; ``provenance``
    (fetch time, WARC file and record) is added only when the article has any, so documents of other inputs
    fit an index made before the field existed.
    """
    doc_id, digest = article_identity(article)
    statements = list(enrichment["statements"])
    document: dict[str, Any] = {
        "id": doc_id,
        "url": article.url,
        "source": article.source,
        "title": enrichment["title"],
        "text": enrichment["text"],
        "published": enrichment["published"],
        "published_source": _published_source(article, enrichment),
        "language": "en",
        "content_hash": digest,
        "enrichment_version": enrichment["enrichment_version"],
        "indexed_at": (indexed_at or datetime.now(UTC)).isoformat(timespec="seconds"),
        "origin": {"file": article.file, "line": article.line},
        "word_count": len(enrichment["text"].split()),
        "dates": list(enrichment["dates"]),
        "persons": list(enrichment["persons"]),
        "countries": list(enrichment["countries"]),
        "places": list(enrichment["places"]),
        "organizations": list(enrichment["organizations"]),
        "statements": statements,
        **statement_fields(statements),
    }
    provenance = {key: value for key, value in (("fetched_at", article.fetched_at),
                  ("warc_file", article.warc_file), ("warc_record", article.warc_record)) if value}
    if provenance:
        document["provenance"] = provenance
    unknown = set(document) - mapped_fields()
    if unknown:  # a programming error, not bad input: the mapping and this builder disagree
        raise ValueError(f"document fields not in the mapping: {sorted(unknown)}")
    return document


def _published_source(article: RawArticle, enrichment: Enrichment) -> str:
    """Where the publication date came from: the web reader's hint when its date was the one kept."""
    source = enrichment["published_source"]
    if source == "metadata" and article.published_source:
        return article.published_source
    return source
