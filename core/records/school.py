"""One school's part of a run, for the sheet a bureau sends that school:
every duty of the school with its verdict and how it was established
(provenance), grouped for signing: required items not met first, then the
unanswered self-inspection items to check and tick, the facts still
unknown, counts in progress, the school's own answers (self-reported), the
inspector's (verified), what the figures show met; recommended, encouraged
and permitted items apart; not applicable, not yet due and waived last."""

from __future__ import annotations

import difflib
from typing import Any

import sqlite_utils

from xinli.core.assessment.assess import ADVISORY_LEVELS, STATUSES
from xinli.core.assessment.statuses import PROVENANCE_NAMES, STATUS_NAMES
from xinli.core.errors import XinliError
from xinli.core.records.database import detail_sql, observed_sql
from xinli.core.records.report import _run
from xinli.core.records.verification import school_verification

SCHOOL_SCHEMA = "xinli.school-report/2"
#: The sheet's groups in the order they are printed.
GROUPS = ("not_met", "manual", "unknown", "in_progress", "self_reported", "verified", "met", "advisory", "other")


def school_ids(db: sqlite_utils.Database, run_id: int) -> list[str]:
    """The school ids of a run, in the order they were read."""
    return [row[0] for row in db.execute("select school_id from schools where run_id = ? order by id", [run_id])]


def group_of(status: str, provenance: str, level: str) -> str:
    """Which group of the sheet a finding is listed in."""
    if level in ADVISORY_LEVELS:
        return "advisory"
    if status in ("not_met", "manual", "unknown", "in_progress"):
        return status
    if provenance == "verified":
        return "verified"
    if provenance == "self_reported":
        return "self_reported"
    if status == "met":
        return "met"
    return "other"


def school_report_data(db: sqlite_utils.Database, school_id: str, run_id: int | None = None) -> dict[str, Any]:
    """One school's findings in a run (default: the newest) as plain data:
    every finding of the school in :data:`GROUPS`, each with its status and
    provenance, and the school's counts by status and by provenance.

    An unknown school id is an error naming the nearest id of the run."""
    run = _run(db, run_id)
    row = db.execute("select id, school_id, school_name, grades from schools where run_id = ? and school_id = ?",
                     [run["id"], school_id]).fetchone()
    if row is None:
        known = school_ids(db, run["id"])
        near = difflib.get_close_matches(school_id, known, n=1)
        hint = f"; did you mean {near[0]!r}?" if near else f"; ids look like: {', '.join(known[:5])}"
        raise XinliError(f"no school {school_id!r} in run {run['id']}{hint}")
    sid = row[0]
    groups: dict[str, list[dict[str, Any]]] = {key: [] for key in GROUPS}
    counts = dict.fromkeys(STATUSES, 0)
    sources = dict.fromkeys(PROVENANCE_NAMES.values(), 0)
    for (req_id, level, text_zh, text_en, expected, document, clause, quote, status, observed, detail,
         provenance) in db.execute(
        f"""
        select r.requirement_id, r.level, r.text_zh, r.text_en, r.expected, r.document, r.clause, r.quote,
               f.status, {observed_sql("f", "r")}, {detail_sql("f", "r")}, f.provenance
        from findings_of_schools f join requirements r on r.id = f.requirement
        where f.school = ? order by r.id
        """,
        [sid],
    ):
        status = STATUS_NAMES[status]  # stored as a code (xinli.core.assessment.statuses)
        provenance = PROVENANCE_NAMES.get(provenance or 1, "measured")
        counts[status] += 1
        sources[provenance] += 1
        groups[group_of(status, provenance, level)].append({
            "requirement_id": req_id, "level": level, "text": {"zh": text_zh, "en": text_en}, "expected": expected,
            "status": status, "provenance": provenance, "observed": observed, "detail": detail,
            "document": document, "clause": clause, "quote": quote,
        })
    return {
        "schema": SCHOOL_SCHEMA,
        "run": run,
        "school": {"school_id": row[1], "school_name": row[2], "grades": row[3], "counts": counts,
                   "provenance_counts": sources, "unanswered": sources["unanswered"]},
        **groups,
        "verification": school_verification(db, run["id"], row[1]),  # issue 20: its self-reports checked
    }
