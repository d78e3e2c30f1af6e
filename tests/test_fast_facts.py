"""The CSV reader's fast path (:class:`xinli.core.assessment.facts._CsvRowReader`)
reads exactly what the general path reads: the same schools from good rows,
the same problems (file, row, column, value, reason) from bad ones."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xinli.core.assessment import facts
from xinli.core.assessment.facts import columns_for, read_facts
from xinli.core.assessment.metrics import collect_metrics
from xinli.core.errors import FactsError
from xinli.core.registry import load_plugins
from xinli.core.views.checklist import build_checklist


def henan_columns():
    registry = load_plugins(only=["henan"])
    return columns_for(build_checklist(registry, "henan"), collect_metrics(registry))


def outcome(path, slow: bool, monkeypatch):
    """What reading ``path`` gives: the schools, or the problems."""
    with monkeypatch.context() as patch:
        if slow:
            patch.setattr(facts._CsvRowReader, "school", lambda self, cells, row, seen: None)
        try:
            return read_facts(path, henan_columns())
        except FactsError as exc:
            return exc.problems


def write(tmp_path, rows: list[list[str]]) -> object:
    header = henan_columns().names
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow((row + [""] * len(header))[:len(header)])
    path = tmp_path / "facts.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def good_row(n: int, width: int) -> list[str]:
    """A row every cell of which parses (blank cells included), varied by ``n``."""
    columns = henan_columns()
    cells = [f"S{n}", f"学校{n}", "1-6"]
    for key in columns.names[3:width]:
        parser = facts._parser_for(columns.aliases().get(key, key), columns)
        candidates = ["是", " 否 ", "1", "0", " 3 ", "12", "0.5", "", "  "]
        for offset in range(len(candidates)):
            text = candidates[(n + offset) % len(candidates)]
            try:
                if text.strip():
                    parser(text)
            except ValueError:
                continue
            cells.append(text)
            break
    return cells


CELLS = ["是", "否", "1", "0", "3", " 7 ", "0.25", "1.5", "", " ", "abc", "-1", "13800138000", "tab\there",
         "line\nbreak", "一二三", "99999999999999", "1e3", "true", "FALSE", "有", "无"]


@pytest.mark.parametrize("special", [
    None,
    ["S1", "郑州市第一中学附属实验小学校区", "1-6"],  # a long name: the general path
    ["S1", "学校1", "7-9", "13800138000"],  # a mobile number in a value cell
    ["S1", "学校1", "1-6", "abc"],  # not a value
    ["S0", "重复", "1-6"],  # a duplicate id
    ["", "无编号", "1-6"],  # no id
    ["S1", "学校1", "1-13"],  # bad grades
    ["S1", "学校\t1", "1-6"],  # a control character in the name
])
def test_the_fast_path_reads_what_the_general_path_reads(tmp_path, monkeypatch, special):
    width = len(henan_columns().names)
    rows = [good_row(n, width) for n in range(40)]
    if special is not None:
        rows[1] = (special + good_row(1, width)[len(special):])[:width]
    path = write(tmp_path, rows)
    fast, slow = outcome(path, False, monkeypatch), outcome(path, True, monkeypatch)
    assert fast == slow
    read_well = special is None or special[1] == "郑州市第一中学附属实验小学校区"
    assert isinstance(fast[0], facts.School) == read_well, fast


@settings(max_examples=30, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.sampled_from(CELLS), min_size=3, max_size=30), min_size=1, max_size=12))
def test_any_mix_of_cells_reads_the_same_both_ways(tmp_path, monkeypatch, value_rows):
    width = len(henan_columns().names)
    rows = [[f"S{n}", f"学校{n}", "1-6", *cells][:width] for n, cells in enumerate(value_rows)]
    path = write(tmp_path, rows)
    assert outcome(path, False, monkeypatch) == outcome(path, True, monkeypatch)
