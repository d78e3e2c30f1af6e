"""Roll-up records: reading a source database's run (read-only) and writing
and reading the roll-up tables of the target database.

Every SQL statement about roll-ups lives here, so a change in how findings
are stored touches one module.  Sources are opened with
:func:`xinli.core.records.database.open_readonly` and never written.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from collections.abc import Iterator
from typing import Any

import sqlite_utils

from xinli.core.assessment.statuses import (
    PROVENANCE_MASK,
    PROVENANCE_NAMES,
    PROVENANCE_SHIFT,
    REQUIREMENT_SHIFT,
    STATUS_MASK,
    STATUS_NAMES,
    STATUSES,
)
from xinli.core.errors import Refusal, Said, XinliError
from xinli.core.records.database import json_column

ROLLUP_REPORT_SCHEMA = "xinli.rollup-report/1"
DECIDED = ("met", "not_met", "unknown")


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"pragma table_info({table})")}


def source_run(conn: sqlite3.Connection, run_id: int | None, name: str) -> dict[str, Any]:
    """One run's provenance from a source database: the newest run, or
    ``run_id``.  ``name`` (the file) is used in error messages."""
    waivers = "waivers_sha256" if "waivers_sha256" in _columns(conn, "runs") else "null"
    query = (f"select id, region, run_key, plugins, facts_sha256, {waivers}, rules_sha256, as_of, created, schools, "
             "findings, counts from runs ")
    if run_id is None:
        row = conn.execute(query + "order by id desc limit 1").fetchone()
        if row is None:
            raise XinliError(f"{name}: the database holds no assessment runs")
    else:
        row = conn.execute(query + "where id = ?", [run_id]).fetchone()
        if row is None:
            ids = ", ".join(str(r[0]) for r in conn.execute("select id from runs order by id")) or "none"
            raise XinliError(f"{name}: no run {run_id}; runs in this database: {ids}")
    where = f"{name}: runs {row[0]}"
    return {
        "source_run": row[0], "region": row[1], "run_key": row[2],
        "plugins": json_column(row[3], f"{where}.plugins", dict, {}),
        "facts_sha256": row[4], "waivers_sha256": row[5], "rules_sha256": row[6], "as_of": row[7], "created": row[8],
        "schools": row[9], "findings": row[10], "counts": json_column(row[11], f"{where}.counts", dict, {}),
    }


def inconsistent(name: str, run: Any, key: str, **values: Any) -> Refusal:
    """The error refusing a source whose records contradict themselves."""
    return Refusal("source_inconsistent", path=name, run=run, reason=Said(key, **values))


def packed_findings(conn: sqlite3.Connection) -> bool:
    """True when a source stores findings packed on its school rows
    (``m009_packed_findings``); an older source has a findings table."""
    return conn.execute("select 1 from sqlite_master where type = 'table' and name = 'run_findings'").fetchone() is not None


def _recount(conn: sqlite3.Connection, run_id: int) -> list[tuple[int, Any, int, int]]:
    """``(requirement row, status, provenance code, n)`` counted from the
    run's findings themselves, read from the tables (never a source's
    views): its schools' packed codes (:func:`_recount_packed`; codes that
    are not what xinli writes refuse the source) and its own findings.  A
    source written before findings were
    packed (m009) is counted from its findings table, and one written before
    findings carried their provenance (m007) counts everything as measured."""
    if packed_findings(conn):
        return _recount_packed(conn, run_id)
    if conn.execute("select 1 from sqlite_master where type = 'table' and name = 'findings'").fetchone() is None:
        raise sqlite3.DatabaseError("no findings table")
    has_provenance = "provenance" in {r[1] for r in conn.execute("pragma table_info(findings)")}
    provenance = "coalesce(f.provenance, 1)" if has_provenance else "1"
    return conn.execute(
        f"select f.requirement, f.status, {provenance}, count(*) from schools s join findings f on f.school = s.id "
        "where s.run_id = ? group by 1, 2, 3 "
        "union all "
        f"select f.requirement, f.status, {provenance}, count(*) from findings f where f.school is null "
        "and f.requirement in (select id from requirements where run_id = ?) group by 1, 2, 3",
        [run_id, run_id]).fetchall()


#: What a recount gives for a source whose packed findings are not what
#: xinli writes: a requirement row no run has, so the source is refused.
_UNREADABLE = [(-1, 0, 1, 1)]


def _recount_packed(conn: sqlite3.Connection, run_id: int) -> list[tuple[int, Any, int, int]]:
    """:func:`_recount` of a source storing findings packed (m009): each
    school's codes parsed and counted, then each distinct code decoded once
    (a province's schools share a few thousand), and the run's own
    findings counted by SQLite.  Codes that are not a JSON array of
    non-negative integers give :data:`_UNREADABLE`."""
    row = conn.execute("select first_requirement from runs where id = ?", [run_id]).fetchone()
    first = row[0] if row else None
    if type(first) is not int:
        return _UNREADABLE
    counted: Counter[Any] = Counter()
    for (text,) in conn.execute("select finding_codes from schools where run_id = ? and finding_codes is not null",
                                [run_id]):
        try:
            codes = json.loads(text)
            if type(codes) is not list:
                return _UNREADABLE
            counted.update(codes)
        except (TypeError, ValueError, RecursionError):  # not JSON, or a list or object where a code belongs
            return _UNREADABLE
    totals: Counter[tuple[int, int, int]] = Counter()
    for code, n in counted.items():
        if type(code) is not int or code < 0:
            return _UNREADABLE
        totals[first + (code >> REQUIREMENT_SHIFT), code & STATUS_MASK,
               (code >> PROVENANCE_SHIFT) & PROVENANCE_MASK or 1] += n
    own = conn.execute("select requirement, status, coalesce(provenance, 1), count(*) from run_findings "
                       "where run_id = ? group by 1, 2, 3", [run_id]).fetchall()
    return [(*key, n) for key, n in totals.items()] + own


def verify_totals(items: list[dict[str, Any]], meta: dict[str, Any], name: str, run: Any,
                  schools: int | None = None) -> None:
    """Refuse a source whose provenance contradicts its per-requirement
    counts: findings and counts by status that are not their sums, a count
    that is not a whole number of at least 0, or a requirement counting
    more school findings than there are schools."""
    totals: dict[str, int] = {}
    for item in items:
        for status in STATUSES:
            value = item.get(status) or 0
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise inconsistent(name, run, "why_negative", requirement=item["requirement_id"])
            totals[status] = totals.get(status, 0) + value
        if item.get("scope") == "school" and schools is not None:
            total = sum(item.get(status) or 0 for status in STATUSES)
            if total > schools:
                raise inconsistent(name, run, "why_item_over_schools", requirement=item["requirement_id"], total=total,
                                   schools=schools)
    found = sum(totals.values())
    if meta.get("findings") != found:
        raise inconsistent(name, run, "why_findings", stored=meta.get("findings"), actual=found)
    stored = {k: v for k, v in (meta.get("counts") or {}).items() if v}
    actual = {k: v for k, v in totals.items() if v}
    if stored != actual:
        raise inconsistent(name, run, "why_totals", stored=json.dumps(stored, sort_keys=True),
                           actual=json.dumps(actual, sort_keys=True))


def source_items(conn: sqlite3.Connection, run_id: int, meta: dict[str, Any] | None = None,
                 name: str = "the source") -> list[dict[str, Any]]:
    """Each requirement of a source run with its counts by status and, for
    a region-scope requirement, the source's own region finding.

    The counts are recounted from the findings themselves, never believed:
    where the run stored its counts (``requirement_counts``) they must
    agree, and with ``meta`` (the run's provenance, :func:`source_run`) its
    numbers of schools and findings and its counts by status must too;
    otherwise the source is refused with the reason (a named
    :class:`Refusal`)."""
    by_row: dict[int, dict[str, Any]] = {}
    for row in conn.execute(
        "select id, requirement_id, scope, level, jurisdiction, text_zh, text_en, expected, document, clause, quote "
        "from requirements where run_id = ? order by id",
        [run_id],
    ):
        by_row[row[0]] = {
            "requirement_id": row[1], "scope": row[2], "level": row[3], "jurisdiction": row[4], "text_zh": row[5],
            "text_en": row[6], "expected": row[7], "document": row[8], "clause": row[9], "quote": row[10],
            **dict.fromkeys(STATUSES, 0), "status": None, "observed": None, "detail": None, "provenance_counts": {},
        }
    for requirement, status, provenance, count in _recount(conn, run_id):
        # a status is a code since m005_compact_findings; a source not yet migrated stores its name
        status = STATUS_NAMES.get(status, status)
        if requirement not in by_row or status not in by_row[requirement] or provenance not in PROVENANCE_NAMES:
            raise inconsistent(name, run_id, "why_counts", requirement=requirement, stored="-", actual=count)
        item = by_row[requirement]
        item[status] += count
        # counts by provenance travel upward: "met:self_reported" is never added to "met:verified" unsaid
        key = f"{status}:{PROVENANCE_NAMES[provenance]}"
        item["provenance_counts"][key] = item["provenance_counts"].get(key, 0) + count
    stored = conn.execute("select 1 from sqlite_master where type = 'table' and name = 'requirement_counts'").fetchone()
    if stored:  # written since m006: it must say what the findings say
        kept: dict[tuple[int, str], int] = {}
        for requirement, status, count in conn.execute(
            "select requirement, status, sum(n) from requirement_counts "
            "where requirement in (select id from requirements where run_id = ?) group by requirement, status", [run_id]):
            kept[(requirement, STATUS_NAMES.get(status, status))] = count
        for row, item in by_row.items():
            for status in STATUSES:
                if kept.get((row, status), 0) != item[status]:
                    raise inconsistent(name, run_id, "why_counts", requirement=item["requirement_id"],
                                       stored=f"{status} {kept.get((row, status), 0)}", actual=f"{status} {item[status]}")
        if any(key[0] not in by_row for key in kept):
            raise inconsistent(name, run_id, "why_counts", requirement="?", stored=len(kept), actual="-")
    if meta is not None:
        schools = conn.execute("select count(*) from schools where run_id = ?", [run_id]).fetchone()[0]
        if meta.get("schools") != schools:
            raise inconsistent(name, run_id, "why_schools", stored=meta.get("schools"), actual=schools)
        verify_totals(list(by_row.values()), meta, name, run_id, schools)
    own = ("select requirement, status, observed, detail from run_findings "
           "where requirement in (select id from requirements where run_id = ? and scope = 'region')"
           if packed_findings(conn) else
           "select requirement, status, observed, detail from findings "
           "where requirement in (select id from requirements where run_id = ? and scope = 'region') and school is null")
    for requirement, status, observed, detail in conn.execute(own, [run_id]):
        by_row[requirement].update(status=STATUS_NAMES.get(status, status), observed=observed, detail=detail)
    return list(by_row.values())


#: A stored fact column: a fact key (``fulltime_psych_teachers``, ``psych_lessons__g1to6``) or a
#: self-inspection answer or evidence column (``self:<requirement id>``, ``evidence:<domain>``).
_FACT_COLUMN = re.compile(r"[a-z0-9_]+|(?:self|evidence):[A-Za-z0-9_.\-]+")


def fact_columns(conn: sqlite3.Connection, run_id: int, name: str = "the source") -> list[str] | None:
    """A run's ``fact_columns`` (None for a run recorded before
    m005_compact_findings), refused unless it is a list of distinct fact
    names and every school of the run holds exactly that many facts."""
    if "fact_columns" not in {row[1] for row in conn.execute("pragma table_info(runs)")}:
        return None
    row = conn.execute("select fact_columns from runs where id = ?", [run_id]).fetchone()
    columns = json_column(row[0] if row else None, f"{name}: runs {run_id}.fact_columns", list)
    if columns is None:
        return None
    if len(set(map(str, columns))) != len(columns) or not all(
            isinstance(c, str) and _FACT_COLUMN.fullmatch(c) for c in columns):
        raise inconsistent(name, run_id, "why_fact_columns_shape")
    wrong = conn.execute("select count(*) from schools where run_id = ? and "
                         "(json_valid(facts) = 0 or json_type(facts) != 'array' or json_array_length(facts) != ?)",
                         [run_id, len(columns)]).fetchone()[0]
    if wrong:
        raise inconsistent(name, run_id, "why_facts_length", n=wrong)
    return columns


def source_schools(conn: sqlite3.Connection, run_id: int, facts: list[str], name: str = "the source"
                   ) -> Iterator[tuple[Any, ...]]:
    """``(school_id, grades, *facts)`` of each school in a source run: the
    named facts pulled out of the stored JSON by SQLite (None when not
    recorded), so the rest is never parsed."""
    for key in facts:
        if not key.replace("_", "").isalnum():
            raise XinliError(f"not a fact key: {key!r}")
    columns = fact_columns(conn, run_id, name)
    if columns is None:  # a run recorded before m005_compact_findings: facts are an object
        picked = "".join(f", json_extract(facts, '$.{key}')" for key in facts)
    else:  # facts are an array aligned with the run's fact_columns
        picked = "".join(f", json_extract(facts, '$[{columns.index(key)}]')" if key in columns else ", null"
                         for key in facts)
    yield from conn.execute(f"select school_id, grades{picked} from schools where run_id = ? order by id", [run_id])


def holds_rollups_only(conn: sqlite3.Connection) -> bool:
    """True when a source database holds roll-ups and no assessment run: a
    city's roll-up sent on to its province."""
    tables = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
    if "rollups" not in tables or conn.execute("select exists(select 1 from runs)").fetchone()[0]:
        return False
    return bool(conn.execute("select exists(select 1 from rollups)").fetchone()[0])


def nested_rollup(conn: sqlite3.Connection, rollup_id: int | None, name: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A source roll-up (the newest, or ``rollup_id``): its region, id and
    target definitions, and the provenance of each source run it counted,
    in the form :func:`source_run` gives (plus ``nested``, the row id)."""
    query = "select id, region, as_of from rollups "
    row = (conn.execute(query + "order by id desc limit 1").fetchone() if rollup_id is None
           else conn.execute(query + "where id = ?", [rollup_id]).fetchone())
    if row is None:
        ids = ", ".join(str(r[0]) for r in conn.execute("select id from rollups order by id")) or "none"
        raise XinliError(f"{name}: no roll-up {rollup_id}; roll-ups in this database: {ids}")
    definitions = {
        r[0]: (r[1], r[2], r[3], r[4])
        for r in conn.execute("select requirement_id, expected, target_share, document, clause from rollup_targets "
                              "where rollup_id = ?", [row[0]])
    }
    sources = [
        {"nested": r[0], "inner_file": r[1], "source_run": r[2], "region": r[3], "as_of": r[4], "created": r[5],
         "run_key": r[6], "rules_sha256": r[7], "plugins": json_column(r[8], f"{name}: rollup_sources {r[0]}.plugins", dict, {}),
         "facts_sha256": r[9], "waivers_sha256": r[10], "schools": r[11], "findings": r[12],
         "counts": json_column(r[13], f"{name}: rollup_sources {r[0]}.counts", dict, {})}
        for r in conn.execute(
            "select id, source_file, source_run, region, as_of, created, run_key, rules_sha256, plugins, facts_sha256, "
            "waivers_sha256, schools, findings, counts from rollup_sources where rollup_id = ? and superseded_by is null "
            "order by id", [row[0]])
    ]
    return {"id": row[0], "region": row[1], "as_of": row[2], "definitions": definitions}, sources


def nested_items(conn: sqlite3.Connection, nested: int) -> list[dict[str, Any]]:
    """A rolled-up source's per-requirement counts, as :func:`source_items` gives them."""
    present = {r[1] for r in conn.execute("pragma table_info(rollup_items)")}
    columns = ("requirement_id", "scope", "level", "jurisdiction", "text_zh", "text_en", "expected", "document", "clause",
               *STATUSES, "status", "observed", "detail", "provenance_counts")
    picked = ", ".join(c if c in present else "null" for c in columns)
    items = [dict(zip(columns, r, strict=True)) for r in conn.execute(
        f"select {picked} from rollup_items where rollup_source = ? order by id", [nested])]
    for item in items:
        item["quote"] = None
        item["provenance_counts"] = json.loads(item["provenance_counts"] or "{}")
        for status in STATUSES:
            item[status] = item[status] or 0
    return items


def nested_statuses(conn: sqlite3.Connection, nested: int, requirement_ids: list[str]) -> list[tuple[str, str, str]]:
    """A rolled-up source's school statuses towards the named targets."""
    if not requirement_ids:
        return []
    marks = ", ".join("?" * len(requirement_ids))
    return conn.execute(f"select school_id, requirement_id, status from rollup_statuses where rollup_source = ? "
                        f"and requirement_id in ({marks})", [nested, *requirement_ids]).fetchall()


def nested_school_ids(conn: sqlite3.Connection, nested: int) -> list[str]:
    """The school ids a roll-up recorded for one of its sources (only those
    its targets needed; empty when it had none)."""
    return [r[0] for r in conn.execute("select distinct school_id from rollup_statuses where rollup_source = ?", [nested])]


def existing_rollup(db: sqlite_utils.Database, key: str) -> int | None:
    """The id of a roll-up with this key, if one was already recorded."""
    row = db.execute("select id from rollups where rollup_key = ?", [key]).fetchone()
    return row[0] if row else None


def write_rollup(db: sqlite_utils.Database, rollup: dict[str, Any], sources: list[dict[str, Any]],
                 targets: list[dict[str, Any]]) -> int:
    """Write one roll-up in a single transaction and return its id.

    Each source carries its provenance, ``items`` (see :func:`source_items`)
    and ``statuses``: ``(school_id, requirement_id, status)`` for the
    target's region-level targets (empty for a superseded source)."""
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        rollup_id = conn.execute(
            "insert into rollups (region, region_name_zh, region_name_en, rollup_key, as_of, created, rules_sha256, plugins, "
            "sources, schools, warnings) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [rollup["region"], rollup["region_name_zh"], rollup["region_name_en"], rollup["rollup_key"], rollup["as_of"],
             rollup["created"], rollup["rules_sha256"],
             json.dumps(rollup["plugins"], ensure_ascii=False), rollup["sources"], rollup["schools"],
             json.dumps(rollup["warnings"], ensure_ascii=False)],
        ).lastrowid
        for source in sources:
            source_id = conn.execute(
                "insert into rollup_sources (rollup_id, source_file, source_run, region, region_name_zh, region_name_en, "
                "as_of, created, run_key, rules_sha256, plugins, facts_sha256, waivers_sha256, schools, findings, counts, "
                "superseded_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [rollup_id, source["source_file"], source["source_run"], source["region"], source["region_name_zh"],
                 source["region_name_en"], source["as_of"], source["created"], source["run_key"], source["rules_sha256"],
                 json.dumps(source["plugins"], ensure_ascii=False), source["facts_sha256"], source["waivers_sha256"],
                 source["schools"], source["findings"], json.dumps(source["counts"]), source["superseded_by"]],
            ).lastrowid
            conn.executemany(
                "insert into rollup_items (rollup_source, requirement_id, scope, level, jurisdiction, text_zh, text_en, "
                f"expected, document, clause, {', '.join(STATUSES)}, status, observed, detail, provenance_counts) "
                f"values ({', '.join('?' * (14 + len(STATUSES)))})",
                [(source_id, i["requirement_id"], i["scope"], i["level"], i["jurisdiction"], i["text_zh"], i["text_en"],
                  i["expected"], i["document"], i["clause"], *(i[s] for s in STATUSES), i["status"], i["observed"],
                  i["detail"], json.dumps(i.get("provenance_counts") or {}, sort_keys=True)) for i in source["items"]],
            )
            conn.executemany(
                "insert into rollup_statuses (rollup_source, school_id, requirement_id, status) values (?, ?, ?, ?)",
                ((source_id, *row) for row in source["statuses"]),
            )
        conn.executemany(
            "insert into rollup_targets (rollup_id, requirement_id, level, text_zh, text_en, expected, target_share, "
            "deadline, document, clause, quote, status, observed, detail) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(rollup_id, t["requirement_id"], t["level"], t["text_zh"], t["text_en"], t["expected"], t["target_share"],
              t["deadline"], t["document"], t["clause"], t["quote"], t["status"], t["observed"], t["detail"])
             for t in targets],
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return rollup_id


def list_rollups(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Every recorded roll-up, newest first."""
    return [
        {"id": r[0], "region": r[1], "name": {"zh": r[9] or r[1], "en": r[10] or r[1]}, "as_of": r[2], "created": r[3],
         "sources": r[4], "schools": r[5], "rules_sha256": r[6],
         "plugins": json_column(r[7], f"rollups {r[0]}.plugins", dict, {}),
         "warnings": json_column(r[8], f"rollups {r[0]}.warnings", list, [])}
        for r in db.execute(
            "select id, region, as_of, created, sources, schools, rules_sha256, plugins, warnings, region_name_zh, "
            "region_name_en from rollups order by id desc"
        ).fetchall()
    ]


def has_rollups(db: sqlite_utils.Database) -> bool:
    """True when the database holds at least one roll-up."""
    return db.execute("select exists(select 1 from rollups)").fetchone()[0] == 1


def has_runs(db: sqlite_utils.Database) -> bool:
    """True when the database holds at least one assessment run."""
    return db.execute("select exists(select 1 from runs)").fetchone()[0] == 1


def _share(met: int, decided: int) -> float | None:
    return round(met / decided, 4) if decided else None


def rollup_report_data(db: sqlite_utils.Database, rollup_id: int | None = None) -> dict[str, Any]:
    """A roll-up as plain data: the target region's own targets over all
    rolled-up schools with each sub-region's view beside them, the
    sub-regions worst first (share of required school items met), the
    required items most often not met, and every source's provenance."""
    rollups = list_rollups(db)
    if not rollups:
        raise XinliError("the database holds no roll-ups yet; run `xinli rollup` first")
    if rollup_id is None:
        rollup = rollups[0]
    else:
        found = [r for r in rollups if r["id"] == rollup_id]
        if not found:
            raise XinliError(f"no roll-up {rollup_id}; roll-ups in this database: {', '.join(str(r['id']) for r in rollups)}")
        rollup = found[0]
    rid = rollup["id"]
    provenance = []
    for row in db.execute(
        "select id, source_file, source_run, region, region_name_zh, region_name_en, as_of, created, run_key, rules_sha256, "
        "plugins, facts_sha256, waivers_sha256, schools, findings, counts, superseded_by from rollup_sources "
        "where rollup_id = ? order by id", [rid]
    ).fetchall():
        provenance.append({
            "key": row[0], "source_file": row[1], "run_id": row[2], "region": row[3],
            "name": {"zh": row[4] or row[3], "en": row[5] or row[3]}, "as_of": row[6], "created": row[7],
            "run_key": row[8], "rules_sha256": row[9],
            "plugins": json_column(row[10], f"rollup_sources {row[0]}.plugins", dict, {}), "facts_sha256": row[11],
            "waivers_sha256": row[12], "schools": row[13], "findings": row[14],
            "counts": json_column(row[15], f"rollup_sources {row[0]}.counts", dict, {}),
            "superseded_by": row[16],
        })
    required: dict[int, tuple[int, int, int]] = {
        row[0]: (row[1] or 0, row[2] or 0, row[3] or 0)
        for row in db.execute(
            "select i.rollup_source, sum(i.met), sum(i.not_met), sum(i.unknown) from rollup_items i "
            "join rollup_sources s on s.id = i.rollup_source "
            "where s.rollup_id = ? and i.scope = 'school' and i.level = 'required' group by i.rollup_source", [rid]
        )
    }
    # each source's findings per status and provenance (issue 20), summed over its items: carried upward unmixed
    by_source: dict[int, dict[str, int]] = {}
    if "provenance_counts" in {r[1] for r in db.execute("pragma table_info(rollup_items)")}:
        for source, stored in db.execute(
            "select i.rollup_source, i.provenance_counts from rollup_items i join rollup_sources s on s.id = i.rollup_source "
            "where s.rollup_id = ? and i.provenance_counts is not null", [rid]
        ):
            tally = by_source.setdefault(source, {})
            for key, n in json.loads(stored).items():
                tally[key] = tally.get(key, 0) + n
    subregions = []
    for p in provenance:
        if p["superseded_by"] is not None:
            continue
        met, not_met, unknown = required.get(p["key"], (0, 0, 0))
        subregions.append({"region": p["region"], "name": p["name"], "source_file": p["source_file"], "run_id": p["run_id"],
                           "as_of": p["as_of"], "schools": p["schools"],
                           "required": {"met": met, "not_met": not_met, "unknown": unknown},
                           "share_met": _share(met, met + not_met + unknown),
                           "provenance_counts": dict(sorted(by_source.get(p["key"], {}).items()))})
    subregions.sort(key=lambda s: (s["share_met"] is None, s["share_met"] if s["share_met"] is not None else 0,
                                   -s["required"]["not_met"], s["region"]))
    shares: dict[tuple[int, str], dict[str, int]] = {}
    for source, requirement, status, count in db.execute(
        "select st.rollup_source, st.requirement_id, st.status, count(*) from rollup_statuses st "
        "join rollup_sources s on s.id = st.rollup_source where s.rollup_id = ? "
        "group by st.rollup_source, st.requirement_id, st.status", [rid]
    ):
        shares.setdefault((source, requirement), dict.fromkeys(("met", "not_met", "unknown", "not_applicable"), 0))[status] = count
    own = {
        (row[0], row[1]): {"status": row[2], "observed": row[3], "detail": row[4]}
        for row in db.execute(
            "select i.rollup_source, i.requirement_id, i.status, i.observed, i.detail from rollup_items i "
            "join rollup_sources s on s.id = i.rollup_source where s.rollup_id = ? and i.scope = 'region'", [rid]
        )
    }
    targets = []
    for row in db.execute(
        "select requirement_id, level, text_zh, text_en, expected, target_share, deadline, document, clause, quote, status, "
        "observed, detail from rollup_targets where rollup_id = ? order by id", [rid]
    ).fetchall():
        by_source = []
        for p in provenance:
            if p["superseded_by"] is not None:
                continue
            counts = shares.get((p["key"], row[0]))
            view = own.get((p["key"], row[0]))
            entry = {"region": p["region"], "name": p["name"], "own_finding": view, "counts": counts, "share_met": None,
                     "below_target": None}
            if counts is not None:
                decided = counts["met"] + counts["not_met"] + counts["unknown"]
                entry["share_met"] = _share(counts["met"], decided)
                if row[5] is not None and decided:
                    entry["below_target"] = counts["met"] < row[5] * decided
            by_source.append(entry)
        by_source.sort(key=lambda e: (e["share_met"] is None, e["share_met"] or 0, e["region"]))
        targets.append({"requirement_id": row[0], "level": row[1], "text": {"zh": row[2], "en": row[3]}, "expected": row[4],
                        "target_share": row[5], "deadline": row[6], "document": row[7], "clause": row[8], "quote": row[9],
                        "status": row[10], "observed": row[11], "detail": row[12], "by_subregion": by_source})
    items = [
        {"requirement_id": r[0], "level": r[1], "text": {"zh": r[2], "en": r[3]}, "expected": r[4], "document": r[5],
         "clause": r[6], "met": r[7], "not_met": r[8], "unknown": r[9], "subregions": r[10], "subregions_not_met": r[11],
         "share_met": _share(r[7], r[7] + r[8] + r[9])}
        for r in db.execute(
            """
            select i.requirement_id, min(i.level), min(i.text_zh), min(i.text_en), min(i.expected), min(i.document),
                   min(i.clause), sum(i.met), sum(i.not_met), sum(i.unknown), count(*), sum(i.not_met > 0)
            from rollup_items i join rollup_sources s on s.id = i.rollup_source
            where s.rollup_id = ? and s.superseded_by is null and i.scope = 'school' and i.level = 'required'
            group by i.requirement_id
            having sum(i.met + i.not_met + i.unknown) > 0
            order by sum(i.not_met) desc, i.requirement_id
            """,
            [rid],
        ).fetchall()
    ]
    layers: dict[int, set[str]] = {}
    for source, jurisdiction in db.execute(
        "select distinct i.rollup_source, i.jurisdiction from rollup_items i join rollup_sources s on s.id = i.rollup_source "
        "where s.rollup_id = ?", [rid]
    ):
        layers.setdefault(source, set()).add(jurisdiction)
    for p in provenance:
        p["rules_versions"] = {code: p["plugins"].get(code, "?") for code in sorted(layers.get(p.pop("key"), ()))}
    return {"schema": ROLLUP_REPORT_SCHEMA, "rollup": rollup, "targets": targets, "subregions": subregions,
            "items": items, "provenance": provenance}

