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
import math
import re
import tomllib
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from attrs import define, field, frozen

from xinli.core import vocabulary as vocab
from xinli.core.assessment.values import MAX_NUMBER, MAX_NUMBER_TEXT, SHORTEST_PERSONAL, check_value, shown
from xinli.core.errors import FactProblem, FactsError, XinliError
from xinli.core.model import Metric, grade_runs

MAX_PROBLEMS = 50
#: Largest JSON or TOML document read, in bytes (a province's facts are far smaller).
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
#: Largest CSV cell, in characters; Python's csv module stops at 128 KiB.
CSV_FIELD_LIMIT = 1024 * 1024
#: Share of a GB18030 file's non-ASCII characters that must be common
#: Chinese characters or punctuation; below it the file is another encoding
#: (Big5, Shift-JIS...) that GB18030 happens to decode into nonsense.
GB18030_COMMON_SHARE = 0.8
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


#: The answers a 自查 (self-inspection) column accepts, and what they are read as.
SELF_ANSWERS: dict[str, Any] = {word: True for word in TRUE_WORDS} | {word: False for word in FALSE_WORDS} | {
    "不适用": "na", "n/a": "na", "na": "na", "not applicable": "na"}
#: The answers a spreadsheet's 自查 drop-down offers.
SELF_CHOICES = ("是", "否", "不适用")
#: Header prefixes of the 自查 and 佐证 columns, Chinese and key form.
SELF_PREFIX = ("自查：", "self:")
EVIDENCE_PREFIX = ("佐证：", "evidence:")
#: Longest 佐证 (evidence reference) text, in characters.
EVIDENCE_MAX = 200


@frozen
class SelfCheck:
    """One 自查 column: a school duty without a machine check, answered by
    the school itself (是/否/不适用).  ``key`` is ``self:<requirement id>``;
    the Chinese header is ``自查：<requirement id>``."""

    requirement_id: str
    domain: str
    level: str
    text: dict[str, str]
    clause: str
    document: str

    @property
    def key(self) -> str:
        """The column key."""
        return SELF_PREFIX[1] + self.requirement_id

    @property
    def header_zh(self) -> str:
        """The Chinese header."""
        return SELF_PREFIX[0] + self.requirement_id


@define
class FactColumns:
    """The columns a region's facts use: school attributes its conditions
    test and metrics its checks compare, in template order, then one 自查
    column per school duty without a machine check and one optional 佐证
    (evidence reference) column per domain those duties fall in."""

    attributes: list[str]
    metrics: list[Metric]
    ignorable: dict[str, str] = field(factory=dict)
    ignored: list[str] = field(factory=list)
    self_checks: list[SelfCheck] = field(factory=list)
    evidence: list[str] = field(factory=list)

    @property
    def names(self) -> list[str]:
        """All column keys in template order."""
        return list(ID_COLUMNS) + self.value_keys

    @property
    def value_keys(self) -> list[str]:
        """The keys of the values a :class:`School` holds, in order."""
        return (self.attributes + [m.key for m in self.metrics] + [c.key for c in self.self_checks]
                + [EVIDENCE_PREFIX[1] + d for d in self.evidence])

    def aliases(self) -> dict[str, str]:
        """Accepted header → column key: keys and their Chinese labels."""
        out = {key: key for key in self.names}
        for key, (zh, _en) in ID_COLUMNS.items():
            out[zh] = key
        for key in self.attributes:
            out[vocab.attribute_info(key)[1]] = key
        for metric in self.metrics:
            out[metric.label.zh] = metric.key
        for check in self.self_checks:
            out[check.header_zh] = check.key
        for domain in self.evidence:
            out[EVIDENCE_PREFIX[0] + vocab.label(vocab.DOMAINS, domain, "zh")] = EVIDENCE_PREFIX[1] + domain
        return out

    def column_help(self, key: str) -> tuple[str, str, str, str] | None:
        """(label zh, label en, help zh, help en) of a 自查 or 佐证 column
        (None for the others): the item's short text, level and clause."""
        for check in self.self_checks:
            if check.key == key:
                level = vocab.LEVELS.get(check.level, (check.level, check.level))
                return (check.header_zh, f"self-inspection: {check.requirement_id}",
                        f"自查（{level[0]}）：{check.text['zh']}（{check.document} {check.clause}）填 是/否/不适用；留空为未作答。",
                        f"Self-inspection ({level[1]}): {check.text['en']} ({check.document} {check.clause}). "
                        "Answer yes/no/not applicable; blank = unanswered.")
        for domain in self.evidence:
            if EVIDENCE_PREFIX[1] + domain == key:
                name = vocab.DOMAINS.get(domain, (domain, domain))
                return (EVIDENCE_PREFIX[0] + name[0], f"evidence: {name[1]}",
                        f"可选：{name[0]}各项自查的佐证材料编号或存放位置（不填个人信息）。",
                        f"Optional: where the evidence for the {name[1]} self-inspection items is kept (no personal data).")
        return None


@frozen
class School:
    """One school's facts.  ``values`` is aligned with ``columns`` (the
    region's attribute then metric keys); None means unknown."""

    row: int
    school_id: str
    school_name: str
    grades: tuple[int, ...]
    values: tuple[Any, ...]


def scoped_metric(metric: Metric, grades: list[int] | None, mode: str = "each") -> Metric:
    """``metric`` measured over a band of grades within the school: the same
    type and unit, its own column (``metric__g1to6``) and a label naming the
    band and how it is read."""
    if not grades:
        return metric
    from xinli.core.model import scoped_metric_key

    band = format_grades(grades)
    if mode == "any":
        zh_mode, en_mode = "本校所涉年级中选定的一个年级", "the one grade of the band the school chose"
    elif metric.type == "boolean":
        zh_mode, en_mode = "本校所涉各年级均须如此", "true of every grade of the band the school has"
    else:
        zh_mode, en_mode = "本校所涉各年级中最少者", "the smallest figure among the school's grades in the band"
    return Metric(
        scoped_metric_key(metric.key, grades),
        (f"{metric.label.zh}（{band}年级，{zh_mode}）", f"{metric.label.en} (grades {band}, {en_mode})"),
        metric.type, metric.unit,
        (f"{metric.help.zh}只计{band}年级（{zh_mode}）。", f"{metric.help.en} Grades {band} only ({en_mode})."),
    )


def columns_for(checklist: dict[str, Any], metrics: dict[str, Metric]) -> FactColumns:
    """The fact columns a region's checklist needs, in a stable order: the
    attributes its conditions test (the ``vocational`` flag where a stage
    mix is tested; nothing for what grades already say), the events items
    depend on, and one column per metric and grade band its checks measure
    (nothing no check uses)."""
    attributes: list[str] = []
    columns: dict[str, Metric] = {}
    for item in checklist["items"]:
        check = item["check"]
        alternatives = (check.get("any") or [check]) if check else []
        whens = [c for alt in alternatives for c in alt.get("when") or ()]
        for cond in _leaves([*(item["applies_if"] or ()), *whens]):
            name = cond["attribute"]
            if name in vocab.DERIVED_ATTRIBUTES:
                name = "vocational" if name in ("school_kind", "has_senior") else None
            if name is None:
                continue
            if name in vocab.SCHOOL_ATTRIBUTES:
                if name not in attributes:
                    attributes.append(name)
            elif name in metrics:
                columns.setdefault(name, metrics[name])
        kinds = set(item.get("school_kinds") or ()) | set(item.get("document_school_kinds") or ())
        if kinds:  # the flags that tell a school's kinds apart where grades cannot
            wanted = ["vocational"] if kinds & {"senior", "vocational"} else []
            wanted += ["special_education"] if "special" in kinds else []
            for name in wanted:
                if name not in attributes:
                    attributes.append(name)
        if item.get("event"):
            key = f"event_{item['event']}"
            if key not in attributes:
                attributes.append(key)
        for alt in alternatives:
            if alt.get("reported_by") == "region":
                continue  # the region reports it about itself, never a school
            scoped = scoped_metric(metrics[alt["metric"]], alt.get("grades"), alt.get("grades_mode") or "each")
            columns.setdefault(scoped.key, scoped)
    ordered_attributes = [a for a in vocab.SCHOOL_ATTRIBUTES if a in attributes]
    ordered_attributes += [f"event_{e}" for e in vocab.EVENTS if f"event_{e}" in attributes]
    ignorable: dict[str, str] = {}
    for key in list(vocab.SCHOOL_ATTRIBUTES) + [f"event_{e}" for e in vocab.EVENTS]:
        if key not in ordered_attributes and key not in vocab.DERIVED_ATTRIBUTES:
            ignorable[key] = ignorable[vocab.attribute_info(key)[1]] = key
    for key, metric in metrics.items():
        if key not in columns:
            ignorable[key] = ignorable[metric.label.zh] = key
    region_kinds = _region_kinds(checklist)
    self_checks = [
        SelfCheck(item["id"], item["domain"], item["level"], item["text"], item["citation"]["clause"],
                  item["citation"]["document"])
        for item in checklist["items"] if item["school_duty"] and not item["check"] and _kinds_meet(item, region_kinds)
    ]
    evidence = [d for d in vocab.DOMAINS if any(c.domain == d for c in self_checks)]
    return FactColumns(ordered_attributes, list(columns.values()), ignorable, self_checks=self_checks, evidence=evidence)


def _region_kinds(checklist: dict[str, Any]) -> list[str] | None:
    """The kinds of school the region's own documents cover (its
    ``[jurisdiction] school_kinds``), or None for every kind."""
    code = (checklist.get("region") or {}).get("code")
    for doc in checklist.get("documents") or ():
        if doc.get("jurisdiction") == code and doc.get("encoded", True) is not False:
            return doc.get("school_kinds")
    return None


def _kinds_meet(item: dict[str, Any], region_kinds: list[str] | None) -> bool:
    """Whether some kind of school the region has is within both the item's
    ``school_kinds`` and its document's (an item for 高校 only in a region
    of 中小学 applies to none of its schools: it gets no 自查 column)."""
    scopes = [set(k) for k in (region_kinds, item.get("document_school_kinds"), item.get("school_kinds")) if k]
    return not scopes or bool(set.intersection(*scopes))


def _leaves(nodes: Any) -> Iterator[dict[str, Any]]:
    """The leaf conditions of a condition tree in checklist form."""
    for node in nodes:
        if "attribute" in node:
            yield node
        elif "not" in node:
            yield from _leaves([node["not"]])
        else:
            yield from _leaves(next(iter(node.values())))


def ignored_warning(columns: FactColumns) -> str | None:
    """One line naming the columns a facts file holds that this region's
    rules do not use (e.g. an item a county excluded), or None."""
    if not columns.ignored:
        return None
    return (f"warning: column(s) {', '.join(columns.ignored)} are not used by this region's rules "
            "(an excluded or another region's item) and were ignored")


#: Grade texts already parsed (a province's facts repeat a few bands).
_GRADES_SEEN: dict[str, tuple[int, ...]] = {}


def parse_grades(text: str) -> tuple[int, ...]:
    """Grades written like ``1-6``, ``7-12``, ``1-6,10-12`` or ``9``."""
    grades = _GRADES_SEEN.get(text)
    if grades is None:
        grades = _parse_grades(text)
        if len(_GRADES_SEEN) < 4096:
            _GRADES_SEEN[text] = grades
    return grades


#: Words a grades cell may hold for a school without grades 1-12 (issue 24).
GRADE_WORDS: dict[str, tuple[int, ...]] = {
    "幼儿园": vocab.KINDERGARTEN_GRADES, "kindergarten": vocab.KINDERGARTEN_GRADES, "k": vocab.KINDERGARTEN_GRADES,
    "高校": tuple(range(13, 17)), "higher": tuple(range(13, 17)), "u": tuple(range(13, 17)),
}


def _grade_number(text: str) -> int | None:
    """``K1``-``K3``, ``1``-``12`` or ``U1``-``U8`` as a grade number (None: not a grade)."""
    prefix, digits = (text[0].upper(), text[1:]) if text[:1].isalpha() else ("", text)
    if not digits.isdigit() or len(digits) > 2:
        return None
    number = int(digits)
    grade = {"K": number - 3, "U": number + 12, "": number}.get(prefix)
    if grade is None or grade not in vocab.GRADE_NUMBERS or (prefix and number < 1):
        return None
    if (prefix == "" and not 1 <= number <= 12) or (prefix == "K" and grade > 0) or (prefix == "U" and grade < 13):
        return None
    return grade


def _parse_grades(text: str) -> tuple[int, ...]:
    grades: set[int] = set()
    for part in re.split(r"[,，;；\s]+", text.strip()):
        if not part:
            continue
        if part.lower() in GRADE_WORDS:
            grades.update(GRADE_WORDS[part.lower()])
            continue
        match = re.fullmatch(r"([KkUu]?\d{1,2})(?:\s*[-–~～至]\s*([KkUu]?\d{1,2}))?", part)
        if not match:
            raise ValueError("grades are written like 1-6, 7-9, 10-12, 1-9 or 7-12 (K1-K3 or 幼儿园 for a kindergarten, "
                             "U1-U4 or 高校 for higher education)")
        low = _grade_number(match.group(1))
        high = _grade_number(match.group(2) or match.group(1))
        if low is None or high is None or low > high or (low <= 0) != (high <= 0) or (low >= 13) != (high >= 13):
            raise ValueError("grades must lie within 1-12 (K1-K3, U1-U8), low before high, one stage per range")
        grades.update(range(low, high + 1))
    if not grades:
        raise ValueError("grades are empty")
    return tuple(sorted(grades))


def format_grades(grades: Iterable[int]) -> str:
    """Grades back to the compact ``1-6,10-12`` form."""
    label = vocab.grade_label
    return ",".join(f"{label(low)}-{label(high)}" if high != low else label(low) for low, high in grade_runs(grades))


#: A cell exactly as commonly written -> its boolean (the fast path of _parse_bool).
_BOOL_CELLS = {word: True for word in TRUE_WORDS} | {word: False for word in FALSE_WORDS}


def _parse_bool(raw: Any) -> bool:
    if type(raw) is str:
        known = _BOOL_CELLS.get(raw)
        if known is not None:
            return known
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError("expected true/false, 1/0, 是/否 or 有/无")


_WHOLE_NUMBER = re.compile(r"[+-]?\d+(?:\.0+)?")


def _parse_int(raw: Any) -> int:
    if type(raw) is str and raw.isdecimal() and len(raw) <= MAX_NUMBER_TEXT:  # the common cell, e.g. "12"
        value = int(raw)
        if value > MAX_NUMBER:
            raise ValueError(f"out of range (at most {MAX_NUMBER:,})")
        return value
    if isinstance(raw, bool):
        raise ValueError("expected a whole number")
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, float) and math.isfinite(raw) and raw.is_integer():
        value = int(raw)
    else:
        text = str(raw).strip()
        if len(text) > MAX_NUMBER_TEXT:
            raise ValueError("expected a whole number")
        if text.isdecimal():  # the same digits ``\d`` matches
            value = int(text)
        elif _WHOLE_NUMBER.fullmatch(text):
            value = int(text.split(".")[0])
        else:
            raise ValueError("expected a whole number")
    if value < 0:
        raise ValueError("a count cannot be negative")
    if value > MAX_NUMBER:
        raise ValueError(f"out of range (at most {MAX_NUMBER:,})")
    return value


def _parse_number(raw: Any) -> float:
    if isinstance(raw, bool) or (isinstance(raw, str) and len(raw.strip()) > MAX_NUMBER_TEXT):
        raise ValueError("expected a number")
    try:
        value = float(raw)
    except (TypeError, ValueError, OverflowError):
        raise ValueError("expected a number") from None
    if not math.isfinite(value):
        raise ValueError("expected a finite number (not inf or nan)")
    if value < 0:
        raise ValueError("expected a number that is not negative")
    if value > MAX_NUMBER:
        raise ValueError(f"out of range (at most {MAX_NUMBER:,})")
    return value


def _parse_date(raw: Any) -> str:
    if isinstance(raw, dt.datetime):
        raise ValueError("expected a date like 2024-09-01, not a date and time")
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


def _parse_answer(raw: Any) -> Any:
    """A 自查 answer: 是 → True, 否 → False, 不适用 → ``"na"``."""
    if isinstance(raw, bool):
        return raw
    answer = SELF_ANSWERS.get(str(raw).strip().lower())
    if answer is None:
        raise ValueError("a self-inspection answer is 是, 否 or 不适用 (blank: unanswered)")
    return answer


def _parse_evidence(raw: Any) -> str:
    """A 佐证 cell: a short reference text (a file number, a folder)."""
    text = str(raw).strip()
    if len(text) > EVIDENCE_MAX:
        raise ValueError(f"an evidence reference is at most {EVIDENCE_MAX} characters")
    return text


def _parser_for(key: str, columns: FactColumns) -> Callable[[Any], Any]:
    if key.startswith(SELF_PREFIX[1]):
        return _parse_answer
    if key.startswith(EVIDENCE_PREFIX[1]):
        return _parse_evidence
    info = vocab.attribute_info(key)
    if info is not None:
        return _parse_bool if info[0] == "bool" else _parse_int
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


def _common_share(text: str) -> float:
    """Share of the non-ASCII characters of ``text`` that are GB2312
    punctuation or level-1 (common) Chinese characters."""
    total = common = 0
    for char in text:
        if char < "\x80":
            continue
        total += 1
        try:
            lead = char.encode("gb2312")[0]
        except UnicodeEncodeError:
            continue
        if 0xB0 <= lead <= 0xD7 or 0xA1 <= lead <= 0xA3:
            common += 1
    return common / total if total else 1.0


def decode_bytes(data: bytes, name: str = "the file") -> str:
    """Text of a CSV file saved as UTF-8, UTF-8 with BOM, or GB18030 (what
    Excel writes for a Chinese user), detected without asking.

    Anything else is refused, naming the file and the first byte that is
    not UTF-8, rather than guessed: UTF-16 (what "Unicode text" means in
    some programs), NUL bytes, and bytes that GB18030 decodes only into
    unlikely characters (Big5, Shift-JIS)."""
    def refuse(reason: str) -> FactsError:
        return FactsError([FactProblem(name, None, None, None, reason + "; save it as UTF-8 (CSV UTF-8 in Excel/WPS)")])

    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise refuse("the file is UTF-16 text")
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    nul = data.find(b"\x00", start)
    if nul >= 0:
        raise refuse(f"the file holds a NUL byte at offset {nul - start} (UTF-16 or binary?)")
    body = memoryview(data)[start:]  # the bytes after a BOM, not a copy of them (a province's file is large)
    try:
        return str(body, "utf-8")
    except UnicodeDecodeError as exc:
        bad = f"0x{body[exc.start]:02X} at offset {exc.start}"
    try:
        text = str(body, "gb18030")
    except UnicodeDecodeError:
        raise refuse(f"neither UTF-8 nor GB18030: first bad byte {bad}") from None
    if _common_share(text) < GB18030_COMMON_SHARE:
        raise refuse(f"not UTF-8 (first bad byte {bad}) and not GB18030 Chinese either (Big5 or Shift-JIS?)")
    return text


#: One line of CSV text with its ending (``\r\n``, ``\r`` or ``\n``), or the last line without one.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def csv_rows(text: str, name: str) -> Iterator[tuple[int, list[str]]]:
    """``(row number, cells)`` of CSV text, row 1 being the header.  A
    malformed row (a cell over :data:`CSV_FIELD_LIMIT` characters, a
    stray quote at the end) is a :class:`FactsError` naming the row."""
    if csv.field_size_limit() < CSV_FIELD_LIMIT:
        csv.field_size_limit(CSV_FIELD_LIMIT)
    # the lines cut one at a time, as a file opened with newline="" gives them: a StringIO would copy
    # the whole text at four bytes a character
    reader = csv.reader(match.group() for match in _LINE.finditer(text))
    item: tuple[int, list[str]] = (0, [])
    try:
        for item in enumerate(reader, 1):
            yield item
    except csv.Error as exc:  # raised by the reader only: a consumer's errors never come back in here
        reason = str(exc)
        if "field larger than field limit" in reason:
            reason = f"a cell is longer than {CSV_FIELD_LIMIT:,} characters"
        raise FactsError([FactProblem(name, item[0] + 1, None, None, f"cannot read this CSV row: {reason}")]) from None


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


#: A number in scientific notation (``4.10101E+09``): what a spreadsheet
#: makes of a long numeric id, whose digits are then lost.
SCIENTIFIC = re.compile(r"^[+-]?\d+(?:\.\d*)?[eE][+-]?\d+$")


def normalise_id(text: str) -> str:
    """A school id as compared and stored: Unicode NFKC (full-width
    ``ＨＮ００１`` is ``HN001``), outer spaces removed.  Zero-width and
    bidirectional control characters never get here: they are refused
    (:func:`xinli.core.assessment.values.check_value`)."""
    import unicodedata

    return text if text.isascii() else unicodedata.normalize("NFKC", text).strip()


def _school_from(record: dict[str, Any], row: int, columns: FactColumns, parsers: dict[str, Callable[[Any], Any]],
                 out: _Collector, seen_ids: set[str]) -> School | None:
    ok = True
    for key, raw in record.items():
        if type(raw) is str and len(raw) < SHORTEST_PERSONAL and raw.isprintable():
            continue  # plainly_fine, inlined: most cells of a large file
        refused = check_value(key, raw, identifier=key in ("school_id", "school_name"))
        if refused is not None:
            out.add(row, key, refused[0], refused[1])
            ok = False
    if not ok:
        return None
    raw_id = str(record.get("school_id") if record.get("school_id") is not None else "").strip()
    school_id = normalise_id(raw_id)
    if not school_id:
        out.add(row, "school_id", record.get("school_id"), "school_id is empty")
        ok = False
    elif SCIENTIFIC.match(school_id):
        from xinli.core.errors import Said

        out.add(row, "school_id", raw_id, Said("id_scientific"))
        ok = False
    elif school_id in seen_ids:
        out.add(row, "school_id", raw_id, "duplicate school_id" if raw_id == school_id else
                f"duplicate school_id ({school_id!r} once full-width and compatibility forms are unified)")
        ok = False
    else:
        seen_ids.add(school_id)
    grades: tuple[int, ...] = ()
    raw_grades = record.get("grades")
    try:
        grades = parse_grades(str(raw_grades if raw_grades is not None else ""))
    except ValueError as exc:
        out.add(row, "grades", shown(raw_grades), f"unknown grades: {exc}")
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
            out.add(row, key, shown(raw), str(exc))
            values.append(None)
            ok = False
    if not ok:
        return None
    return School(row, school_id, str(record.get("school_name") or "").strip(), grades, tuple(values))


_MISSING = object()


class _CsvRowReader:
    """The fast path for the rows of a large CSV file.

    A row whose value cells are all short printable text (too short to hold
    personal data), whose school id and name pass :func:`check_value`, and
    whose every cell parses, is read here by column position: each column
    remembers the value of every distinct cell text it has parsed (a
    province's file repeats a few hundred texts per column), so most cells
    cost one dictionary lookup.  Any other row returns None and is read by
    :func:`_school_from`, which names each problem exactly as before."""

    def __init__(self, mapped: list[str | None], parsers: dict[str, Callable[[Any], Any]]) -> None:
        position = {key: index for index, key in enumerate(mapped) if key is not None}
        self.id_at = position.get("school_id")
        self.name_at = position.get("school_name")
        self.grades_at = position.get("grades")
        self.slots = [(position.get(key), parser, {}) for key, parser in parsers.items()]
        # every mapped cell but the id and the name must be plainly fine
        self.checked = [index for key, index in position.items() if key not in ("school_id", "school_name")]

    def school(self, cells: list[str], row: int, seen_ids: set[str]) -> School | None:
        """The school of one row, or None to take the general path."""
        checked = [cells[index] for index in self.checked]
        if checked and (max(map(len, checked)) >= SHORTEST_PERSONAL or not "".join(checked).isprintable()):
            return None
        raw_id = cells[self.id_at] if self.id_at is not None else ""
        name = cells[self.name_at] if self.name_at is not None else ""
        if check_value("school_id", raw_id, identifier=True) or check_value("school_name", name, identifier=True):
            return None  # the general path names what is wrong
        school_id = raw_id.strip()
        if not school_id or school_id in seen_ids or self.grades_at is None or not school_id.isascii() \
                or SCIENTIFIC.match(school_id):
            return None  # the general path normalises the id, or names what is wrong
        try:
            grades = parse_grades(cells[self.grades_at])
        except ValueError:
            return None
        values = [memo.get(cells[at], _MISSING) if at is not None else None for at, _parser, memo in self.slots]
        if _MISSING in values:  # cell texts this reader has not met yet
            for index, (at, parser, memo) in enumerate(self.slots):
                if values[index] is not _MISSING:
                    continue
                raw = cells[at]
                if not raw.strip():
                    value = None
                else:
                    try:
                        value = parser(raw)
                    except ValueError:
                        return None
                values[index] = memo[raw] = value
        seen_ids.add(school_id)
        return School(row, school_id, name.strip(), grades, tuple(values))


def _value_keys(columns: FactColumns) -> list[str]:
    return columns.value_keys


def read_facts(path: str | Path, columns: FactColumns, limit: int = MAX_PROBLEMS,
               halfway: Callable[[list[School]], None] | None = None) -> list[School]:
    """Read and validate a facts file (``.csv``, ``.toml``, ``.json`` or
``.xlsx``; an xlsx workbook is read from its ``facts`` or
``facts-template`` sheet, or its only sheet).

    Every problem is collected (up to ``limit``) with file, row, column,
    value and reason; if there are any, :class:`FactsError` is raised and
    the caller must write nothing.  ``halfway`` is called once, with the
    schools read so far, when half of a CSV file's lines are read and no
    problem was found yet, so that evaluating them can start while the rest
    is read (:mod:`xinli.core.assessment.packing`).
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
        text = decode_bytes(data, path.name)
        del data  # only the text is read from here on
        half = text.count("\n") // 2 if halfway is not None else -1
        rows = csv_rows(text, path.name)
        header = next(rows, None)
        if header is None:
            raise FactsError([FactProblem(path.name, None, None, None, "the file is empty")])
        header = header[1]
        mapped = _map_header(header, columns, out)
        if out.problems:
            out.raise_if_any()
        fast = _CsvRowReader(mapped, parsers)
        for row_number, cells in rows:
            if not "".join(cells).strip():  # a blank row
                continue
            if len(cells) != len(mapped):
                more_or_fewer = "more" if len(cells) > len(mapped) else "fewer"
                out.add(row_number, None, None, f"{len(cells)} cells, {more_or_fewer} than the header's "
                        f"{len(mapped)} columns (a missing or extra comma?)")
                continue
            school = fast.school(cells, row_number, seen)
            if school is None:
                record = {key: cell for key, cell in zip(mapped, cells, strict=False) if key is not None}
                school = _school_from(record, row_number, columns, parsers, out, seen)
            if school is not None:
                schools.append(school)
                if len(schools) == half and halfway is not None and not out.problems:
                    halfway(schools)
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
        header = [shown(name, 120) for name in header]  # 自查：<requirement id> headers run long
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
    _check_relations(schools, columns, out)
    out.raise_if_any()
    if not schools:
        raise FactsError([FactProblem(path.name, None, None, None, "the file holds no schools")])
    return schools


def _check_relations(schools: list[School], columns: FactColumns, out: _Collector) -> None:
    """Report every school whose facts break a declared relation between
    facts (a metric's ``at_most``), naming the relation (issue 24)."""
    metrics = {m.key: m for m in columns.metrics}
    if not any(m.at_most in metrics for m in metrics.values()):
        return
    from xinli.core.assessment.metrics import relation_problems

    keys = _value_keys(columns)
    for school in schools:
        for column, value, reason in relation_problems(metrics, keys, school.values):
            out.add(school.row, column, value, reason)


#: Sheets a facts workbook may be read from: the facts sheet under its
#: English or its Chinese name (the catalogue's ``SHEETS``).
XLSX_SHEETS = ("facts", "facts-template", "事实", "事实填报")
#: The workbook's custom document property naming its facts sheet, written
#: by ``facts-template`` (Excel and WPS keep custom properties on save).
FACTS_SHEET_MARKER = "xinli-facts-sheet"


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
    name = _facts_sheet(path, data, workbook)
    rows = workbook[name].iter_rows(values_only=True)
    try:
        first = next(rows, None)
    except Exception as exc:  # a damaged sheet inside a sound zip
        raise FactsError([FactProblem(path.name, None, None, None, f"cannot read sheet {name!r}: {shown(exc, 120)}")]) from None
    if first is None or all(_blank(cell) for cell in first):
        raise FactsError([FactProblem(path.name, None, None, None, f"sheet {name!r} is empty")])
    header = [("" if cell is None else str(cell)) for cell in first]
    while header and not header[-1].strip():
        header.pop()
    uncached = _uncached_formulas(data, getattr(workbook[name], "_worksheet_path", None))
    if uncached:
        raise FactsError([FactProblem(path.name, row, header[column] if column < len(header) else ref, None,
                                      "a formula without a saved result; open the file in Excel or WPS and save it "
                                      "there (or type the value)")
                          for ref, row, column in uncached[:MAX_PROBLEMS]])

    merged = _merged_ranges(data, getattr(workbook[name], "_worksheet_path", None))
    if merged:
        header = _expand_merged(1, list(first), merged, {})
        header = [("" if cell is None else str(cell)) for cell in header]
        while header and not header[-1].strip():
            header.pop()

    def numbered() -> Iterator[tuple[int, list[Any]]]:
        tops: dict[tuple[int, int], Any] = {(1, c): v for c, v in enumerate(first, start=1)}
        try:
            for number, cells in enumerate(rows, start=2):
                yield number, (_expand_merged(number, list(cells), merged, tops) if merged else list(cells))
        except Exception as exc:  # a truncated or damaged sheet
            raise FactsError([FactProblem(path.name, None, None, None,
                                          f"cannot read sheet {name!r}: {shown(exc, 120)}")]) from None

    return header, numbered()


def _sheet_states(workbook: Any) -> dict[str, str]:
    return {ws.title: getattr(ws, "sheet_state", "visible") or "visible" for ws in workbook.worksheets}


_CUSTOM_PROPERTY = re.compile(rb'<property\b[^>]*\bname="([^"]*)"[^>]*>\s*<vt:lpwstr>([^<]*)</vt:lpwstr>')


def _marked_sheet(data: bytes) -> str | None:
    """The facts sheet the workbook's own marker (:data:`FACTS_SHEET_MARKER`) names."""
    import html

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read("docProps/custom.xml")[:1_000_000]
    except (KeyError, zipfile.BadZipFile, OSError):
        return None
    for key, value in _CUSTOM_PROPERTY.findall(xml):
        if html.unescape(key.decode("utf-8", "replace")) == FACTS_SHEET_MARKER:
            return html.unescape(value.decode("utf-8", "replace"))
    return None


def _facts_sheet(path: Path, data: bytes, workbook: Any) -> str:
    """The sheet to read facts from: the one the workbook's marker names;
    else the only visible sheet named like a facts sheet; else the only
    sheet.  A hidden candidate, or more than one, is refused by name: facts
    are never read from a sheet the person filling them in could not see,
    nor from one of two."""
    from xinli.core.errors import Said

    states = _sheet_states(workbook)

    def refuse(key: str, **values: Any) -> FactsError:
        return FactsError([FactProblem(path.name, None, None, None, Said(key, **values))])

    marked = _marked_sheet(data)
    if marked is not None and marked in states:
        if states[marked] != "visible":
            raise refuse("xlsx_hidden_sheet", sheet=marked)
        return marked
    candidates = [n for n in states if n in XLSX_SHEETS or n.strip().lower() in XLSX_SHEETS]
    hidden = [n for n in candidates if states[n] != "visible"]
    if hidden:
        raise refuse("xlsx_hidden_sheet", sheet="、".join(hidden))
    if len(candidates) > 1:
        raise refuse("xlsx_two_sheets", sheets="、".join(candidates))
    if candidates:
        return candidates[0]
    names = list(states)
    if len(names) == 1:
        if states[names[0]] != "visible":
            raise refuse("xlsx_hidden_sheet", sheet=names[0])
        return names[0]
    raise FactsError([FactProblem(path.name, None, None, None,
                                  f"no sheet named {' or '.join(XLSX_SHEETS)}; sheets: {', '.join(names)}")])


_MERGE_CELL = re.compile(rb'<mergeCell\b[^>]*?\bref="([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)"')


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _sheet_xml(data: bytes, sheet_path: str | None) -> bytes | None:
    """The raw XML of the workbook's sheet at ``sheet_path`` (None when it
    cannot be read), for what openpyxl's read-only mode does not tell."""
    if not sheet_path:
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.read(sheet_path.lstrip("/"))
    except (KeyError, zipfile.BadZipFile, OSError):
        return None


def _merged_ranges(data: bytes, sheet_path: str | None) -> list[tuple[int, int, int, int]]:
    """``(first row, first column, last row, last column)`` of each merged
    range of the sheet (openpyxl's read-only mode does not report them, and
    reads every covered cell but the first as empty)."""
    xml = _sheet_xml(data, sheet_path)
    if xml is None or b"<mergeCell" not in xml:
        return []
    return [(int(r1), _column_number(c1.decode()), int(r2), _column_number(c2.decode()))
            for c1, r1, c2, r2 in _MERGE_CELL.findall(xml)]


def _expand_merged(number: int, cells: list[Any], merged: list[tuple[int, int, int, int]],
                   tops: dict[tuple[int, int], Any]) -> list[Any]:
    """Row ``number``'s cells with every cell a merged range covers holding
    the range's value (its first cell's), as a reader of the sheet sees it.
    ``tops`` remembers the first cells met so far."""
    for r1, c1, r2, c2 in merged:
        if not r1 <= number <= r2:
            continue
        if len(cells) < c2:
            cells.extend([None] * (c2 - len(cells)))
        if number == r1:
            tops[(r1, c1)] = cells[c1 - 1]
        value = tops.get((r1, c1))
        for column in range(c1, c2 + 1):
            cells[column - 1] = value
    return cells


_FORMULA_CELL = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})(\d+)"[^>]*>\s*<f\b[^>]*?(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>')


def _uncached_formulas(data: bytes, sheet_path: str | None) -> list[tuple[str, int, int]]:
    """``(cell reference, row, column index)`` of formula cells that carry
    no saved result (a file written by a program that never calculated it),
    which openpyxl would read as empty, i.e. silently unknown."""
    xml = _sheet_xml(data, sheet_path)
    if xml is None or b"<f" not in xml:
        return []
    found = []
    for match in _FORMULA_CELL.finditer(xml):
        letters = match.group(1).decode()
        column = 0
        for letter in letters:
            column = column * 26 + ord(letter) - 64
        found.append((f"{letters}{match.group(2).decode()}", int(match.group(2)), column - 1))
    return found


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number xinli accepts (finite numbers only)")


def load_document(name: str, data: bytes, suffix: str) -> Any:
    """A JSON or TOML document, within limits: at most
    :data:`MAX_DOCUMENT_BYTES`, UTF-8 (the first bad byte is named), no
    ``NaN``/``Infinity``, and not nested deeper than Python can read.  Any
    failure is a :class:`FactsError` naming the file."""
    def refuse(reason: str) -> FactsError:
        return FactsError([FactProblem(name, None, None, None, reason)])

    if len(data) > MAX_DOCUMENT_BYTES:
        raise refuse(f"the file is larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MiB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise refuse(f"not UTF-8: first bad byte 0x{data[exc.start]:02X} at offset {exc.start}; "
                     "save it as UTF-8") from None
    try:
        if suffix == ".toml":
            return tomllib.loads(text)
        return json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        raise refuse("nested too deeply to read; a facts or waivers file is a flat list of tables") from None
    except (tomllib.TOMLDecodeError, ValueError) as exc:  # JSONDecodeError is a ValueError, as are int limits
        raise refuse(f"cannot parse: {shown(exc, 200)}") from None


def _records_from_document(path: Path, data: bytes, suffix: str, out: _Collector) -> list[tuple[int, dict[str, Any]]]:
    doc = load_document(path.name, data, suffix)
    if isinstance(doc, dict):
        unknown = [key for key in doc if key != "schools"]
        if unknown:
            raise FactsError([FactProblem(path.name, None, shown(key, 40), None,
                                          "unknown table or key; facts are a list of schools under 'schools'")
                              for key in unknown[:MAX_PROBLEMS]])
        schools = doc.get("schools")
    else:
        schools = doc
    if not isinstance(schools, list) or not all(isinstance(s, dict) for s in schools):
        raise FactsError([FactProblem(path.name, None, None, None, "expected a list of schools under 'schools'")])
    return [(i, s) for i, s in enumerate(schools, start=1)]


def template_header(columns: FactColumns, headers: str = "zh") -> list[str]:
    """The template's header row: the columns' Chinese labels (``zh``) or
    their keys (``key``); :func:`read_facts` accepts both."""
    if headers == "key":
        return columns.names
    labels = {key: zh for key, (zh, _en) in ID_COLUMNS.items()}
    labels.update({key: vocab.attribute_info(key)[1] for key in columns.attributes})
    labels.update({m.key: m.label.zh for m in columns.metrics})
    for key in columns.value_keys[len(columns.attributes) + len(columns.metrics):]:
        labels[key] = columns.column_help(key)[0]
    return [labels[key] for key in columns.names]


def template_csv(columns: FactColumns, headers: str = "zh") -> str:
    """The CSV template: the header, nothing else (UTF-8 with BOM, so Excel
    opens Chinese text correctly); an empty cell is an unknown fact."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(template_header(columns, headers))
    return "\ufeff" + buffer.getvalue()


def template_json(columns: FactColumns, headers: str = "key") -> str:
    """The JSON template: ``{"schools": [one school]}`` whose every field is
    present and empty (``null``: unknown; a 自查 field left null is
    unanswered), under the keys or (``zh``) the Chinese labels, both of
    which :func:`read_facts` accepts.  An unchanged template is refused
    (its school_id is empty)."""
    names = template_header(columns, headers)
    school: dict[str, Any] = {name: (None if key not in ID_COLUMNS else "")
                              for name, key in zip(names, columns.names, strict=True)}
    return json.dumps({"schools": [school]}, ensure_ascii=False, indent=2) + "\n"


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
        kind, zh, en = vocab.attribute_info(key)
        lines += [f"# {say(zh, en)}（{say(*kinds[kind])}）" if lang == "zh" else f"# {say(zh, en)} ({say(*kinds[kind])})",
                  f"# {key} ="]
    for metric in columns.metrics:
        unit = vocab.label(vocab.UNITS, metric.unit, lang) if metric.unit else ""
        comma = "，" if lang == "zh" else ", "
        kind = say(*kinds[metric.type]) + (f"{comma}{unit}" if unit and metric.unit != "flag" else "")
        label = say(metric.label.zh, metric.label.en)
        lines += [f"# {label}（{kind}）" if lang == "zh" else f"# {label} ({kind})", f"# {metric.key} ="]
    if columns.self_checks:
        lines += ["", "# " + say("以下为自查项（无机器核查的学校职责）：填 \"是\"、\"否\" 或 \"不适用\"；仍被注释即未作答。",
                                 "Self-inspection items (school duties without a machine check): answer \"是\" (yes), "
                                 "\"否\" (no) or \"不适用\" (not applicable); a line left commented is unanswered.")]
        for key in columns.value_keys[len(columns.attributes) + len(columns.metrics):]:
            _zh, _en, help_zh, help_en = columns.column_help(key)
            lines += [f"# {say(help_zh, help_en)}", f'# "{key}" = ""']
    return "\n".join(lines) + "\n"
