"""``xinli rollup`` and ``report`` / ``serve`` on a roll-up, end to end
through CliRunner: on the invented test_rp hierarchy, and on the README's
Chongqing example with the bundled plugins."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from fixture_plugins import rollup_plugins
from test_rollup import AS_OF, write_facts

from xinli.core.records.browse import QUERIES

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def invented(monkeypatch):
    """Every command sees the invented roll-up hierarchy instead of the installed plugins."""
    import xinli.core.registry as registry_module

    original = registry_module.load_plugins

    def load(only=None, extra=(), entry_points=None, **options):
        return original(only=only, extra=[*rollup_plugins(), *extra], entry_points=[], **options)

    monkeypatch.setattr(registry_module, "load_plugins", load)
    return original(entry_points=[], extra=rollup_plugins())


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def counties(run, invented, tmp_path):
    folder = tmp_path / "counties"
    folder.mkdir()
    for code in ("test_rx1", "test_rx2", "test_rx3"):
        facts = write_facts(invented, code, tmp_path / f"{code}.csv")
        result = run("assess", "--region", code, "--facts", str(facts), "--db", str(folder / f"{code}.db"),
                     "--as-of", AS_OF.isoformat(), "--period", "2025-2026")  # a completed period
        assert result.exit_code == 0, result.output
    return folder


def test_rollup_and_its_report_end_to_end(run, counties, tmp_path):
    target = tmp_path / "province.db"
    result = run("rollup", "--region", "test_rp", "--db", str(target), "--from", str(counties))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "汇总 1：3 个来源，13 所学校"
    again = run("rollup", "--region", "test_rp", "--db", str(target), "--from", str(counties), "--lang", "en")
    assert again.exit_code == 0 and "roll-up 1 already holds this roll-up" in again.output
    as_json = json.loads(run("rollup", "--region", "test_rp", "--db", str(target), "--from", str(counties),
                             "--format", "json").output)
    assert as_json == {"rollup_id": 1, "created": False, "sources": 3, "schools": 13, "warnings": []}

    data = json.loads(run("report", "--db", str(target), "--format", "json").output)
    assert data["schema"] == "xinli.rollup-report/1" and data["rollup"]["schools"] == 13
    assert [s["region"] for s in data["subregions"]] == ["test_rx1", "test_rx2", "test_rx3"]
    assert next(t for t in data["targets"] if t["requirement_id"] == "test_rp.other.coverage")["observed"] == "8/12"

    zh = run("report", "--db", str(target), "--lang", "zh").output
    assert zh.startswith("# 汇总报告 — 汇总省（test_rp）")
    assert "打印日期" in zh and "甲县（test_rx1）" in zh and "未知" in zh
    for english in ("Roll-up", "share met", "not_met", "unknown", "superseded", "sources"):
        assert english not in zh
    table = zh[zh.index("## 下级辖区"):]
    assert table.index("甲县") < table.index("乙县") < table.index("丙县")  # worst first
    both = run("report", "--db", str(target), "--lang", "both").output
    assert both.index("汇总报告") < both.index("Roll-up report")

    csv_text = run("report", "--db", str(target), "--format", "csv").output
    assert csv_text.startswith("\ufeffrollup_id,region,name_zh")
    assert len(csv_text.strip().splitlines()) == 4

    html = run("report", "--db", str(target), "--format", "html", "--lang", "zh").output
    assert '<html lang="zh-CN">' in html and "<svg" in html and "甲县" in html

    workbook_path = tmp_path / "rollup.xlsx"
    assert run("report", "--db", str(target), "--format", "xlsx", "--lang", "zh", "--output", str(workbook_path)).exit_code == 0
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.load_workbook(workbook_path)
    assert workbook.sheetnames[0] == "汇总报告" and "各来源出处" in workbook.sheetnames
    rows = list(workbook["下级辖区"].iter_rows(values_only=True))
    assert rows[0][0] == "下级辖区" and rows[1][0] == "甲县（test_rx1）" and len(rows) == 4


def test_refused_sources_exit_2_and_leave_the_target_unchanged(run, counties, invented, tmp_path, english):
    target = tmp_path / "province.db"
    assert run("rollup", "--region", "test_rp", "--db", str(target), str(counties / "test_rx1.db")).exit_code == 0
    before = sha(target)
    other = write_facts(invented, "test_ro", tmp_path / "other.csv")
    assert run("assess", "--region", "test_ro", "--facts", str(other), "--db", str(tmp_path / "other.db")).exit_code == 0
    text = tmp_path / "text.db"
    text.write_text("hello", encoding="utf-8")
    corrupted = tmp_path / "corrupted.db"
    data = bytearray((counties / "test_rx2.db").read_bytes())
    data[100:2000] = b"\x00\x13" * 950
    corrupted.write_bytes(bytes(data))
    for bad in ("other.db", "text.db", "corrupted.db"):
        result = run("rollup", "--region", "test_rp", "--db", str(target), "--from", str(counties), str(tmp_path / bad))
        assert result.exit_code == 2, (bad, result.output)
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: ") and bad in lines[0]
        assert sha(target) == before
    assert run("rollup", "--region", "test_rp", "--db", str(target), "--run-of", "x", str(counties / "test_rx1.db")).exit_code == 2
    assert run("rollup", "--region", "test_zz", "--db", str(target), str(counties / "test_rx1.db")).exit_code == 2
    assert run("rollup", "--region", "test_rp", "--db", str(target)).exit_code == 2
    assert sha(target) == before


def test_serve_canned_queries_on_a_rollup(run, counties, tmp_path):
    target = tmp_path / "province.db"
    assert run("rollup", "--region", "test_rp", "--db", str(target), "--from", str(counties)).exit_code == 0
    conn = sqlite3.connect(target)
    conn.row_factory = sqlite3.Row
    below = [r for r in conn.execute(QUERIES["subregions_below_target"]["sql"], {"rollup_id": ""}).fetchall()
             if r["requirement_id"] == "test_rp.other.coverage"]
    # 3/4 of in-scope schools must have a room: rx2 has 1 of 2, rx3 4 of 6 (one unknown); rx1 3 of 4 is not below
    assert [(r["region"], r["met"], r["in_scope"]) for r in below] == [("test_rx2", 1, 2), ("test_rx3", 4, 6)]
    items = conn.execute(QUERIES["rollup_items_most_often_not_met"]["sql"], {"rollup_id": "1"}).fetchall()
    assert [(r["requirement_id"], r["not_met"], r["subregions_not_met"]) for r in items][0] == ("test_rp.curriculum.lessons", 3, 2)
    assert conn.execute(QUERIES["rollup_sources"]["sql"], {"rollup_id": ""}).fetchall()
    metadata = json.loads(run("serve", "--db", str(target), "--print-metadata").output)
    queries = metadata["databases"]["province"]["queries"]
    assert queries["subregions_below_target"]["title"] == "未达到目标的下级辖区"


def test_readme_rollup_of_the_chongqing_districts(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for code, example in (("chongqing_qijiang", "qijiang"), ("chongqing_dadukou", "dadukou")):
        result = run("assess", "--region", code, "--facts", str(ROOT / "examples" / f"{example}-schools.csv"),
                     "--db", f"{example}.db", "--as-of", "2026-11-01")
        assert result.exit_code == 0, result.output
    result = run("rollup", "--region", "chongqing", "--db", "chongqing.db", "qijiang.db", "dadukou.db")
    assert result.exit_code == 0, result.output
    assert "汇总 1：2 个来源，7 所学校" in result.output and "chongqing 的插件未安装" in result.output
    report = run("report", "--db", "chongqing.db", "--lang", "zh").output
    assert report.startswith("# 汇总报告 — 重庆市（chongqing）")
    assert "重庆市綦江区（chongqing_qijiang）" in report and "本级没有辖区层面的目标。" in report
    assert run("rollup", "--region", "henan", "--db", "henan.db", "qijiang.db").exit_code == 2
    assert not Path("henan.db").exists()



def test_a_file_name_that_looks_like_a_formula_stays_text(run, counties, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    odd = counties / "=1+1.db"
    (counties / "test_rx1.db").rename(odd)
    target = tmp_path / "province.db"
    assert run("rollup", "--region", "test_rp", "--db", str(target), "--from", str(counties)).exit_code == 0
    out = tmp_path / "r.xlsx"
    assert run("report", "--db", str(target), "--format", "xlsx", "--lang", "en", "--output", str(out)).exit_code == 0
    sheet = openpyxl.load_workbook(out)["Provenance of each source"]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == "=1+1.db"]
    assert cells and all(c.data_type == "s" for c in cells)


def test_county_to_city_to_province(run, counties, tmp_path):
    city, province = tmp_path / "city.db", tmp_path / "province.db"
    assert run("rollup", "--region", "test_rc", "--db", str(city), str(counties / "test_rx1.db"),
               str(counties / "test_rx2.db")).exit_code == 0
    result = run("rollup", "--region", "test_rp", "--db", str(province), str(city), str(counties / "test_rx3.db"))
    assert result.exit_code == 0 and "13 所学校" in result.output
    report = run("report", "--db", str(province), "--lang", "zh").output
    assert "city.db:test_rx1.db" in report and "city.db:test_rx2.db" in report


def test_rollup_text_and_warnings_in_the_chosen_language(run, counties, invented, tmp_path):
    """Roll-up lines and warnings hold no catalogue English under zh and no
    catalogue Chinese under en (stdout and stderr together)."""
    from test_chinese_first import chinese_in, english_in

    facts = write_facts(invented, "test_rx1", tmp_path / "later.csv")
    later = run("assess", "--region", "test_rx1", "--facts", str(facts), "--db", str(counties / "test_rx1.db"),
                "--as-of", "2026-12-01")
    assert later.exit_code == 0, later.output
    zh = run("rollup", "--region", "test_rp", "--db", str(tmp_path / "zh.db"), "--from", str(counties))
    en = run("rollup", "--region", "test_rp", "--db", str(tmp_path / "en.db"), "--from", str(counties), "--lang", "en")
    assert zh.exit_code == en.exit_code == 0, (zh.output, en.output)
    assert "警告：" in zh.stderr and "warning: " in en.stderr
    assert english_in(zh.output) == [] and chinese_in(en.output) == []
    report_zh = run("report", "--db", str(tmp_path / "zh.db")).output
    report_en = run("report", "--db", str(tmp_path / "en.db"), "--lang", "en").output
    assert english_in(report_zh) == [] and chinese_in(report_en) == []
