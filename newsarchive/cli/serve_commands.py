"""``newsarchive serve``: the web app (search pages, JSON API, feeds) under uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to the main app."""

    @app.command()
    def serve(
        host: Annotated[str | None, typer.Option(help="Address to listen on (default: settings.host).")] = None,
        port: Annotated[int | None, typer.Option(help="Port to listen on (default: settings.port).")] = None,
        reload: Annotated[bool, typer.Option(help="Restart when code or templates change (development).")] = False,
    ) -> None:
        """Serve the archive's web app and JSON API (http://HOST:PORT/, API docs at /docs).

        At start it connects to Elasticsearch (starting the local node unless NEWSARCHIVE_ES_URL is set),
        checks the analysis plugin and runs the idempotent index setup, so a fresh archive serves an empty
        index instead of errors.
        """
        import uvicorn

        from indexer.lifecycle import setup_indices
        from newsarchive.config import load_settings
        from newsarchive.es_client import ensure_elasticsearch

        settings = load_settings()
        client = ensure_elasticsearch(settings)
        setup_indices(client, settings, allow_outdated=True)
        bind_host = host or settings.host
        bind_port = port or settings.port
        typer.echo(f"Serving the archive (alias {settings.alias!r}) on http://{bind_host}:{bind_port}/")
        if reload:
            # Templates are compiled once per process (no stat per render), so watch them too.
            uvicorn.run(
                "web.asgi:app",
                host=bind_host,
                port=bind_port,
                reload=True,
                reload_includes=["*.py", "*.html"],
                factory=False,
                log_level="info",
            )
            return
        from web.app import create_app

        uvicorn.run(create_app(settings, client), host=bind_host, port=bind_port, log_level="info")
