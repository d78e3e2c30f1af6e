"""Facts reading, evaluation and records, on an invented province whose
rules exercise every finding status."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import stat

import pytest
from fixture_plugins import AssessProvince

from xinli.core.assessment.facts import FactsError, format_grades, parse_grades, read_facts
from xinli.core.assessment.pipeline import assess
from xinli.core.errors import XinliError
from xinli.core.records.database import APPLICATION_ID, migrations, open_database
from xinli.core.records.report import report_data
from xinli.core.registry import load_plugins

HEADER = "school_id,school_name,grades,boarding,area_centre_school,psych_lessons_per_semester,resilience_content_share," \
         "dorm_psych_monitors,area_fulltime_psych_posts,has_counseling_room,crisis_plan_in_place\n"


@pytest.fixture
def registry():
    return load_plugins(entry_points=[], extra=[("test_assess", AssessProvince())])


@pytest.fixture
def columns(registry):
    from xinli.core.assessment.facts import columns_for
    from xinli.core.assessment.metrics import collect_metrics
    from xinli.core.views.checklist import build_checklist

    return columns_for(build_checklist(registry, "test_assess"), collect_metrics(registry))


def write(tmp_path, text, name="facts.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def findings(db_path, run_id=1):
    conn = sqlite3.connect(db_path)
    rows = conn.execute(
        "select school_id, requirement_id, status, observed from finding_details where run_id = ? order by 1, 2", [run_id]
    ).fetchall()
    conn.close()
    return {(s, r): (status, obs) for s, r, status, obs in rows}


def test_grades_parse_and_format():
    assert parse_grades("1-6") == (1, 2, 3, 4, 5, 6)
    assert parse_grades("7-9, 10-12") == tuple(range(7, 13))
    assert format_grades(parse_grades("1-6,10-12")) == "1-6,10-12"
    for bad in ("0-6", "7-13", "6-1", "primary", ""):
        with pytest.raises(ValueError):
            parse_grades(bad)


def test_template_columns_follow_the_rules(columns):
    # attributes first, then metrics in checklist order (staffing, curriculum, other)
    assert columns.names == [
        "school_id", "school_name", "grades", "boarding", "area_centre_school", "dorm_psych_monitors",
        "area_fulltime_psych_posts", "psych_lessons_per_semester", "resilience_content_share", "has_counseling_room",
        "crisis_plan_in_place", "self:test_assess.other.manual", "evidence:other",
    ]


def values(school, columns):
    return dict(zip(columns.names[3:], school.values, strict=True))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_encodings_and_chinese_headers(tmp_path, columns, encoding):
    text = "学校代码,学校名称,年级,寄宿制学校,每学期心理健康课时数\nS1,第一小学,1-6,是,8\nS2,第二中学,7-9,否,\n"
    schools = read_facts(write(tmp_path, text, encoding=encoding), columns)
    assert [s.school_name for s in schools] == ["第一小学", "第二中学"]
    first = values(schools[0], columns)
    assert (first["boarding"], first["area_centre_school"], first["psych_lessons_per_semester"]) == (True, None, 8)
    assert values(schools[1], columns)["psych_lessons_per_semester"] is None  # empty cell = unknown


@pytest.mark.parametrize("word,value", [("true", True), ("1", True), ("是", True), ("有", True),
                                        ("false", False), ("0", False), ("否", False), ("无", False)])
def test_boolean_words(tmp_path, columns, word, value):
    schools = read_facts(write(tmp_path, f"school_id,grades,boarding\nS1,1-6,{word}\n"), columns)
    assert schools[0].values[0] is value


def test_every_problem_is_reported_with_row_column_value_and_reason(tmp_path, columns):
    text = (
        "school_id,grades,psych_lessons_per_semester,学生姓名,colour\n"
        "S1,1-6,-2,x,y\n"
        "S1,1-14,abc,x,y\n"
    )
    with pytest.raises(FactsError) as info:
        read_facts(write(tmp_path, text), columns)
    messages = [str(p) for p in info.value.problems]
    assert "facts.csv, row 1, column 学生姓名: looks like student-level data; xinli keeps school-level facts only" in messages
    assert "facts.csv, row 1, column colour: unknown column for this region (see `xinli facts-template`)" in messages


def test_value_problems_are_all_reported(tmp_path, columns):
    text = "school_id,grades,psych_lessons_per_semester,boarding\nS1,1-6,-2,maybe\nS1,1-14,abc,1\n"
    with pytest.raises(FactsError) as info:
        read_facts(write(tmp_path, text), columns)
    messages = [str(p) for p in info.value.problems]
    assert "facts.csv, row 2, column psych_lessons_per_semester: '-2': a count cannot be negative" in messages
    assert any(m.startswith("facts.csv, row 2, column boarding: 'maybe'") for m in messages)
    assert "facts.csv, row 3, column school_id: 'S1': duplicate school_id" in messages
    assert any(m.startswith("facts.csv, row 3, column grades: '1-14': unknown grades") for m in messages)
    assert "facts.csv, row 3, column psych_lessons_per_semester: 'abc': expected a whole number" in messages


def test_missing_required_column(tmp_path, columns):
    with pytest.raises(FactsError, match="column grades: required column is missing"):
        read_facts(write(tmp_path, "school_id,boarding\nS1,1\n"), columns)


def test_toml_and_json_facts(tmp_path, columns):
    toml_text = '[[schools]]\nschool_id = "S1"\ngrades = "1-6"\nboarding = true\npsych_lessons_per_semester = 9\n'
    json_text = json.dumps({"schools": [{"school_id": "S1", "grades": "1-6", "boarding": True,
                                         "psych_lessons_per_semester": 9}]})
    for name, text in (("f.toml", toml_text), ("f.json", json_text)):
        (school,) = read_facts(write(tmp_path, text, name), columns)
        got = values(school, columns)
        assert (got["boarding"], got["psych_lessons_per_semester"]) == (True, 9)
    with pytest.raises(FactsError, match="student-level"):
        read_facts(write(tmp_path, '[[schools]]\nschool_id="S1"\ngrades="1-6"\nid_card="x"\n', "g.toml"), columns)


def test_every_status(tmp_path, registry):
    facts = write(tmp_path, HEADER + (
        "P1,小学,1-6,是,否,8,0.5,是,,是,\n"      # met lessons and share and dorm, posts n/a, plan not yet due
        "P2,中学,7-12,否,是,6,0.4,,4,否,\n"      # lessons not met, share not met, dorm n/a, posts not met
        "P3,高中,10-12,,,,,,,,\n"                 # lessons n/a by grades, unknowns
    ))
    result = assess(registry, "test_assess", facts, tmp_path / "r.db", dt.date(2025, 1, 1), period="2023-2024")
    assert result.created and result.schools == 3
    got = findings(tmp_path / "r.db")
    assert got[("P1", "test_assess.curriculum.lessons")] == ("met", "8")
    assert got[("P2", "test_assess.curriculum.lessons")] == ("not_met", "6")
    assert got[("P3", "test_assess.curriculum.lessons")][0] == "not_applicable"
    assert got[("P1", "test_assess.curriculum.share")] == ("met", "0.5")
    assert got[("P2", "test_assess.curriculum.share")] == ("not_met", "0.4")
    assert got[("P3", "test_assess.curriculum.share")] == ("unknown", None)
    # a permitted item is adopted or not, never met / not met
    assert got[("P1", "test_assess.staffing.dorm-monitors")] == ("adopted", "true")
    assert got[("P2", "test_assess.staffing.dorm-monitors")][0] == "not_applicable"
    assert got[("P3", "test_assess.staffing.dorm-monitors")][0] == "unknown"
    assert got[("P1", "test_assess.staffing.posts")][0] == "not_applicable"
    # a range's lower end binds unless the rule says otherwise: 4 posts is at least 2
    assert got[("P2", "test_assess.staffing.posts")] == ("met", "4")
    assert got[("P1", "test_assess.other.future")][0] == "not_yet_due"
    # a school duty checked by hand is each school's own row: no 自查 column in this file -> unanswered (manual)
    assert got[("P1", "test_assess.other.manual")] == ("manual", None)
    # region findings: 1 of 3 schools has a room, 1 has none, 1 unknown -> full coverage is not met
    region = {r: v for (s, r), v in got.items() if s is None}
    assert region["test_assess.other.coverage"] == ("not_met", "1/3")
    assert region["test_assess.other.authority"] == ("manual", None)
    assert "test_assess.other.manual" not in region


def test_region_target_not_yet_due_and_met(tmp_path, registry):
    facts = write(tmp_path, HEADER + "P1,a,1-6,,,,,,,是,\nP2,b,7-9,,,,,,,是,\n")
    assess(registry, "test_assess", facts, tmp_path / "r.db", dt.date(2024, 6, 1))
    assess(registry, "test_assess", facts, tmp_path / "r.db", dt.date(2025, 6, 1))
    early = {r: v for (s, r), v in findings(tmp_path / "r.db", 1).items() if s is None}
    late = {r: v for (s, r), v in findings(tmp_path / "r.db", 2).items() if s is None}
    assert early["test_assess.other.coverage"][0] == "not_yet_due"
    assert late["test_assess.other.coverage"] == ("met", "2/2")


def test_rerun_is_idempotent(tmp_path, registry):
    facts = write(tmp_path, HEADER + "P1,a,1-6,是,否,8,0.5,是,,是,\n")
    first = assess(registry, "test_assess", facts, tmp_path / "r.db", dt.date(2025, 1, 1))
    second = assess(registry, "test_assess", facts, tmp_path / "r.db", dt.date(2025, 1, 1))
    assert second.run_id == first.run_id and not second.created
    conn = sqlite3.connect(tmp_path / "r.db")
    assert conn.execute("select count(*) from runs").fetchone()[0] == 1
    assert conn.execute("select count(*) from findings").fetchone()[0] == first.findings


def test_waivers(tmp_path, registry):
    facts = write(tmp_path, HEADER + "P1,a,1-6,否,否,6,0.5,,,是,\n")
    waivers = write(tmp_path, "school_id,requirement_id,justification,approved_by,start,expiry\n"
                              "P1,test_assess.curriculum.lessons,教师短缺,县教育局〔2025〕1号,2025-01-01,2025-06-30\n",
                    "waivers.csv")
    assess(registry, "test_assess", facts, tmp_path / "r.db", dt.date(2025, 3, 1), waivers, period="2023-2024")
    assess(registry, "test_assess", facts, tmp_path / "r.db", dt.date(2025, 9, 1), waivers, period="2023-2024")
    assert findings(tmp_path / "r.db", 1)[("P1", "test_assess.curriculum.lessons")][0] == "waived"
    assert findings(tmp_path / "r.db", 2)[("P1", "test_assess.curriculum.lessons")] == ("not_met", "6")
    bad = write(tmp_path, "school_id,requirement_id,justification,approved_by,start,expiry\n"
                          "P9,test_assess.curriculum.nope,x,y,2025-01-01,2024-01-01\n", "bad.csv")
    with pytest.raises(FactsError) as info:
        assess(registry, "test_assess", facts, tmp_path / "r.db", dt.date(2025, 3, 1), bad)
    text = str(info.value)
    assert "unknown school" in text and "unknown requirement" in text


def test_database_is_private_and_in_wal_mode(tmp_path, registry):
    facts = write(tmp_path, HEADER + "P1,a,1-6,,,,,,,,\n")
    assess(registry, "test_assess", facts, tmp_path / "r.db", dt.date(2025, 1, 1))
    assert stat.S_IMODE(os.stat(tmp_path / "r.db").st_mode) == 0o600
    conn = sqlite3.connect(tmp_path / "r.db")
    assert conn.execute("pragma journal_mode").fetchone()[0] == "wal"


def test_report_with_changes(tmp_path, registry):
    db = tmp_path / "r.db"
    assess(registry, "test_assess", write(tmp_path, HEADER + "P1,a,1-6,否,否,6,0.5,,,是,\n"), db, dt.date(2025, 1, 1), period="2023-2024")
    assess(registry, "test_assess", write(tmp_path, HEADER + "P1,a,1-6,否,否,9,0.5,,,是,\n", "f2.csv"), db,
           dt.date(2025, 1, 1), period="2023-2024")
    data = report_data(open_database(db, create=False))
    assert data["run"]["id"] == 2
    lessons = next(r for r in data["requirements"] if r["requirement_id"] == "test_assess.curriculum.lessons")
    assert lessons["counts"]["met"] == 1 and lessons["share_met"] == 1.0
    assert data["changes"]["from_run"] == 1
    assert data["changes"]["changed"] == [
        {"school_id": "P1", "requirement_id": "test_assess.curriculum.lessons", "before": "not_met", "after": "met"}
    ]
    first = report_data(open_database(db, create=False), run_id=1)
    (school,) = first["schools"]
    assert [m["requirement_id"] for m in school["required_not_met"]] == ["test_assess.curriculum.lessons"]


FRESH_SCHEMA = {
    "runs": ["id", "region", "run_key", "plugins", "facts_file", "facts_sha256", "rules_sha256", "as_of", "created",
             "schools", "findings", "counts", "waivers_sha256", "fact_columns", "provenance_counts", "period",
             "region_facts_file", "region_facts_sha256", "first_requirement"],
    "schools": ["id", "run_id", "school_id", "school_name", "grades", "facts", "counts", "provenance_counts",
                "finding_codes", "finding_observed"],
    "requirements": ["id", "run_id", "requirement_id", "domain", "level", "duty_holder", "scope", "text_zh", "text_en",
                     "jurisdiction", "document", "clause", "quote", "expected", "metric_type", "deadline"],
    "run_findings": ["run_id", "requirement", "status", "observed", "reason", "detail", "provenance"],
    "finding_texts": ["school", "requirement", "detail"],
    "waivers": ["id", "run_id", "school_id", "requirement_id", "justification", "approved_by", "start", "expiry"],
    "attestations": ["id", "region", "school_id", "requirement_id", "checked_by", "checked_on", "result", "evidence", "recorded"],
    "_sqlite_migrations": ["id", "migration_set", "name", "applied_at"],
    "rollups": ["id", "region", "region_name_zh", "region_name_en", "rollup_key", "as_of", "created", "rules_sha256",
                "plugins", "sources", "schools", "warnings"],
    "rollup_sources": ["id", "rollup_id", "source_file", "source_run", "region", "region_name_zh", "region_name_en", "as_of",
                       "created", "run_key", "rules_sha256", "plugins", "facts_sha256", "waivers_sha256", "schools",
                       "findings", "counts", "superseded_by"],
    "rollup_items": ["id", "rollup_source", "requirement_id", "scope", "level", "jurisdiction", "text_zh", "text_en",
                     "expected", "document", "clause", "met", "not_met", "unknown", "not_applicable", "not_yet_due",
                     "waived", "manual", "status", "observed", "detail", "adopted", "not_adopted", "not_required",
                     "in_progress", "provenance_counts"],
    "rollup_targets": ["id", "rollup_id", "requirement_id", "level", "text_zh", "text_en", "expected", "target_share",
                       "deadline", "document", "clause", "quote", "status", "observed", "detail"],
    "rollup_statuses": ["rollup_source", "school_id", "requirement_id", "status"],
    "statuses": ["code", "name"],
    "provenances": ["code", "name"],
    "requirement_counts": ["requirement", "status", "provenance", "n"],
    "samples": ["id", "run_id", "region", "seed", "rule", "created", "schools", "items"],
    "sample_items": ["sample_id", "school_id", "requirement_id"],
}
FRESH_INDEXES = {
    "runs": [["region", "created"], ["run_key"]],
    "schools": [["run_id", "school_id"]],
    "requirements": [["run_id", "requirement_id"]],
    "run_findings": [["requirement"]],
    "finding_texts": [["school", "requirement"]],  # its primary key
    "waivers": [["run_id"]],
    "rollups": [["rollup_key"]],
    "rollup_sources": [["rollup_id"]],
    "rollup_items": [["rollup_source"]],
    "rollup_targets": [["rollup_id"]],
    "rollup_statuses": [["rollup_source", "requirement_id", "status"]],
    "attestations": [["region", "requirement_id", "school_id", "checked_on"]],
    "statuses": [["name"]],
    "provenances": [["name"]],
    "requirement_counts": [["requirement", "status", "provenance"]],  # its primary key
    "samples": [["run_id", "seed", "rule"]],
    "sample_items": [["sample_id"]],
}


def schema_of(db):
    return {t.name: [c.name for c in t.columns] for t in db.tables}


def indexes_of(db):
    return {t.name: sorted(i.columns for i in t.indexes) for t in db.tables if t.name != "_sqlite_migrations"}


def test_fresh_database_schema(tmp_path):
    db = open_database(tmp_path / "fresh.db")
    assert schema_of(db) == FRESH_SCHEMA
    assert indexes_of(db) == {k: sorted(v) for k, v in FRESH_INDEXES.items()}
    assert sorted(db.view_names()) == ["finding_details", "findings", "findings_of_schools"]
    fks = {(fk.table, fk.column, fk.other_table) for t in db.tables for fk in t.foreign_keys}
    assert ("run_findings", "requirement", "requirements") in fks and ("finding_texts", "school", "schools") in fks
    assert [m.name for m in migrations.applied(db)] == [
        "m001_initial", "m002_waivers", "m003_rollups", "m004_attestations", "m005_compact_findings",
        "m006_requirement_counts", "m007_provenance", "m008_spot_checks", "m009_packed_findings"]


def test_upgrade_from_the_first_version(tmp_path):
    import sqlite_utils

    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    migrations.apply(old, stop_before="m002_waivers")
    old["runs"].insert({"id": 1, "region": "henan", "run_key": "k", "facts_sha256": "s", "as_of": "2024-01-01",
                        "created": "2024-01-01T00:00:00", "schools": 0, "findings": 0, "counts": "{}"})
    assert "detail" not in [c.name for c in old["findings"].columns]
    old.close()
    with pytest.raises(XinliError, match="earlier xinli version"):
        open_database(path, create=False)  # read commands never migrate
    messages = []
    db = open_database(path, notify=messages.append)
    assert "m002_waivers" in messages[0]
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert schema_of(db) == FRESH_SCHEMA
    assert indexes_of(db) == {k: sorted(v) for k, v in FRESH_INDEXES.items()}
    assert db.execute("select region from runs").fetchall() == [("henan",)]


def test_plugins_register_metrics_and_a_clash_names_both():
    from fixture_plugins import Province

    from xinli.core import hookimpl
    from xinli.core.assessment.metrics import Metric, collect_metrics
    from xinli.core.errors import PluginError

    def metric(label):
        return Metric("sand_tray_rooms", (label, "sand-tray rooms"), "integer", "rooms", ("沙盘室间数。", "Sand-tray rooms."))

    class Adds(Province):
        def __init__(self, code, label):
            self.code, self.label = code, label

        @hookimpl
        def xinli_jurisdiction(self):
            from xinli.core.model import Jurisdiction

            return Jurisdiction(code=self.code, name=(self.code, self.code), level="county",
                                documents=Province().xinli_jurisdiction().documents)

        @hookimpl
        def xinli_register_metrics(self):
            return [metric(self.label)]

    one = load_plugins(entry_points=[], extra=[("test_a", Adds("test_a", "沙盘室数"))])
    assert collect_metrics(one)["sand_tray_rooms"].label.zh == "沙盘室数"
    same = load_plugins(entry_points=[], extra=[("test_a", Adds("test_a", "沙盘室数")), ("test_b", Adds("test_b", "沙盘室数"))])
    assert "sand_tray_rooms" in collect_metrics(same)
    clash = load_plugins(entry_points=[], extra=[("test_a", Adds("test_a", "沙盘室数")), ("test_b", Adds("test_b", "沙盘数"))])
    with pytest.raises(PluginError, match="'sand_tray_rooms' is defined differently by plugin 'test_a' and by plugin 'test_b'"):
        collect_metrics(clash)


def test_progress_bar_only_on_a_terminal(monkeypatch, capsys):
    import sys

    from xinli.cli import assess as assess_cli

    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    assert list(assess_cli._progress(iter(range(3)), 3)) == [0, 1, 2]
    assert capsys.readouterr().err == ""
