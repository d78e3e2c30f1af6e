"""``xinli serve``: browse the assessment records in Datasette (the ``web``
extra), read-only, on the loopback interface unless told otherwise."""

from __future__ import annotations

from typing import Any

import click

from xinli.cli.errors import UserError, user_errors
from xinli.cli.options import lang_option, plugins_option

LOOPBACK_NAMES = {"localhost"}


def is_loopback(host: str) -> bool:
    """True when ``host`` names the loopback interface only."""
    import ipaddress

    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def build_datasette(db: str, metadata: dict[str, Any]) -> Any:
    """A Datasette instance serving ``db`` with ``metadata``; canned queries
    go to ``config`` on Datasette versions that take one (1.0 and later)."""
    import inspect

    from datasette.app import Datasette

    settings = {"sql_time_limit_ms": 10_000}
    parameters = inspect.signature(Datasette).parameters
    if "config" in parameters:
        config = {"databases": {name: {"queries": entry.pop("queries")} for name, entry in metadata["databases"].items()},
                  "settings": settings}
        return Datasette([db], metadata=metadata, config=config)
    return Datasette([db], metadata=metadata, settings=settings)


@click.command()
@click.option("--db", "db", required=True, type=click.Path(dir_okay=False, exists=True), help="SQLite records file.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on (loopback by default).")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--print-metadata", is_flag=True,
              help="Print the Datasette metadata (descriptions and canned queries) as JSON and exit.")
@lang_option()
@plugins_option()
@user_errors
def serve(db: str, host: str, port: int, print_metadata: bool, lang: str, plugins: str | None) -> None:
    """Browse the assessment records in DB with Datasette: tables and
    columns described, canned queries such as "schools not meeting required
    items" and "requirements most often not met".  Needs
    `pip install 'xinli[web]'`."""
    import json
    from pathlib import Path

    from xinli.cli.assess import _check_plugins
    from xinli.core.messages import msg
    from xinli.core.records.browse import datasette_metadata
    from xinli.core.records.database import open_database

    _check_plugins(plugins)
    metadata = datasette_metadata(Path(db).stem, lang, query_columns(db))
    if print_metadata:
        click.echo(json.dumps(metadata, ensure_ascii=False, indent=2))
        return
    try:
        import uvicorn
        from datasette.app import Datasette  # noqa: F401 - fail early with a clear message
    except ImportError:
        raise UserError("serve needs Datasette: pip install 'xinli[web]'") from None
    open_database(db, create=False).conn.close()  # an xinli database, migrated
    listener = bind(host, port, lang)  # a busy port is one line, before anything else is printed
    if not is_loopback(host):
        click.echo(msg("serve_exposed", lang, host=host), err=True)
    import asyncio

    datasette = build_datasette(db, metadata)
    asyncio.run(datasette.invoke_startup())
    port = listener.getsockname()[1]
    click.echo(msg("serving", lang, db=db, url=f"http://{host}:{port}/"), err=True)
    server = uvicorn.Server(uvicorn.Config(datasette.app(), host=host, port=port, log_level="warning", lifespan="on"))
    try:
        server.run(sockets=[listener])
    finally:
        listener.close()


def query_columns(db: str) -> Any:
    """A function giving the result columns of a canned query's SQL, asked
    of ``db`` opened read-only (None when it cannot be read: the queries
    then keep their stored column names)."""
    import sqlite3
    from pathlib import Path

    try:
        conn = sqlite3.connect(f"{Path(db).resolve().as_uri()}?mode=ro", uri=True)
        conn.execute("select 1 from runs limit 0")
    except sqlite3.Error:
        return None
    params = {"run_id": "", "school_id": "", "rollup_id": ""}

    def columns(sql: str) -> list[str]:
        return [d[0] for d in conn.execute(f"select * from ({sql}) limit 0", params).description]

    return columns


def bind(host: str, port: int, lang: str) -> Any:
    """A listening socket on ``host``:``port``, handed to the web server
    (so nobody takes the port in between); a port in use or an address
    this machine does not have is a :class:`UserError` naming it."""
    import os
    import socket

    from xinli.core.messages import msg

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise UserError(msg("serve_bind_failed", lang, host=host, port=port, reason=exc.strerror or exc)) from None
    family, kind, proto, _name, address = infos[0]
    listener = socket.socket(family, kind, proto)
    try:
        # a restart may reuse a port in TIME_WAIT, never one in use (on Windows SO_REUSEADDR would allow that: not set)
        if hasattr(socket, "SO_REUSEADDR") and os.name != "nt":
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address)
        listener.listen(128)
    except OSError as exc:
        listener.close()
        import errno

        if exc.errno == errno.EADDRINUSE:
            raise UserError(msg("serve_port_busy", lang, host=host, port=port)) from None
        raise UserError(msg("serve_bind_failed", lang, host=host, port=port, reason=exc.strerror or exc)) from None
    return listener
