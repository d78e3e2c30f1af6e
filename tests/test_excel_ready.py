"""Excel-ready: every CSV starts with a BOM, the workbook's yes/no list
offers exactly values assess reads, headers in the chosen language, frozen
header rows, widths and A4 landscape print setup, templates pre-fill
nothing."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from xinli.core import messages
from xinli.core.assessment.facts import BOOLEAN_CHOICES, FALSE_WORDS, TRUE_WORDS, _parse_bool

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture
def records(run, tmp_path):
    db = tmp_path / "records.db"
    assert run("assess", "-r", "nanchang", "--facts", str(EXAMPLES / "nanchang-schools.csv"), "--db", str(db)).exit_code == 0
    return db


def test_every_csv_has_a_bom(run, records):
    for args in (("checklist", "-r", "henan", "--format", "csv"), ("checklist", "-r", "henan", "--format", "csv", "--lang", "en"),
                 ("facts-template", "-r", "henan"), ("report", "--db", str(records), "--format", "csv")):
        assert run(*args).output.startswith("\ufeff"), args


def test_yes_no_list_matches_what_assess_reads():
    assert {_parse_bool(v) for v in BOOLEAN_CHOICES} == {True, False}
    assert {"是", "否", "有", "无", "1", "0", "true", "false"} <= set(BOOLEAN_CHOICES)
    assert set(BOOLEAN_CHOICES) <= TRUE_WORDS | FALSE_WORDS


def test_facts_workbook(run, tmp_path):
    target = tmp_path / "t.xlsx"
    assert run("facts-template", "-r", "henan", "-o", str(target)).exit_code == 0
    book = openpyxl.load_workbook(target)
    sheet = book[messages.sheet("facts-template", "zh")]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["学校代码", "学校名称", "年级"]
    assert sheet.max_row == 1  # nothing pre-filled: an empty cell is an unknown fact
    validations = [dv for dv in sheet.data_validations.dataValidation if dv.type == "list"]
    lists = {str(dv.sqref).split(":")[0].rstrip("0123456789"): dv for dv in validations}
    assert lists["C"].formula1 == '"1-6,7-9,10-12,1-9,7-12,1-12,1-3,4-6"'  # 年级: the usual bands
    assert lists["C"].errorStyle == "warning"  # another band (1-6,10-12) after a warning
    others = [dv for dv in validations if dv is not lists["C"]]
    booleans = [dv for dv in others if dv.formula1 == '"是,否"']
    answers = [dv for dv in others if dv.formula1 != '"是,否"']
    assert len(booleans) == 1  # 是/否 only in the yes/no drop-down
    # one 是/否/不适用 list per 自查 column (issue 20), each with the item as its input message
    assert {dv.formula1 for dv in answers} == {'"是,否,不适用"'}
    assert len(answers) == sum(1 for h in header if h.startswith("自查："))
    assert all(dv.prompt for dv in answers)
    assert {_parse_bool(v) for v in ("有", "无", "1", "0", "true", "false")} == {True, False}  # still read on input
    from xinli.core.assessment.facts import parse_grades

    bands = lists["C"].formula1.strip('"').split(",")
    assert all(parse_grades(band) for band in bands)  # every offered band is one assess reads
    for ws in book.worksheets:
        assert ws.freeze_panes == "A2" and ws.print_title_rows == "$1:$1", ws.title
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize in (9, "9"), ws.title
        assert all(ws.column_dimensions[c].width >= 7 for c in ("A", "B")), ws.title
    keys = tmp_path / "k.xlsx"
    assert run("facts-template", "-r", "henan", "-o", str(keys), "--headers", "key").exit_code == 0
    assert openpyxl.load_workbook(keys)["事实填报"]["A1"].value == "school_id"


def test_filled_chinese_header_workbook_assesses(run, tmp_path):
    target = tmp_path / "t.xlsx"
    assert run("facts-template", "-r", "henan", "-o", str(target)).exit_code == 0
    book = openpyxl.load_workbook(target)
    sheet = book[messages.sheet("facts-template", "zh")]
    yes_no = {r.split(":")[0].rstrip("0123456789") for dv in sheet.data_validations.dataValidation if dv.type == "list"
              for r in str(dv.sqref).split()}
    letters = [openpyxl.utils.get_column_letter(n) for n in range(1, sheet.max_column + 1)]
    sheet.append(["S1", "一校", "1-6", *("有" if letter in yes_no else 1 for letter in letters[3:])])
    book.save(target)
    result = run("assess", "-r", "henan", "--facts", str(target), "--db", str(tmp_path / "r.db"))
    assert result.exit_code == 0, result.output


def test_checklist_and_report_workbooks_in_chinese(run, records, tmp_path):
    checklist = tmp_path / "c.xlsx"
    assert run("checklist", "-r", "henan", "-o", str(checklist)).exit_code == 0
    sheet = openpyxl.load_workbook(checklist)["检查清单"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["完成", "编号", "领域", "要求等级"]
    levels = {row[3] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert levels <= {"必须/应当", "建议", "鼓励", "可以"}
    periods = {row[header.index("周期")] for row in sheet.iter_rows(min_row=2, values_only=True)} - {None}
    assert periods and not any("_" in p for p in periods)
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$1:$1"
    report = tmp_path / "r.xlsx"
    assert run("report", "--db", str(records), "-o", str(report)).exit_code == 0
    book = openpyxl.load_workbook(report)
    assert [c.value for c in book["各校"][1]][:3] == ["学校代码", "学校名称", "符合"]
    assert all(ws.print_title_rows == "$1:$1" for ws in book.worksheets)


def test_csv_template_is_header_only(run):
    text = run("facts-template", "-r", "henan").output.lstrip("\ufeff")
    assert len(io.StringIO(text).read().strip().splitlines()) == 1
