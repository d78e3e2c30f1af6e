"""``xinli rollup``: county records rolled up into a city's or province's
view, recorded in the target database."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import click

from xinli.cli.errors import UserError, user_errors
from xinli.cli.options import DATE, lang_option, load_registry, plugins_option


def _progress(iterator: Iterator[Any], total: int, lang: str = "zh") -> Iterator[Any]:
    """A progress bar on stderr when stderr is a terminal; quiet otherwise."""
    if not sys.stderr.isatty():
        yield from iterator
        return
    from xinli.core.messages import msg

    with click.progressbar(iterator, length=total, label=msg("reading_sources", lang), file=sys.stderr) as bar:
        yield from bar


def _run_of(values: tuple[str, ...]) -> dict[str, int]:
    chosen: dict[str, int] = {}
    for value in values:
        source, sep, run = value.rpartition("=")
        if not sep or not source or not run.isdigit():
            raise UserError(f"--run-of takes SOURCE=ID (a source file and a run id), not {value!r}")
        chosen[source] = int(run)
    return chosen


@click.command()
@click.argument("sources", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--region", "-r", required=True, help="The city or province to roll up into (a jurisdiction code).")
@click.option("--db", "db", required=True, type=click.Path(dir_okay=False), help="Target SQLite records file (created if missing).")
@click.option("--from", "from_dir", type=click.Path(file_okay=False), default=None,
              help="Take every *.db / *.sqlite file in this directory as a source.")
@click.option("--run-of", "run_of", multiple=True, metavar="SOURCE=ID",
              help="Take run ID of SOURCE (roll-up ID of a city's roll-up file) instead of its newest (repeatable).")
@click.option("--prefer", multiple=True, metavar="SOURCE",
              help="When one region comes from several sources, use SOURCE (default: the latest as-of date).")
@click.option("--as-of", type=DATE, default=None, help="Judge the region's own targets as of this date (default: the latest source's).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@lang_option(default="zh")
@plugins_option()
@user_errors
def rollup(sources: tuple[str, ...], region: str, db: str, from_dir: str | None, run_of: tuple[str, ...],
           prefer: tuple[str, ...], as_of: Any, fmt: str, lang: str, plugins: str | None) -> None:
    """Roll the newest run of each SOURCE database (county records, or the
    runs a city's roll-up counted) up into REGION's view, recorded in DB: one row per source run with its
    provenance, each source's counts, and REGION's own region-level targets
    judged over all the rolled-up schools.  A source that is not an xinli
    database, is corrupted, or belongs to a region neither REGION nor under
    it is refused (exit 2) and nothing is written.  Mismatches (different
    as-of dates or rules versions, one region twice) are warnings.  Report
    it with `xinli report --db DB`."""
    import json
    from pathlib import Path

    from xinli.core.assessment.rollup import rollup as run_rollup
    from xinli.core.assessment.rollup import sources_in
    from xinli.core.vocabulary import localize

    paths = [Path(s) for s in sources]
    skipped: list[dict[str, Any]] = []
    if from_dir is not None:
        target = Path(db).resolve()
        paths += [p for p in sources_in(from_dir, skipped) if p.resolve() != target]
    registry = load_registry(plugins, everything=True)  # sources may be any region under the target
    result = run_rollup(registry, region, db, paths, _run_of(run_of), prefer, as_of,
                        progress=lambda it, total: _progress(it, total, lang), skipped=skipped)
    if fmt == "json":
        click.echo(json.dumps({"rollup_id": result.rollup_id, "created": result.created, "sources": result.sources,
                               "schools": result.schools, "warnings": result.warnings}, ensure_ascii=False, indent=2))
        return
    for warning in result.warnings:
        prefix = {"zh": "警告：", "en": "warning: "}.get(lang, "警告 / warning: ")
        click.echo(prefix + localize(warning["message"], lang), err=True)
    if result.created:
        text = {"zh": f"汇总 {result.rollup_id}：{result.sources} 个来源，{result.schools} 所学校",
                "en": f"roll-up {result.rollup_id}: {result.sources} sources, {result.schools} schools"}
    else:
        text = {"zh": f"汇总 {result.rollup_id} 已包含这次汇总，未写入新内容",
                "en": f"roll-up {result.rollup_id} already holds this roll-up; nothing new was written"}
    click.echo(localize(text, lang))


def report_rollup(database: Any, rollup_id: int | None, fmt: str, lang: str, output: str | None) -> None:
    """Write the report of a roll-up (``xinli report`` on a roll-up) in
    ``fmt``; the print date is today."""
    import datetime as dt
    import json

    from xinli.cli.output import emit
    from xinli.core.records.rollup import rollup_report_data
    from xinli.core.render import rollup as render

    data = rollup_report_data(database, rollup_id)
    printed = dt.date.today().isoformat()
    if fmt == "xlsx":
        from xinli.cli.binary import emit_binary

        emit_binary(render.render_rollup_xlsx(data, lang, printed), output, fmt)
        return
    if fmt == "json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "csv":
        text = render.render_rollup_csv(data)
    elif fmt == "html":
        text = render.render_rollup_html(data, lang, printed)
    else:
        text = render.render_rollup_markdown(data, lang, printed)
    emit(text, output)
