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
#: Added for any-of checks (issue 24), last so no column moves: every
#: alternative, each with its ``when`` conditions (the columns ``metric`` to
#: ``count_per`` hold the first alternative, as the JSON ``check`` does).
ANY_COLUMNS = ("any_of",)


def text_columns(lang: str) -> tuple[str, ...]:
    """The text and note columns for ``lang``."""
    if lang == "both":
        return ("text_zh", "text_en", "note_zh", "note_en")
    return ("text", "note")


def columns(lang: str) -> tuple[str, ...]:
    """All columns, in order, for ``lang``."""
    return BASE_COLUMNS + text_columns(lang) + CITATION_COLUMNS + V2_COLUMNS + ANY_COLUMNS


#: The fields of one alternative an ``any_of`` cell keeps with ``--lang both``, in this order.
_ALTERNATIVE_KEYS = ("metric", "op", "value", "unit", "per", "count_per", "event", "grades", "grades_mode", "when")


def grades_cell(grades: list[int] | tuple[int, ...] | None, lang: str) -> str:
    """Grades joined with ``;``: in words for ``zh``/``en`` (幼儿园小班,
    大学一年级; see :func:`xinli.core.render.markdown.grade_words`), in the
    codes facts use for ``both`` (``K1``, ``1``, ``U1``), never a bare
    negative number or 13 and more.  The xlsx checklist can call this too."""
    from xinli.core.render.markdown import grade_words

    if not grades:
        return ""
    if lang == "both":
        return ";".join(vocab.grade_label(g) for g in grades)
    return ";".join(grade_words(g, lang) for g in grades)


def any_of_cell(check: dict[str, Any] | None, lang: str, labels: dict[str, dict[str, str]] | None = None) -> str:
    """Every alternative of an any-of check in one cell ("" for any other
    check): for ``zh``/``en`` in words, each with its ``when`` conditions
    (``专职心理教师 不少于 1 人 或 …（寄宿生 不少于 200）``); for ``both`` a JSON
    list of ``{metric, op, value, unit, per, count_per, event, grades,
    grades_mode, when}``."""
    if not check or not check.get("any"):
        return ""
    if lang == "both":
        return json.dumps([{key: alt.get(key) for key in _ALTERNATIVE_KEYS} for alt in check["any"]],
                          ensure_ascii=False)
    from xinli.core.render.markdown import check_text

    return check_text({"any": check["any"]}, lang, labels)


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
        row["any_of"] = any_of_cell(check, lang, labels)


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
        "grades": grades_cell(item["grades"], lang),
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
        "check_grades": grades_cell(check.get("grades"), lang),
        "grades_mode": check.get("grades_mode") or "" if check.get("grades") else "",
        "binds": check.get("binds") or "",
        "any_of": any_of_cell(check, "both"),
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
