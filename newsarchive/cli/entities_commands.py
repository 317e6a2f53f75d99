"""``newsarchive entities``: correct persons and organisations (merge, reject, rename, rollback), list them,
show, export and import the corrections. Thin wrappers over :mod:`indexer.corrections`; see
docs/corrections.md."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from newsarchive.config import Settings, load_settings

if TYPE_CHECKING:
    from elasticsearch import Elasticsearch

    from indexer.corrections.service import ChangeOutcome

app = typer.Typer(
    help="Correct the persons and organisations the extractor found: merge spellings, reject false ones, "
    "rename; the corrections are data (docs/corrections.md), applied at index time, by `reindex`, and at once "
    "to the articles they affect.",
    no_args_is_help=True,
)

EntityTypeOption = Annotated[
    Literal["person", "organization"], typer.Option("--type", help="person or organization.")
]
ApplyOption = Annotated[
    bool,
    typer.Option("--apply/--no-apply", help="Correct the affected articles now (default), or only record the "
                                            "correction (`newsarchive reindex` applies every correction)."),
]
NoteOption = Annotated[str, typer.Option("--note", help="Why (kept with the correction).")]


def register(main: typer.Typer) -> None:
    """Add the ``entities`` command group to the main app."""
    main.add_typer(app, name="entities")


def _fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code=code)


def _connect(settings: Settings, apply: bool) -> Elasticsearch | None:
    if not apply:
        return None
    from newsarchive.es_client import ensure_elasticsearch

    return ensure_elasticsearch(settings)


def _report(outcome: ChangeOutcome, verb: str) -> None:
    typer.echo(outcome.summary(verb))
    if outcome.applied is None:
        return
    for doc_id in outcome.applied.not_in_store[:10]:
        typer.echo(f"warning: {doc_id} is in the index but not in the store: not corrected "
                   "(`newsarchive verify --repair`)", err=True)
    for failure in outcome.applied.failures:
        typer.echo(f"failed: {failure}", err=True)
    if outcome.applied.failures:
        raise typer.Exit(code=1)


def _record(action: str, entity_type: str, name: str, target: str | None, note: str, apply: bool) -> ChangeOutcome:
    from indexer.corrections import CorrectionError, new_correction
    from indexer.corrections.service import record_correction

    try:
        request = new_correction(action, entity_type, name, target, note)
    except CorrectionError as error:
        raise _fail(str(error), code=2) from error
    settings = load_settings()
    return record_correction(_connect(settings, apply), settings, request)


@app.command("merge")
def merge_command(
    variant: Annotated[str, typer.Argument(help="The spelling to merge away, e.g. \"Zelensky\".")],
    canonical: Annotated[str, typer.Argument(help="The name it becomes, e.g. \"Volodymyr Zelenskyy\".")],
    entity_type: EntityTypeOption = "person",
    note: NoteOption = "",
    apply: ApplyOption = True,
) -> None:
    """Merge a variant spelling into the canonical name: every article naming the variant names the canonical
    one instead (mention counts added up; statements' speakers too). Case and accents are ignored."""
    outcome = _record("merge", entity_type, variant, canonical, note, apply)
    correction = outcome.corrections[0]
    _report(outcome, f"#{correction.id} merged {correction.name!r} into {correction.target!r}")


@app.command("reject")
def reject_command(
    name: Annotated[str, typer.Argument(help="The false entity, e.g. \"Kepler\".")],
    entity_type: EntityTypeOption = "person",
    note: NoteOption = "",
    apply: ApplyOption = True,
) -> None:
    """Reject a name as an entity of this type: it leaves the persons (or organisations) of every article,
    and statements it is the speaker of are dropped. The text stays searchable."""
    outcome = _record("reject", entity_type, name, None, note, apply)
    correction = outcome.corrections[0]
    _report(outcome, f"#{correction.id} rejected {correction.name!r} as {correction.entity_type}")


@app.command("rename")
def rename_command(
    old: Annotated[str, typer.Argument(help="The name as extracted.")],
    new: Annotated[str, typer.Argument(help="The name it should have.")],
    entity_type: EntityTypeOption = "person",
    note: NoteOption = "",
    apply: ApplyOption = True,
) -> None:
    """Rename an entity everywhere (as merge; for a name that is wrong rather than a variant)."""
    outcome = _record("rename", entity_type, old, new, note, apply)
    correction = outcome.corrections[0]
    _report(outcome, f"#{correction.id} renamed {correction.name!r} to {correction.target!r}")


@app.command("rollback")
def rollback_command(
    correction_id: Annotated[int, typer.Argument(help="The correction's id (see `entities corrections`).")],
    apply: ApplyOption = True,
) -> None:
    """Roll a correction back: the articles it changed get back what the extractor found (with the other
    corrections still applied). The correction stays in the table, marked rolled back."""
    from indexer.corrections import CorrectionError
    from indexer.corrections.service import rollback_correction

    settings = load_settings()
    try:
        outcome = rollback_correction(_connect(settings, apply), settings, correction_id)
    except CorrectionError as error:
        raise _fail(str(error)) from error
    _report(outcome, f"rolled back {outcome.corrections[0].describe()}")


@app.command("list")
def list_command(
    entity_type: EntityTypeOption = "person",
    min_articles: Annotated[int, typer.Option("--min-articles", min=1, help="Only names in at least N articles.")] = 1,
    prefix: Annotated[str, typer.Option("--prefix", help="Only names with a word starting with this.")] = "",
    limit: Annotated[int, typer.Option("--limit", min=1, help="Print at most N names.")] = 200,
) -> None:
    """Names of persons (or organisations) in the live index with their article counts, most first."""
    from indexer.corrections.listing import entity_counts
    from newsarchive.es_client import ensure_elasticsearch

    settings = load_settings()
    client = ensure_elasticsearch(settings)
    found = entity_counts(client, settings.alias, entity_type, min_articles=min_articles, prefix=prefix)
    for entry in found[:limit]:
        typer.echo(f"{entry.articles}\t{entry.name}")
    more = f" (first {limit} shown)" if len(found) > limit else ""
    typer.echo(f"{len(found)} {entity_type} names{more}", err=True)


@app.command("corrections")
def corrections_command(
    export: Annotated[
        Path | None, typer.Option("--export", help="Write every correction to FILE (JSON Lines).")
    ] = None,
    import_file: Annotated[
        Path | None,
        typer.Option("--import", help="Add the corrections of a reviewed JSON Lines FILE (all lines valid, or "
                                      "nothing is imported) and apply them."),
    ] = None,
    active_only: Annotated[bool, typer.Option("--active", help="Show only the active corrections.")] = False,
    apply: ApplyOption = True,
) -> None:
    """Show the recorded corrections (id, action, type, names, state), or export / import them."""
    from indexer.corrections.service import export_corrections, import_corrections, list_corrections
    from indexer.corrections.table import CorrectionsFileError

    settings = load_settings()
    if export is not None and import_file is not None:
        raise _fail("give --export or --import, not both", code=2)
    if export is not None:
        count = export_corrections(settings, export)
        typer.echo(f"exported {count} corrections to {export}")
        return
    if import_file is not None:
        try:
            outcome = import_corrections(_connect(settings, apply), settings, import_file)
        except CorrectionsFileError as error:
            for problem in error.problems:
                typer.echo(problem, err=True)
            raise _fail(f"nothing imported: {len(error.problems)} bad lines") from error
        _report(outcome, f"imported {len(outcome.corrections)} corrections ({outcome.unchanged} already there)")
        return
    corrections = list_corrections(settings, active_only=active_only)
    for correction in corrections:
        note = f"\t{correction.note}" if correction.note else ""
        typer.echo(f"{correction.describe()}\t{correction.created_at}{note}")
    typer.echo(f"{len(corrections)} corrections", err=True)
