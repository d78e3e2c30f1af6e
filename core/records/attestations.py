"""Manual checks recorded against the assessment records (``xinli attest``).

An item with no machine check is one ``manual`` row per run, the region's
list of what to verify by hand.  When someone has verified it at a school,
an attestation records who checked, when, the result and an evidence note;
the next assessment shows that school's finding from it (provenance
``verified``).  Attestations live in their own table (migration
``m004_attestations``) and are only added, never changed: a later
attestation supersedes an earlier one.

Many checks at once (``xinli attest --from FILE``, typically a spot-check
list drawn by ``xinli sample`` and filled in by an inspector) are read by
:func:`read_attestation_file`, checked row by row by
:func:`check_attestations` (every problem named by file, row and column;
nothing is written when any row is wrong) and recorded by
:func:`record_attestations` in one transaction.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import sqlite_utils
from attrs import frozen

from xinli.core.errors import FactProblem, FactsError, XinliError

#: What a manual check can conclude.
RESULTS = ("met", "not_met")
#: The words a file may use for a result (case does not matter for the English ones).
RESULT_WORDS = {"met": "met", "not_met": "not_met", "not met": "not_met", "符合": "met", "不符合": "not_met"}
#: The columns of an attestations file, in the order ``xinli sample`` writes them.
FIELDS = ("school_id", "requirement_id", "result", "by", "on", "evidence")
#: Columns a filled spot-check list carries for the inspector's benefit; read and ignored.
CONTEXT_FIELDS = ("school_name", "text", "level", "clause", "self_report", "sample")
#: Every header accepted for each column: the key, its English variants and the Chinese labels.
HEADERS: dict[str, tuple[str, ...]] = {
    "school_id": ("school_id", "学校代码", "学校编号"),
    "requirement_id": ("requirement_id", "要求编号", "条目编号"),
    "result": ("result", "核查结论", "结论", "结果"),
    "by": ("by", "checked_by", "核查人", "核查单位"),
    "on": ("on", "checked_on", "核查日期", "日期"),
    "evidence": ("evidence", "佐证", "佐证材料", "核查依据"),
    "school_name": ("school_name", "学校名称"),
    "text": ("text", "要求内容"),
    "level": ("level", "要求等级"),
    "clause": ("clause", "条款"),
    "self_report": ("self_report", "学校自查"),
    "sample": ("sample", "抽样"),
}
#: Sheets an attestations workbook is read from, in order of preference (else its only or first sheet).
XLSX_SHEETS = ("attestations", "核查", "抽查")
#: Most problems reported from one file.
MAX_PROBLEMS = 50


@frozen
class Attestation:
    """One manual check to record: who checked which school against which
    item, on which day, with what result and evidence; ``row`` is where it
    came from (a file's row number, or None for the command line)."""

    school_id: str
    requirement_id: str
    result: str
    checked_by: str
    checked_on: dt.date
    evidence: str | None
    row: int | None = None


def _header_keys() -> dict[str, str]:
    return {alias.lower(): key for key, aliases in HEADERS.items() for alias in aliases}


def _map_header(name: str, header: list[str]) -> list[str | None]:
    """Each header cell's column key (None for an empty trailing cell); an
    unknown or repeated column, or a required one missing, is a
    :class:`FactsError` naming row 1."""
    keys = _header_keys()
    problems = []
    mapped: list[str | None] = []
    for raw in header:
        cell = raw.strip()
        key = keys.get(cell.lower())
        if not cell:
            mapped.append(None)
            continue
        if key is None:
            problems.append(FactProblem(name, 1, cell[:40], None,
                                        f"unknown column; an attestations file has {', '.join(FIELDS)} "
                                        "(or their Chinese headers)"))
        elif key in mapped:
            problems.append(FactProblem(name, 1, cell[:40], None, f"a second {key} column"))
        mapped.append(key)
    missing = [f for f in FIELDS if f not in mapped]
    problems += [FactProblem(name, 1, f, None, "required column is missing") for f in missing]
    if problems:
        raise FactsError(problems[:MAX_PROBLEMS], len(problems) > MAX_PROBLEMS)
    return mapped


def _csv_records(name: str, data: bytes) -> Iterator[tuple[int, dict[str, Any]]]:
    from xinli.core.assessment.facts import csv_rows, decode_bytes

    rows = csv_rows(decode_bytes(data, name), name)
    first = next(rows, None)
    if first is None:
        raise FactsError([FactProblem(name, None, None, None, "the file is empty")])
    mapped = _map_header(name, first[1])
    for number, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(mapped) and any(c.strip() for c in cells[len(mapped):]):
            raise FactsError([FactProblem(name, number, None, None, f"{len(cells)} cells, more than the header's "
                                          f"{len(mapped)} columns (a stray comma?)")])
        yield number, {key: cell for key, cell in zip(mapped, cells, strict=False) if key is not None}


def _xlsx_records(name: str, data: bytes) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        import openpyxl
    except ImportError:
        raise XinliError(f"{name}: reading .xlsx needs openpyxl: pip install 'xinli[xlsx]'") from None
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zip, XML and key errors alike for a damaged file
        raise FactsError([FactProblem(name, None, None, None, f"cannot open as an xlsx workbook: {exc}")]) from None
    sheet = next((n for n in XLSX_SHEETS if n in workbook.sheetnames), workbook.sheetnames[0])
    rows = workbook[sheet].iter_rows(values_only=True)
    try:
        first = next(rows, None)
        if first is None:
            raise FactsError([FactProblem(name, None, None, None, f"sheet {sheet!r} is empty")])
        header = ["" if cell is None else str(cell) for cell in first]
        while header and not header[-1].strip():
            header.pop()
        mapped = _map_header(name, header)
        for number, cells in enumerate(rows, start=2):
            values = {}
            for key, cell in zip(mapped, cells, strict=False):
                if key is None:
                    continue
                if isinstance(cell, dt.datetime):
                    cell = cell.date()
                if key in ("school_id", "requirement_id") and isinstance(cell, int | float) and not isinstance(cell, bool):
                    cell = str(int(cell)) if float(cell).is_integer() else str(cell)
                values[key] = cell
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in values.values()):
                continue
            yield number, values
    except FactsError:
        raise
    except Exception as exc:  # a truncated or damaged sheet
        raise FactsError([FactProblem(name, None, None, None, f"cannot read sheet {sheet!r}: {str(exc)[:120]}")]) from None


def read_attestation_file(path: str | Path) -> list[tuple[int, dict[str, Any]]]:
    """The rows of an attestations file (``.csv`` or ``.xlsx``) as ``(row
    number, {column key: raw value})``, blank rows left out; the header may
    use the column keys or their Chinese labels (:data:`HEADERS`)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise XinliError(f"{path}: cannot read attestations file: {exc.strerror or exc}") from None
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return list(_csv_records(path.name, data))
    if suffix == ".xlsx":
        return list(_xlsx_records(path.name, data))
    raise XinliError(f"{path}: unsupported attestations format {suffix or '(none)'}; use .csv or .xlsx")


def personal_data_in(text: str) -> bool:
    """True when ``text`` holds something shaped like a mobile or ID-card
    number (checksum or not), also when written with full-width digits or
    broken up by spaces, dots or dashes: an attestation names an office or
    role and an evidence note, never a person."""
    import re
    import unicodedata

    from xinli.core.rules.validate import find_personal_data

    folded = unicodedata.normalize("NFKC", text)
    joined = re.sub(r"(?<=[\dXx])[\s.\-]+(?=[\dXx])", "", folded)
    return any(find_personal_data(t) for t in {text, folded, joined, re.sub(r"(?<!\d)00(?=86)", "", joined)})


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def is_unfilled(record: dict[str, Any]) -> bool:
    """True for a row of a spot-check list nobody filled in yet: result,
    who, when and evidence all empty.  Such rows are skipped, not refused."""
    return all(_blank(record.get(key)) for key in ("result", "by", "on", "evidence"))


def _day(raw: Any) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw).strip())
    except ValueError:
        raise ValueError("expected a date like 2026-11-01") from None


def check_attestations(
    name: str,
    records: Iterable[tuple[int | None, dict[str, Any]]],
    schools: set[str],
    item_for: Callable[[str, dt.date], dict[str, Any] | None],
    region: str,
    today: dt.date | None = None,
) -> tuple[list[Attestation], int]:
    """Check every record and return ``(attestations, rows skipped)``.

    ``schools`` are the school ids of the region's runs (a school in none of
    them is refused); ``item_for(requirement id, day)`` is the checklist item
    in force that day, or None.  Refused, each naming ``name``, the row and
    the column: an empty or unknown school or requirement, an item with a
    machine check or that is not a school's own duty, a result other than
    met / not_met / 符合 / 不符合, an empty ``by``, a day that is not a date
    or is in the future, personal data or control characters in any cell,
    and the same school, item and day twice.  All problems come back
    together as one :class:`FactsError`."""
    from xinli.core.assessment.facts import normalise_id
    from xinli.core.assessment.values import check_value, shown

    today = today or dt.date.today()
    problems: list[FactProblem] = []
    out: list[Attestation] = []
    seen: dict[tuple[str, str, dt.date], int | None] = {}
    skipped = 0

    def add(row: int | None, column: str | None, value: Any, reason: str) -> None:
        problems.append(FactProblem(name, row, column, None if value is None else str(value), reason))

    for row, record in records:
        if len(problems) >= MAX_PROBLEMS:
            break
        if is_unfilled(record):
            skipped += 1
            continue
        bad = False
        refused: set[str] = set()
        for key in FIELDS:  # the context columns are neither read nor stored
            why = check_value(key, record.get(key), identifier=key in ("school_id", "requirement_id"))
            if why is not None:
                add(row, key, why[0], why[1])
                refused.add(key)
            elif isinstance(record.get(key), str) and personal_data_in(record[key]):
                add(row, key, record[key].strip()[:3] + "…", "looks like a phone or ID-card number (personal data); "
                    "record an office or role and a note on the evidence, never a person")
                refused.add(key)
        bad = bool(refused)
        values = {key: ("" if record.get(key) is None or key in refused else record[key]) for key in FIELDS}
        school_id = normalise_id(str(values["school_id"]).strip())  # as the facts' ids: ＨＮ００１ is HN001
        requirement_id = str(values["requirement_id"]).strip()
        for key, text in (("school_id", school_id), ("requirement_id", requirement_id), ("by", str(values["by"]).strip())):
            if not text and key not in refused:
                add(row, key, None, "required field is empty")
                bad = True
        if school_id and school_id not in schools:
            add(row, "school_id", shown(school_id), f"unknown school: in no assessment run of {region} in this database")
            bad = True
        result = RESULT_WORDS.get(str(values["result"]).strip().lower())
        if result is None and "result" not in refused:
            add(row, "result", shown(values["result"]) if not _blank(values["result"]) else None,
                "expected met, not_met, 符合 or 不符合")
            bad = True
        day = None
        if "on" not in refused:
            try:
                day = _day(values["on"]) if not _blank(values["on"]) else None
                if day is None:
                    add(row, "on", None, "required field is empty (the day of the check, e.g. 2026-11-01)")
                    bad = True
                elif day > today:
                    add(row, "on", day.isoformat(), "a day in the future")
                    bad = True
                    day = None
            except ValueError as exc:
                add(row, "on", shown(values["on"]), str(exc))
                bad = True
        if requirement_id and day is not None:
            item = item_for(requirement_id, day)
            if item is None:
                add(row, "requirement_id", shown(requirement_id, 80), f"not an item of the {region} checklist on {day}")
                bad = True
            elif item["check"] is not None:
                add(row, "requirement_id", shown(requirement_id, 80),
                    "has a machine check; its finding comes from the school's facts")
                bad = True
            elif item["assessed_at"] != "school":
                add(row, "requirement_id", shown(requirement_id, 80),
                    f"not a school's duty ({item['duty_holder']}); it is a region finding")
                bad = True
        if bad:
            continue
        assert day is not None and result is not None
        key3 = (school_id, requirement_id, day)
        if key3 in seen:
            first = seen[key3]
            add(row, "requirement_id", shown(requirement_id, 80),
                f"school {shown(school_id)} and this item checked on {day} twice"
                + (f" (first in row {first})" if first is not None else "") + "; keep one")
            continue
        seen[key3] = row
        evidence = str(values["evidence"]).strip() or None
        out.append(Attestation(school_id, requirement_id, result, str(values["by"]).strip(), day, evidence, row))
    if problems:
        raise FactsError(problems[:MAX_PROBLEMS], len(problems) >= MAX_PROBLEMS)
    return out, skipped


def region_school_ids(db: sqlite_utils.Database, region: str) -> set[str]:
    """The ids of the schools in any assessment run of ``region``."""
    return {row[0] for row in db.execute(
        "select distinct schools.school_id from schools join runs on runs.id = schools.run_id where runs.region = ?",
        [region])}


def record_attestations(db: sqlite_utils.Database, region: str, attestations: list[Attestation],
                        notify: Callable[[str], None] | None = None) -> list[int | None]:
    """Add checked attestations in one transaction (all or none) and return
    their ids in order; an attestation identical to one already recorded
    (same school, item, day, who, result and evidence: the same file fed
    twice) is not added again and its id is None."""
    from xinli.core.records.database import begin_write

    recorded = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    conn = db.conn
    begin_write(conn, notify)
    try:
        existing = {tuple(row) for row in conn.execute(
            "select school_id, requirement_id, checked_on, checked_by, result, coalesce(evidence, '') from attestations "
            "where region = ?", [region])}
        next_id = conn.execute("select coalesce(max(id), 0) + 1 from attestations").fetchone()[0]
        ids: list[int | None] = []
        rows = []
        for a in attestations:
            key = (a.school_id, a.requirement_id, a.checked_on.isoformat(), a.checked_by, a.result, a.evidence or "")
            if key in existing:
                ids.append(None)
                continue
            existing.add(key)
            ids.append(next_id)
            rows.append((next_id, region, a.school_id, a.requirement_id, a.checked_by, a.checked_on.isoformat(), a.result,
                         a.evidence, recorded))
            next_id += 1
        conn.executemany(
            "insert into attestations (id, region, school_id, requirement_id, checked_by, checked_on, result, evidence, "
            "recorded) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return ids


def record_attestation(db: sqlite_utils.Database, region: str, school_id: str, requirement_id: str, checked_by: str,
                       checked_on: dt.date, result: str, evidence: str | None = None) -> int:
    """Add one attestation and return its id.  ``checked_by`` names an
    office or role (never a private person's phone or ID number)."""
    if result not in RESULTS:
        raise XinliError(f"result must be one of {', '.join(RESULTS)}, not {result!r}")
    for what, text in (("school", school_id), ("checked by", checked_by), ("evidence", evidence or "")):
        if not text.strip() and what != "evidence":
            raise XinliError(f"{what} is empty")
        if personal_data_in(text):
            raise XinliError(f"{what} looks like personal data (a phone or ID-card number); record an office or role instead")
    attestation = Attestation(school_id.strip(), requirement_id, result, checked_by.strip(), checked_on, evidence or None)
    number = record_attestations(db, region, [attestation])[0]
    if number is None:
        raise XinliError("this attestation is recorded already")
    return number


def attestations_for(db: sqlite_utils.Database, region: str, as_of: dt.date) -> dict[tuple[str, str], dict[str, Any]]:
    """The latest attestation on or before ``as_of`` for each (school id,
    requirement id) of ``region``."""
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    for school_id, requirement_id, checked_by, checked_on, result, evidence in db.execute(
        "select school_id, requirement_id, checked_by, checked_on, result, evidence from attestations "
        "where region = ? and checked_on <= ? order by checked_on, id",
        [region, as_of.isoformat()],
    ):
        latest[(school_id, requirement_id)] = {"checked_by": checked_by, "checked_on": checked_on, "result": result,
                                               "evidence": evidence}
    return latest


def attestations_digest(attestations: dict[tuple[str, str], dict[str, Any]]) -> str:
    """A hash of the attestations a run uses, so a new attestation makes a new run."""
    rows = sorted((k[0], k[1], v["checked_by"], v["checked_on"], v["result"], v["evidence"] or "") for k, v in attestations.items())
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()
