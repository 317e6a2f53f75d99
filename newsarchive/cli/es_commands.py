"""``newsarchive es ...``: fetch, start, stop and inspect the archive's own local Elasticsearch node.

Thin wrappers over :mod:`newsarchive.esnode`; see docs/elasticsearch.md.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict

import typer

from newsarchive.config import Settings, load_settings

app = typer.Typer(
    help="Fetch, start, stop and inspect the archive's own local Elasticsearch node.",
    no_args_is_help=True,
)

_TIMEOUT_HELP = "Seconds to wait for the node (every node of a cluster) to be up and health yellow."
_NODES_HELP = (
    "Nodes of the local cluster, each its own process on 127.0.0.1 (node k: HTTP port NEWSARCHIVE_ES_PORT + k - 1). "
    "Default: as last started, else NEWSARCHIVE_ES_NODES (1). Two or more run without security."
)
_SECURE_HELP = (
    "Security on: HTTPS with a local CA, file-realm users and least-privilege roles (see docs/security.md). "
    "--no-secure turns it off. Default: as the node was last started, or NEWSARCHIVE_ES_SECURE for a new node."
)


def _show_progress() -> None:
    logger = logging.getLogger("newsarchive.esnode")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def _fail(exc: Exception) -> typer.Exit:
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(code=1)


@app.command()
def fetch() -> None:
    """Download Elasticsearch (cached), unpack it, and build and install the analysis plugin. Does not start it."""
    from newsarchive.esnode import LocalNodeError, ensure_plugin, fetch_distribution

    settings = load_settings()
    _show_progress()
    try:
        home = fetch_distribution(settings)
        ensure_plugin(settings, home)
    except LocalNodeError as exc:
        raise _fail(exc) from exc
    typer.echo(f"Elasticsearch and the analysis plugin are ready in {home}")


def _report_started(settings: Settings, url: str) -> None:
    """Say where the node runs and, when it is secured, where its CA and credentials files are (never the
    passwords themselves)."""
    from newsarchive.esnode.security import INDEXER_USER, WEB_USER, security_files

    typer.echo(f"Elasticsearch is running at {url}")
    if not url.startswith("https://"):
        return
    files = security_files(settings)
    typer.echo(f"security is on; the CA certificate: {files.ca_cert}")
    typer.echo("credentials files (mode 0600), one per component:")
    typer.echo(f"  web app (serve):           NEWSARCHIVE_ES_CREDENTIALS_FILE={files.credentials_file(WEB_USER)}")
    typer.echo(f"  indexer and lifecycle:     NEWSARCHIVE_ES_CREDENTIALS_FILE={files.credentials_file(INDEXER_USER)}")


@app.command()
def start(
    timeout: float = typer.Option(180.0, help=_TIMEOUT_HELP),
    secure: bool | None = typer.Option(None, "--secure/--no-secure", help=_SECURE_HELP, show_default=False),
    nodes: int | None = typer.Option(None, "--nodes", min=1, max=9, help=_NODES_HELP, show_default=False),
) -> None:
    """Start the local node (or every node of a local cluster) in the background, or find it running, and
    wait until it is healthy with every node joined.

    The nodes keep running after this command exits; stop them with `newsarchive es stop`.
    """
    from newsarchive.esnode import LocalNodeError, start_local_node

    settings = load_settings()
    if settings.es_url:
        raise _fail(RuntimeError(f"NEWSARCHIVE_ES_URL is set ({settings.es_url}): the local node is not used"))
    _show_progress()
    try:
        url = start_local_node(settings, timeout=timeout, secure=secure, nodes=nodes)
    except LocalNodeError as exc:
        raise _fail(exc) from exc
    _report_started(settings, url)


@app.command()
def stop() -> None:
    """Stop the local node, or every node of the local cluster (graceful shutdown, forced after a minute)."""
    from newsarchive.esnode import LocalNodeError, stop_local_node

    _show_progress()
    try:
        stopped = stop_local_node(load_settings())
    except LocalNodeError as exc:
        raise _fail(exc) from exc
    typer.echo("Elasticsearch stopped" if stopped else "Elasticsearch was not running")


@app.command()
def restart(
    timeout: float = typer.Option(180.0, help=_TIMEOUT_HELP),
    secure: bool | None = typer.Option(None, "--secure/--no-secure", help=_SECURE_HELP, show_default=False),
    nodes: int | None = typer.Option(None, "--nodes", min=1, max=9, help=_NODES_HELP, show_default=False),
) -> None:
    """Stop the local node (every node) if it runs, then start it (picks up a rebuilt analysis plugin; with
    --nodes, turns a single node into a local cluster or adds nodes)."""
    from newsarchive.esnode import LocalNodeError, start_local_node, stop_local_node

    settings = load_settings()
    _show_progress()
    try:
        stop_local_node(settings)
        url = start_local_node(settings, timeout=timeout, secure=secure, nodes=nodes)
    except LocalNodeError as exc:
        raise _fail(exc) from exc
    _report_started(settings, url)


@app.command()
def status(
    as_json: bool = typer.Option(False, "--json", help="Print the status as JSON."),
    nodes: int | None = typer.Option(None, "--nodes", min=1, max=9, help="Nodes expected (default: as last "
                                     "started, else NEWSARCHIVE_ES_NODES).", show_default=False),
) -> None:
    """Show whether the local node runs, its pid, URL, health, version and where its files are; for a local
    cluster also each node (process, URL, health as it sees it).

    Exits 0 when the nodes run, every expected node has joined and the health is yellow or green, 1 otherwise.
    """
    from newsarchive.esnode import node_status

    settings = load_settings()
    info = node_status(settings, nodes)
    if as_json:
        typer.echo(json.dumps(asdict(info), default=str))
    else:
        state = f"running (pid {info.pid})" if info.running else "not running"
        typer.echo(f"local node: {state}")
        typer.echo(f"url:        {info.url}")
        typer.echo(f"health:     {info.health or '-'}")
        typer.echo(f"version:    {info.version or '-'}")
        typer.echo(f"files:      {info.base_dir}")
        typer.echo(f"log:        {info.log_file}")
        if len(info.nodes) > 1:
            typer.echo(f"nodes:      {info.number_of_nodes or 0} joined of {len(info.nodes)}")
            for node in info.nodes:
                state = f"running (pid {node.pid})" if node.running else "not running"
                typer.echo(f"  {node.name:<14} {node.url:<24} {state:<22} health {node.health or '-'}")
        if settings.es_url:
            typer.echo(f"note: NEWSARCHIVE_ES_URL={settings.es_url} is set, so the archive uses that cluster")
    joined = len(info.nodes) <= 1 or (info.number_of_nodes or 0) >= len(info.nodes)
    healthy = info.running and info.health in ("yellow", "green") and joined and all(n.running for n in info.nodes)
    raise typer.Exit(code=0 if healthy else 1)
