"""``newsarchive verify``: check that the enrichment store and the live index hold the same documents."""

from __future__ import annotations

from typing import Annotated

import typer

from newsarchive.config import load_settings


def register(app: typer.Typer) -> None:
    """Add ``verify`` to the main app."""
    app.command(name="verify")(verify_command)


def verify_command(
    repair: Annotated[
        bool,
        typer.Option("--repair", help="Send the index what it lacks from the store, and copy into the store what "
                                      "only the index holds."),
    ] = False,
    show: Annotated[int, typer.Option(help="How many ids of each kind of difference to print.")] = 10,
) -> None:
    """Compare the enrichment store and the live index by id, content hash and enrichment version.

    Exits 0 when they agree (after --repair: when they agree again), 1 when they differ.
    """
    from indexer.store import EnrichmentStore
    from indexer.verify import compare
    from indexer.verify import repair as repair_differences
    from newsarchive.es_client import ensure_elasticsearch

    settings = load_settings()
    client = ensure_elasticsearch(settings)
    with EnrichmentStore.open(settings) as store:
        found = compare(client, settings, store)
        for line in found.lines(show):
            typer.echo(line)
        if found.agree:
            return
        if not repair:
            typer.echo("run `newsarchive verify --repair` to make them agree", err=True)
            raise typer.Exit(code=1)
        done = repair_differences(client, settings, store, found)
        typer.echo(f"repaired: {done.sent_to_index} documents sent to the index, {done.copied_to_store} copied "
                   "into the store")
        for failure in done.failures:
            typer.echo(f"failed: {failure}", err=True)
        again = compare(client, settings, store)
        typer.echo(again.lines(show)[0])
        if not again.agree:
            raise typer.Exit(code=1)
