"""Reports from the assessment records: per school, per requirement, region
findings, and what changed since the region's previous run."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from xinli.core.assessment.assess import STATUSES
from xinli.core.errors import XinliError

REPORT_SCHEMA = "xinli.report/2"


def list_runs(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Every recorded run, newest first."""
    rows = db.execute(
        "select id, region, as_of, created, facts_file, facts_sha256, schools, findings, counts, plugins "
        "from runs order by id desc"
    ).fetchall()
    return [
        {
            "id": r[0], "region": r[1], "as_of": r[2], "created": r[3], "facts_file": r[4], "facts_sha256": r[5],
            "schools": r[6], "findings": r[7], "counts": json.loads(r[8] or "{}"), "plugins": json.loads(r[9] or "{}"),
        }
        for r in rows
    ]


def _run(db: sqlite_utils.Database, run_id: int | None) -> dict[str, Any]:
    runs = list_runs(db)
    if not runs:
        raise XinliError("the database holds no runs yet; run `xinli assess` first")
    if run_id is None:
        return runs[0]
    for run in runs:
        if run["id"] == run_id:
            return run
    raise XinliError(f"no run {run_id}; runs in this database: {', '.join(str(r['id']) for r in runs)}")


def previous_run_id(db: sqlite_utils.Database, run: dict[str, Any]) -> int | None:
    """The region's run recorded just before ``run``, if any."""
    row = db.execute("select max(id) from runs where region = ? and id < ?", [run["region"], run["id"]]).fetchone()
    return row[0] if row and row[0] is not None else None


def report_data(db: sqlite_utils.Database, run_id: int | None = None, compare_to: int | None = None,
                change_limit: int = 1000) -> dict[str, Any]:
    """The report of one run (default: the newest) as plain data.

    ``compare_to`` (default: the same region's previous run) adds
    ``changes``: findings whose status differs between the two runs.
    """
    run = _run(db, run_id)
    rid = run["id"]
    requirements = []
    for row in db.execute(
        """
        select r.requirement_id, r.scope, r.level, r.text_zh, r.text_en, r.expected, r.document, r.clause, """
        + ", ".join(f"sum(f.status = '{status}')" for status in STATUSES) + """
        from requirements r left join findings f on f.requirement = r.id
        where r.run_id = ? group by r.id order by r.id
        """,
        [rid],
    ).fetchall():
        counts = dict(zip(STATUSES, (n or 0 for n in row[8:8 + len(STATUSES)]), strict=True))
        # shares met count required/recommended findings only: adopted or not is never a failure
        decided = counts["met"] + counts["not_met"] + counts["unknown"]
        considered = counts["adopted"] + counts["not_adopted"]
        requirements.append(
            {
                "requirement_id": row[0], "scope": row[1], "level": row[2], "text": {"zh": row[3], "en": row[4]},
                "expected": row[5], "document": row[6], "clause": row[7], "counts": counts,
                "share_met": round(counts["met"] / decided, 4) if decided else None,
                "share_adopted": round(counts["adopted"] / considered, 4) if considered else None,
            }
        )
    schools: dict[int, dict[str, Any]] = {}
    for sid, school_id, name, status, count in db.execute(
        """
        select s.id, s.school_id, s.school_name, f.status, count(*)
        from schools s join findings f on f.school = s.id
        where s.run_id = ? group by s.id, f.status order by s.id
        """,
        [rid],
    ).fetchall():
        entry = schools.setdefault(
            sid, {"school_id": school_id, "school_name": name, "counts": dict.fromkeys(STATUSES, 0), "required_not_met": []}
        )
        entry["counts"][status] = count
    for sid, req_id, expected, observed, document, clause in db.execute(
        """
        select f.school, r.requirement_id, r.expected, f.observed, r.document, r.clause
        from findings f join requirements r on r.id = f.requirement
        where f.run_id = ? and f.status = 'not_met' and r.level = 'required' and f.school is not null
        order by f.school, r.id
        """,
        [rid],
    ).fetchall():
        schools[sid]["required_not_met"].append(
            {"requirement_id": req_id, "expected": expected, "observed": observed, "document": document, "clause": clause}
        )
    region_findings = [
        {"requirement_id": r[0], "level": r[1], "status": r[2], "expected": r[3], "observed": r[4], "detail": r[5],
         "document": r[6], "clause": r[7]}
        for r in db.execute(
            """
            select r.requirement_id, r.level, f.status, r.expected, f.observed, f.detail, r.document, r.clause
            from findings f join requirements r on r.id = f.requirement
            where f.run_id = ? and f.school is null order by r.id
            """,
            [rid],
        ).fetchall()
    ]
    data: dict[str, Any] = {
        "schema": REPORT_SCHEMA,
        "run": run,
        "requirements": requirements,
        "region_findings": region_findings,
        "schools": list(schools.values()),
        "changes": None,
    }
    other = compare_to if compare_to is not None else previous_run_id(db, run)
    if other is not None:
        data["changes"] = changes_between(db, _run(db, other), run, change_limit)
    return data


def _status_grid(db: sqlite_utils.Database, run_id: int, columns: dict[str, int]) -> dict[str, bytearray]:
    """One run's statuses as a compact grid: for each school id (``""`` for
    region findings) a bytearray with one status code per requirement
    column (0 = no finding).  Streams the rows, so a province's millions of
    findings cost a few bytes each."""
    names = dict(db.execute("select id, requirement_id from requirements where run_id = ?", [run_id]).fetchall())
    for requirement_id in names.values():
        columns.setdefault(requirement_id, len(columns))
    schools = dict(db.execute("select id, school_id from schools where run_id = ?", [run_id]).fetchall())
    codes = {status: i + 1 for i, status in enumerate(STATUSES)}
    width = len(columns)
    grid: dict[str, bytearray] = {}
    for school, requirement, status in db.execute(
        "select school, requirement, status from findings where run_id = ?", [run_id]
    ):
        key = schools[school] if school is not None else ""
        row = grid.get(key)
        if row is None:
            row = grid[key] = bytearray(width)
        row[columns[names[requirement]]] = codes[status]
    return grid


def changes_between(db: sqlite_utils.Database, before: dict[str, Any], after: dict[str, Any], limit: int) -> dict[str, Any]:
    """Findings whose status differs between two runs of one region: each
    run is read once into a compact grid and the grids are compared."""
    if before["region"] != after["region"]:
        raise XinliError(f"runs {before['id']} and {after['id']} are of different regions; compare runs of one region")
    columns: dict[str, int] = {}
    old = _status_grid(db, before["id"], columns)
    new = _status_grid(db, after["id"], columns)
    requirement_ids = sorted(columns, key=columns.get)
    width = len(columns)
    rows: list[tuple[str, str, str | None, str | None]] = []
    summary: dict[str, int] = {}
    total = 0
    for school in sorted(old.keys() | new.keys()):
        before_row = old.get(school, bytearray(width)).ljust(width, b"\0")
        after_row = new.get(school, bytearray(width)).ljust(width, b"\0")
        if before_row == after_row:
            continue
        for index in range(width):
            if before_row[index] == after_row[index]:
                continue
            was = STATUSES[before_row[index] - 1] if before_row[index] else None
            now = STATUSES[after_row[index] - 1] if after_row[index] else None
            total += 1
            key = f"{was or 'absent'} -> {now or 'absent'}"
            summary[key] = summary.get(key, 0) + 1
            if len(rows) < limit:
                rows.append((school, requirement_ids[index], was, now))
    return {
        "from_run": before["id"],
        "to_run": after["id"],
        "total": total,
        "summary": dict(sorted(summary.items())),
        "changed": [
            {"school_id": school or None, "requirement_id": req, "before": was, "after": now}
            for school, req, was, now in sorted(rows, key=lambda r: (r[0], r[1]))
        ],
        "truncated": total > limit,
    }
