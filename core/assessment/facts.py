"""School-level facts: the template a region needs, and reading filled-in
files (CSV, TOML, JSON, xlsx) with every problem reported before anything is
written.

xinli keeps facts about schools as wholes.  A column that looks like
student-level data (names, ID-card numbers, student numbers, phones) is
refused outright.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import json
import re
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from attrs import define, field, frozen

from xinli.core import vocabulary as vocab
from xinli.core.assessment.metrics import Metric
from xinli.core.errors import FactProblem, FactsError, XinliError
from xinli.core.model import grade_runs

MAX_PROBLEMS = 50
ID_COLUMNS: dict[str, tuple[str, str]] = {
    "school_id": ("学校代码", "school identifier"),
    "school_name": ("学校名称", "school name"),
    "grades": ("年级", "grades, e.g. 1-6, 7-9, 10-12, 1-9, 7-12"),
}
REQUIRED_COLUMNS = ("school_id", "grades")
STUDENT_DATA = re.compile(
    r"(姓名|身份证|学号|学籍|手机|电话|住址|家长|出生|病史|诊断|student|pupil|id[_ ]?card|idcard|passport|"
    r"^name$|first[_ ]?name|last[_ ]?name|phone|mobile|address|birth|diagnos)",
    re.IGNORECASE,
)
TRUE_WORDS = {"true", "1", "是", "有", "yes", "y", "t"}
FALSE_WORDS = {"false", "0", "否", "无", "no", "n", "f"}
#: The yes/no values a spreadsheet's drop-down offers: each one is read by
#: the parser (a test holds the two together).
BOOLEAN_CHOICES = ("是", "否", "有", "无", "1", "0", "true", "false")


@define
class FactColumns:
    """The columns a region's facts use: school attributes its conditions
    test and metrics its checks compare, in template order."""

    attributes: list[str]
    metrics: list[Metric]
    ignorable: dict[str, str] = field(factory=dict)
    ignored: list[str] = field(factory=list)

    @property
    def names(self) -> list[str]:
        """All column keys in template order."""
        return list(ID_COLUMNS) + self.attributes + [m.key for m in self.metrics]

    def aliases(self) -> dict[str, str]:
        """Accepted header → column key: keys and their Chinese labels."""
        out = {key: key for key in self.names}
        for key, (zh, _en) in ID_COLUMNS.items():
            out[zh] = key
        for key in self.attributes:
            out[vocab.SCHOOL_ATTRIBUTES[key][1]] = key
        for metric in self.metrics:
            out[metric.label.zh] = metric.key
        return out


@frozen
class School:
    """One school's facts.  ``values`` is aligned with ``columns`` (the
    region's attribute then metric keys); None means unknown."""

    row: int
    school_id: str
    school_name: str
    grades: tuple[int, ...]
    values: tuple[Any, ...]


def columns_for(checklist: dict[str, Any], metrics: dict[str, Metric]) -> FactColumns:
    """The fact columns a region's checklist needs, in a stable order."""
    attributes: list[str] = []
    keys: list[str] = []
    for item in checklist["items"]:
        for cond in item["applies_if"] or ():
            if cond["attribute"] not in attributes:
                attributes.append(cond["attribute"])
        check = item["check"]
        if check and check["metric"] not in keys:
            keys.append(check["metric"])
    ordered_attributes = [a for a in vocab.SCHOOL_ATTRIBUTES if a in attributes]
    ignorable: dict[str, str] = {}
    for key, (_kind, zh, _en) in vocab.SCHOOL_ATTRIBUTES.items():
        if key not in ordered_attributes:
            ignorable[key] = ignorable[zh] = key
    for key, metric in metrics.items():
        if key not in keys:
            ignorable[key] = ignorable[metric.label.zh] = key
    return FactColumns(ordered_attributes, [metrics[k] for k in keys], ignorable)


def ignored_warning(columns: FactColumns) -> str | None:
    """One line naming the columns a facts file holds that this region's
    rules do not use (e.g. an item a county excluded), or None."""
    if not columns.ignored:
        return None
    return (f"warning: column(s) {', '.join(columns.ignored)} are not used by this region's rules "
            "(an excluded or another region's item) and were ignored")


def parse_grades(text: str) -> tuple[int, ...]:
    """Grades written like ``1-6``, ``7-12``, ``1-6,10-12`` or ``9``."""
    grades: set[int] = set()
    for part in re.split(r"[,，;；\s]+", text.strip()):
        if not part:
            continue
        match = re.fullmatch(r"(\d{1,2})(?:\s*[-–~～至]\s*(\d{1,2}))?", part)
        if not match:
            raise ValueError("grades are written like 1-6, 7-9, 10-12, 1-9 or 7-12")
        low = int(match.group(1))
        high = int(match.group(2) or low)
        if not (1 <= low <= high <= 12):
            raise ValueError("grades must lie within 1-12, low before high")
        grades.update(range(low, high + 1))
    if not grades:
        raise ValueError("grades are empty")
    return tuple(sorted(grades))


def format_grades(grades: Iterable[int]) -> str:
    """Grades back to the compact ``1-6,10-12`` form."""
    return ",".join(f"{low}-{high}" if high != low else str(low) for low, high in grade_runs(grades))


def _parse_bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError("expected true/false, 1/0, 是/否 or 有/无")


def _parse_int(raw: Any) -> int:
    if isinstance(raw, bool):
        raise ValueError("expected a whole number")
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, float) and raw.is_integer():
        value = int(raw)
    else:
        text = str(raw).strip()
        if not re.fullmatch(r"[+-]?\d+(?:\.0+)?", text):
            raise ValueError("expected a whole number")
        value = int(float(text))
    if value < 0:
        raise ValueError("a count cannot be negative")
    return value


def _parse_number(raw: Any) -> float:
    if isinstance(raw, bool):
        raise ValueError("expected a number")
    try:
        value = float(raw)
    except (TypeError, ValueError):
        raise ValueError("expected a number") from None
    if value != value or value < 0:
        raise ValueError("expected a number that is not negative")
    return value


def _parse_date(raw: Any) -> str:
    if isinstance(raw, dt.date):
        return raw.isoformat()
    try:
        return dt.date.fromisoformat(str(raw).strip()).isoformat()
    except ValueError:
        raise ValueError("expected a date like 2024-09-01") from None


PARSERS: dict[str, Callable[[Any], Any]] = {
    "integer": _parse_int,
    "number": _parse_number,
    "boolean": _parse_bool,
    "date": _parse_date,
}


def _parser_for(key: str, columns: FactColumns) -> Callable[[Any], Any]:
    if key in vocab.SCHOOL_ATTRIBUTES:
        return _parse_bool if vocab.SCHOOL_ATTRIBUTES[key][0] == "bool" else _parse_int
    metric = next(m for m in columns.metrics if m.key == key)
    parser = PARSERS[metric.type]
    if metric.unit == "share":
        def share(raw: Any) -> float:
            value = _parse_number(raw)
            if value > 1:
                raise ValueError("a share lies between 0 and 1")
            return value

        return share
    return parser


def decode_bytes(data: bytes) -> str:
    """Text of a CSV file saved as UTF-8, UTF-8 with BOM, or GB18030 (what
    Excel writes for a Chinese user), detected without asking."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


class _Collector:
    """Gathers problems up to a limit."""

    def __init__(self, file: str, limit: int) -> None:
        self.file = file
        self.limit = limit
        self.problems: list[FactProblem] = []
        self.truncated = False

    def add(self, row: int | None, column: str | None, value: Any, reason: str) -> None:
        if len(self.problems) >= self.limit:
            self.truncated = True
            return
        shown = None if value is None else str(value)
        self.problems.append(FactProblem(self.file, row, column, shown, reason))

    @property
    def full(self) -> bool:
        return self.truncated

    def raise_if_any(self) -> None:
        if self.problems:
            raise FactsError(self.problems, self.truncated)


def _map_header(header: list[str], columns: FactColumns, out: _Collector) -> list[str | None]:
    aliases = columns.aliases()
    mapped: list[str | None] = []
    seen: set[str] = set()
    for raw in header:
        name = raw.strip()
        key = aliases.get(name) or aliases.get(name.lower())
        if key is None and name in columns.ignorable:
            columns.ignored.append(name)
            mapped.append(None)
            continue
        if key is None:
            if STUDENT_DATA.search(name):
                out.add(1, name, None, "looks like student-level data; xinli keeps school-level facts only")
            else:
                near = difflib.get_close_matches(name, [a for a in aliases if a.isascii()] if name.isascii() else list(aliases), n=1)
                hint = f"; did you mean {near[0]!r}?" if near else ""
                out.add(1, name, None, f"unknown column for this region (see `xinli facts-template`){hint}")
            mapped.append(None)
            continue
        if key in seen:
            out.add(1, name, None, f"column {key} appears twice")
        seen.add(key)
        mapped.append(key)
    for required in REQUIRED_COLUMNS:
        if required not in seen:
            out.add(1, required, None, "required column is missing")
    return mapped


def _school_from(record: dict[str, Any], row: int, columns: FactColumns, parsers: dict[str, Callable[[Any], Any]],
                 out: _Collector, seen_ids: set[str]) -> School | None:
    ok = True
    school_id = str(record.get("school_id") or "").strip()
    if not school_id:
        out.add(row, "school_id", record.get("school_id"), "school_id is empty")
        ok = False
    elif school_id in seen_ids:
        out.add(row, "school_id", school_id, "duplicate school_id")
        ok = False
    else:
        seen_ids.add(school_id)
    grades: tuple[int, ...] = ()
    raw_grades = record.get("grades")
    try:
        grades = parse_grades(str(raw_grades if raw_grades is not None else ""))
    except ValueError as exc:
        out.add(row, "grades", raw_grades, f"unknown grades: {exc}")
        ok = False
    values: list[Any] = []
    for key, parser in parsers.items():
        raw = record.get(key)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            values.append(None)
            continue
        try:
            values.append(parser(raw))
        except ValueError as exc:
            out.add(row, key, raw, str(exc))
            values.append(None)
            ok = False
    if not ok:
        return None
    return School(row, school_id, str(record.get("school_name") or "").strip(), grades, tuple(values))


def _value_keys(columns: FactColumns) -> list[str]:
    return columns.attributes + [m.key for m in columns.metrics]


def read_facts(path: str | Path, columns: FactColumns, limit: int = MAX_PROBLEMS) -> list[School]:
    """Read and validate a facts file (``.csv``, ``.toml``, ``.json`` or
``.xlsx``; an xlsx workbook is read from its ``facts`` or
``facts-template`` sheet, or its only sheet).

    Every problem is collected (up to ``limit``) with file, row, column,
    value and reason; if there are any, :class:`FactsError` is raised and
    the caller must write nothing.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise XinliError(f"{path}: cannot read facts file: {exc.strerror or exc}") from None
    out = _Collector(path.name, limit)
    parsers = {key: _parser_for(key, columns) for key in _value_keys(columns)}
    seen: set[str] = set()
    schools: list[School] = []
    if suffix == ".csv":
        reader = csv.reader(io.StringIO(decode_bytes(data), newline=""))
        header = next(reader, None)
        if header is None:
            raise FactsError([FactProblem(path.name, None, None, None, "the file is empty")])
        mapped = _map_header(header, columns, out)
        if out.problems:
            out.raise_if_any()
        for row_number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(mapped):
                out.add(row_number, None, None, f"{len(cells)} cells but the header has {len(mapped)} columns")
                continue
            record = {key: cell for key, cell in zip(mapped, cells, strict=False) if key is not None}
            school = _school_from(record, row_number, columns, parsers, out, seen)
            if school is not None:
                schools.append(school)
            if out.full:
                break
    elif suffix in (".toml", ".json"):
        records = _records_from_document(path, data, suffix, out)
        aliases = columns.aliases()
        for index, raw in records:
            record: dict[str, Any] = {}
            for name, value in raw.items():
                key = aliases.get(str(name).strip())
                if key is None and str(name).strip() in columns.ignorable:
                    if str(name).strip() not in columns.ignored:
                        columns.ignored.append(str(name).strip())
                    continue
                if key is None:
                    reason = ("looks like student-level data; xinli keeps school-level facts only"
                              if STUDENT_DATA.search(str(name)) else "unknown field for this region")
                    out.add(index, str(name), None, reason)
                    continue
                record[key] = value
            for required in REQUIRED_COLUMNS:
                if required not in record:
                    out.add(index, required, None, "required field is missing")
            school = _school_from(record, index, columns, parsers, out, seen)
            if school is not None:
                schools.append(school)
            if out.full:
                break
    elif suffix == ".xlsx":
        header, rows = _xlsx_rows(path, data)
        mapped = _map_header(header, columns, out)
        if out.problems:
            out.raise_if_any()
        for row_number, cells in rows:
            if all(_blank(cell) for cell in cells):
                continue
            if any(not _blank(cell) for cell in cells[len(mapped):]):
                out.add(row_number, None, None, f"cells beyond the header's {len(mapped)} columns")
                continue
            record = {key: _xlsx_value(key, cell) for key, cell in zip(mapped, cells, strict=False) if key is not None}
            if isinstance(record.get("grades"), dt.date):
                out.add(row_number, "grades", record["grades"], "the spreadsheet turned the grades into a date; "
                        "format the grades column as text and type them like 1-6")
                continue
            school = _school_from(record, row_number, columns, parsers, out, seen)
            if school is not None:
                schools.append(school)
            if out.full:
                break
    else:
        raise XinliError(f"{path}: unsupported facts format {suffix or '(none)'}; use .csv, .toml, .json or .xlsx")
    out.raise_if_any()
    if not schools:
        raise FactsError([FactProblem(path.name, None, None, None, "the file holds no schools")])
    return schools


#: Sheets a facts workbook is read from, in order of preference.
XLSX_SHEETS = ("facts", "facts-template")


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _xlsx_value(key: str, cell: Any) -> Any:
    """A spreadsheet cell as the parsers expect it: dates without a time,
    identifiers and names as text (``1001`` not ``1001.0``)."""
    if isinstance(cell, dt.datetime):
        cell = cell.date()
    if key in ID_COLUMNS and key != "grades" and isinstance(cell, int | float) and not isinstance(cell, bool):
        return str(int(cell)) if float(cell).is_integer() else str(cell)
    if key == "grades" and isinstance(cell, int | float) and not isinstance(cell, bool) and float(cell).is_integer():
        return str(int(cell))
    return cell


def _xlsx_rows(path: Path, data: bytes) -> tuple[list[str], Any]:
    """The header (row 1) and ``(row number, cells)`` of a facts workbook's
    sheet, read with openpyxl in read-only mode."""
    try:
        import openpyxl
    except ImportError:
        raise XinliError(f"{path}: reading .xlsx facts needs openpyxl: pip install 'xinli[xlsx]'") from None
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zip, XML and key errors alike for a damaged file
        raise FactsError([FactProblem(path.name, None, None, None, f"cannot open as an xlsx workbook: {exc}")]) from None
    names = workbook.sheetnames
    name = next((n for n in XLSX_SHEETS if n in names), names[0] if len(names) == 1 else None)
    if name is None:
        raise FactsError([FactProblem(path.name, None, None, None,
                                      f"no sheet named {' or '.join(XLSX_SHEETS)}; sheets: {', '.join(names)}")])
    rows = workbook[name].iter_rows(values_only=True)
    first = next(rows, None)
    if first is None or all(_blank(cell) for cell in first):
        raise FactsError([FactProblem(path.name, None, None, None, f"sheet {name!r} is empty")])
    header = [("" if cell is None else str(cell)) for cell in first]
    while header and not header[-1].strip():
        header.pop()
    return header, ((number, list(cells)) for number, cells in enumerate(rows, start=2))


def _records_from_document(path: Path, data: bytes, suffix: str, out: _Collector) -> list[tuple[int, dict[str, Any]]]:
    try:
        text = data.decode("utf-8-sig")
        doc = tomllib.loads(text) if suffix == ".toml" else json.loads(text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        raise FactsError([FactProblem(path.name, None, None, None, f"cannot parse: {exc}")]) from None
    schools = doc.get("schools") if isinstance(doc, dict) else doc
    if not isinstance(schools, list) or not all(isinstance(s, dict) for s in schools):
        raise FactsError([FactProblem(path.name, None, None, None, "expected a list of schools under 'schools'")])
    return [(i, s) for i, s in enumerate(schools, start=1)]


def template_header(columns: FactColumns, headers: str = "zh") -> list[str]:
    """The template's header row: the columns' Chinese labels (``zh``) or
    their keys (``key``); :func:`read_facts` accepts both."""
    if headers == "key":
        return columns.names
    labels = {key: zh for key, (zh, _en) in ID_COLUMNS.items()}
    labels.update({key: vocab.SCHOOL_ATTRIBUTES[key][1] for key in columns.attributes})
    labels.update({m.key: m.label.zh for m in columns.metrics})
    return [labels[key] for key in columns.names]


def template_csv(columns: FactColumns, headers: str = "zh") -> str:
    """The CSV template: the header, nothing else (UTF-8 with BOM, so Excel
    opens Chinese text correctly); an empty cell is an unknown fact."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(template_header(columns, headers))
    return "\ufeff" + buffer.getvalue()


def template_toml(columns: FactColumns, region: str, lang: str = "zh") -> str:
    """The TOML template: one table per school whose fact lines are
    commented out, each after a comment with its label, type and unit.
    Nothing is pre-filled: a line left commented is an unknown fact, and
    an unchanged template is refused (its school_id is empty)."""
    def say(zh: str, en: str) -> str:
        return zh if lang == "zh" else en if lang == "en" else f"{zh} / {en}"

    kinds = {"bool": ("是/否：true 或 false", "yes/no: true or false"), "int": ("整数", "whole number"),
             "integer": ("整数", "whole number"), "number": ("数", "number"), "boolean": ("是/否：true 或 false", "yes/no: true or false"),
             "date": ("日期，如 \"2026-09-01\"", "date such as \"2026-09-01\"")}
    lines = [
        "# " + say(f"xinli 学校事实（辖区 {region}）：每所学校一个 [[schools]] 表。",
                   f"xinli facts for region {region}: one [[schools]] table per school."),
        "# " + say("去掉行首的 # 并填写已知的事实；仍被注释的行即为“未知”。",
                   "Remove the leading # and fill in the facts you know; a line left commented is unknown."),
        "",
        "[[schools]]",
        f"# {say('学校代码', 'school identifier')}",
        'school_id = ""',
        f"# {say('学校名称', 'school name')}",
        'school_name = ""',
        f"# {say('年级，如 1-6、7-9、10-12、1-9、7-12', 'grades, e.g. 1-6, 7-9, 10-12, 1-9, 7-12')}",
        'grades = ""',
    ]
    for key in columns.attributes:
        kind, zh, en = vocab.SCHOOL_ATTRIBUTES[key]
        lines += [f"# {say(zh, en)}（{say(*kinds[kind])}）" if lang == "zh" else f"# {say(zh, en)} ({say(*kinds[kind])})",
                  f"# {key} ="]
    for metric in columns.metrics:
        unit = vocab.label(vocab.UNITS, metric.unit, lang) if metric.unit else ""
        comma = "，" if lang == "zh" else ", "
        kind = say(*kinds[metric.type]) + (f"{comma}{unit}" if unit and metric.unit != "flag" else "")
        label = say(metric.label.zh, metric.label.en)
        lines += [f"# {label}（{kind}）" if lang == "zh" else f"# {label} ({kind})", f"# {metric.key} ="]
    return "\n".join(lines) + "\n"
