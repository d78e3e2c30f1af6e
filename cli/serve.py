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


def _is_csv(scope: dict[str, Any]) -> bool:
    """True for a request of Datasette's CSV export (``.csv`` or ``_format=csv``)."""
    from urllib.parse import parse_qs

    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    return scope.get("path", "").endswith(".csv") or "csv" in query.get("_format", [])


def neutralise_csv(body: bytes) -> bytes:
    """A CSV export (whole records) with every cell a spreadsheet would run
    as a formula given a leading apostrophe (as xinli's own CSV outputs do)."""
    import csv
    import io

    from xinli.core.render.cells import neutralise

    text = body.decode("utf-8", errors="replace")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in csv.reader(io.StringIO(text, newline="")):
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue().encode("utf-8")


def _complete_records(buffer: bytes) -> int:
    """Length of the longest prefix of ``buffer`` that ends a CSV record: a
    line break outside quotes (an even number of quote characters before it)."""
    quotes = 0
    end = 0
    for index, byte in enumerate(buffer):
        if byte == 0x22:
            quotes += 1
        elif byte == 0x0A and quotes % 2 == 0:
            end = index + 1
    return end


def formula_guard(app: Any) -> Any:
    """ASGI middleware: Datasette's CSV exports pass through
    :func:`neutralise_csv`, record by record as they stream."""

    async def guarded(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope.get("type") != "http" or not _is_csv(scope):
            await app(scope, receive, send)
            return
        state: dict[str, Any] = {"ok": False, "pending": b""}

        async def rewrite(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                state["ok"] = message.get("status") == 200
                headers = [(k, v) for k, v in message.get("headers", [])
                           if not (state["ok"] and k.lower() == b"content-length")]
                await send({**message, "headers": headers})
                return
            if message["type"] != "http.response.body" or not state["ok"]:
                await send(message)
                return
            pending = state["pending"] + message.get("body", b"")
            more = bool(message.get("more_body"))
            cut = _complete_records(pending) if more else len(pending)
            state["pending"] = pending[cut:]
            await send({"type": "http.response.body", "body": neutralise_csv(pending[:cut]) if cut else b"",
                        "more_body": more})

        await app(scope, receive, rewrite)

    return guarded


class _FormulaGuardPlugin:
    """The Datasette plugin that wraps the app in :func:`formula_guard`."""

    __name__ = "xinli-formula-guard"

    def asgi_wrapper(self, datasette: Any) -> Any:
        """Datasette's hook: wrap the ASGI app."""
        return formula_guard


def _register_formula_guard() -> None:
    from datasette import hookimpl
    from datasette.plugins import pm

    if pm.get_plugin("xinli-formula-guard") is None:
        plugin = _FormulaGuardPlugin()
        hookimpl(_FormulaGuardPlugin.asgi_wrapper)
        pm.register(plugin, name="xinli-formula-guard")


def build_datasette(db: str | list[str], metadata: dict[str, Any], no_sql: bool = False) -> Any:
    """A Datasette instance serving ``db`` (one file or several) with
    ``metadata``; canned queries go to ``config`` on Datasette versions that
    take one (1.0 and later).

    Datasette runs any read-only SQL a visitor types (with a 10 s limit)
    unless ``no_sql`` (only the tables and the canned queries are then
    offered); its CSV exports neutralise formulas (:func:`formula_guard`)."""
    import inspect

    from datasette.app import Datasette

    files = [db] if isinstance(db, str) else list(db)
    _register_formula_guard()
    settings: dict[str, Any] = {"sql_time_limit_ms": 10_000}
    if no_sql:
        settings["default_allow_sql"] = False
    parameters = inspect.signature(Datasette).parameters
    if "config" in parameters:
        config = {"databases": {name: {"queries": entry.pop("queries")} for name, entry in metadata["databases"].items()},
                  "settings": settings}
        return Datasette(files, metadata=metadata, config=config)
    return Datasette(files, metadata=metadata, settings=settings)


@click.command()
@click.option("--db", "db", default=None, type=click.Path(dir_okay=False, exists=True), help="SQLite records file.")
@click.option("--catalog", "catalog", default=None, type=click.Path(dir_okay=False, exists=True),
              help="A policy catalogue written by `xinli catalog` (with or without --db).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on (loopback by default).")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--print-metadata", is_flag=True,
              help="Print the Datasette metadata (descriptions and canned queries) as JSON and exit.")
@click.option("--no-sql", "no_sql", is_flag=True,
              help="Turn off Datasette's SQL editor: only the tables and the canned queries are offered.")
@lang_option()
@plugins_option()
@user_errors
def serve(db: str | None, catalog: str | None, host: str, port: int, print_metadata: bool, no_sql: bool, lang: str,
          plugins: str | None) -> None:
    """Browse the assessment records in DB with Datasette: tables and
    columns described, canned queries such as "schools not meeting required
    items" and "requirements most often not met".  With --catalog (and
    with or without --db), also a policy catalogue written by `xinli
    catalog`, with Chinese labels, facets and canned queries
    (docs/catalog.md).  Needs `pip install 'xinli[web]'`.

    The databases are opened read-only, and served on the loopback interface
    (127.0.0.1) unless --host says otherwise.  Anyone who can reach the
    page may run any read-only SQL query on them (10 s limit);
    --no-sql turns that off.  CSV exports neutralise spreadsheet formulas."""
    import json
    from pathlib import Path

    from xinli.cli.assess import _check_plugins
    from xinli.core.messages import msg
    from xinli.core.records.browse import datasette_metadata
    from xinli.core.records.database import open_database

    _check_plugins(plugins)
    if db is None and catalog is None:
        raise UserError("give --db (assessment records), --catalog (a policy catalogue from `xinli catalog`) or both")
    metadata = datasette_metadata(Path(db).stem, lang, query_columns(db)) if db is not None else None
    if catalog is not None:
        metadata = _with_catalog(metadata, catalog, db)
    if print_metadata:
        click.echo(json.dumps(metadata, ensure_ascii=False, indent=2))
        return
    try:
        import uvicorn
        from datasette.app import Datasette  # noqa: F401 - fail early with a clear message
    except ImportError:
        raise UserError("serve needs Datasette: pip install 'xinli[web]'") from None
    if db is not None:
        open_database(db, create=False).conn.close()  # an xinli database, migrated
        from xinli.cli.records_web import register as register_records

        register_records({Path(db).stem}, lang)  # statuses, levels and provenance shown as words
    if catalog is not None:
        from xinli.cli.catalog_web import register

        register({Path(catalog).stem})
    listener = bind(host, port, lang)  # a busy port is one line, before anything else is printed
    if not is_loopback(host):
        click.echo(msg("serve_exposed", lang, host=host), err=True)
    import asyncio

    datasette = build_datasette([f for f in (db, catalog) if f is not None], metadata, no_sql)
    asyncio.run(datasette.invoke_startup())
    port = listener.getsockname()[1]
    shown = " + ".join(f for f in (db, catalog) if f is not None)
    click.echo(msg("serving", lang, db=shown, url=f"http://{host}:{port}/"), err=True)
    server = uvicorn.Server(uvicorn.Config(datasette.app(), host=host, port=port, log_level="warning", lifespan="on"))
    try:
        server.run(sockets=[listener])
    finally:
        listener.close()


def _with_catalog(metadata: dict[str, Any] | None, catalog: str, db: str | None) -> dict[str, Any]:
    """The records metadata (if any) with the catalogue's database added;
    the catalogue is checked to be one (:class:`UserError` otherwise)."""
    from pathlib import Path

    from xinli.core.errors import XinliError
    from xinli.core.records.catalog_browse import catalog_metadata
    from xinli.core.records.catalog_db import catalog_meta

    try:
        meta = catalog_meta(catalog)
    except XinliError as exc:
        raise UserError(str(exc).replace("refusing to replace it", "not a catalogue from `xinli catalog`")) from None
    name = Path(catalog).stem
    if db is not None and Path(db).stem == name:
        raise UserError(f"--db {db} and --catalog {catalog} have the same name {name!r}; rename one of them")
    added = catalog_metadata(name, (meta or {}).get("tokenizer", "trigram"))
    if metadata is None:
        return added
    metadata["databases"].update(added["databases"])
    return metadata


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
