"""Assessment commands: ``facts-template``, ``assess``, ``runs`` and
``report``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import click

from xinli.cli.errors import UserError, user_errors
from xinli.cli.options import (
    DATE,
    format_option,
    lang_option,
    load_registry,
    output_option,
    plugins_option,
    progress,
    region_option,
    resolve_format,
    xinli_version,
)
from xinli.cli.output import emit, write_atomic

REPORT_FORMATS = ("markdown", "json", "csv", "html", "xlsx")
SCHOOL_FORMATS = ("markdown", "json", "html", "xlsx")
SUFFIXES = {"markdown": ".md", "json": ".json", "html": ".html", "xlsx": ".xlsx", "csv": ".csv"}


def _columns(registry: Any, region: str) -> Any:
    from xinli.core.assessment.facts import columns_for
    from xinli.core.assessment.metrics import collect_metrics
    from xinli.core.layering import chain_of
    from xinli.core.views.checklist import build_checklist

    return columns_for(build_checklist(registry, region), collect_metrics(registry, chain_of(registry, region)[0]))


@click.command("facts-template")
@region_option()
@format_option(("csv", "toml", "json", "xlsx"), "csv")
@click.option("--headers", type=click.Choice(["zh", "key"]), default=None,
              help="Header row: Chinese column labels or the column keys; assess reads both "
                   "(default: zh, or key with --lang en).")
@click.option("--region-facts", "region_facts", is_flag=True,
              help="Write the region's own self-inspection template instead (the authorities' duties without a "
                   "machine check, answered 是/否/不适用 with evidence), read by `assess --region-facts`.")
@lang_option()
@output_option()
@plugins_option()
@user_errors
def facts_template(region: str, fmt: str | None, headers: str | None, region_facts: bool, lang: str, output: str | None,
                   plugins: str | None) -> None:
    """Print the school-facts template for REGION: school_id, school_name,
    grades, the school attributes its rules test, and one column per metric
    its checks use.  Nothing is pre-filled: an empty cell is an unknown
    fact.  xlsx (with --output FILE) adds drop-downs and validation that
    accept exactly what `assess` reads, and a help sheet; fill it in Excel
    or WPS and pass it to `assess`."""
    from xinli.core.assessment.facts import template_csv, template_json, template_toml

    fmt = resolve_format(fmt, output, ("csv", "toml", "json", "xlsx"), "csv")
    headers = headers or ("key" if lang == "en" else "zh")
    if region_facts:
        _region_facts_template(region, fmt, headers, lang, output, plugins)
        return
    if fmt == "xlsx":
        from xinli.cli.binary import emit_binary, refuse_terminal
        from xinli.core.render.xlsx import render_facts_template_xlsx

        refuse_terminal(output, fmt)
        emit_binary(render_facts_template_xlsx(_columns(load_registry(plugins), region), region, lang, headers), output, fmt)
        return
    columns = _columns(load_registry(plugins), region)
    if fmt == "json":
        emit(template_json(columns, headers), output)
        return
    emit(template_csv(columns, headers) if fmt == "csv" else template_toml(columns, region, lang), output)


def _region_facts_template(region: str, fmt: str, headers: str, lang: str, output: str | None, plugins: str | None) -> None:
    """``facts-template --region-facts``: the region's self-inspection template."""
    from xinli.core.render.region_facts import (
        render_region_template_csv,
        render_region_template_toml,
        render_region_template_xlsx,
    )
    from xinli.core.views.checklist import build_checklist

    checklist = build_checklist(load_registry(plugins), region)
    if fmt == "xlsx":
        from xinli.cli.binary import emit_binary, refuse_terminal

        refuse_terminal(output, fmt)
        emit_binary(render_region_template_xlsx(checklist, lang, headers), output, fmt)
        return
    emit(render_region_template_csv(checklist, lang, headers) if fmt == "csv" else render_region_template_toml(checklist, lang),
         output)


def _progress(iterator: Iterator[Any], total: int, lang: str = "zh") -> Iterator[Any]:
    """A progress bar on stderr when stderr is a terminal; quiet otherwise."""
    from xinli.core.messages import msg

    return progress(iterator, total, msg("assessing", lang))


@click.command()
@region_option()
@click.option("--facts", "facts", required=True, type=click.Path(dir_okay=False), help="Facts file: .csv, .toml, .json or .xlsx.")
@click.option("--db", "db", required=True, type=click.Path(dir_okay=False), help="SQLite records file (created if missing).")
@click.option("--as-of", type=DATE, default=None, help="Assess as of this date (default: today).")
@click.option("--waivers", type=click.Path(dir_okay=False), default=None, help="Exemptions file: .csv or .toml.")
@click.option("--region-facts", "region_facts", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="The region's own self-inspection (.csv, .xlsx, .toml or .json; template: "
                   "`facts-template --region-facts`): answers for the authorities' duties, stored as region findings.")
@click.option("--period", default=None, metavar="PERIOD",
              help="The period the facts cover: a school year (2026-2027), a semester (2026-2027-1, 2026-2027-2) "
                   "or a calendar year (2026); default: the one containing --as-of.  A per-period count below "
                   "target is in progress while its period runs.")
@click.option("--autumn-start", type=DATE, default=None, help="First day of the autumn semester (default: 1 September).")
@click.option("--spring-start", type=DATE, default=None,
              help="First day of the spring semester (default: the Monday on or after 17 February).")
@click.option("--timings", is_flag=True, hidden=True, help="Print phase timings as JSON on stderr (for benchmarks).")
@lang_option()
@plugins_option()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: the run's id, whether it is new, its counts and warnings, on standard output.")
@user_errors
def assess(region: str, facts: str, db: str, as_of, waivers: str | None, region_facts: str | None, period: str | None,
           autumn_start, spring_start, timings: bool, fmt: str, lang: str, plugins: str | None) -> None:
    """Assess the schools in FACTS against REGION's rules and record the
    findings in the SQLite file DB.  Invalid input is reported with file,
    row and column, and nothing is written (exit 2).  A progress bar shows
    on a terminal.

    The facts' 自查 columns (one per school duty without a machine check)
    are the school's self-inspection: each answer is that school's finding,
    marked self-reported; a blank one stays unanswered on its sheet."""
    import json

    from xinli.core import messages
    from xinli.core.assessment.pipeline import assess as run_assessment
    from xinli.core.render.words import notice_words

    registry = load_registry(plugins)
    result = run_assessment(registry, region, facts, db, as_of, waivers,
                            progress=lambda it, total: _progress(it, total, lang),
                            notify=lambda message: click.echo(notice_words(message, lang), err=True),
                            period=period, autumn_start=autumn_start, spring_start=spring_start,
                            region_facts_path=region_facts)
    sep = "，" if lang == "zh" else ", "
    counts = sep.join(f"{messages.status(k, lang)} {v}" for k, v in result.counts.items())
    for warning in result.warnings:
        click.echo(notice_words(warning, lang), err=True)
    if fmt == "json":
        click.echo(json.dumps({"schema": "xinli.assess/1", "run": result.run_id, "created": result.created,
                               "schools": result.schools, "findings": result.findings, "counts": result.counts,
                               "warnings": [notice_words(w, lang) for w in result.warnings]}, ensure_ascii=False, indent=2))
    elif result.created:
        click.echo(messages.msg("run_done", lang, run=result.run_id, schools=result.schools, findings=result.findings,
                                counts=counts))
    else:
        click.echo(messages.msg("run_exists", lang, run=result.run_id, counts=counts))
    if timings:
        click.echo(json.dumps(result.timings), err=True)


@click.command()
@click.option("--db", "db", required=True, type=click.Path(dir_okay=False, exists=True), help="SQLite records file.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@lang_option()
@plugins_option()
@user_errors
def runs(db: str, fmt: str, lang: str, plugins: str | None) -> None:
    """List the assessment runs recorded in DB, newest first."""
    import json

    from xinli.cli.tables import table
    from xinli.core import messages
    from xinli.core.records.database import open_database
    from xinli.core.records.report import list_runs

    _check_plugins(plugins)
    database = open_database(db, create=False)
    data = list_runs(database)
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if not data:
        click.echo(messages.msg("no_runs", lang))
        return
    keys = ("id_run", "region", "as_of", "created", "schools", "findings", "facts_file")
    headers = [messages.pick(messages.COLUMNS[k], lang) for k in keys]
    click.echo(table(headers, ([r["id"], r["region"], r["as_of"], r["created"], r["schools"], r["findings"], r["facts_file"]]
                               for r in data)))


def _check_plugins(plugins: str | None) -> None:
    """Commands that read records take --plugins too (they load no rules);
    an unknown code in it is still an error."""
    if plugins or __import__("os").environ.get("XINLI_PLUGINS"):
        load_registry(plugins)


@click.command()
@click.option("--db", "db", required=True, type=click.Path(dir_okay=False, exists=True), help="SQLite records file.")
@click.option("--run", "run_id", type=int, default=None, help="Run id (default: the newest).")
@click.option("--compare", "compare_to", type=int, default=None,
              help="Run to compare with (default: the same region's previous run).")
@click.option("--school", "school", default=None, metavar="ID",
              help="One school's sheet: its unmet items with clause and quote, unknowns to fill, manual items to attest.")
@click.option("--by-school", "by_school", type=click.Path(file_okay=False), default=None, metavar="DIR",
              help="Write one school sheet per school of the run into DIR (created if missing).")
@format_option(REPORT_FORMATS, "markdown")
@click.option("--rollup", "rollup_report", is_flag=True,
              help="Report a roll-up (the newest, or --run ID); chosen by itself when DB holds roll-ups and no runs.")
@lang_option()
@output_option()
@plugins_option()
@user_errors
def report(db: str, run_id: int | None, compare_to: int | None, school: str | None, by_school: str | None, fmt: str | None,
           rollup_report: bool, lang: str, output: str | None, plugins: str | None) -> None:
    """Report a run: per school, counts by status and the required items not
    met; per requirement, the share of schools meeting it; region findings;
    and what changed since the region's previous run.  html prints on A4
    with inline-SVG charts; xlsx (with --output FILE) is a workbook.  On a
    roll-up (`xinli rollup`): the region's own targets, the sub-regions
    worst first and each source's provenance.

    --school ID prints one school's sheet (md, html, xlsx, json); --by-school
    DIR writes one per school for a bureau to send out."""
    from xinli.core.records.database import open_database

    _check_plugins(plugins)
    if school and by_school:
        raise UserError("give --school ID or --by-school DIR, not both")
    if by_school and output:
        raise UserError("--by-school writes into DIR; leave out --output")
    formats = SCHOOL_FORMATS if (school or by_school) else REPORT_FORMATS
    fmt = resolve_format(fmt, output, formats, "markdown")
    if fmt == "xlsx" and not by_school:
        from xinli.cli.binary import refuse_terminal

        refuse_terminal(output, fmt)
    database = open_database(db, create=False)
    printed = {"printed": _today(), "xinli": xinli_version()}
    if school or by_school:
        _school_reports(database, run_id, school, by_school, fmt, lang, output, printed)
        return
    from xinli.core.records.report import report_data
    from xinli.core.records.rollup import has_rollups, has_runs
    from xinli.core.render.report import render_report_csv, render_report_markdown

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

        text = render_report_html(data, lang, printed)
    elif fmt == "csv":
        text = render_report_csv(data, lang)
    else:
        text = render_report_markdown(data, lang)
    emit(text, output)


def _today() -> str:
    import datetime as dt
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date().isoformat()
    return dt.date.today().isoformat()


def _render_school(data: dict[str, Any], fmt: str, lang: str, printed: dict[str, Any]) -> str | bytes:
    import json

    from xinli.core.render.school_report import render_school_html, render_school_markdown, render_school_xlsx

    if fmt == "xlsx":
        return render_school_xlsx(data, lang)
    if fmt == "html":
        return render_school_html(data, lang, printed)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return render_school_markdown(data, lang)


def _safe_name(school_id: str) -> str:
    """A school id as a file name: path separators and control characters
    replaced, never empty or a dot name."""
    import re

    name = re.sub(r"[\\/:*?\"<>|\x00-\x1f]", "_", school_id).strip(" .")
    return name or "_"


def _school_reports(database: Any, run_id: int | None, school: str | None, by_school: str | None, fmt: str, lang: str,
                    output: str | None, printed: dict[str, Any]) -> None:
    from pathlib import Path

    from xinli.core import messages
    from xinli.core.records.report import _run
    from xinli.core.records.school import school_ids, school_report_data

    if school:
        rendered = _render_school(school_report_data(database, school, run_id), fmt, lang, printed)
        if isinstance(rendered, bytes):
            from xinli.cli.binary import emit_binary

            emit_binary(rendered, output, fmt)
        else:
            emit(rendered, output)
        return
    assert by_school is not None
    from xinli.cli.output import guard_output, record_outputs

    run = _run(database, run_id)
    ids = school_ids(database, run["id"])
    target = Path(by_school)
    target.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    names: list[tuple[str, Path]] = []
    for school_id in ids:
        name = _safe_name(school_id)
        while name.lower() in used:
            name += "_"
        used.add(name.lower())
        names.append((school_id, target / f"{name}{SUFFIXES[fmt]}"))
    for _, path in names:  # every file is checked before the first is written: all or nothing refused
        guard_output(str(path), fmt)
    digests: dict[str, str] = {}
    try:
        for school_id, path in progress(names, len(names), messages.msg("writing_reports", lang)):
            rendered = _render_school(school_report_data(database, school_id, run["id"]), fmt, lang, printed)
            digests[path.name] = write_atomic(path, rendered, record=False)
    finally:
        record_outputs(target, digests)
    click.echo(messages.msg("wrote", lang, path=f"{target}/ ({len(ids)})"), err=True)
