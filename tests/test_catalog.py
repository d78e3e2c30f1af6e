"""``xinli catalog`` and ``xinli serve --catalog``: the five bundled plugins
plus 300 generated counties under Henan (a rules folder in tmp), whose
rules follow their number, so every canned query has a known answer
computed here from the numbers, never read back from the database."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from xinli.cli.main import cli
from xinli.core.records.catalog_browse import catalog_metadata, catalog_queries
from xinli.core.records.catalog_db import CATALOG_APPLICATION_ID, bigrams

COUNTIES = 300
HENAN_TEACHER = "henan.staffing.fulltime-psych-teacher"


def code(n: int) -> str:
    """The n-th generated county's code."""
    return f"gen_county_{n:03}"


def document(n: int) -> str:
    """The n-th generated county's document number."""
    return f"测县教〔2024〕{n}号"


def stricter(n: int) -> bool:
    """Counties that require two full-time psychology teachers per school."""
    return n % 3 == 0 and n % 7 != 0


def looser(n: int) -> bool:
    """Counties that lower Henan's full-time teacher rule to a recommendation."""
    return n % 7 == 0


def lessons(n: int) -> bool:
    """Counties with their own lesson quota for grades 7-9."""
    return n % 10 == 0


def excludes(n: int) -> bool:
    """Counties that exclude Henan's dormitory monitors (all day schools)."""
    return n % 11 == 0


def county_toml(n: int) -> tuple[str, str]:
    """The n-th county's rules file and source text."""
    doc = document(n)
    source = (f"第一条 各校应建立学生心理健康档案，每学期更新一次（{n}）。\n"
              f"第二条 各校要配备专职心理健康教育教师。\n第三条 初中各年级每学年心理课不少于 16 课时。\n")
    items = [f"""
[[requirements]]
id = "{code(n)}.screening.records-{n}"
domain = "screening"
level = "required"
duty_holder = "school"
text = {{ zh = "建立学生心理健康档案（{n}）", en = "Keep students' mental-health records ({n})" }}
[requirements.citation]
jurisdiction = "{code(n)}"
document = "{doc}"
clause = "第一条"
quote = "各校应建立学生心理健康档案，每学期更新一次（{n}）"
"""]
    if stricter(n) or looser(n):
        value, level = (1, "recommended") if looser(n) else (2, "required")
        items.append(f"""
[[requirements]]
id = "{HENAN_TEACHER}"
domain = "staffing"
level = "{level}"
duty_holder = "school"
subject = ["psych_teacher"]
text = {{ zh = "每所学校配备{value}名专职心理健康教育教师", en = "Every school has {value} full-time psychology teacher(s)" }}
check = {{ metric = "fulltime_psych_teachers", op = ">=", value = {value}, unit = "persons", per = "standing", count_per = "school" }}
citation = {{ jurisdiction = "{code(n)}", document = "{doc}", clause = "第二条", quote = "各校要配备专职心理健康教育教师" }}
""")
    if lessons(n):
        items.append(f"""
[[requirements]]
id = "{code(n)}.curriculum.junior-lessons"
domain = "curriculum"
level = "required"
duty_holder = "school"
grades = [7, 8, 9]
text = {{ zh = "初中各年级每学年心理课不少于16课时", en = "At least 16 psychology lessons a year in each junior grade" }}
citation = {{ jurisdiction = "{code(n)}", document = "{doc}", clause = "第三条", quote = "初中各年级每学年心理课不少于 16 课时" }}

[requirements.check]
metric = "psych_lessons_per_school_year"
op = ">="
value = 16
unit = "lessons"
per = "per_school_year"
count_per = "grade"
grades = [7, 8, 9]
""")
    if excludes(n):
        source += "第四条 本县中小学均为走读学校，不设寝室心理委员。\n"
        items.append(f"""
[[exclusions]]
id = "henan.staffing.dorm-psych-monitors"
reason = {{ zh = "本县中小学均为走读学校。", en = "All the county's schools are day schools." }}
citation = {{ jurisdiction = "{code(n)}", document = "{doc}", clause = "第四条", quote = "本县中小学均为走读学校，不设寝室心理委员" }}
""")
    level = "district" if n % 2 else "county"
    head = f"""[jurisdiction]
code = "{code(n)}"
level = "{level}"
parent = "henan"
name = {{ zh = "测试{n}县", en = "Test County {n}" }}

[[jurisdiction.documents]]
number = "{doc}"
date = "2024-03-01"
title = {{ zh = "测试{n}县心理健康工作通知", en = "Test County {n} notice" }}
issuer = {{ zh = "测试{n}县教育局", en = "Test County {n} education bureau" }}
"""
    return head + "".join(items), source


@pytest.fixture(scope="module")
def counties(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("counties")
    for n in range(COUNTIES):
        rules, source = county_toml(n)
        sub = folder / code(n)
        sub.mkdir()
        (sub / "rules.toml").write_text(rules, encoding="utf-8")
        (sub / "source.txt").write_text(source, encoding="utf-8")
    return folder


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def catalog(counties, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("catalog") / "rules.db"
    result = invoke("--rules", str(counties), "catalog", "--db", str(db), "--as-of", "2026-06-01")
    assert result.exit_code == 0, result.output
    return db


def query(db: Path, name: str, **params: str) -> list[sqlite3.Row]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    defaults = {"n": "", "under": "", "grade": "", "region": "", "number": "", "q": ""}
    return conn.execute(catalog_queries()[name]["sql"], {**defaults, **params}).fetchall()


def test_catalog_holds_every_region_and_its_effective_rules(catalog):
    conn = sqlite3.connect(catalog)
    assert conn.execute("pragma application_id").fetchone()[0] == CATALOG_APPLICATION_ID
    regions = {r[0] for r in conn.execute("select code from jurisdictions where in_catalog = 1")}
    assert regions == {"chongqing_dadukou", "chongqing_qijiang", "henan", "nanchang", "sichuan_quxian",
                       *(code(n) for n in range(COUNTIES))}
    assert conn.execute("pragma foreign_key_check").fetchall() == []
    henan = conn.execute("select items from jurisdictions where code = 'henan'").fetchone()[0]
    for n in (0, 1, 10, 14):
        items = conn.execute("select items from jurisdictions where code = ?", (code(n),)).fetchone()[0]
        assert items == henan + 1 + lessons(n) - excludes(n), n  # an override replaces, it does not add
    # an override's source, what it replaces and the parent's level
    row = conn.execute("""select r.source, p.source, r.level, p.level, e.looser_reasons, e.looser_reasons_zh
                          from effective e join requirements r on r.id = e.requirement
                          join requirements p on p.id = e.replaces where e.region = ?""", (code(7),)).fetchone()
    assert row[:4] == (code(7), "henan", "recommended", "required")
    assert json.loads(row[4]) == ["level required -> recommended"] and "建议" in row[5]
    # the inherited Henan item is one row, effective in Henan and every county that does not override it
    regions_of = conn.execute("select regions from requirements where requirement_id = ? and source = 'henan'",
                              (HENAN_TEACHER,)).fetchone()[0]
    assert regions_of == 1 + sum(1 for n in range(COUNTIES) if not (stricter(n) or looser(n)))
    # lineage and coverage
    assert conn.execute("select ancestor from lineage where region = ? and distance = 1", (code(3),)).fetchone() == ("henan",)
    coverage = dict(conn.execute("select domain, items from coverage where region = ?", (code(10),)))
    assert coverage["curriculum"] == dict(conn.execute(
        "select domain, items from coverage where region = 'henan'"))["curriculum"] + 1
    # conditions in words and as JSON; a declared ancestor nobody installed is listed
    words = conn.execute("select conditions_zh, conditions from requirements where conditions is not null").fetchone()
    assert words[0] and json.loads(words[1])
    assert conn.execute("select installed from jurisdictions where code = 'sichuan_dazhou'").fetchone() == (0,)
    # exclusions: the ancestor's item, who excluded it and why
    excluded = conn.execute("""select x.region, r.requirement_id, r.source, x.excluded_by, x.clause, x.reason_zh
                               from excluded x join requirements r on r.id = x.requirement""").fetchall()
    assert {row[0] for row in excluded} == {code(n) for n in range(COUNTIES) if excludes(n)}
    assert excluded[0][1:5] == ("henan.staffing.dorm-psych-monitors", "henan", excluded[0][0], "第四条")


def test_canned_queries_return_the_known_regions(catalog):
    two = {r["代码"] for r in query(catalog, "counties_fulltime_teachers", n="2", under="henan")}
    assert two == {code(n) for n in range(COUNTIES) if stricter(n)}
    one = {r["代码"] for r in query(catalog, "counties_fulltime_teachers", n="1")}
    assert one == {"sichuan_quxian"} | {code(n) for n in range(COUNTIES) if not looser(n)}
    assert query(catalog, "counties_fulltime_teachers", n="3") == []
    loose = {r["辖区代码"] for r in query(catalog, "looser_than_parent", under="henan")}
    assert loose == {code(n) for n in range(COUNTIES) if looser(n)}
    everywhere = {r["辖区代码"] for r in query(catalog, "looser_than_parent")}
    assert loose <= everywhere
    grade8 = query(catalog, "grade_lessons", grade="8", region=code(10))
    assert {r["条款编号"] for r in grade8} == {"henan.curriculum.secondary-lessons", f"{code(10)}.curriculum.junior-lessons"}
    assert {r["条款编号"] for r in query(catalog, "grade_lessons", grade="8", region=code(11))} == {
        "henan.curriculum.secondary-lessons"}
    grade10 = {r["条款编号"] for r in query(catalog, "grade_lessons", grade="10")}
    assert "henan.curriculum.secondary-lessons" in grade10 and not any("junior" in i for i in grade10)
    items = query(catalog, "document_items", number=document(21))
    assert {r["条款编号"] for r in items} == {f"{code(21)}.screening.records-21", HENAN_TEACHER}
    checklist = query(catalog, "region_checklist", region=code(7))
    assert [r["序号"] for r in checklist] == list(range(1, len(checklist) + 1))


def test_full_text_search_finds_qu_county_and_henan(catalog):
    found = query(catalog, "search", q="心理委员")
    sources = {r["出自"] for r in found}
    assert {"sichuan_quxian", "henan"} <= sources
    assert "sichuan_quxian.staffing.class-psych-monitors" in {r["条款编号"] for r in found}
    assert all("心理委员" in r["条款"] + r["原文"] for r in found)
    assert query(catalog, "search", q="不存在的词语") == []


def test_every_canned_query_is_an_indexed_query(catalog):
    conn = sqlite3.connect(catalog)
    params = {"n": "2", "under": "henan", "grade": "7", "region": code(1), "number": document(1), "q": "心理委员"}
    for name, canned in catalog_queries().items():
        plan = [row[3] for row in conn.execute("explain query plan " + canned["sql"], params)]
        scans = [step for step in plan if step.startswith("SCAN") and "VIRTUAL TABLE" not in step]
        assert scans == [], (name, plan)


def test_unchanged_catalogue_is_not_rebuilt_and_a_change_rebuilds(counties, tmp_path):
    db = tmp_path / "rules.db"
    first = invoke("--rules", str(counties), "catalog", "--db", str(db), "--plugins", "henan,sichuan_quxian," + code(1))
    assert first.exit_code == 0, first.output
    stamp = db.stat().st_mtime_ns
    again = invoke("--rules", str(counties), "catalog", "--db", str(db), "--plugins", "henan,sichuan_quxian," + code(1))
    assert again.exit_code == 0 and "未重建" in again.stderr and db.stat().st_mtime_ns == stamp
    other = invoke("--rules", str(counties), "catalog", "--db", str(db), "--plugins", "henan," + code(1))
    assert other.exit_code == 0 and "未重建" not in other.stderr
    conn = sqlite3.connect(db)
    assert {r[0] for r in conn.execute("select code from jurisdictions where in_catalog = 1")} == {"henan", code(1)}
    conn.close()
    rules = counties / code(1) / "rules.toml"
    original = rules.read_text(encoding="utf-8")
    try:
        rules.write_text(original.replace("建立学生心理健康档案（1）", "建立学生心理健康档案并更新（1）"), encoding="utf-8")
        changed = invoke("--rules", str(counties), "catalog", "--db", str(db), "--plugins", "henan," + code(1))
        assert changed.exit_code == 0 and "未重建" not in changed.stderr
    finally:
        rules.write_text(original, encoding="utf-8")


def test_under_limits_the_catalogue_to_a_region_and_below(counties, tmp_path):
    db = tmp_path / "henan.db"
    result = invoke("--rules", str(counties), "catalog", "--db", str(db), "--under", "henan")
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(db)
    regions = {r[0] for r in conn.execute("select code from jurisdictions where in_catalog = 1")}
    assert regions == {"henan", *(code(n) for n in range(COUNTIES))}
    assert invoke("catalog", "--db", str(tmp_path / "x.db"), "--under", "henna").exit_code == 2


def test_never_replaces_a_file_it_did_not_create(tmp_path, run, english):
    text = tmp_path / "notes.db"
    text.write_text("my notes", encoding="utf-8")
    result = run("catalog", "--db", str(text), "--plugins", "henan")
    assert result.exit_code == 2 and "not an SQLite database" in result.stderr
    assert text.read_text(encoding="utf-8") == "my notes"
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("create table mine (x)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    result = run("catalog", "--db", str(other), "--plugins", "henan")
    assert result.exit_code == 2 and "did not create" in result.stderr and other.read_bytes() == before
    # a records database is never a catalogue either
    records = tmp_path / "records.db"
    from xinli.core.records.database import open_database

    open_database(str(records), create=True).conn.close()
    before = records.read_bytes()
    assert run("catalog", "--db", str(records), "--plugins", "henan").exit_code == 2
    assert records.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_failed_write_leaves_the_previous_catalogue(tmp_path, run, monkeypatch, english):
    db = tmp_path / "rules.db"
    assert run("catalog", "--db", str(db), "--plugins", "henan").exit_code == 0
    before = db.read_bytes()
    from xinli.core.records import catalog_db

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(catalog_db, "_create_fts", broken)
    result = run("catalog", "--db", str(db), "--plugins", "henan", "--rebuild")
    assert result.exit_code == 2 and "No space left" in result.stderr
    assert db.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["rules.db"]


def test_bigram_index_where_trigram_is_missing(tmp_path):
    import datetime as dt

    from xinli.core.records.catalog_db import write_catalog
    from xinli.core.registry import load_plugins
    from xinli.core.views.catalog import build_catalog_rows

    assert bigrams("心理委员") == "心理 理委 委员"
    registry = load_plugins(only=["henan", "sichuan_quxian"], rules_path=())
    rows = build_catalog_rows(registry, ["henan", "sichuan_quxian"], dt.date(2026, 6, 1))
    db = tmp_path / "bigram.db"
    write_catalog(db, rows.tables(), {"digest": "x"}, tokenizer="bigram")
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    sql = catalog_queries("bigram")["search"]["sql"]
    found = {r["出自"] for r in conn.execute(sql, {"q": "心理委员"})}
    assert found == {"henan", "sichuan_quxian"}
    assert {r["出自"] for r in conn.execute(sql, {"q": "心理"})} >= found


def fetch_all(datasette, paths: list[str]) -> dict:
    async def go():
        await datasette.invoke_startup()
        return {path: await datasette.client.get(path) for path in paths}

    return asyncio.run(go())


def test_serve_catalog_pages_show_chinese_labels_and_escape_text(catalog, tmp_path):
    pytest.importorskip("datasette")
    from xinli.cli.catalog_web import register
    from xinli.cli.serve import build_datasette

    # a text with markup, as a document might hold it: shown as text, never as markup
    copy = tmp_path / "rules.db"
    shutil.copy(catalog, copy)
    conn = sqlite3.connect(copy)
    conn.execute("update wordings set text_zh = '<script>alert(1)</script>' || text_zh where id = "
                 "(select wording from requirements where requirement_id = 'henan.curriculum.secondary-lessons')")
    conn.execute("update jurisdictions set name_zh = '<b>河南省</b>' where code = 'henan'")
    conn.commit()
    conn.close()
    register({"rules"})
    datasette = build_datasette([str(copy)], catalog_metadata("rules"))
    pages = fetch_all(datasette, [
        "/rules", "/rules/jurisdictions/henan", "/rules/requirements?_search=心理委员",
        "/rules/region_checklist?region=henan", "/rules/grade_lessons?grade=8&region=henan",
        "/rules/counties_fulltime_teachers?n=2&under=henan", "/rules/search.json?q=心理委员&_shape=array",
    ])
    assert all(p.status_code == 200 for p in pages.values()), {k: v.status_code for k, v in pages.items()}
    index = pages["/rules"].text
    for label in ("辖区", "条款", "哪些县要求每校至少 N 名专职心理教师", "比上级宽松的条款", "某年级的课时要求", "某文件的全部条款"):
        assert label in index, label
    region = pages["/rules/jurisdictions/henan"].text
    assert "/rules/region_checklist?region=henan" in region and "henan 的清单" in region
    assert "<b>河南省</b>" not in region and "&lt;b&gt;河南省&lt;/b&gt;" in region
    checklist = pages["/rules/region_checklist?region=henan"].text
    assert "<script>alert(1)</script>" not in checklist and "&lt;script&gt;" in checklist
    searched = pages["/rules/requirements?_search=心理委员"].text
    assert "henan.staffing.class-psych-monitors" in searched and "sichuan_quxian.staffing.class-psych-monitors" in searched
    facets = pages["/rules/requirements?_search=心理委员"].text
    assert "domain" in facets and "source_level" in facets
    assert {r["出自"] for r in pages["/rules/search.json?q=心理委员&_shape=array"].json()} >= {"henan", "sichuan_quxian"}
    teachers = pages["/rules/counties_fulltime_teachers?n=2&under=henan"].text
    assert code(3) in teachers and code(7) not in teachers


def test_serve_needs_db_or_catalog_and_refuses_a_records_file_as_catalogue(run, tmp_path, catalog, english):
    assert run("serve").exit_code == 2
    records = tmp_path / "records.db"
    from xinli.core.records.database import open_database

    open_database(str(records), create=True).conn.close()
    result = run("serve", "--catalog", str(records))
    assert result.exit_code == 2 and "not a catalogue" in result.stderr
    printed = json.loads(run("serve", "--catalog", str(catalog), "--print-metadata").output)
    assert printed["databases"]["rules"]["queries"]["looser_than_parent"]["title"] == "比上级宽松的条款"
    both = json.loads(run("serve", "--db", str(records), "--catalog", str(catalog), "--print-metadata").output)
    assert set(both["databases"]) == {"records", "rules"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.skipif(_chromium() is None, reason="needs Chromium")
def test_browser_loads_region_page_and_chinese_search(catalog, tmp_path):
    pytest.importorskip("datasette")
    pytest.importorskip("uvicorn")
    port = _free_port()
    xinli = [sys.executable, "-c", "from xinli.cli.main import cli; cli()"]
    server = subprocess.Popen([*xinli, "serve", "--catalog", str(catalog), "--host", "127.0.0.1", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "XINLI_RULES_PATH": ""})
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/rules", timeout=2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"serve did not start: {server.stderr.read().decode()}") from None
                time.sleep(0.3)

        def dom(path: str) -> str:
            out = subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                                  f"--user-data-dir={tmp_path / 'profile'}", base + path],
                                 capture_output=True, text=True, timeout=90)
            return out.stdout

        region = dom("/rules/jurisdictions/" + code(7))
        assert "测试7县" in region and "region_checklist?region=" + code(7) in region
        search = dom("/rules/requirements?_search=" + urllib.parse.quote("心理委员"))
        assert "sichuan_quxian.staffing.class-psych-monitors" in search and "henan.staffing.class-psych-monitors" in search
        assert "条款" in search
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_every_table_and_column_is_described(catalog):
    from xinli.core.records.catalog_browse import TABLES

    conn = sqlite3.connect(catalog)
    for table, (title, description, columns) in TABLES.items():
        actual = [row[1] for row in conn.execute(f"pragma table_info({table})")]
        assert actual and sorted(actual) == sorted(columns), table
        assert title and description and all(columns.values())
    tables = {row[0] for row in conn.execute("select name from sqlite_master where type = 'table'")}
    assert {t for t in tables if not t.startswith("wordings_fts")} - set(TABLES) == {"meta", "sqlite_stat1"}


def test_adapters_read_issue_24_fields_and_fall_back_without_them():
    from types import SimpleNamespace

    from xinli.core.views.catalog import check_alternatives, duty_holders_of, grades_mask, lead_duty_holder, school_kinds_of

    old = SimpleNamespace(duty_holder="school")
    assert duty_holders_of(old) == [{"actor": "school", "role": "lead"}] and lead_duty_holder(old) == "school"
    assert school_kinds_of(old) is None and school_kinds_of(SimpleNamespace(school_kinds=())) is None
    new = SimpleNamespace(duty_holder="education_authority", school_kinds=("primary", "junior"), duty_holders=(
        SimpleNamespace(actor="township_government", role="responsible"),
        SimpleNamespace(actor="education_authority", role="lead")))
    assert duty_holders_of(new) == [{"actor": "township_government", "role": "responsible"},
                                    {"actor": "education_authority", "role": "lead"}]
    assert lead_duty_holder(new) == "education_authority" and school_kinds_of(new) == ["primary", "junior"]
    single, first, second = object(), object(), object()
    assert check_alternatives(None) == () and check_alternatives(single) == (single,)
    assert check_alternatives(SimpleNamespace(any=(first, second))) == (first, second)
    assert grades_mask([-2, 1, 12]) == (1 << 1) | (1 << 4) | (1 << 15)
