"""Findings packed on the schools' rows (m009_packed_findings): a large
file's first half evaluated in a forked child stores exactly what
evaluating in turn stores (waivers and attestations of the child's schools
included, and when the child fails); a run that stops early leaves no
child behind; the views decode the packed columns; an m008-era database
migrates without losing a value; and the roll-up reads sources of both
shapes and refuses packed codes that are not codes."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner
from test_assess_cli import filled_template, to_csv

from xinli.cli.main import cli
from xinli.core.assessment import packing
from xinli.core.assessment.pipeline import assess
from xinli.core.assessment.statuses import (
    DETAIL_FLAG,
    PROVENANCE_MASK,
    PROVENANCE_SHIFT,
    REASON_SHIFT,
    REQUIREMENT_SHIFT,
    STATUS_MASK,
    Provenance,
    Reason,
    Status,
    counts_json_sql,
)
from xinli.core.errors import FactsError, Refusal, XinliError
from xinli.core.records.attestations import record_attestation
from xinli.core.records.database import migrations, open_database
from xinli.core.records.report import report_data
from xinli.core.records.rollup import source_items, source_run
from xinli.core.registry import load_plugins

AS_OF = dt.date(2026, 11, 1)
SCHOOLS = 400
SERIAL = 10**9
#: (school, requirement) waived or attested: two in the first half of the file (the child's part), two in the second
WAIVED = [("X00003", "henan.staffing.fulltime-psych-teacher"), ("X00301", "henan.staffing.fulltime-psych-teacher")]
ATTESTED = [("X00008", "henan.staffing.assessment-group"), ("X00302", "henan.staffing.assessment-group")]
WAIVERS = "school_id,requirement_id,justification,approved_by,start,expiry\n" + "".join(
    f"{school},{requirement},专职教师调动中,县教育局〔2026〕7号,2026-09-01,2027-06-30\n" for school, requirement in WAIVED)


@pytest.fixture(scope="module")
def henan():
    return load_plugins(only=["henan"])


@pytest.fixture(scope="module")
def facts(tmp_path_factory) -> tuple[list[str], list[list[str]]]:
    """Henan's template rows made into a few hundred schools (X00000...),
    with counts varying so that every status and many observed values occur."""
    runner = CliRunner()
    header, rows = filled_template(lambda *a: runner.invoke(cli, list(a)))
    teachers = header.index("fulltime_psych_teachers")
    lessons = header.index("psych_lessons_per_school_year__g1to6")
    many = []
    for i in range(SCHOOLS):
        row = [f"X{i:05}" if column == "school_id" else value for column, value in zip(header, rows[i % 5], strict=True)]
        row[teachers] = str(i % 3)
        row[lessons] = "" if i % 17 == 0 else str(i % 13)
        many.append(row)
    return header, many


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, facts) -> tuple[Path, Path]:
    """The facts file and the waivers file every run here reads."""
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "facts.csv").write_text(to_csv(*facts), encoding="utf-8")
    (folder / "waivers.csv").write_text(WAIVERS, encoding="utf-8")
    return folder / "facts.csv", folder / "waivers.csv"


def attested_database(path: Path) -> Path:
    """A new records database holding the attestations of :data:`ATTESTED`."""
    db = open_database(path)
    for school, requirement in ATTESTED:
        record_attestation(db, "henan", school, requirement, "县教育局督导室", dt.date(2026, 10, 20), "not_met", "未见评估小组名单")
    db.close()
    return path


def split_from(monkeypatch, parallel_from: int) -> list[tuple[int, int]]:
    """Set ``packing.PARALLEL_FROM`` (on any number of processors); the
    children started from now on, ``(start, stop)`` each."""
    started = []
    original = packing._start_child

    def spy(evaluator, prepared, schools, start, stop, path):
        child = original(evaluator, prepared, schools, start, stop, path)
        if child is not None:
            started.append((start, stop))
        return child

    monkeypatch.setattr(packing, "PARALLEL_FROM", parallel_from)
    monkeypatch.setattr(packing, "_start_child", spy)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # the split is taken on a one-processor machine too
    return started


def assess_into(henan, inputs, path: Path, parallel_from: int, monkeypatch) -> tuple:
    """One run of the inputs into ``path`` with ``packing.PARALLEL_FROM``
    set: the run's result and the children started."""
    started = split_from(monkeypatch, parallel_from)
    return assess(henan, "henan", inputs[0], path, AS_OF, waivers_path=inputs[1]), started


def stored(path: Path) -> dict[str, list]:
    """Everything a run stores, ids included (both databases are fresh)."""
    conn = sqlite3.connect(path)
    try:
        return {
            "runs": conn.execute("select id, region, run_key, schools, findings, counts, provenance_counts, first_requirement, "
                                 "fact_columns, waivers_sha256 from runs order by id").fetchall(),
            "schools": conn.execute("select id, run_id, school_id, school_name, grades, counts, provenance_counts, finding_codes, "
                                    "finding_observed, facts from schools order by id").fetchall(),
            "requirements": conn.execute("select * from requirements order by id").fetchall(),
            "requirement_counts": conn.execute("select requirement, status, provenance, n from requirement_counts "
                                               "order by requirement, status, provenance").fetchall(),
            "run_findings": conn.execute("select * from run_findings order by rowid").fetchall(),
            "finding_texts": conn.execute("select school, requirement, detail from finding_texts "
                                          "order by school, requirement").fetchall(),
            "waivers": conn.execute("select * from waivers order by rowid").fetchall(),
        }
    finally:
        conn.close()


def special_findings(path: Path) -> dict[tuple[str, str], tuple]:
    """The waived and attested findings as the ``findings`` view shows them."""
    conn = sqlite3.connect(path)
    try:
        return {(school, requirement): tuple(row) for school, requirement, *row in conn.execute(
            "select s.school_id, r.requirement_id, f.status, f.provenance, f.detail from findings f "
            "join requirements r on r.id = f.requirement join schools s on s.id = f.school "
            "where (s.school_id, r.requirement_id) in (values (?, ?), (?, ?), (?, ?), (?, ?))",
            [value for pair in WAIVED + ATTESTED for value in pair])}
    finally:
        conn.close()


def assert_no_child() -> None:
    """This process has no child left, running or unreaped."""
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)


@pytest.fixture(scope="module")
def serial(tmp_path_factory, henan, inputs) -> Path:
    """The inputs assessed in turn, in this process alone."""
    path = attested_database(tmp_path_factory.mktemp("serial") / "serial.db")
    with pytest.MonkeyPatch.context() as monkeypatch:
        result, started = assess_into(henan, inputs, path, SERIAL, monkeypatch)
    assert result.created and result.schools == SCHOOLS and started == []
    return path


def test_the_split_run_stores_what_the_serial_run_stores(serial, henan, inputs, tmp_path, monkeypatch):
    """A child evaluating the first half while the rest is read (waivers
    and attestations of its schools evaluated again here) changes nothing
    stored: schools, packed codes, counts, the run's own findings, texts."""
    path = attested_database(tmp_path / "parallel.db")
    result, started = assess_into(henan, inputs, path, 10, monkeypatch)
    assert result.created and started == [(0, SCHOOLS // 2)]
    assert_no_child()
    assert stored(path) == stored(serial)
    assert [int(school[1:]) < SCHOOLS // 2 for school, _ in WAIVED + ATTESTED] == [True, False, True, False]
    for db in (serial, path):
        found = special_findings(db)
        for pair in WAIVED:
            assert found[pair][:2] == (Status.WAIVED, Provenance.MEASURED)
            assert found[pair][2].startswith("专职教师调动中 (县教育局〔2026〕7号, until 2027-06-30")
        for pair in ATTESTED:
            assert found[pair] == (Status.NOT_MET, Provenance.VERIFIED, "attested by 县教育局督导室 on 2026-10-20: 未见评估小组名单")


def test_a_failed_child_is_made_good_here(serial, henan, inputs, tmp_path, monkeypatch):
    """A child that fails leaves its part to this process, which evaluates
    it itself: the run completes and stores what the serial run stores."""
    parent = os.getpid()
    original = packing.pack_schools
    here = []

    def failing_in_the_child(evaluator, prepared, schools, start, stop, path, progress=None):
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        here.append((start, stop))
        return original(evaluator, prepared, schools, start, stop, path, progress)

    monkeypatch.setattr(packing, "pack_schools", failing_in_the_child)
    path = attested_database(tmp_path / "failed.db")
    result, started = assess_into(henan, inputs, path, 10, monkeypatch)
    assert result.created and started == [(0, SCHOOLS // 2)]
    assert (0, SCHOOLS // 2) in here  # the child's part, evaluated again here
    assert_no_child()
    assert stored(path) == stored(serial)


@pytest.mark.parametrize("bad", ["facts", "waivers"])
def test_bad_input_after_the_split_writes_nothing_and_ends_the_child(bad, facts, henan, tmp_path, monkeypatch):
    """A problem found after the child started (a negative count in the
    file's second half, a waiver of an unknown school) writes nothing, and
    the child is ended and reaped."""
    header, rows = facts
    rows = [list(row) for row in rows]
    if bad == "facts":
        rows[SCHOOLS - 50][header.index("fulltime_psych_teachers")] = "-1"
    (tmp_path / "facts.csv").write_text(to_csv(header, rows), encoding="utf-8")
    waivers = WAIVERS + ("X99999,henan.staffing.fulltime-psych-teacher,无,局,2026-01-01,2027-01-01\n" if bad == "waivers" else "")
    (tmp_path / "waivers.csv").write_text(waivers, encoding="utf-8")
    inputs = (tmp_path / "facts.csv", tmp_path / "waivers.csv")
    started = split_from(monkeypatch, 10)
    new = tmp_path / "new.db"
    with pytest.raises(FactsError):
        assess(henan, "henan", inputs[0], new, AS_OF, waivers_path=inputs[1])
    assert started == [(0, SCHOOLS // 2)]
    assert not new.exists()
    assert_no_child()
    # and on an existing database: byte for byte unchanged, no child
    existing = attested_database(tmp_path / "existing.db")
    before = existing.read_bytes()
    started.clear()
    with pytest.raises(FactsError):
        assess(henan, "henan", inputs[0], existing, AS_OF, waivers_path=inputs[1])
    assert started == [(0, SCHOOLS // 2)]
    assert existing.read_bytes() == before
    assert_no_child()


def test_bad_facts_after_the_split_exit_2_through_the_cli(facts, tmp_path, monkeypatch):
    """The same through ``xinli assess``: exit 2, no database, no child."""
    header, rows = facts
    rows = [list(row) for row in rows]
    rows[SCHOOLS - 1][header.index("fulltime_psych_teachers")] = "-1"
    (tmp_path / "facts.csv").write_text(to_csv(header, rows), encoding="utf-8")
    started = split_from(monkeypatch, 10)
    db = tmp_path / "r.db"
    result = CliRunner().invoke(cli, ["assess", "--region", "henan", "--facts", str(tmp_path / "facts.csv"), "--db", str(db),
                                      "--as-of", AS_OF.isoformat()])
    assert result.exit_code == 2, result.output
    assert started == [(0, SCHOOLS // 2)]
    assert not db.exists()
    assert_no_child()


def test_a_run_already_recorded_ends_the_child(henan, inputs, tmp_path, monkeypatch):
    """The same assessment twice: the second finds the first run, records
    nothing, and ends the child it had started while reading."""
    path = attested_database(tmp_path / "twice.db")
    first, started = assess_into(henan, inputs, path, 10, monkeypatch)
    assert first.created and started == [(0, SCHOOLS // 2)]
    before = stored(path)
    again, started = assess_into(henan, inputs, path, 10, monkeypatch)
    assert not again.created and again.run_id == first.run_id and started == [(0, SCHOOLS // 2)]
    assert_no_child()
    assert stored(path) == before


def decoded(conn: sqlite3.Connection) -> list[tuple]:
    """The school findings decoded here from the packed columns, one row as the ``findings`` view shows it."""
    first = dict(conn.execute("select id, first_requirement from runs"))
    texts = {(school, requirement): detail for school, requirement, detail in conn.execute("select * from finding_texts")}
    rows = []
    for school, run_id, codes_text, observed_text in conn.execute(
            "select id, run_id, finding_codes, finding_observed from schools order by id"):
        codes = json.loads(codes_text) if codes_text is not None else []
        observed = json.loads(observed_text) if observed_text is not None else [None] * len(codes)
        for code, value in zip(codes, observed, strict=True):
            requirement = first[run_id] + (code >> REQUIREMENT_SHIFT)
            rows.append((run_id, school, requirement, code & STATUS_MASK, value, (code >> REASON_SHIFT) & STATUS_MASK or None,
                         texts[(school, requirement)] if code & DETAIL_FLAG else None,
                         (code >> PROVENANCE_SHIFT) & PROVENANCE_MASK or int(Provenance.MEASURED)))
    return sorted(rows, key=lambda r: (r[1], r[2]))


def test_the_findings_view_is_the_packed_columns_decoded(serial):
    """Each school row of ``findings`` is its packed code and observed value
    decoded (requirement from the run's first, status, reason, detail text
    behind the flag, provenance 0 = measured); the run's own rows are
    ``run_findings``; as many rows as ``runs.findings`` says."""
    conn = sqlite3.connect(serial)
    view = conn.execute("select run_id, school, requirement, status, observed, reason, detail, provenance from findings "
                        "where school is not null").fetchall()
    mine = decoded(conn)
    assert sorted(view, key=lambda r: (r[1], r[2])) == mine
    assert len({(r[1], r[2]) for r in mine}) == len(mine)  # one finding per school and requirement
    assert conn.execute("select run_id, school, requirement, status, observed, reason, detail, provenance from findings "
                        "where school is null order by requirement").fetchall() == conn.execute(
        "select run_id, null, requirement, status, observed, reason, detail, provenance from run_findings "
        "order by requirement").fetchall()
    assert conn.execute("select count(*) from findings").fetchone()[0] == conn.execute("select findings from runs").fetchone()[0]
    assert conn.execute("select count(*) from run_findings").fetchone()[0] > 0
    # the decoding is exercised: details, reasons, provenances, observed values of several types
    assert sum(1 for r in mine if r[6] is not None) == len(WAIVED) + len(ATTESTED)
    assert {r[5] for r in mine} >= {None, int(Reason.GRADES)}
    assert {r[7] for r in mine} == {int(p) for p in Provenance}
    assert {type(r[4]) for r in mine} >= {type(None), int}
    # the packed columns agree with the stored counts
    counted = conn.execute("select requirement, status, provenance, count(*) from findings group by 1, 2, 3 order by 1, 2, 3")
    assert counted.fetchall() == conn.execute("select * from requirement_counts order by 1, 2, 3").fetchall()
    conn.close()


def m008_database(path: Path) -> None:
    """A records database written before m009: a findings table in the
    m005-m008 form (status and reason codes, typed observed values,
    provenance codes), counts stored as m006/m007 stored them, two runs."""
    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before="m009_packed_findings")
    run = {"region": "test_assess", "plugins": "{}", "facts_file": "f.csv", "facts_sha256": "s", "rules_sha256": "r",
           "as_of": "2025-03-01", "created": "2025-03-01T00:00:00", "schools": 2, "findings": 0, "counts": "{}"}
    db["runs"].insert_all([{**run, "id": 1, "run_key": "k1"}, {**run, "id": 2, "run_key": "k2", "schools": 1}])
    db["schools"].insert_all([
        {"id": 1, "run_id": 1, "school_id": "P1", "school_name": "甲", "grades": "1-6", "facts": "{}"},
        {"id": 2, "run_id": 1, "school_id": "P2", "school_name": "乙", "grades": "7-9", "facts": "{}"},
        {"id": 3, "run_id": 2, "school_id": "P1", "school_name": "甲", "grades": "1-6", "facts": "{}"},
    ])
    base = {"domain": "other", "level": "required", "duty_holder": "school", "text_zh": "要求", "text_en": "req",
            "jurisdiction": "test_assess", "document": "测〔2024〕1号", "clause": "一、1", "quote": "原文"}
    requirements = [
        {"requirement_id": "t.lessons", "scope": "school", "expected": ">= 8 lessons per_semester", "metric_type": "number"},
        {"requirement_id": "t.room", "scope": "school", "expected": "true standing", "metric_type": "boolean"},
        {"requirement_id": "t.plan", "scope": "school", "expected": ">= 1 by_deadline", "metric_type": "number",
         "deadline": "2026-01-01"},
        {"requirement_id": "t.name", "scope": "school", "expected": "text", "metric_type": "text"},
        {"requirement_id": "t.manual", "scope": "manual", "expected": None},
        {"requirement_id": "t.coverage", "scope": "region", "expected": "true by_deadline", "duty_holder": "education_authority"},
    ]
    # run 1: rows 1-6; run 2: rows 10-15 (ids not contiguous across runs)
    db["requirements"].insert_all([{**base, **r, "id": i + 1, "run_id": 1} for i, r in enumerate(requirements)]
                                  + [{**base, **r, "id": i + 10, "run_id": 2} for i, r in enumerate(requirements)])
    s, p = Status, Provenance
    findings = [  # run id, school, requirement, status, observed, reason, detail, provenance
        (1, 1, 1, s.MET, 8, None, None, p.MEASURED),
        (1, 1, 2, s.MET, 1, None, None, p.MEASURED),
        (1, 1, 3, s.NOT_YET_DUE, None, Reason.DUE_LATER, None, p.MEASURED),
        (1, 1, 4, s.MET, "心理健康教育中心", None, None, p.MEASURED),
        (1, 1, 5, s.MET, None, None, None, p.SELF_REPORTED),
        (1, 2, 1, s.NOT_MET, 6.5, None, None, p.MEASURED),
        (1, 2, 2, s.WAIVED, None, None, "教师短缺 (县教育局, until 2026-06-30)", p.MEASURED),
        (1, 2, 3, s.NOT_APPLICABLE, None, Reason.GRADES, None, p.MEASURED),
        (1, 2, 4, s.NOT_MET, '甲"乙\\丙', None, None, p.MEASURED),
        (1, 2, 5, s.NOT_MET, None, None, "attested by 督导室 on 2025-02-01: 查阅台账", p.VERIFIED),
        (1, None, 5, s.MANUAL, None, None, None, p.UNANSWERED),
        (1, None, 6, s.NOT_MET, "1/2", None, "1 school(s) unknown", p.MEASURED),
        (2, 3, 10, s.MET, 7.0, None, None, p.MEASURED),
        (2, 3, 11, s.NOT_MET, 0, None, None, p.MEASURED),
        (2, 3, 12, s.UNKNOWN, None, Reason.ATTRIBUTE_UNKNOWN, None, p.MEASURED),
        (2, 3, 14, s.MET, None, None, None, p.SELF_REPORTED),
        (2, None, 15, s.MET, "1/1", None, "达标", p.MEASURED),
    ]
    conn = db.conn
    conn.executemany("insert into findings (run_id, school, requirement, status, observed, reason, detail, provenance) "
                     "values (?, ?, ?, ?, ?, ?, ?, ?)", [tuple(int(v) if isinstance(v, int) else v for v in f) for f in findings])
    # the counts a run of that time stored with its findings
    conn.execute("insert into requirement_counts select requirement, status, provenance, count(*) from findings group by 1, 2, 3")
    conn.execute(f"update schools set counts = (select {counts_json_sql('f')} from findings f where f.school = schools.id)")
    conn.execute(f"update runs set findings = (select count(*) from findings f where f.run_id = runs.id), "
                 f"counts = (select {counts_json_sql('f')} from findings f where f.run_id = runs.id)")
    conn.commit()
    db.close()


FINDINGS = ("select run_id, school, requirement, status, observed, typeof(observed), reason, detail, provenance from findings "
            "order by run_id, school nulls first, requirement")
DETAILS = "select * from finding_details order by run_id, school_id nulls first, requirement_id"


def test_an_m008_database_migrates_to_packed_findings(tmp_path):
    """m009 packs every school finding of every run and keeps the rest: the
    ``finding_details`` rows, each finding with its observed value's SQLite
    type, its reason, detail and provenance are the same afterwards; the
    findings table is gone (a view now) and the report still reads."""
    path = tmp_path / "m008.db"
    m008_database(path)
    conn = sqlite3.connect(path)
    findings_before = conn.execute(FINDINGS).fetchall()
    details_before = conn.execute(DETAILS).fetchall()
    assert {r[5] for r in findings_before} == {"real", "integer", "text", "null"}
    conn.close()
    db = open_database(path, create=False, readonly=False)  # as `assess` opens it: m009 runs
    assert [m.name for m in migrations.applied(db)][-1] == migrations._migrations[-1].name
    assert "findings" in db.view_names() and "findings" not in db.table_names()
    assert db.execute(FINDINGS).fetchall() == findings_before
    assert db.execute(DETAILS).fetchall() == details_before
    assert db.execute("select id, first_requirement from runs order by id").fetchall() == [(1, 1), (2, 10)]
    assert db.execute("select school, requirement, detail from finding_texts order by 1, 2").fetchall() == [
        (2, 2, "教师短缺 (县教育局, until 2026-06-30)"), (2, 5, "attested by 督导室 on 2025-02-01: 查阅台账")]
    assert db.execute("select count(*) from run_findings").fetchone() == (3,)
    assert db.execute("select finding_codes from schools where id = 3").fetchone()[0] == json.dumps(
        [0 << REQUIREMENT_SHIFT | Status.MET, 1 << REQUIREMENT_SHIFT | Status.NOT_MET,
         2 << REQUIREMENT_SHIFT | Reason.ATTRIBUTE_UNKNOWN << REASON_SHIFT | Status.UNKNOWN,
         4 << REQUIREMENT_SHIFT | Provenance.SELF_REPORTED << PROVENANCE_SHIFT | Status.MET], separators=(",", ":"))
    data = report_data(db, 1)
    assert [(f["requirement_id"], f["status"], f["observed"], f["detail"]) for f in data["region_findings"]] == [
        ("t.manual", "manual", None, None), ("t.coverage", "not_met", "1/2", "1 school(s) unknown")]
    lessons = next(r for r in data["requirements"] if r["requirement_id"] == "t.lessons")
    assert (lessons["counts"]["met"], lessons["counts"]["not_met"]) == (1, 1)
    schools = {s["school_id"]: s for s in data["schools"]}
    assert schools["P2"]["counts"]["waived"] == 1
    assert report_data(db, 2)["region_findings"][0]["observed"] == "1/1"
    db.close()


def test_rollup_reads_a_source_the_same_before_and_after_m009(tmp_path):
    """``source_items`` gives the same items for an m008-era source read
    as it is (the findings table) and for the same database migrated
    (the packed columns)."""
    old = tmp_path / "m008.db"
    m008_database(old)
    new = tmp_path / "m009.db"
    shutil.copy(old, new)
    open_database(new, create=False, readonly=False).close()
    old_conn, new_conn = sqlite3.connect(old), sqlite3.connect(new)
    assert old_conn.execute("select type from sqlite_master where name = 'findings'").fetchone() == ("table",)
    assert new_conn.execute("select type from sqlite_master where name = 'findings'").fetchone() == ("view",)
    for run_id in (1, 2):
        before = source_items(old_conn, run_id, source_run(old_conn, run_id, "old"), "old")
        after = source_items(new_conn, run_id, source_run(new_conn, run_id, "new"), "new")
        assert after == before
        assert sum(item["met"] for item in before) >= 2
    items = {i["requirement_id"]: i for i in source_items(new_conn, 1)}
    assert (items["t.coverage"]["status"], items["t.coverage"]["observed"]) == ("not_met", "1/2")
    assert items["t.manual"]["provenance_counts"] == {"met:self_reported": 1, "not_met:verified": 1, "manual:unanswered": 1}
    assert (items["t.room"]["met"], items["t.room"]["waived"]) == (1, 1)
    old_conn.close()
    new_conn.close()


@pytest.fixture
def hostile(serial, tmp_path) -> Path:
    """A copy of an assessed database, to be spoilt."""
    path = tmp_path / "hostile.db"
    source = sqlite3.connect(serial)
    target = sqlite3.connect(path)
    source.backup(target)
    source.close()
    target.close()
    conn = sqlite3.connect(path)
    meta = source_run(conn, None, "hostile")
    assert source_items(conn, meta["source_run"], meta, "hostile")  # read as it is, it is accepted
    conn.close()
    return path


def spoil(path: Path, codes) -> tuple[sqlite3.Connection, dict]:
    """Set the first school's ``finding_codes`` to ``codes(its codes)``."""
    conn = sqlite3.connect(path)
    school, text = conn.execute("select id, finding_codes from schools order by id limit 1").fetchone()
    conn.execute("update schools set finding_codes = ? where id = ?", [codes(json.loads(text)), school])
    conn.commit()
    return conn, source_run(conn, None, "hostile")


@pytest.mark.parametrize("codes", [
    lambda codes: json.dumps([str(code) for code in codes]),  # the same codes as strings: SQLite would shift them alike
    lambda codes: json.dumps([float(code) for code in codes]),  # ... as reals
    lambda codes: json.dumps(["x", *codes[1:]]),
    lambda codes: json.dumps([-1, *codes[1:]]),
    lambda codes: json.dumps([-codes[0], *codes[1:]]),
    lambda codes: json.dumps([[codes[0]], *codes[1:]]),
    lambda codes: json.dumps([None, *codes[1:]]),
    lambda codes: json.dumps([codes[0] + (1000 << REQUIREMENT_SHIFT), *codes[1:]]),
    # a provenance no xinli writes (7) is never counted as measured
    lambda codes: json.dumps([codes[0] | PROVENANCE_MASK << PROVENANCE_SHIFT, *codes[1:]]),
], ids=["strings", "reals", "a-string", "minus-one", "negative", "nested", "null", "no-such-requirement",
        "no-such-provenance"])
def test_a_packed_code_that_is_not_a_code_refuses_the_source(hostile, codes):
    """A school's packed codes that are not non-negative integers of the
    run's requirements make the roll-up refuse the source as inconsistent,
    even where SQLite's arithmetic would read them as the right codes."""
    conn, meta = spoil(hostile, codes)
    with pytest.raises(Refusal) as refused:
        source_items(conn, meta["source_run"], meta, "hostile")
    assert refused.value.said.key == "source_inconsistent"


@pytest.mark.parametrize("text", ["1,2,3 not json", "4097", '{"a": 1}', "[" * 100_000 + "]" * 100_000])
def test_packed_codes_that_are_not_a_json_array_refuse_the_source(hostile, text):
    """``finding_codes`` that is not JSON at all, a bare number, an object
    or nesting too deep to parse makes the roll-up refuse the source as
    inconsistent, never a silent success."""
    conn, meta = spoil(hostile, lambda codes: text)
    with pytest.raises(Refusal) as refused:
        source_items(conn, meta["source_run"], meta, "hostile")
    assert refused.value.said.key == "source_inconsistent"


def test_a_document_file_is_split_after_reading_and_stores_the_same(facts, henan, tmp_path, monkeypatch):
    """A JSON facts file (no halfway hook) is split once read: a child
    evaluates the later half with the run's waivers and attestations, and
    the stored run equals the serial run of the same file."""
    header, rows = facts
    document = [{key: value for key, value in zip(header, row, strict=True) if value != ""} for row in rows]
    (tmp_path / "facts.json").write_text(json.dumps({"schools": document}, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "waivers.csv").write_text(WAIVERS, encoding="utf-8")
    inputs = (tmp_path / "facts.json", tmp_path / "waivers.csv")
    serial, started = assess_into(henan, inputs, attested_database(tmp_path / "serial.db"), SERIAL, monkeypatch)
    assert serial.created and serial.schools == SCHOOLS and started == []
    split, started = assess_into(henan, inputs, attested_database(tmp_path / "split.db"), 10, monkeypatch)
    assert split.created and started == [(SCHOOLS // 2, SCHOOLS)]
    assert_no_child()
    assert stored(tmp_path / "split.db") == stored(tmp_path / "serial.db")
    found = special_findings(tmp_path / "split.db")
    assert [found[pair][0] for pair in WAIVED] == [Status.WAIVED] * 2
    assert [found[pair][:2] for pair in ATTESTED] == [(Status.NOT_MET, Provenance.VERIFIED)] * 2


def test_the_scratch_files_go_when_the_run_ends(facts, henan, inputs, tmp_path, monkeypatch):
    """The evaluated schools are staged in a private scratch directory that
    is removed when the run ends, written or refused; the part files hold
    school-level rows only while the run lasts."""
    import tempfile

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    seen = []
    original = packing._open_part

    def spy(path):
        seen.append(path)
        assert oct(path.parent.stat().st_mode & 0o777) == "0o700"  # readable by this user only
        return original(path)

    monkeypatch.setattr(packing, "_open_part", spy)
    split_from(monkeypatch, 10)
    assert assess(henan, "henan", inputs[0], tmp_path / "r.db", AS_OF, waivers_path=inputs[1]).created
    assert seen and list(scratch.iterdir()) == []
    header, rows = facts
    rows = [list(row) for row in rows]
    rows[SCHOOLS - 1][header.index("fulltime_psych_teachers")] = "-1"
    (tmp_path / "bad.csv").write_text(to_csv(header, rows), encoding="utf-8")
    with pytest.raises(FactsError):
        assess(henan, "henan", tmp_path / "bad.csv", tmp_path / "r2.db", AS_OF)
    assert list(scratch.iterdir()) == []
    assert_no_child()


def test_no_scratch_space_is_one_line_and_exit_2(facts, tmp_path, monkeypatch):
    """Without a writable temporary directory ``assess`` says so in one
    line naming it (in Chinese by default), exits 2 and writes nothing."""
    import tempfile

    header, rows = facts
    (tmp_path / "facts.csv").write_text(to_csv(header, rows), encoding="utf-8")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "no-such-directory"))
    db = tmp_path / "r.db"
    result = CliRunner().invoke(cli, ["assess", "--region", "henan", "--facts", str(tmp_path / "facts.csv"), "--db", str(db),
                                      "--as-of", AS_OF.isoformat()])
    assert result.exit_code == 2, result.output
    assert "no-such-directory" in result.output and "无法创建临时工作目录" in result.output and "TMPDIR" in result.output
    assert not db.exists()


def test_a_scratch_file_that_cannot_be_written_is_one_line(henan, inputs, tmp_path, monkeypatch):
    """A scratch file SQLite cannot write (a full disk, say) stops the run
    with a named error and nothing written."""
    def unwritable(path):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(packing, "_open_part", unwritable)
    with pytest.raises(XinliError, match="cannot write a scratch file: database or disk is full"):
        assess(henan, "henan", inputs[0], tmp_path / "r.db", AS_OF)
    assert not (tmp_path / "r.db").exists()
