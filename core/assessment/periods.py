"""The period a school's facts cover, and whether a per-period count is still
being counted on the as-of date (issue 20).

A check counted ``per_semester``, ``per_school_year`` or ``per_year`` (the
calendar year, 每年) judges a figure that grows while its period runs: a
school with 4 of 8 lessons in November is on track, not failing.  Such a
count below its target is ``in_progress`` (进行中) while the period runs
and ``not_met`` once it has ended.

Facts cover one period, declared with ``assess --period`` or, by default,
the period containing the as-of date.  The semester and school-year
boundaries are the schedule's (:func:`xinli.core.views.schedule.semesters`,
with the same ``--autumn-start`` / ``--spring-start`` settings).
"""

from __future__ import annotations

import datetime as dt
import re

from attrs import frozen

from xinli.core.errors import XinliError
from xinli.core.views.schedule import semesters

#: ``--period`` as written: a school year ``2026-2027``, one of its
#: semesters ``2026-2027-1`` / ``2026-2027-2`` (or ``-autumn`` / ``-spring``,
#: 第一学期 / 第二学期), or a calendar year ``2026``.
PERIOD_TEXT = re.compile(r"^(\d{4})(?:-(\d{4})(?:-(1|2|autumn|spring|第一学期|第二学期))?)?$")


@frozen
class Periods:
    """The end of each counted period the facts cover, and the as-of date."""

    as_of: dt.date
    ends: dict[str, dt.date]
    label: str

    def running(self, per: str | None) -> bool:
        """True while a ``per`` period the facts cover has not ended."""
        end = self.ends.get(per or "")
        return end is not None and self.as_of <= end


def school_year_of(day: dt.date) -> int:
    """The first calendar year of the school year ``day`` falls in (a school
    year runs from August to July)."""
    return day.year if day.month >= 8 else day.year - 1


def periods_for(as_of: dt.date, period: str | None = None, autumn_start: dt.date | None = None,
                spring_start: dt.date | None = None) -> Periods:
    """The periods facts cover on ``as_of``: the declared ``period`` or the
    one containing ``as_of``.  A declared text that is not a period is an
    :class:`XinliError` naming the accepted forms."""
    semester = None
    calendar_year = None
    if period is None:
        first = school_year_of(as_of)
        terms = semesters(first, _in_year(autumn_start, first), _in_year(spring_start, first + 1))
        semester = "spring" if as_of >= terms[1]["start"] else "autumn"
        calendar_year = as_of.year
    else:
        match = PERIOD_TEXT.match(period.strip())
        if not match or (match.group(2) and int(match.group(2)) != int(match.group(1)) + 1):
            raise XinliError(f"--period {period!r}: write a school year like 2026-2027, a semester like 2026-2027-1 "
                             "(or 2026-2027-2), or a calendar year like 2026")
        first = int(match.group(1))
        if match.group(2) is None:  # a calendar year: its school year is the one ending in it
            calendar_year = first
            first -= 1
        which = match.group(3)
        if which:
            semester = "autumn" if which in ("1", "autumn", "第一学期") else "spring"
        terms = semesters(first, _in_year(autumn_start, first), _in_year(spring_start, first + 1))
    ends: dict[str, dt.date] = {"per_school_year": terms[1]["end"]}
    ends["per_semester"] = terms[0]["end"] if semester == "autumn" else terms[1]["end"]
    if calendar_year is None:  # a declared school year or semester: the calendar year its last day falls in
        calendar_year = ends["per_semester"].year if semester else terms[1]["end"].year
    ends["per_year"] = dt.date(calendar_year, 12, 31)
    label = period or f"{first}-{first + 1}-{1 if semester == 'autumn' else 2}"
    return Periods(as_of, ends, label)


def _in_year(day: dt.date | None, year: int) -> dt.date | None:
    """A configured semester start moved into ``year`` (the setting names a
    day of the year; the school year is the as-of date's)."""
    if day is None:
        return None
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return day.replace(year=year, day=28)
