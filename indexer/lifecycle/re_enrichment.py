"""Step 1 of a re-index with ``re_enrich``: NLP again over the stored raw inputs, new documents stored.

Runs over the store in id order from the state's ``enrich_after_id`` (all documents, or with
``only_outdated`` those whose enrichment version is below the state's), in chunks; after each chunk the
store holds the new documents and the state the last id done, so an interrupted run resumes there.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

from indexer.documents import build_document
from indexer.indexing import ArticleEnricher
from indexer.lifecycle.state import ReindexState
from indexer.records import RawArticle
from indexer.store import EnrichmentStore

log = logging.getLogger(__name__)


def progress_bar(enabled: bool, total: int, initial: int, desc: str) -> Any:
    """A tqdm bar on stderr (disabled unless ``enabled``) counting documents."""
    from tqdm import tqdm

    return tqdm(
        total=total, initial=initial, desc=desc, unit=" docs", file=sys.stderr, disable=not enabled,
        dynamic_ncols=True, smoothing=0.1,
    )


def re_enrich_store(
    store: EnrichmentStore,
    state: ReindexState,
    enricher: ArticleEnricher,
    chunk_size: int,
    progress: bool,
    checkpoint: Callable[[], None],
) -> tuple[int, list[str]]:
    """Enrich the stored raw inputs again (from ``state.enrich_after_id``; only outdated ones when
    ``state.only_outdated``) and store the new documents, calling ``checkpoint`` after each chunk; return
    (documents re-enriched, ids kept as they were: no raw input stored, or their enrichment failed)."""
    older_than = state.enrichment_version if state.only_outdated else None
    total = store.count_outdated(older_than) if older_than is not None else store.count()
    done = 0 if older_than is not None else total - store.count_after(state.enrich_after_id)
    enriched = 0
    left: list[str] = []
    batch: list[tuple[str, RawArticle]] = []
    bar = progress_bar(progress, total, done, "re-enrich")
    try:
        for doc_id, raw in store.iter_raw(chunk_size, state.enrich_after_id, older_than=older_than):
            if raw is None:
                left.append(doc_id)
                log.warning("%s: no raw input stored, keeping its current enrichment", doc_id)
                bar.update(1)
            else:
                batch.append((doc_id, raw))
            if len(batch) >= chunk_size:
                enriched += _enrich_batch(store, state, enricher, batch, left, bar, checkpoint)
                batch = []
        enriched += _enrich_batch(store, state, enricher, batch, left, bar, checkpoint)
    finally:
        bar.close()
    return enriched, left


def _enrich_batch(
    store: EnrichmentStore,
    state: ReindexState,
    enricher: ArticleEnricher,
    batch: list[tuple[str, RawArticle]],
    left: list[str],
    bar: Any,
    checkpoint: Callable[[], None],
) -> int:
    if not batch:
        return 0
    pairs: list[tuple[dict[str, Any], RawArticle]] = []
    results = enricher.enrich_articles(raw for _doc_id, raw in batch)
    for (doc_id, _raw), (article, result) in zip(batch, results, strict=True):
        bar.update(1)
        if isinstance(result, str):
            left.append(doc_id)
            log.warning("%s: enrichment failed (%s), keeping its current enrichment", doc_id, result)
            continue
        document = build_document(article, result)
        document["id"] = doc_id  # the store's key stays the document's identity
        pairs.append((document, article))
    store.put_articles(pairs)
    state.enrich_after_id = batch[-1][0]
    checkpoint()
    return len(pairs)
