"""The finding statuses and why-codes, as the small integers stored in the
records database: the one place to add a status.

A finding's ``status`` column holds :class:`Status` codes; the ``statuses``
table of the records database (filled by the migrations from
:data:`STATUS_NAMES`) and the ``finding_details`` view turn them back into
readable names.  Codes are stored, so an existing code is never renumbered
or reused: a new status takes the next free number and a migration inserts
its row into ``statuses``.

``reason`` says why a school's finding has the status it has, where that
is the same for every school (so no text is repeated per row): outside the
item's grades, outside its ``applies_if`` attributes, a school attribute
unknown, or due after the as-of date (the deadline is the requirement's).
"""

from __future__ import annotations

from enum import IntEnum


class Status(IntEnum):
    """A finding's status; the value is what the database stores."""

    MET = 1
    NOT_MET = 2
    UNKNOWN = 3
    NOT_APPLICABLE = 4
    NOT_YET_DUE = 5
    WAIVED = 6
    MANUAL = 7


#: Status names in code order (the order reports list them in).
STATUSES: tuple[str, ...] = tuple(s.name.lower() for s in Status)
#: Status code -> readable name, and back.
STATUS_NAMES: dict[int, str] = {int(s): s.name.lower() for s in Status}
STATUS_CODES: dict[str, int] = {name: code for code, name in STATUS_NAMES.items()}


class Reason(IntEnum):
    """Why a school finding has its status, when no per-row text is needed."""

    GRADES = 1
    ATTRIBUTES = 2
    ATTRIBUTE_UNKNOWN = 3
    DUE_LATER = 4


#: Reason code -> the detail text the ``finding_details`` view shows
#: (``DUE_LATER`` is followed by the requirement's deadline).
REASON_TEXTS: dict[int, str] = {
    Reason.GRADES: "grades",
    Reason.ATTRIBUTES: "attributes",
    Reason.ATTRIBUTE_UNKNOWN: "school attribute unknown",
    Reason.DUE_LATER: "due",
}


def status_name_sql(column: str) -> str:
    """A SQL expression turning a status code column into its name (for
    queries that do not join the ``statuses`` table)."""
    cases = " ".join(f"when {code} then '{name}'" for code, name in STATUS_NAMES.items())
    return f"(case {column} {cases} end)"
