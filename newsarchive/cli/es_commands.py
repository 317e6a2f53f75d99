"""``newsarchive es ...``: the local Elasticsearch node (placeholder, filled by its owner)."""

from __future__ import annotations

import typer

app = typer.Typer(help="Fetch, start, stop and inspect the archive's own local Elasticsearch node.",
                  no_args_is_help=True)
