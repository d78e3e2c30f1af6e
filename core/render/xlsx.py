"""Workbooks written with openpyxl (the ``xlsx`` extra): the checklist
workbook (checklist, facts template, sources), the facts template on its
own, and the assessment report.

The ``facts-template`` sheet is exactly what
:func:`xinli.core.assessment.facts.read_facts` accepts: row 1 holds the
template's column headers (Chinese labels, or the column keys with
``--headers key``) and nothing else; help sits in cell comments and on the
``facts-help`` sheet, so a filled-in sheet assesses as it is.

Every sheet has its header row frozen, column widths set and a print setup
(A4 landscape, fit to the page width, header row repeated on each page).
Headers and enumerations are in the chosen language; ``both`` keeps keys.
"""

from __future__ import annotations

import io
from typing import Any

from xinli.core import messages
from xinli.core import vocabulary as vocab
from xinli.core.assessment.facts import (
    EVIDENCE_PREFIX,
    FACTS_SHEET_MARKER,
    ID_COLUMNS,
    SELF_CHOICES,
    SELF_PREFIX,
    FactColumns,
)
from xinli.core.errors import XinliError
from xinli.core.render.cells import xlsx_no_formulas, xlsx_row

#: The yes/no choices the template's drop-down offers (assess reads more:
#: :data:`xinli.core.assessment.facts.BOOLEAN_CHOICES`).
TEMPLATE_BOOLEANS = ("是", "否")
#: Grade bands the template's 年级 drop-down offers: the school stages and
#: their usual combinations.
GRADE_BANDS = ("1-6", "7-9", "10-12", "1-9", "7-12", "1-12", "1-3", "4-6")
FACTS_SHEET = "facts-template"
HELP_SHEET = "facts-help"
#: Fill colours (ARGB) of the requirement levels.
LEVEL_FILLS = {"required": "FFF8D7DA", "recommended": "FFFFE8CC", "encouraged": "FFD9F2E3", "permitted": "FFE9ECEF"}
STATUS_FILLS = {"met": "FFD9F2E3", "not_met": "FFF8D7DA", "unknown": "FFE9ECEF", "waived": "FFEDE1F7",
                "not_yet_due": "FFDCEBFB", "manual": "FFFFE8CC", "not_applicable": "FFF4F4F4",
                "adopted": "FFE8F5E9", "not_adopted": "FFF4F4F4", "not_required": "FFF4F4F4"}
HEADER_FILL = "FF1D2939"
LAST_ROW = 1_048_576
WIDE = {"text": 60, "text_zh": 50, "text_en": 60, "note": 50, "note_zh": 40, "note_en": 50, "quote": 50, "id": 44,
        "applies_if": 24, "title_zh": 40, "title_en": 50, "requirement_ids": 44, "required_not_met": 50}


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError:
        raise XinliError("the xlsx format needs the openpyxl library: pip install 'xinli[xlsx]'") from None
    return openpyxl


def _save(workbook: Any) -> bytes:
    if not workbook.write_only:
        xlsx_no_formulas(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def display_width(text: str) -> int:
    """Columns ``text`` takes in a spreadsheet: CJK characters count two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


def style_header(ws: Any, header: list[str], widths: dict[str, int] | None = None, keys: list[str] | None = None) -> None:
    """Row 1 as a header: bold white on dark, frozen, each column as wide as
    ``widths`` (by header or key) or :data:`WIDE` says, else its header."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    widths = widths or {}
    for number, name in enumerate(header, start=1):
        key = keys[number - 1] if keys else name
        cell = ws.cell(row=1, column=number)
        cell.font = Font(bold=True, color="FFFFFFFF")
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        width = widths.get(name) or widths.get(key) or WIDE.get(key) or max(12, display_width(name) + 4)
        ws.column_dimensions[get_column_letter(number)].width = width
    ws.freeze_panes = "A2"


def print_setup(ws: Any, title: str | None = None) -> None:
    """Print on A4 landscape, fitted to the page width, the header row
    repeated on every page, page numbers in the footer."""
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = "1:1"
    if title:
        ws.oddHeader.center.text = title.replace("&", "&&")
    ws.oddFooter.center.text = "&P / &N"


def _number(text: str) -> Any:
    """A CSV cell back as a number where it is one."""
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


def add_checklist_sheet(workbook: Any, checklist: dict[str, Any], lang: str) -> None:
    """The ``checklist`` sheet: a ``done`` column, then the columns of
    ``xinli checklist --format csv`` in ``lang``; filterable, header frozen,
    each row's level cell coloured, printable on A4."""
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    from xinli.core.render.csv import checklist_rows

    ws = workbook.create_sheet(messages.sheet("checklist", lang))
    keys, rows = checklist_rows(checklist, lang)
    columns = ["done", *keys]
    labels = [messages.column(k.removesuffix("_zh").removesuffix("_en"), lang) if lang != "both" else k for k in columns]
    ws.append(labels)
    wrap = {columns.index(c) + 1 for c in columns if c in WIDE}
    level_column = columns.index("level") + 1
    for item, values in zip(checklist["items"], rows, strict=True):
        values = {key: ("" if value is None else str(value)) for key, value in values.items()}
        values["value"] = _number(values["value"]) if values["value"] else None
        ws.append([None, *(values[c] if values[c] != "" else None for c in keys)])
        number = ws.max_row
        ws.cell(row=number, column=level_column).fill = PatternFill("solid", fgColor=LEVEL_FILLS.get(item["level"], "FFFFFFFF"))
        for column in wrap:
            ws.cell(row=number, column=column).alignment = Alignment(wrap_text=True, vertical="top")
    style_header(ws, labels, {**WIDE, **PRINT_WIDTHS}, keys=columns)
    ws.freeze_panes = "C2"
    ws.column_dimensions["A"].width = 7
    for row in ws.iter_rows(min_row=2):  # every cell wraps: a narrow column grows taller, never cut
        for cell in row:
            if not cell.alignment.wrap_text:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.auto_filter.ref = ws.dimensions
    done = DataValidation(type="list", formula1='"✓,✗"', allow_blank=True)
    done.add(f"A2:A{max(ws.max_row, 2)}")
    ws.add_data_validation(done)
    print_setup(ws, vocab.localize(checklist["region"]["name"], lang))
    fold_details(ws, columns)


#: Columns of the checklist sheet a reader needs on paper; the others (the
#: machine form of the check, filters' inputs) are folded into outline
#: groups: hidden and not printed, one click on ``+`` opens them.
PRINTED = ("done", "id", "domain", "level", "duty_holder", "subject", "grades", "deadline", "text", "document", "clause",
           "quote")
#: Narrower widths for the checklist sheet (character units; text wraps).
PRINT_WIDTHS = {"id": 26, "domain": 10, "level": 9, "duty_holder": 11, "subject": 9, "grades": 9, "deadline": 10,
                "text": 46, "text_zh": 40, "text_en": 40, "document": 14, "clause": 12, "quote": 40}
#: Width (character units) that fits across A4 landscape at 100%, and the
#: smallest scale still read comfortably; below it the sheet prints at this
#: scale across several pages, the first two columns repeated.
A4_LANDSCAPE_WIDTH = 150
MIN_SCALE = 60


def fold_details(ws: Any, columns: list[str]) -> None:
    """Fold the columns not in :data:`PRINTED` into collapsed outline
    groups, and fit the printed ones to the page width unless that would
    print below :data:`MIN_SCALE` per cent."""
    from openpyxl.utils import get_column_letter

    def printed_column(key: str) -> bool:
        return key.removesuffix("_zh").removesuffix("_en") in PRINTED

    run: list[int] = []
    for number, key in enumerate([*columns, None], start=1):
        if key is not None and not printed_column(key):
            run.append(number)
            continue
        if run:
            ws.column_dimensions.group(get_column_letter(run[0]), get_column_letter(run[-1]), hidden=True, outline_level=1)
            run = []
    ws.sheet_properties.outlinePr.summaryRight = False
    printed = sum(ws.column_dimensions[get_column_letter(n)].width or 10 for n, k in enumerate(columns, start=1)
                  if printed_column(k))
    scale = int(A4_LANDSCAPE_WIDTH * 100 / printed) if printed else 100
    if scale < MIN_SCALE:
        ws.sheet_properties.pageSetUpPr.fitToPage = False
        ws.page_setup.scale = MIN_SCALE
        ws.print_title_cols = "A:B"


def _column_kind(key: str, columns: FactColumns) -> tuple[str, str | None]:
    """(type, unit) of a template column."""
    if key in ID_COLUMNS:
        return "text", None
    if key.startswith(SELF_PREFIX[1]):
        return "self", None
    if key.startswith(EVIDENCE_PREFIX[1]):
        return "text", None
    info = vocab.attribute_info(key)
    if info is not None:
        return ("boolean" if info[0] == "bool" else "integer"), None
    metric = next(m for m in columns.metrics if m.key == key)
    return metric.type, metric.unit


def _column_help(key: str, columns: FactColumns) -> tuple[str, str, str, str]:
    """(label zh, label en, help zh, help en) of a template column."""
    if key in ID_COLUMNS:
        zh, en = ID_COLUMNS[key]
        return zh, en, zh, en
    own = columns.column_help(key)  # a 自查 or 佐证 column (issue 20)
    if own is not None:
        return own
    info = vocab.attribute_info(key)
    if info is not None:
        _kind, zh, en = info
        return zh, en, zh, en
    metric = next(m for m in columns.metrics if m.key == key)
    return metric.label.zh, metric.label.en, metric.help.zh, metric.help.en


ACCEPTED = {
    "text": ("文本", "text"),
    "boolean": ("是 或 否", "是 (yes) or 否 (no)"),
    "grades": ("年级，如 1-6、7-9、10-12 或 1-6,10-12", "grades such as 1-6, 7-9, 10-12 or 1-6,10-12"),
    "integer": ("不小于0的整数", "a whole number, 0 or more"),
    "number": ("不小于0的数", "a number, 0 or more"),
    "share": ("0到1之间的比例", "a share between 0 and 1"),
    "date": ("日期，如 2026-09-01", "a date such as 2026-09-01"),
    "self": ("是/否/不适用（留空为未作答）", "是 (yes) / 否 (no) / 不适用 (not applicable); blank = unanswered"),
}

#: The template's own help line, by language.
FACTS_NOTE = ("在 {sheet} 表第2行起每行填写一所学校（第1行为列名，请勿修改）；未知的事实留空。"
              "填好后：xinli assess --region {region} --facts 本文件.xlsx --db records.db",
              "Fill one school per row from row 2 of {sheet} (row 1 holds the column headers; keep it); "
              "leave unknown facts empty. Then: xinli assess --region {region} --facts this-file.xlsx --db records.db")


def header_label(key: str, columns: FactColumns, headers: str) -> str:
    """A template column's header: its Chinese label (``zh``) or its key."""
    if headers == "key":
        return key
    return _column_help(key, columns)[0]


def add_facts_sheets(workbook: Any, columns: FactColumns, region: str, lang: str = "zh", headers: str = "zh") -> None:
    """The ``facts-template`` sheet (row 1 = the template's column headers,
    Chinese labels or keys per ``headers``, with data validation for yes/no,
    counts, numbers, shares and dates, and nothing pre-filled: an empty
    cell is an unknown fact) and the ``facts-help`` sheet in ``lang``."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = workbook.create_sheet(messages.sheet(FACTS_SHEET, lang))
    from openpyxl.packaging.custom import StringProperty

    # the marker `assess` reads the facts from, whatever other sheets the workbook gains
    workbook.custom_doc_props.append(StringProperty(name=FACTS_SHEET_MARKER, value=ws.title))
    names = columns.names
    labels = [header_label(key, columns, headers) for key in names]
    ws.append(labels)
    style_header(ws, labels, keys=names)
    validations: dict[str, Any] = {
        # the drop-down offers 是/否 only; assess still reads 有/无, 1/0, true/false typed by hand
        "boolean": DataValidation(type="list", formula1='"' + ",".join(TEMPLATE_BOOLEANS) + '"', allow_blank=True),
        # the usual school stages; another band (1-6,10-12) is allowed after a warning
        "grades": DataValidation(type="list", formula1='"' + ",".join(GRADE_BANDS) + '"', allow_blank=True,
                                 errorStyle="warning"),
        "integer": DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True),
        "number": DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True),
        "share": DataValidation(type="decimal", operator="between", formula1="0", formula2="1", allow_blank=True),
        "date": DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True),
    }
    for kind, validation in validations.items():
        validation.showErrorMessage = True
        validation.errorTitle = "xinli"
        validation.error = messages.pick(ACCEPTED[kind], lang)
    help_rows = []
    for number, key in enumerate(names, start=1):
        letter = get_column_letter(number)
        kind, unit = _column_kind(key, columns)
        if unit == "share":
            kind = "share"
        zh, en, help_zh, help_en = _column_help(key, columns)
        unit_text = vocab.label(vocab.UNITS, unit, lang) if unit else ""
        accepted = messages.pick(ACCEPTED[kind], lang)
        note = "\n".join([messages.pick((zh, en), lang), messages.pick((help_zh, help_en), lang, "\n"), accepted])
        ws.cell(row=1, column=number).comment = Comment(note, "xinli", width=320, height=140)
        if key == "grades":
            validations["grades"].add(f"{letter}2:{letter}{LAST_ROW}")
            accepted = messages.pick(ACCEPTED["grades"], lang)
            note = "\n".join([messages.pick((zh, en), lang), accepted])
            ws.cell(row=1, column=number).comment = Comment(note, "xinli", width=320, height=140)
        elif kind == "self":  # one drop-down per item: its short text, level and clause as the input message
            own = DataValidation(type="list", formula1='"' + ",".join(SELF_CHOICES) + '"', allow_blank=True)
            own.showErrorMessage = own.showInputMessage = True
            own.errorTitle, own.error = "xinli", accepted
            own.promptTitle = messages.pick(messages.FACT_TYPES["self"], lang)[:32]
            own.prompt = messages.pick((help_zh, help_en), lang, "\n")[:250]
            own.add(f"{letter}2:{letter}{LAST_ROW}")
            ws.add_data_validation(own)
        elif kind in validations:
            validations[kind].add(f"{letter}2:{letter}{LAST_ROW}")
        if kind == "text":
            # school ids keep leading zeros and grades like 1-6 are not turned into dates
            ws.column_dimensions[letter].number_format = "@"
        help_rows.append([labels[number - 1], messages.pick((zh, en), lang), messages.pick(messages.FACT_TYPES[kind], lang),
                          unit_text, messages.pick((help_zh, help_en), lang, "\n"), accepted])
    for validation in validations.values():
        if validation.sqref:
            ws.add_data_validation(validation)
    print_setup(ws)
    helper = workbook.create_sheet(messages.sheet(HELP_SHEET, lang))
    keys = ["column", "label", "type", "unit", "help", "accepted"]
    header = [messages.column(k, lang) if lang != "both" else k for k in keys]
    helper.append(header)
    for row in help_rows:
        helper.append(row)
    style_header(helper, header, {"help": 60, "accepted": 40, "label": 30, "column": 24}, keys=keys)
    for row in helper.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    helper.append([])
    helper.append([messages.pick(FACTS_NOTE, lang, "\n").format(sheet=messages.sheet(FACTS_SHEET, lang), region=region)])
    print_setup(helper)


def add_sources_sheet(workbook: Any, checklist: dict[str, Any], lang: str = "both") -> None:
    """The ``sources`` sheet: one row per document and clause quoted, with
    the requirement ids citing it; documents no installed plugin encodes
    appear with no clause."""
    from openpyxl.styles import Alignment

    ws = workbook.create_sheet(messages.sheet("sources", lang))
    keys = ["jurisdiction", "document", "title_zh", "title_en", "issuer_zh", "date", "encoded", "clause", "quote",
            "requirement_ids"]
    if lang != "both":
        keys = [k for k in keys if not k.endswith("_en" if lang == "zh" else "_zh") or k == "issuer_zh"]
    header = [messages.column(k.removesuffix("_zh").removesuffix("_en"), lang) if lang != "both" else k for k in keys]
    ws.append(header)
    documents = {d["number"]: d for d in checklist["documents"]}
    cited: dict[tuple[str, str, str], list[str]] = {}
    for item in checklist["items"]:
        cite = item["citation"]
        cited.setdefault((cite["document"], cite["clause"], cite["quote"]), []).append(item["id"])
    for number, doc in documents.items():
        rows = [(clause, quote, ids) for (d, clause, quote), ids in cited.items() if d == number]
        for clause, quote, ids in rows or [(None, None, [])]:
            values = {"jurisdiction": doc["jurisdiction"], "document": number, "title_zh": doc["title"]["zh"],
                      "title_en": doc["title"]["en"], "issuer_zh": doc["issuer"]["zh"], "date": doc["date"],
                      "encoded": messages.msg("yes" if doc["encoded"] else "no", lang) if lang != "both" else
                      ("yes" if doc["encoded"] else "no"),
                      "clause": clause, "quote": quote, "requirement_ids": ";".join(ids) or None}
            ws.append([values[k] for k in keys])
    for (number, clause, quote), ids in cited.items():
        if number not in documents:
            values = {"document": number, "clause": clause, "quote": quote, "requirement_ids": ";".join(ids)}
            ws.append([values.get(k) for k in keys])
    style_header(ws, header, keys=keys)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.auto_filter.ref = ws.dimensions
    print_setup(ws)


def render_checklist_xlsx(checklist: dict[str, Any], columns: FactColumns, lang: str = "both") -> bytes:
    """The checklist workbook: sheets ``checklist``, ``facts-template``,
    ``sources`` and ``facts-help``."""
    openpyxl = _openpyxl()
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    add_checklist_sheet(workbook, checklist, lang)
    add_facts_sheets(workbook, columns, checklist["region"]["code"], lang, "zh" if lang == "zh" else "key")
    add_sources_sheet(workbook, checklist, lang)
    workbook.move_sheet(messages.sheet(HELP_SHEET, lang), offset=1)
    workbook.properties.title = f"{checklist['region']['name']['zh']} — xinli checklist"
    workbook.properties.creator = "xinli"
    return _save(workbook)


def render_facts_template_xlsx(columns: FactColumns, region: str, lang: str = "zh", headers: str = "zh") -> bytes:
    """The facts template alone: sheets ``facts-template`` and ``facts-help``."""
    openpyxl = _openpyxl()
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    add_facts_sheets(workbook, columns, region, lang, headers)
    workbook.properties.creator = "xinli"
    return _save(workbook)


def render_report_xlsx(data: dict[str, Any], lang: str = "zh") -> bytes:
    """The assessment report workbook: ``summary``, ``requirements`` (with
    the share of schools meeting each), ``schools``, ``region-findings``
    and, when there is an earlier run, ``changes``, then, when the run has
    self-reports, ``verification`` (:func:`add_verification_sheet`); headers and statuses in
    ``lang`` (keys for ``both``), every sheet printable on A4 landscape.
    Written in openpyxl's streaming mode, so a run of many schools stays
    within memory."""
    from xinli.core.assessment.assess import STATUSES
    from xinli.core.render.words import detail_words, expected_words, observed_words

    openpyxl = _openpyxl()
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = openpyxl.Workbook(write_only=True)
    bold_white = Font(bold=True, color="FFFFFFFF")
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    keyed = lang == "both"

    def head(key: str) -> str:
        if key in STATUSES:
            return key if keyed else messages.status(key, lang)
        return messages.column(key, lang)

    def sheet(key: str, header: list[str], widths: dict[str, int] | None = None) -> Any:
        name = messages.sheet(key, lang)
        ws = workbook.create_sheet(name)
        labels = [head(k) for k in header]
        for number, column in enumerate(header, start=1):
            width = (widths or {}).get(column) or WIDE.get(column) or max(14, display_width(labels[number - 1]) + 2)
            ws.column_dimensions[get_column_letter(number)].width = width
        ws.freeze_panes = "A2"
        print_setup(ws, f"{data['run']['region']} {name}")
        cells = []
        for column in labels:
            cell = WriteOnlyCell(ws, value=column)
            cell.font = bold_white
            cell.fill = header_fill
            cells.append(cell)
        ws.append(cells)
        return ws

    def text(t: dict[str, str]) -> str:
        return vocab.localize(t, lang)

    def level(key: str) -> str:
        return key if keyed else vocab.label(vocab.LEVELS, key, lang)

    def status(key: str | None) -> str | None:
        if key is None:
            return None
        return key if keyed else messages.status(key, lang)

    def expected(value: str | None) -> str | None:
        return value if keyed else expected_words(value, lang)

    def observed(value: str | None) -> str | None:
        return value if keyed else (observed_words(value, lang) or None)

    run = data["run"]
    summary = sheet("summary", ["field", "value"], {"field": 20, "value": 60})
    for key in ("id", "region", "as_of", "created", "facts_file", "facts_sha256", "schools", "findings"):
        summary.append(xlsx_row(summary, [key if keyed else messages.column("id_run" if key == "id" else key, lang), run[key]]))
    for key in STATUSES:
        summary.append(xlsx_row(summary, [status(key), run["counts"].get(key, 0)]))
    from xinli.core.render.report import met_sources, provenance_words  # issue 20: counts by provenance

    summary.append(xlsx_row(summary, [messages.column("provenance", lang),
                                      provenance_words(run.get("provenance_counts") or {}, lang)]))

    header = ["requirement_id", "scope", "level", "text", "expected", *STATUSES, "share_met", "provenance", "document",
              "clause"]
    requirements = sheet("requirements", header, {"text": 60, "requirement_id": 44, "expected": 24})
    share_column = header.index("share_met")
    for req in data["requirements"]:
        scope = req["scope"] if keyed else messages.pick(messages.SCOPES.get(req["scope"], (req["scope"], req["scope"])), lang)
        row: list[Any] = [req["requirement_id"], scope, level(req["level"]), text(req["text"]), expected(req["expected"]),
                          *(req["counts"][s] for s in STATUSES), req["share_met"],
                          met_sources(req.get("by_provenance") or {}, lang), req["document"], req["clause"]]
        cell = WriteOnlyCell(requirements, value=req["share_met"])
        cell.number_format = "0%"
        row[share_column] = cell
        requirements.append(xlsx_row(requirements, row))
    requirements.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(data['requirements']) + 1}"

    header = ["school_id", "school_name", *STATUSES, "required_not_met"]
    schools = sheet("schools", header, {"school_name": 30})
    for school in data["schools"]:
        schools.append(xlsx_row(schools, [school["school_id"], school["school_name"], *(school["counts"][s] for s in STATUSES),
                        ";".join(m["requirement_id"] for m in school["required_not_met"]) or None]))
    schools.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(data['schools']) + 1}"

    header = ["requirement_id", "level", "status", "provenance", "expected", "observed", "detail", "document", "clause",
              "duty_holder"]
    region = sheet("region-findings", header, {"detail": 50, "requirement_id": 44})
    for f in data["region_findings"]:
        cell = WriteOnlyCell(region, value=status(f["status"]))
        cell.fill = PatternFill("solid", fgColor=STATUS_FILLS.get(f["status"], "FFFFFFFF"))
        region.append(xlsx_row(region, [f["requirement_id"], level(f["level"]), cell,
                                        messages.provenance(f.get("provenance"), lang) if not keyed else f.get("provenance"),
                                        expected(f["expected"]),
                                        observed(f["observed"]), f["detail"] if keyed else (detail_words(f["detail"], lang) or None),
                                        f["document"], f["clause"],
                                        f["duty_holder"] if keyed else vocab.label(vocab.ACTORS, f["duty_holder"], lang)]))

    changes = data["changes"]
    if changes is not None:
        ws = sheet("changes", ["school_id", "requirement_id", "before", "after"], {"requirement_id": 44})
        for change in changes["changed"]:
            absent = None if keyed else messages.msg("absent", lang)
            ws.append(xlsx_row(ws, [change["school_id"], change["requirement_id"], status(change["before"]) or absent,
                                    status(change["after"]) or absent]))
        if changes["truncated"]:
            ws.append(xlsx_row(ws, [f"… {messages.msg('more', lang, n=changes['total'] - len(changes['changed']))}"]))
    add_verification_sheet(workbook, data.get("verification"), data["run"]["region"], lang)
    return _save(workbook)


def add_verification_sheet(workbook: Any, stats: dict[str, Any] | None, region: str, lang: str = "zh") -> None:
    """The report's ``verification`` sheet (issue 20): the self-reports an
    inspector verified, how many disagreed and the disagreement rate (the
    region's trust figure), for the region first, then per school and per
    item; headers in ``lang`` (keys for ``both``).  Nothing for a run
    recorded before findings carried a provenance, nor for one without any
    self-report or verified finding (nothing to verify)."""
    if stats is None or not (stats["self_reported"] or stats["verified"] or stats["verified_without_self_report"]):
        return
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    keyed = lang == "both"
    keys = ["group", "identifier", "verified_self_reports", "disagreed", "disagreement_rate"]
    name = messages.sheet("verification", lang)
    ws = workbook.create_sheet(name)
    labels = [messages.column(k, lang) for k in keys]
    for number, label in enumerate(labels, start=1):
        ws.column_dimensions[get_column_letter(number)].width = 44 if number == 2 else max(14, display_width(label) + 2)
    ws.freeze_panes = "A2"
    print_setup(ws, f"{region} {name}")
    header = []
    for label in labels:
        cell = WriteOnlyCell(ws, value=label)
        cell.font, cell.fill = Font(bold=True, color="FFFFFFFF"), PatternFill("solid", fgColor=HEADER_FILL)
        header.append(cell)
    ws.append(header)

    def row(group: str, ident: str, verified: int, disagreed: int) -> None:
        rate = WriteOnlyCell(ws, value=round(disagreed / verified, 4) if verified else None)
        rate.number_format = "0.0%"
        ws.append(xlsx_row(ws, [group if keyed else messages.column(group, lang), ident, verified, disagreed, rate]))

    row("region", region, stats["verified"], stats["disagreed"])
    for entry in stats["schools"]:
        row("school_id", entry["school_id"], entry["verified"], entry["disagreed"])
    for entry in stats["items"]:
        row("requirement_id", entry["requirement_id"], entry["verified"], entry["disagreed"])
