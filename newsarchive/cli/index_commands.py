"""``newsarchive index``: read, enrich and index articles from files and folders."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsarchive.config import load_settings


def register(app: typer.Typer) -> None:
    """Add ``index`` to the main app."""
    app.command(name="index")(index_command)


def index_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt, .jsonl, .json, .csv).")],
    progress: Annotated[bool, typer.Option(help="Show a progress bar on stderr.")] = True,
) -> None:
    """Read articles, enrich them (dates, people, countries, organisations, statements) and index them.

    The same article indexed again is an update, not a duplicate. Records that cannot be read or indexed are
    reported on stderr as FILE:LINE: REASON, written to a rejects file named in the summary, and make the
    command exit with status 1; the rest of the batch is indexed.
    """
    from indexer.enrich.pipeline import Enricher
    from indexer.indexing import index_paths
    from indexer.lifecycle import setup_indices
    from indexer.store import EnrichmentStore
    from newsarchive.es_client import ensure_elasticsearch

    settings = load_settings()
    client = ensure_elasticsearch(settings)
    setup_indices(client, settings)
    enricher = Enricher.from_settings(settings)
    with EnrichmentStore.open(settings) as store:
        summary = index_paths(
            settings,
            client,
            paths,
            enricher=enricher,
            store=store,
            progress=progress,
            on_reject=lambda error: typer.echo(error.message(), err=True),
        )
    typer.echo(summary.line())
    if summary.rejected:
        raise typer.Exit(code=1)
