"""A school-year schedule (see :func:`xinli.core.views.schedule.build_schedule`)
as text: event titles and descriptions (also used by the calendar file) and
the Markdown calendar."""

from __future__ import annotations

from typing import Any

from xinli.core import messages
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
    pick = tuple(messages.msg(key, lang) for key in ("event_level", "duty", "grades", "source"))
    cite = event["citation"]
    lines += [
        f"{pick[0]}: {vocab.label(vocab.LEVELS, event['level'], lang)}",
        f"{pick[1]}: {vocab.label(vocab.ACTORS, event['duty_holder'], lang)}",
        f"{pick[2]}: {grades_text(event['grades'], lang)}",
        f"{pick[3]}: {cite['document']} {cite['clause']}「{cite['quote']}」",
        event["requirement_id"],
    ]
    return "\n".join(lines)


def _recurrence_text(recurrence: dict[str, Any], lang: str) -> str:
    every = {("weekly", 1): "every_week", ("weekly", 2): "every_two_weeks",
             ("monthly", 1): "every_month"}[(recurrence["freq"], recurrence["interval"])]
    zh = f"{messages.msg(every, 'zh')}，{messages.msg('until', 'zh', date=recurrence['until'])}"
    en = f"{messages.msg(every, 'en')} {messages.msg('until', 'en', date=recurrence['until'])}"
    return messages.pick((zh, en), lang)


def render_schedule_markdown(schedule: dict[str, Any], lang: str = "both") -> str:
    """The calendar as Markdown: the semesters, then the events month by
    month, then the items the calendar could not place."""
    heading = messages.msg("calendar_heading", lang)
    out = [f"# {vocab.localize(schedule['region']['name'], lang)} — {schedule['school_year']} {heading}", ""]
    for term in schedule["semesters"]:
        out.append(f"- {vocab.localize(term['name'], lang)}: {term['start']} – {term['end']}")
    out += ["", f"_{messages.msg('semester_note', lang, weeks=SEMESTER_WEEKS)}_"]
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
        out += ["", f"## {messages.msg('not_placed', lang)}", ""]
        for entry in schedule["unplaced"]:
            out.append(f"- `{entry['requirement_id']}` {vocab.localize(entry['text'], lang)} — {vocab.localize(entry['reason'], lang)}")
    return "\n".join(out) + "\n"
