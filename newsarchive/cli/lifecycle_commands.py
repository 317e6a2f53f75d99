"""Index lifecycle commands: ``setup``, ``indices``, ``reindex``, ``rollback``, ``delete``.

Thin wrappers over :mod:`indexer.lifecycle`; see docs/reindex.md.
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import replace
from typing import TYPE_CHECKING, Annotated

import typer

from newsarchive.config import Settings, load_settings

if TYPE_CHECKING:
    from elasticsearch import Elasticsearch


def register(app: typer.Typer) -> None:
    """Add this module's commands to the main app."""
    app.command(name="setup")(setup_command)
    app.command(name="indices")(indices_command)
    app.command(name="reindex")(reindex_command)
    app.command(name="rollback")(rollback_command)
    app.command(name="delete")(delete_command)


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code=code)


def _connect(settings: Settings) -> Elasticsearch:
    from newsarchive.es_client import ensure_elasticsearch

    return ensure_elasticsearch(settings)


def setup_command(
    migrate: Annotated[
        bool,
        typer.Option("--migrate", help="When the live index has an older mapping, re-index it from the enrichment "
                                       "store (no NLP) onto the current mapping and switch the aliases to it."),
    ] = False,
) -> None:
    """Create the articles index and its aliases if missing (idempotent); check the live mapping version."""
    from indexer.lifecycle import LifecycleError, setup_indices
    from indexer.lifecycle.errors import OutdatedMappingError

    settings = load_settings()
    client = _connect(settings)
    try:
        live = setup_indices(client, settings)
    except OutdatedMappingError as error:
        if not migrate:
            raise _fail(str(error)) from error
        live = _migrate(client, settings, error)
    except LifecycleError as error:
        raise _fail(str(error)) from error
    typer.echo(f"{settings.alias} -> {live} (write alias {settings.write_alias})")


def _migrate(client: Elasticsearch, settings: Settings, outdated: Exception) -> str:
    """Re-index the live index from the store onto the current mapping (``setup --migrate``)."""
    from indexer.lifecycle import LifecycleError, setup_indices
    from indexer.lifecycle.reindex import ReindexOptions, reindex
    from indexer.store import EnrichmentStore

    typer.echo(f"{outdated}; migrating: re-indexing from the enrichment store", err=True)
    try:
        with EnrichmentStore.open(settings) as store:
            result = reindex(client, settings, store, ReindexOptions(progress=False))
        typer.echo(f"migrated {result.documents} documents to {result.target}", err=True)
        return setup_indices(client, settings)
    except LifecycleError as error:
        raise _fail(f"migration failed: {error}") from error


def indices_command() -> None:
    """List the physical articles indices (oldest first) with document counts and their role."""
    from indexer.lifecycle.indices import list_physical_indices, live_index, previous_index
    from indexer.lifecycle.state import load_state

    settings = load_settings()
    client = _connect(settings)
    live = live_index(client, settings)
    previous = previous_index(client, settings)
    state = load_state(settings)
    loading = state.target if state is not None else None
    indices = list_physical_indices(client, settings)
    if not indices:
        typer.echo(f"no {settings.alias} indices yet: run `newsarchive setup`")
        return
    for index in indices:
        count = client.count(index=index.name)["count"]
        role = {live: "live", previous: "previous", loading: "unfinished re-index"}.get(index.name, "")
        typer.echo(f"{index.name}\tmapping v{index.mapping_version}\t{count} docs\t{role}".rstrip())


def reindex_command(
    resume: Annotated[bool, typer.Option("--resume", help="Continue the unfinished re-index.")] = False,
    restart: Annotated[bool, typer.Option("--restart", help="Discard an unfinished re-index and start over.")] = False,
    re_enrich: Annotated[bool, typer.Option("--re-enrich", help="Run NLP again on the stored input first.")] = False,
    only_outdated: Annotated[
        bool, typer.Option("--only-outdated", help="With --re-enrich: only documents of an older enrichment_version.")
    ] = False,
    keep: Annotated[
        int | None,
        typer.Option(min=0, help="Afterwards delete older indices beyond the N newest (live and previous stay)."),
    ] = None,
    allow_fewer: Annotated[
        bool, typer.Option("--allow-fewer", help="Allow a store with fewer documents than the live index.")
    ] = False,
    progress: Annotated[bool, typer.Option(help="Show progress bars on stderr.")] = True,
) -> None:
    """Build a new index from the enrichment store (no NLP) and switch the aliases to it atomically.

    The live index keeps serving until the new one is complete and verified; Ctrl-C or a crash leaves it
    live, and --resume continues. The previous index is kept for `newsarchive rollback`.
    """
    from indexer.lifecycle import LifecycleError
    from indexer.lifecycle.indices import live_index
    from indexer.lifecycle.reindex import ReindexOptions, reindex
    from indexer.lifecycle.state import load_state
    from indexer.store import EnrichmentStore

    if only_outdated and not re_enrich:
        raise _fail("--only-outdated goes with --re-enrich", code=2)
    settings = load_settings()
    client = _connect(settings)
    options = ReindexOptions(
        resume=resume, restart=restart, re_enrich=re_enrich, only_outdated=only_outdated, keep=keep,
        progress=progress, allow_fewer=allow_fewer,
    )
    pending = load_state(settings) if resume else None
    try:
        with ExitStack() as stack:
            enricher = None
            if re_enrich or (pending is not None and pending.phase == "enrich"):
                from indexer.enrich.enricher import Enricher
                from indexer.enrich.pipeline import ENRICHMENT_VERSION

                options = replace(options, enrichment_version=ENRICHMENT_VERSION)
                # No enrichment cache: --re-enrich means running the NLP again.
                enricher = stack.enter_context(Enricher.from_settings(settings, use_cache=False))
            store = stack.enter_context(EnrichmentStore.open(settings))
            result = reindex(client, settings, store, options, enricher=enricher)
    except KeyboardInterrupt:
        live = live_index(client, settings)
        raise _fail(
            f"interrupted; {settings.alias} still points at {live}. `newsarchive reindex --resume` continues",
            code=130,
        ) from None
    except LifecycleError as error:
        raise _fail(str(error)) from error
    if result.enriched or result.not_enriched:
        typer.echo(f"re-enriched {result.enriched} documents")
    for doc_id in result.not_enriched:
        typer.echo(f"warning: {doc_id}: not re-enriched (no raw input or enrichment failed), kept as it was",
                   err=True)
    typer.echo(
        f"{settings.alias} -> {result.target}: {result.documents} documents "
        f"({result.loaded} loaded in {result.seconds:.1f} s, {result.rate:.0f} docs/s); "
        f"previous index {result.previous or '(none)'} kept for `newsarchive rollback`"
    )
    for name in result.pruned:
        typer.echo(f"deleted old index {name}")


def rollback_command(
    force: Annotated[bool, typer.Option("--force", help="Roll back even to an index with an older mapping.")] = False,
) -> None:
    """Point the aliases back at the previous index (run it again to undo the rollback)."""
    from indexer.lifecycle import LifecycleError
    from indexer.lifecycle.retention import rollback

    settings = load_settings()
    client = _connect(settings)
    try:
        done = rollback(client, settings, allow_older_mapping=force)
    except LifecycleError as error:
        raise _fail(str(error)) from error
    typer.echo(
        f"{settings.alias} -> {done.to_index} (was {done.from_index}, kept). Documents indexed since the swap "
        "are in the store: `newsarchive reindex` brings them in"
    )


def delete_command(
    ids: Annotated[list[str] | None, typer.Option("--id", help="Document id to delete (repeatable).")] = None,
    query: Annotated[
        str | None, typer.Option("--query", help="Delete every document matching this search (title, text).")
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask before deleting by query.")] = False,
) -> None:
    """Delete documents by id or by query from the live index and the enrichment store."""
    from indexer.lifecycle.deletion import delete_documents, ids_matching
    from indexer.store import EnrichmentStore

    if bool(ids) == (query is not None):
        raise _fail("give either --id (one or more) or --query", code=2)
    settings = load_settings()
    client = _connect(settings)
    wanted = list(ids or [])
    if query is not None:
        wanted = ids_matching(client, settings, query)
        if not wanted:
            typer.echo(f"no documents match {query!r}")
            return
        if not yes and not typer.confirm(f"delete {len(wanted)} documents matching {query!r}?"):
            raise typer.Exit(code=1)
    with EnrichmentStore.open(settings) as store:
        result = delete_documents(client, settings, store, wanted)
    typer.echo(
        f"deleted {result.from_index} from {settings.alias}, {result.from_store} from the store "
        f"({result.requested} requested)"
    )
    for doc_id in result.not_found:
        typer.echo(f"not found: {doc_id}", err=True)
    for failure in result.failures:
        typer.echo(f"failed: {failure.doc_id}: {failure.reason}", err=True)
    if result.not_found or result.failures:
        raise typer.Exit(code=1)
