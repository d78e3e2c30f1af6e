"""Issue 20: every duty on every school's sheet, each with a verdict and
where it came from.

- the facts template asks one 自查 column per school duty without a machine
  check; ``assess`` stores each answer as the school's own finding,
  provenance ``self_reported``; a blank one stays ``manual`` (unanswered);
- per bundled region: a school answering 是 everywhere with compliant
  figures has no unanswered finding for its own duties, and its sheet lists
  every school duty; one blank 自查 cell lists that item as unanswered;
- periods (Nanchang lessons), blank events (Nanchang returning students),
  a facility due by a deadline (Qu County's counseling room) and a
  recommended item (Henan 二、1 parent education), each with the region's
  real item.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from conftest import BUNDLED

from xinli.core.assessment.facts import columns_for
from xinli.core.assessment.metrics import collect_metrics
from xinli.core.assessment.pipeline import assess
from xinli.core.layering import chain_of
from xinli.core.model import parse_share, scoped_metric_key
from xinli.core.records.database import open_database
from xinli.core.records.school import school_report_data
from xinli.core.render.school_report import render_school_markdown
from xinli.core.views.checklist import build_checklist

AS_OF = dt.date(2026, 11, 1)


def _target(check: dict[str, Any]) -> Any:
    """The least figure (or the one value) that meets ``check``."""
    op, value = check["op"], check["value"]
    if op == "true":
        return "是"
    if op == "between":
        low, high = value
        return high if (check.get("binds") or "low") == "high" else low
    if isinstance(value, str):  # a share such as "80%"
        return str(float(parse_share(value)))
    return value


def compliant_row(registry, region: str, grades: str = "1-12", blank: str | None = None) -> tuple[list[str], list[str]]:
    """The key header and one school's row: every figure the least that
    complies, attributes and events 否, every 自查 column 是 (``blank`` left
    empty)."""
    checklist = build_checklist(registry, region, AS_OF)
    columns = columns_for(checklist, collect_metrics(registry, chain_of(registry, region)[0]))
    figures: dict[str, Any] = {}
    for item in checklist["items"]:
        check = item["check"]
        if not check or check.get("count_per") == "region":
            continue
        key = scoped_metric_key(check["metric"], check.get("grades"))
        wanted = _target(check)
        if check["op"] in (">=", "between") and isinstance(wanted, int | float) and key in figures:
            wanted = max(wanted, figures[key])
        figures[key] = wanted
    types = {m.key: m for m in columns.metrics}
    row = {"school_id": "S1", "school_name": "自查学校", "grades": grades}
    for key in columns.attributes:
        row[key] = "否" if not key.startswith("enrol") else "100"
    for key, metric in types.items():
        if key in figures:
            row[key] = str(figures[key])
        elif metric.type == "boolean":
            row[key] = "是"
        elif metric.type == "date":
            row[key] = "2026-09-01"
        else:
            row[key] = "1"
    for check in columns.self_checks:
        row[check.key] = "" if check.requirement_id == blank else "是"
    for domain in columns.evidence:
        row[f"evidence:{domain}"] = "档案柜3"
    return columns.names, [str(row.get(key, "")) for key in columns.names]


def write_csv(path: Path, header: list[str], *rows: list[str]) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def school_duties(registry, region: str, grades: set[int]) -> set[str]:
    checklist = build_checklist(registry, region, AS_OF)
    return {i["id"] for i in checklist["items"] if i["school_duty"] and grades & set(i["grades"])}


@pytest.mark.parametrize("region", BUNDLED)
def test_a_school_answering_every_self_inspection_item_has_none_unanswered(registry, region, tmp_path):
    header, row = compliant_row(registry, region)
    facts = write_csv(tmp_path / "f.csv", header, row)
    assess(registry, region, facts, tmp_path / "r.db", AS_OF)
    db = open_database(tmp_path / "r.db", create=False)
    data = school_report_data(db, "S1")
    listed = {e["requirement_id"]: e for group in ("not_met", "manual", "unknown", "in_progress", "self_reported",
                                                   "verified", "met", "advisory", "other") for e in data[group]}
    assert not data["manual"], [e["requirement_id"] for e in data["manual"]]
    assert not [e for e in listed.values() if e["provenance"] == "unanswered" or e["status"] == "manual"]
    assert data["school"]["unanswered"] == 0
    duties = school_duties(registry, region, set(range(1, 13)))
    assert len(duties & set(listed)) >= 0.95 * len(duties), sorted(duties - set(listed))
    # the 自查 answers are the school's own findings, marked self-reported
    self_reported = [e for e in listed.values() if e["provenance"] == "self_reported"]
    assert self_reported and all(e["status"] in ("met", "adopted") for e in self_reported)
    assert not data["not_met"], [e["requirement_id"] for e in data["not_met"]]
    sheet = render_school_markdown(data)
    assert "未作答" not in sheet.split("\n")[0]
    assert sheet.index("## 核对与签字") > sheet.index("## 学校自查的结论")  # sign-off after the complete list


@pytest.mark.parametrize("region", BUNDLED)
def test_one_blank_self_inspection_cell_is_listed_as_unanswered(registry, region, tmp_path):
    checklist = build_checklist(registry, region, AS_OF)
    columns = columns_for(checklist, collect_metrics(registry, chain_of(registry, region)[0]))
    required = [c for c in columns.self_checks if c.level == "required"]
    blank = required[0].requirement_id
    header, row = compliant_row(registry, region, blank=blank)
    assess(registry, region, write_csv(tmp_path / "f.csv", header, row), tmp_path / "r.db", AS_OF)
    data = school_report_data(open_database(tmp_path / "r.db", create=False), "S1")
    assert [e["requirement_id"] for e in data["manual"]] == [blank]
    assert data["manual"][0]["provenance"] == "unanswered"
    sheet = render_school_markdown(data)
    assert sheet.splitlines()[0].endswith("（尚有 1 项未作答）")
    unanswered = sheet.split("## 未作答的自查项（请核查后勾选） (1)")[1].split("\n## ")[0]
    assert "- [ ] " in unanswered and blank in unanswered


def test_self_inspection_answers_and_provenance_are_stored(registry, tmp_path):
    region = "sichuan_quxian"
    header, row = compliant_row(registry, region)
    index = {key: i for i, key in enumerate(header)}
    no = list(row)
    no[0] = "S2"
    no[index["self:sichuan_quxian.other.counseling-ethics"]] = "否"
    no[index["self:sichuan_quxian.other.online-counseling"]] = "不适用"
    facts = write_csv(tmp_path / "f.csv", header, row, no)
    assess(registry, region, facts, tmp_path / "r.db", AS_OF)
    conn = sqlite3.connect(tmp_path / "r.db")
    got = {(s, r): (st, p) for s, r, st, p in conn.execute(
        "select school_id, requirement_id, status, provenance from finding_details where school_id is not null")}
    assert got[("S1", "sichuan_quxian.other.counseling-ethics")] == ("met", "self_reported")
    assert got[("S2", "sichuan_quxian.other.counseling-ethics")] == ("not_met", "self_reported")
    assert got[("S2", "sichuan_quxian.other.online-counseling")] == ("not_applicable", "self_reported")
    assert got[("S1", "sichuan_quxian.other.emergency-plan")] == ("met", "measured")
    # 鼓励 (encouraged) answered 是 is adopted, never met
    assert got[("S1", "sichuan_quxian.other.teacher-research-encouraged")] == ("adopted", "self_reported")
    # counts by provenance are stored with each school and run
    sources = json.loads(conn.execute("select provenance_counts from schools where school_id = 'S2'").fetchone()[0])
    assert sources["self_reported"]["not_met"] == 1 and sources["self_reported"]["not_applicable"] == 1
    run = json.loads(conn.execute("select provenance_counts from runs").fetchone()[0])
    assert run["self_reported"]["met"] >= 2 and run["measured"]["met"] >= 2
    # the evidence reference is kept with the school's facts
    facts_json, columns_json = conn.execute("select s.facts, r.fact_columns from schools s join runs r "
                                            "on r.id = s.run_id where s.school_id = 'S1'").fetchone()
    stored = dict(zip(json.loads(columns_json), json.loads(facts_json), strict=True))
    assert stored["evidence:other"] == "档案柜3"


def test_a_wrong_self_inspection_answer_names_row_and_column(registry, tmp_path):
    from xinli.core.errors import FactsError

    header, row = compliant_row(registry, "henan")
    column = next(k for k in header if k.startswith("self:"))
    row[header.index(column)] = "也许"
    with pytest.raises(FactsError) as caught:
        assess(registry, "henan", write_csv(tmp_path / "f.csv", header, row), tmp_path / "r.db", AS_OF)
    problem = caught.value.problems[0]
    assert (problem.row, problem.column) == (2, column) and "是, 否 or 不适用" in problem.reason
    assert not (tmp_path / "r.db").exists() or not sqlite3.connect(tmp_path / "r.db").execute(
        "select name from sqlite_master where name = 'runs'").fetchone()


def test_templates_carry_the_self_inspection_columns(run, registry, tmp_path):
    out = run("facts-template", "-r", "sichuan_quxian")
    header = next(csv.reader(io.StringIO(out.output.lstrip("\ufeff"))))
    assert "自查：sichuan_quxian.other.counseling-ethics" in header and "佐证：其他要求" in header
    toml = run("facts-template", "-r", "sichuan_quxian", "--format", "toml").output
    assert '# "self:sichuan_quxian.other.counseling-ethics" = ""' in toml
    assert "严格遵守职业伦理规范" in toml  # the item's short text, level and clause in the comment
    template = json.loads(run("facts-template", "-r", "sichuan_quxian", "--format", "json", "--headers", "key").output)
    (school,) = template["schools"]
    assert school["self:sichuan_quxian.other.counseling-ethics"] is None and school["school_id"] == ""
    school.update({"school_id": "J1", "grades": "1-6", "self:sichuan_quxian.other.counseling-ethics": "否"})
    (tmp_path / "t.json").write_text(json.dumps(template, ensure_ascii=False), encoding="utf-8")
    assess(registry, "sichuan_quxian", tmp_path / "t.json", tmp_path / "j.db", AS_OF)
    data = school_report_data(open_database(tmp_path / "j.db", create=False), "J1")
    assert [e["requirement_id"] for e in data["not_met"] if e["provenance"] == "self_reported"] == [
        "sichuan_quxian.other.counseling-ethics"]
    pytest.importorskip("openpyxl")
    import openpyxl

    path = tmp_path / "t.xlsx"
    assert run("facts-template", "-r", "sichuan_quxian", "-o", str(path)).exit_code == 0
    ws = openpyxl.load_workbook(path)["事实填报"]
    names = [c.value for c in ws[1]]
    letter = openpyxl.utils.get_column_letter(names.index("自查：sichuan_quxian.other.counseling-ethics") + 1)
    (validation,) = [v for v in ws.data_validations.dataValidation if f"{letter}2" in str(v.sqref).split(":")[0]]
    assert validation.formula1 == '"是,否,不适用"' and "严格遵守职业伦理规范" in validation.prompt
    # a filled workbook is read back: headers longer than the display limit keep their meaning
    ws.cell(row=2, column=1, value="X1")
    ws.cell(row=2, column=3, value="1-6")
    ws.cell(row=2, column=names.index("自查：sichuan_quxian.other.counseling-ethics") + 1, value="是")
    ws.parent.save(path)
    assess(registry, "sichuan_quxian", path, tmp_path / "x.db", AS_OF)
    data = school_report_data(open_database(tmp_path / "x.db", create=False), "X1")
    ethics = next(e for e in data["self_reported"] if e["requirement_id"] == "sichuan_quxian.other.counseling-ethics")
    assert ethics["status"] == "met"


# --- periods: Nanchang 每学期不少于8课时 -------------------------------------------------------

def _nanchang_lessons(registry, tmp_path: Path, as_of: dt.date, lessons: int, period: str | None = None) -> str:
    checklist = build_checklist(registry, "nanchang", as_of)
    item = next(i for i in checklist["items"] if i["check"] and i["check"]["metric"] == "counseling_lessons_per_class_per_semester")
    assert item["check"]["value"] == 8 and item["check"]["per"] == "per_semester"
    header, row = compliant_row(registry, "nanchang", grades="7-9")
    row[header.index(scoped_metric_key(item["check"]["metric"], item["check"].get("grades")))] = str(lessons)
    db = tmp_path / f"{as_of}-{lessons}-{period}.db"
    assess(registry, "nanchang", write_csv(tmp_path / "f.csv", header, row), db, as_of, period=period)
    return sqlite3.connect(db).execute("select status from finding_details where school_id = 'S1' "
                                       "and requirement_id = ?", [item["id"]]).fetchone()[0]


def test_a_count_below_target_while_its_semester_runs_is_in_progress(registry, tmp_path):
    assert _nanchang_lessons(registry, tmp_path, dt.date(2026, 11, 1), 4) == "in_progress"
    assert _nanchang_lessons(registry, tmp_path, dt.date(2026, 11, 1), 8) == "met"


def test_the_same_count_after_the_semester_ended_is_not_met(registry, tmp_path):
    assert _nanchang_lessons(registry, tmp_path, dt.date(2027, 2, 10), 4) == "not_met"
    assert _nanchang_lessons(registry, tmp_path, dt.date(2027, 2, 10), 7) == "not_met"  # just below
    assert _nanchang_lessons(registry, tmp_path, dt.date(2027, 2, 10), 8) == "met"  # the least allowed


def test_facts_declared_for_a_completed_period_are_judged_as_final(registry, tmp_path):
    assert _nanchang_lessons(registry, tmp_path, dt.date(2026, 11, 1), 4, period="2025-2026-2") == "not_met"
    assert _nanchang_lessons(registry, tmp_path, dt.date(2026, 11, 1), 4, period="2026-2027-1") == "in_progress"


def test_semester_boundaries_follow_the_schedule_settings(registry, tmp_path):
    from xinli.core.assessment.periods import periods_for

    default = periods_for(dt.date(2026, 11, 1))
    assert default.ends["per_semester"] == dt.date(2027, 1, 18) and default.running("per_semester")
    assert default.ends["per_school_year"] > dt.date(2027, 7, 1) and default.ends["per_year"] == dt.date(2026, 12, 31)
    early = periods_for(dt.date(2027, 1, 10), autumn_start=dt.date(2026, 8, 20))
    assert early.ends["per_semester"] < dt.date(2027, 1, 10) and not early.running("per_semester")
    from xinli.core.errors import XinliError

    with pytest.raises(XinliError, match="school year like 2026-2027"):
        periods_for(AS_OF, "autumn")


# --- blank is unknown: Nanchang's returning students ----------------------------------------------

def test_a_blank_event_is_unknown_and_its_items_too(registry, tmp_path):
    checklist = build_checklist(registry, "nanchang", AS_OF)
    dependent = [i["id"] for i in checklist["items"] if i.get("event") == "returning_students" and i["school_duty"]]
    assert dependent
    header, row = compliant_row(registry, "nanchang", grades="7-9")
    column = header.index("event_returning_students")
    blank, no, yes = list(row), list(row), list(row)
    blank[column], no[column], yes[column] = "", "否", "是"
    no[0], yes[0] = "S2", "S3"
    assess(registry, "nanchang", write_csv(tmp_path / "f.csv", header, blank, no, yes), tmp_path / "r.db", AS_OF)
    conn = sqlite3.connect(tmp_path / "r.db")
    for item in dependent:
        got = dict(conn.execute("select school_id, status from finding_details where requirement_id = ? "
                                "and school_id is not null", [item]).fetchall())
        assert got["S1"] == "unknown", item  # blank: unknown, never 不适用
        assert got["S2"] == "not_applicable", item  # the event did not happen
        assert got["S3"] in ("met", "adopted"), item
    detail = conn.execute("select detail from finding_details where school_id = 'S1' and requirement_id = ?",
                          [dependent[0]]).fetchone()[0]
    assert detail == "event unknown"


# --- a facility due by a deadline: Qu County's counseling room, due 2024-12-31 ----------------------

QU_ROOM_ITEMS = ("sichuan_quxian.other.counseling-room-open-daily", "sichuan_quxian.other.counseling-records")


def _quxian_without_room(registry, tmp_path: Path, as_of: dt.date) -> dict[str, str]:
    header, row = compliant_row(registry, "sichuan_quxian", grades="1-6")
    row[header.index("has_counseling_room")] = "否"
    row[header.index("counseling_room_open_daily")] = ""
    row[header.index("psych_records_kept")] = "否"
    db = tmp_path / f"{as_of}.db"
    assess(registry, "sichuan_quxian", write_csv(tmp_path / "f.csv", header, row), db, as_of)
    return dict(sqlite3.connect(db).execute(
        "select requirement_id, status from finding_details where school_id = 'S1'").fetchall())


def test_after_the_facility_deadline_a_school_without_the_room_is_not_excused(registry, tmp_path):
    got = _quxian_without_room(registry, tmp_path, AS_OF)
    assert got["sichuan_quxian.other.counseling-room-open-daily"] == "unknown"  # no longer 不适用
    assert got["sichuan_quxian.other.counseling-records"] == "not_met"
    # the room item itself is on the school's own sheet: checked against 2024年底 (issue 21), not met without a room
    assert got["sichuan_quxian.other.counseling-room-by-school-size"] == "not_met"


def test_before_the_facility_deadline_the_condition_still_applies(registry, tmp_path):
    got = _quxian_without_room(registry, tmp_path, dt.date(2024, 6, 1))
    for item in QU_ROOM_ITEMS:
        assert got[item] == "not_applicable", item


# --- levels: Henan 二、1 建议学校每年至少开展一次面向家长的心理健康教育 --------------------------

def test_a_recommended_item_not_done_is_not_adopted_never_not_met(registry, tmp_path):
    item = "henan.other.parent-education-yearly"
    checklist = build_checklist(registry, "henan", AS_OF)
    assert next(i for i in checklist["items"] if i["id"] == item)["level"] == "recommended"
    header, row = compliant_row(registry, "henan", grades="1-6")
    row[header.index("parent_psych_sessions_per_year")] = "0"
    # facts for calendar year 2026 (每年), assessed after it ended: final, yet a recommendation is adopted or not
    assess(registry, "henan", write_csv(tmp_path / "f.csv", header, row), tmp_path / "r.db", dt.date(2027, 1, 10),
           period="2026")
    db = open_database(tmp_path / "r.db", create=False)
    data = school_report_data(db, "S1")
    entry = next(e for e in data["advisory"] if e["requirement_id"] == item)
    assert entry["status"] == "not_adopted"
    assert not data["not_met"]
    sheet = render_school_markdown(data)
    assert "未采纳（建议）" in sheet.split("## 建议、鼓励与可选项")[1]
    assert item not in sheet.split("## 未达到的要求")[1].split("\n## ")[0]
    from xinli.core.records.report import report_data

    requirement = next(r for r in report_data(db)["requirements"] if r["requirement_id"] == item)
    assert requirement["share_met"] is None and requirement["counts"]["not_met"] == 0  # outside 达标比例


def test_the_school_sheet_escapes_what_came_from_the_facts(registry, tmp_path):
    header, row = compliant_row(registry, "henan", grades="1-6")
    row[header.index("school_name")] = "# 标题 [链接](http://x) <b>粗</b>"
    assess(registry, "henan", write_csv(tmp_path / "f.csv", header, row), tmp_path / "r.db", AS_OF)
    sheet = render_school_markdown(school_report_data(open_database(tmp_path / "r.db", create=False), "S1"))
    title = sheet.splitlines()[0]
    assert "\\[链接\\]" in title and "\\<b\\>" in title and title.startswith("# 学校评估单")
    assert sheet.count("\n# ") == 0


def test_a_migrated_database_gives_every_finding_a_provenance(tmp_path):
    import sqlite_utils

    from xinli.core.records.database import migrations

    path = tmp_path / "old.db"
    old = sqlite_utils.Database(path)
    migrations.apply(old, stop_before="m007_provenance")
    old.execute("insert into runs (id, region, run_key, facts_sha256, as_of, created, schools, findings, counts) "
                "values (1, 'x', 'k', 's', '2026-01-01', 'now', 1, 2, '{}')")
    old.execute("insert into requirements (id, run_id, requirement_id, scope) values (1, 1, 'x.a', 'manual'), "
                "(2, 1, 'x.b', 'school')")
    old.execute("insert into schools (id, run_id, school_id) values (1, 1, 'S')")
    old.execute("insert into findings (run_id, school, requirement, status, detail) values "
                "(1, null, 1, 7, null), (1, 1, 1, 1, 'attested by 督导 on 2026-01-01'), (1, 1, 2, 2, null)")
    old.conn.commit()
    old.close()
    db = open_database(path)
    got = db.execute("select requirement_id, school_id, provenance from finding_details order by 1, 2").fetchall()
    assert got == [("x.a", None, "unanswered"), ("x.a", "S", "verified"), ("x.b", "S", "measured")]
    counted = db.execute("select provenance, sum(n) from requirement_counts group by 1 order by 1").fetchall()
    assert counted == [(1, 1), (3, 1), (4, 1)]


def test_每年_is_the_calendar_year_on_labels_and_in_the_calendar(registry):
    """Henan 二、1 建议学校每年至少开展一次面向家长的心理健康教育: 每年 is the calendar year on the fact's label
    and in the school-year calendar (two windows, split on 31 December), 每学年 the school year."""
    from xinli.core import vocabulary as vocab
    from xinli.core.views.schedule import build_schedule

    metrics = collect_metrics(registry, chain_of(registry, "henan")[0])
    assert metrics["parent_psych_sessions_per_year"].label.zh.startswith("每年（自然年）")
    assert metrics["psych_lessons_per_school_year"].label.zh.startswith("每学年")
    assert vocab.PERIODS["per_year"][0] == "每年（自然年）"
    data = build_schedule(build_checklist(registry, "henan", dt.date(2026, 9, 1)), "2026-2027")
    windows = [(e["start"], e["end"], e["placement"]["zh"]) for e in data["events"]
               if e["requirement_id"] == "henan.other.parent-education-yearly"]
    assert [(start, end) for start, end, _ in windows][0] == ("2026-09-01", "2026-12-31")
    assert windows[1][0] == "2027-01-01" and all(zh == "每年（自然年）" for _s, _e, zh in windows)


def test_a_roll_up_carries_the_counts_by_provenance_upward(registry, run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for code in ("chongqing_qijiang", "chongqing_dadukou"):
        header, row = compliant_row(registry, code, grades="1-6")
        assess(registry, code, write_csv(tmp_path / f"{code}.csv", header, row), tmp_path / f"{code}.db", AS_OF)
    result = run("rollup", "--region", "chongqing", "--db", "chongqing.db", "chongqing_qijiang.db", "chongqing_dadukou.db")
    assert result.exit_code == 0, result.output
    from xinli.core.records.rollup import rollup_report_data

    data = rollup_report_data(open_database(tmp_path / "chongqing.db", create=False))
    for subregion in data["subregions"]:
        counts = subregion["provenance_counts"]
        assert counts.get("met:self_reported", 0) > 0 and counts.get("met:measured", 0) > 0, subregion["region"]
    report = run("report", "--db", "chongqing.db", "--rollup").output
    assert "学校自查：符合" in report.split("### 按结论来源")[1]
