"""The checklist as CSV: one row per item, a fixed column order, for
spreadsheets and scripts."""

from __future__ import annotations

import io
import json
from typing import Any

from xinli.core.render.cells import SafeWriter, safe_dict_rows

BASE_COLUMNS = (
    "id", "domain", "level", "duty_holder", "school_duty", "subject", "grades", "applies_if",
    "metric", "op", "value", "unit", "per", "count_per", "deadline",
)
CITATION_COLUMNS = ("source", "document", "clause", "quote")
#: Columns added with xinli.checklist/2, after all earlier ones so no column moves.
V2_COLUMNS = ("assessed_at", "event", "check_grades", "grades_mode", "binds")


def text_columns(lang: str) -> tuple[str, ...]:
    """The text and note columns for ``lang``."""
    if lang == "both":
        return ("text_zh", "text_en", "note_zh", "note_en")
    return ("text", "note")


def columns(lang: str) -> tuple[str, ...]:
    """All columns, in order, for ``lang``."""
    return BASE_COLUMNS + text_columns(lang) + CITATION_COLUMNS + V2_COLUMNS


def _row(item: dict[str, Any], lang: str) -> dict[str, Any]:
    check = item["check"] or {}
    value = check.get("value")
    row: dict[str, Any] = {
        "id": item["id"],
        "domain": item["domain"],
        "level": item["level"],
        "duty_holder": item["duty_holder"],
        "school_duty": "true" if item["school_duty"] else "false",
        "subject": ";".join(item["subject"]),
        "grades": ";".join(str(g) for g in item["grades"]),
        "applies_if": json.dumps(item["applies_if"], ensure_ascii=False) if item["applies_if"] else "",
        "metric": check.get("metric", ""),
        "op": check.get("op", ""),
        "value": "-".join(str(v) for v in value) if isinstance(value, list) else ("" if value is None else value),
        "unit": check.get("unit") or "",
        "per": check.get("per") or "",
        "count_per": check.get("count_per", ""),
        "deadline": item["deadline"] or "",
        "source": item["source"],
        "document": item["citation"]["document"],
        "clause": item["citation"]["clause"],
        "quote": item["citation"]["quote"],
        "assessed_at": item.get("assessed_at") or "",
        "event": item.get("event") or "",
        "check_grades": ";".join(str(g) for g in check.get("grades") or ()),
        "grades_mode": check.get("grades_mode") or "" if check.get("grades") else "",
        "binds": check.get("binds") or "",
    }
    note = item["note"] or {"zh": "", "en": ""}
    if lang == "both":
        row.update(text_zh=item["text"]["zh"], text_en=item["text"]["en"], note_zh=note["zh"], note_en=note["en"])
    else:
        row.update(text=item["text"][lang], note=note[lang])
    return row


def checklist_rows(checklist: dict[str, Any], lang: str = "both") -> list[dict[str, Any]]:
    """The CSV rows as dictionaries keyed by :func:`columns`, before any
    spreadsheet neutralising (the xlsx sheet types its cells instead)."""
    return [_row(item, lang) for item in checklist["items"]]


def render_csv(checklist: dict[str, Any], lang: str = "both") -> str:
    """The checklist items as CSV text with a header row; a cell a
    spreadsheet would run as a formula is neutralised."""
    buffer = io.StringIO()
    writer = SafeWriter(buffer, lineterminator="\n")
    writer.writerow(columns(lang))
    writer.writerows(safe_dict_rows(checklist_rows(checklist, lang), columns(lang)))
    return buffer.getvalue()
