"""A region's dated obligations laid out on one school year's calendar.

:func:`build_schedule` turns a checklist (see :mod:`xinli.core.views.checklist`)
into events.  Events come only from what the items say — their
``timing``, their ``check.per`` and their ``deadline`` — placed on a
school year whose two semesters start on the dates given (by default
1 September and the Monday on or after 17 February).  Where a document
names a period without dates (季节交替前后, 重大活动前后) or a deadline
falls outside the year, the item is listed under ``unplaced`` with the
reason, never given an invented date.

The mapping rules are documented in ``docs/outputs.md``; the numbers that
encode them are the constants below.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

from xinli.core.errors import XinliError

SCHEMA_ID = "xinli.schedule/1"

#: Weeks a semester is assumed to last, examination weeks included.  The
#: documents print no semester ends, so xinli assumes this common length.
SEMESTER_WEEKS = 20
#: The earliest day of February a default spring semester starts on: the
#: spring semester starts on the Monday on or after this day.
SPRING_EARLIEST_DAY = 17
#: Default window lengths, in days, for timings that name a period without
#: its length.
AROUND_START = (7, 14)  # 开学前后: a week before to two weeks after the first day
INTAKE_DAYS = 14  # 新生入学后: the first two weeks of the autumn semester
EXAM_DAYS = 14  # 考试前后: the last two weeks of each semester
SEMESTER_END_DAYS = 14  # 学期末: the last two weeks of each semester
AROUND_HOLIDAY = (7, 7)  # 放假前后: a week before and a week after a semester ends
GRADUATION_MONTH = 6  # 毕业生离校前: June of the school year

SCHOOL_YEAR = re.compile(r"^(\d{4})-(\d{4})$")

SEMESTERS = {
    "autumn": ("秋季学期", "autumn semester"),
    "spring": ("春季学期", "spring semester"),
}

#: Short labels that open an event's summary: where the event sits.
PLACEMENT = {
    "semester_start": ("开学后{days}天内", "within {days} days of the semester's start"),
    "semester_start_around": ("开学前后", "around the start of the semester"),
    "semester_end": ("学期末", "end of the semester"),
    "month": ("{month}月", "{month_en}"),
    "intake": ("新生入学后", "after new students arrive"),
    "exams": ("考试前后", "around examinations"),
    "holidays": ("放假前后", "around the holidays"),
    "graduation": ("毕业生离校前", "before graduates leave"),
    "per_day": ("每天", "every day"),
    "per_week": ("每周", "every week"),
    "per_two_weeks": ("每两周", "every two weeks"),
    "per_month": ("每月", "every month"),
    "per_semester": ("本学期内", "this semester"),
    "per_school_year": ("本学年内", "this school year"),
    "per_year": ("每年（自然年）", "every calendar year"),
    "deadline": ("截止日期", "deadline"),
}

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")

#: Timing kinds that name no date the calendar could place.
UNPLACEABLE_TIMING = {
    "season_change": ("季节交替前后：文件未给出日期，由学校按当地气候安排。",
                      "around changes of season: the document gives no dates; the school places them by its climate."),
    "major_events": ("重大活动前后：文件未给出日期，由学校按本校活动安排。",
                     "around major events: the document gives no dates; the school places them by its own events."),
}

RECURRING = {"per_week": ("weekly", 1), "per_two_weeks": ("weekly", 2), "per_month": ("monthly", 1)}
SPANS = ("per_day", "per_semester", "per_school_year", "per_year")


def parse_school_year(text: str) -> int:
    """The first calendar year of a school year written ``2026-2027``."""
    match = SCHOOL_YEAR.match(text.strip())
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise ValueError(f"a school year is written like 2026-2027 (two consecutive years), not {text!r}")
    return int(match.group(1))


def default_spring_start(year: int) -> dt.date:
    """The default start of the spring semester in calendar ``year``: the
    Monday on or after 17 February (mainland spring semesters start in the
    second half of February, after the Spring Festival break)."""
    day = dt.date(year, 2, SPRING_EARLIEST_DAY)
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def semesters(first_year: int, autumn_start: dt.date | None = None,
              spring_start: dt.date | None = None) -> list[dict[str, Any]]:
    """The two semesters of the school year starting in ``first_year``.

    Each lasts :data:`SEMESTER_WEEKS` weeks from its start; the autumn
    semester ends at least a week before the spring one starts.  Raises
    :class:`XinliError` for a start outside its usual months.
    """
    autumn = autumn_start or dt.date(first_year, 9, 1)
    spring = spring_start or default_spring_start(first_year + 1)
    if not (dt.date(first_year, 8, 1) <= autumn <= dt.date(first_year, 9, 30)):
        raise XinliError(f"--autumn-start {autumn} is not in August or September {first_year}")
    if not (dt.date(first_year + 1, 1, 1) <= spring <= dt.date(first_year + 1, 3, 31)):
        raise XinliError(f"--spring-start {spring} is not between January and March {first_year + 1}")
    length = dt.timedelta(weeks=SEMESTER_WEEKS) - dt.timedelta(days=1)
    autumn_end = min(autumn + length, spring - dt.timedelta(days=8))
    spring_end = spring + length
    return [
        {"key": "autumn", "name": _text(SEMESTERS["autumn"]), "start": autumn, "end": autumn_end},
        {"key": "spring", "name": _text(SEMESTERS["spring"]), "start": spring, "end": spring_end},
    ]


def _text(pair: tuple[str, str]) -> dict[str, str]:
    return {"zh": pair[0], "en": pair[1]}


def event_uid(region: str, requirement_id: str, school_year: str, occurrence: str) -> str:
    """A UID that stays the same for the same obligation in the same school
    year, so re-importing a calendar updates its events instead of adding
    copies.  It does not depend on the semester dates."""
    digest = hashlib.sha256(f"{region}|{requirement_id}|{school_year}|{occurrence}".encode()).hexdigest()
    return f"{digest[:32]}@xinli"


def _placement(key: str, **values: Any) -> dict[str, str]:
    zh, en = PLACEMENT[key]
    if "month" in values:
        values["month_en"] = MONTHS_EN[values["month"] - 1]
    return {"zh": zh.format(**values), "en": en.format(**values)}


def _count_text(check: dict[str, Any] | None) -> dict[str, str] | None:
    """The item's check in words, e.g. ``at least 1 times per semester``."""
    if not check or check["op"] == "true" or check["value"] is None:
        return None
    from xinli.core import vocabulary as vocab

    value = check["value"]
    unit_zh, unit_en = vocab.UNITS.get(check["unit"] or "", ("", ""))
    per = check["per"] or ""
    per_zh, per_en = vocab.PERIODS.get(per, (per, per.replace("_", " ")))
    count_zh, count_en = vocab.COUNT_PER[check["count_per"]]
    if check["op"] == "between":
        amount_zh, amount_en = f"{value[0]}–{value[1]}", f"{value[0]}–{value[1]}"
    else:
        words = {">=": ("不少于", "at least"), "<=": ("不多于", "at most"), "==": ("", "exactly")}
        zh_word, en_word = words.get(check["op"], ("", check["op"]))
        amount_zh, amount_en = f"{zh_word}{value}", f"{en_word} {value}".strip()
    return {
        "zh": f"{per_zh}{amount_zh}{unit_zh}（{count_zh}）",
        "en": f"{amount_en} {unit_en} {per_en} ({count_en})".replace("  ", " "),
    }


class _Builder:
    """Collects the events and unplaced notes of one school year."""

    def __init__(self, region: str, school_year: str, terms: list[dict[str, Any]]) -> None:
        self.region = region
        self.school_year = school_year
        self.terms = terms
        self.first = dt.date(int(school_year[:4]), 9, 1)
        self.year_start = min(terms[0]["start"], self.first)
        self.year_end = dt.date(self.first.year + 1, 8, 31)
        self.events: list[dict[str, Any]] = []
        self.unplaced: list[dict[str, Any]] = []

    def add(self, item: dict[str, Any], occurrence: str, placement: dict[str, str], start: dt.date, end: dt.date,
            semester: str | None, basis: str, recurrence: dict[str, Any] | None = None) -> None:
        self.events.append({
            "uid": event_uid(self.region, item["id"], self.school_year, occurrence),
            "requirement_id": item["id"],
            "domain": item["domain"],
            "level": item["level"],
            "duty_holder": item["duty_holder"],
            "school_duty": item["school_duty"],
            "grades": item["grades"],
            "basis": basis,
            "semester": semester,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "recurrence": recurrence,
            "placement": placement,
            "text": item["text"],
            "count": _count_text(item["check"]),
            "citation": item["citation"],
        })

    def skip(self, item: dict[str, Any], reason: dict[str, str]) -> None:
        self.unplaced.append({"requirement_id": item["id"], "level": item["level"], "text": item["text"],
                              "reason": reason, "citation": item["citation"]})

    def per_term(self, item: dict[str, Any], basis: str, window: Any, placement: dict[str, str],
                 terms: list[dict[str, Any]] | None = None, occurrence: str | None = None) -> None:
        for term in terms or self.terms:
            start, end = window(term)
            self.add(item, f"{occurrence or basis}:{term['key']}", placement, start, end, term["key"], basis)

    def timing(self, item: dict[str, Any], timing: dict[str, Any], repeat: int) -> None:
        """Place one of ``item``'s timings; ``repeat`` counts earlier timings
        of the same kind on the item (0 for the first), keeping UIDs apart."""
        kind = timing["kind"]
        days = timing["days"]
        basis = f"timing:{kind}"
        occurrence = basis + (f"#{repeat + 1}" if repeat else "")
        day = dt.timedelta(days=1)
        if kind == "semester_start" and days:
            self.per_term(item, basis, lambda t: (t["start"], min(t["start"] + (days - 1) * day, t["end"])),
                          _placement("semester_start", days=days), occurrence=occurrence)
        elif kind == "semester_start":
            before, after = AROUND_START
            self.per_term(item, basis, lambda t: (t["start"] - before * day, t["start"] + (after - 1) * day),
                          _placement("semester_start_around"), occurrence=occurrence)
        elif kind == "semester_end":
            span = days or SEMESTER_END_DAYS
            self.per_term(item, basis, lambda t: (t["end"] - (span - 1) * day, t["end"]), _placement("semester_end"),
                          occurrence=occurrence)
        elif kind == "exams":
            span = days or EXAM_DAYS
            self.per_term(item, basis, lambda t: (t["end"] - (span - 1) * day, t["end"]), _placement("exams"),
                          occurrence=occurrence)
        elif kind == "holidays":
            before, after = AROUND_HOLIDAY
            self.per_term(item, basis, lambda t: (t["end"] - (before - 1) * day, t["end"] + after * day),
                          _placement("holidays"), occurrence=occurrence)
        elif kind == "intake":
            span = days or INTAKE_DAYS
            self.per_term(item, basis, lambda t: (t["start"], t["start"] + (span - 1) * day), _placement("intake"),
                          terms=self.terms[:1], occurrence=occurrence)
        elif kind == "semester":  # 每学期 with no time within it: the whole of each semester
            self.per_term(item, basis, lambda t: (t["start"], t["end"]), _placement("per_semester"), occurrence=occurrence)
        elif kind == "calendar_year":  # 每年 with no time within it: each calendar year the school year touches
            self.calendar_years(item, occurrence, basis)
        elif kind in ("month", "graduation"):
            month = timing["month"] if kind == "month" else GRADUATION_MONTH
            year = self.first.year if month >= 9 else self.first.year + 1
            start = dt.date(year, month, 1)
            end = (dt.date(year + (month == 12), month % 12 + 1, 1)) - day
            term = next((t["key"] for t in self.terms if t["start"] <= start <= t["end"] or t["start"] <= end <= t["end"]),
                        None)
            placement = _placement("month", month=month) if kind == "month" else _placement("graduation")
            self.add(item, occurrence, placement, start, end, term, basis)
        else:
            self.skip(item, _text(UNPLACEABLE_TIMING[kind]))

    def calendar_years(self, item: dict[str, Any], occurrence: str, basis: str) -> None:
        """A 每年 duty: 每年 is the calendar year (issue 20), and the school
        year holds the end of one and the start of the next: one span each."""
        first = self.terms[0]["start"].year
        self.add(item, f"{occurrence}:{first}", _placement("per_year"), self.terms[0]["start"], dt.date(first, 12, 31), None,
                 basis)
        self.add(item, f"{occurrence}:{first + 1}", _placement("per_year"), dt.date(first + 1, 1, 1), self.terms[-1]["end"],
                 None, basis)

    def check(self, item: dict[str, Any]) -> None:
        per = item["check"]["per"] if item["check"] else None
        if per in RECURRING:
            freq, interval = RECURRING[per]
            for term in self.terms:
                recurrence = {"freq": freq, "interval": interval, "until": term["end"].isoformat()}
                self.add(item, f"check:{per}:{term['key']}", _placement(per), term["start"], term["start"], term["key"],
                         f"check:{per}", recurrence)
        elif per in ("per_day", "per_semester"):
            self.per_term(item, f"check:{per}", lambda t: (t["start"], t["end"]), _placement(per))
        elif per == "per_school_year":
            self.add(item, f"check:{per}", _placement(per), self.terms[0]["start"], self.terms[-1]["end"], None,
                     f"check:{per}")
        elif per == "per_year":
            self.calendar_years(item, f"check:{per}", f"check:{per}")
        elif per and per.startswith("every_"):
            years = per.split("_")[1]
            self.skip(item, {"zh": f"每{years}年一次，不落在某一学年内。",
                             "en": f"recurs every {years} years, not within one school year."})

    def deadline(self, item: dict[str, Any]) -> None:
        due = dt.date.fromisoformat(item["deadline"])
        if self.year_start <= due <= self.year_end:
            term = next((t["key"] for t in self.terms if t["start"] <= due <= t["end"]), None)
            self.add(item, "deadline", _placement("deadline"), due, due, term, "deadline")
        else:
            self.skip(item, {"zh": f"截止日期 {due} 不在本学年内。", "en": f"its deadline {due} lies outside this school year."})


def build_schedule(checklist: dict[str, Any], school_year: str, autumn_start: dt.date | None = None,
                   spring_start: dt.date | None = None) -> dict[str, Any]:
    """The school year's calendar of ``checklist``'s region as plain data.

    An item with ``timing`` is placed by its timing (one event per
    semester, month or period); otherwise by its ``check.per`` (recurring
    events for weekly, fortnightly and monthly cadences, a span for counts
    per semester or year).  A deadline inside the school year is an event
    of its own.  Events are sorted by start date, then requirement id.
    """
    first_year = parse_school_year(school_year)
    terms = semesters(first_year, autumn_start, spring_start)
    builder = _Builder(checklist["region"]["code"], school_year, terms)
    for item in checklist["items"]:
        if item.get("timing"):
            kinds: list[str] = []
            for timing in item["timing"]:
                builder.timing(item, timing, kinds.count(timing["kind"]))
                kinds.append(timing["kind"])
        elif item["check"]:
            builder.check(item)
        if item["deadline"]:
            builder.deadline(item)
    events = sorted(builder.events, key=lambda e: (e["start"], e["end"], e["requirement_id"], e["uid"]))
    return {
        "schema": SCHEMA_ID,
        "region": {"code": checklist["region"]["code"], "name": checklist["region"]["name"]},
        "school_year": school_year,
        "semesters": [{**t, "start": t["start"].isoformat(), "end": t["end"].isoformat()} for t in terms],
        "assumptions": {
            "semester_weeks": SEMESTER_WEEKS,
            "autumn_start_default": autumn_start is None,
            "spring_start_default": spring_start is None,
        },
        "documents": [{"number": d["number"], "title": d["title"], "encoded": d["encoded"],
                       "in_force_from": d.get("in_force_from")} for d in checklist["documents"]],
        "events": events,
        "unplaced": builder.unplaced,
    }
