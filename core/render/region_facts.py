"""The region's self-inspection template (``xinli facts-template --region``)
as CSV, TOML or xlsx: one row per authority duty without a machine check,
with the item's text, level, duty holder and clause, and the answer and
evidence columns ``xinli assess --region-facts`` reads back."""

from __future__ import annotations

import io
import json
from typing import Any

from xinli.core import messages
from xinli.core.assessment.region_facts import ANSWER_CHOICES, region_template_rows, template_keys
from xinli.core.render.cells import SafeWriter, xlsx_row

#: Chinese headers of the template (the reader accepts these and the keys).
ZH_HEADERS = {"requirement_id": "要求编号", "text": "要求内容", "level": "要求等级", "duty_holder": "责任主体",
              "clause": "条款", "answer": "自查结论", "evidence": "佐证", "metric": "指标", "value": "填报数值"}


def header(checklist: dict[str, Any], headers: str) -> list[str]:
    """The header row: Chinese labels (``zh``) or the column keys."""
    return [ZH_HEADERS[k] if headers == "zh" else k for k in template_keys(checklist)]


def render_region_template_csv(checklist: dict[str, Any], lang: str = "zh", headers: str = "zh") -> str:
    """The template as CSV."""
    buffer = io.StringIO()
    writer = SafeWriter(buffer, lineterminator="\n")
    writer.writerow(header(checklist, headers))
    writer.writerows(region_template_rows(checklist, lang))
    return buffer.getvalue()


def render_region_template_toml(checklist: dict[str, Any], lang: str = "zh") -> str:
    """The template as TOML: one ``[[answers]]`` table per item, its text,
    level and clause as comments."""
    side = "zh" if lang == "zh" else "en"
    lines = [f"# {line}" for line in messages.msg("region_facts_help", side).split("\n")]
    lines.append(f"# region = {checklist['region']['code']}")
    rows = region_template_rows(checklist, lang)
    for row in rows:
        if row[0]:
            lines += ["", "[[answers]]", f"# {row[1]}", f"# {row[2]} | {row[3]} | {row[4]}",
                      f"requirement_id = {json.dumps(row[0], ensure_ascii=False)}",
                      'answer = ""  # ' + " / ".join(ANSWER_CHOICES), 'evidence = ""']
        else:  # a figure the region reports about itself (a count, a share, a ratio; count/population accepted)
            lines += ["", "[[figures]]", f"# {row[1]}", f"# {row[4]}",
                      f"metric = {json.dumps(row[7], ensure_ascii=False)}", 'value = ""', 'evidence = ""']
    return "\n".join(lines) + "\n"


def render_region_template_xlsx(checklist: dict[str, Any], lang: str = "zh", headers: str = "zh") -> bytes:
    """The template as a workbook: a drop-down of 是/否/不适用 on the answer
    column, and the instructions in a second row-less note sheet."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from xinli.core.render.xlsx import _openpyxl, _save, print_setup, style_header

    side = "zh" if lang == "zh" else "en"
    workbook = _openpyxl().Workbook()
    ws = workbook.active
    ws.title = messages.sheet("region-facts", side)
    head = header(checklist, headers)
    keys = template_keys(checklist)
    ws.append(head)
    style_header(ws, head, {"text": 60, "clause": 30, "evidence": 30, "duty_holder": 20}, keys=list(keys))
    rows = region_template_rows(checklist, lang)
    for row in rows:
        ws.append(xlsx_row(ws, row))
    for line in ws.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    letter = get_column_letter(keys.index("answer") + 1)
    choice = DataValidation(type="list", formula1='"' + ",".join(ANSWER_CHOICES) + '"', allow_blank=True)
    choice.add(f"{letter}2:{letter}{max(len(rows) + 1, 2)}")
    ws.add_data_validation(choice)
    print_setup(ws, checklist["region"]["name"][side] if isinstance(checklist["region"].get("name"), dict) else None)
    note = workbook.create_sheet(messages.sheet("facts-help", side))
    note.append([messages.msg("region_facts_help", side)])
    note.column_dimensions["A"].width = 100
    note["A1"].alignment = Alignment(wrap_text=True, vertical="top")
    return _save(workbook)
