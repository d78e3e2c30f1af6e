"""``xinli checklist``: what a region requires of its schools."""

from __future__ import annotations

import json

import click

from xinli.cli.errors import user_errors
from xinli.cli.options import DATE, lang_option, load_registry, output_option, plugins_option
from xinli.cli.output import emit

FORMATS = ("markdown", "json", "csv")


@click.command()
@click.option("--region", "-r", required=True, help="Jurisdiction code (see `xinli regions`).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="markdown", show_default=True)
@click.option("--as-of", type=DATE, default=None, help="Rules in force on this date (YYYY-MM-DD).")
@lang_option()
@output_option()
@plugins_option()
@user_errors
def checklist(region: str, fmt: str, as_of, lang: str, output: str | None, plugins: str | None) -> None:
    """Print REGION's compliance checklist, grouped by domain, each item
    with its level, grades, duty holder, check and citation."""
    from xinli.core.checklist import build_checklist

    registry = load_registry(plugins)
    data = build_checklist(registry, region, as_of)
    if fmt == "json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        from xinli.core.render_csv import render_csv

        text = render_csv(data, lang)
    else:
        from xinli.core.render_markdown import render_markdown

        text = render_markdown(data, lang)
    emit(text, output)
