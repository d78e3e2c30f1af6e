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
    the disagreement rate (None when nothing was verified), the findings
    still resting on a self-report alone, the verified findings that had no
    self-report, and each disagreement.  None for a run recorded before
    findings carried a provenance.

    Verified findings are few (spot checks) while a province has millions
    of findings, so they are found from the per-requirement counts and the
    attestations, and only the attested schools' findings are read."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(findings)")}
    if "provenance" not in columns:
        return None
    from xinli.core.assessment.statuses import Provenance

    run = db.execute("select region, as_of, fact_columns, provenance_counts from runs where id = ?", [run_id]).fetchone()
    if run is None:
        return None
    region, as_of, fact_columns, provenance_counts = run
    stored = json.loads(provenance_counts) if provenance_counts else {}
    self_reported = sum(stored.get("self_reported", {}).values())
    out: dict[str, Any] = {"verified": 0, "disagreed": 0, "disagreement_rate": None, "self_reported": self_reported,
                           "verified_without_self_report": 0, "schools": [], "items": [], "disagreements": []}
    total = db.execute("select coalesce(sum(n), 0) from requirement_counts where provenance = ? and requirement in "
                       "(select id from requirements where run_id = ?)", [int(Provenance.VERIFIED), run_id]).fetchone()[0]
    if not total:
        return out
    keys = json.loads(fact_columns) if fact_columns else []
    position = {key: i for i, key in enumerate(keys)}
    attested = [row[0] for row in db.execute(
        "select distinct school_id from attestations where region = ? and checked_on <= ? order by school_id",
        [region, as_of])]
    schools: dict[str, dict[str, int]] = {}
    items: dict[str, dict[str, int]] = {}
    for school_id in attested:
        row = db.execute("select id, facts from schools where run_id = ? and school_id = ?", [run_id, school_id]).fetchone()
        if row is None:
            continue
        for requirement_id, answer, name in _verified_findings(db, row[0], row[1], position):
            if answer is None:
                out["verified_without_self_report"] += 1
                continue
            ok = agrees(answer, name)
            out["verified"] += 1
            out["disagreed"] += not ok
            for table, key in ((schools, school_id), (items, requirement_id)):
                entry = table.setdefault(key, {"verified": 0, "disagreed": 0})
                entry["verified"] += 1
                entry["disagreed"] += not ok
            if not ok:
                out["disagreements"].append({"school_id": school_id, "requirement_id": requirement_id,
                                             "self_report": _answer_text(answer), "verified": name})
    if out["verified"]:
        out["disagreement_rate"] = round(out["disagreed"] / out["verified"], 4)
    out["schools"] = [{"school_id": k, **v} for k, v in schools.items()]
    out["items"] = [{"requirement_id": k, **v} for k, v in sorted(items.items())]
    return out


def _verified_findings(db: sqlite_utils.Database, school_row: int, facts: str | None, position: dict[str, int]
                       ) -> list[tuple[str, Any, str]]:
    """``(requirement id, the school's own answer or None, verified status
    name)`` of each verified finding of one school row."""
    from xinli.core.assessment.statuses import STATUS_NAMES, Provenance

    loaded = json.loads(facts) if facts else []
    values = loaded if isinstance(loaded, list) else []
    out = []
    for requirement_id, status in db.execute(
            "select r.requirement_id, f.status from findings_of_schools f join requirements r on r.id = f.requirement "
            "where f.school = ? and f.provenance = ? order by r.id", [school_row, int(Provenance.VERIFIED)]):
        index = position.get(f"self:{requirement_id}")
        answer = values[index] if index is not None and index < len(values) else None
        out.append((requirement_id, answer, STATUS_NAMES.get(status, status)))
    return out


def school_verification(db: sqlite_utils.Database, run_id: int, school_id: str) -> dict[str, Any] | None:
    """One school's verification figures in a run: ``{"verified": n,
    "disagreed": m, "disagreements": [...]}`` over its self-reports an
    inspector checked; None for a run recorded before provenance."""
    if "provenance" not in {row[1] for row in db.execute("PRAGMA table_info(findings)")}:
        return None
    run = db.execute("select fact_columns from runs where id = ?", [run_id]).fetchone()
    row = db.execute("select id, facts from schools where run_id = ? and school_id = ?", [run_id, school_id]).fetchone()
    if run is None or row is None:
        return None
    position = {key: i for i, key in enumerate(json.loads(run[0]) if run[0] else [])}
    out: dict[str, Any] = {"verified": 0, "disagreed": 0, "disagreements": []}
    for requirement_id, answer, name in _verified_findings(db, row[0], row[1], position):
        if answer is None:
            continue
        out["verified"] += 1
        if not agrees(answer, name):
            out["disagreed"] += 1
            out["disagreements"].append({"requirement_id": requirement_id, "self_report": _answer_text(answer),
                                         "verified": name})
    return out
