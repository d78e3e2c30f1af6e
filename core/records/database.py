"""Durable assessment records in SQLite, through sqlite-utils.

The schema is built by named migrations (``sqlite_utils.Migrations``)
applied before any command reads or writes.  A run is written in one
transaction: killed halfway, the database keeps its previous state.  WAL
mode and a busy timeout let two ``assess`` commands share a database; a
database file xinli creates is readable by its owner only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils import Migrations

from xinli.core.errors import XinliError

BUSY_TIMEOUT_MS = 60_000
#: Page cache for a connection, in SQLite's units (negative = KiB): 64 MiB
#: keeps the findings index in memory while a province is written.
CACHE_SIZE = -65536
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


def _create_private(path: Path) -> None:
    """Create an empty file readable and writable by its owner only."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def open_database(path: str | Path, create: bool = True) -> sqlite_utils.Database:
    """Open (creating with mode 600 when ``create``) the records database,
    set WAL mode and a busy timeout, and apply pending migrations."""
    path = Path(path)
    if not path.exists():
        if not create:
            raise XinliError(f"{path}: no such database")
        try:
            _create_private(path)
        except FileExistsError:
            pass
        except OSError as exc:
            raise XinliError(f"{path}: cannot create database: {exc.strerror or exc}") from None
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA cache_size = {CACHE_SIZE}")
        db = sqlite_utils.Database(conn)
        if migrations.pending(db):
            # one process migrates at a time; the others wait, then find nothing pending
            conn.execute("BEGIN IMMEDIATE")
            try:
                migrations.apply(db)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
    except sqlite3.DatabaseError as exc:
        raise XinliError(f"{path}: not a usable xinli database: {exc}") from None
    return db


SQLITE_HEADER = b"SQLite format 3\x00"


def is_sqlite_file(path: str | Path) -> bool:
    """True when ``path`` starts with SQLite's file header (an empty file,
    which SQLite treats as a new database, counts too)."""
    with open(path, "rb") as handle:
        head = handle.read(len(SQLITE_HEADER))
    return head in (b"", SQLITE_HEADER)


def is_xinli_database(conn: sqlite3.Connection) -> bool:
    """True when the connected database carries xinli's migrations and its
    ``runs`` table (a database xinli created)."""
    tables = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
    if "_sqlite_migrations" not in tables or "runs" not in tables:
        return False
    row = conn.execute("select count(*) from _sqlite_migrations where migration_set = 'xinli'").fetchone()
    return bool(row and row[0])


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
        if not is_xinli_database(conn):
            conn.close()
            raise XinliError(f"{path}: not an xinli database (no xinli records tables)")
    except sqlite3.DatabaseError as exc:
        raise XinliError(f"{path}: not a usable xinli database (corrupted?): {exc}") from None
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


FindingRow = tuple[int, int | None, int, str, str | None, str | None]
#: Builds the finding rows once the run, school and requirement rows exist:
#: called with the run id, the schools' row ids (in input order) and the
#: requirements' row ids by requirement id; yields batches of
#: ``(run_id, school row id or None, requirement row id, status, observed, detail)``.
FindingsFactory = Callable[[int, list[int], dict[str, int]], Iterable[list[FindingRow]]]


def write_run(
    db: sqlite_utils.Database,
    run: dict[str, Any],
    schools: Iterable[tuple[str, str, str, str]],
    requirements: list[dict[str, Any]],
    findings: FindingsFactory,
    waivers: list[dict[str, Any]],
    counts: dict[str, int],
    timings: dict[str, float] | None = None,
) -> int:
    """Write one run in a single transaction and return its id.

    ``schools`` yields ``(school_id, school_name, grades, facts_json)`` in
    input order; ``findings`` produces the finding rows batch by batch, so
    memory stays flat, and tallies their statuses in ``counts``, which is
    stored on the run once every finding is written.  The time spent
    inserting findings is added to ``timings["findings_write"]``.
    """
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        cursor = conn.execute(
            "insert into runs (region, run_key, plugins, facts_file, facts_sha256, waivers_sha256, rules_sha256, "
            "as_of, created, schools, findings, counts) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, '{}')",
            [run["region"], run["run_key"], json.dumps(run["plugins"], ensure_ascii=False), run["facts_file"],
             run["facts_sha256"], run["waivers_sha256"], run["rules_sha256"], run["as_of"], run["created"]],
        )
        run_id = cursor.lastrowid
        conn.executemany(
            "insert into schools (run_id, school_id, school_name, grades, facts) values (?, ?, ?, ?, ?)",
            ((run_id, *school) for school in schools),
        )
        school_ids = [row[0] for row in conn.execute("select id from schools where run_id = ? order by id", [run_id])]
        conn.executemany(
            "insert into requirements (run_id, requirement_id, domain, level, duty_holder, scope, text_zh, text_en, "
            "jurisdiction, document, clause, quote, expected) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(run_id, r["requirement_id"], r["domain"], r["level"], r["duty_holder"], r["scope"], r["text_zh"],
              r["text_en"], r["jurisdiction"], r["document"], r["clause"], r["quote"], r["expected"])
             for r in requirements],
        )
        requirement_ids = dict(
            conn.execute("select requirement_id, id from requirements where run_id = ?", [run_id]).fetchall()
        )
        insert = "insert into findings (run_id, school, requirement, status, observed, detail) values (?, ?, ?, ?, ?, ?)"
        total = 0
        for batch in findings(run_id, school_ids, requirement_ids):
            write_started = time.perf_counter()
            conn.executemany(insert, batch)
            total += len(batch)
            if timings is not None:
                timings["findings_write"] = timings.get("findings_write", 0.0) + time.perf_counter() - write_started
        conn.executemany(
            "insert into waivers (run_id, school_id, requirement_id, justification, approved_by, start, expiry) "
            "values (?, ?, ?, ?, ?, ?, ?)",
            [(run_id, w["school_id"], w["requirement_id"], w["justification"], w["approved_by"], w["start"],
              w["expiry"]) for w in waivers],
        )
        conn.execute(
            "update runs set schools = ?, findings = ?, counts = ? where id = ?",
            [len(school_ids), total, json.dumps(dict(sorted(counts.items()))), run_id],
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return run_id
