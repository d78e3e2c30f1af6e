"""``xinli compare``: what one region requires that another does not."""

from __future__ import annotations

import json

import click

from xinli.cli.errors import user_errors
from xinli.cli.options import DATE, lang_option, load_registry, output_option, plugins_option
from xinli.cli.output import emit


@click.command()
@click.argument("region_a")
@click.argument("region_b")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json"]), default="markdown", show_default=True)
@click.option("--as-of", type=DATE, default=None, help="Rules in force on this date (YYYY-MM-DD).")
@lang_option()
@output_option()
@plugins_option()
@user_errors
def compare(region_a: str, region_b: str, fmt: str, as_of, lang: str, output: str | None, plugins: str | None) -> None:
    """Compare REGION_A with REGION_B per domain: requirements only in one,
    and paired requirements that differ in value, period, grades or level,
    with the stricter side where decidable and both sides' citations."""
    from xinli.core.render.compare import render_compare_markdown
    from xinli.core.views.checklist import build_checklist
    from xinli.core.views.compare import compare_checklists

    registry = load_registry(plugins)
    data = compare_checklists(build_checklist(registry, region_a, as_of), build_checklist(registry, region_b, as_of))
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n" if fmt == "json" else render_compare_markdown(data, lang)
    emit(text, output)
