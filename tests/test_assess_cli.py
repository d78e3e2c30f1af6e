"""The assessment commands through CliRunner, on the bundled Henan rules."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

from xinli.cli.main import cli


def filled_template(run, region="henan") -> tuple[list[str], list[list[str]]]:
    header = next(csv.reader(io.StringIO(run("facts-template", "--region", region, "--headers", "key").output.lstrip("\ufeff"))))
    rows = []
    for n, grades in enumerate(["1-6", "7-9", "10-12", "1-9", "7-12"], start=1):
        row = []
        for column in header:
            if column == "school_id":
                row.append(f"HN{n:03}")
            elif column == "school_name":
                row.append(f"第{n}学校")
            elif column == "grades":
                row.append(grades)
            elif column == "vocational":  # general schools (a vocational one is outside Henan's notice)
                row.append("否")
            elif column.startswith("self:"):  # a 自查 answer (issue 20)
                row.append(("是", "否", "不适用", "")[n % 4])
            elif column.startswith("evidence:"):
                row.append("")
            elif column in ("boarding", "area_centre_school") or "room" in column or column.endswith(
                    ("established", "monitors", "mailbox", "kept", "in_place")):
                row.append("是" if n % 2 else "否")
            else:
                row.append(str(n % 3 * 7))
        rows.append(row)
    return header, rows


def to_csv(header, rows) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def test_facts_template_csv_and_toml(run):
    header, _ = filled_template(run)
    assert header[:3] == ["school_id", "school_name", "grades"]
    assert "fulltime_psych_teachers" in header
    # one column per stage the region's checks measure, nothing school-wide that no check uses
    assert "psych_lessons_per_school_year__g1to6" in header and "psych_lessons_per_school_year__g7to12" in header
    assert "psych_lessons_per_school_year" not in header
    toml = run("facts-template", "--region", "henan", "--format", "toml").output
    assert "[[schools]]" in toml and "# 专职心理健康教育教师数（整数，人）" in toml
    assert "# fulltime_psych_teachers =" in toml
    # nothing that would be assessed as a fact is pre-filled
    filled = [line for line in toml.splitlines() if line and not line.startswith(("#", "["))]
    assert filled == ['school_id = ""', 'school_name = ""', 'grades = ""']
    zh = run("facts-template", "--region", "henan").output
    assert zh.startswith("\ufeff学校代码,学校名称,年级,") and "专职心理健康教育教师数" in zh


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_filled_template_assesses_cleanly(run, tmp_path, encoding):
    header, rows = filled_template(run)
    facts = tmp_path / "facts.csv"
    facts.write_bytes(to_csv(header, rows).encode(encoding))
    db = tmp_path / "records.db"
    result = run("assess", "--region", "henan", "--facts", str(facts), "--db", str(db), "--as-of", "2026-11-01")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("第 1 批次：5 所学校")
    again = run("assess", "--region", "henan", "--facts", str(facts), "--db", str(db), "--as-of", "2026-11-01", "--lang", "en")
    assert "already holds this assessment" in again.output
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from runs").fetchone()[0] == 1
    assert conn.execute("select count(*) from schools").fetchone()[0] == 5


def test_toml_template_filled_assesses(run, tmp_path, english):
    toml = run("facts-template", "--region", "henan", "--format", "toml").output
    facts = tmp_path / "facts.toml"
    facts.write_text(toml, encoding="utf-8")
    unchanged = run("assess", "--region", "henan", "--facts", str(facts), "--db", str(tmp_path / "r.db"))
    assert unchanged.exit_code == 2 and "school_id is empty" in unchanged.output
    assert not (tmp_path / "r.db").exists()
    filled = (toml.replace('school_id = ""', 'school_id = "S1"').replace('grades = ""', 'grades = "1-6"')
              .replace("# fulltime_psych_teachers =", "fulltime_psych_teachers = 1"))
    facts.write_text(filled, encoding="utf-8")
    result = run("assess", "--region", "henan", "--facts", str(facts), "--db", str(tmp_path / "r.db"), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "unknown" in result.output and "run 1: 1 schools" in result.output


def test_negative_count_exits_2_and_leaves_database_unchanged(run, tmp_path, english):
    header, rows = filled_template(run)
    facts = tmp_path / "facts.csv"
    facts.write_text(to_csv(header, rows), encoding="utf-8")
    db = tmp_path / "records.db"
    assert run("assess", "--region", "henan", "--facts", str(facts), "--db", str(db)).exit_code == 0
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    column = header.index("fulltime_psych_teachers")
    rows[2][column] = "-1"
    bad = tmp_path / "bad.csv"
    bad.write_text(to_csv(header, rows), encoding="utf-8")
    result = run("assess", "--region", "henan", "--facts", str(bad), "--db", str(db))
    assert result.exit_code == 2
    assert "bad.csv, row 4, column fulltime_psych_teachers: '-1': a count cannot be negative" in result.output
    assert "Traceback" not in result.output
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_invalid_facts_do_not_create_a_database(run, tmp_path, english):
    bad = tmp_path / "bad.csv"
    bad.write_text("school_id,grades,学生姓名\nS1,1-6,张三\n", encoding="utf-8")
    result = run("assess", "--region", "henan", "--facts", str(bad), "--db", str(tmp_path / "new.db"))
    assert result.exit_code == 2
    assert "student-level data" in result.output
    assert not (tmp_path / "new.db").exists()


def test_runs_and_report_formats(run, tmp_path):
    header, rows = filled_template(run)
    facts = tmp_path / "facts.csv"
    facts.write_text(to_csv(header, rows), encoding="utf-8")
    db = tmp_path / "records.db"
    run("assess", "--region", "henan", "--facts", str(facts), "--db", str(db), "--as-of", "2026-11-01")
    rows[0][header.index("fulltime_psych_teachers")] = "0"
    facts.write_text(to_csv(header, rows), encoding="utf-8")
    run("assess", "--region", "henan", "--facts", str(facts), "--db", str(db), "--as-of", "2026-11-01")
    listed = json.loads(run("runs", "--db", str(db), "--format", "json").output)
    assert [r["id"] for r in listed] == [2, 1]
    assert listed[0]["plugins"]["henan"].startswith("xinli ")
    data = json.loads(run("report", "--db", str(db), "--format", "json").output)
    assert data["schema"] == "xinli.report/3"
    assert data["run"]["id"] == 2
    teacher = next(r for r in data["requirements"] if r["requirement_id"] == "henan.staffing.fulltime-psych-teacher")
    assert teacher["document"] == "教基〔2021〕330号"
    assert {"school_id": "HN001", "requirement_id": "henan.staffing.fulltime-psych-teacher", "before": "met",
            "after": "not_met"} in data["changes"]["changed"]
    school = next(s for s in data["schools"] if s["school_id"] == "HN001")
    assert any(m["requirement_id"] == "henan.staffing.fulltime-psych-teacher" for m in school["required_not_met"])
    markdown = run("report", "--db", str(db), "--run", "1", "--lang", "en").output
    assert "# Assessment report — run 1 (henan)" in markdown
    text = run("report", "--db", str(db), "--format", "csv", "--lang", "both").output
    assert text.startswith("\ufeff")
    table = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(table) == 5 and table[0]["school_id"] == "HN001"
    zh = list(csv.DictReader(io.StringIO(run("report", "--db", str(db), "--format", "csv").output.lstrip("\ufeff"))))
    assert zh[0]["学校代码"] == "HN001" and "不符合" in zh[0]
    assert run("report", "--db", str(db), "--run", "9").exit_code == 2


def test_report_on_missing_database_exits_2(run, tmp_path):
    assert run("report", "--db", str(tmp_path / "none.db")).exit_code == 2
    assert run("runs", "--db", str(tmp_path / "none.db")).exit_code == 2


def test_killed_run_leaves_previous_state(tmp_path, monkeypatch):
    from xinli.core.assessment import pipeline
    from xinli.core.registry import load_plugins

    runner = CliRunner()
    header, rows = filled_template(lambda *a: runner.invoke(cli, list(a)))
    facts = tmp_path / "facts.csv"
    facts.write_text(to_csv(header, rows), encoding="utf-8")
    db = tmp_path / "records.db"
    registry = load_plugins(only=["henan"])
    pipeline.assess(registry, "henan", facts, db)
    rows[0][header.index("fulltime_psych_teachers")] = "3"
    facts.write_text(to_csv(header, rows), encoding="utf-8")

    class Killed(BaseException):
        pass

    calls = {"n": 0}
    original = pipeline.SchoolEvaluator.compact_rows

    def dying(self, *args):
        calls["n"] += 1
        if calls["n"] == 4:
            raise Killed
        return original(self, *args)

    monkeypatch.setattr(pipeline.SchoolEvaluator, "compact_rows", dying)
    with pytest.raises(Killed):
        pipeline.assess(registry, "henan", facts, db)
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from runs").fetchone()[0] == 1
    assert conn.execute("select count(*) from findings where run_id != 1").fetchone()[0] == 0
    assert conn.execute("select count(*) from schools where run_id != 1").fetchone()[0] == 0


def test_two_assess_processes_on_one_database_both_complete(tmp_path):
    runner = CliRunner()
    header, rows = filled_template(lambda *a: runner.invoke(cli, list(a)))
    many = [[f"X{i:05}" if c == "school_id" else v for c, v in zip(header, rows[i % 5], strict=True)] for i in range(3000)]
    db = tmp_path / "shared.db"
    processes = []
    for n in range(2):
        facts = tmp_path / f"facts{n}.csv"
        facts.write_text(to_csv(header, many[n:]), encoding="utf-8")
        code = "from xinli.cli.main import cli; cli()"
        processes.append(subprocess.Popen(
            [sys.executable, "-c", code, "assess", "--region", "henan", "--facts", str(facts), "--db", str(db)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    results = [p.communicate(timeout=300) + (p.returncode,) for p in processes]
    assert [r[2] for r in results] == [0, 0], results
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from runs").fetchone()[0] == 2
