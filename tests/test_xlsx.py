"""Workbooks (checklist, facts template, report), read back with openpyxl,
and a filled-in xlsx template assessed like the CSV one."""

from __future__ import annotations

import csv
import io
import sqlite3
import sys
from pathlib import Path

import pytest
from test_assess_cli import filled_template, to_csv

from xinli.core import messages

openpyxl = pytest.importorskip("openpyxl")


def workbook(path: Path):
    return openpyxl.load_workbook(path)


def header(ws) -> list:
    return [cell.value for cell in ws[1]]


def csv_header(run, *args: str) -> list[str]:
    return next(csv.reader(io.StringIO(run(*args).output.lstrip("\ufeff"))))


def test_henan_workbook_has_checklist_facts_template_and_sources(run, tmp_path, checklists):
    target = tmp_path / "henan.xlsx"
    result = run("checklist", "--region", "henan", "--format", "xlsx", "--output", str(target), "--lang", "both")
    assert result.exit_code == 0, result.output
    book = workbook(target)
    assert book.sheetnames[:3] == ["checklist", "facts-template", "sources"]
    items = checklists["henan"]["items"]

    sheet = book["checklist"]
    assert header(sheet) == ["done", *csv_header(run, "checklist", "--region", "henan", "--format", "csv", "--lang", "both")]
    assert sheet.max_row == len(items) + 1
    assert sheet.freeze_panes == "C2"
    assert sheet.auto_filter.ref == sheet.dimensions
    ids = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert ids == [item["id"] for item in items]
    level_column = header(sheet).index("level") + 1
    fills = {}
    for row in range(2, sheet.max_row + 1):
        fills.setdefault(sheet.cell(row, level_column).value, set()).add(sheet.cell(row, level_column).fill.fgColor.rgb)
    assert all(len(colours) == 1 for colours in fills.values())
    assert len({next(iter(c)) for c in fills.values()}) == len(fills)  # one colour per level

    facts = book["facts-template"]
    assert header(facts) == csv_header(run, "facts-template", "--region", "henan", "--headers", "key")
    assert facts.max_row == 1 and facts.freeze_panes == "A2"
    validations: dict[str, str] = {}
    for dv in facts.data_validations.dataValidation:
        validations[dv.type] = validations.get(dv.type, "") + " " + str(dv.sqref)
    columns = header(facts)
    letter = {name: openpyxl.utils.get_column_letter(n) for n, name in enumerate(columns, start=1)}
    assert f"{letter['boarding']}2:" in validations["list"] and f"{letter['grades']}2:" in validations["list"]
    assert f"{letter['fulltime_psych_teachers']}2:" in validations["whole"]
    assert facts.cell(1, columns.index("fulltime_psych_teachers") + 1).comment is not None

    sources = book["sources"]
    rows = list(sources.iter_rows(min_row=2, values_only=True))
    source_header = header(sources)
    numbers = {row[source_header.index("document")] for row in rows}
    assert {doc["number"] for doc in checklists["henan"]["documents"]} <= numbers
    cited = {item["id"] for row in rows for item_id in (row[source_header.index("requirement_ids")] or "").split(";")
             for item in items if item["id"] == item_id}
    assert cited == {item["id"] for item in items}
    assert [name for name in book.sheetnames if name == "facts-help"]


def fill_workbook(run, tmp_path: Path) -> tuple[Path, Path]:
    """The same five schools as test_assess_cli's CSV, as CSV and as a
    filled-in xlsx template (numbers typed as numbers, yes/no as 是/否)."""
    csv_header_, rows = filled_template(run)
    facts_csv = tmp_path / "facts.csv"
    facts_csv.write_text(to_csv(csv_header_, rows), encoding="utf-8")
    template = tmp_path / "template.xlsx"
    assert run("facts-template", "--region", "henan", "--format", "xlsx", "--output", str(template),
               "--headers", "key").exit_code == 0
    book = workbook(template)
    sheet = book[messages.sheet("facts-template", "zh")]
    assert header(sheet) == csv_header_
    for row in rows:
        sheet.append([int(v) if v.isdigit() and c not in ("school_id", "grades") else v for c, v in zip(csv_header_, row,
                                                                                                        strict=True)])
    facts_xlsx = tmp_path / "facts.xlsx"
    book.save(facts_xlsx)
    return facts_csv, facts_xlsx


def findings(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    return conn.execute(
        "select s.school_id, r.requirement_id, f.status, f.observed from findings f join requirements r on r.id = f.requirement "
        "left join schools s on s.id = f.school order by 1, 2"
    ).fetchall()


def test_filled_xlsx_template_assesses_like_the_csv(run, tmp_path):
    facts_csv, facts_xlsx = fill_workbook(run, tmp_path)
    for facts, db in ((facts_csv, tmp_path / "csv.db"), (facts_xlsx, tmp_path / "xlsx.db")):
        result = run("assess", "--region", "henan", "--facts", str(facts), "--db", str(db), "--as-of", "2026-11-01")
        assert result.exit_code == 0, result.output
        assert result.output.startswith("第 1 批次：5 所学校")
    assert findings(tmp_path / "xlsx.db") == findings(tmp_path / "csv.db")


def test_bad_xlsx_value_exits_2_with_row_and_column(run, tmp_path):
    _csv, facts_xlsx = fill_workbook(run, tmp_path)
    book = workbook(facts_xlsx)
    sheet = book["事实填报"]
    column = header(sheet).index("fulltime_psych_teachers") + 1
    sheet.cell(4, column).value = -1
    sheet.cell(5, header(sheet).index("grades") + 1).value = __import__("datetime").datetime(2026, 1, 6)
    book.save(facts_xlsx)
    db = tmp_path / "records.db"
    result = run("assess", "--region", "henan", "--facts", str(facts_xlsx), "--db", str(db))
    assert result.exit_code == 2
    assert "facts.xlsx，第 4 行，fulltime_psych_teachers 列：'-1'：计数不能为负数" in result.output
    assert "facts.xlsx，第 5 行，年级 列" in result.output and "请把年级列设为文本格式" in result.output
    assert not db.exists()


def test_unreadable_and_ambiguous_workbooks_exit_2(run, tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip")
    result = run("assess", "--region", "henan", "--facts", str(broken), "--db", str(tmp_path / "r.db"))
    assert result.exit_code == 2 and "cannot open as an xlsx workbook" in result.output
    book = openpyxl.Workbook()
    book.active.title = "one"
    book.create_sheet("two")
    ambiguous = tmp_path / "ambiguous.xlsx"
    book.save(ambiguous)
    result = run("assess", "--region", "henan", "--facts", str(ambiguous), "--db", str(tmp_path / "r.db"))
    assert result.exit_code == 2 and "no sheet named facts or facts-template or 事实 or 事实填报; sheets: one, two" in result.output


def test_checklist_workbook_facts_sheet_is_read_directly(run, tmp_path):
    """The facts-template sheet of the checklist workbook is accepted as is."""
    target = tmp_path / "henan.xlsx"
    run("checklist", "--region", "henan", "--format", "xlsx", "--output", str(target))
    book = workbook(target)
    columns = header(book["事实填报"])
    book["事实填报"].append(["S1", "学校", "1-6", *(None for _ in columns[3:])])
    book.save(target)
    result = run("assess", "--region", "henan", "--facts", str(target), "--db", str(tmp_path / "r.db"))
    assert result.exit_code == 0, result.output


def test_report_workbook(run, tmp_path):
    facts_csv, _ = fill_workbook(run, tmp_path)
    db = tmp_path / "records.db"
    run("assess", "--region", "henan", "--facts", str(facts_csv), "--db", str(db), "--as-of", "2026-11-01")
    target = tmp_path / "report.xlsx"
    result = run("report", "--db", str(db), "--format", "xlsx", "--output", str(target), "--lang", "both")
    assert result.exit_code == 0, result.output
    book = workbook(target)
    # the facts answer 自查 columns: the verification sheet follows (issue 20), nothing verified yet
    assert book.sheetnames == ["summary", "requirements", "schools", "region-findings", "verification"]
    assert list(book["verification"].iter_rows(min_row=2, values_only=True))[0][:4] == ("region", "henan", 0, 0)
    requirements = book["requirements"]
    share = header(requirements).index("share_met") + 1
    shares = [requirements.cell(r, share) for r in range(2, requirements.max_row + 1)]
    assert any(cell.value is not None for cell in shares)
    assert all(cell.number_format == "0%" for cell in shares)
    schools = [row[0] for row in book["schools"].iter_rows(min_row=2, values_only=True)]
    assert schools == [f"HN{n:03}" for n in range(1, 6)]


def test_xlsx_to_a_terminal_is_refused_before_any_work(run, tmp_path, monkeypatch, english):
    from xinli.cli import binary

    monkeypatch.setattr(binary, "stdout_is_terminal", lambda: True)
    result = run("checklist", "--region", "henan", "--format", "xlsx")
    assert result.exit_code == 2
    assert "xlsx output is binary; write it to a file with --output FILE.xlsx" in result.output
    assert run("facts-template", "--region", "henan", "--format", "xlsx").exit_code == 2


def test_xlsx_to_a_pipe_and_to_a_missing_directory(run, tmp_path):
    piped = run("checklist", "--region", "henan", "--format", "xlsx")
    assert piped.exit_code == 0 and piped.stdout_bytes.startswith(b"PK")
    result = run("checklist", "--region", "henan", "--format", "xlsx", "--output", str(tmp_path / "no" / "x.xlsx"))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert not (tmp_path / "no").exists()


def test_xlsx_without_openpyxl_exits_2(run, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    target = tmp_path / "x.xlsx"
    result = run("checklist", "--region", "henan", "--format", "xlsx", "--output", str(target))
    assert result.exit_code == 2 and "pip install 'xinli[xlsx]'" in result.output
    assert not target.exists()


def test_checklist_sheet_prints_readably_on_a4_landscape(run, tmp_path):
    """The checklist sheet prints on A4 landscape at a readable scale: only
    the columns a reader needs (the rest folded, hidden until opened), the
    header row on every page, text wrapped, fitted to the width at no less
    than MIN_SCALE per cent."""
    from xinli.core.render.xlsx import A4_LANDSCAPE_WIDTH, MIN_SCALE, PRINTED

    for region in ("nanchang", "henan", "sichuan_quxian"):
        target = tmp_path / f"{region}.xlsx"
        assert run("checklist", "-r", region, "-o", str(target), "--lang", "both").exit_code == 0  # headers are the keys
        sheet = openpyxl.load_workbook(target).worksheets[0]
        assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$1:$1"
        keys = header(sheet)
        widths, hidden = {}, {}
        for dimension in sheet.column_dimensions.values():
            for number in range(dimension.min, dimension.max + 1):
                widths[number], hidden[number] = dimension.width, dimension.hidden
        shown = [keys[n - 1] for n in range(1, len(keys) + 1) if not hidden.get(n)]
        assert shown == [k for k in keys if k.removesuffix("_zh").removesuffix("_en") in PRINTED]
        printed = sum(widths[n] for n in range(1, len(keys) + 1) if not hidden.get(n))
        scale = A4_LANDSCAPE_WIDTH * 100 / printed
        assert scale >= MIN_SCALE and sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth in (1, "1")
        text = keys.index("text_zh") + 1
        assert all(sheet.cell(row, text).alignment.wrap_text for row in range(2, sheet.max_row + 1))
