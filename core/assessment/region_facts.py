"""The region's own self-inspection (辖区自查): the education bureau's
answers for its own duties and those of the other authorities in its
documents, read from a file given to ``xinli assess --region-facts``.

An authority's duty without a machine check is otherwise one ``manual``
region finding per run.  With an answer (是 / 否 / 不适用, with an evidence
note) it becomes a region finding with provenance ``self_reported``:
``met``, ``not_met`` or ``not_applicable`` (an encouraged or permitted
item: adopted or not).  Blank stays unanswered.  Nothing here is a machine
check: the answers are the bureau's word, shown as such, until a higher
level verifies them.

The file is CSV, xlsx, TOML or JSON.  CSV and xlsx have one row per item
(``requirement_id``, ``answer``, ``evidence``; the Chinese headers 要求编号,
自查结论, 佐证 are accepted, and the template's other columns are read and
ignored); TOML and JSON hold ``[[answers]]`` tables with the same keys.
``xinli facts-template --region`` writes the template.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from attrs import frozen

from xinli.core import vocabulary as vocab
from xinli.core.errors import FactProblem, FactsError, XinliError

#: Actors a requirement concerns rather than binds (students, parents ...): their items are nobody's self-inspection.
CONCERNED_PEOPLE = frozenset({"students", "parents", "families", "returning_students", "at_risk_students", "new_students",
                              "staff", "crisis_responders", "residents", "left_behind_children"})
#: The columns of a region facts file, in template order; ``attest``-style
#: context columns (text, level, duty holder, clause) are written for the
#: reader's benefit and ignored.
KEYS = ("requirement_id", "text", "level", "duty_holder", "clause", "answer", "evidence")
FIELDS = ("requirement_id", "answer", "evidence")
HEADERS: dict[str, tuple[str, ...]] = {
    "requirement_id": ("requirement_id", "要求编号", "条目编号"),
    "answer": ("answer", "自查结论", "自查", "结论"),
    "evidence": ("evidence", "佐证", "佐证材料"),
    "text": ("text", "要求内容"),
    "level": ("level", "要求等级"),
    "duty_holder": ("duty_holder", "责任主体"),
    "clause": ("clause", "条款"),
}
#: Accepted answers (English ones in any case) and the outcome each stands for.
ANSWERS = {"是": "met", "否": "not_met", "不适用": "not_applicable", "符合": "met", "不符合": "not_met",
           "yes": "met", "no": "not_met", "n/a": "not_applicable", "na": "not_applicable", "met": "met",
           "not_met": "not_met", "not_applicable": "not_applicable"}
#: The answers the template offers.
ANSWER_CHOICES = ("是", "否", "不适用")
MAX_PROBLEMS = 50


@frozen
class RegionAnswer:
    """The region's answer for one of its own duties: ``outcome`` is
    ``met``, ``not_met`` or ``not_applicable``."""

    requirement_id: str
    outcome: str
    evidence: str | None
    row: int | None = None


def is_authority(actor: str) -> bool:
    """True for a duty holder outside the school that is a body, not a
    person concerned (the education authority, other departments, a
    leading group, a community body ...)."""
    return actor not in vocab.SCHOOL_SIDE and actor not in CONCERNED_PEOPLE


def region_items(checklist: dict[str, Any]) -> list[dict[str, Any]]:
    """The items a region's self-inspection answers: duties of authorities,
    assessed as region findings, without a machine check."""
    return [item for item in checklist["items"]
            if item["assessed_at"] == "region" and item["check"] is None and is_authority(item["duty_holder"])]


def _map_header(name: str, header: list[str]) -> list[str | None]:
    keys = {alias.lower(): key for key, aliases in HEADERS.items() for alias in aliases}
    problems = []
    mapped: list[str | None] = []
    for raw in header:
        cell = str(raw or "").strip()
        key = keys.get(cell.lower()) if cell else None
        if cell and key is None:
            problems.append(FactProblem(name, 1, cell[:40], None, f"unknown column; a region facts file has "
                                        f"{', '.join(FIELDS)} (or their Chinese headers)"))
        elif key is not None and key in mapped:
            problems.append(FactProblem(name, 1, cell[:40], None, f"a second {key} column"))
        mapped.append(key)
    problems += [FactProblem(name, 1, f, None, "required column is missing") for f in ("requirement_id", "answer")
                 if f not in mapped]
    if problems:
        raise FactsError(problems[:MAX_PROBLEMS], len(problems) > MAX_PROBLEMS)
    return mapped


def _records(path: Path, data: bytes) -> list[tuple[int, dict[str, Any]]]:
    from xinli.core.assessment.facts import csv_rows, decode_bytes, load_document

    name = path.name
    suffix = path.suffix.lower()
    if suffix in (".toml", ".json"):
        doc = load_document(name, data, suffix)
        if not isinstance(doc, dict) or any(key != "answers" for key in doc):
            raise FactsError([FactProblem(name, None, None, None, "expected only [[answers]] tables "
                                          "(requirement_id, answer, evidence)")])
        answers = doc.get("answers", [])
        if not isinstance(answers, list) or not all(isinstance(a, dict) for a in answers):
            raise FactsError([FactProblem(name, None, "answers", None, "expected [[answers]] tables (an array of tables)")])
        problems = [FactProblem(name, n, str(key)[:40], None, f"unknown field; answers have {', '.join(FIELDS)}")
                    for n, a in enumerate(answers, start=1) for key in a if key not in HEADERS]
        if problems:
            raise FactsError(problems[:MAX_PROBLEMS], len(problems) > MAX_PROBLEMS)
        return list(enumerate(answers, start=1))
    if suffix == ".csv":
        rows = csv_rows(decode_bytes(data, name), name)
        first = next(rows, None)
        if first is None:
            raise FactsError([FactProblem(name, None, None, None, "the file is empty")])
        mapped = _map_header(name, first[1])
        return [(n, {k: c for k, c in zip(mapped, cells, strict=False) if k is not None})
                for n, cells in rows if any(c.strip() for c in cells)]
    if suffix == ".xlsx":
        try:
            import openpyxl
        except ImportError:
            raise XinliError(f"{path}: reading .xlsx needs openpyxl: pip install 'xinli[xlsx]'") from None
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            ws = workbook["辖区自查"] if "辖区自查" in workbook.sheetnames else (
                workbook["region-facts"] if "region-facts" in workbook.sheetnames else workbook.worksheets[0])
            all_rows = list(ws.iter_rows(values_only=True))
        except Exception as exc:  # a damaged workbook
            raise FactsError([FactProblem(name, None, None, None, f"cannot open as an xlsx workbook: {exc}")]) from None
        if not all_rows:
            raise FactsError([FactProblem(name, None, None, None, "the sheet is empty")])
        mapped = _map_header(name, ["" if c is None else str(c) for c in all_rows[0]])
        out = []
        for n, cells in enumerate(all_rows[1:], start=2):
            record = {k: c for k, c in zip(mapped, cells, strict=False) if k is not None}
            if any(v is not None and str(v).strip() for v in record.values()):
                out.append((n, record))
        return out
    raise XinliError(f"{path}: unsupported region facts format {suffix or '(none)'}; use .csv, .xlsx, .toml or .json")


def read_region_facts(path: str | Path, checklist: dict[str, Any]) -> list[RegionAnswer]:
    """Read and check the region's answers against ``checklist``: every
    problem (an unknown item, an item that is a school's or has a machine
    check, an answer other than 是/否/不适用, an item answered twice,
    personal data or control characters) is reported with file, row and
    column, and nothing is written.  A row with an empty answer is
    unanswered and left out."""
    from xinli.core.assessment.values import check_value, shown
    from xinli.core.records.attestations import personal_data_in

    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise XinliError(f"{path}: cannot read region facts file: {exc.strerror or exc}") from None
    items = {item["id"]: item for item in checklist["items"]}
    answerable = {item["id"] for item in region_items(checklist)}
    problems: list[FactProblem] = []
    answers: list[RegionAnswer] = []
    seen: dict[str, int] = {}

    def add(row: int | None, column: str, value: Any, reason: str) -> None:
        problems.append(FactProblem(path.name, row, column, None if value is None else str(value), reason))

    for row, record in _records(path, data):
        bad = False
        for key in FIELDS:
            value = record.get(key)
            why = check_value(key, value, identifier=key == "requirement_id")
            if why is None and isinstance(value, str) and key == "evidence" and personal_data_in(value):
                why = (value.strip()[:3] + "…", "looks like a phone or ID-card number (personal data); name the "
                       "document or record, never a person")
            if why is None and value is not None and not isinstance(value, str | int | float | dt.date):
                why = (shown(value), "expected text")
            if why is not None:
                add(row, key, why[0], why[1])
                bad = True
        if bad:
            continue
        requirement_id = str(record.get("requirement_id") or "").strip()
        raw = record.get("answer")
        answer = "" if raw is None else str(raw).strip()
        if not requirement_id:
            if answer:
                add(row, "requirement_id", None, "required field is empty")
            continue
        item = items.get(requirement_id)
        if item is None:
            add(row, "requirement_id", shown(requirement_id, 80), "not an item of this region's checklist")
            continue
        if requirement_id not in answerable:
            why = ("has a machine check; its finding comes from the schools' facts" if item["check"] is not None else
                   f"not an authority's duty ({item['duty_holder']}); schools answer it in their facts"
                   if item["assessed_at"] == "school" else
                   f"its duty holder ({item['duty_holder']}) is not an authority; it stays a manual item")
            add(row, "requirement_id", shown(requirement_id, 80), why)
            continue
        if not answer:
            continue
        outcome = ANSWERS.get(answer.lower())
        if outcome is None:
            add(row, "answer", shown(answer), "expected 是, 否 or 不适用 (yes, no, n/a)")
            continue
        if requirement_id in seen:
            add(row, "requirement_id", shown(requirement_id, 80), f"answered twice (first in row {seen[requirement_id]})")
            continue
        seen[requirement_id] = row
        evidence = str(record.get("evidence") or "").strip() or None
        answers.append(RegionAnswer(requirement_id, outcome, evidence, row))
    if problems:
        raise FactsError(problems[:MAX_PROBLEMS], len(problems) > MAX_PROBLEMS)
    return answers


def region_template_rows(checklist: dict[str, Any], lang: str = "zh") -> list[list[str]]:
    """The template's rows in :data:`KEYS` order, answer and evidence empty."""
    side = "zh" if lang == "zh" else "en"
    return [[item["id"], item["text"][side], vocab.label(vocab.LEVELS, item["level"], side),
             vocab.label(vocab.ACTORS, item["duty_holder"], side),
             f"{item['citation']['document']} {item['citation']['clause']}".strip(), "", ""]
            for item in region_items(checklist)]
