"""Per school: a principal's own checklist (filters by duty holder, stage,
grades and level) and one sheet per school from an assessment run."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from xinli.core.views.filters import STAGES, filter_checklist

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_school_duties_for_a_stage_and_level(run, checklists):
    full = checklists["sichuan_quxian"]
    result = run("checklist", "-r", "sichuan_quxian", "--duty-holder", "school", "--stage", "primary", "--grades", "1-6",
                 "--level", "required", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    kept = data["items"]
    assert kept and len(kept) < len(full["items"])
    assert all(i["school_duty"] and i["level"] == "required" and set(i["grades"]) & set(range(1, 7)) for i in kept)
    expected = [i["id"] for i in full["items"]
                if i["school_duty"] and i["level"] == "required" and set(i["grades"]) & set(range(1, 7))]
    assert [i["id"] for i in kept] == expected
    assert sum(d["count"] for d in data["domains"].values()) == len(kept)
    assert data["filters"] == {"duty_holder": "school", "stage": "primary", "grades": [1, 2, 3, 4, 5, 6], "level": ["required"]}
    page = run("checklist", "-r", "sichuan_quxian", "--duty-holder", "school", "--stage", "primary", "--format", "html").output
    assert "筛选: 责任主体: 学校落实" in page and "学段: 小学" in page


def test_stages_keep_items_covering_their_grades(checklists):
    base = checklists["henan"]
    item = {**base["items"][0], "document_school_kinds": None}  # grades alone decide here (Henan's notice leaves out 中职)
    senior = {**item, "id": "x.senior", "grades": [10, 11, 12]}
    primary = {**item, "id": "x.primary", "grades": [1, 2, 3]}
    both = {**item, "id": "x.all", "grades": list(range(1, 13))}
    data = {**base, "items": [senior, primary, both]}
    assert [i["id"] for i in filter_checklist(data, stage="primary")["items"]] == ["x.primary", "x.all"]
    assert [i["id"] for i in filter_checklist(data, stage="vocational")["items"]] == ["x.senior", "x.all"]
    assert [i["id"] for i in filter_checklist(data, grades=(3, 4))["items"]] == ["x.primary", "x.all"]
    assert STAGES["junior"] == (7, 8, 9)


def test_one_duty_holder_and_unknown_ones(run, checklists):
    data = filter_checklist(checklists["henan"], duty_holder="education_authority")
    assert data["items"] and all(i["duty_holder"] == "education_authority" for i in data["items"])
    bad = run("checklist", "-r", "henan", "--duty-holder", "shool")
    assert bad.exit_code == 2 and "是否想用 'school'？" in bad.output
    assert run("checklist", "-r", "henan", "--grades", "0-13").exit_code == 2
    assert run("checklist", "-r", "henan", "--stage", "primary", "--grades", "10-12").exit_code == 2


@pytest.fixture
def records(run, tmp_path):
    db = tmp_path / "records.db"
    result = run("assess", "-r", "nanchang", "--facts", str(EXAMPLES / "nanchang-schools.csv"), "--db", str(db))
    assert result.exit_code == 0, result.output
    return db


def test_one_school_sheet(run, records, tmp_path):
    data = json.loads(run("report", "--db", str(records), "--school", "EX002", "--format", "json").output)
    assert data["school"]["school_id"] == "EX002"
    counts = data["school"]["counts"]
    # every finding of the school is on its sheet, in one group (issue 20)
    groups = ("not_met", "manual", "unknown", "in_progress", "self_reported", "verified", "met", "advisory", "other")
    assert sum(len(data[g]) for g in groups) == sum(counts.values())
    assert len(data["not_met"]) == counts["not_met"] and data["manual"]
    assert all(e["status"] == "manual" and e["provenance"] == "unanswered" for e in data["manual"])
    assert all(entry["quote"] and entry["clause"] for entry in data["not_met"] + data["manual"])
    markdown = run("report", "--db", str(records), "--school", "EX002").output
    assert markdown.startswith("# 学校评估单 — EX002") and "## 未达到的要求" in markdown and "## 核对与签字" in markdown
    for miss in data["not_met"]:
        assert miss["requirement_id"] in markdown and f"「{miss['quote']}」" in markdown
    page = run("report", "--db", str(records), "--school", "EX002", "--format", "html").output
    assert "未作答的自查项" in page and 'class="signoff"' in page and "@page { size: A4;" in page
    target = tmp_path / "EX002.xlsx"
    assert run("report", "--db", str(records), "--school", "EX002", "--output", str(target)).exit_code == 0
    sheet = openpyxl.load_workbook(target).active
    assert sheet.max_row == 1 + sum(counts.values())
    assert sheet.freeze_panes == "A2" and sheet.page_setup.orientation == "landscape"
    bad = run("report", "--db", str(records), "--school", "EX02")
    assert bad.exit_code == 2 and "是否想用" in bad.output


def test_one_file_per_school(run, records, tmp_path):
    target = tmp_path / "sheets"
    result = run("report", "--db", str(records), "--by-school", str(target), "--format", "html")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in target.iterdir())
    assert names == [".xinli-outputs.json", *(f"EX00{n}.html" for n in range(1, 7))]  # the marker: xinli wrote them
    assert "EX003" in (target / "EX003.html").read_text(encoding="utf-8")
    assert run("report", "--db", str(records), "--by-school", str(target), "--school", "EX001").exit_code == 2
