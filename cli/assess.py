"""Assessment commands: ``facts-template``, ``assess``, ``runs`` and
``report``."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import Any

import click

from xinli.cli.errors import user_errors
from xinli.cli.options import DATE, lang_option, load_registry, output_option, plugins_option
from xinli.cli.output import emit


def _columns(registry: Any, region: str) -> Any:
    from xinli.core.assessment.facts import columns_for
    from xinli.core.assessment.metrics import collect_metrics
    from xinli.core.layering import chain_of
    from xinli.core.views.checklist import build_checklist

    return columns_for(build_checklist(registry, region), collect_metrics(registry, chain_of(registry, region)[0]))


@click.command("facts-template")
@click.option("--region", "-r", required=True, help="Jurisdiction code (see `xinli regions`).")
@click.option("--format", "fmt", type=click.Choice(["csv", "toml", "xlsx"]), default="csv", show_default=True)
@output_option()
@plugins_option()
@user_errors
def facts_template(region: str, fmt: str, output: str | None, plugins: str | None) -> None:
    """Print the school-facts template for REGION: school_id, school_name,
    grades, the school attributes its rules test, and one column per metric
    its checks use.  xlsx (with --output FILE) adds data validation and a
    help sheet; fill it in Excel or WPS and pass it to `assess`."""
    from xinli.core.assessment.facts import template_csv, template_toml

    if fmt == "xlsx":
        from xinli.cli.binary import emit_binary, refuse_terminal
        from xinli.core.render.xlsx import render_facts_template_xlsx

        refuse_terminal(output, fmt)
        emit_binary(render_facts_template_xlsx(_columns(load_registry(plugins), region), region), output, fmt)
        return
    columns = _columns(load_registry(plugins), region)
    emit(template_csv(columns) if fmt == "csv" else template_toml(columns, region), output)


def _progress(iterator: Iterator[Any], total: int) -> Iterator[Any]:
    """A progress bar on stderr when stderr is a terminal; quiet otherwise."""
    if not sys.stderr.isatty():
        yield from iterator
        return
    with click.progressbar(iterator, length=total, label="assessing schools", file=sys.stderr) as bar:
        yield from bar


@click.command()
@click.option("--region", "-r", required=True, help="Jurisdiction code (see `xinli regions`).")
@click.option("--facts", "facts", required=True, type=click.Path(dir_okay=False), help="Facts file: .csv, .toml, .json or .xlsx.")
@click.option("--db", "db", required=True, type=click.Path(dir_okay=False), help="SQLite records file (created if missing).")
@click.option("--as-of", type=DATE, default=None, help="Assess as of this date (default: today).")
@click.option("--waivers", type=click.Path(dir_okay=False), default=None, help="Exemptions file: .csv or .toml.")
@click.option("--timings", is_flag=True, hidden=True, help="Print phase timings as JSON on stderr (for benchmarks).")
@plugins_option()
@user_errors
def assess(region: str, facts: str, db: str, as_of, waivers: str | None, timings: bool, plugins: str | None) -> None:
    """Assess the schools in FACTS against REGION's rules and record the
    findings in the SQLite file DB.  Invalid input is reported with file,
    row and column, and nothing is written (exit 2)."""
    from xinli.core.assessment.pipeline import assess as run_assessment

    registry = load_registry(plugins)
    result = run_assessment(registry, region, facts, db, as_of, waivers, progress=_progress,
                            notify=lambda message: click.echo(message, err=True))
    counts = ", ".join(f"{k} {v}" for k, v in result.counts.items())
    for warning in result.warnings:
        click.echo(warning, err=True)
    if result.created:
        click.echo(f"run {result.run_id}: {result.schools} schools, {result.findings} findings ({counts})")
    else:
        click.echo(f"run {result.run_id} already holds this assessment; nothing new was written ({counts})")
    if timings:
        click.echo(json.dumps(result.timings), err=True)


@click.command()
@click.option("--db", "db", required=True, type=click.Path(dir_okay=False, exists=True), help="SQLite records file.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@user_errors
def runs(db: str, fmt: str) -> None:
    """List the assessment runs recorded in DB, newest first."""
    from xinli.core.records.database import open_database
    from xinli.core.records.report import list_runs

    database = open_database(db, create=False)
    data = list_runs(database)
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if not data:
        click.echo("no runs yet")
        return
    click.echo(f"{'id':>4}  {'region':18}  {'as of':10}  {'recorded':25}  {'schools':>7}  {'findings':>8}  facts")
    for run in data:
        click.echo(f"{run['id']:>4}  {run['region']:18}  {run['as_of']:10}  {run['created']:25}  {run['schools']:>7}  "
                   f"{run['findings']:>8}  {run['facts_file']}")


@click.command()
@click.option("--db", "db", required=True, type=click.Path(dir_okay=False, exists=True), help="SQLite records file.")
@click.option("--run", "run_id", type=int, default=None, help="Run id (default: the newest).")
@click.option("--compare", "compare_to", type=int, default=None,
              help="Run to compare with (default: the same region's previous run).")
@click.option("--format", "fmt", type=click.Choice(["markdown", "json", "csv", "html", "xlsx"]), default="markdown",
              show_default=True)
@click.option("--rollup", "rollup_report", is_flag=True,
              help="Report a roll-up (the newest, or --run ID); chosen by itself when DB holds roll-ups and no runs.")
@lang_option()
@output_option()
@user_errors
def report(db: str, run_id: int | None, compare_to: int | None, fmt: str, rollup_report: bool, lang: str,
           output: str | None) -> None:
    """Report a run: per school, counts by status and the required items not
    met; per requirement, the share of schools meeting it; region findings;
    and what changed since the region's previous run.  html is one page with
    inline-SVG charts; xlsx (with --output FILE) a workbook.  On a roll-up
    (`xinli rollup`): the region's own targets, the sub-regions worst first
    and each source's provenance."""
    from xinli.core.records.database import open_database
    from xinli.core.records.report import report_data
    from xinli.core.render.report import render_report_csv, render_report_markdown

    if fmt == "xlsx":
        from xinli.cli.binary import refuse_terminal

        refuse_terminal(output, fmt)
    database = open_database(db, create=False)
    from xinli.core.records.rollup import has_rollups, has_runs

    if rollup_report or (not has_runs(database) and has_rollups(database)):
        from xinli.cli.rollup import report_rollup

        report_rollup(database, run_id, fmt, lang, output)
        return
    if fmt == "json":
        from xinli.cli.output import emit_chunks
        from xinli.core.render.report import render_report_json_chunks

        emit_chunks(render_report_json_chunks(report_data(database, run_id, compare_to, stream_schools=True)), output, fmt)
        return
    data = report_data(database, run_id, compare_to)
    if fmt == "xlsx":
        from xinli.cli.binary import emit_binary
        from xinli.core.render.xlsx import render_report_xlsx

        emit_binary(render_report_xlsx(data, lang), output, fmt)
        return
    if fmt == "html":
        from xinli.core.render.html import render_report_html

        text = render_report_html(data, lang)
    elif fmt == "csv":
        text = render_report_csv(data)
    else:
        text = render_report_markdown(data, lang)
    emit(text, output)



