"""A spot-check list (``xinli sample``) as CSV or xlsx, in exactly the shape
``xinli attest --from`` reads back: the school and item, what the school
reported, then the four columns an inspector fills (result, by, on,
evidence) and the draw it came from (run, seed, rule)."""

from __future__ import annotations

import io
from typing import Any

from xinli.core import messages
from xinli.core import vocabulary as vocab
from xinli.core.render.cells import SafeWriter, xlsx_row

#: Columns of a spot-check list, in order; ``attest --from`` reads the
#: first three of the filled ones and ignores the others it knows.
KEYS = ("school_id", "school_name", "requirement_id", "text", "level", "clause", "self_report", "result", "by", "on",
        "evidence", "sample")
#: What the inspector writes in the result column, per language.
RESULT_CHOICES = {"zh": ("符合", "不符合"), "en": ("met", "not_met")}


def header(lang: str) -> list[str]:
    """The header row: Chinese labels under ``zh``, the column keys otherwise
    (both are what ``attest --from`` accepts)."""
    return [messages.column(k, "zh") if lang == "zh" else k for k in KEYS]


def rule_text(rule: dict[str, Any], lang: str) -> str:
    """The sampling rule in words."""
    if "rate" in rule:
        return messages.msg("sample_rule_rate", lang, percent=f"{rule['rate'] * 100:g}")
    return messages.msg("sample_rule_per_item", lang, n=rule["per_item"])


def sample_note(sample: dict[str, Any], lang: str) -> str:
    """Where a row comes from: the sample's number, run, seed and rule."""
    return messages.msg("sample_note", lang, number=sample["number"], run=sample["run"]["id"], seed=sample["seed"],
                        rule=rule_text(sample["rule"], lang))


def _self_report(found: dict[str, str] | None, lang: str) -> str:
    """What the school said (or what a check found) about the item: the
    status of its 自查 answer, "not self-reported", or the verified status
    marked as such."""
    if found is None or found["provenance"] == "unanswered":
        return messages.msg("self_report_none", lang)
    words = messages.status(found["status"], lang)
    if found["provenance"] == "verified":
        return f"{words}{'（' if lang == 'zh' else ' ('}{messages.column('verified', lang)}{'）' if lang == 'zh' else ')'}"
    return words


def rows(sample: dict[str, Any], lang: str) -> list[list[Any]]:
    """The list's rows in :data:`KEYS` order, the inspector's four columns empty."""
    note = sample_note(sample, lang)
    pick_lang = "zh" if lang == "zh" else "en"
    return [[r["school_id"], r["school_name"] or "", r["requirement_id"], r["text"][pick_lang],
             vocab.label(vocab.LEVELS, r["level"], pick_lang), r["clause"], _self_report(r["self_report"], pick_lang),
             "", "", "", "", note] for r in sample["rows"]]


def render_sample_csv(sample: dict[str, Any], lang: str = "zh") -> str:
    """The list as CSV (UTF-8 with a byte-order mark, so Excel and WPS open
    the Chinese text correctly)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = SafeWriter(buffer, lineterminator="\r\n")
    writer.writerow(header(lang))
    writer.writerows(rows(sample, lang))
    return buffer.getvalue()


def render_sample_xlsx(sample: dict[str, Any], lang: str = "zh") -> bytes:
    """The list as a workbook: the checks sheet (drop-down for the result,
    date validation for the day, ids kept as text) and a sheet saying how
    the sample was drawn and how to fill it."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from xinli.core.render.xlsx import _openpyxl, _save, print_setup, style_header

    pick_lang = "zh" if lang == "zh" else "en"
    workbook = _openpyxl().Workbook()
    ws = workbook.active
    ws.title = messages.sheet("attestations", pick_lang)
    head = header(lang)
    ws.append(head)
    style_header(ws, head, {"text": 50, "clause": 30, "evidence": 30, "sample": 40, "by": 20, "school_name": 24},
                 keys=list(KEYS))
    for row in rows(sample, lang):
        ws.append(xlsx_row(ws, row))
    last = max(len(sample["rows"]) + 1, 2)
    column = {key: get_column_letter(n) for n, key in enumerate(KEYS, start=1)}
    result = DataValidation(type="list", formula1='"' + ",".join(RESULT_CHOICES[pick_lang]) + '"', allow_blank=True)
    day = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
    for validation, key in ((result, "result"), (day, "on")):
        validation.add(f"{column[key]}2:{column[key]}{last}")
        ws.add_data_validation(validation)
    for key in ("school_id", "requirement_id"):
        for (cell,) in ws.iter_rows(min_row=2, min_col=KEYS.index(key) + 1, max_col=KEYS.index(key) + 1):
            cell.number_format = "@"
    for (cell,) in ws.iter_rows(min_row=2, min_col=KEYS.index("on") + 1, max_col=KEYS.index("on") + 1):
        cell.number_format = "yyyy-mm-dd"
    print_setup(ws, sample_note(sample, pick_lang))
    about = workbook.create_sheet(messages.sheet("sample-about", pick_lang))
    about.append([messages.msg("sample_help", pick_lang)])
    about.append([sample_note(sample, pick_lang)])
    for key, value in (("region", sample["run"]["region"]), ("id_run", sample["run"]["id"]),
                       ("as_of", sample["run"]["as_of"]), ("seed", sample["seed"]),
                       ("rule", rule_text(sample["rule"], pick_lang))):
        about.append([messages.column(key, pick_lang), value])
    about.column_dimensions["A"].width = 100
    about["A1"].alignment = Alignment(wrap_text=True, vertical="top")
    return _save(workbook)
