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


def build_datasette(db: str | list[str], metadata: dict[str, Any]) -> Any:
    """A Datasette instance serving ``db`` (one file or several) with
    ``metadata``; canned queries go to ``config`` on Datasette versions that
    take one (1.0 and later)."""
    import inspect

    from datasette.app import Datasette

    files = [db] if isinstance(db, str) else list(db)

    settings = {"sql_time_limit_ms": 10_000}
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
@lang_option()
@plugins_option()
@user_errors
def serve(db: str | None, catalog: str | None, host: str, port: int, print_metadata: bool, lang: str,
          plugins: str | None) -> None:
    """Browse the assessment records in DB with Datasette: tables and
    columns described, canned queries such as "schools not meeting required
    items" and "requirements most often not met".  With --catalog (and
    with or without --db), also a policy catalogue written by `xinli
    catalog`, with Chinese labels, facets and canned queries
    (docs/catalog.md).  Needs `pip install 'xinli[web]'`."""
    import json
    from pathlib import Path

    from xinli.cli.assess import _check_plugins
    from xinli.core.messages import msg
    from xinli.core.records.browse import datasette_metadata
    from xinli.core.records.database import open_database

    _check_plugins(plugins)
    if db is None and catalog is None:
        raise UserError("give --db (assessment records), --catalog (a policy catalogue from `xinli catalog`) or both")
    metadata = datasette_metadata(Path(db).stem) if db is not None else None
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
    if catalog is not None:
        from xinli.cli.catalog_web import register

        register({Path(catalog).stem})
    if not is_loopback(host):
        click.echo(msg("serve_exposed", lang, host=host), err=True)
    import asyncio

    datasette = build_datasette([f for f in (db, catalog) if f is not None], metadata)
    asyncio.run(datasette.invoke_startup())
    shown = " + ".join(f for f in (db, catalog) if f is not None)
    click.echo(msg("serving", lang, db=shown, url=f"http://{host}:{port}/"), err=True)
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning", lifespan="on")


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
