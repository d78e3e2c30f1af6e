"""A school-year schedule (see :func:`xinli.core.views.schedule.build_schedule`)
as text: event titles and descriptions (also used by the calendar file) and
the Markdown calendar."""

from __future__ import annotations

from typing import Any

from xinli.core import vocabulary as vocab
from xinli.core.render.markdown import grades_text
from xinli.core.views.schedule import SEMESTER_WEEKS


def event_summary(event: dict[str, Any], lang: str) -> str:
    """A one-line title: where the event sits, then the requirement."""
    if lang == "zh":
        return f"{event['placement']['zh']}：{event['text']['zh']}"
    if lang == "en":
        return f"{event['placement']['en']}: {event['text']['en']}"
    return f"{event['placement']['zh']}：{event['text']['zh']} / {event['placement']['en']}: {event['text']['en']}"


def event_description(event: dict[str, Any], lang: str) -> str:
    """The event's details: the requirement's text, its count, level, duty
    holder and grades, and its citation with the document's own words."""
    lines = [vocab.localize(event["text"], lang)]
    if event["count"]:
        lines.append(vocab.localize(event["count"], lang))
    labels = {"zh": ("要求", "责任主体", "年级", "依据"), "en": ("Level", "Duty holder", "Grades", "Source")}
    pick = labels["en"] if lang == "en" else labels["zh"] if lang == "zh" else tuple(
        f"{a} / {b}" for a, b in zip(labels["zh"], labels["en"], strict=True))
    cite = event["citation"]
    lines += [
        f"{pick[0]}: {vocab.label(vocab.LEVELS, event['level'], lang)}",
        f"{pick[1]}: {vocab.label(vocab.ACTORS, event['duty_holder'], lang)}",
        f"{pick[2]}: {grades_text(event['grades'])}",
        f"{pick[3]}: {cite['document']} {cite['clause']}「{cite['quote']}」",
        event["requirement_id"],
    ]
    return "\n".join(lines)


def _recurrence_text(recurrence: dict[str, Any], lang: str) -> str:
    every = {("weekly", 1): ("每周", "every week"), ("weekly", 2): ("每两周", "every two weeks"),
             ("monthly", 1): ("每月", "every month")}[(recurrence["freq"], recurrence["interval"])]
    zh = f"{every[0]}，至 {recurrence['until']}"
    en = f"{every[1]} until {recurrence['until']}"
    return zh if lang == "zh" else en if lang == "en" else f"{zh} / {en}"


def render_schedule_markdown(schedule: dict[str, Any], lang: str = "both") -> str:
    """The calendar as Markdown: the semesters, then the events month by
    month, then the items the calendar could not place."""
    heading = {"zh": "学年心理健康工作日历", "en": "school-year calendar"}
    out = [f"# {vocab.localize(schedule['region']['name'], lang)} — {schedule['school_year']} {vocab.localize(heading, lang)}", ""]
    for term in schedule["semesters"]:
        out.append(f"- {vocab.localize(term['name'], lang)}: {term['start']} – {term['end']}")
    note = {
        "zh": f"学期起止日期为假定值（每学期{SEMESTER_WEEKS}周），可用 --autumn-start、--spring-start 调整；文件未规定具体日期。",
        "en": f"Semester dates are assumptions ({SEMESTER_WEEKS} weeks each), adjustable with --autumn-start and "
              "--spring-start; the documents fix no dates.",
    }
    out += ["", f"_{vocab.localize(note, lang)}_"]
    month = None
    for event in schedule["events"]:
        if event["start"][:7] != month:
            month = event["start"][:7]
            out += ["", f"## {month}", ""]
        when = event["start"] if event["start"] == event["end"] else f"{event['start']} – {event['end']}"
        if event["recurrence"]:
            when = f"{event['start']}, {_recurrence_text(event['recurrence'], lang)}"
        level = vocab.label(vocab.LEVELS, event["level"], lang)
        out.append(f"- [ ] {when} **[{level}]** {event_summary(event, lang)} `{event['requirement_id']}`")
        if event["count"]:
            out.append(f"  - {vocab.localize(event['count'], lang)}")
        cite = event["citation"]
        out.append(f"  - {cite['document']} {cite['clause']} —「{cite['quote']}」")
    if schedule["unplaced"]:
        title = {"zh": "未能排入日历的要求", "en": "Not placed on the calendar"}
        out += ["", f"## {vocab.localize(title, lang)}", ""]
        for entry in schedule["unplaced"]:
            out.append(f"- `{entry['requirement_id']}` {vocab.localize(entry['text'], lang)} — {vocab.localize(entry['reason'], lang)}")
    return "\n".join(out) + "\n"
