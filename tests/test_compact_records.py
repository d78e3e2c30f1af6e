"""Compact findings (schema version 3): reports read the same as before the
change, an existing database migrates, and every report and canned query
is answered through an index."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from fixture_plugins import AssessProvince

from xinli.core.assessment.pipeline import assess
from xinli.core.assessment.statuses import STATUS_CODES, STATUS_NAMES, STATUSES, Status
from xinli.core.records.browse import QUERIES
from xinli.core.records.database import migrations, open_database
from xinli.core.records.report import report_data
from xinli.core.registry import load_plugins

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden"
HEADER = ("school_id,school_name,grades,boarding,area_centre_school,psych_lessons_per_semester,resilience_content_share,"
          "dorm_psych_monitors,area_fulltime_psych_posts,has_counseling_room,crisis_plan_in_place\n")
RUN_1 = HEADER + "P1,小学,1-6,是,否,8,0.5,是,,是,\nP2,中学,7-12,否,是,6,0.4,,4,否,\nP3,高中,10-12,,,,,,,,\nP4,a,1-6,否,否,6,0.5,,,是,\n"
RUN_2 = HEADER + "P1,小学,1-6,是,否,8,0.5,否,,是,\nP2,中学,7-12,否,是,9,0.4,,4,否,\nP3,高中,10-12,,,,,,,,\nP4,a,1-6,否,否,6,0.5,,,是,\n"
WAIVERS = ("school_id,requirement_id,justification,approved_by,start,expiry\n"
           "P4,test_assess.curriculum.lessons,教师短缺,县教育局〔2025〕1号,2025-01-01,2025-06-30\n")


def golden(name: str):
    return json.loads((GOLDEN / name).read_text(encoding="utf-8"))


def comparable(data: dict) -> dict:
    data = json.loads(json.dumps(data, ensure_ascii=False))
    data["run"].pop("created")
    data.pop("verification", None)  # added by issue 20 after the goldens: nothing verified in these runs
    return data


@pytest.fixture
def two_runs(tmp_path) -> Path:
    """Two runs of the invented province (every status, a waiver, changes)."""
    registry = load_plugins(entry_points=[], extra=[("test_assess", AssessProvince())])
    (tmp_path / "f1.csv").write_text(RUN_1, encoding="utf-8")
    (tmp_path / "f2.csv").write_text(RUN_2, encoding="utf-8")
    (tmp_path / "w.csv").write_text(WAIVERS, encoding="utf-8")
    db = tmp_path / "a.db"
    # the facts cover a completed school year: a count below target is not met, not in progress
    assess(registry, "test_assess", tmp_path / "f1.csv", db, dt.date(2025, 3, 1), tmp_path / "w.csv", period="2023-2024")
    assess(registry, "test_assess", tmp_path / "f2.csv", db, dt.date(2025, 3, 1), tmp_path / "w.csv", period="2023-2024")
    return db


def test_status_codes_are_one_table():
    from xinli.core.assessment import assess as assess_module

    assert STATUSES == ("met", "not_met", "unknown", "not_applicable", "not_yet_due", "waived", "manual",
                        "adopted", "not_adopted", "not_required", "in_progress")
    assert assess_module.STATUSES is STATUSES
    assert all(STATUS_CODES[STATUS_NAMES[int(s)]] == s for s in Status)


def test_report_numbers_unchanged_on_the_example_data(tmp_path):
    """tests/golden/report_nanchang.json was written by the version before compact findings (main at the
    merge of issue 11, storing statuses as text)."""
    registry = load_plugins(only=["nanchang"])
    assess(registry, "nanchang", ROOT / "examples" / "nanchang-schools.csv", tmp_path / "n.db", dt.date(2026, 11, 1))
    assert comparable(report_data(open_database(tmp_path / "n.db", create=False))) == golden("report_nanchang.json")


def test_report_and_details_unchanged_for_every_status(two_runs):
    """The goldens were written by the version before compact findings."""
    assert comparable(report_data(open_database(two_runs, create=False))) == golden("report_test_assess.json")
    rows = sqlite3.connect(two_runs).execute(
        "select * from finding_details order by run_id, school_id, requirement_id").fetchall()
    assert [list(r) for r in rows] == golden("finding_details_test_assess.json")


def test_findings_are_integers(two_runs):
    conn = sqlite3.connect(two_runs)
    types = conn.execute(
        "select distinct typeof(run_id), typeof(school), typeof(requirement), typeof(status) from findings where school is not null"
    ).fetchall()
    assert types == [("integer", "integer", "integer", "integer")]
    observed = {r[0] for r in conn.execute("select distinct typeof(observed) from findings where school is not null")}
    assert observed <= {"integer", "real", "null"}
    texts = conn.execute("select count(*) from findings where school is not null and detail is not null").fetchone()[0]
    waived = conn.execute(f"select count(*) from findings where status = {Status.WAIVED:d}").fetchone()[0]
    assert texts == waived == 2  # only a waiver's own words are stored as text on a school's row


def old_database(path: Path) -> None:
    """A records database written by version 2 of the schema: statuses,
    observed values and details as text."""
    db = sqlite_utils.Database(path)
    migrations.apply(db, stop_before="m005_compact_findings")
    db["runs"].insert({"id": 1, "region": "test_assess", "run_key": "k", "plugins": "{}", "facts_file": "f.csv",
                       "facts_sha256": "s", "rules_sha256": "r", "as_of": "2025-03-01", "created": "2025-03-01T00:00:00",
                       "schools": 2, "findings": 7, "counts": "{}"})
    db["schools"].insert_all([{"id": 1, "run_id": 1, "school_id": "P1", "school_name": "甲", "grades": "1-6", "facts": "{}"},
                              {"id": 2, "run_id": 1, "school_id": "P2", "school_name": "乙", "grades": "7-9", "facts": "{}"}])
    base = {"run_id": 1, "domain": "other", "level": "required", "duty_holder": "school", "text_zh": "要求",
            "text_en": "req", "jurisdiction": "test_assess", "document": "测〔2024〕1号", "clause": "一、1", "quote": "原文"}
    db["requirements"].insert_all([
        {**base, "id": 1, "requirement_id": "t.lessons", "scope": "school", "expected": ">= 8 lessons per_semester"},
        {**base, "id": 2, "requirement_id": "t.room", "scope": "school", "expected": "true standing"},
        {**base, "id": 3, "requirement_id": "t.coverage", "scope": "region", "expected": "true by_deadline"},
    ])
    db["findings"].insert_all([
        {"id": 1, "run_id": 1, "school": 1, "requirement": 1, "status": "met", "observed": "8", "detail": None},
        {"id": 2, "run_id": 1, "school": 1, "requirement": 2, "status": "met", "observed": "true", "detail": None},
        {"id": 3, "run_id": 1, "school": 2, "requirement": 1, "status": "not_met", "observed": "6.5", "detail": None},
        {"id": 4, "run_id": 1, "school": 2, "requirement": 2, "status": "not_applicable", "observed": None, "detail": "grades"},
        {"id": 5, "run_id": 1, "school": 2, "requirement": 2, "status": "waived", "observed": None, "detail": "短缺 (局, 至 06-30)"},
        {"id": 6, "run_id": 1, "school": 1, "requirement": 1, "status": "not_yet_due", "observed": None, "detail": "due 2026-01-01"},
        {"id": 7, "run_id": 1, "school": None, "requirement": 3, "status": "not_met", "observed": "1/2", "detail": "1 school(s) unknown"},
    ])
    db.close()


def test_a_version_2_database_migrates(tmp_path):
    path = tmp_path / "old.db"
    old_database(path)
    before = sqlite3.connect(path).execute(
        "select * from finding_details order by school_id, requirement_id, status").fetchall()
    db = open_database(path, create=False, readonly=False)  # as `assess` opens it: migrations run
    names = [m.name for m in migrations.applied(db)]
    assert names[names.index("m005_compact_findings"):][:3] == ["m005_compact_findings", "m006_requirement_counts",
                                                                "m007_provenance"]
    assert names[-1] == migrations._migrations[-1].name  # and every later one
    after = db.execute("select run_id, school_id, school_name, requirement_id, scope, level, status, expected, observed, "
                       "detail, document, clause, quote from finding_details "
                       "order by school_id, requirement_id, status").fetchall()
    assert after == before
    assert db.execute("select status, typeof(observed), reason, detail from findings where school = 2 and requirement = 2 "
                      f"and status = {Status.NOT_APPLICABLE:d}").fetchone() == (Status.NOT_APPLICABLE, "null", 1, None)
    assert db.execute("select observed, typeof(observed) from findings where school = 2 and requirement = 1").fetchone() == (
        6.5, "real")
    assert db.execute(f"select detail from findings where status = {Status.WAIVED:d}").fetchone() == ("短缺 (局, 至 06-30)",)
    data = report_data(db)
    assert data["region_findings"][0]["observed"] == "1/2" and data["region_findings"][0]["status"] == "not_met"
    lessons = data["requirements"][0]
    assert lessons["counts"]["met"] == 1 and lessons["counts"]["not_met"] == 1
    # m006 counted the old run once and dropped the (requirement, status) index
    counted = db.execute("select requirement, status, sum(n) from requirement_counts group by 1, 2 order by 1, 2").fetchall()
    assert counted == db.execute("select requirement, status, count(*) from findings group by 1, 2 order by 1, 2").fetchall()
    # m009 packed each school's findings on its row; the findings view shows them as before
    assert "findings" in db.view_names() and "findings" not in db.table_names()
    assert db.execute("select finding_codes is not null, finding_observed is not null from schools order by id").fetchall() == [
        (1, 1), (1, 1)]
    assert db.execute("select count(*) from run_findings").fetchone() == (1,)


REPORT_QUERIES = {
    "requirement counts": "select requirement, status, n from requirement_counts "
                          "where requirement in (select id from requirements where run_id = 1)",
    "required not met": "select f.school, r.requirement_id from findings_of_schools f cross join requirements r on r.id = f.requirement "
                        f"where f.school between 1 and 3 and f.status = {Status.NOT_MET:d} and r.level = 'required' "
                        "order by f.school, r.id",
    "region findings": "select r.requirement_id, f.status from requirements r join run_findings f on f.requirement = r.id "
                       "where r.run_id = 1 and r.scope != 'school' order by r.id",
    "status grid": "select f.school, f.requirement, f.status from schools s join findings_of_schools f on f.school = s.id "
                   "where s.run_id = 1",
}


@pytest.mark.parametrize("name", sorted(QUERIES) + sorted(REPORT_QUERIES))
def test_every_query_is_answered_through_an_index(two_runs, name):
    """No report or canned query scans the findings (EXPLAIN QUERY PLAN): a
    school's are expanded from its own row, found by its key or the run's
    index, and the run's own findings are found by requirement; nothing
    materialises the whole ``findings`` view."""
    sql = QUERIES[name]["sql"] if name in QUERIES else REPORT_QUERIES[name]
    conn = sqlite3.connect(two_runs)
    plan = " | ".join(row[3] for row in conn.execute("explain query plan " + sql, {"run_id": "1", "school_id": "P1", "rollup_id": "1"}))
    for scan in ("SCAN f ", "SCAN s ", "SCAN schools", "SCAN run_findings", "MATERIALIZE"):
        assert scan not in plan + " ", plan


@pytest.mark.parametrize("name", ["schools", "not met"])
def test_the_json_reports_school_queries_read_in_school_order_without_a_sort(two_runs, name):
    """The two cursors of the streamed JSON report each walk the schools'
    primary key in school order (a school's findings expanded from its own
    row): no scan of a table, no temporary sort."""
    from xinli.core.records.report import school_json_queries

    sql, args = school_json_queries(1, 1, 3)[name]
    conn = sqlite3.connect(two_runs)
    plan = " | ".join(row[3] for row in conn.execute("explain query plan " + sql, args))
    assert "USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)" in plan and "TEMP B-TREE" not in plan, plan
    assert not [step for step in plan.split(" | ") if step.startswith("SCAN") and "VIRTUAL TABLE" not in step], plan


def test_json_school_lines_equal_the_python_entries(two_runs):
    """SQLite's lines hold exactly what :func:`iter_schools` builds, in the same order."""
    from xinli.core.records.report import iter_school_json, iter_schools

    db = open_database(two_runs, create=False)
    for run_id in (1, 2):
        lines = list(iter_school_json(db, run_id))
        assert [json.loads(line) for line in lines] == list(iter_schools(db, run_id))
        assert lines and all(isinstance(line, str) and "\n" not in line for line in lines)


def test_streamed_json_report_is_the_same_report(two_runs, run):
    from xinli.core.render.report import render_report_json_chunks

    db = open_database(two_runs, create=False)
    streamed = "".join(render_report_json_chunks(report_data(db, stream_schools=True)))
    assert comparable(json.loads(streamed)) == golden("report_test_assess.json")
    indented = json.dumps(report_data(db), ensure_ascii=False, indent=2)
    assert streamed.count("\n") < indented.count("\n") / 3  # one line per school and requirement, not per value
    cli = run("report", "--db", str(two_runs), "--format", "json")
    assert cli.exit_code == 0 and comparable(json.loads(cli.stdout)) == golden("report_test_assess.json")


def test_streamed_json_with_no_schools():
    from xinli.core.render.report import render_report_json_chunks

    assert json.loads("".join(render_report_json_chunks({"schema": "s", "schools": iter(()), "requirements": []}))) == {
        "schema": "s", "schools": [], "requirements": []}


def test_rollup_reads_sources_before_and_after_compact_findings(tmp_path, two_runs):
    """A roll-up opens source databases read-only, so a county's database
    may still be in the text form; both forms read the same."""
    from xinli.core.records.rollup import source_items, source_schools

    path = tmp_path / "old.db"
    old_database(path)
    old = sqlite3.connect(path)
    items = {i["requirement_id"]: i for i in source_items(old, 1)}
    assert (items["t.lessons"]["met"], items["t.lessons"]["not_met"], items["t.lessons"]["not_yet_due"]) == (1, 1, 1)
    assert (items["t.coverage"]["status"], items["t.coverage"]["observed"]) == ("not_met", "1/2")
    assert list(source_schools(old, 1, ["boarding"])) == [("P1", "1-6", None), ("P2", "7-9", None)]
    new = sqlite3.connect(two_runs)
    items = {i["requirement_id"]: i for i in source_items(new, 1)}
    assert items["test_assess.other.coverage"]["status"] == "not_met"
    schools = {row[0]: row[2:] for row in source_schools(new, 1, ["psych_lessons_per_semester", "boarding", "no_such"])}
    assert schools["P1"] == (8, 1, None) and schools["P3"] == (None, None, None)


def test_stored_school_counts_equal_the_findings(two_runs, tmp_path):
    """Each school's counts, counted from the staged rows while evaluating,
    are the counts of its findings; a migrated database is counted by SQL
    into the same text."""
    from xinli.core.assessment.statuses import counts_json_sql

    for path in (two_runs, tmp_path / "old.db"):
        if path != two_runs:
            old_database(path)
            open_database(path, create=False, readonly=False).close()  # migrate
        conn = sqlite3.connect(path)
        stored = conn.execute("select id, counts from schools order by id").fetchall()
        counted = dict(conn.execute(f"select school, {counts_json_sql('findings')} from findings "
                                    "where school is not null group by school").fetchall())
        assert stored and [(sid, counted.get(sid)) for sid, _ in stored] == stored
        assert all(json.loads(text)["met"] >= 0 for _sid, text in stored if text)


def test_stored_requirement_counts_equal_the_findings(two_runs):
    """The counts a run stores while it is evaluated (m006) are the counts of
    its findings, region findings and waived or attested rows included."""
    conn = sqlite3.connect(two_runs)
    stored = conn.execute("select requirement, status, n from requirement_counts order by 1, 2").fetchall()
    counted = conn.execute("select requirement, status, count(*) from findings group by 1, 2 order by 1, 2").fetchall()
    assert stored == counted and len({r for r, _s, _n in stored}) > 3
    assert {s for _r, s, _n in stored} >= {Status.MET, Status.NOT_MET}
