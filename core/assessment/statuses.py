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
unknown, or due after the as-of date (the deadline is the requirement's),
or a one-off duty whose deadline has passed.
"""

from __future__ import annotations

import json
from collections import Counter
from enum import IntEnum
from typing import Any


class Status(IntEnum):
    """A finding's status; the value is what the database stores."""

    MET = 1
    NOT_MET = 2
    UNKNOWN = 3
    NOT_APPLICABLE = 4
    NOT_YET_DUE = 5
    WAIVED = 6
    MANUAL = 7
    ADOPTED = 8
    NOT_ADOPTED = 9
    NOT_REQUIRED = 10
    IN_PROGRESS = 11


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
    EVENT_DID_NOT_HAPPEN = 5
    EVENT_UNKNOWN = 6
    PERIOD_RUNNING = 7
    # --- issue 24: school kinds ---
    OUTSIDE_DOCUMENT = 8
    SCHOOL_KIND = 9
    # --- issue 21: one-off duties ---
    ONE_OFF_PAST = 10


#: Reason code -> the detail text the ``finding_details`` view shows
#: (``DUE_LATER`` is followed by the requirement's deadline).
REASON_TEXTS: dict[int, str] = {
    Reason.GRADES: "grades",
    Reason.ATTRIBUTES: "attributes",
    Reason.ATTRIBUTE_UNKNOWN: "school attribute unknown",
    Reason.DUE_LATER: "due",
    Reason.EVENT_DID_NOT_HAPPEN: "event did not happen",
    Reason.EVENT_UNKNOWN: "event unknown",
    Reason.PERIOD_RUNNING: "period still running",
    Reason.OUTSIDE_DOCUMENT: "outside the document",
    Reason.SCHOOL_KIND: "school kind",
    Reason.ONE_OFF_PAST: "one-off duty past",
}


class Provenance(IntEnum):
    """How a finding was established; the value is what the database stores
    (``findings.provenance``, the ``provenances`` table names them).

    ``measured``: from the figures and attributes in the facts (or from
    the schools' figures, for a region finding); ``self_reported``: the
    school's own 自查 answer; ``verified``: an inspector's check recorded
    with ``xinli attest``; ``unanswered``: nobody has answered yet."""

    MEASURED = 1
    SELF_REPORTED = 2
    VERIFIED = 3
    UNANSWERED = 4


#: Provenance names in code order.
PROVENANCES: tuple[str, ...] = tuple(p.name.lower() for p in Provenance)
PROVENANCE_NAMES: dict[int, str] = {int(p): p.name.lower() for p in Provenance}
PROVENANCE_CODES: dict[str, int] = {name: code for code, name in PROVENANCE_NAMES.items()}
#: A school finding's detail text -> its reason code (``due <deadline>`` is
#: matched against the requirement's deadline by :func:`compact_row`).
REASON_CODES: dict[str, int] = {text: int(code) for code, text in REASON_TEXTS.items() if code != Reason.DUE_LATER}


def typed_observed(text: str | None) -> Any:
    """A school's observed fact as stored: ``true``/``false`` as 1/0, numbers
    as numbers (whole ones as integers), anything else (a date) as text."""
    if text is None:
        return None
    if text in ("true", "false"):
        return int(text == "true")
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


def compact_row(row: tuple[Any, ...], deadlines: dict[int, str]) -> tuple[Any, ...]:
    """A finding row as the evaluator produces it, ``(run id, school row,
    requirement row, status name, observed text, detail[, provenance
    name])``, in the stored form: ``(run id, school row, requirement row,
    status code, typed observed, reason code, detail, provenance code)``.
    A school's detail that is the same for every school becomes a reason
    code; a region finding keeps its text.  Without a provenance the row
    is ``measured``."""
    run_id, school, requirement, status, observed, detail = row[:6]
    provenance = PROVENANCE_CODES[row[6]] if len(row) > 6 and row[6] else int(Provenance.MEASURED)
    reason = None
    if school is not None:
        observed = typed_observed(observed)
        if detail is not None:
            reason = REASON_CODES.get(detail)
            if reason is None and detail == f"due {deadlines.get(requirement)}":
                reason = int(Reason.DUE_LATER)
            if reason is not None:
                detail = None
    return run_id, school, requirement, STATUS_CODES[status], observed, reason, detail, provenance


#: How a staged row packs its reason code above the status code (statuses fit in 4 bits).
REASON_SHIFT = 4
assert max(STATUS_NAMES) < 1 << REASON_SHIFT and max(Reason) < 1 << REASON_SHIFT
#: The status bits of a staged code (the reason's bits are as many, above them).
STATUS_MASK = (1 << REASON_SHIFT) - 1
#: Set in a staged row's packed value when the row has a detail text, staged beside it.
DETAIL_FLAG = 1 << 2 * REASON_SHIFT
#: Where a staged row's provenance code sits (3 bits; 0 = measured, the common case).
PROVENANCE_SHIFT = 2 * REASON_SHIFT + 1
PROVENANCE_MASK = 7
assert max(Provenance) <= PROVENANCE_MASK
#: Where the requirement row sits in a staged row's packed value.
REQUIREMENT_SHIFT = PROVENANCE_SHIFT + 3


def staged_row(row: tuple[Any, ...]) -> tuple[tuple[Any, int, Any], str | None]:
    """A stored-form row (:func:`compact_row`) as it is staged before the
    write -- ``(school row, packed, observed)``, three values to bind
    instead of seven, with ``packed = requirement row << REQUIREMENT_SHIFT |
    DETAIL_FLAG (if any) | reason << REASON_SHIFT | status``, the
    provenance at :data:`PROVENANCE_SHIFT` when it is not ``measured`` --
    and the row's detail text (None for nearly every school row), which is
    staged beside the rows and joined back when the run is written."""
    _run_id, school, requirement, status, observed, reason, detail = row[:7]
    provenance = row[7] if len(row) > 7 else int(Provenance.MEASURED)
    packed = requirement << REQUIREMENT_SHIFT | status | (reason or 0) << REASON_SHIFT
    if provenance != Provenance.MEASURED:
        packed |= provenance << PROVENANCE_SHIFT
    if detail is not None:
        packed |= DETAIL_FLAG
    return (school, packed, observed), detail


#: A school's counts by status as stored (``schools.counts``): JSON with every
#: status in code order, as SQLite's ``json_object`` writes it.
COUNTS_TEMPLATE = "{" + ",".join(f'"{name}":%d' for _code, name in sorted(STATUS_NAMES.items())) + "}"
_STATUS_BYTES = [bytes([code]) for code in sorted(STATUS_NAMES)]
_STATUS_CODES_SORTED = sorted(STATUS_NAMES)


def counts_json(statuses: bytes, cache: dict[bytes, str]) -> str:
    """A school's counts by status as JSON text, from its findings' status
    codes (one byte each); ``cache`` remembers each sequence, since a
    province's schools repeat a few hundred of them."""
    text = cache.get(statuses)
    if text is None:
        text = cache[statuses] = COUNTS_TEMPLATE % tuple(map(statuses.count, _STATUS_BYTES))
    return text


def school_tallies(codes: bytes) -> tuple[str, str | None]:
    """A school's counts as stored, from one byte per finding,
    ``provenance << 4 | status`` (provenance 0 = measured): its counts by
    status (``schools.counts``, as :func:`counts_json` writes them) and its
    counts of findings not measured, by provenance and status
    (``schools.provenance_counts``, ``{"self_reported": {"met": 20}}``;
    None when every finding was measured)."""
    by_status = [0] * (STATUS_MASK + 1)
    tally: dict[str, dict[str, int]] = {}
    for code, n in Counter(codes).items():  # in the codes' order: sorted codes give a stable text
        by_status[code & STATUS_MASK] += n
        if code >> REASON_SHIFT:
            tally.setdefault(PROVENANCE_NAMES[code >> REASON_SHIFT], {})[STATUS_NAMES[code & STATUS_MASK]] = n
    return (COUNTS_TEMPLATE % tuple(by_status[code] for code in _STATUS_CODES_SORTED),
            json.dumps(tally, separators=(",", ":")) if tally else None)


def counts_json_sql(findings: str = "findings") -> str:
    """SQL building the same JSON text as :func:`counts_json` over a group
    of findings (used to count runs recorded before counts were stored)."""
    pairs = ", ".join(f"'{name}', count(*) filter (where {findings}.status = {code})"
                      for code, name in sorted(STATUS_NAMES.items()))
    return f"json_object({pairs})"


def status_name_sql(column: str) -> str:
    """A SQL expression turning a status code column into its name (for
    queries that do not join the ``statuses`` table)."""
    cases = " ".join(f"when {code} then '{name}'" for code, name in STATUS_NAMES.items())
    return f"(case {column} {cases} end)"
