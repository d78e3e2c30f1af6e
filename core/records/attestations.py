"""Manual checks recorded against the assessment records (``xinli attest``).

An item with no machine check is one ``manual`` row per run, the region's
list of what to verify by hand.  When someone has verified it at a school,
an attestation records who checked, when, the result and an evidence note;
the next assessment shows that school's finding from it.  Attestations live
in their own table (migration ``m004_attestations``) and are only added,
never changed: a later attestation supersedes an earlier one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

import sqlite_utils

from xinli.core.errors import XinliError

#: What a manual check can conclude.
RESULTS = ("met", "not_met")


def record_attestation(db: sqlite_utils.Database, region: str, school_id: str, requirement_id: str, checked_by: str,
                       checked_on: dt.date, result: str, evidence: str | None = None) -> int:
    """Add one attestation and return its id.  ``checked_by`` names an
    office or role (never a private person's phone or ID number)."""
    from xinli.core.rules.validate import find_personal_data

    if result not in RESULTS:
        raise XinliError(f"result must be one of {', '.join(RESULTS)}, not {result!r}")
    for what, text in (("school", school_id), ("checked by", checked_by), ("evidence", evidence or "")):
        if not text.strip() and what != "evidence":
            raise XinliError(f"{what} is empty")
        if find_personal_data(text):
            raise XinliError(f"{what} looks like personal data (a phone or ID-card number); record an office or role instead")
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        cursor = conn.execute(
            "insert into attestations (region, school_id, requirement_id, checked_by, checked_on, result, evidence, recorded) "
            "values (?, ?, ?, ?, ?, ?, ?, ?)",
            [region, school_id.strip(), requirement_id, checked_by.strip(), checked_on.isoformat(), result, evidence or None,
             dt.datetime.now(dt.UTC).isoformat(timespec="seconds")],
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return cursor.lastrowid


def attestations_for(db: sqlite_utils.Database, region: str, as_of: dt.date) -> dict[tuple[str, str], dict[str, Any]]:
    """The latest attestation on or before ``as_of`` for each (school id,
    requirement id) of ``region``."""
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    for school_id, requirement_id, checked_by, checked_on, result, evidence in db.execute(
        "select school_id, requirement_id, checked_by, checked_on, result, evidence from attestations "
        "where region = ? and checked_on <= ? order by checked_on, id",
        [region, as_of.isoformat()],
    ):
        latest[(school_id, requirement_id)] = {"checked_by": checked_by, "checked_on": checked_on, "result": result,
                                               "evidence": evidence}
    return latest


def attestations_digest(attestations: dict[tuple[str, str], dict[str, Any]]) -> str:
    """A hash of the attestations a run uses, so a new attestation makes a new run."""
    rows = sorted((k[0], k[1], v["checked_by"], v["checked_on"], v["result"], v["evidence"] or "") for k, v in attestations.items())
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()
