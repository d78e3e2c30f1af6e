"""``xinli catalog``: every installed (and rules-folder) region's effective
rules in one SQLite database, for ``xinli serve --catalog`` and any SQLite
client (see docs/catalog.md)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from xinli.cli.errors import UserError, user_errors
from xinli.cli.options import DATE, lang_option, load_registry, plugins_option


def describe_conditions(conditions: list[dict[str, Any]]) -> tuple[str, str]:
    """Applicability conditions in Chinese and English words (the
    checklist's own wording)."""
    from xinli.core.render.markdown import conditions_text

    return conditions_text(conditions, "zh"), conditions_text(conditions, "en")


def build_digest(ctx: click.Context, plugins: str | None, under: str | None, as_of: dt.date) -> str:
    """The digest that says whether a catalogue is up to date: the
    installed plugins and rules files (read without importing a plugin),
    the options, xinli's version and the catalogue's schema."""
    import os
    from importlib import metadata

    from xinli.cli.options import xinli_version
    from xinli.core.records.catalog_db import CATALOG_SCHEMA, plugins_digest
    from xinli.core.registry import ENTRY_POINT_GROUP, PLUGINS_ENV
    from xinli.core.rules.folders import rules_files, rules_folders

    folders = rules_folders(ctx.find_root().meta.get("xinli.rules") or ())
    extra = [f"schema={CATALOG_SCHEMA}", f"xinli={xinli_version()}", f"as_of={as_of.isoformat()}",
             f"under={under or ''}", f"plugins={plugins or os.environ.get(PLUGINS_ENV, '')}"]
    return plugins_digest(metadata.entry_points(group=ENTRY_POINT_GROUP), list(rules_files(folders)), extra)


@click.command()
@click.option("--db", "db", required=True, type=click.Path(dir_okay=False), help="The catalogue database to write.")
@click.option("--under", "under", default=None, metavar="CODE",
              help="Only this region and the regions under it (default: every installed region).")
@click.option("--as-of", "as_of", type=DATE, default=None, help="Documents in force on this date (default: today).")
@click.option("--rebuild", is_flag=True, help="Rebuild even when the installed plugins and options are unchanged.")
@lang_option()
@plugins_option()
@user_errors
@click.pass_context
def catalog(ctx: click.Context, db: str, under: str | None, as_of: dt.date | None, rebuild: bool, lang: str,
            plugins: str | None) -> None:
    """Write every installed region's effective rules into the SQLite
    database DB: jurisdictions, documents, requirements (per region, with
    their source, what they replace and whether they are looser than the
    parent's), procedures, partners, metrics and coverage, with a full-text
    index.  Browse it with `xinli serve --catalog DB`.  An existing DB is
    replaced only if it is a catalogue, and only when the installed plugins
    or options changed."""
    import json

    from xinli.cli.options import progress, xinli_version
    from xinli.core.assessment.metrics import collect_metrics
    from xinli.core.messages import msg
    from xinli.core.records.catalog_db import CATALOG_SCHEMA, catalog_meta, write_catalog
    from xinli.core.views.catalog import build_catalog_rows, catalog_regions

    on = as_of or dt.date.today()
    existing = catalog_meta(db)  # refuses a file that is not a catalogue before any work
    digest = build_digest(ctx, plugins, under, on)
    if existing is not None and existing.get("digest") == digest and not rebuild:
        click.echo(msg("catalog_unchanged", lang, path=db), err=True)
        return
    registry = load_registry(plugins, everything=True)
    if under is not None and registry.find(under) is None:
        registry.get(under)  # the usual unknown-region error, with a suggestion
    regions = catalog_regions(registry, under)
    if not regions:
        raise UserError("no region to catalogue: no plugin is installed")
    rows = build_catalog_rows(registry, regions, on, describe_conditions,
                              progress=lambda names, total: progress(names, total, msg("catalog_building", lang)),
                              collect_metrics=collect_metrics)
    meta = {
        "digest": digest, "schema": str(CATALOG_SCHEMA), "xinli": xinli_version(), "as_of": on.isoformat(),
        "under": under or "", "built": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "regions": str(len(rows.regions)),
        "plugins": json.dumps({code: {"distribution": p.distribution, "version": p.version}
                               for code, p in sorted(registry.plugins.items())}, ensure_ascii=False),
    }
    write_catalog(db, rows.tables(), meta)
    click.echo(msg("catalog_built", lang, path=db, regions=len(rows.regions), items=len(rows.effective),
                   requirements=len(rows.requirements)), err=True)
