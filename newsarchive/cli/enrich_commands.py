"""``newsarchive enrich``: print the enrichment of each article as JSON Lines, without Elasticsearch."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from newsarchive.config import load_settings


def register(app: typer.Typer) -> None:
    """Add ``enrich`` to the main app."""
    app.command(name="enrich")(enrich_command)


def enrich_command(
    paths: Annotated[list[Path], typer.Argument(
        help="Files or folders (.txt, .jsonl, .json, .csv; .html, .htm, .warc, .warc.gz; feeds .rss, .atom, .xml)."
    )],
    cache: Annotated[bool, typer.Option(help="Read and fill the enrichment cache.")] = True,
    processes: Annotated[
        int | None, typer.Option(help="Worker processes (0 = one per core; default from settings).")
    ] = None,
) -> None:
    """Enrich articles and print one JSON object per article on stdout (JSON Lines).

    Each object has the article's ``id`` (when the input has one) and the enrichment fields: title, text,
    published, published_source, enrichment_version, dates, persons, countries, places, organizations,
    statements, stances. Unreadable records, unparseable publication dates and failed enrichments are
    reported on stderr as FILE:LINE: REASON and make the command exit with status 1.
    """
    from indexer.enrich.enricher import Enricher
    from indexer.readers import iter_records
    from indexer.records import RawArticle, RecordError, RecordWarning

    settings = load_settings()
    if processes is not None:
        settings = settings.model_copy(update={"enrich_processes": processes})
    failures = 0

    def readable(paths: list[Path]) -> Iterator[RawArticle]:
        nonlocal failures
        for record in iter_records(paths):
            if isinstance(record, RecordWarning):
                typer.echo(f"{record.message()} [warning]", err=True)
            elif isinstance(record, RecordError):
                typer.echo(record.message(), err=True)
                failures += 1
            elif isinstance(record, RawArticle):
                yield record
            else:  # not an article (a web page such as a section front): said, not enriched
                typer.echo(record.message(), err=True)

    enricher = Enricher.from_settings(settings, use_cache=cache)
    try:
        for article, result in enricher.enrich_articles(readable(paths)):
            where = f"{article.file}:{article.line}"
            if isinstance(result, str):
                typer.echo(f"{where}: enrichment failed: {result}", err=True)
                failures += 1
                continue
            if article.published and result["published_source"] != "metadata":
                typer.echo(f"{where}: unparseable publication date {article.published!r}", err=True)
                failures += 1
            output: dict[str, object] = {"id": article.id} if article.id is not None else {}
            output.update(result)
            typer.echo(json.dumps(output, ensure_ascii=False))
    finally:
        enricher.close()
        if enricher.cache is not None:
            enricher.cache.close()
    if failures:
        raise typer.Exit(code=1)
