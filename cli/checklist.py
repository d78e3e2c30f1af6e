"""``xinli checklist``: what a region requires of its schools."""

from __future__ import annotations

import json

import click

from xinli.cli.errors import user_errors
from xinli.cli.options import DATE, lang_option, load_registry, output_option, plugins_option
from xinli.cli.output import emit

FORMATS = ("markdown", "json", "csv", "html", "xlsx")


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
    with its level, grades, duty holder, check and citation.

    html is one printable page (escalation chain drawn inline); xlsx is a
    workbook with the checklist, the facts template and the sources, and
    needs --output FILE (pip install 'xinli[xlsx]')."""
    from xinli.core.views.checklist import build_checklist

    if fmt == "xlsx":
        from xinli.cli.binary import refuse_terminal

        refuse_terminal(output, fmt)
    registry = load_registry(plugins)
    data = build_checklist(registry, region, as_of)
    if fmt == "xlsx":
        from xinli.cli.binary import emit_binary
        from xinli.core.assessment.facts import columns_for
        from xinli.core.assessment.metrics import collect_metrics
        from xinli.core.layering import chain_of
        from xinli.core.render.xlsx import render_checklist_xlsx

        columns = columns_for(data, collect_metrics(registry, chain_of(registry, region)[0]))
        emit_binary(render_checklist_xlsx(data, columns, lang), output, fmt)
        return
    if fmt == "html":
        from xinli.core.render.html import render_checklist_html

        text = render_checklist_html(data, lang)
    elif fmt == "json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        from xinli.core.render.csv import render_csv

        text = render_csv(data, lang)
    else:
        from xinli.core.render.markdown import render_markdown

        text = render_markdown(data, lang)
    emit(text, output)
