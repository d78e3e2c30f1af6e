"""The school-year calendar as iCalendar (RFC 5545), written with the
``icalendar`` library (the ``calendar`` extra), for import into common
calendar apps.

Every event is an all-day event; weekly, fortnightly and monthly cadences
are one event with an ``RRULE`` per semester.  UIDs come from the schedule
(region, requirement, school year, occurrence), so importing a newer
calendar updates the events instead of duplicating them.  ``DTSTAMP`` is
the current time, or ``SOURCE_DATE_EPOCH`` when set, for reproducible files.

Titles (``SUMMARY``) are at most :data:`TITLE_LIMIT` characters; the full
title opens the ``DESCRIPTION``.

``SEQUENCE`` counts revisions by their date, never by a hash, so it only
grows: an event's ``SEQUENCE`` is the number of seconds from
:data:`SEQUENCE_EPOCH` to the moment its content was last changed, and
``LAST-MODIFIED`` is that moment.  Given the calendar published before
(``previous``, the stored revision), an event whose content is unchanged
keeps its ``SEQUENCE`` and ``LAST-MODIFIED``; a changed or new event gets
the time of this calendar (``DTSTAMP``), and at least one more than its
former ``SEQUENCE``.  Without a previous calendar every event is dated as
of this calendar, which is later than any calendar made before, so a
re-import always replaces the old dates.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from xinli.core import vocabulary as vocab
from xinli.core.errors import XinliError
from xinli.core.render.schedule import event_description, event_summary

PRODID = "-//xinli//school-year calendar//ZH"
#: Longest event title, in characters; calendar views cut longer ones.
TITLE_LIMIT = 40


def short_title(text: str, limit: int = TITLE_LIMIT) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


#: Second 0 of ``SEQUENCE``: revisions are counted in seconds from here,
#: which stays below 2**31 (the limit of common calendar apps) until 2088.
SEQUENCE_EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)


def revision_number(moment: dt.datetime) -> int:
    """The ``SEQUENCE`` of a revision made at ``moment``: whole seconds since
    :data:`SEQUENCE_EPOCH` (0 before it)."""
    return max(0, int((moment - SEQUENCE_EPOCH).total_seconds()))


def event_content(event: Any) -> tuple[str, ...]:
    """What a calendar app shows of an event, as comparable text: dates,
    recurrence, title, description and categories."""
    fields = ("dtstart", "dtend", "rrule", "summary", "description", "categories")
    return tuple(event[f].to_ical().decode("utf-8") if f in event and hasattr(event[f], "to_ical")
                 else str(event.get(f, "")) for f in fields)


def previous_revisions(text: str | None) -> dict[str, tuple[tuple[str, ...], int, dt.datetime | None]]:
    """Each event of a previously published calendar by UID: its content,
    ``SEQUENCE`` and ``LAST-MODIFIED``."""
    if not text:
        return {}
    from icalendar import Calendar

    try:
        calendar = Calendar.from_ical(text)
    except ValueError as exc:
        raise XinliError(f"the previous calendar is not iCalendar: {exc}") from None
    found = {}
    for event in calendar.walk("VEVENT"):
        uid = str(event.get("uid", ""))
        modified = event.get("last-modified")
        try:
            sequence = int(event.get("sequence", 0))
        except (TypeError, ValueError):
            sequence = 0
        found[uid] = (event_content(event), sequence, modified.dt if modified is not None else None)
    return found


def _stamp() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def calendar_name(schedule: dict[str, Any], lang: str) -> str:
    """The calendar's display name, e.g. ``南昌市 2026-2027 心理健康工作``."""
    name = schedule["region"]["name"]
    from xinli.core import messages

    zh = messages.msg("calendar_name", "zh", name=name["zh"], year=schedule["school_year"])
    en = messages.msg("calendar_name", "en", name=name["en"], year=schedule["school_year"])
    return messages.pick((zh, en), lang)


def render_ics(schedule: dict[str, Any], lang: str = "both", previous: str | None = None) -> str:
    """The schedule as iCalendar text (CRLF line endings, folded lines).
    ``previous`` is the text of the calendar published before, whose
    revisions unchanged events keep (see the module docstring)."""
    try:
        from icalendar import Calendar, Event
    except ImportError:
        raise XinliError("the ics format needs the icalendar library: pip install 'xinli[calendar]'") from None
    stamp = _stamp()
    before = previous_revisions(previous)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", calendar_name(schedule, lang))
    for item in schedule["events"]:
        event = Event()
        start = dt.date.fromisoformat(item["start"])
        end = dt.date.fromisoformat(item["end"])
        event.add("uid", item["uid"])
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", end + dt.timedelta(days=1))
        title = event_summary(item, lang)
        description = f"{title}\n\n{event_description(item, lang)}"
        event.add("summary", short_title(title))
        event.add("description", description)
        event.add("categories", [vocab.label(vocab.DOMAINS, item["domain"], lang), vocab.label(vocab.LEVELS, item["level"], lang)])
        event.add("transp", "TRANSPARENT")
        if item["recurrence"]:
            recurrence = item["recurrence"]
            event.add("rrule", {"freq": recurrence["freq"], "interval": recurrence["interval"],
                                "until": dt.date.fromisoformat(recurrence["until"])})
        content, sequence, modified = before.get(item["uid"], (None, -1, None))
        if content != event_content(event) or modified is None:
            sequence, modified = max(sequence + 1, revision_number(stamp)), stamp
        event.add("sequence", sequence)
        event.add("last-modified", modified)
        cal.add_component(event)
    return cal.to_ical().decode("utf-8")
