"""How far a region's self-inspection can be trusted: the self-reports an
inspector verified (``xinli attest``) and how many of them the check
contradicted.

A school answers each duty without a machine check in its 自查 columns
(``self:<requirement id>`` in the run's fact columns: yes, no or 不适用);
an attestation then makes that finding ``verified``.  For each verified
finding the school's own answer is read back from the facts the run
stored: it agrees when the school said yes and the check found the item
met (or adopted), or said no and the check found it not met; any other
pair (a yes found not met, a 不适用 the inspector checked) disagrees.  The
share of verified self-reports that disagree is the region's trust figure
(自查与核查不一致率).  Verified findings without a self-report are counted
apart and never in the rate.
"""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

#: Statuses a check gives that confirm a "yes" answer, and those that confirm a "no".
CONFIRMS_YES = ("met", "adopted")
CONFIRMS_NO = ("not_met", "not_adopted")


def agrees(answer: Any, status: str) -> bool:
    """True when the school's answer (True, False or ``"na"``) is what the
    check found (``status``)."""
    if answer is True:
        return status in CONFIRMS_YES
    if answer is False:
        return status in CONFIRMS_NO
    return False


def _answer_text(answer: Any) -> str:
    return {True: "yes", False: "no", "na": "not_applicable"}.get(answer, str(answer))


def verification_stats(db: sqlite_utils.Database, run_id: int) -> dict[str, Any] | None:
    """The run's verification figures: overall, per school and per item,
    how many self-reports were verified and how many of those disagreed,
    the disagreement rate (None when nothing was verified), the verified
    findings that had no self-report, and each disagreement.  None for a
    run recorded before findings carried a provenance."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(findings)")}
    if "provenance" not in columns:
        return None
    from xinli.core.assessment.statuses import STATUS_NAMES, Provenance

    row = db.execute("select fact_columns from runs where id = ?", [run_id]).fetchone()
    keys = json.loads(row[0]) if row and row[0] else []
    position = {key: i for i, key in enumerate(keys)}
    schools: dict[str, dict[str, int]] = {}
    items: dict[str, dict[str, int]] = {}
    disagreements = []
    verified = disagreed = without = 0
    facts_cache: dict[int, list[Any]] = {}
    for school_row, school_id, facts, requirement_id, status in db.execute(
        "select s.id, s.school_id, s.facts, r.requirement_id, f.status from findings f "
        "join schools s on s.id = f.school join requirements r on r.id = f.requirement "
        "where f.run_id = ? and f.provenance = ? and f.school is not null order by s.id, r.id",
        [run_id, int(Provenance.VERIFIED)],
    ):
        values = facts_cache.get(school_row)
        if values is None:
            loaded = json.loads(facts) if facts else []
            values = facts_cache[school_row] = loaded if isinstance(loaded, list) else []
        index = position.get(f"self:{requirement_id}")
        answer = values[index] if index is not None and index < len(values) else None
        if answer is None:
            without += 1
            continue
        name = STATUS_NAMES.get(status, status)
        ok = agrees(answer, name)
        verified += 1
        disagreed += not ok
        for table, key in ((schools, school_id), (items, requirement_id)):
            entry = table.setdefault(key, {"verified": 0, "disagreed": 0})
            entry["verified"] += 1
            entry["disagreed"] += not ok
        if not ok:
            disagreements.append({"school_id": school_id, "requirement_id": requirement_id,
                                  "self_report": _answer_text(answer), "verified": name})
    return {
        "verified": verified,
        "disagreed": disagreed,
        "disagreement_rate": round(disagreed / verified, 4) if verified else None,
        "verified_without_self_report": without,
        "schools": [{"school_id": k, **v} for k, v in schools.items()],
        "items": [{"requirement_id": k, **v} for k, v in sorted(items.items())],
        "disagreements": disagreements,
    }


def school_verification(stats: dict[str, Any] | None, school_id: str) -> dict[str, int]:
    """One school's ``{"verified": n, "disagreed": m}`` from
    :func:`verification_stats` (zeros when none of its answers was checked)."""
    for entry in (stats or {}).get("schools", []):
        if entry["school_id"] == school_id:
            return {"verified": entry["verified"], "disagreed": entry["disagreed"]}
    return {"verified": 0, "disagreed": 0}
