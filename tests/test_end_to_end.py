"""The installed ``xinli`` script, run as a user would run it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def xinli_command() -> list[str]:
    script = Path(sys.executable).with_name("xinli")
    if script.exists():
        return [str(script)]
    found = shutil.which("xinli")
    if found is None:
        pytest.fail("the xinli console script is not installed")
    return [found]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(xinli_command() + list(args), capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_regions_json():
    result = run("regions", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 5


def test_show():
    result = run("show", "henan")
    assert result.returncode == 0, result.stderr
    assert "教基〔2021〕330号" in result.stdout


def test_checklist_markdown_and_unknown_region(tmp_path, english):
    result = run("checklist", "--region", "nanchang")
    assert result.returncode == 0, result.stderr
    assert "- [ ] " in result.stdout
    bad = run("checklist", "--region", "atlantis")
    assert bad.returncode == 2
    assert "valid codes:" in bad.stderr and "Traceback" not in bad.stderr


def test_facts_template_assess_runs_report(tmp_path):
    template = run("facts-template", "--region", "henan", "--output", str(tmp_path / "template.csv"))
    assert template.returncode == 0, template.stderr
    header = (tmp_path / "template.csv").read_text(encoding="utf-8-sig").strip().split(",")
    values = {"学校代码": "E1", "学校名称": "示例学校", "年级": "1-9"}  # the template's Chinese headers
    row = [values.get(column, "1") for column in header]
    (tmp_path / "facts.csv").write_text(",".join(header) + "\n" + ",".join(row) + "\n", encoding="gb18030")
    db = tmp_path / "records.db"
    assessed = run("assess", "--region", "henan", "--facts", str(tmp_path / "facts.csv"), "--db", str(db))
    assert assessed.returncode == 0, assessed.stderr
    assert assessed.stdout.startswith("第 1 批次：1 所学校")
    listed = run("runs", "--db", str(db))
    assert listed.returncode == 0 and "henan" in listed.stdout
    report = run("report", "--db", str(db), "--format", "json")
    assert report.returncode == 0, report.stderr
    assert json.loads(report.stdout)["schools"][0]["school_id"] == "E1"


def test_plugins_check_export_rules_and_compare(tmp_path):
    listed = run("plugins", "--format", "json")
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == 5
    checked = run("plugins", "check", "--lang", "en")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    exported = run("export-rules", "--region", "nanchang", "--output", str(tmp_path / "nanchang.toml"))
    assert exported.returncode == 0 and "[jurisdiction]" in (tmp_path / "nanchang.toml").read_text(encoding="utf-8")
    compared = run("compare", "henan", "sichuan_quxian", "--format", "json")
    assert compared.returncode == 0, compared.stderr
    assert json.loads(compared.stdout)["b"]["code"] == "sichuan_quxian"


def test_schedule_ics(tmp_path):
    target = tmp_path / "qijiang.ics"
    result = run("schedule", "--region", "chongqing_qijiang", "--school-year", "2026-2027", "--format", "ics",
                 "--output", str(target))
    assert result.returncode == 0, result.stderr
    text = target.read_bytes().decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and "DTSTART;VALUE=DATE:20260901" in text
    bad = run("schedule", "--region", "chongqing_qijiang", "--school-year", "2026")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_escalation_mermaid():
    result = run("escalation", "--region", "nanchang", "--format", "mermaid")
    assert result.returncode == 0, result.stderr
    # one titled flowchart per procedure
    assert result.stdout.startswith("---\ntitle: ") and result.stdout.count("flowchart TD\n") == 1 and "  routine_S1 -->" in result.stdout


def test_checklist_html_and_xlsx(tmp_path):
    page = run("checklist", "--region", "henan", "--format", "html", "--output", str(tmp_path / "henan.html"))
    assert page.returncode == 0, page.stderr
    assert "<svg" in (tmp_path / "henan.html").read_text(encoding="utf-8")
    book = run("checklist", "--region", "henan", "--format", "xlsx", "--output", str(tmp_path / "henan.xlsx"))
    assert book.returncode == 0, book.stderr
    assert (tmp_path / "henan.xlsx").read_bytes().startswith(b"PK")


def test_serve_print_metadata_and_missing_database(tmp_path):
    template = run("facts-template", "--region", "henan", "--output", str(tmp_path / "template.csv"))
    assert template.returncode == 0, template.stderr
    header = (tmp_path / "template.csv").read_text(encoding="utf-8-sig").strip().split(",")
    values = {"学校代码": "E1", "学校名称": "示例学校", "年级": "1-9"}  # the template's Chinese headers
    (tmp_path / "facts.csv").write_text(",".join(header) + "\n" + ",".join(values.get(c, "1") for c in header) + "\n",
                                        encoding="utf-8")
    db = tmp_path / "records.db"
    assert run("assess", "--region", "henan", "--facts", str(tmp_path / "facts.csv"), "--db", str(db)).returncode == 0
    result = run("serve", "--db", str(db), "--print-metadata")
    assert result.returncode == 0, result.stderr
    assert "schools_not_meeting_required" in json.loads(result.stdout)["databases"]["records"]["queries"]
    missing = run("serve", "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
