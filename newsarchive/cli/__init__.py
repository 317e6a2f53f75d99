"""The one command-line entry point, ``newsarchive``. Commands are thin wrappers over plain functions.

Each module below registers its own commands; heavy imports (spaCy, Elasticsearch) happen inside the
commands so that ``newsarchive --help`` stays fast.
"""

from __future__ import annotations

import typer

from newsarchive.cli import (
    enrich_commands,
    entities_commands,
    es_commands,
    fetch_commands,
    index_commands,
    lifecycle_commands,
    serve_commands,
    verify_commands,
)

app = typer.Typer(
    name="newsarchive",
    help="A searchable news archive: index articles, find who said what, about which country, when.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(es_commands.app, name="es")
index_commands.register(app)
enrich_commands.register(app)
lifecycle_commands.register(app)
serve_commands.register(app)
verify_commands.register(app)
fetch_commands.register(app)
entities_commands.register(app)


def main() -> None:
    """Console-script entry point."""
    app()
