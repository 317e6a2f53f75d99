"""The :class:`Enricher`: enrichment of many articles in batches, on worker processes, with a cache.

The per-article work is :func:`~indexer.enrich.pipeline.enrich_texts` (pure: text in, values out); this
module only distributes it over a process pool (one worker per core, the model loaded once per worker),
keeps the input order, double-buffers the windows of work and reads and fills the enrichment cache.
:class:`~indexer.enrich.dask_enricher.DaskEnricher` sends the same batches to a Dask cluster instead.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any, TypedDict

from indexer.enrich.attribution_units import UnitMode
from indexer.enrich.cache import EnrichmentCache, content_key
from indexer.enrich.nlp import load_model
from indexer.enrich.pipeline import (
    DEFAULT_MAX_CHARS,
    DEFAULT_WINDOW_CHARS,
    ENRICHMENT_VERSION,
    ArticleText,
    EnrichmentError,
    enrich_texts,
    pipeline_components,
)
from indexer.enrich.stance_model import load_stance_model
from indexer.enrich.statements import STATEMENT_UNITS
from indexer.enrich.types import Enrichment
from indexer.records import RawArticle
from newsarchive.config import Settings


def _worker_init(components: tuple[tuple[str, ...], tuple[str, ...]]) -> None:
    # Ctrl-C reaches the whole process group: the parent decides when to stop, a worker must not die
    # mid-task (the pool would wait for its result for ever).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    load_model(*components)
    load_stance_model()


def _worker_run(job: tuple[list[ArticleText], int, int, int, bool, UnitMode]) -> list[Enrichment | str]:
    articles, batch_size, window_chars, max_chars, corpus_rules, statement_units = job
    return enrich_texts(articles, batch_size, window_chars, max_chars, corpus_rules, statement_units)


class OutputOptions(TypedDict):
    """The settings that decide what enrichment outputs (and so are in its cache key)."""

    window_chars: int
    max_chars: int
    corpus_rules: bool
    statement_units: UnitMode


def output_options(settings: Settings) -> OutputOptions:
    """The output options of ``settings``, as keyword arguments of :class:`Enricher` and its subclasses."""
    return OutputOptions(
        window_chars=settings.enrich_window_chars,
        max_chars=settings.enrich_max_chars,
        corpus_rules=settings.enrich_corpus_rules,
        statement_units=settings.enrich_statements,
    )


class Enricher:
    """Enriches articles in batches, with one worker process per core and an optional cache.

    ``processes`` 0 means one per core (``os.cpu_count()``); 1 runs in this process. ``corpus_rules`` False
    skips the person rules for the 1996 sports layouts; ``statement_units`` "stance" searches only the units
that can carry a stance for statements (both are part of the cache key when not the default). Use as a context
    manager (or call :meth:`close`) to stop the workers.
    """

    def __init__(
        self,
        batch_size: int = 32,
        processes: int = 0,
        cache: EnrichmentCache | None = None,
        window_chars: int = DEFAULT_WINDOW_CHARS,
        max_chars: int = DEFAULT_MAX_CHARS,
        corpus_rules: bool = True,
        statement_units: UnitMode = STATEMENT_UNITS,
    ) -> None:
        self.batch_size = batch_size
        self.processes = processes or os.cpu_count() or 1
        self.cache = cache
        self.window_chars = window_chars
        self.max_chars = max_chars
        self.corpus_rules = corpus_rules
        self.statement_units = statement_units
        self._pool: Any = None

    @classmethod
    def from_settings(cls, settings: Settings, use_cache: bool = True) -> Enricher:
        """An enricher configured by ``settings`` (batch size, processes, cache under ``cache_dir/enrich``,
        window size, cap on enriched characters, corpus rules, statement units)."""
        cache = EnrichmentCache(settings.cache_dir / "enrich") if use_cache else None
        return cls(
            settings.enrich_batch_size,
            settings.enrich_processes,
            cache,
            **output_options(settings),
        )

    def __enter__(self) -> Enricher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the worker processes (the cache stays open; its owner closes it)."""
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def enrich_one(self, article: ArticleText) -> Enrichment:
        """The enrichment of one article (raises :class:`EnrichmentError` when it fails)."""
        return next(self.enrich_many([article]))

    def enrich_many(self, articles: Iterable[ArticleText]) -> Iterator[Enrichment]:
        """Enrichments of ``articles``, in input order, reading and filling the cache when there is one.

        Raises :class:`EnrichmentError` at the first article whose enrichment failed.
        """
        for result in self.results(articles):
            if isinstance(result, str):
                raise EnrichmentError(result)
            yield result

    def enrich_articles(self, articles: Iterable[RawArticle]) -> Iterator[tuple[RawArticle, Enrichment | str]]:
        """``(article, enrichment or error message)`` for every read article, in input order."""
        pending: deque[RawArticle] = deque()

        def texts() -> Iterator[ArticleText]:
            for article in articles:
                pending.append(article)
                yield ArticleText(article.title, article.body, article.published)

        for result in self.results(texts()):
            yield pending.popleft(), result

    def results(self, articles: Iterable[ArticleText]) -> Iterator[Enrichment | str]:
        """The enrichment, or the error message, of each article, in input order.

        Work is double-buffered: the next window of articles is already being enriched by the workers
        while the results of the current one are collected, so no worker waits at window boundaries.
        """
        iterator = iter(articles)
        current: _Window | None = None
        while True:
            articles_window = list(islice(iterator, self._window))
            following = self._start_window(articles_window) if articles_window else None
            if current is not None:
                yield from self._finish_window(current)
            if following is None:
                return
            current = following

    @property
    def _window(self) -> int:
        return self.batch_size * self.processes * 4

    def _start_window(self, articles: list[ArticleText]) -> _Window:
        keys = [self._cache_key(article) for article in articles]
        cached = self.cache.get_many(keys) if self.cache is not None else {}
        missing = list(dict.fromkeys(key for key in keys if key not in cached))
        by_key = dict(zip(keys, articles, strict=True))
        return _Window(keys, cached, missing, self._submit([by_key[key] for key in missing]))

    def _cache_key(self, article: ArticleText) -> str:
        """The article's content key; for a raw body longer than the window size or the cap (where they
        can change the output: the cleaned body is never longer than the raw one) both limits are in it, and
        with corpus rules off that switch is (so a result with them on is never returned for off)."""
        key = content_key(article.title, article.body, article.published, ENRICHMENT_VERSION)
        if not self.corpus_rules:
            key = hashlib.sha256(f"{key}:corpus_rules=off".encode("ascii")).hexdigest()
        if self.statement_units != STATEMENT_UNITS:
            key = hashlib.sha256(f"{key}:statements={self.statement_units}".encode("ascii")).hexdigest()
        if len(article.body) <= min(self.window_chars, self.max_chars):
            return key
        limits = f"{key}:window={self.window_chars}:max={self.max_chars}"
        return hashlib.sha256(limits.encode("ascii")).hexdigest()

    def _finish_window(self, window: _Window) -> Iterator[Enrichment | str]:
        fresh: dict[str, Enrichment | str] = {}
        for key, result in zip(window.missing, (r for part in window.parts for r in part), strict=True):
            fresh[key] = result
        if self.cache is not None and fresh:
            self.cache.put_many({key: value for key, value in fresh.items() if not isinstance(value, str)})
        for key in window.keys:
            yield window.cached[key] if key in window.cached else fresh[key]

    def _submit(self, articles: list[ArticleText]) -> Iterable[list[Enrichment | str]]:
        """Start enriching ``articles`` (in the workers, without waiting: cleaning too runs there, so this
        process only reads, hashes and writes); the results, chunk by chunk."""
        if not articles:
            return []
        if self.processes == 1 or len(articles) <= self.batch_size:
            return [enrich_texts(articles, self.batch_size, self.window_chars, self.max_chars, self.corpus_rules,
                                 self.statement_units)]
        if self._pool is None:
            self._pool = multiprocessing.get_context().Pool(
                self.processes, initializer=_worker_init, initargs=(pipeline_components(),)
            )
        size = self.batch_size
        jobs = [
            (articles[i : i + size], size, self.window_chars, self.max_chars, self.corpus_rules, self.statement_units)
            for i in range(0, len(articles), size)
        ]
        parts: Iterable[list[Enrichment | str]] = self._pool.imap(_worker_run, jobs)
        return parts


@dataclass
class _Window:
    """One window of articles in flight: keys in input order, cache hits, keys being enriched, results."""

    keys: list[str]
    cached: dict[str, Enrichment]
    missing: list[str]
    parts: Iterable[list[Enrichment | str]]
