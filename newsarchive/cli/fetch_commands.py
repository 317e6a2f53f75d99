"""``newsarchive fetch``: fetch pages, feeds and sitemaps politely into WARC files and index them; with
``--feeds FILE --every 15m``, keep polling (the living archive)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsarchive.cli.index_commands import EXIT_ELASTICSEARCH, EXIT_INTERRUPTED, EXIT_REJECTS, stop_on_interrupt
from newsarchive.config import load_settings

if TYPE_CHECKING:
    from indexer.fetch.rounds import RoundReport

#: Exit status for wrong arguments (as click uses).
EXIT_USAGE = 2


def register(app: typer.Typer) -> None:
    """Add ``fetch`` to the main app."""
    app.command(name="fetch")(fetch_command)


def fetch_command(
    urls: Annotated[list[str] | None, typer.Argument(help="Pages, feeds or sitemaps to fetch (http/https).")] = None,
    feeds: Annotated[Path | None, typer.Option(
        "--feeds", help="File listing feeds, sitemaps or pages, one URL per line (# comments); re-read each round.",
        exists=True, dir_okay=False)] = None,
    every: Annotated[str | None, typer.Option(
        "--every", help="Keep polling, one round every INTERVAL (15m, 90s, 1h) until Ctrl-C or SIGTERM.")] = None,
    once: Annotated[bool, typer.Option("--once", help="One round, then exit (for cron), even with --every.")] = False,
    progress: Annotated[bool, typer.Option(help="Show a progress bar on stderr while indexing.")] = False,
) -> None:
    """Fetch pages, feeds and sitemaps politely, write them to a WARC file first, then index from it.

    Polite: robots.txt is obeyed, requests to one host are spaced (NEWSARCHIVE_FETCH_HOST_INTERVAL or a longer
    Crawl-delay), the user agent names the archive and NEWSARCHIVE_FETCH_CONTACT_URL, and what was fetched
    before is asked again only conditionally (ETag, Last-Modified). A feed or sitemap brings in the pages it
    lists that were not fetched before. Each round writes <data_dir>/warc/fetch-*.warc.gz (pages) and
    <data_dir>/crawl-log/fetch-*.warc.gz (everything else); the state is <data_dir>/fetch-state.sqlite3.
    Exit status: 0 done; 1 a URL failed or a record was rejected; 3 Elasticsearch unreachable; 130 stopped.
    """
    from indexer.fetch.poll import parse_every, poll, read_sources
    from indexer.fetch.warc_indexing import WarcIndexer

    if not urls and feeds is None:
        typer.echo("error: give URLs to fetch, or --feeds FILE.", err=True)
        raise typer.Exit(code=EXIT_USAGE)
    try:
        interval = None if once or every is None else parse_every(every)
    except ValueError as error:
        typer.echo(f"error: --every: {error}", err=True)
        raise typer.Exit(code=EXIT_USAGE) from None
    listed = list(urls or [])

    from_file: list[str] = []

    def sources() -> list[str]:
        nonlocal from_file
        if feeds is not None:
            try:
                from_file = read_sources(feeds)
            except (OSError, UnicodeDecodeError) as error:  # keep polling what it listed before
                typer.echo(f"warning: cannot read {feeds} ({error}); polling its previous list", err=True)
        return listed + [url for url in from_file if url not in listed]

    settings = load_settings()
    failed = False

    def on_report(report: RoundReport) -> None:
        nonlocal failed
        typer.echo(report.line())
        if report.index is not None:
            typer.echo(report.index.line())
        failed = failed or report.failed > 0 or bool(report.index and report.index.rejected)

    with stop_on_interrupt() as stop, WarcIndexer(
        settings, stop=stop, progress=progress,
        on_reject=lambda error: typer.echo(error.message(), err=True),
        on_warning=lambda warning: typer.echo(f"{warning.message()} [warning]", err=True),
        on_skip=lambda skip: typer.echo(skip.message(), err=True),
    ) as index:
        reports = poll(settings, sources, index, every=interval, stop=stop, on_report=on_report,
                       on_note=lambda note: typer.echo(note, err=True))
    last = reports[-1] if reports else None
    if stop.is_set() or (last is not None and last.stopped):
        raise typer.Exit(code=EXIT_INTERRUPTED)
    if last is not None and last.index is not None and last.index.stopped is not None:
        typer.echo(last.index.resume_hint() or "", err=True)
        raise typer.Exit(code=EXIT_ELASTICSEARCH)
    if failed:
        raise typer.Exit(code=EXIT_REJECTS)
