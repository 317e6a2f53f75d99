"""``newsarchive index``: read files, enrich, keep the enriched copy, bulk-index — one streaming pass.

Nothing is dropped: every record read is indexed (new or updated) or rejected, and every reject is written to
the rejects file with file, line, stage and reason. ``read == created + updated + rejected``.
"""

from __future__ import annotations

import sys
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from elasticsearch import Elasticsearch

from indexer.bulk import bulk_write
from indexer.documents import build_document
from indexer.enrich.types import Enrichment
from indexer.readers import iter_records
from indexer.records import RawArticle, RecordError
from indexer.rejects import RejectsWriter
from newsarchive.config import Settings


class ArticleEnricher(Protocol):
    """Enriches articles in order: yields, for each article, its enrichment or the error it raised."""

    def enrich_articles(self, articles: Iterable[RawArticle]) -> Iterator[tuple[RawArticle, Enrichment | str]]:
        """Yield ``(article, enrichment or error message)`` for every article, in input order."""
        ...


class DocumentStore(Protocol):
    """Where enriched documents are kept outside Elasticsearch (the enrichment store)."""

    def put_articles(self, items: Iterable[tuple[dict[str, Any], RawArticle]]) -> int:
        """Insert or replace ``(document, raw input)`` pairs, keyed by the document's ``id``."""
        ...


@dataclass
class IndexSummary:
    """What one ``index`` run did."""

    read: int = 0
    created: int = 0
    updated: int = 0
    rejected: int = 0
    rejects_path: Path | None = None

    def line(self) -> str:
        """The one-line summary printed at the end of a run."""
        text = (f"read {self.read}: indexed {self.created} new, updated {self.updated}, "
                f"rejected {self.rejected}")
        if self.rejected and self.rejects_path is not None:
            text += f" (rejects written to {self.rejects_path})"
        return text


def _progress(enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(desc="indexing", unit=" docs", file=sys.stderr, disable=not enabled, dynamic_ncols=True)


def index_paths(
    settings: Settings,
    client: Elasticsearch,
    paths: Iterable[str | Path],
    *,
    enricher: ArticleEnricher,
    store: DocumentStore | None = None,
    progress: bool = True,
    on_reject: Callable[[RecordError], None] | None = None,
) -> IndexSummary:
    """Index every article found in ``paths`` through the write alias and return the summary.

    Each reject (unreadable record, enrichment failure, unparseable publication date, document refused by
    Elasticsearch) goes to the rejects file and to ``on_reject`` (the CLI prints it to stderr).
    """
    summary = IndexSummary()
    rejects = RejectsWriter(settings.rejects_dir)
    in_flight: dict[str, deque[tuple[RawArticle, dict[str, Any]]]] = defaultdict(deque)
    store_batch: list[tuple[dict[str, Any], RawArticle]] = []
    bar = _progress(progress)

    def reject(error: RecordError, stage: str) -> None:
        summary.rejected += 1
        rejects.write(error, stage=stage)
        bar.update(1)
        if on_reject is not None:
            on_reject(error)

    def flush_store() -> None:
        if store is not None and store_batch:
            store.put_articles(store_batch)
        store_batch.clear()

    def articles() -> Iterator[RawArticle]:
        for record in iter_records(paths):
            summary.read += 1
            if isinstance(record, RecordError):
                reject(record, "read")
            else:
                yield record

    def actions() -> Iterator[dict[str, Any]]:
        for article, result in enricher.enrich_articles(articles()):
            if isinstance(result, str):
                reject(RecordError(article.file, article.line, f"enrichment failed: {result}"), "enrich")
                continue
            if article.published and result["published_source"] != "metadata":
                reject(RecordError(article.file, article.line,
                                   f"unparseable publication date {article.published!r}"), "read")
                continue
            document = build_document(article, result)
            in_flight[document["id"]].append((article, document))
            yield {"_op_type": "index", "_index": settings.write_alias, "_id": document["id"],
                   "_source": document}

    def on_item(ok: bool, doc_id: str, result: str) -> None:
        queue = in_flight.get(doc_id)
        entry = queue.popleft() if queue else None
        if queue is not None and not queue:
            del in_flight[doc_id]
        if ok:
            if result == "created":
                summary.created += 1
            else:
                summary.updated += 1
            bar.update(1)
            if entry is not None:
                # The store keeps exactly what the index accepted: it is what a re-index rebuilds from.
                store_batch.append((entry[1], entry[0]))
                if len(store_batch) >= settings.bulk_chunk_size:
                    flush_store()
        else:
            where = (entry[0].file, entry[0].line) if entry else ("(unknown)", 0)
            reject(RecordError(where[0], where[1], f"refused by Elasticsearch: {result}"), "index")

    try:
        bulk_write(client, actions(), chunk_size=settings.bulk_chunk_size, max_retries=settings.bulk_max_retries,
                   on_item=on_item)
        flush_store()
        client.indices.refresh(index=settings.write_alias)
    finally:
        bar.close()
        rejects.close()
    if rejects.count:
        summary.rejects_path = rejects.path
    return summary
