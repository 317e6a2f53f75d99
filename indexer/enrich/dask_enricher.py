"""Enrichment on a Dask distributed cluster: the same batches, the same code, other machines' cores.

:class:`DaskEnricher` is an :class:`~indexer.enrich.enricher.Enricher` whose batches run on the workers of a
Dask cluster (``newsarchive index --scheduler tcp://HOST:8786`` or ``NEWSARCHIVE_DASK_SCHEDULER``) instead of
a local process pool. Everything else is the local enricher's: the enrichment cache is read and written in
this process (cache hits never travel), articles go out in double-buffered windows of
``batch_size * worker threads * 4`` (at most two windows of futures in flight), and results come back in
input order. Each worker runs :func:`~indexer.enrich.pipeline.enrich_texts` on a batch, exactly as a local
pool worker does, and returns the enrichments; the indexer streams them into Elasticsearch and the
enrichment store as on the local path.

Workers load the spaCy model once per process, when they join (:class:`ModelPreloader`, a worker plugin;
the model stays cached in the process). A worker that dies mid-batch loses nothing: the scheduler runs its
batches again elsewhere (a batch is given up after ``distributed.scheduler.allowed-failures`` worker deaths,
default 3; a batch that raises is retried ``retries`` times). A batch that still fails gives each of its
articles the error message, like an article whose enrichment raised locally (the indexer keeps it without
entities, with a warning). Losing the scheduler itself stops the run with :class:`DaskSchedulerUnreachable`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Iterator
from typing import Any

import dask.config
from dask.utils import parse_timedelta
from distributed import Client, Future, WorkerPlugin

from indexer.enrich import pipeline
from indexer.enrich.attribution_units import UnitMode
from indexer.enrich.cache import EnrichmentCache
from indexer.enrich.enricher import Enricher, output_options
from indexer.enrich.nlp import load_model
from indexer.enrich.pipeline import (
    DEFAULT_MAX_CHARS,
    DEFAULT_WINDOW_CHARS,
    ArticleText,
    enrich_texts,
    pipeline_components,
)
from indexer.enrich.stance_model import load_stance_model
from indexer.enrich.statements import STATEMENT_UNITS
from indexer.enrich.types import Enrichment
from newsarchive.config import Settings

PLUGIN_NAME = "newsarchive-enrichment-model"


class DaskSchedulerUnreachable(ConnectionError):
    """The Dask scheduler cannot be reached (or was lost), or it has no usable workers."""


def worker_enrichment_version() -> int:
    """:data:`~indexer.enrich.pipeline.ENRICHMENT_VERSION` of the code this process runs (called on workers)."""
    return pipeline.ENRICHMENT_VERSION


class ModelPreloader(WorkerPlugin):
    """Loads the enrichment model on each worker when it joins (the first batch then waits for nothing).

    A worker whose enrichment code is another version than the client's fails the setup: the registration
    at connection time raises; on a worker joining later Dask only logs it, and the run stops at that
    worker's first result (:func:`_check_results`)."""

    def __init__(self, version: int = pipeline.ENRICHMENT_VERSION) -> None:
        self.version = version

    async def setup(self, worker: Any) -> None:
        """Check the worker's enrichment version, then load the model off the worker's event loop."""
        if worker_enrichment_version() != self.version:
            raise RuntimeError(
                f"worker {worker.address} runs enrichment version {worker_enrichment_version()}, "
                f"the client {self.version}: install the same newsarchive on every worker"
            )
        await asyncio.get_running_loop().run_in_executor(None, _load_pipeline_model)


def _load_pipeline_model() -> None:
    load_model(*pipeline_components())
    load_stance_model()  # the stance classifier too: not in the first batch's time


class DaskEnricher(Enricher):
    """Enriches articles in batches on a Dask cluster; the :class:`Enricher` contract (``results``,
    ``enrich_many``, ``enrich_articles``), cache and input order.

    ``scheduler``: the scheduler's address (``tcp://HOST:8786``). Connecting waits up to ``connect_timeout``
    seconds for the scheduler (default: Dask's ``distributed.comm.timeouts.connect``, 30 s unless configured,
    e.g. by ``DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT``), then up to ``worker_timeout`` seconds for a first
    worker; either failing raises :class:`DaskSchedulerUnreachable`, as does a worker running another
    enrichment version. ``retries``: how often a batch that raises is run again. Use as a context manager
    (or call :meth:`close`) to disconnect; the cluster keeps running.
    """

    def __init__(
        self,
        scheduler: str,
        batch_size: int = 32,
        cache: EnrichmentCache | None = None,
        window_chars: int = DEFAULT_WINDOW_CHARS,
        max_chars: int = DEFAULT_MAX_CHARS,
        retries: int = 2,
        connect_timeout: float | None = None,
        worker_timeout: float = 60.0,
        corpus_rules: bool = True,
        statement_units: UnitMode = STATEMENT_UNITS,
    ) -> None:
        super().__init__(
            batch_size, 1, cache, window_chars=window_chars, max_chars=max_chars, corpus_rules=corpus_rules,
            statement_units=statement_units,
        )
        self.scheduler = scheduler
        self.retries = retries
        self._client: Client | None = _connect(scheduler, connect_timeout, worker_timeout)
        try:
            _prepare_workers(self._client, scheduler)
        except BaseException:
            self.close()
            raise

    @classmethod
    def from_settings(cls, settings: Settings, use_cache: bool = True) -> DaskEnricher:
        """A Dask enricher for ``settings.dask_scheduler`` with the settings' batch size, window size, cap on
        enriched characters, corpus-rules switch and cache (``cache_dir/enrich``, read and written in this process)."""
        if not settings.dask_scheduler:
            raise ValueError("settings.dask_scheduler is not set")
        cache = EnrichmentCache(settings.cache_dir / "enrich") if use_cache else None
        return cls(
            settings.dask_scheduler,
            settings.enrich_batch_size,
            cache,
            **output_options(settings),
        )

    def __enter__(self) -> DaskEnricher:
        return self

    @property
    def client(self) -> Client:
        """The connection to the cluster (raises after :meth:`close`)."""
        if self._client is None:
            raise DaskSchedulerUnreachable(f"the Dask enricher for {self.scheduler} is closed")
        return self._client

    def close(self) -> None:
        """Disconnect from the scheduler; batches still in flight are released (the cluster keeps running)."""
        if self._client is not None:
            client, self._client = self._client, None
            client.close()  # type: ignore[no-untyped-call]  # distributed is partly untyped

    @property
    def _window(self) -> int:
        """Articles per window: four batches per worker thread the cluster has now (it may grow or shrink)."""
        try:
            threads = sum(self.client.nthreads().values())  # type: ignore[no-untyped-call]
        except OSError as error:
            raise DaskSchedulerUnreachable(f"lost the Dask scheduler {self.scheduler} ({error})") from error
        return self.batch_size * max(threads, 1) * 4

    def _submit(self, articles: list[ArticleText]) -> Iterable[list[Enrichment | str]]:
        """Send ``articles`` to the cluster in batches of ``batch_size`` (futures, without waiting); their
        results, batch by batch in input order."""
        if not articles:
            return []
        size = self.batch_size
        batches = [articles[i : i + size] for i in range(0, len(articles), size)]
        futures = [
            self.client.submit(
                enrich_texts, batch, size, self.window_chars, self.max_chars, self.corpus_rules, self.statement_units,
                retries=self.retries, pure=False,
            )
            for batch in batches
        ]
        return self._collect(batches, futures)

    def _collect(
        self, batches: list[list[ArticleText]], futures: list[Future[list[Enrichment | str]]]
    ) -> Iterator[list[Enrichment | str]]:
        """Each batch's results once its future is done, in order; a batch that failed for good gives each of
        its articles the error; a lost scheduler raises :class:`DaskSchedulerUnreachable`."""
        try:
            for batch, future in zip(batches, futures, strict=True):
                try:
                    results: list[Enrichment | str] = future.result()
                except Exception as error:
                    if self.client.status != "running":
                        raise DaskSchedulerUnreachable(
                            f"lost the Dask scheduler {self.scheduler} ({type(error).__name__}: {error})"
                        ) from error
                    message = f"{type(error).__name__} on the Dask cluster: {error}"
                    results = [message] * len(batch)
                _check_results(results, len(batch))
                yield results
        finally:
            for future in futures:  # a run that stops early does not leave work on the cluster
                future.release()  # type: ignore[no-untyped-call]


def _check_results(results: list[Enrichment | str], expected: int) -> None:
    """Raise when a worker returned the wrong number of results or ran another enrichment version (a worker
    that joined after the check at connection time with other code)."""
    if len(results) != expected:
        raise RuntimeError(f"a Dask worker returned {len(results)} results for {expected} articles")
    for result in results:
        if not isinstance(result, str) and result["enrichment_version"] != pipeline.ENRICHMENT_VERSION:
            raise RuntimeError(
                f"a Dask worker runs enrichment version {result['enrichment_version']}, this client "
                f"{pipeline.ENRICHMENT_VERSION}: install the same newsarchive on every worker"
            )


def _connect(scheduler: str, connect_timeout: float | None, worker_timeout: float) -> Client:
    """A client of the scheduler at ``scheduler`` with at least one worker, or :class:`DaskSchedulerUnreachable`."""
    if connect_timeout is None:
        connect_timeout = float(parse_timedelta(dask.config.get("distributed.comm.timeouts.connect"), "s"))
    try:
        client = Client(scheduler, timeout=connect_timeout, set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as error:
        raise DaskSchedulerUnreachable(
            f"cannot reach the Dask scheduler {scheduler} within {connect_timeout:g} s ({error})"
        ) from error
    try:
        client.wait_for_workers(1, timeout=worker_timeout)
    except (OSError, TimeoutError) as error:
        client.close()  # type: ignore[no-untyped-call]
        raise DaskSchedulerUnreachable(
            f"the Dask scheduler {scheduler} has no workers (none joined within {worker_timeout:g} s)"
        ) from error
    return client


def _prepare_workers(client: Client, scheduler: str) -> None:
    """Check every worker's enrichment version, then register the model preloader (current and future
    workers: it loads the model on each)."""
    versions: dict[str, int] = client.run(worker_enrichment_version)
    other = {address: version for address, version in versions.items() if version != pipeline.ENRICHMENT_VERSION}
    if other:
        raise DaskSchedulerUnreachable(
            f"workers of {scheduler} run another enrichment version than this client ({pipeline.ENRICHMENT_VERSION}): "
            f"{other}; install the same newsarchive on every worker"
        )
    client.register_plugin(ModelPreloader(), name=PLUGIN_NAME)
