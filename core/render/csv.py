"""The checklist as CSV: one row per item, a fixed column order, for
spreadsheets and scripts.

Every CSV xinli writes starts with a UTF-8 byte-order mark, so Excel on a
Chinese Windows opens it as UTF-8.  With ``--lang zh`` or ``en`` headers and
enumerations (level, domain, duty holder, period...) are words in that
language; ``--lang both`` keeps the stable keys, for scripts.
"""

from __future__ import annotations

import io
import json
from typing import Any

from xinli.core import messages
from xinli.core import vocabulary as vocab
from xinli.core.render.cells import SafeWriter, safe_dict_rows

#: The UTF-8 byte-order mark every CSV output starts with.
BOM = "\ufeff"

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


def _words(row: dict[str, Any], item: dict[str, Any], lang: str, labels: dict[str, dict[str, str]]) -> None:
    """Replace the enumeration keys of ``row`` by words in ``lang``."""
    check = item["check"] or {}
    row["domain"] = vocab.label(vocab.DOMAINS, item["domain"], lang)
    row["level"] = vocab.label(vocab.LEVELS, item["level"], lang)
    row["duty_holder"] = vocab.label(vocab.ACTORS, item["duty_holder"], lang)
    row["school_duty"] = messages.msg("yes" if item["school_duty"] else "no", lang)
    row["subject"] = ";".join(vocab.label(vocab.ACTORS, s, lang) for s in item["subject"])
    if item["applies_if"]:
        from xinli.core.render.markdown import conditions_text

        row["applies_if"] = conditions_text(item["applies_if"], lang, labels)
    if row.get("assessed_at") in messages.SCOPES:
        row["assessed_at"] = messages.pick(messages.SCOPES[row["assessed_at"]], lang)
    if row.get("event") in vocab.EVENTS:
        row["event"] = vocab.label(vocab.EVENTS, row["event"], lang)
    if row.get("grades_mode") in vocab.GRADES_MODES:
        row["grades_mode"] = vocab.label(vocab.GRADES_MODES, row["grades_mode"], lang)
    if row.get("binds") in vocab.BINDS:
        row["binds"] = vocab.label(vocab.BINDS, row["binds"], lang)
    if check:
        row["metric"] = vocab.localize(labels[check["metric"]], lang) if check["metric"] in labels else check["metric"]
        row["op"] = messages.pick(messages.OPERATORS[check["op"]], lang)
        row["unit"] = vocab.label(vocab.UNITS, check["unit"], lang) if check.get("unit") else ""
        per = check.get("per") or ""
        if per.startswith("every_") and per.endswith("_years"):
            row["per"] = messages.msg("every_n_years", lang, n=per.split("_")[1])
        elif per:
            row["per"] = vocab.label(vocab.PERIODS, per, lang)
        row["count_per"] = vocab.label(vocab.COUNT_PER, check["count_per"], lang)


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


def checklist_rows(checklist: dict[str, Any], lang: str = "both") -> tuple[list[str], list[dict[str, Any]]]:
    """The column keys and one row per item, before any spreadsheet
    neutralising (the xlsx sheet types its cells instead); enumerations in
    words for ``zh``/``en``, keys for ``both``."""
    labels = checklist.get("metric_labels") or {}
    rows = []
    for item in checklist["items"]:
        row = _row(item, lang)
        if lang != "both":
            _words(row, item, lang, labels)
        rows.append(row)
    return list(columns(lang)), rows


def render_csv(checklist: dict[str, Any], lang: str = "both") -> str:
    """The checklist items as CSV text (with a BOM) and a header row in
    ``lang`` (column keys for ``both``); a cell a spreadsheet would run as a
    formula is neutralised."""
    keys, rows = checklist_rows(checklist, lang)
    buffer = io.StringIO()
    writer = SafeWriter(buffer, lineterminator="\n")
    writer.writerow([messages.column(key.removesuffix("_zh").removesuffix("_en"), lang) if lang != "both" else key
                     for key in keys])
    writer.writerows(safe_dict_rows(rows, keys))
    return BOM + buffer.getvalue()
