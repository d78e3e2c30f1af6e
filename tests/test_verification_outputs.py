"""Issue 20: the verification figures (self-reports verified, how many the
check contradicted, the disagreement rate) in the CSV and xlsx reports, and
the Datasette canned query listing each disagreement (school, item, the
self-report, the verified result, who checked and when), Chinese under zh."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from test_spot_checks import AS_OF, HEADER, sample_rows, self_inspected_facts, write_csv

from xinli.core import messages
from xinli.core.records.browse import QUERIES, datasette_metadata, disagreements_query


@pytest.fixture
def verified(tmp_path, run) -> tuple[Path, list[dict[str, str]]]:
    """A Nanchang records database whose second run has 24 verified
    self-reports, every third found not met; and the expected
    disagreements (school, item, answer, result, by, on)."""
    facts, answers = self_inspected_facts(tmp_path, run)
    db = tmp_path / "r.db"
    assert run("assess", "-r", "nanchang", "--facts", str(facts), "--db", str(db), "--as-of", AS_OF).exit_code == 0
    drawn = sample_rows(run, db, "--per-item", "1", "--seed", "5")[:24]
    filled, expected = [], []
    for n, r in enumerate(drawn):
        met = n % 3 != 0
        on = f"2026-10-{10 + n % 9:02d}"
        filled.append([r["school_id"], r["requirement_id"], "met" if met else "not_met", f"督导{n}", on, f"台账{n}"])
        if answers[(r["school_id"], r["requirement_id"])] != met:
            expected.append({"school_id": r["school_id"], "requirement_id": r["requirement_id"],
                             "answer": answers[(r["school_id"], r["requirement_id"])], "met": met, "by": f"督导{n}",
                             "on": on, "evidence": f"台账{n}"})
    path = write_csv(tmp_path / "checks.csv", HEADER.strip().split(","), filled)
    assert run("attest", "--db", str(db), "-r", "nanchang", "--from", str(path)).exit_code == 0
    assert run("assess", "-r", "nanchang", "--facts", str(facts), "--db", str(db), "--as-of", AS_OF).exit_code == 0
    assert expected and len(expected) < len(filled)
    return db, expected


def _stats(run, db: Path) -> dict:
    return json.loads(run("report", "--db", str(db), "--format", "json").stdout)["verification"]


def test_the_csv_report_gives_each_school_its_verification_figures(verified, run):
    db, expected = verified
    stats = _stats(run, db)
    per_school = {s["school_id"]: s for s in stats["schools"]}
    zh = run("report", "--db", str(db), "--format", "csv")
    rows = list(csv.reader(io.StringIO(zh.stdout.lstrip("\ufeff"))))
    assert rows[0][-3:] == ["自查已核查数", "核查不一致", "不一致率"]
    keyed = list(csv.DictReader(io.StringIO(run("report", "--db", str(db), "--format", "csv", "--lang", "both")
                                            .stdout.lstrip("\ufeff"))))
    assert list(keyed[0])[-3:] == ["verified_self_reports", "disagreed", "disagreement_rate"]
    seen = 0
    for row in keyed:
        figures = per_school.get(row["school_id"])
        if figures is None:
            assert (row["verified_self_reports"], row["disagreed"], row["disagreement_rate"]) == ("0", "0", "")
            continue
        seen += 1
        assert int(row["verified_self_reports"]) == figures["verified"]
        assert int(row["disagreed"]) == figures["disagreed"]
        assert float(row["disagreement_rate"]) == round(figures["disagreed"] / figures["verified"], 4)
    assert seen == len(per_school) > 0
    assert sum(int(r["disagreed"]) for r in keyed) == stats["disagreed"] == len(expected)
    assert sum(int(r["verified_self_reports"]) for r in keyed) == stats["verified"]


def test_the_xlsx_report_has_a_verification_sheet(verified, run, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    db, expected = verified
    stats = _stats(run, db)
    out = tmp_path / "report.xlsx"
    assert run("report", "--db", str(db), "--format", "xlsx", "-o", str(out)).exit_code == 0
    sheet = openpyxl.load_workbook(out)["核查情况"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["分组", "编号", "自查已核查数", "核查不一致", "不一致率"]
    assert rows[1][:4] == ["辖区", "nanchang", stats["verified"], stats["disagreed"]]
    assert rows[1][4] == pytest.approx(stats["disagreed"] / stats["verified"], abs=1e-4)
    schools = {r[1]: (r[2], r[3]) for r in rows[2:] if r[0] == "学校代码"}
    assert schools == {s["school_id"]: (s["verified"], s["disagreed"]) for s in stats["schools"]}
    items = {r[1]: (r[2], r[3]) for r in rows[2:] if r[0] == "要求编号"}
    assert items == {i["requirement_id"]: (i["verified"], i["disagreed"]) for i in stats["items"]}
    english = tmp_path / "report-en.xlsx"
    assert run("report", "--db", str(db), "--format", "xlsx", "--lang", "en", "-o", str(english)).exit_code == 0
    header = next(openpyxl.load_workbook(english)["verification"].iter_rows(values_only=True))
    assert list(header) == ["Group", "ID", "Self-reports verified", "Disagreed", "Disagreement rate"]


def test_the_disagreements_canned_query_lists_each_one(verified):
    db, expected = verified
    query = datasette_metadata("r", "zh")["databases"]["r"]["queries"]["self_report_disagreements"]
    assert QUERIES["self_report_disagreements"]["sql"] == query["sql"]  # the module keeps the zh form
    conn = sqlite3.connect(db)
    cursor = conn.execute(query["sql"], {"run_id": ""})
    assert [d[0] for d in cursor.description] == ["学校代码", "学校名称", "要求编号", "学校自查", "核查结论", "核查人",
                                                  "核查日期", "佐证"]
    got = cursor.fetchall()
    status = dict(((s, r), st) for s, r, st in conn.execute(
        "select school_id, requirement_id, status from finding_details where run_id = 2 and provenance = 'verified'"))
    assert {status[(e["school_id"], e["requirement_id"])] for e in expected} <= {"met", "not_met", "adopted", "not_adopted"}
    want = sorted((e["school_id"], e["requirement_id"], "是" if e["answer"] else "否",
                   messages.status(status[(e["school_id"], e["requirement_id"])], "zh"), e["by"], e["on"], e["evidence"])
                  for e in expected)
    assert [(r[0], r[2], r[3], r[4], r[5], r[6], r[7]) for r in got] == want
    assert not conn.execute(query["sql"], {"run_id": "1"}).fetchall()  # the first run verified nothing
    english = disagreements_query("en")
    cursor = conn.execute(english["sql"], {"run_id": "2"})
    assert [d[0] for d in cursor.description][:5] == ["school_id", "school_name", "requirement_id", "self_report", "result"]
    assert sorted((r[0], r[2], r[3], r[4]) for r in cursor.fetchall()) == sorted(
        (e["school_id"], e["requirement_id"], "yes" if e["answer"] else "no", status[(e["school_id"], e["requirement_id"])])
        for e in expected)
    plan = " | ".join(row[3] for row in conn.execute("explain query plan " + query["sql"], {"run_id": "2"}))
    assert "SCAN f " not in plan + " " and "SCAN findings" not in plan, plan
    conn.close()


def test_the_html_report_shows_the_verification_figures(verified, run):
    """The printed report carries the same figures as the JSON: the disagreement rate with its counts, and one
    line per school and per item that was verified."""
    db, expected = verified
    stats = _stats(run, db)
    page = run("report", "--db", str(db), "--format", "html").stdout
    assert "<h2>核查情况</h2>" in page
    rate = f"{stats['disagreement_rate']:.1%}"
    assert f"自查与核查不一致率（可信度指标）: {rate}（已核查 {stats['verified']} 项自查，其中 {len(expected)} 项与核查结论不一致）" in page
    for school in stats["schools"]:
        assert f"学校代码 {school['school_id']}: " in page
    for item in stats["items"]:
        assert f"要求编号 {item['requirement_id']}: " in page
