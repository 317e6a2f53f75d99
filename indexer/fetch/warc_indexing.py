"""Indexing a fetch round's pages WARC: the archive's own indexer (:func:`indexer.indexing.index_paths`), with
Elasticsearch, the index and the enricher made ready on first use, so a round that fetched nothing new
needs none of them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from elasticsearch import Elasticsearch

from indexer.index_summary import IndexSummary
from indexer.indexing import ArticleEnricher, StopRequest, index_paths
from indexer.records import RecordError, RecordSkipped, RecordWarning
from indexer.store import EnrichmentStore
from newsarchive.config import Settings


class WarcIndexer:
    """A callable indexing one WARC file at a time into the archive (see the module docstring). Give a client
    and an enricher to use those; otherwise they come from ``settings`` on first use. Close it at the end."""

    def __init__(self, settings: Settings, *, client: Elasticsearch | None = None,
                 enricher: ArticleEnricher | None = None, stop: StopRequest | None = None, progress: bool = False,
                 on_reject: Callable[[RecordError], None] | None = None,
                 on_warning: Callable[[RecordWarning], None] | None = None,
                 on_skip: Callable[[RecordSkipped], None] | None = None) -> None:
        self.settings = settings
        self._client = client
        self._enricher = enricher
        self._store: EnrichmentStore | None = None
        self._ready = False
        self._stop = stop
        self._progress = progress
        self._callbacks = (on_reject, on_warning, on_skip)

    def __enter__(self) -> WarcIndexer:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the enrichment store (when it was opened)."""
        if self._store is not None:
            self._store.close()
            self._store = None

    def _prepare(self) -> str | None:
        """Connect, set up the indices, load the enricher and open the store; the reason when that failed."""
        from indexer.lifecycle import setup_indices
        from newsarchive.es_client import AnalysisPluginMissing, ClusterUnavailable, ensure_elasticsearch
        from newsarchive.esnode import LocalNodeError

        try:
            if self._client is None:
                timeout = self.settings.index_retry_seconds if self.settings.es_url else 180.0
                self._client = ensure_elasticsearch(self.settings, timeout=timeout)
            setup_indices(self._client, self.settings)
        except (ClusterUnavailable, AnalysisPluginMissing, LocalNodeError) as error:
            return f"Elasticsearch is unreachable: {error}"
        if self._enricher is None:
            from indexer.enrich.enricher import Enricher

            self._enricher = Enricher.from_settings(self.settings)
        self._store = EnrichmentStore.open(self.settings)
        self._ready = True
        return None

    def __call__(self, warc: Path) -> IndexSummary:
        """Index the articles of ``warc``; the summary says what happened (``stopped`` when Elasticsearch
        could not be reached or the run was stopped: then nothing, or not everything, was indexed)."""
        if not self._ready:
            reason = self._prepare()
            if reason is not None:
                return IndexSummary(stopped=reason)
        assert self._client is not None and self._enricher is not None
        on_reject, on_warning, on_skip = self._callbacks
        return index_paths(self.settings, self._client, [warc], enricher=self._enricher, store=self._store,
                           progress=self._progress, on_reject=on_reject, on_warning=on_warning, on_skip=on_skip,
                           stop=self._stop)
