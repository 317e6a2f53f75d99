"""``newsarchive index``: read, enrich and index articles from files and folders."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer

from newsarchive.config import Settings, load_settings

if TYPE_CHECKING:
    from indexer.enrich.enricher import Enricher

#: Exit statuses: some records rejected; Elasticsearch unreachable or refusing writes; stopped by Ctrl-C.
EXIT_REJECTS, EXIT_ELASTICSEARCH, EXIT_INTERRUPTED = 1, 3, 130
#: Exit status: the Dask scheduler given for enrichment is unreachable or has no usable workers.
EXIT_DASK = 4


def register(app: typer.Typer) -> None:
    """Add ``index`` to the main app."""
    app.command(name="index")(index_command)


@contextmanager
def stop_on_interrupt() -> Iterator[threading.Event]:
    """While inside: the first Ctrl-C (SIGINT) or SIGTERM sets the yielded event (the run stops after what
    is in flight); a second Ctrl-C stops at once. The previous handlers come back afterwards."""
    stop = threading.Event()

    def handle(signum: int, _frame: FrameType | None) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt
        stop.set()
        typer.echo("stopping after the documents in flight (Ctrl-C again to stop at once) ...", err=True)

    previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _dask_enricher(settings: Settings) -> Enricher:
    """The enricher on ``settings.dask_scheduler``'s workers; exits with EXIT_DASK when it cannot be used."""
    from indexer.enrich.dask_enricher import DaskEnricher, DaskSchedulerUnreachable

    try:
        return DaskEnricher.from_settings(settings)
    except DaskSchedulerUnreachable as error:
        typer.echo(f"error: {error}. Start the scheduler and its workers (docs/distributed.md), or leave "
                   "--scheduler and NEWSARCHIVE_DASK_SCHEDULER unset to enrich here.", err=True)
        raise typer.Exit(code=EXIT_DASK) from None


def index_command(
    paths: Annotated[list[Path], typer.Argument(
        help="Files or folders (.txt, .jsonl, .json, .csv; .html, .htm, .warc, .warc.gz; feeds .rss, .atom, .xml)."
    )],
    progress: Annotated[bool, typer.Option(help="Show a progress bar on stderr.")] = True,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Enrich on this Dask scheduler's workers (tcp://HOST:8786; default: "
                     "NEWSARCHIVE_DASK_SCHEDULER, else a local process pool). See docs/distributed.md."),
    ] = None,
) -> None:
    """Read articles, enrich them (dates, people, countries, organisations, statements) and index them.

    The same article indexed again is an update, not a duplicate. Records that cannot be read or indexed are
    reported on stderr as FILE:LINE: REASON, written to a rejects file named in the summary, and make the
    command exit with status 1; the rest of the batch is indexed. Records kept with a field left empty are
    reported the same way as warnings (warnings file). When Elasticsearch stays unreachable
    (NEWSARCHIVE_INDEX_RETRY_SECONDS) or refuses writes (disk full), the command stops with status 3; on
    Ctrl-C it stops after the documents in flight with status 130. Either way what was acknowledged is kept,
    and running the same command again resumes.
    """
    from indexer.enrich.enricher import Enricher
    from indexer.indexing import index_paths
    from indexer.lifecycle import LifecycleError, setup_indices
    from indexer.store import EnrichmentStore
    from newsarchive.es_client import AnalysisPluginMissing, ClusterUnavailable, ensure_elasticsearch
    from newsarchive.esnode import LocalNodeError

    settings = load_settings()
    try:
        # A cluster of one's own gets the retry time to answer; the local node the time it needs to start.
        client = ensure_elasticsearch(settings, timeout=settings.index_retry_seconds if settings.es_url else 180.0)
        setup_indices(client, settings)
    except (ClusterUnavailable, AnalysisPluginMissing, LocalNodeError) as error:
        typer.echo(f"error: {error}. Start it (`newsarchive es start`) and run the command again.", err=True)
        raise typer.Exit(code=EXIT_ELASTICSEARCH) from None
    except LifecycleError as error:  # e.g. an index with an older mapping: `setup --migrate` moves it
        typer.echo(f"error: {error} (or `newsarchive setup --migrate`)", err=True)
        raise typer.Exit(code=EXIT_REJECTS) from None
    if scheduler is not None:
        settings = settings.model_copy(update={"dask_scheduler": scheduler})
    enricher = Enricher.from_settings(settings) if not settings.dask_scheduler else _dask_enricher(settings)
    with EnrichmentStore.open(settings) as store, stop_on_interrupt() as stop:
        summary = index_paths(
            settings,
            client,
            paths,
            enricher=enricher,
            store=store,
            progress=progress,
            on_reject=lambda error: typer.echo(error.message(), err=True),
            on_warning=lambda warning: typer.echo(f"{warning.message()} [warning]", err=True),
            on_skip=lambda skip: typer.echo(skip.message(), err=True),
            stop=stop,
        )
    if settings.dask_scheduler:
        enricher.close()  # disconnect from the cluster (the local pool's workers end with this process)
    typer.echo(summary.line())
    hint = summary.resume_hint()
    if hint is not None:
        typer.echo(hint, err=True)
        raise typer.Exit(code=EXIT_INTERRUPTED if stop.is_set() else EXIT_ELASTICSEARCH)
    if summary.rejected:
        raise typer.Exit(code=EXIT_REJECTS)
