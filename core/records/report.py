"""Reports from the assessment records: per school, per requirement, region
findings, and what changed since the region's previous run.

Counts are stored when a run is written: per requirement
(``requirement_counts``) and per school (``schools.counts``); only the rows
a reader needs -- required items not met, region findings -- are read one
by one.  For the JSON report of a province, SQLite writes each school's
line itself (:func:`iter_school_json`): two cursors ordered by school id,
with no Python object per finding."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import sqlite_utils

from xinli.core.assessment.statuses import PROVENANCE_NAMES, STATUS_NAMES, STATUSES, Status
from xinli.core.errors import XinliError
from xinli.core.records.database import detail_sql, json_column, observed_sql
from xinli.core.records.verification import verification_stats
from xinli.core.vocabulary import OPTIONAL_LEVELS

REPORT_SCHEMA = "xinli.report/3"


def list_runs(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Every recorded run, newest first, with its counts by status and by
    provenance and status (``provenance_counts``) and the period its facts
    cover (a run recorded before issue 20: no period, every count
    measured)."""
    present = {row[1] for row in db.execute("PRAGMA table_info(runs)")}
    extra = ", provenance_counts, period" if "provenance_counts" in present else ", null, null"
    rows = db.execute(
        "select id, region, as_of, created, facts_file, facts_sha256, schools, findings, counts, plugins"
        f"{extra} from runs order by id desc"
    ).fetchall()
    return [
        {
            "id": r[0], "region": r[1], "as_of": r[2], "created": r[3], "facts_file": r[4], "facts_sha256": r[5],
            "schools": r[6], "findings": r[7], "counts": json_column(r[8], f"runs {r[0]}.counts", dict, {}),
            "plugins": json_column(r[9], f"runs {r[0]}.plugins", dict, {}),
            "provenance_counts": (json_column(r[10], f"runs {r[0]}.provenance_counts", dict, {}) if r[10]
                                  else {"measured": json_column(r[8], f"runs {r[0]}.counts", dict, {})}),
            "period": r[11],
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
                change_limit: int = 1000, stream_schools: bool = False) -> dict[str, Any]:
    """The report of one run (default: the newest) as plain data.

    ``stream_schools`` leaves ``schools`` as an iterator of each school's
    entry already encoded as one line of JSON (:func:`iter_school_json`,
    for the streamed JSON report of a province); otherwise it is a list of
    dicts.

    ``compare_to`` (default: the same region's previous run) adds
    ``changes``: findings whose status differs between the two runs.
    """
    run = _run(db, run_id)
    rid = run["id"]
    counts_by_requirement: dict[int, dict[str, int]] = {}
    met_by_provenance: dict[int, dict[str, int]] = {}  # met and adopted findings, by how they were established
    for requirement, status, provenance, count in db.execute(
        "select requirement, status, provenance, n from requirement_counts "
        "where requirement in (select id from requirements where run_id = ?)",
        [rid],
    ):
        counts_by_requirement.setdefault(requirement, dict.fromkeys(STATUSES, 0))[STATUS_NAMES[status]] += count
        if status in (Status.MET, Status.ADOPTED, Status.NOT_MET, Status.NOT_ADOPTED, Status.NOT_APPLICABLE):
            named = met_by_provenance.setdefault(requirement, {})
            key = f"{STATUS_NAMES[status]}:{PROVENANCE_NAMES[provenance]}"
            named[key] = named.get(key, 0) + count
    requirements = []
    for row in db.execute(
        "select id, requirement_id, scope, level, text_zh, text_en, expected, document, clause "
        "from requirements where run_id = ? order by id",
        [rid],
    ).fetchall():
        counts = counts_by_requirement.get(row[0], dict.fromkeys(STATUSES, 0))
        # shares met count required/recommended findings only: adopted or not is never a failure
        decided = counts["met"] + counts["not_met"] + counts["unknown"]
        considered = counts["adopted"] + counts["not_adopted"]
        requirements.append(
            {
                "requirement_id": row[1], "scope": row[2], "level": row[3], "text": {"zh": row[4], "en": row[5]},
                "expected": row[6], "document": row[7], "clause": row[8], "counts": counts,
                # a recommended, encouraged or permitted item is adopted or not: it never shows a share "met" (0% would mislead)
                "share_met": (round(counts["met"] / decided, 4)
                              if decided and row[3] not in OPTIONAL_LEVELS and row[3] != "recommended" else None),
                "share_adopted": round(counts["adopted"] / considered, 4) if considered else None,
                # e.g. {"met:self_reported": 20, "met:verified": 3}: a share met never mixes them unsaid
                "by_provenance": dict(sorted(met_by_provenance.get(row[0], {}).items())),
            }
        )
    region_findings = [
        {"requirement_id": r[0], "level": r[1], "status": STATUS_NAMES[r[2]], "expected": r[3], "observed": r[4],
         "detail": r[5], "document": r[6], "clause": r[7], "provenance": PROVENANCE_NAMES.get(r[8] or 1),
         "duty_holder": r[9]}
        for r in db.execute(
            f"""
            select r.requirement_id, r.level, f.status, r.expected, {observed_sql("f", "r", school=False)},
                   {detail_sql("f", "r")}, r.document, r.clause, f.provenance, r.duty_holder
            from requirements r join run_findings f on f.requirement = r.id
            where r.run_id = ? and r.scope != 'school' order by r.id
            """,
            [rid],
        ).fetchall()
    ]
    data: dict[str, Any] = {
        "schema": REPORT_SCHEMA,
        "run": run,
        "requirements": requirements,
        "region_findings": region_findings,
        # issue 20: self-reports verified by attestations and how many disagreed (the trust figure)
        "verification": verification_stats(db, rid),
        "schools": iter_school_json(db, rid) if stream_schools else list(iter_schools(db, rid)),
        "changes": None,
    }
    other = compare_to if compare_to is not None else previous_run_id(db, run)
    if other is not None:
        data["changes"] = changes_between(db, _run(db, other), run, change_limit)
    return data


def school_span(db: sqlite_utils.Database, run_id: int) -> tuple[int | None, int | None]:
    """The first and last row ids of a run's schools (written consecutively),
    so findings can be read by a range of the findings index."""
    return db.execute("select min(id), max(id) from schools where run_id = ?", [run_id]).fetchone()


def iter_schools(db: sqlite_utils.Database, run_id: int) -> Iterator[dict[str, Any]]:
    """Each school of a run that has findings, in input order, with its
    counts by status (stored with the run) and the required items it does
    not meet.  Two cursors ordered by school are read side by side, so a
    province's schools are produced one at a time."""
    schools = db.conn.execute("select id, school_id, school_name, counts, provenance_counts from schools "
                              "where run_id = ? and counts is not null order by id", [run_id])
    first, last = school_span(db, run_id)
    not_met = db.conn.execute(
        f"""
        select f.school, r.requirement_id, r.expected, {observed_sql("f", "r", school=True)}, r.document, r.clause
        from findings_of_schools f cross join requirements r on r.id = f.requirement
        where f.school between ? and ? and f.status = {Status.NOT_MET:d} and r.level = 'required'
        order by f.school, r.id
        """,
        [first, last],
    )
    pending_miss = next(not_met, None)
    for sid, school_id, name, stored, sources in schools:  # a school without findings has no counts and is not listed
        tally = json_column(stored, f"schools {sid}.counts", dict, {})
        missed = []
        while pending_miss is not None and pending_miss[0] <= sid:
            if pending_miss[0] == sid:
                _, req_id, expected, observed, document, clause = pending_miss
                missed.append({"requirement_id": req_id, "expected": expected, "observed": observed,
                               "document": document, "clause": clause})
            pending_miss = next(not_met, None)
        yield {"school_id": school_id, "school_name": name, "counts": tally,
               "provenance_counts": json_column(sources, f"schools {sid}.provenance_counts", dict, {}) if sources else {},
               "required_not_met": missed}


class JsonText(str):
    """Text that is already JSON (SQLite's json functions wrote it); a
    renderer writes it as it is."""


def school_json_queries(run_id: int, first: int, last: int) -> dict[str, tuple[str, list[Any]]]:
    """The two queries behind :func:`iter_school_json`, with their
    arguments, for schools with ids ``first``..``last`` (a run's schools are
    written with consecutive ids; the first query keeps only the run's own).
    Each is answered in school order from the primary key or the findings
    index (school, status, requirement, observed), with no sort."""
    missed = (f"json_object('requirement_id', r.requirement_id, 'expected', r.expected, "
              f"'observed', {observed_sql('f', 'r', school=True)}, 'document', r.document, 'clause', r.clause)")
    return {
        # a school's id, name and its counts stored with the run; a school without findings has none and is not listed
        "schools": ("""select id, '{"school_id":' || json_quote(school_id) || ',"school_name":' || json_quote(school_name) """
                    """|| ',"counts":' || json(counts) || ',"provenance_counts":' || coalesce(json(provenance_counts), '{}') """
                    "from schools "
                    "where id between ? and ? and +run_id = ? and counts is not null order by id", [first, last, run_id]),
        # within a school and status the index orders findings by requirement (row ids follow the rules' order)
        "not met": (f"select f.school, json_group_array({missed}) from findings_of_schools f cross join requirements r "
                    f"on r.id = f.requirement where f.school between ? and ? and f.status = {Status.NOT_MET:d} "
                    "and r.level = 'required' group by f.school order by f.school", [first, last]),
    }


def iter_school_json(db: sqlite_utils.Database, run_id: int) -> Iterator[JsonText]:
    """Each school of a run that has findings, in input order, as one line
    of JSON (:class:`JsonText`) with the same content as
    :func:`iter_schools`: id, name, counts by status and the required items
    not met.  SQLite encodes every value; Python only joins two cursors
    ordered by school id, so a province's 100,000 schools take a couple of
    seconds."""
    first, last = school_span(db, run_id)
    if first is None:
        return
    queries = school_json_queries(run_id, first, last)
    schools, not_met = (db.conn.execute(sql, args) for sql, args in queries.values())
    pending = next(not_met, None)
    for sid, head in schools:
        while pending is not None and pending[0] < sid:
            pending = next(not_met, None)
        missed = pending[1] if pending is not None and pending[0] == sid else "[]"
        yield JsonText(f'{head},"required_not_met":{missed}}}')


def _status_grid(db: sqlite_utils.Database, run_id: int, columns: dict[str, int]) -> dict[str, bytearray]:
    """One run's statuses as a compact grid: for each school id (``""`` for
    region findings) a bytearray with one status code per requirement
    column (0 = no finding).  Streams the rows, so a province's millions of
    findings cost a few bytes each."""
    names = dict(db.execute("select id, requirement_id from requirements where run_id = ?", [run_id]).fetchall())
    for requirement_id in names.values():
        columns.setdefault(requirement_id, len(columns))
    schools = dict(db.execute("select id, school_id from schools where run_id = ?", [run_id]).fetchall())
    width = len(columns)
    grid: dict[str, bytearray] = {}
    # status codes are stored as the grid's codes (1..n, 0 = no finding)
    for school, requirement, status in db.execute(
        "select f.school, f.requirement, f.status from schools s join findings_of_schools f on f.school = s.id "
        "where s.run_id = ? union all select null, f.requirement, f.status from requirements r "
        "join run_findings f on f.requirement = r.id where r.run_id = ? and r.scope != 'school'",
        [run_id, run_id],
    ):
        key = schools[school] if school is not None else ""
        row = grid.get(key)
        if row is None:
            row = grid[key] = bytearray(width)
        row[columns[names[requirement]]] = status
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
            was = STATUS_NAMES[before_row[index]] if before_row[index] else None
            now = STATUS_NAMES[after_row[index]] if after_row[index] else None
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
