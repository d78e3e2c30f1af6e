"""The school-year calendar as iCalendar (RFC 5545), written with the
``icalendar`` library (the ``calendar`` extra), for import into common
calendar apps.

Every event is an all-day event; weekly, fortnightly and monthly cadences
are one event with an ``RRULE`` per semester.  UIDs come from the schedule
(region, requirement, school year, occurrence), so importing a newer
calendar updates the events instead of duplicating them.  ``DTSTAMP`` is
the current time, or ``SOURCE_DATE_EPOCH`` when set, for reproducible files.

Titles (``SUMMARY``) are at most :data:`TITLE_LIMIT` characters; the full
title opens the ``DESCRIPTION``.  ``SEQUENCE`` is a number taken from the
hash of the event's content (the rules it comes from, as rendered), so an
unchanged rule gives the same number and a changed one a different
number; ``LAST-MODIFIED`` is the day the newest of the region's documents
came into force (the rules' own date), or ``DTSTAMP`` when no document
gives one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
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


def content_sequence(summary: str, description: str, item: dict[str, Any]) -> int:
    """A SEQUENCE number from the hash of an event's content: the same
    content always gives the same number (below 2**31)."""
    payload = json.dumps([summary, description, item["start"], item["end"], item["recurrence"]], ensure_ascii=False,
                         sort_keys=True)
    return int(hashlib.sha256(payload.encode("utf-8")).hexdigest()[:7], 16)


def rules_date(schedule: dict[str, Any]) -> dt.datetime | None:
    """The day the newest of the schedule's documents came into force."""
    dates = [d.get("in_force_from") for d in schedule.get("documents", []) if d.get("in_force_from")]
    if not dates:
        return None
    return dt.datetime.combine(dt.date.fromisoformat(max(dates)), dt.time(), tzinfo=dt.UTC)


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


def render_ics(schedule: dict[str, Any], lang: str = "both") -> str:
    """The schedule as iCalendar text (CRLF line endings, folded lines)."""
    try:
        from icalendar import Calendar, Event
    except ImportError:
        raise XinliError("the ics format needs the icalendar library: pip install 'xinli[calendar]'") from None
    stamp = _stamp()
    modified = rules_date(schedule) or stamp
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
        event.add("sequence", content_sequence(title, description, item))
        event.add("last-modified", modified)
        event.add("categories", [vocab.label(vocab.DOMAINS, item["domain"], lang), vocab.label(vocab.LEVELS, item["level"], lang)])
        event.add("transp", "TRANSPARENT")
        if item["recurrence"]:
            recurrence = item["recurrence"]
            event.add("rrule", {"freq": recurrence["freq"], "interval": recurrence["interval"],
                                "until": dt.date.fromisoformat(recurrence["until"])})
        cal.add_component(event)
    return cal.to_ical().decode("utf-8")
