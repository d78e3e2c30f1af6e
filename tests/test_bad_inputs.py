"""The bad-input catalogue: what a hostile or careless user may hand to
``assess``, waivers, ``--as-of``, ``--db`` and ``--output``.

Every case must exit 2 with an ``Error:`` line naming the place (file, row,
column or option), print no traceback, and leave every database and input
file byte-for-byte as it was.  A case is ``(id, files, args, expected)``:
``files`` are written into a fresh directory next to a copy of a records
database that already holds one run; ``args`` may name them and ``{db}``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from xinli.cli.main import cli

ID_CARD = "11010519491231002X"  # the GB 11643 standard's own example, checksum valid
MOBILE = "13812345678"
GOOD = {"school_id": "HN001", "school_name": "第一学校", "grades": "1-6"}

# ---------------------------------------------------------------- fixtures


class Env:
    """The bundled Henan facts columns, a sound facts file and a records
    database holding one run, made once for the whole catalogue."""

    def __init__(self, root: Path) -> None:
        runner = CliRunner()
        template = runner.invoke(cli, ["facts-template", "--region", "henan", "--plugins", "henan", "--headers", "key"]).output
        self.header = next(csv.reader(io.StringIO(template.lstrip("\ufeff"))))
        self.root = root
        (root / "facts.csv").write_text(self.csv([self.row()]), encoding="utf-8")
        self.db = root / "records.db"
        result = runner.invoke(cli, ["assess", "--region", "henan", "--facts", str(root / "facts.csv"), "--db",
                                     str(self.db), "--as-of", "2026-11-01", "--plugins", "henan"])
        assert result.exit_code == 0, result.output
        from xinli.core.assessment.assess import compile_requirements
        from xinli.core.assessment.facts import columns_for
        from xinli.core.assessment.metrics import collect_metrics
        from xinli.core.registry import load_plugins
        from xinli.core.views.checklist import build_checklist

        registry = load_plugins(only=["henan"])
        checklist = build_checklist(registry, "henan", __import__("datetime").date(2026, 11, 1))
        compiled = compile_requirements(checklist, columns_for(checklist, collect_metrics(registry)))
        self.school_req = next(r.id for r in compiled if r.scope == "school")
        self.region_req = next(r.id for r in compiled if r.scope == "region")
        self.manual_req = next(i["id"] for i in checklist["items"] if i["check"] is None and i.get("assessed_at") == "school")
        self.count = next(c for c in self.header if c.endswith("teachers"))
        self.flag = next(c for c in self.header if c.endswith("established"))

    def row(self, **values: Any) -> dict[str, Any]:
        """A sound school with every fact unknown, then ``values``."""
        return {**dict.fromkeys(self.header, ""), **GOOD, **values}

    def csv(self, rows: list[dict[str, Any]], header: list[str] | None = None) -> str:
        header = header or self.header
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(column, "") for column in header])
        return buffer.getvalue()


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Env:
    return Env(tmp_path_factory.mktemp("catalogue"))


# ---------------------------------------------------------------- the cases


class Symlink(str):
    """A file of a case that is a symbolic link to this target."""


class HardLink(str):
    """A file of a case that is another name (hard link) of this file of the case."""


class Special(str):
    """A file of a case that is a FIFO (``fifo``) or a character device (``device``, as /dev/null)."""


Files = dict[str, bytes | str | Callable[[Env], bytes | str]]
CASES: list[tuple[str, Files, list[str], list[str]]] = []


def case(id: str, files: Files, args: list[str], *expected: str) -> None:
    CASES.append((id, files, args, list(expected)))


def facts_case(id: str, rows: Callable[[Env], list[dict[str, Any]]], *expected: str,
               header: Callable[[Env], list[str]] | None = None) -> None:
    def make(env: Env) -> str:
        return env.csv(rows(env), header(env) if header else None)

    case(id, {"facts.csv": make}, ASSESS, "facts.csv", *expected)


ASSESS = ["assess", "--region", "henan", "--facts", "facts.csv", "--db", "{db}", "--as-of", "2026-11-01"]
WAIVE = [*ASSESS, "--waivers"]

# -- personal data in values (5)
for column in ("school_name", "school_id"):
    facts_case(f"id-card-in-{column}", lambda e, c=column: [e.row(**{c: ID_CARD})], "row 2", f"column {column}",
               "ID-card number")
    facts_case(f"id-card-inside-{column}", lambda e, c=column: [e.row(**{c: f"学生{ID_CARD}"})], "row 2",
               f"column {column}", "ID-card number")
    facts_case(f"lowercase-x-id-card-in-{column}", lambda e, c=column: [e.row(**{c: ID_CARD.lower()})], "row 2",
               f"column {column}", "ID-card number")
    for n, mobile in enumerate((MOBILE, "138-1234-5678", "+86 138 1234 5678", "联系13912345678")):
        facts_case(f"mobile-{n}-in-{column}", lambda e, c=column, m=mobile: [e.row(**{c: m})], "row 2",
                   f"column {column}", "mobile number")
facts_case("id-card-in-second-row", lambda e: [e.row(), e.row(school_id="HN002", school_name=ID_CARD)], "row 3",
           "column school_name", "ID-card number")
facts_case("id-card-in-grades", lambda e: [e.row(grades=ID_CARD)], "row 2", "column grades", "ID-card number")
facts_case("mobile-in-a-count", lambda e: [e.row(**{e.count: MOBILE})], "row 2", "mobile number")

# -- control characters and length caps
for name, char in (("soh", "\x01"), ("esc", "\x1b"), ("del", "\x7f"), ("bell", "\x07"), ("newline", "\n"),
                   ("line-separator", "\u2028"), ("vertical-tab", "\x0b"), ("form-feed", "\x0c")):
    facts_case(f"control-{name}-in-school_name", lambda e, ch=char: [e.row(school_name=f"一{ch}中")], "row 2",
               "column school_name", "control character")
facts_case("control-in-school_id", lambda e: [e.row(school_id="HN\x01")], "row 2", "column school_id", "control")
facts_case("school_name-201-chars", lambda e: [e.row(school_name="校" * 201)], "row 2", "column school_name",
           "longer than 200")
facts_case("school_id-65-chars", lambda e: [e.row(school_id="H" * 65)], "row 2", "column school_id", "longer than 64")
facts_case("cell-200KiB", lambda e: [e.row(school_name="x" * 200_000)], "row 2", "column school_name", "longer than")
facts_case("cell-over-csv-field-limit", lambda e: [e.row(school_name="x" * 1_100_000)], "row 2", "longer than")
facts_case("grades-41-chars", lambda e: [e.row(grades="1" * 41)], "row 2", "column grades")

# -- numbers
for name, value in (("inf", "inf"), ("minus-inf", "-inf"), ("nan", "nan"), ("1e999", "1e999"),
                    ("400-digits", "9" * 400), ("negative", "-1"), ("fraction", "1.5"), ("too-big", "10000000000"),
                    ("words", "three"), ("hex", "0x10"), ("comma", "1,000"), ("infinity-word", "Infinity"),
                    ("percent", "50%"), ("two-numbers", "1 2"), ("exponent", "1e3"), ("33-chars", "0" * 33)):
    facts_case(f"count-{name}", lambda e, v=value: [e.row(**{e.count: v})], "row 2", "column")
for name, value in (("maybe", "maybe"), ("two", "2"), ("x", "x"), ("true-false", "truefalse")):
    facts_case(f"flag-{name}", lambda e, v=value: [e.row(**{e.flag: v})], "row 2", "true/false")

# -- ids and grades
facts_case("empty-school_id", lambda e: [e.row(school_id="")], "row 2", "column school_id", "empty")
facts_case("blank-school_id", lambda e: [e.row(school_id="   ")], "row 2", "column school_id", "empty")
facts_case("duplicate-school_id", lambda e: [e.row(), e.row()], "row 3", "column school_id", "duplicate")
for name, grades in (("13", "13"), ("0", "0"), ("reversed", "9-7"), ("words", "小学"), ("empty", ""), ("date", "2024-06-01"),
                     ("three-digit", "100"), ("dash-only", "-")):
    facts_case(f"grades-{name}", lambda e, g=grades: [e.row(grades=g)], "row 2", "column grades")

# -- CSV structure
case("short-row", {"facts.csv": lambda e: ",".join(e.header) + "\nHN001,一中,1-6\n"}, ASSESS, "facts.csv", "row 2",
     "fewer than")
case("long-row", {"facts.csv": lambda e: e.csv([e.row()]).rstrip("\n") + ",extra\n"}, ASSESS, "facts.csv", "row 2",
     "more than")
case("short-row-after-good-row", {"facts.csv": lambda e: e.csv([e.row()]) + "HN002,二中\n"}, ASSESS, "facts.csv",
     "row 3", "fewer than")
case("empty-file", {"facts.csv": b""}, ASSESS, "facts.csv", "empty")
case("header-only", {"facts.csv": lambda e: ",".join(e.header) + "\n"}, ASSESS, "facts.csv", "no schools")
case("blank-lines-only", {"facts.csv": lambda e: ",".join(e.header) + "\n\n\n"}, ASSESS, "facts.csv", "no schools")
facts_case("unknown-column", lambda e: [e.row()], "column colour", "unknown column", header=lambda e: [*e.header, "colour"])
facts_case("student-column", lambda e: [e.row()], "姓名 列", "学生个人数据", header=lambda e: [*e.header, "姓名"])
facts_case("id-card-column", lambda e: [e.row()], "身份证号 列", "学生个人数据", header=lambda e: [*e.header, "身份证号"])
facts_case("phone-column", lambda e: [e.row()], "column phone", "student-level", header=lambda e: [*e.header, "phone"])
facts_case("missing-school_id-column", lambda e: [e.row()], "column school_id", "missing",
           header=lambda e: [c for c in e.header if c != "school_id"])
facts_case("missing-grades-column", lambda e: [e.row()], "column grades", "missing",
           header=lambda e: [c for c in e.header if c != "grades"])
facts_case("duplicate-column", lambda e: [e.row()], "appears twice", header=lambda e: [*e.header, e.count])
facts_case("duplicate-column-by-label", lambda e: [e.row()], "appears twice", header=lambda e: [*e.header, "学校代码"])

# -- encodings
BIG5 = "school_id,school_name,grades\nHN001,台北市立建國高級中學,7-12\nHN002,國立臺灣師範大學附屬高級中學,7-12\n"
SJIS = "school_id,school_name,grades\nHN001,東京都立日比谷高等学校,7-12\nHN002,大阪府立北野高等学校,7-12\n"
for name, data in (
    ("utf-16-le-bom", lambda e: "\ufeff".encode("utf-16-le") + e.csv([e.row()]).encode("utf-16-le")),
    ("utf-16-be-bom", lambda e: e.csv([e.row()]).encode("utf-16")),
    ("utf-16-no-bom", lambda e: e.csv([e.row()]).encode("utf-16-le")),
    ("ff-byte", lambda e: e.csv([e.row()]).encode() + b"\xff\n"),
    ("lone-80-byte", lambda e: e.csv([e.row(school_name="\x80")]).encode("latin-1")),
    ("big5", BIG5.encode("big5")),
    ("shift-jis", SJIS.encode("shift_jis")),
    ("nul-byte", lambda e: e.csv([e.row(school_name="一\x00中")]).encode()),
    ("utf-32", lambda e: e.csv([e.row()]).encode("utf-32")),
    ("binary", bytes(range(256)) * 4),
):
    case(f"encoding-{name}", {"facts.csv": data}, ASSESS, "facts.csv", "UTF-8")

# -- JSON facts
JASSESS = [*ASSESS[:4], "facts.json", *ASSESS[5:]]


def json_case(id: str, doc: Any, *expected: str, raw: bool = False) -> None:
    def make(env: Env) -> str:
        value = doc(env) if callable(doc) else doc
        return value if raw else json.dumps(value, ensure_ascii=False)

    case(f"json-{id}", {"facts.json": make}, JASSESS, "facts.json", *expected)


json_case("syntax", '[{"school_id": "HN001",]', "cannot parse", raw=True)
json_case("truncated", '[{"school_id": "HN0', "cannot parse", raw=True)
json_case("nested-100000", "[" * 100_000 + "]" * 100_000, "nested too deeply", raw=True)
json_case("nested-objects", '{"a":' * 50_000 + "1" + "}" * 50_000, "nested too deeply", raw=True)
json_case("infinity-literal", '[{"school_id": "HN001", "grades": "1-6", "fulltime_psych_teachers": Infinity}]',
          "Infinity", raw=True)
json_case("nan-literal", '[{"school_id": "HN001", "grades": "1-6", "fulltime_psych_teachers": NaN}]', "NaN", raw=True)
json_case("400-digit-number", lambda e: f'[{{"school_id": "HN001", "grades": "1-6", "{e.count}": {"9" * 400}}}]',
          "row 1", "out of range", raw=True)
json_case("5000-digit-number", lambda e: f'[{{"school_id": "HN001", "grades": "1-6", "{e.count}": {"9" * 5000}}}]',
          "cannot parse", raw=True)
json_case("not-a-list", {"school_id": "HN001"}, "unknown table")
json_case("schools-not-a-list", {"schools": {"school_id": "HN001"}}, "list of schools")
json_case("list-of-strings", ["HN001"], "list of schools")
json_case("number", 42, "list of schools")
json_case("string", "schools", "list of schools")
json_case("null", None, "list of schools")
json_case("empty-list", [], "no schools")
json_case("unknown-top-key", {"schools": [GOOD], "extra": 1}, "extra", "unknown table")
json_case("school_id-true", [{**GOOD, "school_id": True}], "row 1", "column school_id", "text or a whole number")
json_case("school_id-float", [{**GOOD, "school_id": 1.5}], "row 1", "column school_id", "text or a whole number")
json_case("school_id-list", [{**GOOD, "school_id": ["HN001"]}], "row 1", "column school_id", "list or table")
json_case("school_id-null", [{**GOOD, "school_id": None}], "row 1", "column school_id", "empty")
json_case("school_name-list-of-students", [{**GOOD, "school_name": [{"name": "张三", "id": ID_CARD}]}], "row 1",
          "column school_name", "list or table")
json_case("school_name-object", [{**GOOD, "school_name": {"zh": "一中"}}], "row 1", "column school_name", "list or table")
json_case("school_name-true", [{**GOOD, "school_name": True}], "row 1", "column school_name", "text or a whole number")
json_case("school_name-id-card", [{**GOOD, "school_name": ID_CARD}], "row 1", "column school_name", "ID-card")
json_case("count-list", lambda e: [{**GOOD, e.count: [1, 2]}], "row 1", "list or table")
json_case("count-object", lambda e: [{**GOOD, e.count: {"n": 1}}], "row 1", "list or table")
json_case("count-true", lambda e: [{**GOOD, e.count: True}], "row 1", "whole number")
json_case("count-string-words", lambda e: [{**GOOD, e.count: "seven"}], "row 1", "whole number")
json_case("count-1e999", lambda e: f'[{{"school_id": "HN001", "grades": "1-6", "{e.count}": 1e999}}]', "row 1",
          "finite", raw=True)
json_case("flag-list", lambda e: [{**GOOD, e.flag: [True]}], "row 1", "list or table")
json_case("grades-list", [{**GOOD, "grades": [1, 2, 3]}], "row 1", "column grades", "list or table")
json_case("grades-true", [{**GOOD, "grades": True}], "row 1", "column grades")
json_case("unknown-field", [{**GOOD, "colour": "red"}], "row 1", "colour", "unknown field")
json_case("student-field", [{**GOOD, "students": []}], "row 1", "students", "student-level")
json_case("missing-grades", [{"school_id": "HN001"}], "row 1", "grades", "missing")
json_case("nul-in-name", [{**GOOD, "school_name": "一\u0000中"}], "row 1", "column school_name", "control character")
case("json-utf-16", {"facts.json": json.dumps([GOOD]).encode("utf-16")}, JASSESS, "facts.json", "UTF-8", "0xFF")
case("json-ff-byte", {"facts.json": b'[{"school_id": "\xff"}]'}, JASSESS, "facts.json", "0xFF")
case("json-too-large", {"facts.json": b" " * 100}, JASSESS, "facts.json", "larger than")  # limit lowered in the test

# -- TOML facts
TASSESS = [*ASSESS[:4], "facts.toml", *ASSESS[5:]]


def toml_case(id: str, text: str | Callable[[Env], str], *expected: str) -> None:
    case(f"toml-{id}", {"facts.toml": text}, TASSESS, "facts.toml", *expected)


BASE = '[[schools]]\nschool_id = "HN001"\ngrades = "1-6"\n'
toml_case("syntax", "[[schools]\nschool_id = 1\n", "cannot parse")
toml_case("nested-arrays", "x = " + "[" * 50_000 + "]" * 50_000 + "\n", "nested too deeply")
toml_case("nested-inline-tables", "x = " + "{a = " * 20_000 + "1" + "}" * 20_000 + "\n", "nested too deeply")
toml_case("misspelt-table", '[[school]]\nschool_id = "HN001"\ngrades = "1-6"\n', "school", "unknown table")
toml_case("schools-a-string", 'schools = "HN001"\n', "list of schools")
toml_case("schools-a-table", '[schools]\nschool_id = "HN001"\n', "list of schools")
toml_case("schools-array-of-numbers", "schools = [1, 2]\n", "list of schools")
toml_case("inf-count", lambda e: BASE + f"{e.count} = inf\n", "row 1", "finite")
toml_case("nan-count", lambda e: BASE + f"{e.count} = nan\n", "row 1", "finite")
toml_case("minus-inf-count", lambda e: BASE + f"{e.count} = -inf\n", "row 1", "finite")
toml_case("datetime-count", lambda e: BASE + f"{e.count} = 2026-09-01T08:00:00\n", "row 1", "whole number")
toml_case("time-name", BASE + "school_name = 08:00:00\n", "row 1", "column school_name")
toml_case("date-school_id", '[[schools]]\nschool_id = 2026-01-01\ngrades = "1-6"\n', "row 1", "column school_id")
toml_case("array-name", BASE + 'school_name = ["张三", "李四"]\n', "row 1", "column school_name", "list or table")
toml_case("table-name", BASE + '[schools.school_name]\nzh = "一中"\n', "row 1", "column school_name", "list or table")
toml_case("float-id", '[[schools]]\nschool_id = 1.5\ngrades = "1-6"\n', "row 1", "column school_id")
toml_case("bool-id", '[[schools]]\nschool_id = true\ngrades = "1-6"\n', "row 1", "column school_id")
toml_case("mobile-name", BASE + f'school_name = "{MOBILE}"\n', "row 1", "column school_name", "mobile")
toml_case("id-card-id", f'[[schools]]\nschool_id = "{ID_CARD}"\ngrades = "1-6"\n', "row 1", "column school_id", "ID-card")
toml_case("huge-int", lambda e: BASE + f"{e.count} = {'9' * 300}\n", "row 1", "out of range")
toml_case("extra-top-key", BASE.replace("[[schools]]", 'title = "x"\n[[schools]]'), "title", "unknown table")
case("toml-ff-byte", {"facts.toml": b'[[schools]]\nschool_id = "\xff"\n'}, TASSESS, "facts.toml", "0xFF")
case("toml-utf-16", {"facts.toml": BASE.encode("utf-16")}, TASSESS, "facts.toml", "UTF-8")

# -- xlsx facts (made with openpyxl at test time)
XASSESS = [*ASSESS[:4], "facts.xlsx", *ASSESS[5:]]


def workbook(rows: Callable[[Env], list[list[Any]]], title: str = "facts") -> Callable[[Env], bytes]:
    def make(env: Env) -> bytes:
        import openpyxl

        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = title
        for row in rows(env):
            ws.append(row)
        buffer = io.BytesIO()
        wb.save(buffer)
        return buffer.getvalue()

    return make


def good_cells(env: Env, **values: Any) -> list[Any]:
    row = env.row(**values)
    return [row[c] if row[c] != "" else None for c in env.header]


def xlsx_case(id: str, data: Any, *expected: str) -> None:
    case(f"xlsx-{id}", {"facts.xlsx": data}, XASSESS, "facts.xlsx", *expected)


xlsx_case("formula-without-cached-value", workbook(lambda e: [e.header, good_cells(e, **{e.count: "=1+2"})]), "row 2",
          "save it there")
xlsx_case("formula-in-name", workbook(lambda e: [e.header, good_cells(e, school_name='=HYPERLINK("http://x","y")')]),
          "row 2", "column school_name", "save it there")
xlsx_case("truncated", lambda e: workbook(lambda e: [e.header, good_cells(e)])(e)[:600], "cannot open")
xlsx_case("not-a-zip", b"PK\x03\x04 this is not a workbook", "cannot open")
xlsx_case("a-csv-named-xlsx", lambda e: e.csv([e.row()]).encode(), "cannot open")
xlsx_case("empty-bytes", b"", "cannot open")
xlsx_case("no-facts-sheet", lambda e: _two_sheets(), "no sheet named")
xlsx_case("empty-sheet", workbook(lambda e: []), "is empty")
xlsx_case("id-card-name", workbook(lambda e: [e.header, good_cells(e, school_name=ID_CARD)]), "row 2",
          "column school_name", "ID-card")
xlsx_case("mobile-id", workbook(lambda e: [e.header, good_cells(e, school_id=int(MOBILE))]), "row 2", "column school_id",
          "mobile")
xlsx_case("extra-cells", workbook(lambda e: [e.header, [*good_cells(e), "x", "y"]]), "row 2", "beyond the header")
xlsx_case("grades-as-date", workbook(lambda e: [e.header, good_cells(e, grades=__import__("datetime").date(2024, 6, 1))]),
          "row 2", "column grades", "date")
xlsx_case("long-name", workbook(lambda e: [e.header, good_cells(e, school_name="校" * 300)]), "row 2",
          "column school_name", "longer than 200")
xlsx_case("negative-count", workbook(lambda e: [e.header, good_cells(e, **{e.count: -3})]), "row 2", "negative")
xlsx_case("unknown-column", workbook(lambda e: [[*e.header, "colour"], good_cells(e)]), "column colour", "unknown column")


def _two_sheets() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "one"
    wb.create_sheet("two")
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# -- waivers
FACTS_OK = {"facts.csv": lambda e: e.csv([e.row(), e.row(school_id="HN002")])}
WAIVER_HEADER = "school_id,requirement_id,justification,approved_by,start,expiry\n"


def waiver_csv(id: str, body: str | Callable[[Env], str | bytes], *expected: str, name: str = "waivers.csv") -> None:
    def make(env: Env) -> str | bytes:
        return body(env) if callable(body) else body

    case(f"waivers-{id}", {**FACTS_OK, name: make}, [*WAIVE, name], name, *expected)


def w(env: Env, **values: str) -> str:
    fields = {"school_id": "HN001", "requirement_id": env.school_req, "justification": "新校区建设中",
              "approved_by": "县教育局", "start": "2026-01-01", "expiry": "2026-12-31", **values}
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(fields.values())
    return buffer.getvalue()


waiver_csv("missing-column", "school_id,requirement_id\nHN001,x\n", "row 1", "column justification", "missing")
waiver_csv("unknown-column", lambda e: WAIVER_HEADER.rstrip("\n") + ",note\n" + w(e).rstrip("\n") + ",x\n", "row 1",
           "column note", "unknown column")
waiver_csv("unknown-school", lambda e: WAIVER_HEADER + w(e, school_id="XX9"), "row 2", "column school_id", "unknown school")
waiver_csv("unknown-requirement", lambda e: WAIVER_HEADER + w(e, requirement_id="henan.nothing"), "row 2",
           "column requirement_id", "unknown requirement")
waiver_csv("region-scope", lambda e: WAIVER_HEADER + w(e, requirement_id=e.region_req), "row 2", "column requirement_id",
           "region finding")
waiver_csv("duplicate", lambda e: WAIVER_HEADER + w(e) + w(e, justification="again"), "row 3", "first in row 2")
waiver_csv("duplicate-other-dates", lambda e: WAIVER_HEADER + w(e) + w(e, start="2027-01-01", expiry="2027-06-30"),
           "row 3", "second waiver")
waiver_csv("bad-start", lambda e: WAIVER_HEADER + w(e, start="2026-02-30"), "row 2", "column start", "date")
waiver_csv("bad-expiry", lambda e: WAIVER_HEADER + w(e, expiry="next year"), "row 2", "column expiry", "date")
waiver_csv("datetime-start", lambda e: WAIVER_HEADER + w(e, start="2026-01-01T08:00"), "row 2", "column start")
waiver_csv("expiry-before-start", lambda e: WAIVER_HEADER + w(e, start="2026-12-31", expiry="2026-01-01"), "row 2",
           "column expiry", "before start")
waiver_csv("empty-justification", lambda e: WAIVER_HEADER + w(e, justification=""), "row 2", "column justification",
           "empty")
waiver_csv("id-card-justification", lambda e: WAIVER_HEADER + w(e, justification=f"学生{ID_CARD}休学"), "row 2",
           "column justification", "ID-card")
waiver_csv("mobile-approved_by", lambda e: WAIVER_HEADER + w(e, approved_by=f"王老师 {MOBILE}"), "row 2",
           "column approved_by", "mobile")
waiver_csv("long-justification", lambda e: WAIVER_HEADER + w(e, justification="理" * 1001), "row 2",
           "column justification", "longer than 1000")
waiver_csv("control-justification", lambda e: WAIVER_HEADER + w(e, justification="a\x07b"), "row 2",
           "column justification", "control")
waiver_csv("short-row", lambda e: WAIVER_HEADER + "HN001,x\n", "row 2", "fewer than")
waiver_csv("long-row", lambda e: WAIVER_HEADER + w(e).rstrip("\n") + ",extra\n", "row 2", "more than")
waiver_csv("utf-16", lambda e: (WAIVER_HEADER + w(e)).encode("utf-16"), "UTF-16")
waiver_csv("unsupported-format", "[]", "unsupported waivers format", name="waivers.json")
case("waivers-ff-byte", {**FACTS_OK, "waivers.csv": lambda e: WAIVER_HEADER.encode() + b"\xff\xfe\xfd\n"},
     [*WAIVE, "waivers.csv"], "waivers.csv", "0xFF")
case("waivers-missing-file", FACTS_OK, [*WAIVE, "nowhere.csv"], "nowhere.csv", "cannot read")


def waiver_toml(id: str, body: str | Callable[[Env], str], *expected: str) -> None:
    waiver_csv(f"toml-{id}", body, *expected, name="waivers.toml")


def t(env: Env, **values: str) -> str:
    fields = {"school_id": '"HN001"', "requirement_id": f'"{env.school_req}"', "justification": '"新校区建设中"',
              "approved_by": '"县教育局"', "start": "2026-01-01", "expiry": "2026-12-31", **values}
    return "[[waivers]]\n" + "".join(f"{k} = {v}\n" for k, v in fields.items())


waiver_toml("wrong-shape-string", 'waivers = "all"\n', "column waivers", "array of tables")
waiver_toml("wrong-shape-numbers", "waivers = [1, 2]\n", "column waivers", "array of tables")
waiver_toml("wrong-shape-table", "[waivers]\nschool_id = 'HN001'\n", "column waivers", "array of tables")
waiver_toml("misspelt-table", lambda e: t(e).replace("[[waivers]]", "[[waiver]]"), "column waiver", "unknown table")
waiver_toml("unknown-field", lambda e: t(e) + 'note = "x"\n', "row 1", "column note", "unknown field")
waiver_toml("datetime-start", lambda e: t(e, start="2026-01-01T08:00:00"), "row 1", "column start", "date and time")
waiver_toml("number-start", lambda e: t(e, start="20260101"), "row 1", "column start", "date")
waiver_toml("list-justification", lambda e: t(e, justification='["a", "b"]'), "row 1", "column justification",
            "list or table")
waiver_toml("table-approved_by", lambda e: t(e, approved_by='{ name = "x" }'), "row 1", "column approved_by",
            "list or table")
waiver_toml("bool-approved_by", lambda e: t(e, approved_by="true"), "row 1", "column approved_by", "expected text")
waiver_toml("region-scope", lambda e: t(e, requirement_id=f'"{e.region_req}"'), "row 1", "region finding")
waiver_toml("duplicate", lambda e: t(e) + t(e), "row 2", "first in row 1")
waiver_toml("nested", "x = " + "[" * 50_000 + "]" * 50_000 + "\n", "nested too deeply")
waiver_toml("syntax", "[[waivers]\n", "cannot parse")
waiver_toml("inf-school", lambda e: t(e, school_id="inf"), "row 1", "column school_id")
waiver_toml("mobile", lambda e: t(e, justification=f'"家长电话{MOBILE}"'), "row 1", "column justification", "mobile")

# -- --as-of
case("as-of-before-documents", {"facts.csv": lambda e: e.csv([e.row()])}, [*ASSESS[:-1], "2000-01-01"],
     "no rules of henan were in force on 2000-01-01")
for name, value in (("month-13", "2026-13-01"), ("words", "yesterday"), ("slashes", "2026/11/01"),
                    ("datetime", "2026-11-01T08:00"), ("empty", "")):
    case(f"as-of-{name}", {"facts.csv": lambda e: e.csv([e.row()])}, [*ASSESS[:-1], value], "--as-of")

# -- --db
FOREIGN = "foreign.db"


def foreign_db(env: Env) -> bytes:
    path = env.root / "made-foreign.db"
    if not path.exists():
        conn = sqlite3.connect(path)
        conn.execute("create table notes (id integer primary key, text text)")
        conn.execute("insert into notes (text) values ('keep me')")
        conn.commit()
        conn.close()
    return path.read_bytes()


def corrupted_db(env: Env) -> bytes:
    data = bytearray(env.db.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    for offset in range(page, min(len(data), page * 4)):
        data[offset] = 0xA5
    return bytes(data)


def corrupted_tail(env: Env) -> bytes:
    data = bytearray(env.db.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    for offset in range(max(page, len(data) - 3 * page), len(data)):
        data[offset] = 0x5A
    return bytes(data)


def earlier_xinli_db(env: Env) -> bytes:
    path = env.root / "made-earlier.db"
    if not path.exists():
        import sqlite_utils

        from xinli.core.records.database import migrations

        migrations.apply(sqlite_utils.Database(path))  # as xinli did before application ids
    return path.read_bytes()


FACTS = {"facts.csv": lambda e: e.csv([e.row()])}
for command in (ASSESS, ["runs"], ["report"], ["report", "--format", "json"], ["runs", "--format", "json"]):
    name = "-".join(command[:1] + command[2:3])
    args = [*command[:1], *(a if a != "{db}" else FOREIGN for a in command[1:])] if command is ASSESS \
        else [*command, "--db", FOREIGN]
    case(f"foreign-sqlite-{name}", {**FACTS, FOREIGN: foreign_db}, args, FOREIGN, "not an xinli records database")
    case(f"text-file-as-db-{name}", {**FACTS, "notes.db": "just some notes\n"},
         [a if a != FOREIGN else "notes.db" for a in args], "notes.db", "not an xinli")
for command in (["runs"], ["report"], ["report", "--format", "json"]):
    case(f"earlier-xinli-db-{'-'.join(command)}", {"old.db": earlier_xinli_db}, [*command, "--db", "old.db"], "old.db",
         "earlier xinli version", "xinli assess")
case("rollup-foreign-source", {FOREIGN: foreign_db}, ["rollup", FOREIGN, "--region", "henan", "--db", "up.db"], FOREIGN,
     "not an xinli database")
case("rollup-text-source", {"notes.db": "notes\n"}, ["rollup", "notes.db", "--region", "henan", "--db", "up.db"],
     "notes.db", "not an xinli database")
case("rollup-into-foreign-target", {FOREIGN: foreign_db}, ["rollup", "{db}", "--region", "henan", "--db", FOREIGN], FOREIGN,
     "not an xinli")
case("rollup-into-its-source", {}, ["rollup", "{db}", "--region", "henan", "--db", "{db}"], "records.db")
ATTEST = ["attest", "--region", "henan", "--school", "HN001", "--by", "县教育局督导室", "--on", "2026-11-01", "--result", "met"]
case("attest-foreign-db", {FOREIGN: foreign_db}, [*ATTEST, "--db", FOREIGN, "--requirement", "{manual}"], FOREIGN,
     "not an xinli records database")
case("attest-mobile-by", {}, [*ATTEST[:6], f"王老师{MOBILE}", *ATTEST[7:], "--db", "{db}", "--requirement", "{manual}"],
     "personal data")
case("attest-id-card-evidence", {}, [*ATTEST, "--db", "{db}", "--requirement", "{manual}", "--evidence", ID_CARD],
     "personal data")
case("attest-machine-checked-item", {}, [*ATTEST, "--db", "{db}", "--requirement", "{school_req}"], "machine check")
case("empty-file-as-db-runs", {"empty.db": b""}, ["runs", "--db", "empty.db"], "empty.db", "not an xinli")
case("missing-db-runs", {}, ["runs", "--db", "nowhere.db"], "nowhere.db")
case("missing-db-report", {}, ["report", "--db", "nowhere.db"], "nowhere.db")
case("directory-as-db", {"dir/x": "x"}, ["runs", "--db", "dir"], "dir")
case("directory-as-db-assess", {**FACTS, "dir/x": "x"}, [*ASSESS[:6], "dir", *ASSESS[7:]], "dir")
case("corrupted-db-report", {"bad.db": corrupted_db}, ["report", "--db", "bad.db"], "bad.db")
for fmt in ("markdown", "json", "csv"):
    case(f"corrupted-tail-report-{fmt}", {"bad.db": corrupted_tail}, ["report", "--db", "bad.db", "--format", fmt],
         "bad.db")
case("corrupted-db-assess", {**FACTS, "bad.db": corrupted_db}, [*ASSESS[:6], "bad.db", *ASSESS[7:]], "bad.db")
case("no-such-run", {}, ["report", "--db", "{db}", "--run", "99"], "no run 99")

# -- --output never destroys an input
for fmt in ("json", "markdown", "csv", "html"):
    case(f"report-{fmt}-onto-its-db", {}, ["report", "--db", "{db}", "--format", fmt, "--output", "{db}"], "records.db",
         "input of this command")
case("report-onto-another-db", {FOREIGN: foreign_db}, ["report", "--db", "{db}", "--format", "json", "--output", FOREIGN],
     FOREIGN, "SQLite database")
case("report-json-onto-facts", FACTS, ["report", "--db", "{db}", "--format", "json", "--output", "facts.csv"],
     "facts.csv", "does not end in .json")
case("report-csv-onto-toml", {"facts.toml": BASE}, ["report", "--db", "{db}", "--format", "csv", "--output", "facts.toml"],
     "facts.toml", "does not end in .csv")
case("report-onto-a-directory", {"out/x": "x"}, ["report", "--db", "{db}", "--output", "out"], "out", "directory")
case("report-into-missing-directory", {}, ["report", "--db", "{db}", "--output", "no/such/dir/r.md"], "no/such/dir/r.md",
     "cannot write")
case("facts-template-onto-filled-facts", FACTS, ["facts-template", "--region", "henan", "--output", "facts.csv"],
     "facts.csv", "filled-in facts")
case("facts-template-toml-onto-filled", {"facts.toml": BASE}, ["facts-template", "--region", "henan", "--format", "toml",
                                                                "--output", "facts.toml"], "facts.toml", "filled-in")
case("facts-template-onto-db", {}, ["facts-template", "--region", "henan", "--output", "{db}"], "records.db",
     "SQLite database")
case("checklist-onto-db", {}, ["checklist", "--region", "henan", "--output", "{db}"], "records.db", "SQLite database")
case("checklist-csv-onto-markdown", {"notes.md": "# mine\n"}, ["checklist", "--region", "henan", "--format", "csv",
                                                               "--output", "notes.md"], "notes.md", "does not end in .csv")
case("report-onto-its-db-forced", {}, ["report", "--db", "{db}", "--format", "csv", "--output", "{db}", "--force"],
     "records.db", "input of this command")

# -- issue 22 (1): one guard for every file xinli writes, per-school sheets included
SHEETS = ["report", "--db", "{db}", "--by-school", "sheets"]
case("by-school-through-a-symlink-onto-the-db", {"sheets/HN001.md": Symlink("../records.db")}, SHEETS,
     "sheets/HN001.md", "符号链接")
case("by-school-through-a-symlink-onto-facts", {**FACTS, "sheets/HN001.md": Symlink("../facts.csv")}, SHEETS,
     "sheets/HN001.md", "符号链接")
case("by-school-over-a-users-file", {"sheets/HN001.md": "# 我的笔记\n"}, SHEETS, "sheets/HN001.md",
     "不是 xinli 写入的输出")
case("by-school-onto-a-fifo", {"sheets/HN001.md": Special("fifo")}, SHEETS, "sheets/HN001.md", "不是普通文件")
case("output-through-a-symlink-forced", {**FACTS, "r.md": Symlink("facts.csv")},
     ["report", "--db", "{db}", "--output", "r.md", "--force"], "r.md", "符号链接")
case("output-through-a-dangling-symlink", {"r.md": Symlink("elsewhere/r.md")}, ["report", "--db", "{db}", "--output", "r.md"],
     "r.md", "符号链接")
case("output-onto-a-hard-link-of-facts-forced", {**FACTS, "r.csv": HardLink("facts.csv")},
     ["report", "--db", "{db}", "--format", "csv", "--output", "r.csv", "--force"], "r.csv", "硬链接")
case("output-onto-a-fifo", {"r.md": Special("fifo")}, ["report", "--db", "{db}", "--output", "r.md"], "r.md", "不是普通文件")
case("output-onto-a-fifo-forced", {"r.md": Special("fifo")}, ["report", "--db", "{db}", "--output", "r.md", "--force"],
     "r.md", "不是普通文件")
case("output-onto-a-device-forced", {"null.md": Special("device")},
     ["report", "--db", "{db}", "--output", "null.md", "--force"], "null.md", "不是普通文件")
case("report-csv-onto-filled-facts", {"facts-filled.csv": lambda e: e.csv([e.row()])},
     ["report", "--db", "{db}", "--format", "csv", "--output", "facts-filled.csv"], "facts-filled.csv",
     "不是 xinli 写入的输出")
case("checklist-csv-onto-filled-facts", {"facts-filled.csv": lambda e: e.csv([e.row()])},
     ["checklist", "--region", "henan", "--format", "csv", "--output", "facts-filled.csv"], "facts-filled.csv",
     "不是 xinli 写入的输出")
case("checklist-over-a-users-markdown", {"notes.md": "# 我的笔记\n"},
     ["checklist", "--region", "henan", "--output", "notes.md"], "notes.md", "--force")

# -- issue 22 (6): personal data normalised (NFKC, spaces, dots, dashes, +86/0086) and 15-digit IDs, in every stored text
HIDDEN = {"full-width-id-card": "４４０３０５２００８０３１５１２３Ｘ", "spaced-id-card": "440305 20080315 123X",
          "15-digit-id-card": "440305080315123", "0086-mobile": "008613912345678", "dotted-mobile": "139.1234.5678"}
for name, value in HIDDEN.items():
    case(f"attest-evidence-{name}", {}, [*ATTEST, "--db", "{db}", "--requirement", "{manual}", "--evidence", value],
         "personal data")
    facts_case(f"{name}-in-school_name", lambda e, v=value: [e.row(school_name=f"学生{v}")], "row 2", "column school_name",
               "personal data")
    waiver_csv(f"{name}-in-justification", lambda e, v=value: WAIVER_HEADER + w(e, justification=f"学生 {v} 休学"),
               "row 2", "column justification", "personal data")
case("attest-by-dotted-mobile", {}, [*ATTEST[:6], "王老师 139.1234.5678", *ATTEST[7:], "--db", "{db}", "--requirement",
                                     "{manual}"], "personal data")
case("facts-file-named-with-a-mobile", {"张三_13912345678_事实.csv": lambda e: e.csv([e.row()])},
     [*ASSESS[:4], "张三_13912345678_事实.csv", *ASSESS[5:]], "张三_13912345678_事实.csv", "个人信息")
case("waivers-file-named-with-an-id-card", {**FACTS_OK, f"豁免_{ID_CARD}.csv": lambda e: WAIVER_HEADER + w(e)},
     [*WAIVE, f"豁免_{ID_CARD}.csv"], ID_CARD, "个人信息")

# -- issue 22 (3): which xlsx sheet, and ids as a person means them
def sheets(*specs: tuple[str, str], rows: Callable[[Env], list[list[Any]]] = lambda e: [e.header, good_cells(e)]
           ) -> Callable[[Env], bytes]:
    """A workbook of sheets ``(title, state)``, each holding ``rows``."""
    def make(env: Env) -> bytes:
        import openpyxl

        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        for title, state in specs:
            ws = wb.create_sheet(title)
            ws.sheet_state = state
            for row in rows(env):
                ws.append(row)
        buffer = io.BytesIO()
        wb.save(buffer)
        return buffer.getvalue()

    return make


xlsx_case("hidden-facts-sheet-beside-the-visible-one", sheets(("事实", "visible"), ("facts", "hidden")), "facts", "隐藏")
xlsx_case("second-facts-sheet", sheets(("事实", "visible"), ("facts", "visible")), "事实、facts", "多个事实工作表")
xlsx_case("only-sheet-hidden", sheets(("表一", "visible"), ("facts", "veryHidden")), "facts", "隐藏")
xlsx_case("id-in-scientific-notation", workbook(lambda e: [e.header, good_cells(e, school_id="4.10101E+09")]), "第 2 行",
          "学校代码 列", "科学计数法")
facts_case("id-in-scientific-notation", lambda e: [e.row(school_id="4.10101E+09")], "第 2 行", "学校代码 列",
           "科学计数法")
facts_case("full-width-duplicate-id", lambda e: [e.row(), e.row(school_id="ＨＮ００１")], "row 3", "column school_id",
           "duplicate")
facts_case("zero-width-space-in-id", lambda e: [e.row(), e.row(school_id="HN\u200b001")], "row 3", "column school_id",
           "U+200B")
facts_case("right-to-left-override-in-name", lambda e: [e.row(school_name="第一\u202e学校")], "row 2",
           "column school_name", "U+202E")
waiver_csv("right-to-left-override-in-justification",
           lambda e: WAIVER_HEADER + w(e, justification="新校区\u202e建设中"), "row 2", "column justification", "U+202E")

# -- issue 22 (5, 8, 9, 10): roll-up sources verified, not believed; JSON columns parsed with named errors
def edited_db(sql: str, source: Callable[[Env], Path] | None = None) -> Callable[[Env], bytes]:
    """A copy of the catalogue's records database (or of ``source``) after ``sql``."""
    def make(env: Env) -> bytes:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "edited.db"
            shutil.copy(source(env) if source else env.db, path)
            conn = sqlite3.connect(path)
            conn.executescript(sql)
            conn.commit()
            conn.close()
            return path.read_bytes()

    return make


def qijiang_db(env: Env) -> Path:
    """A records database holding a Qijiang run of the bundled example schools."""
    path = env.root / "qijiang.db"
    if not path.exists():
        example = Path(__file__).resolve().parent.parent / "examples" / "qijiang-schools.csv"
        result = CliRunner().invoke(cli, ["assess", "--region", "chongqing_qijiang", "--facts", str(example), "--db",
                                          str(path), "--as-of", "2026-11-01", "--plugins", "chongqing_qijiang"])
        assert result.exit_code == 0, result.output
    return path


ROLLUP = ["rollup", "src.db", "--region", "henan", "--db", "up.db"]
case("rollup-requirement-counts-edited", {"src.db": edited_db(
    "update requirement_counts set n = 99999 where requirement = (select min(requirement) from requirement_counts)")},
     ROLLUP, "src.db", "计数与其结论不符")
case("rollup-runs-schools-edited", {"src.db": edited_db("update runs set schools = 1000000")}, ROLLUP, "src.db",
     "1000000")
case("rollup-runs-counts-edited", {"src.db": edited_db("update runs set counts = json_set(counts, '$.met', 99999)")},
     ROLLUP, "src.db", "各状态结论数")
case("rollup-region-relabelled", {"src.db": edited_db("update runs set region = 'chongqing_dadukou'", qijiang_db)},
     ["rollup", "src.db", "--region", "chongqing_dadukou", "--db", "up.db", "--plugins",
      "chongqing_dadukou,chongqing_qijiang"], "src.db", "chongqing_qijiang", "辖区标签与规则不符")
case("rollup-fact-columns-edited", {"src.db": edited_db(
    "update runs set fact_columns = (select json_group_array(value) from "
    "(select value from json_each(runs.fact_columns) order by key desc))")}, ROLLUP, "src.db", "fact_columns")
case("rollup-facts-of-the-wrong-type", {"src.db": edited_db(
    "update schools set facts = (select json_group_array('abc') from json_each(schools.facts))")}, ROLLUP, "src.db",
     "HN001", "'abc'")
case("rollup-schools-an-endless-view", {"src.db": edited_db(
    "alter table schools rename to schools_kept; create view schools as with recursive n(x) as (select 1 union all "
    "select x + 1 from n) select x as id, 1 as run_id, 'S' || x as school_id, '' as school_name, '1-6' as grades, "
    "'[]' as facts, null as counts from n")}, ROLLUP, "src.db", "schools (view)")
case("rollup-source-of-a-newer-xinli", {"src.db": edited_db(
    "insert into _sqlite_migrations (migration_set, name, applied_at) values ('xinli', 'm999_from_the_future', "
    "'2030-01-01')")}, ROLLUP, "src.db", "m999_from_the_future", "更新版本")
case("report-db-of-a-newer-xinli", {"src.db": edited_db(
    "insert into _sqlite_migrations (migration_set, name, applied_at) values ('xinli', 'm999_from_the_future', "
    "'2030-01-01')")}, ["report", "--db", "src.db"], "src.db", "更新版本")
case("rollup-target-hard-linked-as-its-source", {"same.db": HardLink("records.db")},
     ["rollup", "{db}", "--region", "henan", "--db", "same.db"], "records.db", "同一个文件")
for column in ("plugins", "counts"):
    bad = edited_db(f"update runs set {column} = 'not json {{'")
    case(f"rollup-runs-{column}-not-json", {"src.db": bad}, ROLLUP, "src.db", f"runs 1.{column}", "JSON")
    case(f"runs-runs-{column}-not-json", {"src.db": bad}, ["runs", "--db", "src.db"], f"runs 1.{column}", "JSON")
    case(f"report-runs-{column}-not-json", {"src.db": bad}, ["report", "--db", "src.db"], f"runs 1.{column}", "JSON")

# -- issue 22 (10): checklist prints only the documents' own words; encoding errors name their file
def rules_file(quote: str) -> str:
    from test_lazy_rules_files import MINIMAL

    return MINIMAL.replace('quote = "建立工作台账"', f'quote = "{quote}"')


SOURCE = "测试县教育局关于心理健康工作的通知：各校应建立工作台账。"
CHECK = ["--rules", "rules", "checklist", "--region", "lazy_test", "--plugins", "henan,lazy_test"]
case("checklist-quote-not-in-source", {"rules/test.toml": rules_file("建立完整的工作台账"), "rules/source.txt": SOURCE},
     CHECK, "lazy_test", "建立完整的工作台账", "plugins check")
case("checklist-gbk-source-text", {"rules/test.toml": rules_file("建立工作台账"),
                                   "rules/source.txt": SOURCE.encode("gbk")}, CHECK, "rules/source.txt", "UTF-8")

# -- other
case("unknown-region", FACTS, ["assess", "--region", "atlantis", "--facts", "facts.csv", "--db", "{db}"], "atlantis")
case("missing-facts-file", {}, ASSESS, "facts.csv", "cannot read")
case("facts-directory", {"facts.csv/x": "x"}, ASSESS, "facts.csv")
case("unsupported-facts-format", {"facts.txt": "x"}, [*ASSESS[:4], "facts.txt", *ASSESS[5:]], "facts.txt",
     "unsupported facts format")


# ---------------------------------------------------------------- the test


def test_rollup_from_takes_any_case_of_extension_and_names_every_file_it_skips(run, env, tmp_path, monkeypatch):
    """Issue 22 (10): ``綦江区.DB`` is a source; a broken link and a text file are named in warnings."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XINLI_PLUGINS", "henan")
    counties = tmp_path / "counties"
    counties.mkdir()
    shutil.copy(env.db, counties / "綦江区.DB")
    (counties / "gone.db").symlink_to("nowhere.db")
    (counties / "notes.txt").write_text("x", encoding="utf-8")
    result = run("rollup", "--from", "counties", "--region", "henan", "--db", "up.db", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["sources"] == 1
    skipped = {w["file"]: w["message"]["zh"] for w in data["warnings"] if w["code"] == "skipped-in-from"}
    assert set(skipped) == {"gone.db", "notes.txt"}
    assert "不存在" in skipped["gone.db"] and ".sqlite3" in skipped["notes.txt"]


def test_a_write_ahead_log_that_cannot_be_read_is_refused_not_ignored(run, env, tmp_path, monkeypatch):
    """Issue 22 (7): a read-only directory holding ``w.db`` and a ``-wal`` with a
    committed run but no ``-shm``: ``runs`` must not list only the older run."""
    from xinli.core.records import database

    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(env.db, work / "w.db")
    writer = sqlite3.connect(work / "w.db")
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("insert into runs (region, run_key, plugins, facts_file, facts_sha256, rules_sha256, as_of, created, "
                   "schools, findings, counts) select region, run_key || '-2', plugins, facts_file, facts_sha256, "
                   "rules_sha256, as_of, created, schools, findings, counts from runs where id = 1")
    writer.commit()
    moved = tmp_path / "ro"
    moved.mkdir()
    shutil.copy(work / "w.db", moved / "w.db")
    shutil.copy(work / "w.db-wal", moved / "w.db-wal")  # the committed run; no -shm beside it
    writer.close()
    real = database._connect

    def connect(uri: str, path: Any) -> Any:  # what SQLite does in a directory it cannot write
        if "immutable" not in uri:
            raise sqlite3.OperationalError("unable to open database file")
        return real(uri, path)

    readable = os.access
    monkeypatch.setattr(database, "_connect", connect)
    monkeypatch.setattr(database.os, "access", lambda p, mode, *a, **k: mode != os.W_OK and readable(p, mode))
    monkeypatch.chdir(moved)
    result = run("runs", "--db", "w.db")
    assert result.exit_code == 2, result.output
    assert "w.db-wal" in result.output and "较旧的状态" in result.output


@pytest.mark.parametrize("command", [["regions"], ["checklist", "--region", "henan"], ["plugins"],
                                     ["checklist", "--region", "deep"]])
def test_a_rules_file_nested_100000_deep_breaks_no_command(tmp_path, monkeypatch, command):
    """Issue 22 (9): the file is one plugin that did not load, named; every other command works."""
    monkeypatch.delenv("XINLI_PLUGINS", raising=False)
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "deep.toml").write_text('[jurisdiction]\ncode = "deep"\nx = ' + "[" * 100_000 + "]" * 100_000 + "\n",
                                      encoding="utf-8")
    result = CliRunner().invoke(cli, ["--rules", str(folder), *command])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and "RecursionError" not in result.output
    assert "deep.toml" in result.output and "nested too deeply" in result.output
    assert result.exit_code == (2 if "deep" in command else 0), result.output


def test_serve_csv_export_neutralises_formulas_and_no_sql_turns_sql_off(env, tmp_path):
    """Issue 22 (10): Datasette's CSV export carried live formulas; any SQL ran, undocumented."""
    pytest.importorskip("datasette")
    import asyncio

    from xinli.cli.serve import build_datasette
    from xinli.core.records.browse import datasette_metadata

    db = tmp_path / "records.db"
    shutil.copy(env.db, db)
    conn = sqlite3.connect(db)
    conn.execute("update schools set school_name = '=HYPERLINK(\"http://evil.example\",\"x\")'")
    conn.commit()
    conn.close()

    async def fetch(datasette: Any, *paths: str) -> list[Any]:
        await datasette.invoke_startup()
        return [await datasette.client.get(path) for path in paths]

    open_sql = build_datasette(str(db), datasette_metadata("records"))
    table, query, streamed = asyncio.run(fetch(open_sql, "/records/schools.csv",
                                               "/records.csv?sql=select+school_name+from+schools",
                                               "/records/schools.csv?_stream=1&_dl=1"))
    for response in (table, query, streamed):
        assert response.status_code == 200
        cells = [cell for row in csv.reader(io.StringIO(response.text)) for cell in row]
        assert "'=HYPERLINK(\"http://evil.example\",\"x\")" in cells
        assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
    closed = build_datasette(str(db), datasette_metadata("records"), no_sql=True)
    sql, canned, rows = asyncio.run(fetch(closed, "/records.json?sql=select+1", "/records/region_findings.json",
                                          "/records/runs.json"))
    assert sql.status_code == 403 and canned.status_code == 200 and rows.status_code == 200
    from xinli.cli.i18n import help_text
    from xinli.cli.serve import serve

    assert "--no-sql" in str([p.opts for p in serve.params]) and "read-only SQL" in help_text(serve.callback.__doc__, "en")
    assert "只读 SQL" in help_text(serve.callback.__doc__, "zh")


def test_rollup_markdown_escapes_what_the_sources_and_file_names_hold(run, env, tmp_path, monkeypatch):
    """Issue 22 (2): Markdown escapes every user-controlled text in every Markdown output."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XINLI_PLUGINS", "henan")
    counties = tmp_path / "counties"
    counties.mkdir()
    hostile = "<script>alert(1)</script> [x](javascript:alert(1)) ![i](http://evil.example/p.png) | # h"
    (counties / "src.db").write_bytes(edited_db(
        f"update requirements set text_zh = '{hostile}', text_en = '{hostile}', clause = '{hostile}'")(env))
    (counties / "<img src=x onerror=alert(1)>.txt").write_text("x", encoding="utf-8")
    assert run("rollup", "--from", "counties", "--region", "henan", "--db", "up.db").exit_code == 0
    text = run("report", "--db", "up.db").stdout
    import re

    for raw in (r"<script>", r"<img", r"\]\(javascript:", r"!\[i\]", r"\| # h"):
        assert not re.search(r"(?<!\\)" + raw, text), raw  # each special character is backslash-escaped
    assert "\\<script\\>" in text and "\\<img src=x onerror=alert(1)\\>.txt" in text


def test_the_csv_formula_guard_works_record_by_record_across_chunks():
    import asyncio

    from xinli.cli.serve import formula_guard

    body = b'id,name\r\n1,"=1+1\r\nsecond line"\r\n2,@SUM(A1)\r\n3,"say ""hi"""\r\n'

    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/csv")]})
        for start in range(0, len(body), 7):
            await send({"type": "http.response.body", "body": body[start:start + 7], "more_body": True})
        await send({"type": "http.response.body", "body": b"", "more_body": False})

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(formula_guard(app)({"type": "http", "path": "/records/schools.csv", "query_string": b""}, None, send))
    text = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body").decode()
    assert list(csv.reader(io.StringIO(text))) == [["id", "name"], ["1", "'=1+1\r\nsecond line"], ["2", "'@SUM(A1)"],
                                                   ["3", 'say "hi"']]


def test_source_queries_are_bounded_in_time(env, monkeypatch):
    """Issue 22 (5): a query that never ends is interrupted, and said so."""
    from xinli.core.errors import XinliError
    from xinli.core.records import database

    conn = database.open_readonly(env.db)
    database.bound_queries(conn, 0.2)
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        conn.execute("with recursive n(x) as (select 1 union all select x + 1 from n) select count(*) from n").fetchone()
    conn.close()
    from xinli.core.assessment.rollup import _unusable

    error = _unusable("src.db", sqlite3.OperationalError("interrupted"))
    assert isinstance(error, XinliError) and "src.db" in str(error) and "时间上限" in str(error)


def test_concurrent_rollups_creating_one_new_target_all_succeed(env, tmp_path):
    """Issue 22 (8): three roll-ups creating the same new target at once, five times over."""
    import subprocess
    import sys

    shutil.copy(env.db, tmp_path / "src.db")
    command = [sys.executable, "-c", "from xinli.cli.main import cli; cli()", "rollup", "src.db", "--region", "henan",
               "--plugins", "henan"]
    for attempt in range(5):
        target = f"up{attempt}.db"
        procs = [subprocess.Popen([*command, "--db", target], cwd=tmp_path, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for _ in range(3)]
        outcomes = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
        for p in procs:
            p.stdout.close()
            p.stderr.close()
        assert [code for code, _ in outcomes] == [0, 0, 0], outcomes
        conn = sqlite3.connect(tmp_path / target)
        assert conn.execute("select count(*) from rollups").fetchone()[0] == 1
        conn.close()


def test_xlsx_facts_come_from_the_sheet_the_template_marks_and_merged_cells_cover_every_school(run, env, tmp_path,
                                                                                               monkeypatch):
    """Issue 22 (3): a template's marker names its sheet even beside a hidden
    ``facts`` sheet, and 是 merged over two schools' cells is both schools'."""
    openpyxl = pytest.importorskip("openpyxl")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XINLI_PLUGINS", "henan")
    assert run("facts-template", "--region", "henan", "--format", "xlsx", "--headers", "key",
               "--output", "t.xlsx").exit_code == 0
    wb = openpyxl.load_workbook("t.xlsx")
    marked = wb.worksheets[0]
    keys = [c.value for c in marked[1]]
    flag_at = keys.index(env.flag) + 1
    marked.append(["HN001", "一中", "1-6"])
    marked.append(["HN002", "二中", "1-6"])
    marked.cell(2, flag_at, "是")
    marked.merge_cells(start_row=2, start_column=flag_at, end_row=3, end_column=flag_at)
    decoy = wb.create_sheet("facts")
    decoy.append(["school_id", "grades"])
    decoy.append(["XX9", "1-6"])
    decoy.sheet_state = "hidden"
    wb.save("t.xlsx")
    result = run("assess", "--region", "henan", "--facts", "t.xlsx", "--db", "x.db", "--as-of", "2026-11-01")
    assert result.exit_code == 0, result.output
    report = json.loads(run("report", "--db", "x.db", "--format", "json").output)
    schools = {s["school_id"]: s for s in report["schools"]}
    assert set(schools) == {"HN001", "HN002"}
    con = sqlite3.connect("x.db")
    columns = json.loads(con.execute("select fact_columns from runs").fetchone()[0])
    values = [json.loads(v) for (v,) in con.execute("select facts from schools order by school_id")]
    assert [v[columns.index(env.flag)] for v in values] == [True, True]


def _digest(root: Path) -> dict[str, str]:
    """Every file's hash; SQLite's ``-wal``/``-shm`` companions, which a
    read-only connection to an xinli database may leave, are not the
    database and are left out."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and not p.name.endswith(("-wal", "-shm"))}


def test_the_catalogue_is_large_enough():
    assert len(CASES) >= 150
    assert len({c[0] for c in CASES}) == len(CASES), "case ids are unique"


def test_the_docs_state_the_catalogues_count():
    import re

    docs = (Path(__file__).resolve().parent.parent / "docs" / "assessment.md").read_text(encoding="utf-8")
    stated = re.search(r"holds\s+\*\*(\d+) cases\*\*", docs)
    assert stated and int(stated.group(1)) == len(CASES), "update the count in docs/assessment.md (Trust boundaries)"


@pytest.mark.parametrize(("id", "files", "args", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_input(env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, id: str, files: Files, args: list[str],
                   expected: list[str]) -> None:
    if id == "json-too-large":
        from xinli.core.assessment import facts as facts_module

        monkeypatch.setattr(facts_module, "MAX_DOCUMENT_BYTES", 64)
    monkeypatch.setenv("XINLI_PLUGINS", "henan")
    # the expected fragments are the English side of the catalogue, or its Chinese side (then the line is Chinese)
    chinese = any(re.search(r"[\u4e00-\u9fff]", fragment) for fragment in expected)
    monkeypatch.setenv("XINLI_LANG", "zh" if chinese else "en")
    monkeypatch.chdir(tmp_path)
    shutil.copy(env.db, tmp_path / "records.db")
    for name, content in files.items():
        data = content(env) if callable(content) else content
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, Symlink):
            path.symlink_to(data)
        elif isinstance(data, HardLink):
            os.link(tmp_path / data, path)
        elif isinstance(data, Special):
            if data == "fifo":
                os.mkfifo(path)
            else:
                try:
                    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
                except (PermissionError, AttributeError):
                    pytest.skip("making a device node needs privileges")
        else:
            path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    before = _digest(tmp_path)
    result = CliRunner().invoke(cli, [a.replace("{db}", "records.db").replace("{manual}", env.manual_req)
                                      .replace("{school_req}", env.school_req) for a in args])
    message = result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 2, message
    assert "Traceback" not in message
    assert message.startswith(("Error:", "Usage:", "错误：", "用法：")) or "\nError:" in message or "\n错误：" in message, message
    for fragment in expected:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    assert _digest(tmp_path) == before, "an input or database changed"
