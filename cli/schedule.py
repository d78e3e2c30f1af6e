"""``xinli schedule``: a region's dated obligations on one school year's
calendar, as iCalendar, Markdown or JSON."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from xinli.cli.errors import user_errors
from xinli.cli.options import (
    DATE,
    format_option,
    lang_option,
    load_registry,
    output_option,
    plugins_option,
    region_option,
    resolve_format,
)
from xinli.cli.output import emit

FORMATS = ("markdown", "ics", "json")


class SchoolYearType(click.ParamType):
    """A school year written ``2026-2027``."""

    name = "school-year"

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        from xinli.core.views.schedule import parse_school_year

        try:
            first = parse_school_year(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)
        return f"{first}-{first + 1}"


def current_school_year(today: dt.date | None = None) -> str:
    """The school year ``today`` falls in: from August on, the one starting
    this year; before, the one that started last year."""
    today = today or dt.date.today()
    first = today.year if today.month >= 8 else today.year - 1
    return f"{first}-{first + 1}"


@click.command()
@region_option()
@click.option("--school-year", type=SchoolYearType(), default=None, help="e.g. 2026-2027 (default: the current one).")
@click.option("--autumn-start", type=DATE, default=None, help="First day of the autumn semester (default: 1 September).")
@click.option("--spring-start", type=DATE, default=None,
              help="First day of the spring semester (default: the Monday on or after 17 February).")
@click.option("--previous", type=click.Path(exists=True, dir_okay=False), default=None, metavar="FILE",
              help="The calendar (ics) published before: unchanged events keep their SEQUENCE and LAST-MODIFIED.")
@format_option(FORMATS, "markdown")
@lang_option()
@output_option()
@plugins_option()
@user_errors
def schedule(region: str, school_year: str | None, autumn_start: dt.date | None, spring_start: dt.date | None,
             previous: str | None, fmt: str | None, lang: str, output: str | None, plugins: str | None) -> None:
    """Lay REGION's dated obligations on a school year: screening windows,
    lesson cadences, parent sessions, training, awareness month, key
    monitoring periods and deadlines, each with the requirement's text and
    citation.  ics imports into calendar apps (pip install 'xinli[calendar]');
    re-importing updates the events instead of duplicating them: SEQUENCE
    grows with every revision (pass the calendar published before as
    --previous to keep unchanged events' SEQUENCE)."""
    import json

    from xinli.core.views.checklist import build_checklist
    from xinli.core.views.schedule import build_schedule, parse_school_year, semesters

    fmt = resolve_format(fmt, output, FORMATS, "markdown")

    year = school_year or current_school_year()
    terms = semesters(parse_school_year(year), autumn_start, spring_start)
    registry = load_registry(plugins)
    data = build_schedule(build_checklist(registry, region, terms[0]["start"]), year, autumn_start, spring_start)
    if fmt == "ics":
        from pathlib import Path

        from xinli.core.render.ics import render_ics

        text = render_ics(data, lang, Path(previous).read_text(encoding="utf-8") if previous else None)
    elif fmt == "json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        from xinli.core.render.schedule import render_schedule_markdown

        text = render_schedule_markdown(data, lang)
    emit(text, output)
