"""The school-year calendar as iCalendar (RFC 5545), written with the
``icalendar`` library (the ``calendar`` extra), for import into common
calendar apps.

Every event is an all-day event; weekly, fortnightly and monthly cadences
are one event with an ``RRULE`` per semester.  UIDs come from the schedule
(region, requirement, school year, occurrence), so importing a newer
calendar updates the events instead of duplicating them.  ``DTSTAMP`` is
the current time, or ``SOURCE_DATE_EPOCH`` when set, for reproducible files.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from xinli.core.errors import XinliError
from xinli.core.render.schedule import event_description, event_summary

PRODID = "-//xinli//school-year calendar//ZH"


def _stamp() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def calendar_name(schedule: dict[str, Any], lang: str) -> str:
    """The calendar's display name, e.g. ``南昌市 2026-2027 心理健康工作``."""
    name = schedule["region"]["name"]
    zh = f"{name['zh']} {schedule['school_year']} 学年心理健康工作"
    en = f"{name['en']} {schedule['school_year']} mental-health school year"
    return zh if lang == "zh" else en if lang == "en" else f"{zh} / {en}"


def render_ics(schedule: dict[str, Any], lang: str = "both") -> str:
    """The schedule as iCalendar text (CRLF line endings, folded lines)."""
    try:
        from icalendar import Calendar, Event
    except ImportError:
        raise XinliError("the ics format needs the icalendar library: pip install 'xinli[calendar]'") from None
    stamp = _stamp()
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
        event.add("summary", event_summary(item, lang))
        event.add("description", event_description(item, lang))
        event.add("categories", [item["domain"], item["level"]])
        event.add("transp", "TRANSPARENT")
        if item["recurrence"]:
            recurrence = item["recurrence"]
            event.add("rrule", {"freq": recurrence["freq"], "interval": recurrence["interval"],
                                "until": dt.date.fromisoformat(recurrence["until"])})
        cal.add_component(event)
    return cal.to_ical().decode("utf-8")
