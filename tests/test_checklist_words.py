"""Checklists and roll-up reports say things in words (issue 24): every
alternative of an any-of check in the CSV checklist, with its ``when``
conditions; kindergarten and university years as words (幼儿园小班,
大学一年级; never a bare -2 or 13); a roll-up target's expected figure as
the assessment report writes it, never the stored ``>= 3/4 standing``."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from test_rollup_cli import counties, invented  # noqa: F401  (fixtures)
from test_rules_format import PLAN, rules_folder  # noqa: F401  (fixture)

from xinli.core.render.csv import any_of_cell, grades_cell
from xinli.core.render.markdown import grade_words, grades_text

REGION = "demo_plan_district"
TEACHER = "demo_plan_province.staffing.teacher-every-school"


def test_grades_in_words_for_each_stage():
    assert grades_text([-2, -1, 0], "zh") == "幼儿园小班至大班"
    assert grades_text([-2, -1, 0], "en") == "kindergarten years 1–3"
    assert grades_text(list(range(-2, 21)), "zh") == "幼儿园小班至大班, 1–12, 大学一至八年级"
    assert grades_text(list(range(-2, 21)), "en") == "kindergarten years 1–3, 1–12, university years 1–8"
    assert grades_text([0, 1, 2], "zh") == "幼儿园大班, 1–2"  # a run is cut where a stage ends
    assert grades_text([12, 13], "en") == "12, university year 1"
    assert grades_text([1, 2, 3, 10], "zh") == grades_text([1, 2, 3, 10], "en") == "1–3, 10"
    assert grades_text([-1], "both") == "幼儿园中班 / kindergarten year 2"
    assert grades_text([13, 14]) == "U1–U2"  # without a language: the codes facts use
    assert [grade_words(g, "zh") for g in (-2, -1, 0, 1, 12, 13, 16, 20)] == [
        "幼儿园小班", "幼儿园中班", "幼儿园大班", "1", "12", "大学一年级", "大学四年级", "大学八年级"]
    assert grade_words(14, "en") == "university year 2"
    assert grades_cell([-2, 1, 13], "both") == "K1;1;U1"
    assert grades_cell([-2, 1, 13], "zh") == "幼儿园小班;1;大学一年级"
    assert grades_cell(None, "zh") == ""


def _csv(run, folder, lang: str) -> list[dict[str, str]]:
    result = run("--rules", str(folder), "checklist", "--region", REGION, "--plugins", ",".join(PLAN),
                 "--format", "csv", "--lang", lang)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output.lstrip("\ufeff"))))


def test_the_csv_checklist_shows_every_alternative_with_its_condition(run, rules_folder):  # noqa: F811
    zh = {row["编号"]: row for row in _csv(run, rules_folder, "zh")}
    cell = zh[TEACHER]["任一满足即可（各备选检查）"]
    first, second = cell.split(" 或 ")
    assert first.startswith("专职心理健康教育教师数 不少于 1 人") and first.endswith("（局属学校）")
    assert second.startswith("专兼职心理健康教育教师数 不少于 1 人") and second.endswith("（非局属学校）")
    en = {row["ID"] if "ID" in row else row[next(iter(row))]: row for row in _csv(run, rules_folder, "en")}
    english = next(v for k, v in en[TEACHER].items() if k.startswith("Any of"))
    assert " or " in english and "(where not " in english and "full-time" in english
    both = {row["id"]: row for row in _csv(run, rules_folder, "both")}
    alternatives = json.loads(both[TEACHER]["any_of"])
    assert [(a["metric"], a["when"]) for a in alternatives] == [
        ("fulltime_psych_teachers", [{"attribute": "bureau_run", "op": "==", "value": True}]),
        ("psych_teachers_total", [{"attribute": "bureau_run", "op": "==", "value": False}])]
    assert both[TEACHER]["metric"] == "fulltime_psych_teachers"  # the columns before: the first alternative
    # a check of one metric leaves the column empty, and the column is the last one (no column moved)
    assert all(row["any_of"] == "" for key, row in both.items() if key != TEACHER and "any" not in key)
    assert list(both[TEACHER])[-1] == "any_of"
    assert any_of_cell({"metric": "m", "op": ">=", "value": 1}, "zh") == ""


BARE = re.compile(r"^(-\d+|1[3-9]|20)$")


@pytest.mark.parametrize("lang", ["zh", "en", "both"])
def test_no_grade_prints_as_a_bare_negative_or_university_number(run, rules_folder, lang):  # noqa: F811
    rows = _csv(run, rules_folder, lang)
    grades = "年级" if lang == "zh" else "grades" if lang == "both" else next(k for k in rows[0] if k.lower().startswith("grade"))
    teacher = next(row for row in rows if TEACHER in row.values())
    cells = [cell for row in rows for cell in row[grades].split(";")]
    assert cells and not [c for c in cells if BARE.match(c)]
    if lang == "zh":
        assert teacher[grades].startswith("幼儿园小班;幼儿园中班;幼儿园大班;1;") and teacher[grades].endswith(";大学八年级")
    elif lang == "en":
        assert teacher[grades].startswith("kindergarten year 1;") and teacher[grades].endswith(";university year 8")
    else:
        assert teacher[grades].startswith("K1;K2;K3;1;") and teacher[grades].endswith(";U8")
    if lang != "both":
        page = run("--rules", str(rules_folder), "checklist", "--region", REGION, "--plugins", ",".join(PLAN),
                   "--lang", lang).output
        shown = [line for line in page.splitlines() if "年级:" in line or "Grades:" in line or "grades:" in line]
        assert shown and not any(re.search(r"(?<![\d.])(-\d|1[3-9]\b|20\b)", line.split(":", 1)[1]) for line in shown)
        assert ("幼儿园小班至大班, 1–12, 大学一至八年级" if lang == "zh" else
                "kindergarten years 1–3, 1–12, university years 1–8") in page


def test_rollup_targets_print_expected_in_words(run, counties, tmp_path):  # noqa: F811
    target = tmp_path / "province.db"
    assert run("rollup", "--region", "test_rp", "--db", str(target), "--from", str(counties)).exit_code == 0
    stored = {t["expected"] for t in json.loads(run("report", "--db", str(target), "--format", "json").output)["targets"]}
    assert stored == {">= 3/4 standing", "true standing"}  # the JSON keeps the stable form
    zh = run("report", "--db", str(target), "--lang", "zh").output
    assert "标准: 不少于 75%，常设" in zh and "标准: 是，常设" in zh
    en = run("report", "--db", str(target), "--lang", "en").output
    assert "expected: at least 75%, standing" in en
    for text in (zh, en, run("report", "--db", str(target), "--format", "html", "--lang", "zh").output):
        assert ">= 3/4" not in text and "&gt;= 3/4" not in text and "standing" not in text.replace("standing condition", "")
    workbook_path = tmp_path / "rollup.xlsx"
    assert run("report", "--db", str(target), "--format", "xlsx", "--lang", "zh", "--output", str(workbook_path)).exit_code == 0
    openpyxl = pytest.importorskip("openpyxl")
    rows = list(openpyxl.load_workbook(workbook_path).worksheets[1].iter_rows(values_only=True))
    assert rows[0][2] == "标准" and {r[2] for r in rows[1:]} == {"不少于 75%，常设", "是，常设"}
