"""``newsarchive index``: read files, enrich, keep the enriched copy, bulk-index — one streaming pass.

Nothing is lost:

- every record read is indexed (new or updated), rejected, or skipped as not an article (web pages), and each
  reject or skip is written to its file with file, line, stage and reason: ``read == created + updated +
  rejected + skipped`` when the run completes;
- a record with one bad field (an unparseable publication date, a field of the wrong type, text too long to
  enrich whole, an enrichment that failed) is indexed with that part empty and a warning, written to the
  warnings file and counted in the summary;
- when the run stops early (Elasticsearch unreachable for ``settings.index_retry_seconds``, a write block on
  the index, or a stop request such as Ctrl-C), what Elasticsearch acknowledged is kept (in the index and in
  the enrichment store alike), the summary counts the records read but not indexed, and running the same
  command again resumes: documents are updated in place and the enrichment cache spares the NLP.

The enrichment store only ever receives documents Elasticsearch acknowledged, so the store never holds a
document the index lacks; ``newsarchive verify`` checks the other direction.
"""

from __future__ import annotations

import sys
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from elasticsearch import Elasticsearch

from indexer.bulk import BulkStopped, ElasticsearchUnreachable, bulk_write
from indexer.corrections import Correction, CorrectionPlan, active_corrections, apply_corrections
from indexer.documents import build_document
from indexer.enrich.types import Enrichment
from indexer.index_summary import IndexSummary
from indexer.readers import iter_records
from indexer.records import RawArticle, RecordError, RecordSkipped, RecordWarning
from indexer.rejects import RejectsWriter
from indexer.store import EnrichmentStore
from newsarchive.config import Settings

__all__ = ["ArticleEnricher", "DocumentStore", "IndexSummary", "StopRequest", "index_paths"]


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


class StopRequest(Protocol):
    """Set from outside (a signal handler) to ask a run to stop after what is in flight."""

    def is_set(self) -> bool:
        """True once a stop was asked for."""
        ...


def _progress(enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(desc="indexing", unit=" docs", file=sys.stderr, disable=not enabled, dynamic_ncols=True)


def fallback_enrichment(article: RawArticle, max_chars: int) -> Enrichment:
    """What can be had of ``article`` without NLP (cleaned text and publication date, no entities): used
    when its enrichment failed, so the article is still indexed and searchable."""
    from indexer.enrich.pipeline import ArticleText, bare_enrichment

    return bare_enrichment(ArticleText(article.title, article.body, article.published), max_chars)


def enrichment_warnings(article: RawArticle, enrichment: Enrichment, max_chars: int) -> list[str]:
    """The warnings an enriched article earns: an unparseable publication date (the article is kept without
    it, or with the date its text gives), and a text longer than the enriched part."""
    found: list[str] = []
    if article.published and enrichment["published_source"] != "metadata":
        if enrichment["published"]:
            kept = f"indexed with {enrichment['published']} from the {enrichment['published_source']}"
        else:
            kept = "indexed without a date"
        found.append(f"unparseable publication date {article.published!r} ({kept})")
    length = len(enrichment["text"])
    if length > max_chars:
        found.append(f"text of {length:,} characters: entities, statements and mentioned dates come from the "
                     f"first {max_chars:,} (the whole text is indexed and searchable)")
    return found


def index_paths(
    settings: Settings,
    client: Elasticsearch,
    paths: Iterable[str | Path],
    *,
    enricher: ArticleEnricher,
    store: DocumentStore | None = None,
    progress: bool = True,
    on_reject: Callable[[RecordError], None] | None = None,
    on_warning: Callable[[RecordWarning], None] | None = None,
    on_skip: Callable[[RecordSkipped], None] | None = None,
    stop: StopRequest | None = None,
    corrections: Sequence[Correction] | None = None,
) -> IndexSummary:
    """Index every article found in ``paths`` through the write alias and return the summary.

    Elasticsearch receives each document with the entity ``corrections`` applied (default: the active ones
    recorded in ``store`` when it is an :class:`~indexer.store.EnrichmentStore`); the store keeps the
    uncorrected document, so a correction can be rolled back.

    Each reject (unreadable record, document refused by Elasticsearch, an article that could not even be
    indexed bare) goes to the rejects file and to ``on_reject``; each warning to the warnings file and to
    ``on_warning`` (the CLI prints both to stderr). Faults of Elasticsearch and stop requests end the run
    early with ``summary.stopped`` saying why; they are never raised.
    """
    summary = IndexSummary()
    rejects = RejectsWriter(settings.rejects_dir)
    warnings = RejectsWriter(settings.rejects_dir, kind="warnings")
    skipped = RejectsWriter(settings.rejects_dir, kind="skipped")
    in_flight: dict[str, deque[tuple[RawArticle, dict[str, Any]]]] = defaultdict(deque)
    store_batch: list[tuple[dict[str, Any], RawArticle]] = []
    bar = _progress(progress)
    if corrections is None:
        corrections = active_corrections(store.path) if isinstance(store, EnrichmentStore) else []
    plan = CorrectionPlan.compile(corrections)

    def stopping() -> bool:
        if stop is not None and stop.is_set():
            summary.stopped = summary.stopped or "stop requested (Ctrl-C)"
            return True
        return False

    def reject(error: RecordError, stage: str) -> None:
        summary.rejected += 1
        rejects.write(error, stage=stage)
        bar.update(1)
        if on_reject is not None:
            on_reject(error)

    def warn(warning: RecordWarning, stage: str) -> None:
        summary.warnings += 1
        warnings.write(warning, stage=stage)
        if on_warning is not None:
            on_warning(warning)

    def flush_store() -> None:
        if store is not None and store_batch:
            store.put_articles(store_batch)
        store_batch.clear()

    def articles() -> Iterator[RawArticle]:
        for record in iter_records(paths):
            if isinstance(record, RecordWarning):
                warn(record, "read")
                continue
            summary.read += 1
            if isinstance(record, RecordError):
                reject(record, "read")
            elif isinstance(record, RecordSkipped):
                summary.skipped += 1
                skipped.write(record, stage="read")
                bar.update(1)
                if on_skip is not None:
                    on_skip(record)
            else:
                yield record
            if stopping():
                return

    def enriched(article: RawArticle, result: Enrichment | str) -> Enrichment | None:
        if not isinstance(result, str):
            return result
        try:
            bare = fallback_enrichment(article, settings.enrich_max_chars)
        except Exception as error:  # not even the text steps work: the record cannot be indexed
            reject(RecordError(article.file, article.line, f"enrichment failed: {result}; and without NLP: "
                                                           f"{type(error).__name__}: {error}"), "enrich")
            return None
        warn(RecordWarning(article.file, article.line,
                           f"enrichment failed ({result}): indexed without entities and statements"), "enrich")
        return bare

    def actions() -> Iterator[dict[str, Any]]:
        for article, result in enricher.enrich_articles(articles()):
            enrichment = enriched(article, result)
            if enrichment is None:
                continue
            for reason in enrichment_warnings(article, enrichment, settings.enrich_max_chars):
                warn(RecordWarning(article.file, article.line, reason), "enrich")
            document = build_document(article, enrichment)
            in_flight[document["id"]].append((article, document))
            yield {"_op_type": "index", "_index": settings.write_alias, "_id": document["id"],
                   "_source": apply_corrections(document, plan) if plan else document}
            if stopping():
                return

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
                   on_item=on_item, unreachable_for=settings.index_retry_seconds)
    except ElasticsearchUnreachable as fault:
        summary.stopped = f"Elasticsearch is unreachable: {fault}"
    except BulkStopped as fault:
        summary.stopped = f"the index refuses writes: {fault}"
    finally:
        flush_store()
        bar.close()
        rejects.close()
        warnings.close()
        skipped.close()
    if summary.stopped is None:
        _refresh(client, settings.write_alias)
    if rejects.count:
        summary.rejects_path = rejects.path
    if warnings.count:
        summary.warnings_path = warnings.path
    if skipped.count:
        summary.skipped_path = skipped.path
    return summary


def _refresh(client: Elasticsearch, alias: str) -> None:
    """Make what was written searchable now (it would be within a second anyway: a failure is harmless)."""
    try:
        client.indices.refresh(index=alias)
    except Exception:  # the documents are acknowledged; only their visibility waits for the next refresh
        return
