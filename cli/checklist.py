"""``xinli checklist``: what a region requires of its schools."""

from __future__ import annotations

import click

from xinli.cli.errors import user_errors
from xinli.cli.options import (
    DATE,
    format_option,
    lang_option,
    load_registry,
    metric_labels,
    output_option,
    plugins_option,
    print_info,
    region_option,
    resolve_format,
)
from xinli.cli.output import emit

FORMATS = ("markdown", "json", "csv", "html", "xlsx")
STAGES = ("primary", "junior", "senior", "vocational", "kindergarten", "higher", "special")  # issue 24: every kind of school
LEVELS = ("required", "recommended", "encouraged", "permitted")


@click.command()
@region_option()
@format_option(FORMATS, "markdown")
@click.option("--as-of", type=DATE, default=None, help="Rules in force on this date (YYYY-MM-DD).")
@click.option("--duty-holder", default=None, metavar="ACTOR",
              help="Only this duty holder's items; `school` keeps every duty a school answers for.")
@click.option("--stage", type=click.Choice(STAGES), default=None, help="Only items covering this school stage's grades.")
@click.option("--grades", default=None, metavar="1-6", help="Only items covering these grades, e.g. 1-6 or 7,8,9.")
@click.option("--level", "levels", type=click.Choice(LEVELS), multiple=True, help="Only items of this level (repeatable).")
@lang_option()
@output_option()
@plugins_option()
@user_errors
def checklist(region: str, fmt: str | None, as_of, duty_holder: str | None, stage: str | None, grades: str | None,
              levels: tuple[str, ...], lang: str, output: str | None, plugins: str | None) -> None:
    """Print REGION's compliance checklist, grouped by domain, each item
    with its level, grades, duty holder, check and citation.

    A principal's own list: --duty-holder school --stage primary --level
    required.  html prints on A4 with a header, page numbers and a sign-off
    block; xlsx is a workbook with the checklist, the facts template and the
    sources, and needs --output FILE (pip install 'xinli[xlsx]').  The
    format follows --output's extension when --format is absent."""
    import json

    from xinli.core.views.checklist import build_checklist
    from xinli.core.views.filters import filter_checklist, parse_grade_range

    fmt = resolve_format(fmt, output, FORMATS, "markdown")
    if fmt == "xlsx":
        from xinli.cli.binary import refuse_terminal

        refuse_terminal(output, fmt)
    registry = load_registry(plugins)
    data = build_checklist(registry, region, as_of)
    data = filter_checklist(data, duty_holder, stage, parse_grade_range(grades) if grades else None, levels or None)
    if fmt == "json":
        emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", output)
        return
    data = {**data, "metric_labels": metric_labels(registry), "print": print_info(registry, data)}
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
    elif fmt == "csv":
        from xinli.core.render.csv import render_csv

        text = render_csv(data, lang)
    else:
        from xinli.core.render.markdown import render_markdown

        text = render_markdown(data, lang)
    emit(text, output)
