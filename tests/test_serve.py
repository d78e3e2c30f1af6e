"""``xinli serve``: the Datasette metadata (descriptions, canned queries)
checked against a real records database, and Datasette itself built and
queried in-process when it is installed (no server is started)."""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
import sys

import pytest
from test_assess_cli import filled_template, to_csv

from xinli.core.records.browse import QUERIES, TABLES, datasette_metadata


@pytest.fixture
def records(run, tmp_path):
    header, rows = filled_template(run)
    rows[1][header.index("fulltime_psych_teachers")] = "0"
    facts = tmp_path / "facts.csv"
    facts.write_text(to_csv(header, rows), encoding="utf-8")
    db = tmp_path / "records.db"
    result = run("assess", "--region", "henan", "--facts", str(facts), "--db", str(db), "--as-of", "2026-11-01")
    assert result.exit_code == 0, result.output
    return db


def test_every_table_and_column_is_described(records):
    conn = sqlite3.connect(records)
    for table, (description, columns) in TABLES.items():
        actual = [row[1] for row in conn.execute(f"pragma table_info({table})")]
        assert actual, f"no table or view {table}"
        assert sorted(columns) == sorted(actual), table
        assert description and all(columns.values())
    objects = {row[0] for row in conn.execute("select name from sqlite_master where type in ('table', 'view')")}
    assert objects - set(TABLES) <= {"_sqlite_migrations"}


def run_query(conn, name: str, **params: str) -> list[sqlite3.Row]:
    conn.row_factory = sqlite3.Row
    return conn.execute(QUERIES[name]["sql"], {"run_id": "", **params}).fetchall()


def test_canned_queries_answer_on_a_real_database(records, run):
    conn = sqlite3.connect(records)
    report = json.loads(run("report", "--db", str(records), "--format", "json").output)
    expected = {s["school_id"]: len(s["required_not_met"]) for s in report["schools"] if s["required_not_met"]}
    rows = run_query(conn, "schools_not_meeting_required")
    assert {r["school_id"]: r["required_not_met"] for r in rows} == expected
    assert [r["required_not_met"] for r in rows] == sorted((r["required_not_met"] for r in rows), reverse=True)
    assert run_query(conn, "schools_not_meeting_required", run_id="1") == rows
    assert run_query(conn, "schools_not_meeting_required", run_id="99") == []
    most = run_query(conn, "requirements_most_often_not_met")
    teacher = next(r for r in most if r["requirement_id"] == "henan.staffing.fulltime-psych-teacher")
    counts = next(r for r in report["requirements"] if r["requirement_id"] == teacher["requirement_id"])["counts"]
    assert teacher["not_met"] == counts["not_met"] and teacher["met"] == counts["met"]
    assert all(r["not_met"] > 0 for r in most)
    assert run_query(conn, "region_findings")
    assert {r["requirement_id"] for r in run_query(conn, "school_findings", school_id="HN002")}
    assert run_query(conn, "runs_by_region")[0]["region"] == "henan"


def test_metadata_names_the_database_and_hides_migrations(run, records):
    metadata = datasette_metadata("records")
    database = metadata["databases"]["records"]
    assert database["tables"]["_sqlite_migrations"] == {"hidden": True}
    assert set(database["queries"]) == set(QUERIES)
    assert "schools not meeting required items" in database["queries"]["schools_not_meeting_required"]["title"].lower()
    printed = json.loads(run("serve", "--db", str(records), "--print-metadata", "--lang", "en").output)
    assert printed == metadata


def test_missing_datasette_exits_2_with_the_install_hint(run, records, monkeypatch):
    monkeypatch.setitem(sys.modules, "datasette", None)
    monkeypatch.setitem(sys.modules, "datasette.app", None)
    result = run("serve", "--db", str(records))
    assert result.exit_code == 2
    assert result.output.strip() == "错误：serve 需要 Datasette：pip install 'xinli[web]'"
    english = run("serve", "--db", str(records), "--lang", "en")
    assert english.output.strip() == "Error: serve needs Datasette: pip install 'xinli[web]'"


def test_a_busy_port_is_one_chinese_line_and_exit_2(records):
    """Nothing (not the "serving" line) is printed before the error."""
    import socket

    from click.testing import CliRunner

    from xinli.cli.main import cli

    pytest.importorskip("datasette")
    pytest.importorskip("uvicorn")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--db", str(records), "--port", str(port)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == [f"错误：端口 {port} 已被占用（127.0.0.1）；请用 --port 换一个端口，或先关闭占用它的程序"]


def test_missing_database_exits_2(run, tmp_path):
    assert run("serve", "--db", str(tmp_path / "none.db")).exit_code == 2


def test_loopback_detection():
    from xinli.cli.serve import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5") and not is_loopback("example.org")


def test_datasette_serves_the_descriptions_and_canned_queries(records):
    pytest.importorskip("datasette")
    from xinli.cli.serve import build_datasette

    datasette = build_datasette(str(records), datasette_metadata("records"))

    async def fetch() -> dict:
        await datasette.invoke_startup()
        out = {}
        for path in ("/records/schools_not_meeting_required.json?_shape=array",
                     "/records/requirements_most_often_not_met.json?_shape=array&run_id=1",
                     "/records/findings.json?_shape=array&_size=1",
                     "/records/finding_details",
                     "/records"):
            response = await datasette.client.get(path)
            out[path] = response
        return out

    responses = asyncio.run(fetch())
    assert all(r.status_code == 200 for r in responses.values()), {p: r.status_code for p, r in responses.items()}
    schools = responses["/records/schools_not_meeting_required.json?_shape=array"].json()
    assert any(row["school_id"] == "HN002" for row in schools)
    assert responses["/records/requirements_most_often_not_met.json?_shape=array&run_id=1"].json()
    assert "Findings joined with their school and requirement" in responses["/records/finding_details"].text
    assert "Schools not meeting required items" in responses["/records"].text


def test_serve_messages_in_the_chosen_language(run, records, monkeypatch):
    uvicorn = pytest.importorskip("uvicorn")
    pytest.importorskip("datasette")
    from test_chinese_first import chinese_in, english_in

    monkeypatch.setattr(uvicorn.Server, "run", lambda self, *args, **kwargs: None)
    zh = run("serve", "--db", str(records), "--host", "0.0.0.0")
    en = run("serve", "--db", str(records), "--host", "0.0.0.0", "--lang", "en")
    assert zh.exit_code == en.exit_code == 0, (zh.output, en.output)
    assert "警告：在 0.0.0.0 上提供服务" in zh.stderr and "按 Ctrl-C 停止" in zh.stderr
    assert "warning: serving on 0.0.0.0" in en.stderr and "(Ctrl-C to stop)" in en.stderr
    assert english_in(zh.stderr.replace(str(records), " ")) == [] and chinese_in(en.stderr) == []


def test_datasette_speaks_chinese_under_zh(records, run):
    """Under zh (the default) the served metadata has Chinese titles and
    descriptions, and each canned query Chinese column labels with
    statuses and levels as words, answering the same rows."""
    import re

    metadata = json.loads(run("serve", "--db", str(records), "--print-metadata").output)
    assert metadata["title"] == "xinli 评估记录"
    database = metadata["databases"][records.stem]
    queries = database["queries"]
    assert queries["schools_not_meeting_required"]["title"] == "未达到必须项的学校"
    assert all(re.search(r"[\u4e00-\u9fff]", q["description"]) for q in queries.values())
    assert all(re.search(r"[\u4e00-\u9fff]", t["description"]) for t in database["tables"].values() if "description" in t)
    for table in ("runs", "schools", "requirements", "findings"):  # the tables read most: every column in Chinese
        assert all(re.search(r"[\u4e00-\u9fff]", note) for note in database["tables"][table]["columns"].values()), table
    conn = sqlite3.connect(records)
    conn.row_factory = sqlite3.Row
    for name, query in queries.items():
        params = {"run_id": "", "school_id": "HN002", "rollup_id": ""}
        plain = conn.execute(QUERIES[name]["sql"], params).fetchall()
        shown = conn.execute(query["sql"], params).fetchall()
        assert len(shown) == len(plain), name
        labels = shown[0].keys() if shown else []
        assert all(not re.fullmatch(r"[a-z_]+", label) for label in labels), (name, labels)  # no bare column keys
    findings = conn.execute(queries["school_findings"]["sql"], {"run_id": "", "school_id": "HN002"}).fetchall()
    from xinli.core.messages import BROWSE_VALUES, STATUS_LABELS

    # the catalogue's status names (the stored statuses and the words the canned queries show), every one Chinese
    names = {zh for zh, _en in STATUS_LABELS.values()} | {zh for zh, _en in BROWSE_VALUES.values()}
    shown_statuses = {row["状态"] for row in findings}
    assert shown_statuses and shown_statuses <= names and all(re.search(r"[\u4e00-\u9fff]", s) for s in shown_statuses)
    assert {row["要求等级"] for row in findings} <= {"必须/应当", "建议", "鼓励", "可以"}
    english = json.loads(run("serve", "--db", str(records), "--print-metadata", "--lang", "en").output)
    assert english["databases"][records.stem]["queries"]["school_findings"]["sql"] == QUERIES["school_findings"]["sql"]


CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_table_and_column_note_is_chinese_under_zh():
    """Under zh (the default) no table or view, and no column of one,
    keeps its English description: each note has Chinese in it."""
    tables = datasette_metadata("records", "zh")["databases"]["records"]["tables"]
    english = [table for table in TABLES if not CJK.search(tables[table]["description"])]
    assert english == [], english
    english = [f"{table}.{column}" for table, (_description, columns) in TABLES.items()
               for column in columns if not CJK.search(tables[table]["columns"][column])]
    assert english == [], english
    assert all(set(tables[table]["columns"]) == set(columns) for table, (_d, columns) in TABLES.items())


def test_canned_query_titles_are_chinese_only_under_zh():
    """Each canned query's title under zh is its Chinese half (no " / ",
    no English words but identifiers), the disagreements query's too, and
    its description comes from the Chinese catalogue."""
    from xinli.core.messages import BROWSE_QUERIES

    queries = datasette_metadata("records", "zh")["databases"]["records"]["queries"]
    assert set(queries) == set(QUERIES)
    for name, query in queries.items():
        title = query["title"]
        words = re.sub(r"\b(?:[a-z]+(?:_[a-z0-9]+)+|xinli)\b", "", title)  # identifiers may stay
        assert " / " not in title and CJK.search(title) and not re.search(r"[A-Za-z]", words), (name, title)
        assert query["description"] == BROWSE_QUERIES[name], name
    assert queries["self_report_disagreements"]["title"] == "自查与核查不一致"


def test_english_metadata_keeps_the_english_descriptions():
    """Under en the tables, columns and queries read as in TABLES and
    QUERIES: titles in both languages, no Chinese notes."""
    database = datasette_metadata("records", "en")["databases"]["records"]
    assert database["tables"]["finding_details"]["columns"]["detail"] == "Why (waiver justification, unknown fact, …)."
    assert database["tables"]["waivers"]["description"] == "Exemptions applied in a run, with who approved them and until when."
    for table, (description, columns) in TABLES.items():
        assert database["tables"][table]["description"] == description and database["tables"][table]["columns"] == columns
    disagreements = database["queries"]["self_report_disagreements"]
    assert disagreements["title"] == "Self-reports the check contradicted / 自查与核查不一致"
    assert disagreements["description"].startswith("Per school and item, the school's 自查 answer")
    for name, query in QUERIES.items():
        assert database["queries"][name]["title"] == query["title"] and " / " in query["title"], name
        if name != "self_report_disagreements":
            assert database["queries"][name] == query, name


def test_records_pages_show_statuses_levels_and_provenance_as_words(records, tmp_path):
    """Under zh a records table or view shows a stored status, provenance,
    level or scope -- a key or a code -- as its words, the stored value in
    the tooltip; JSON keeps the stored values, and another database (or
    English) is left alone."""
    pytest.importorskip("datasette")
    from xinli.cli.records_web import RECORDS, register, shown_word
    from xinli.cli.serve import build_datasette
    from xinli.core import messages

    assert shown_word("status", "met", "zh") == "符合" and shown_word("status", 1, "zh") == "符合"
    assert shown_word("provenance", 2, "zh") == "学校自查" and shown_word("level", "required", "zh") == "必须/应当"
    assert shown_word("scope", "manual", "zh") == "人工核查" and shown_word("status", "no-such", "zh") is None
    assert shown_word("status", True, "zh") is None and shown_word("school_id", "met", "zh") is None
    register({records.stem}, "zh")
    try:
        datasette = build_datasette(str(records), datasette_metadata(records.stem, "zh"))

        async def fetch() -> dict:
            await datasette.invoke_startup()
            return {path: await datasette.client.get(path) for path in (
                f"/{records.stem}/finding_details", f"/{records.stem}/findings", f"/{records.stem}/requirements",
                f"/{records.stem}/finding_details.json?_shape=array&_size=5")}

        pages = asyncio.run(fetch())
        details = pages[f"/{records.stem}/finding_details"].text
        cells = re.findall(r'<td class="col-(status|provenance|level|scope) [^"]*">(.*?)</td>', details, re.S)
        assert cells and all("<span title=" in html for _column, html in cells), cells[:3]
        shown = {re.sub(r"<[^>]+>", "", html).strip() for _column, html in cells}
        assert "符合" in shown and not shown & {"met", "not_met", "required", "self_reported", "measured", "school"}
        findings = pages[f"/{records.stem}/findings"].text
        assert re.search(r'<td class="col-status [^"]*"><span title="1">符合</span></td>', findings)
        assert '<span title="required">必须/应当</span>' in pages[f"/{records.stem}/requirements"].text
        rows = pages[f"/{records.stem}/finding_details.json?_shape=array&_size=5"].json()
        assert {row["status"] for row in rows} <= set(messages.STATUS_LABELS)  # the data keeps its keys
    finally:
        RECORDS.pop(records.stem, None)
    register({records.stem}, "en")
    try:
        english = build_datasette(str(records), datasette_metadata(records.stem, "en"))

        async def fetch_en() -> str:
            await english.invoke_startup()
            return (await english.client.get(f"/{records.stem}/finding_details")).text

        assert "<span title=" not in asyncio.run(fetch_en())
    finally:
        RECORDS.pop(records.stem, None)
