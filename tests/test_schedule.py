"""``xinli schedule``: the school-year calendar, checked by parsing what it
prints (ICS with icalendar, JSON, Markdown)."""

from __future__ import annotations

import datetime as dt
import json
import sys

import pytest

from xinli.core.views.schedule import build_schedule, default_spring_start, event_uid, semesters

icalendar = pytest.importorskip("icalendar")

SCREENING = "chongqing_qijiang.screening.semester-screening"


def events(ics_text: str) -> list:
    calendar = icalendar.Calendar.from_ical(ics_text)
    return [component for component in calendar.walk("VEVENT")]


def of(requirement_id: str, vevents: list) -> list:
    return [e for e in vevents if str(e.get("description")).rstrip().endswith(requirement_id)]


def test_qijiang_screening_windows_fall_in_september_and_in_spring(run):
    result = run("schedule", "--region", "chongqing_qijiang", "--school-year", "2026-2027", "--format", "ics")
    assert result.exit_code == 0, result.output
    screening = of(SCREENING, events(result.output))
    starts = sorted(e.decoded("dtstart") for e in screening)
    assert starts == [dt.date(2026, 9, 1), dt.date(2027, 2, 22)]
    autumn, spring = sorted(screening, key=lambda e: e.decoded("dtstart"))
    assert autumn.decoded("dtend") == dt.date(2026, 10, 2)  # 31 days, DTEND exclusive
    spring_term = semesters(2026)[1]
    assert spring_term["start"] <= spring.decoded("dtstart") <= spring_term["end"]
    description = str(autumn.get("description"))
    assert "每学期开学第一个月统一组织对小学四年级至高三年级学生分别进行一次心理筛查" in description
    assert "〔二〕（二）" in description and "綦江区教委" in description


def test_ics_is_well_formed_all_day_and_recurring_where_the_cadence_says(run):
    raw = run("schedule", "--region", "chongqing_qijiang", "--school-year", "2026-2027", "--format", "ics").stdout_bytes
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    text = raw.decode("utf-8")
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar.get("version")) == "2.0" and str(calendar.get("prodid"))
    vevents = events(text)
    assert vevents
    uids = [str(e.get("uid")) for e in vevents]
    assert len(uids) == len(set(uids))
    for event in vevents:
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert type(start) is dt.date and type(end) is dt.date and end > start
        assert event.get("dtstamp") is not None and str(event.get("summary"))
    fortnightly = of("chongqing_qijiang.curriculum.lesson-every-two-weeks", vevents)
    assert len(fortnightly) == 2
    for event in fortnightly:
        rule = event.get("rrule")
        assert rule["FREQ"] == ["WEEKLY"] and rule["INTERVAL"] == [2]
        assert type(rule["UNTIL"][0]) is dt.date


def test_uids_are_stable_across_runs_and_semester_dates(run, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    args = ("schedule", "--region", "nanchang", "--school-year", "2026-2027", "--format", "ics")
    first = run(*args).output
    assert run(*args).output == first  # byte-identical with SOURCE_DATE_EPOCH
    moved = run(*args, "--autumn-start", "2026-08-31", "--spring-start", "2027-02-15").output
    assert sorted(str(e.get("uid")) for e in events(moved)) == sorted(str(e.get("uid")) for e in events(first))
    other_year = run("schedule", "--region", "nanchang", "--school-year", "2027-2028", "--format", "ics").output
    assert not {str(e.get("uid")) for e in events(other_year)} & {str(e.get("uid")) for e in events(first)}


def test_uid_depends_on_region_requirement_year_and_occurrence():
    base = event_uid("nanchang", "nanchang.other.x", "2026-2027", "timing:month")
    assert base == event_uid("nanchang", "nanchang.other.x", "2026-2027", "timing:month")
    assert base.endswith("@xinli")
    others = {event_uid("henan", "nanchang.other.x", "2026-2027", "timing:month"),
              event_uid("nanchang", "nanchang.other.y", "2026-2027", "timing:month"),
              event_uid("nanchang", "nanchang.other.x", "2027-2028", "timing:month"),
              event_uid("nanchang", "nanchang.other.x", "2026-2027", "timing:exams:spring")}
    assert base not in others and len(others) == 4


def test_default_semester_starts():
    assert default_spring_start(2027) == dt.date(2027, 2, 22)  # 17 Feb 2027 is a Wednesday
    assert default_spring_start(2025) == dt.date(2025, 2, 17)  # 17 Feb 2025 is a Monday
    autumn, spring = semesters(2026)
    assert autumn["start"] == dt.date(2026, 9, 1) and spring["start"] == dt.date(2027, 2, 22)
    assert autumn["end"] < spring["start"] and (spring["end"] - spring["start"]).days == 20 * 7 - 1


def test_nanchang_awareness_month_and_key_periods(checklists):
    schedule = build_schedule(checklists["nanchang"], "2026-2027")
    may = [e for e in schedule["events"] if e["basis"] == "timing:month"]
    assert {e["requirement_id"] for e in may} == {"nanchang.other.awareness-month-may",
                                                  "nanchang.other.awareness-month-activities"}
    assert all((e["start"], e["end"]) == ("2027-05-01", "2027-05-31") for e in may)
    key = [e for e in schedule["events"] if e["requirement_id"] == "nanchang.screening.seven-key-periods"]
    bases = {e["basis"] for e in key}
    assert bases == {"timing:holidays", "timing:exams", "timing:semester_start", "timing:intake", "timing:graduation"}
    graduation = next(e for e in key if e["basis"] == "timing:graduation")
    assert graduation["start"] == "2027-06-01"
    exams = sorted(e["end"] for e in key if e["basis"] == "timing:exams")
    assert exams == [t["end"] for t in schedule["semesters"]]
    reasons = {u["requirement_id"]: u["reason"]["en"] for u in schedule["unplaced"]}
    assert "nanchang.other.school-work-plans-by-june-30" in reasons
    assert "2019-06-30" in reasons["nanchang.other.school-work-plans-by-june-30"]
    unplaced_key = [u for u in schedule["unplaced"] if u["requirement_id"] == "nanchang.screening.seven-key-periods"]
    assert len(unplaced_key) == 2  # 重大活动前后 and 季节交替前后 name no dates


def test_events_come_only_from_what_items_say(checklists):
    for code, checklist in checklists.items():
        items = {i["id"]: i for i in checklist["items"]}
        for event in build_schedule(checklist, "2026-2027")["events"]:
            item = items[event["requirement_id"]]
            kind, _, detail = event["basis"].partition(":")
            if kind == "timing":
                assert detail in {t["kind"] for t in item["timing"]}, (code, event)
            elif kind == "check":
                assert item["check"]["per"] == detail and not item["timing"], (code, event)
            else:
                assert kind == "deadline" and item["deadline"] == event["start"], (code, event)


def test_deadline_inside_the_school_year_is_an_event(checklists):
    schedule = build_schedule(checklists["sichuan_quxian"], "2024-2025")
    deadlines = [e for e in schedule["events"] if e["basis"] == "deadline"]
    assert deadlines and all(e["start"] == "2024-12-31" for e in deadlines)
    assert any(e["requirement_id"] == "sichuan_quxian.other.counseling-room-full-coverage-2024" for e in deadlines)


def test_markdown_and_json_formats(run):
    markdown = run("schedule", "--region", "nanchang", "--school-year", "2026-2027", "--lang", "en").output
    assert markdown.startswith("# Nanchang — 2026-2027 school-year calendar")
    assert "## 2027-05" in markdown and "## Not placed on the calendar" in markdown
    assert "洪教健字〔2019〕1号" in markdown
    data = json.loads(run("schedule", "--region", "nanchang", "--school-year", "2026-2027", "--format", "json").output)
    assert data["schema"] == "xinli.schedule/1" and data["school_year"] == "2026-2027"
    assert [s["key"] for s in data["semesters"]] == ["autumn", "spring"]
    zh = run("schedule", "--region", "nanchang", "--school-year", "2026-2027", "--lang", "zh", "--format", "ics").output
    summaries = [str(e.get("summary")) for e in events(zh)]
    assert summaries and all("：" in s and " / " not in s for s in summaries)


def test_default_school_year_is_the_current_one():
    from xinli.cli.schedule import current_school_year

    assert current_school_year(dt.date(2026, 11, 23)) == "2026-2027"
    assert current_school_year(dt.date(2027, 3, 1)) == "2026-2027"
    assert current_school_year(dt.date(2027, 8, 20)) == "2027-2028"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--school-year", "2026-2028"), "2026-2027"),
        (("--school-year", "2026-2027", "--autumn-start", "2026-11-01"), "--autumn-start 2026-11-01"),
        (("--school-year", "2026-2027", "--spring-start", "2026-02-20"), "--spring-start 2026-02-20"),
        (("--school-year", "2026-2027", "--format", "pdf"), "pdf"),
    ],
)
def test_bad_input_exits_2_with_one_message(run, tmp_path, args, message):
    target = tmp_path / "calendar.ics"
    result = run("schedule", "--region", "nanchang", *args, "--output", str(target))
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert not target.exists()


def test_unknown_region_exits_2(run, english):
    result = run("schedule", "--region", "atlantis", "--school-year", "2026-2027")
    assert result.exit_code == 2 and "valid codes:" in result.output


def test_ics_without_icalendar_exits_2(run, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "icalendar", None)
    target = tmp_path / "calendar.ics"
    result = run("schedule", "--region", "nanchang", "--school-year", "2026-2027", "--format", "ics", "--output",
                 str(target))
    assert result.exit_code == 2
    assert "pip install 'xinli[calendar]'" in result.output
    assert not target.exists()
