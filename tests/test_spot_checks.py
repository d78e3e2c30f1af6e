"""Verification in bulk and the region's own self-inspection (issue 20):
``attest --from`` (every row checked, one transaction), ``sample``
(reproducible spot-check lists in the shape ``attest --from`` reads back),
``assess --region-facts`` and ``facts-template --region-facts``."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
from pathlib import Path

import pytest

from xinli.core.errors import FactsError
from xinli.core.records.attestations import Attestation, record_attestations
from xinli.core.records.database import open_database

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "nanchang-schools.csv"
AS_OF = "2026-11-01"
HEADER = "school_id,requirement_id,result,by,on,evidence\n"


@pytest.fixture
def records(tmp_path, run):
    """A records database with one Nanchang run of the example schools."""
    db = tmp_path / "r.db"
    result = run("assess", "-r", "nanchang", "--facts", str(EXAMPLE), "--db", str(db), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    return db


def manual_items(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [row[0] for row in conn.execute(
            "select requirement_id from requirements where scope = 'manual' and level in ('required', 'recommended') "
            "order by id")]
    finally:
        conn.close()


def school_ids(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [row[0] for row in conn.execute("select distinct school_id from schools order by school_id")]
    finally:
        conn.close()


def attestation_count(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("select count(*) from attestations").fetchone()[0]
    finally:
        conn.close()


def thousand_rows(db: Path) -> list[list[str]]:
    """1,000 distinct (school, item, day) rows of the example run."""
    rows = []
    days = [f"2026-10-{d:02d}" for d in range(1, 29)]
    for day in days:
        for school in school_ids(db):
            for item in manual_items(db):
                rows.append([school, item, "符合" if len(rows) % 3 else "不符合", "区教育局督导室", day, "查阅台账"])
                if len(rows) == 1000:
                    return rows
    raise AssertionError("fewer than 1,000 pairs")


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


# --- attest --from -------------------------------------------------------------------------------------------


def test_attest_from_a_thousand_rows_lands_in_one_transaction(records, tmp_path, run):
    rows = thousand_rows(records)
    path = write_csv(tmp_path / "checks.csv", ["学校代码", "要求编号", "核查结论", "核查人", "核查日期", "佐证"], rows)
    result = run("attest", "--db", str(records), "-r", "nanchang", "--from", str(path))
    assert result.exit_code == 0, result.output
    assert "1000" in result.output
    conn = sqlite3.connect(records)
    stamps = conn.execute("select count(*), count(distinct recorded), min(id), max(id) from attestations").fetchone()
    assert stamps[0] == 1000 and stamps[1] == 1 and stamps[3] - stamps[2] == 999
    assert conn.execute("select count(*) from attestations where result = 'not_met'").fetchone()[0] == 334
    conn.close()
    # the same file again adds nothing (every row recorded already)
    again = run("attest", "--db", str(records), "-r", "nanchang", "--from", str(path), "--format", "json")
    assert again.exit_code == 0, again.output
    assert json.loads(again.stdout)["recorded"] == 0 and json.loads(again.stdout)["already_recorded"] == 1000
    assert attestation_count(records) == 1000


def test_record_attestations_is_all_or_nothing(records):
    """A failure at the last of 1,000 inserts leaves none of them, and the
    rows go in under one BEGIN ... COMMIT."""
    db = open_database(records, create=False, readonly=False)
    attestations = [Attestation(s, i, "met" if n % 2 else "not_met", "督导室", dt.date.fromisoformat(d), "台账", n)
                    for n, (s, i, _r, _b, d, _e) in enumerate(thousand_rows(records))]
    db.conn.execute("create temp trigger boom before insert on main.attestations when new.evidence = 'boom' "
                    "begin select raise(abort, 'boom'); end")
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    import attrs

    bad = [*attestations[:-1], attrs.evolve(attestations[-1], evidence="boom")]
    with pytest.raises(sqlite3.IntegrityError):
        record_attestations(db, "nanchang", bad)
    assert db.execute("select count(*) from attestations").fetchone()[0] == 0
    statements.clear()
    ids = record_attestations(db, "nanchang", attestations)
    assert len(ids) == 1000 and None not in ids
    assert [s for s in statements if s.split()[0].upper() in ("BEGIN", "COMMIT")] == ["BEGIN IMMEDIATE", "COMMIT"]
    db.close()
    assert attestation_count(records) == 1000


def test_attest_from_with_one_bad_row_writes_nothing_and_names_the_row(records, tmp_path, run, english):
    rows = thousand_rows(records)
    rows[500][0] = "EX999"  # a school in no run: data row 501 is file row 502
    path = write_csv(tmp_path / "checks.csv", HEADER.strip().split(","), rows)
    before = records.read_bytes()
    result = run("attest", "--db", str(records), "-r", "nanchang", "--from", str(path))
    assert result.exit_code == 2
    assert "checks.csv, row 502, column school_id: 'EX999'" in result.output
    assert result.output.count("\n") == 2  # the summary line and the one problem
    assert records.read_bytes() == before and attestation_count(records) == 0


@pytest.mark.parametrize(("cell", "column", "value", "reason"), [
    (("school_id", "EX999"), "school_id", "EX999", "in no assessment run of nanchang"),
    (("requirement_id", "nanchang.no-such-item"), "requirement_id", None, "not an item of the nanchang checklist"),
    (("requirement_id", "nanchang.staffing.teachers-per-school"), "requirement_id", None, None),
    (("requirement_id", "nanchang.other.city-leading-group"), "requirement_id", None, "region finding"),
    (("result", "ok"), "result", "ok", "expected met, not_met, 符合 or 不符合"),
    (("by", ""), "by", None, "required field is empty"),
    (("on", "2026-13-01"), "on", None, "expected a date"),
    (("on", "2999-01-01"), "on", None, "in the future"),
    (("evidence", "联系人 139.1234.5678"), "evidence", None, "personal data"),
    (("evidence", "４４０３０５２００８０３１５１２３Ｘ"), "evidence", None, "personal data"),
    (("by", "王老师 13812345678"), "by", None, "personal data"),
])
def test_attest_from_refuses_each_bad_cell_by_row_and_column(records, tmp_path, run, english, cell, column, value, reason):
    good = [school_ids(records)[0], manual_items(records)[0], "met", "区教育局督导室", "2026-10-20", "查阅台账"]
    keys = HEADER.strip().split(",")
    bad = list(good)
    bad[keys.index(cell[0])] = cell[1]
    if cell == ("requirement_id", "nanchang.staffing.teachers-per-school"):
        conn = sqlite3.connect(records)
        bad[1] = conn.execute("select requirement_id from requirements where scope = 'school' limit 1").fetchone()[0]
        conn.close()
        reason = "machine check"
    path = write_csv(tmp_path / "checks.csv", keys, [good, bad])
    before = records.read_bytes()
    result = run("attest", "--db", str(records), "-r", "nanchang", "--from", str(path))
    assert result.exit_code == 2, result.output
    assert f"checks.csv, row 3, column {column}" in result.output
    assert reason in result.output
    if value:
        assert repr(value) in result.output
    assert records.read_bytes() == before


def test_attest_from_reads_an_xlsx_and_skips_rows_nobody_filled(records, tmp_path, run):
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.append(["学校代码", "学校名称", "要求编号", "核查结论", "核查人", "核查日期", "佐证"])
    school, items = school_ids(records)[0], manual_items(records)
    ws.append([school, "x", items[0], "不符合", "督导室", dt.datetime(2026, 10, 20), "现场查看"])
    ws.append([school, "x", items[1], None, None, None, None])
    path = tmp_path / "checks.xlsx"
    workbook.save(path)
    result = run("attest", "--db", str(records), "-r", "nanchang", "--from", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["recorded"] == 1 and data["skipped_unfilled"] == 1
    (only,) = data["attestations"]
    assert only | {"id": 0} == {"id": 0, "school_id": school, "requirement_id": items[0], "result": "not_met",
                                "checked_by": "督导室", "checked_on": "2026-10-20", "evidence": "现场查看", "row": 2}


def test_attest_refuses_a_school_in_no_run_of_the_region(records, run, english):
    """Issue 22 #10 / issue 23 #5: attest accepted school EX999."""
    before = records.read_bytes()
    result = run("attest", "--db", str(records), "-r", "nanchang", "--school", "EX999", "--requirement",
                 manual_items(records)[0], "--by", "督导室", "--result", "met")
    assert result.exit_code == 2 and "EX999" in result.output and "in no assessment run of nanchang" in result.output
    other = run("attest", "--db", str(records), "-r", "henan", "--school", "EX001", "--requirement",
                "henan.other.teacher-training", "--by", "督导室", "--result", "met")
    assert other.exit_code == 2 and "no assessment run of henan" in other.output
    assert records.read_bytes() == before


def test_attest_single_form_prints_json(records, run):
    item = manual_items(records)[0]
    result = run("attest", "--db", str(records), "-r", "nanchang", "--school", "EX001", "--requirement", item, "--by",
                 "督导室", "--on", "2026-10-01", "--result", "不符合", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["recorded"] == 1
    assert data["attestations"][0]["result"] == "not_met" and data["attestations"][0]["checked_on"] == "2026-10-01"
    mixed = run("attest", "--db", str(records), "-r", "nanchang", "--from", "x.csv", "--school", "EX001")
    assert mixed.exit_code == 2 and "--school" in mixed.output


# --- sample ------------------------------------------------------------------------------------------------------


def sample_rows(run, db: Path, *args: str) -> list[dict[str, str]]:
    result = run("sample", "--db", str(db), *args, "--format", "csv", "--lang", "en")
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))


def test_sample_with_the_same_seed_returns_the_same_schools(records, run):
    first = sample_rows(run, records, "--rate", "0.5", "--seed", "42")
    again = sample_rows(run, records, "--rate", "0.5", "--seed", "42")
    assert first == again
    chosen = {r["school_id"] for r in first}
    assert len(chosen) == 3  # half of the six example schools
    assert all(r["requirement_id"] in manual_items(records) for r in first)
    assert all("seed 42" in r["sample"] and "50% of schools" in r["sample"] for r in first)
    assert all(r[k] == "" for r in first for k in ("result", "by", "on", "evidence"))
    # other seeds draw other schools (not all seeds can agree), and a larger rate keeps the smaller one's schools
    draws = {frozenset(r["school_id"] for r in sample_rows(run, records, "--rate", "0.5", "--seed", str(s)))
             for s in range(8)}
    assert len(draws) > 1
    bigger = {r["school_id"] for r in sample_rows(run, records, "--rate", "0.8", "--seed", "42")}
    assert chosen < bigger
    # recorded once per draw, with its seed and rule
    conn = sqlite3.connect(records)
    assert conn.execute("select count(*) from samples where seed = 42 and rule = ?", ['{"rate": 0.5}']).fetchone()[0] == 1
    stored = conn.execute("select count(*) from sample_items join samples on samples.id = sample_id "
                          "where seed = 42 and rule = ?", ['{"rate": 0.5}']).fetchone()[0]
    conn.close()
    assert stored == len(first)


def test_sample_per_item_draws_n_schools_for_each_item(records, run):
    rows = sample_rows(run, records, "--per-item", "2", "--seed", "7")
    per_item: dict[str, set[str]] = {}
    for r in rows:
        per_item.setdefault(r["requirement_id"], set()).add(r["school_id"])
    assert set(per_item) == set(manual_items(records))
    assert all(len(schools) == 2 for schools in per_item.values())
    assert rows == sample_rows(run, records, "--per-item", "2", "--seed", "7")


def test_sample_refuses_a_bad_rule(records, run):
    for args in (["--rate", "0"], ["--rate", "1.5"], ["--per-item", "0"], [], ["--rate", "0.1", "--per-item", "1"]):
        result = run("sample", "--db", str(records), "--seed", "1", *args)
        assert result.exit_code == 2, (args, result.output)


def test_sample_filled_in_and_fed_back_to_attest_shows_in_the_next_run(records, tmp_path, run):
    """End to end: sample -> xlsx filled by an inspector -> attest --from -> assess."""
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "spot.xlsx"
    result = run("sample", "--db", str(records), "--per-item", "1", "--seed", "3", "-o", str(path))
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(path)
    ws = workbook.worksheets[0]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["学校代码", "学校名称", "要求编号"] and "核查结论" in header
    assert "随机种子 3" in ws.cell(2, header.index("抽样") + 1).value
    filled = []
    for row in range(2, 5):
        ws.cell(row, header.index("核查结论") + 1).value = "符合" if row != 3 else "不符合"
        ws.cell(row, header.index("核查人") + 1).value = "区教育局督导室"
        ws.cell(row, header.index("核查日期") + 1).value = dt.datetime(2026, 10, 28)
        ws.cell(row, header.index("佐证") + 1).value = "查阅记录"
        filled.append((ws.cell(row, 1).value, ws.cell(row, 3).value, "not_met" if row == 3 else "met"))
    workbook.save(path)
    result = run("attest", "--db", str(records), "-r", "nanchang", "--from", str(path))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("已从 spot.xlsx 记录 3 条人工核查（符合 2，不符合 1）")
    result = run("assess", "-r", "nanchang", "--facts", str(EXAMPLE), "--db", str(records), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(records)
    got = {(s, r): (status, detail, provenance) for s, r, status, detail, provenance in conn.execute(
        "select school_id, requirement_id, status, detail, provenance from finding_details where run_id = 2 "
        "and school_id is not null and scope = 'manual'")}
    conn.close()
    for school, item, outcome in filled:
        assert got[(school, item)] == (outcome, "attested by 区教育局督导室 on 2026-10-28: 查阅记录", "verified")
    assert {p for status, _d, p in got.values() if status == "manual"} == {"unanswered"}  # no 自查 columns


# --- the region's own self-inspection ----------------------------------------------------------------------------


def test_region_facts_template_round_trips_into_region_findings(tmp_path, run):
    template = run("facts-template", "-r", "nanchang", "--region-facts")
    assert template.exit_code == 0, template.output
    rows = list(csv.reader(io.StringIO(template.stdout)))
    assert rows[0] == ["要求编号", "要求内容", "要求等级", "责任主体", "条款", "自查结论", "佐证"]
    ids = [r[0] for r in rows[1:]]
    assert "nanchang.other.city-leading-group" in ids
    assert all(r[3] != "学生" for r in rows[1:])  # students' items are nobody's self-inspection
    answers = {"nanchang.other.city-leading-group": ("是", "洪教字〔2019〕12号"),
               "nanchang.other.county-implementation-plans": ("否", ""),
               "nanchang.other.model-schools-county": ("否", "")}
    for r in rows[1:]:
        r[5], r[6] = answers.get(r[0], ("", ""))
    path = write_csv(tmp_path / "region.csv", rows[0], rows[1:])
    db = tmp_path / "r.db"
    result = run("assess", "-r", "nanchang", "--facts", str(EXAMPLE), "--db", str(db), "--as-of", AS_OF,
                 "--region-facts", str(path))
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(db)
    got = {r: (status, detail) for r, status, detail in conn.execute(
        "select requirement_id, status, detail from finding_details where school_id is null")}
    run_row = conn.execute("select region_facts_file, region_facts_sha256 from runs").fetchone()
    conn.close()
    assert got["nanchang.other.city-leading-group"] == ("met", "self-reported by the region: 洪教字〔2019〕12号")
    assert got["nanchang.other.county-implementation-plans"] == ("not_met", "self-reported by the region")
    # 积极 reads as required (issue 21's one reading for Nanchang): the bureau's own 否 is not met
    assert got["nanchang.other.model-schools-county"][0] == "not_met"
    assert got["nanchang.other.awareness-month-may"][0] == "manual"  # left blank: unanswered
    assert run_row[0] == "region.csv" and len(run_row[1]) == 64
    report = run("report", "--db", str(db))
    assert "辖区自查填报：洪教字〔2019〕12号" in report.stdout


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_region_facts_as_toml_or_json(tmp_path, run, suffix):
    doc = {"answers": [{"requirement_id": "nanchang.other.city-leading-group", "answer": "不适用", "evidence": "x"}]}
    path = tmp_path / f"region{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    else:
        path.write_text('[[answers]]\nrequirement_id = "nanchang.other.city-leading-group"\nanswer = "不适用"\n'
                        'evidence = "x"\n', encoding="utf-8")
    db = tmp_path / "r.db"
    result = run("assess", "-r", "nanchang", "--facts", str(EXAMPLE), "--db", str(db), "--as-of", AS_OF,
                 "--region-facts", str(path))
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(db)
    status = conn.execute("select status from finding_details where school_id is null and requirement_id = ?",
                          ["nanchang.other.city-leading-group"]).fetchone()[0]
    conn.close()
    assert status == "not_applicable"


def test_region_facts_toml_template_reads_back(tmp_path, run):
    template = run("facts-template", "-r", "henan", "--region-facts", "--format", "toml")
    assert template.exit_code == 0, template.output
    path = tmp_path / "region.toml"
    path.write_text(template.stdout, encoding="utf-8")
    from xinli.core.assessment.region_facts import read_region_facts
    from xinli.core.registry import load_plugins
    from xinli.core.views.checklist import build_checklist

    checklist = build_checklist(load_plugins(only=["henan"]), "henan")
    assert read_region_facts(path, checklist) == []  # nothing answered yet
    path.write_text(template.stdout.replace('answer = ""', 'answer = "是"', 1), encoding="utf-8")
    (answer,) = read_region_facts(path, checklist)
    assert answer.outcome == "met"


@pytest.mark.parametrize(("row", "column", "reason"), [
    ("nanchang.no-such-item,是,", "requirement_id", "not an item of this region's checklist"),
    ("nanchang.other.city-leading-group,也许,", "answer", "expected 是, 否 or 不适用"),
    ("nanchang.other.return-recovery-certificate,是,", "requirement_id", "not an authority"),
    ("nanchang.other.city-leading-group,是,联系人13812345678", "evidence", "personal data"),
])
def test_region_facts_refuses_a_bad_row_and_writes_nothing(tmp_path, run, english, row, column, reason):
    path = tmp_path / "region.csv"
    path.write_text("requirement_id,answer,evidence\nnanchang.other.county-implementation-plans,是,\n" + row + "\n",
                    encoding="utf-8")
    db = tmp_path / "r.db"
    result = run("assess", "-r", "nanchang", "--facts", str(EXAMPLE), "--db", str(db), "--as-of", AS_OF,
                 "--region-facts", str(path))
    assert result.exit_code == 2, result.output
    assert f"region.csv, row 3, column {column}" in result.output and reason in result.output
    assert not db.exists() or "runs" not in sqlite3.connect(db).execute(
        "select group_concat(name) from sqlite_master").fetchone()[0] or \
        sqlite3.connect(db).execute("select count(*) from runs").fetchone()[0] == 0


def test_region_facts_reader_names_duplicates():
    from xinli.core.assessment.region_facts import read_region_facts

    checklist = {"items": [{"id": "a", "assessed_at": "region", "check": None, "duty_holder": "education_authority"}]}
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.csv"
        path.write_text("要求编号,自查结论\na,是\na,否\n", encoding="utf-8")
        with pytest.raises(FactsError, match="row 3, column requirement_id.*answered twice"):
            read_region_facts(path, checklist)


def test_a_rollup_carries_the_region_s_self_reported_findings_upward(tmp_path, run):
    path = tmp_path / "region.csv"
    path.write_text("要求编号,自查结论,佐证\nnanchang.other.city-leading-group,是,领导小组文件\n", encoding="utf-8")
    db = tmp_path / "county.db"
    result = run("assess", "-r", "nanchang", "--facts", str(EXAMPLE), "--db", str(db), "--as-of", AS_OF,
                 "--region-facts", str(path))
    assert result.exit_code == 0, result.output
    up = tmp_path / "up.db"
    result = run("rollup", str(db), "-r", "nanchang", "--db", str(up))
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(up)
    status, detail = conn.execute("select status, detail from rollup_items where requirement_id = ?",
                                  ["nanchang.other.city-leading-group"]).fetchone()
    conn.close()
    assert (status, detail) == ("met", "self-reported by the region: 领导小组文件")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_new_outputs_speak_the_chosen_language(records, tmp_path, run, lang):
    """The spot-check list, the region template and attest's lines hold no
    English fixed word under zh, and no Chinese fixed string under en."""
    from test_chinese_first import chinese_in, english_in, xlsx_text

    texts = {}
    for name, args in {"sample-csv": ["sample", "--db", str(records), "--rate", "0.5", "--seed", "1", "--format", "csv"],
                       "region-csv": ["facts-template", "-r", "nanchang", "--region-facts"],
                       "region-toml": ["facts-template", "-r", "henan", "--region-facts", "--format", "toml"]}.items():
        result = run(*args, "--lang", lang)
        assert result.exit_code == 0, result.output
        texts[name] = result.output
    for name, args in {"sample-xlsx": ["sample", "--db", str(records), "--per-item", "1", "--seed", "1"],
                       "region-xlsx": ["facts-template", "-r", "nanchang", "--region-facts"]}.items():
        target = tmp_path / f"{name}-{lang}.xlsx"
        result = run(*args, "--lang", lang, "-o", str(target))
        assert result.exit_code == 0, result.output
        texts[name] = xlsx_text(target) + result.output.replace(str(target), "")
    checks = tmp_path / "c.csv"
    checks.write_text(HEADER + f"EX001,{manual_items(records)[0]},met,督导室,2026-10-02,\n", encoding="utf-8")
    texts["attest"] = run("attest", "--db", str(records), "-r", "nanchang", "--from", str(checks), "--lang", lang).output
    if lang == "zh":
        found = {name: english_in(text) for name, text in texts.items()}
    else:  # the documents' own words stay; the csv/xlsx ones carry quotes, so only the fixed text is scanned
        found = {name: chinese_in(text) for name, text in texts.items() if name in ("attest", "region-toml")}
    assert {name: words for name, words in found.items() if words} == {}


# --- provenance and the trust figure (with the 自查 columns) -----------------------------------------------------


def self_inspected_facts(tmp_path: Path, run) -> tuple[Path, dict[tuple[str, str], bool]]:
    """The example schools with every 自查 column answered (是 or 否, a fixed
    pattern), and the answers given."""
    template = run("facts-template", "-r", "nanchang", "--headers", "key")
    header = next(csv.reader(io.StringIO(template.stdout.lstrip("\ufeff"))))
    examples = list(csv.DictReader(io.StringIO(EXAMPLE.read_text(encoding="utf-8-sig"))))
    answers = {}
    rows = []
    for n, school in enumerate(examples):
        row = []
        for key in header:
            if key.startswith("self:"):
                yes = (n + len(key)) % 5 != 0
                answers[(school["school_id"], key[5:])] = yes
                row.append("是" if yes else "否")
            else:
                row.append(school.get(key, ""))
        rows.append(row)
    return write_csv(tmp_path / "self.csv", header, rows), answers


def test_verified_self_reports_and_the_disagreement_rate(tmp_path, run):
    facts, answers = self_inspected_facts(tmp_path, run)
    db = tmp_path / "r.db"
    assert run("assess", "-r", "nanchang", "--facts", str(facts), "--db", str(db), "--as-of", AS_OF).exit_code == 0
    drawn = sample_rows(run, db, "--per-item", "1", "--seed", "5")
    assert drawn and all(r["self_report"] not in ("", "not self-reported") for r in drawn)  # every item answered
    keys = HEADER.strip().split(",")
    filled, expected = [], {"verified": 0, "disagreed": 0}
    per_school: dict[str, list[int]] = {}
    for n, r in enumerate(drawn[:24]):
        met = n % 3 != 0
        filled.append([r["school_id"], r["requirement_id"], "met" if met else "not_met", "督导室", "2026-10-30", ""])
        expected["verified"] += 1
        disagrees = answers[(r["school_id"], r["requirement_id"])] != met
        expected["disagreed"] += disagrees
        tally = per_school.setdefault(r["school_id"], [0, 0])
        tally[0] += 1
        tally[1] += disagrees
    path = write_csv(tmp_path / "checks.csv", keys, filled)
    assert run("attest", "--db", str(db), "-r", "nanchang", "--from", str(path)).exit_code == 0
    assert run("assess", "-r", "nanchang", "--facts", str(facts), "--db", str(db), "--as-of", AS_OF).exit_code == 0
    conn = sqlite3.connect(db)
    provenance = {(s, r): p for s, r, p in conn.execute(
        "select school_id, requirement_id, provenance from finding_details where run_id = 2 and school_id is not null")}
    conn.close()
    assert all(provenance[(row[0], row[1])] == "verified" for row in filled)
    assert sum(1 for p in provenance.values() if p == "verified") == len(filled)
    report = json.loads(run("report", "--db", str(db), "--format", "json").stdout)
    stats = report["verification"]
    assert (stats["verified"], stats["disagreed"]) == (expected["verified"], expected["disagreed"])
    assert 0 < stats["disagreed"] < stats["verified"]
    assert stats["disagreement_rate"] == round(expected["disagreed"] / expected["verified"], 4)
    assert {s["school_id"]: [s["verified"], s["disagreed"]] for s in stats["schools"]} == per_school
    assert sum(i["verified"] for i in stats["items"]) == expected["verified"]
    assert len(stats["disagreements"]) == expected["disagreed"]
    markdown = run("report", "--db", str(db)).stdout
    assert f"{stats['disagreement_rate']:.1%}" in markdown and "自查与核查不一致率" in markdown
    school, (verified, disagreed) = next(iter(per_school.items()))
    sheet = run("report", "--db", str(db), "--school", school).stdout
    assert f"已核查 {verified} 项自查，其中 {disagreed} 项与核查结论不一致" in sheet
    # the first run, before any check, reports nothing verified
    first = json.loads(run("report", "--db", str(db), "--run", "1", "--format", "json").stdout)["verification"]
    assert first["verified"] == 0 and first["disagreement_rate"] is None and first["self_reported"] > 0


def test_a_self_reported_not_applicable_is_sampled_and_shown(tmp_path, run):
    facts, _answers = self_inspected_facts(tmp_path, run)
    text = facts.read_text(encoding="utf-8").splitlines()
    header = text[0].split(",")
    first = text[1].split(",")
    column = next(i for i, k in enumerate(header) if k.startswith("self:") and "screening" in k)
    first[column] = "不适用"
    facts.write_text("\n".join([text[0], ",".join(first), *text[2:]]) + "\n", encoding="utf-8")
    db = tmp_path / "r.db"
    assert run("assess", "-r", "nanchang", "--facts", str(facts), "--db", str(db), "--as-of", AS_OF).exit_code == 0
    rows = sample_rows(run, db, "--rate", "1", "--seed", "1")
    (row,) = [r for r in rows if r["school_id"] == first[0] and r["requirement_id"] == header[column][5:]]
    assert row["self_report"] == "not applicable"


def test_region_answers_carry_provenance_self_reported(tmp_path, run):
    path = tmp_path / "region.csv"
    path.write_text("要求编号,自查结论\nnanchang.other.city-leading-group,是\n", encoding="utf-8")
    db = tmp_path / "r.db"
    assert run("assess", "-r", "nanchang", "--facts", str(EXAMPLE), "--db", str(db), "--as-of", AS_OF,
               "--region-facts", str(path)).exit_code == 0
    conn = sqlite3.connect(db)
    got = dict(conn.execute("select requirement_id, provenance from finding_details where school_id is null"))
    conn.close()
    assert got["nanchang.other.city-leading-group"] == "self_reported"
    assert got["nanchang.other.awareness-month-may"] == "unanswered"
    report = json.loads(run("report", "--db", str(db), "--format", "json").stdout)
    (finding,) = [f for f in report["region_findings"] if f["requirement_id"] == "nanchang.other.city-leading-group"]
    assert (finding["status"], finding["provenance"]) == ("met", "self_reported")


def test_region_facts_xlsx_template_filled_and_read_back(tmp_path, run):
    openpyxl = pytest.importorskip("openpyxl")
    path = tmp_path / "region.xlsx"
    result = run("facts-template", "-r", "nanchang", "--region-facts", "-o", str(path))
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(path)
    ws = workbook["辖区自查"]
    header = [c.value for c in ws[1]]
    assert header == ["要求编号", "要求内容", "要求等级", "责任主体", "条款", "自查结论", "佐证"]
    assert any("是,否,不适用" in str(v.formula1) for v in ws.data_validations.dataValidation)
    ids = [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)]
    row = ids.index("nanchang.other.awareness-month-may") + 2
    ws.cell(row, 6).value, ws.cell(row, 7).value = "是", "宣传月活动方案"
    workbook.save(path)
    db = tmp_path / "r.db"
    result = run("assess", "-r", "nanchang", "--facts", str(EXAMPLE), "--db", str(db), "--as-of", AS_OF,
                 "--region-facts", str(path))
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(db)
    got = conn.execute("select status, provenance, detail from finding_details where school_id is null and "
                       "requirement_id = 'nanchang.other.awareness-month-may'").fetchone()
    conn.close()
    assert got == ("met", "self_reported", "self-reported by the region: 宣传月活动方案")


# --- figures the region reports about itself (issue 24's region-reported metrics) --------------------------------


def figure_checklist() -> dict:
    """A checklist with one authority duty and two checks on region-reported
    metrics (the data shape of issue 24's contract, item 4)."""
    def item(id_, check=None, level="required"):
        return {"id": id_, "assessed_at": "region", "check": check, "duty_holder": "education_authority", "level": level,
                "text": {"zh": f"{id_} 内容", "en": f"{id_} text"},
                "citation": {"document": "某教发〔2026〕1号", "clause": "三"}}

    share = {"metric": "parent_school_share", "op": ">=", "value": "9/10", "reported_by": "region", "measure": "share",
             "population": {"zh": "社区", "en": "communities"}, "per_population": None, "binds": None}
    ratio = {"metric": "counselors_per_100k", "op": ">=", "value": 2, "reported_by": "region",
             "measure": "per_population", "population": {"zh": "常住人口", "en": "residents"},
             "per_population": 100000, "binds": None}
    return {"region": {"code": "demo"}, "items": [item("demo.duty"), item("demo.parent-schools", share),
                                                  item("demo.counselors", ratio, "encouraged")]}


def fake_judge(check, value):
    """Stands in for the rules format's judge: a figure of at least 0.8 meets, a word is refused."""
    if isinstance(value, str) and not value.replace(".", "").replace("/", "").isdigit():
        raise ValueError("expected a number")
    number = float(value.split("/")[0]) / float(value.split("/")[1]) if isinstance(value, str) and "/" in value else float(value)
    return ("met" if number >= 0.8 else "not_met"), f"{number:g}"


def test_region_figures_become_answers_for_every_item_checking_them(tmp_path, monkeypatch):
    from xinli.core.assessment import metrics
    from xinli.core.assessment.region_facts import read_region_facts, region_template_rows, template_keys

    monkeypatch.setattr(metrics, "judge_region_figure", fake_judge, raising=False)
    checklist = figure_checklist()
    assert template_keys(checklist)[-2:] == ("metric", "value")
    rows = region_template_rows(checklist)
    assert [r[0] for r in rows] == ["demo.duty", "", ""] and [r[7] for r in rows[1:]] == ["parent_school_share",
                                                                                          "counselors_per_100k"]
    assert "社区" in rows[1][1]
    path = tmp_path / "region.csv"
    path.write_text("要求编号,自查结论,佐证,指标,填报数值\n"
                    "demo.duty,是,,,\n,,统计表,parent_school_share,45/50\n,,,counselors_per_100k,0.5\n", encoding="utf-8")
    answers = {a.requirement_id: a for a in read_region_facts(path, checklist)}
    assert (answers["demo.parent-schools"].outcome, answers["demo.parent-schools"].observed) == ("met", "0.9")
    assert answers["demo.parent-schools"].evidence == "统计表" and answers["demo.parent-schools"].row == 3
    assert (answers["demo.counselors"].outcome, answers["demo.counselors"].observed) == ("not_met", "0.5")
    assert answers["demo.duty"].outcome == "met" and answers["demo.duty"].observed is None
    # blank figure: unanswered; an unknown metric, a malformed figure or one reported twice: named errors
    path.write_text("metric,value\nparent_school_share,\n", encoding="utf-8")
    assert read_region_facts(path, checklist) == []
    path.write_text("metric,value\nno_such_figure,3\nparent_school_share,很多\ncounselors_per_100k,3\n"
                    "counselors_per_100k,4\n", encoding="utf-8")
    with pytest.raises(FactsError) as caught:
        read_region_facts(path, checklist)
    text = str(caught.value)
    assert "row 2, column metric: 'no_such_figure'" in text and "parent_school_share" in text
    assert "row 3, column value: '很多': expected a number" in text
    assert "row 5, column metric: 'counselors_per_100k': reported twice (first in row 4)" in text


def test_region_figures_in_toml(tmp_path, monkeypatch):
    from xinli.core.assessment import metrics
    from xinli.core.assessment.region_facts import read_region_facts
    from xinli.core.render.region_facts import render_region_template_toml

    monkeypatch.setattr(metrics, "judge_region_figure", fake_judge, raising=False)
    checklist = figure_checklist()
    template = render_region_template_toml(checklist)
    assert template.count("[[figures]]") == 2 and template.count("[[answers]]") == 1
    path = tmp_path / "region.toml"
    path.write_text(template.replace('value = ""', 'value = "3"', 1), encoding="utf-8")
    (answer,) = read_region_facts(path, checklist)
    assert (answer.requirement_id, answer.outcome, answer.observed) == ("demo.parent-schools", "met", "3")


def test_a_region_figure_is_a_region_finding_with_its_figure(monkeypatch):
    """evaluate_region turns an answer with a figure into the item's region
    finding: the outcome (adopted / not adopted for an encouraged item), the
    figure as observed, the evidence in the detail."""
    import datetime as dt_

    from xinli.core.assessment.assess import CompiledRequirement, evaluate_region
    from xinli.core.assessment.region_facts import RegionAnswer

    def req(id_, optional):
        return CompiledRequirement(index=0, id=id_, scope="region", grades=frozenset(range(1, 13)), condition=None,
                                   event_index=None, metric_index=None, test=None, expected=">= 2", deadline=None,
                                   region_share=None, optional=optional)

    found = evaluate_region([req("a", False), req("b", True)], [], dt_.date(2026, 11, 1),
                            {"a": RegionAnswer("a", "not_met", "统计表", 2, "1.5"), "b": RegionAnswer("b", "met", None, 3, "4")})
    assert [(r.id, s, o, d) for r, s, o, d in found] == [
        ("a", "not_met", "1.5", "self-reported by the region: 统计表"), ("b", "adopted", "4", "self-reported by the region")]


@pytest.mark.skipif(not hasattr(__import__("xinli.core.assessment.metrics", fromlist=["x"]), "judge_region_figure"),
                    reason="issue 24's region-reported metrics (branch i24a) are not merged here yet")
def test_region_figures_with_the_rules_format_s_own_judge(tmp_path):
    from xinli.core.assessment.region_facts import read_region_facts

    path = tmp_path / "region.csv"
    path.write_text("metric,value\nparent_school_share,44/50\ncounselors_per_100k,3/100000\n", encoding="utf-8")
    answers = {a.requirement_id: a for a in read_region_facts(path, figure_checklist())}
    assert answers["demo.parent-schools"].outcome == "not_met"  # 88% against 9/10
    assert answers["demo.counselors"].outcome == "met"  # 3 per 100,000 against 2
