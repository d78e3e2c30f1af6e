"""Property tests for the facts and waivers readers: whatever the bytes or
the JSON/TOML value, reading either succeeds or raises xinli's own error
(exit 2 with a message) — never anything else, never a traceback."""

from __future__ import annotations

import json
import string

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xinli.core.assessment.facts import columns_for, read_facts
from xinli.core.assessment.metrics import collect_metrics
from xinli.core.assessment.waivers import read_waivers
from xinli.core.errors import XinliError
from xinli.core.registry import load_plugins
from xinli.core.views.checklist import build_checklist

SETTINGS = settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def columns():
    registry = load_plugins(only=["henan"])
    return columns_for(build_checklist(registry, "henan"), collect_metrics(registry))


def read(tmp_path, name: str, data: bytes, columns) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    try:
        schools = read_facts(path, columns)
    except XinliError as exc:
        assert str(exc).strip()
        return
    assert schools and all(s.school_id for s in schools)


def header_text(columns) -> st.SearchStrategy[str]:
    """CSV-ish text that often starts with the real header, so the rows
    themselves get exercised too."""
    cell = st.one_of(st.sampled_from(["", "1", "0", "是", "否", "1-6", "7-12", "inf", "-1", "1e999", "13812345678",
                                      "=1+1", '"', "a,b", "\x00", "\u2028", "9" * 40]),
                     st.text(max_size=8))
    row = st.lists(cell, min_size=0, max_size=len(columns.names) + 2).map(lambda cells: ",".join(cells))
    return st.lists(row, max_size=6).map(lambda rows: "\n".join([",".join(columns.names), *rows]) + "\n")


@SETTINGS
@given(data=st.binary(max_size=400))
def test_any_bytes_as_csv(tmp_path, columns, data):
    read(tmp_path, "facts.csv", data, columns)


@SETTINGS
@given(text=st.data())
def test_csv_rows_near_the_real_header(tmp_path, columns, text):
    body = text.draw(header_text(columns))
    encoding = text.draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
    read(tmp_path, "facts.csv", body.encode(encoding, errors="replace"), columns)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


def school_like(columns) -> st.SearchStrategy[dict]:
    keys = st.sampled_from([*columns.names, "extra", "姓名"])
    return st.dictionaries(keys, json_values, max_size=8)


@SETTINGS
@given(value=json_values)
def test_any_json_value(tmp_path, columns, value):
    read(tmp_path, "facts.json", json.dumps(value).encode(), columns)


@SETTINGS
@given(data=st.data())
def test_json_lists_of_school_like_tables(tmp_path, columns, data):
    schools = data.draw(st.lists(school_like(columns), max_size=4))
    read(tmp_path, "facts.json", json.dumps({"schools": schools}).encode(), columns)


toml_scalars = (st.booleans() | st.integers(min_value=-(2**63), max_value=2**63 - 1) | st.floats()
                | st.text(max_size=12) | st.dates() | st.datetimes() | st.times())
toml_values = st.recursive(toml_scalars, lambda children: st.lists(children, max_size=3)
                           | st.dictionaries(st.text(string.ascii_letters, min_size=1, max_size=6), children, max_size=3),
                           max_leaves=12)


@SETTINGS
@given(data=st.data())
def test_any_toml_document(tmp_path, columns, data):
    keys = st.sampled_from([*columns.names, "schools", "waivers", "x"])
    tables = data.draw(st.lists(st.dictionaries(keys, toml_values, max_size=6), max_size=3))
    top = data.draw(st.sampled_from(["schools", "school", "x"]))
    read(tmp_path, "facts.toml", tomli_w.dumps({top: tables}).encode(), columns)


@SETTINGS
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".toml", ".json", ".xlsx"]))
def test_any_bytes_as_toml_json_or_xlsx(tmp_path, columns, data, suffix):
    read(tmp_path, "facts" + suffix, data, columns)


@SETTINGS
@given(data=st.binary(max_size=300) | st.text(max_size=200).map(
    lambda t: ("school_id,requirement_id,justification,approved_by,start,expiry\n" + t).encode()),
    suffix=st.sampled_from([".csv", ".toml"]))
def test_any_waivers_file(tmp_path, data, suffix):
    path = tmp_path / ("waivers" + suffix)
    path.write_bytes(data)
    try:
        read_waivers(path, {"S1"}, {"henan.x"}, {"henan.region"})
    except XinliError as exc:
        assert str(exc).strip()


@settings(max_examples=15, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_assess_command_gives_a_run_or_exit_2(tmp_path_factory, columns, data):
    """Through the command: a recorded run (exit 0) or exit 2, never a
    traceback; on exit 2 the database is not even created."""
    from click.testing import CliRunner

    from xinli.cli.main import cli

    suffix = data.draw(st.sampled_from([".csv", ".json", ".toml"]))
    if suffix == ".csv":
        body = data.draw(header_text(columns)).encode()
    elif suffix == ".json":
        body = json.dumps(data.draw(st.lists(school_like(columns), max_size=3))).encode()
    else:
        body = tomli_w.dumps({"schools": data.draw(st.lists(st.dictionaries(
            st.sampled_from(columns.names), toml_values, max_size=5), max_size=3))}).encode()
    work = tmp_path_factory.mktemp("assess")
    (work / f"facts{suffix}").write_bytes(body)
    result = CliRunner().invoke(cli, ["assess", "--region", "henan", "--plugins", "henan", "--facts",
                                      str(work / f"facts{suffix}"), "--db", str(work / "r.db"), "--as-of", "2026-11-01"])
    assert result.exit_code in (0, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert (work / "r.db").exists() == (result.exit_code == 0)
