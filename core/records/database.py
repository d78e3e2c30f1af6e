"""Durable assessment records in SQLite, through sqlite-utils.

The schema is built by named migrations (``sqlite_utils.Migrations``)
that only ``assess`` applies; read commands never migrate.  A run is written in one
transaction: killed halfway, the database keeps its previous state.  WAL
mode and a busy timeout let two ``assess`` commands share a database; a
database file xinli creates is readable by its owner only and carries
xinli's ``PRAGMA application_id``: a file without it is never touched, and
read commands open the database read-only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlite_utils
from sqlite_utils import Migrations

from xinli.core.assessment.statuses import (
    PROVENANCE_NAMES,
    STATUS_NAMES,
    counts_json_sql,
    typed_observed,
)
from xinli.core.errors import Refusal, XinliError

BUSY_TIMEOUT_MS = 60_000
#: ``PRAGMA application_id`` of every records database xinli creates
#: ("xinl" in ASCII); a file without it is never written to.
APPLICATION_ID = 0x78696E6C
SQLITE_MAGIC = b"SQLite format 3\x00"
#: Page cache for a connection, in SQLite's units (negative = KiB): 64 MiB
#: keeps what reports read in memory.
CACHE_SIZE = -65536
#: Page cache while a run is written: its rows are appended in key order, so
#: a small cache writes them as fast, and a province's run needs 48 MiB less.
WRITE_CACHE_SIZE = -16384
migrations = Migrations("xinli")


@migrations()
def m001_initial(db: sqlite_utils.Database) -> None:
    """Runs, schools, the requirements a run used, and findings."""
    db["runs"].create(
        {
            "id": int, "region": str, "run_key": str, "plugins": str, "facts_file": str, "facts_sha256": str,
            "rules_sha256": str, "as_of": str, "created": str, "schools": int, "findings": int, "counts": str,
        },
        pk="id", not_null={"region", "run_key", "facts_sha256", "as_of", "created"},
    )
    db["runs"].create_index(["run_key"], unique=True)
    db["runs"].create_index(["region", "created"])
    db["schools"].create(
        {"id": int, "run_id": int, "school_id": str, "school_name": str, "grades": str, "facts": str},
        pk="id", foreign_keys=[("run_id", "runs", "id")], not_null={"run_id", "school_id"},
    )
    db["schools"].create_index(["run_id", "school_id"], unique=True)
    db["requirements"].create(
        {
            "id": int, "run_id": int, "requirement_id": str, "domain": str, "level": str, "duty_holder": str,
            "scope": str, "text_zh": str, "text_en": str, "jurisdiction": str, "document": str, "clause": str,
            "quote": str, "expected": str,
        },
        pk="id", foreign_keys=[("run_id", "runs", "id")], not_null={"run_id", "requirement_id"},
    )
    db["requirements"].create_index(["run_id", "requirement_id"], unique=True)
    db["findings"].create(
        {"id": int, "run_id": int, "school": int, "requirement": int, "status": str, "observed": str},
        pk="id",
        foreign_keys=[("run_id", "runs", "id"), ("school", "schools", "id"), ("requirement", "requirements", "id")],
        not_null={"run_id", "requirement", "status"},
    )
    # One index only: findings are written by the million and every index
    # costs on insert.  Requirements belong to one run, so (requirement,
    # status) serves the per-requirement, not-met and region queries.
    db["findings"].create_index(["requirement", "status"])


@migrations()
def m002_waivers(db: sqlite_utils.Database) -> None:
    """Exemptions: the waivers a run applied, the waivers file's hash, and a
    detail column on findings (waiver justification, why unknown...)."""
    db["runs"].add_column("waivers_sha256", str)
    db["findings"].add_column("detail", str)
    db["waivers"].create(
        {
            "id": int, "run_id": int, "school_id": str, "requirement_id": str, "justification": str,
            "approved_by": str, "start": str, "expiry": str,
        },
        pk="id", foreign_keys=[("run_id", "runs", "id")], not_null={"run_id", "school_id", "requirement_id"},
    )
    db["waivers"].create_index(["run_id"])
    db.create_view(
        "finding_details",
        """
        select findings.run_id, schools.school_id, schools.school_name, requirements.requirement_id,
               requirements.scope, requirements.level, findings.status, requirements.expected, findings.observed,
               findings.detail, requirements.document, requirements.clause, requirements.quote
        from findings
        join requirements on requirements.id = findings.requirement
        left join schools on schools.id = findings.school
        """,
    )


@migrations()
def m003_rollups(db: sqlite_utils.Database) -> None:
    """Roll-ups: a region's view over runs recorded in other databases (its
    counties'), with one row per source run, the sources' per-item counts
    and own region findings, the school-level statuses behind the target
    region's own region-level targets, and those targets' findings."""
    db["rollups"].create(
        {"id": int, "region": str, "region_name_zh": str, "region_name_en": str, "rollup_key": str, "as_of": str,
         "created": str, "rules_sha256": str, "plugins": str, "sources": int, "schools": int, "warnings": str},
        pk="id", not_null={"region", "rollup_key", "as_of", "created"},
    )
    db["rollups"].create_index(["rollup_key"], unique=True)
    db["rollup_sources"].create(
        {"id": int, "rollup_id": int, "source_file": str, "source_run": int, "region": str, "region_name_zh": str,
         "region_name_en": str, "as_of": str, "created": str, "run_key": str, "rules_sha256": str, "plugins": str,
         "facts_sha256": str, "waivers_sha256": str, "schools": int, "findings": int, "counts": str,
         "superseded_by": str},
        pk="id", foreign_keys=[("rollup_id", "rollups", "id")], not_null={"rollup_id", "region", "source_run"},
    )
    db["rollup_sources"].create_index(["rollup_id"])
    db["rollup_items"].create(
        {"id": int, "rollup_source": int, "requirement_id": str, "scope": str, "level": str, "jurisdiction": str,
         "text_zh": str, "text_en": str, "expected": str, "document": str, "clause": str, "met": int, "not_met": int,
         "unknown": int, "not_applicable": int, "not_yet_due": int, "waived": int, "manual": int, "status": str,
         "observed": str, "detail": str},
        pk="id", foreign_keys=[("rollup_source", "rollup_sources", "id")], not_null={"rollup_source", "requirement_id"},
    )
    db["rollup_items"].create_index(["rollup_source"])
    db["rollup_targets"].create(
        {"id": int, "rollup_id": int, "requirement_id": str, "level": str, "text_zh": str, "text_en": str,
         "expected": str, "target_share": float, "deadline": str, "document": str, "clause": str, "quote": str,
         "status": str, "observed": str, "detail": str},
        pk="id", foreign_keys=[("rollup_id", "rollups", "id")], not_null={"rollup_id", "requirement_id", "status"},
    )
    db["rollup_targets"].create_index(["rollup_id"])
    db["rollup_statuses"].create(
        {"rollup_source": int, "school_id": str, "requirement_id": str, "status": str},
        foreign_keys=[("rollup_source", "rollup_sources", "id")],
        not_null={"rollup_source", "school_id", "requirement_id", "status"},
    )
    db["rollup_statuses"].create_index(["rollup_source", "requirement_id", "status"])


@migrations()
def m004_attestations(db: sqlite_utils.Database) -> None:
    """Manual checks a school recorded (``xinli attest``): who checked, when,
    the result and an evidence note.  Their own table, so findings keep
    their shape; an assessment shows the latest attestation on or before its
    as-of date for each school and manual item.  Roll-up item counts gain
    the encouraged/permitted statuses (adopted, not adopted, not required)."""
    # a database made by a development build of this change may hold the table already
    if "attestations" not in db.table_names():
        db["attestations"].create(
            {
                "id": int, "region": str, "school_id": str, "requirement_id": str, "checked_by": str, "checked_on": str,
                "result": str, "evidence": str, "recorded": str,
            },
            pk="id", not_null={"region", "school_id", "requirement_id", "checked_by", "checked_on", "result", "recorded"},
        )
        db["attestations"].create_index(["region", "requirement_id", "school_id", "checked_on"])
    # roll-ups count every status of xinli.core.assessment.assess.STATUSES, including the optional items' ones
    present = {c.name for c in db["rollup_items"].columns}
    for status in ("adopted", "not_adopted", "not_required"):
        if status not in present:
            db["rollup_items"].add_column(status, int)


#: The readable view of findings: status names, observed values as text
#: (yes/no facts as ``true``/``false``), and the detail each row's reason
#: code stands for.  Rebuilt by migrations when the findings table changes.
FINDING_DETAILS_SQL = """
select findings.run_id, schools.school_id, schools.school_name, requirements.requirement_id,
       requirements.scope, requirements.level, statuses.name as status, requirements.expected,
       {observed} as observed, {detail} as detail,
       requirements.document, requirements.clause, requirements.quote
from findings
join requirements on requirements.id = findings.requirement
join statuses on statuses.code = findings.status
left join schools on schools.id = findings.school
"""
#: The same view from m007 on: each finding's provenance by name.
FINDING_DETAILS_V2_SQL = """
select findings.run_id, schools.school_id, schools.school_name, requirements.requirement_id,
       requirements.scope, requirements.level, statuses.name as status, provenances.name as provenance,
       requirements.expected, {observed} as observed, {detail} as detail,
       requirements.document, requirements.clause, requirements.quote
from findings
join requirements on requirements.id = findings.requirement
join statuses on statuses.code = findings.status
left join provenances on provenances.code = findings.provenance
left join schools on schools.id = findings.school
"""


#: The same view from m009 on: the schools' findings and the run's own as
#: two selects, each of which SQLite flattens, so the first rows come at
#: once (a join over the ``findings`` union would build all of it first).
FINDING_DETAILS_V3_SQL = """
select f.run_id, schools.school_id, schools.school_name, requirements.requirement_id,
       requirements.scope, requirements.level, statuses.name as status, provenances.name as provenance,
       requirements.expected, {school_observed} as observed, {detail} as detail,
       requirements.document, requirements.clause, requirements.quote
from findings_of_schools f
join schools on schools.id = f.school
join requirements on requirements.id = f.requirement
join statuses on statuses.code = f.status
left join provenances on provenances.code = f.provenance
union all
select f.run_id, null, null, requirements.requirement_id,
       requirements.scope, requirements.level, statuses.name as status, provenances.name as provenance,
       requirements.expected, {run_observed} as observed, {detail} as detail,
       requirements.document, requirements.clause, requirements.quote
from run_findings f
join requirements on requirements.id = f.requirement
join statuses on statuses.code = f.status
left join provenances on provenances.code = f.provenance
"""


def observed_sql(findings: str = "findings", requirements: str = "requirements", school: bool | None = None) -> str:
    """SQL turning a typed ``observed`` value into the text reports show.
    ``school`` says the rows are all school findings (True), all the run's
    own (False: ``run_findings``, which has no school column), or either
    (None: the ``findings`` view)."""
    if school is False:
        return f"cast({findings}.observed as text)"
    is_school = "" if school else f" and {findings}.school is not null"
    return (f"(case when {findings}.observed is null then null "
            f"when {requirements}.metric_type = 'boolean'{is_school} "
            f"then (case {findings}.observed when 1 then 'true' when 0 then 'false' else {findings}.observed end) "
            f"else cast({findings}.observed as text) end)")


def detail_sql(findings: str = "findings", requirements: str = "requirements") -> str:
    """SQL giving a finding's detail text: its own, or its reason code's."""
    from xinli.core.assessment.statuses import REASON_TEXTS, Reason

    cases = " ".join(f"when {int(code)} then '{text}'" for code, text in REASON_TEXTS.items() if code != Reason.DUE_LATER)
    return (f"coalesce({findings}.detail, (case {findings}.reason {cases} "
            f"when {int(Reason.DUE_LATER)} then 'due ' || {requirements}.deadline end))")


@migrations()
def m005_compact_findings(db: sqlite_utils.Database) -> None:
    """Compact findings for province-sized runs: status and reason as small
    integers (``statuses`` table, :mod:`xinli.core.assessment.statuses`),
    observed values typed (numbers as numbers, yes/no as 1/0), no per-row
    text except a waiver's or a region finding's detail; requirements carry
    their metric type and deadline.  Indexes serve the report, the records
    browser's canned queries and comparisons: (requirement, status) and
    (school, status) (the first is dropped again by m006).  Existing
    findings are converted row by row."""
    from xinli.core.assessment.statuses import REASON_TEXTS, STATUS_CODES, Reason

    conn = db.conn
    conn.execute("create table statuses (code integer primary key, name text not null unique)")
    conn.executemany("insert into statuses (code, name) values (?, ?)", sorted(STATUS_NAMES.items()))
    db["requirements"].add_column("metric_type", str)
    db["requirements"].add_column("deadline", str)
    conn.execute("update requirements set metric_type = 'boolean' where expected like 'true%'")
    # a school's facts are a JSON array aligned with its run's fact_columns (older runs: a JSON object)
    db["runs"].add_column("fact_columns", str)
    db["finding_details"].drop()
    conn.execute("alter table findings rename to findings_v2")
    conn.execute(
        """
        create table findings (
            run_id integer not null references runs(id),
            school integer references schools(id),
            requirement integer not null references requirements(id),
            status integer not null references statuses(code),
            observed,
            reason integer,
            detail text
        )
        """
    )
    reasons = {text: int(code) for code, text in REASON_TEXTS.items() if code != Reason.DUE_LATER}
    rows = conn.execute("select id, run_id, school, requirement, status, observed, detail from findings_v2 order by id")
    conn.executemany(
        "insert into findings (rowid, run_id, school, requirement, status, observed, reason, detail) "
        "values (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (rid, run, school, requirement, STATUS_CODES[status], _typed_observed(observed, school),
             reasons.get(detail) if school is not None else None,
             None if school is not None and detail in reasons else detail)
            for rid, run, school, requirement, status, observed, detail in rows
        ),
    )
    conn.execute("drop table findings_v2")
    conn.execute("create index idx_findings_requirement_status on findings (requirement, status)")
    conn.execute("create index idx_findings_school_status on findings (school, status)")
    db.create_view("finding_details", FINDING_DETAILS_SQL.format(observed=observed_sql(), detail=detail_sql()))


@migrations()
def m006_requirement_counts(db: sqlite_utils.Database) -> None:
    """Counts stored when a run is written -- per requirement
    (``requirement_counts``: requirement, status, number of findings) and
    per school (``schools.counts``, JSON by status) -- so reports and the
    records browser read them instead of counting millions of findings; the (requirement, status) index on findings goes, which
    halves the cost of writing a province's findings, and the (school,
    status) index gains the requirement and the observed value, so a
    school's not-met items are read from the index alone.  Existing runs are
    counted once here, while the old index still serves the count."""
    conn = db.conn
    conn.execute(
        """
        create table requirement_counts (
            requirement integer not null references requirements(id),
            status integer not null references statuses(code),
            n integer not null,
            primary key (requirement, status)
        ) without rowid
        """
    )
    conn.execute("insert into requirement_counts select requirement, status, count(*) from findings "
                 "group by requirement, status")
    db["schools"].add_column("counts", str)
    conn.execute(f"update schools set counts = (select {counts_json_sql('f')} from findings f where f.school = schools.id) "
                 "where exists (select 1 from findings f where f.school = schools.id)")
    conn.execute("drop index if exists idx_findings_requirement_status")
    # the one index left also covers the required-not-met lists and status grids (no table reads)
    conn.execute("drop index if exists idx_findings_school_status")
    conn.execute("create index idx_findings_school_status_requirement_observed "
                 "on findings (school, status, requirement, observed)")


@migrations()
def m007_provenance(db: sqlite_utils.Database) -> None:
    """Provenance on every finding (issue 20): ``findings.provenance`` holds
    a code of the ``provenances`` table -- measured (from figures),
    self_reported (a school's 自查 answer), verified (an attestation),
    unanswered (nobody answered yet).  Per-requirement counts are kept per
    status and provenance; schools and runs carry their counts by
    provenance (``provenance_counts``, JSON), and a run the period its
    facts cover (``runs.period``).  The ``in_progress`` status
    (a per-period count below target while its period runs) and the
    reasons ``event unknown`` and ``period still running`` are added.
    Existing findings get the provenance they had implicitly: an attested
    row verified, a run's manual/not-required row unanswered, the rest
    measured."""
    from xinli.core.assessment.statuses import Provenance, Status

    conn = db.conn
    conn.execute("insert or ignore into statuses (code, name) values (?, ?)",
                 [int(Status.IN_PROGRESS), STATUS_NAMES[int(Status.IN_PROGRESS)]])
    conn.execute("create table provenances (code integer primary key, name text not null unique)")
    conn.executemany("insert into provenances (code, name) values (?, ?)", sorted(PROVENANCE_NAMES.items()))
    db["findings"].add_column("provenance", int)
    conn.execute(
        f"update findings set provenance = case "
        f"when detail like 'attested by %' then {int(Provenance.VERIFIED)} "
        f"when school is null and status in ({int(Status.MANUAL)}, {int(Status.NOT_REQUIRED)}) "
        f"then {int(Provenance.UNANSWERED)} else {int(Provenance.MEASURED)} end"
    )
    conn.execute(
        """
        create table requirement_counts_v2 (
            requirement integer not null references requirements(id),
            status integer not null references statuses(code),
            provenance integer not null references provenances(code),
            n integer not null,
            primary key (requirement, status, provenance)
        ) without rowid
        """
    )
    conn.execute("insert into requirement_counts_v2 select requirement, status, provenance, count(*) from findings "
                 "group by requirement, status, provenance")
    conn.execute("drop table requirement_counts")
    conn.execute("alter table requirement_counts_v2 rename to requirement_counts")
    db["schools"].add_column("provenance_counts", str)
    db["runs"].add_column("provenance_counts", str)
    db["runs"].add_column("period", str)
    # roll-ups carry the new status and each item's counts by provenance upward
    db["rollup_items"].add_column("in_progress", int)
    db["rollup_items"].add_column("provenance_counts", str)
    db["finding_details"].drop()
    db.create_view("finding_details", FINDING_DETAILS_V2_SQL.format(observed=observed_sql(), detail=detail_sql()))


@migrations()
def m008_spot_checks(db: sqlite_utils.Database) -> None:
    """Spot-check lists drawn by ``xinli sample``: each draw's run, seed,
    rule (JSON: ``{"rate": r}`` or ``{"per_item": n}``), when, and the
    school and item of each row, so a filled list can be traced to how it
    was drawn; and the region's own self-inspection file a run read
    (``assess --region-facts``: its name and SHA-256 on the run)."""
    db["runs"].add_column("region_facts_file", str)
    db["runs"].add_column("region_facts_sha256", str)
    db["samples"].create(
        {"id": int, "run_id": int, "region": str, "seed": int, "rule": str, "created": str, "schools": int, "items": int},
        pk="id", foreign_keys=[("run_id", "runs", "id")], not_null={"run_id", "region", "seed", "rule", "created"},
    )
    db["samples"].create_index(["run_id", "seed", "rule"], unique=True)
    db["sample_items"].create(
        {"sample_id": int, "school_id": str, "requirement_id": str},
        foreign_keys=[("sample_id", "samples", "id")], not_null={"sample_id", "school_id", "requirement_id"},
    )
    db["sample_items"].create_index(["sample_id"])


@migrations()
def m009_packed_findings(db: sqlite_utils.Database) -> None:
    """Each school's findings packed on its own row (issue 20: a province's
    millions of findings were the run's slowest write): ``schools.finding_codes``
    and ``schools.finding_observed``, detail texts in ``finding_texts``, the
    run's own findings in ``run_findings``, ``runs.first_requirement``, and
    the views ``findings_of_schools`` and ``findings`` showing one row per
    finding as before (:mod:`xinli.core.records.packed`).  Existing findings
    are packed school by school."""
    from xinli.core.records.packed import FINDINGS_SQL, SCHOOL_FINDINGS_SQL, pack

    conn = db.conn
    db["finding_details"].drop(ignore=True)
    db["schools"].add_column("finding_codes", str)
    db["schools"].add_column("finding_observed", str)
    db["runs"].add_column("first_requirement", int)
    conn.execute("update runs set first_requirement = (select min(id) from requirements where run_id = runs.id)")
    conn.execute(
        """
        create table run_findings (
            run_id integer not null references runs(id),
            requirement integer not null references requirements(id),
            status integer not null references statuses(code),
            observed,
            reason integer,
            detail text,
            provenance integer
        )
        """
    )
    conn.execute("create index idx_run_findings_requirement on run_findings (requirement)")
    conn.execute(
        """
        create table finding_texts (
            school integer not null references schools(id),
            requirement integer not null references requirements(id),
            detail text not null,
            primary key (school, requirement)
        ) without rowid
        """
    )
    conn.execute("insert into run_findings select run_id, requirement, status, observed, reason, detail, provenance "
                 "from findings where school is null order by rowid")
    conn.execute("insert or ignore into finding_texts select school, requirement, detail from findings "
                 "where school is not null and detail is not null order by rowid")
    first = dict(conn.execute("select id, first_requirement from runs"))

    def packed_schools() -> Iterable[tuple[str, str | None, int]]:
        rows = conn.execute("select f.school, s.run_id, f.requirement, f.status, f.observed, f.reason, "
                            "f.detail is not null, f.provenance from findings f join schools s on s.id = f.school "
                            "order by f.school, f.requirement, f.rowid")
        school, codes, observed = None, [], []
        for sid, run_id, requirement, status, value, reason, detail, provenance in rows:
            if sid != school:
                if school is not None:
                    yield _packed_texts(codes, observed, school)
                school, codes, observed = sid, [], []
            codes.append(pack(requirement - first[run_id], status, reason, provenance, bool(detail)))
            observed.append(value)
        if school is not None:
            yield _packed_texts(codes, observed, school)

    conn.executemany("update schools set finding_codes = ?, finding_observed = ? where id = ?", list(packed_schools()))
    conn.execute("drop table findings")
    conn.execute(f"create view findings_of_schools as {SCHOOL_FINDINGS_SQL}")
    conn.execute(f"create view findings as {FINDINGS_SQL}")
    db.create_view("finding_details", FINDING_DETAILS_V3_SQL.format(
        school_observed=observed_sql("f", school=True), run_observed=observed_sql("f", school=False),
        detail=detail_sql("f")))


def _packed_texts(codes: list[int], observed: list[Any], school: int) -> tuple[str, str | None, int]:
    """An update of one school's packed finding columns (m009)."""
    return (json.dumps(codes, separators=(",", ":")),
            json.dumps(observed, separators=(",", ":"), ensure_ascii=False) if any(v is not None for v in observed)
            else None, school)


def _typed_observed(text: str | None, school: int | None) -> Any:
    """An observed value stored as text by earlier versions, typed as the
    evaluator types it now (:func:`typed_observed`); a region finding's
    ``met/applicable`` stays text."""
    return text if school is None else typed_observed(text)


def _create_private(path: Path) -> None:
    """Create an empty file readable and writable by its owner only."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def _header(path: Path) -> bytes:
    """The first 100 bytes of ``path`` (SQLite's database header), read
    without opening it as a database, so a foreign file is never touched."""
    try:
        with open(path, "rb") as handle:
            return handle.read(100)
    except OSError as exc:
        raise XinliError(f"{path}: cannot read database: {exc.strerror or exc}") from None


def database_kind(path: str | Path) -> str:
    """What ``path`` holds: ``"empty"`` (zero bytes), ``"xinli"`` (an SQLite
    database carrying xinli's application id) or ``"foreign"`` (anything
    else: another application's database, or not a database at all)."""
    header = _header(Path(path))
    if not header:
        return "empty"
    if len(header) == 100 and header[:16] == SQLITE_MAGIC and int.from_bytes(header[68:72], "big") == APPLICATION_ID:
        return "xinli"
    return "foreign"


def _refuse_foreign(path: Path) -> XinliError:
    return XinliError(f"{path}: not an xinli records database (it lacks xinli's application id); "
                      "xinli leaves it untouched — give --db a new file name")


def _connect(uri: str, path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute(f"PRAGMA cache_size = {CACHE_SIZE}")
    return conn


def _uri(path: Path, mode: str) -> str:
    return f"file:{quote(str(path.absolute()))}?mode={mode}"


def open_database(path: str | Path, create: bool = True, readonly: bool | None = None,
                  notify: Callable[[str], None] | None = None) -> sqlite_utils.Database:
    """Open the records database.

    Read commands (``create=False``, read-only by default) open it through
    SQLite's ``mode=ro`` URI: nothing is written, no migration runs, and a
    database in a read-only directory still opens.  ``assess`` (``create``)
    creates a missing file with mode 600, stamps a new database with xinli's
    application id and applies pending migrations (``notify`` hears about
    them).  A file without xinli's application id is refused (exit 2) and
    left byte-for-byte unchanged.
    """
    path = Path(path)
    readonly = (not create) if readonly is None else readonly
    if not path.exists():
        if not create:
            raise XinliError(f"{path}: no such database")
        try:
            _create_private(path)
        except FileExistsError:
            pass
        except OSError as exc:
            raise XinliError(f"{path}: cannot create database: {exc.strerror or exc}") from None
    if path.is_dir():
        raise XinliError(f"{path}: is a directory, not a database")
    kind = database_kind(path)
    if kind == "foreign" and _is_earlier_xinli(path):
        if readonly:
            raise XinliError(f"{path}: made by an earlier xinli version; the next `xinli assess` on it upgrades it")
        kind = "earlier"
    if kind == "foreign" or (kind == "empty" and readonly):
        raise _refuse_foreign(path)
    try:
        if readonly:
            return _open_readonly(path)
        conn = _connect(_uri(path, "rw"), path)
        if kind in ("empty", "earlier"):
            begin_write(conn, notify)
            # a second writer may have stamped it meanwhile; check under the lock
            current = conn.execute("PRAGMA application_id").fetchone()[0]
            if current != APPLICATION_ID:
                if current != 0 or (kind == "empty" and conn.execute("select count(*) from sqlite_master").fetchone()[0]):
                    conn.execute("ROLLBACK")
                    conn.close()
                    raise _refuse_foreign(path)
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute("COMMIT")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        db = sqlite_utils.Database(conn)
        if migrations.pending(db):
            # one process migrates at a time; the others wait, then find nothing pending
            begin_write(conn, notify)
            try:
                pending = migrations.pending(db)
                if pending and notify is not None and kind != "empty":
                    notify(f"applying {len(pending)} database migration(s): "
                           + ", ".join(m.name for m in pending))
                migrations.apply(db)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
    except sqlite3.DatabaseError as exc:
        raise XinliError(f"{path}: not a usable xinli database: {exc}") from None
    return db


def _is_earlier_xinli(path: Path) -> bool:
    """True for a database an earlier xinli made before records carried the
    application id: an SQLite file whose migrations table lists xinli's.
    Probed with ``immutable=1``, which takes no lock and creates no file."""
    header = _header(path)
    if header[:16] != SQLITE_MAGIC or int.from_bytes(header[68:72], "big") != 0:
        return False
    try:
        conn = sqlite3.connect(_uri(path, "ro") + "&immutable=1", uri=True)
        try:
            row = conn.execute("select count(*) from _sqlite_migrations where migration_set = ?",
                               [migrations.name]).fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    return bool(row and row[0])


def _open_readonly(path: Path) -> sqlite_utils.Database:
    """Open read-only; in a directory where SQLite cannot create the WAL
    index, fall back to ``immutable=1`` (nobody can write there either)."""
    try:
        conn = _connect(_uri(path, "ro"), path)
        conn.execute("select count(*) from sqlite_master").fetchone()
    except sqlite3.OperationalError:
        if os.access(path.parent if str(path.parent) else ".", os.W_OK):
            raise
        # immutable=1 ignores a write-ahead log: what it holds (committed runs) would silently vanish
        refuse_unread_wal(path)
        conn = _connect(_uri(path, "ro") + "&immutable=1", path)
    conn.execute("PRAGMA query_only = ON")
    db = sqlite_utils.Database(conn)
    applied = set()
    if db["_sqlite_migrations"].exists():
        applied = {row[0] for row in conn.execute(
            "select name from _sqlite_migrations where migration_set = ?", [migrations.name])}
    missing = [m.name for m in migrations._migrations if m.name not in applied]
    if missing:
        conn.close()
        raise XinliError(f"{path}: this database needs an upgrade ({', '.join(missing)}); "
                         "the next `xinli assess` on it applies it")
    newer = newer_migrations(conn)
    if newer:
        conn.close()
        raise Refusal("source_newer", path=str(path), names=", ".join(newer))
    return db


def refuse_unread_wal(path: Path) -> None:
    """Refuse (exit 2, naming it) a database whose write-ahead log holds
    something SQLite cannot read here (no ``-shm`` beside it and no right to
    create one): reading without it would show an older state as current."""
    wal = path.with_name(path.name + "-wal")
    try:
        size = wal.stat().st_size
    except OSError:
        return
    if size:
        raise Refusal("wal_unreadable", path=str(path), wal=wal.name)


def json_column(text: Any, where: str, kind: type = dict, default: Any = None) -> Any:
    """A JSON column's value parsed, or a named :class:`XinliError` (``where``
    says which table, column and row) when it is not JSON of type ``kind``.
    NULL gives ``default``."""
    if text is None:
        return default
    try:
        value = json.loads(text)
    except (TypeError, ValueError, RecursionError) as exc:
        raise Refusal("json_column_bad", where=where, reason=str(exc)[:80]) from None
    if not isinstance(value, kind):
        raise Refusal("json_column_bad", where=where, reason=f"{type(value).__name__}, not {kind.__name__}")
    return value


def is_sqlite_file(path: str | Path) -> bool:
    """True when ``path`` starts with SQLite's file header (an empty file,
    which SQLite treats as a new database, counts too)."""
    with open(path, "rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    return head in (b"", SQLITE_MAGIC)


def is_xinli_database(conn: sqlite3.Connection) -> bool:
    """True when the connected database carries xinli's migrations and its
    ``runs`` table (a database xinli created)."""
    tables = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
    if "_sqlite_migrations" not in tables or "runs" not in tables:
        return False
    row = conn.execute("select count(*) from _sqlite_migrations where migration_set = 'xinli'").fetchone()
    return bool(row and row[0])


#: Every query on a source database handed to ``rollup`` is bounded: its
#: connection is interrupted once it has worked this many seconds (a
#: hostile view or an endless recursive query never hangs a roll-up).
SOURCE_QUERY_SECONDS = 600.0
#: Tables every xinli records database has; a view or anything else under
#: one of these names is refused.
CORE_TABLES = ("runs", "schools", "requirements", "run_findings", "finding_texts", "requirement_counts", "statuses", "rollups",
               "rollup_sources", "rollup_items", "rollup_targets", "rollup_statuses", "_sqlite_migrations")


def newer_migrations(conn: sqlite3.Connection) -> list[str]:
    """xinli migrations recorded in the connected database that this xinli
    does not know: the database was written by a newer version."""
    known = {m.name for m in migrations._migrations}
    try:
        applied = [row[0] for row in conn.execute(
            "select name from _sqlite_migrations where migration_set = ? order by applied_at", [migrations.name])]
    except sqlite3.DatabaseError:
        return []
    return [name for name in applied if name not in known]


def impostor_tables(conn: sqlite3.Connection) -> list[str]:
    """Names of :data:`CORE_TABLES` that are views (or anything but a table)."""
    marks = ", ".join("?" * len(CORE_TABLES))
    return [f"{name} ({kind})" for name, kind in conn.execute(
        f"select name, type from sqlite_master where name in ({marks}) and type != 'table'", CORE_TABLES)]


def bound_queries(conn: sqlite3.Connection, seconds: float | None = None) -> None:
    """Interrupt every statement on ``conn`` once it has worked ``seconds``
    (default :data:`SOURCE_QUERY_SECONDS`) since this call, through SQLite's
    progress handler; the interrupted statement raises
    ``sqlite3.OperationalError: interrupted``."""
    deadline = time.monotonic() + (SOURCE_QUERY_SECONDS if seconds is None else seconds)
    conn.set_progress_handler(lambda: 1 if time.monotonic() > deadline else 0, 10_000)


def open_readonly(path: str | Path) -> sqlite3.Connection:
    """Open an existing xinli records database for reading only: nothing is
    migrated or written, so a file handed in by another office is never
    changed (a file with a pending write-ahead log is opened read-only
    through SQLite's shared memory; any other as immutable, leaving no file
    beside it).  A file that is not SQLite, not xinli's, or corrupted is an
    :class:`XinliError` naming the file."""
    path = Path(path)
    if not path.is_file():
        raise XinliError(f"{path}: no such database")
    if not is_sqlite_file(path) or path.stat().st_size == 0:
        raise XinliError(f"{path}: not an xinli database (not an SQLite file)")
    try:
        # Without a write-ahead log beside it the file is read as immutable, so
        # no -wal/-shm file is left next to a database someone sent in.
        wal = path.with_name(path.name + "-wal").exists()
        query = "mode=ro" if wal else "mode=ro&immutable=1"
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute(f"PRAGMA cache_size = {CACHE_SIZE}")
        if wal:
            try:
                conn.execute("select count(*) from sqlite_master").fetchone()
            except sqlite3.OperationalError:
                conn.close()
                refuse_unread_wal(path)
                raise
        bound_queries(conn)
        if not is_xinli_database(conn):
            conn.close()
            raise XinliError(f"{path}: not an xinli database (no xinli records tables)")
        impostors = impostor_tables(conn)
        newer = newer_migrations(conn)
    except sqlite3.DatabaseError as exc:
        raise XinliError(f"{path}: not a usable xinli database (corrupted?): {exc}") from None
    if impostors:
        conn.close()
        raise Refusal("source_impostor_tables", path=str(path), names=", ".join(impostors))
    if newer:
        conn.close()
        raise Refusal("source_newer", path=str(path), names=", ".join(newer))
    return conn


def file_sha256(path: str | Path | None) -> str | None:
    """SHA-256 of a file's bytes, or None for no file."""
    if path is None:
        return None
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run_key(region: str, facts_sha: str, waivers_sha: str | None, rules_sha: str, as_of: dt.date) -> str:
    """What makes two runs the same assessment."""
    return hashlib.sha256(f"{region}|{facts_sha}|{waivers_sha or ''}|{rules_sha}|{as_of}".encode()).hexdigest()


def existing_run(db: sqlite_utils.Database, key: str) -> int | None:
    """The id of a run with this key, if one was already recorded."""
    row = db.execute("select id from runs where run_key = ?", [key]).fetchone()
    return row[0] if row else None


#: How long the first attempt at the write lock waits before saying so.
LOCK_NOTICE_MS = 2_000
#: A finding of the run itself as evaluated: ``(requirement index, status
#: code, typed observed, reason code or None, detail or None, provenance code)``.
RunFinding = tuple[int, int, Any, int | None, str | None, int]


def begin_write(conn: sqlite3.Connection, notify: Callable[[str], None] | None = None) -> None:
    """Take the write lock (``BEGIN IMMEDIATE``), waiting as long as it
    takes while another writer holds it, and saying so once through
    ``notify`` after :data:`LOCK_NOTICE_MS`; Ctrl-C stops the wait."""
    conn.execute(f"PRAGMA busy_timeout = {LOCK_NOTICE_MS}")
    told = False
    try:
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
                if not told and notify is not None:
                    notify("another xinli command is writing to this database; waiting for it to finish…")
                told = True
                conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def write_run(
    db: sqlite_utils.Database,
    run: dict[str, Any],
    staged: Sequence[Path],
    requirements: list[dict[str, Any]],
    waivers: list[dict[str, Any]],
    counts: dict[int, int],
    requirement_counts: dict[tuple[int, int, int], int],
    timings: dict[str, float] | None = None,
    notify: Callable[[str], None] | None = None,
    run_findings: Iterable[RunFinding] = (),
    details: Iterable[tuple[int, int, str]] = (),
) -> tuple[int, bool]:
    """Write one run, evaluated beforehand, in one short transaction; return
    ``(run id, created)``.

    ``staged`` names the part files holding the run's schools, in order, as
    :mod:`xinli.core.assessment.packing` stages them (a table ``staged``:
    ``idx``, the school's index in the run counting from 0, then
    :data:`~xinli.core.assessment.packing.STAGED_COLUMNS`: identity, facts,
    counts and the findings packed as :mod:`xinli.core.records.packed`
    describes, requirement offsets counted from 0 in the order of
    ``requirements``); each is copied by one statement.
    ``run_findings`` are the run's own findings and
    ``details`` the detail texts of school findings, ``(school index,
    requirement index, text)``.  When another command recorded the same
    assessment (``run_key``) meanwhile, nothing is written and that run's id
    comes back with ``created`` False.  The time spent writing the schools
    with their findings is ``timings["findings_write"]``.  ``counts`` maps
    each status code to its number of findings and ``requirement_counts``
    each ``(requirement index, status code, provenance code)``, both counted
    while evaluating.

    Foreign keys are not enforced while the run is written: every id in a
    finding row comes from the rows this transaction has just inserted, and
    checking millions of references one by one would double the cost."""
    conn = db.conn
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute(f"PRAGMA cache_size = {WRITE_CACHE_SIZE}")
    parts = [f"xinli_part{number}" for number in range(len(staged))]
    for name, path in zip(parts, staged, strict=True):  # attached before the transaction, as SQLite requires
        conn.execute(f"ATTACH DATABASE ? AS {name}", [str(path)])
    try:
        return _write_run(db, run, requirements, waivers, counts, requirement_counts, timings, notify,
                          run_findings, details, parts)
    finally:
        for name in parts:
            conn.execute(f"DETACH DATABASE {name}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA cache_size = {CACHE_SIZE}")


def _write_run(db: sqlite_utils.Database, run: dict[str, Any],
               requirements: list[dict[str, Any]], waivers: list[dict[str, Any]], counts: dict[int, int],
               requirement_counts: dict[tuple[int, int, int], int], timings: dict[str, float] | None,
               notify: Callable[[str], None] | None, run_findings: Iterable[RunFinding],
               details: Iterable[tuple[int, int, str]], parts: list[str]) -> tuple[int, bool]:
    """:func:`write_run` once the part files are attached as ``parts``."""
    from xinli.core.assessment.packing import STAGED_COLUMNS  # imported when a run is written, not on start-up

    conn = db.conn
    begin_write(conn, notify)
    try:
        previous = existing_run(db, run["run_key"])
        if previous is not None:
            conn.execute("ROLLBACK")
            return previous, False
        cursor = conn.execute(
            "insert into runs (region, run_key, plugins, facts_file, facts_sha256, waivers_sha256, rules_sha256, "
            "as_of, created, fact_columns, period, schools, findings, counts) "
            "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, '{}')",
            [run["region"], run["run_key"], json.dumps(run["plugins"], ensure_ascii=False), run["facts_file"],
             run["facts_sha256"], run["waivers_sha256"], run["rules_sha256"], run["as_of"], run["created"],
             json.dumps(run["fact_columns"]) if run.get("fact_columns") is not None else None, run.get("period")],
        )
        run_id = cursor.lastrowid
        school_base = conn.execute("select coalesce(max(id), 0) + 1 from schools").fetchone()[0]
        requirement_base = conn.execute("select coalesce(max(id), 0) + 1 from requirements").fetchone()[0]
        conn.execute("update runs set first_requirement = ? where id = ?", [requirement_base, run_id])
        conn.executemany(
            "insert into requirements (id, run_id, requirement_id, domain, level, duty_holder, scope, text_zh, "
            "text_en, jurisdiction, document, clause, quote, expected, metric_type, deadline) "
            "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(requirement_base + i, run_id, r["requirement_id"], r["domain"], r["level"], r["duty_holder"], r["scope"],
              r["text_zh"], r["text_en"], r["jurisdiction"], r["document"], r["clause"], r["quote"], r["expected"],
              r.get("metric_type"), r.get("deadline"))
             for i, r in enumerate(requirements)],
        )
        columns = ", ".join(STAGED_COLUMNS)
        write_started = time.perf_counter()
        written = 0
        for name in parts:  # each part's schools keep their index in the run
            written += conn.execute(f"insert into schools (id, run_id, {columns}) "
                                    f"select ? + idx, ?, {columns} from {name}.staged order by idx",
                                    [school_base, run_id]).rowcount
        conn.executemany("insert into finding_texts (school, requirement, detail) values (?, ?, ?)",
                         [(school_base + school, requirement_base + requirement, text)
                          for school, requirement, text in details])
        conn.executemany(
            "insert into run_findings (run_id, requirement, status, observed, reason, detail, provenance) "
            "values (?, ?, ?, ?, ?, ?, ?)",
            [(run_id, requirement_base + requirement, status, observed, reason, detail, provenance)
             for requirement, status, observed, reason, detail, provenance in run_findings])
        if timings is not None:
            timings["findings_write"] = timings.get("findings_write", 0.0) + time.perf_counter() - write_started
        total = sum(counts.values())
        conn.executemany("insert into requirement_counts (requirement, status, provenance, n) values (?, ?, ?, ?)",
                         [(requirement_base + index, status, provenance, n)
                          for (index, status, provenance), n in sorted(requirement_counts.items()) if n])
        conn.executemany(
            "insert into waivers (run_id, school_id, requirement_id, justification, approved_by, start, expiry) "
            "values (?, ?, ?, ?, ?, ?, ?)",
            [(run_id, w["school_id"], w["requirement_id"], w["justification"], w["approved_by"], w["start"],
              w["expiry"]) for w in waivers],
        )
        if run.get("region_facts_sha256"):
            conn.execute("update runs set region_facts_file = ?, region_facts_sha256 = ? where id = ?",
                         [run["region_facts_file"], run["region_facts_sha256"], run_id])
        by_provenance: dict[str, dict[str, int]] = {}
        for (_index, status, provenance), n in sorted(requirement_counts.items()):
            if n:
                named = by_provenance.setdefault(PROVENANCE_NAMES[provenance], {})
                named[STATUS_NAMES[status]] = named.get(STATUS_NAMES[status], 0) + n
        conn.execute(
            "update runs set schools = ?, findings = ?, counts = ?, provenance_counts = ? where id = ?",
            [written, total, json.dumps(dict(sorted((STATUS_NAMES.get(k, k), v) for k, v in counts.items()))),
             json.dumps(by_provenance, sort_keys=True), run_id],
        )
        conn.execute("COMMIT")
    except sqlite3.IntegrityError:
        conn.execute("ROLLBACK")
        previous = existing_run(db, run["run_key"])
        if previous is None:
            raise
        return previous, False
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return run_id, True
