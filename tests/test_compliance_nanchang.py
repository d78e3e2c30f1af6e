"""Nanchang, 洪教健字〔2019〕1号: for every machine check, the school that
complies in the least convenient allowed way is met (or not applicable) and
the one just below is not met.  Each case names its clause."""

from __future__ import annotations

import pytest
from compliance import Case, assert_case, machine_checked, param, verdict

CODE = "nanchang"
ROOM = "附件1 四「全面落实学校心理辅导室设置」"
RECORDS = "附件1 四「开展心理健康普查建档工作」"

CASES = [
    Case(RECORDS, "nanchang.screening.intake-survey", "1-6", {"intake_psych_survey": True},
         {"intake_psych_survey": False}, "new students screened"),
    Case("附件2 二（二）1", "nanchang.screening.annual-survey", "7-9", {"psych_survey_rounds_per_year": 1},
         {"psych_survey_rounds_per_year": 0}, "one round a year"),
    Case(ROOM, "nanchang.staffing.counseling-room-teacher", "1-6", {"psych_teachers_total": 1},
         {"psych_teachers_total": 0}, "one part-time teacher (专兼)"),
    Case("附件2 一", "nanchang.staffing.crisis-management-group", "1-6", {"crisis_group_established": True},
         {"crisis_group_established": False}, "group set up"),
    Case("附件2 二（二）2（1）", "nanchang.staffing.class-warning-group", "1-6", {"class_psych_monitors": True},
         {"class_psych_monitors": False}, "monitor-led group in every class"),
    Case("附件1 四（二）", "nanchang.curriculum.counseling-lessons-per-semester", "1-6",
         {"psych_lessons_per_semester__g1to12": 8}, {"psych_lessons_per_semester__g1to12": 7},
         "8 lessons in the starting grade only"),
    Case(ROOM, "nanchang.other.counseling-room", "1-6", {"has_counseling_room": True}, {"has_counseling_room": False},
         "room set up"),
    Case(ROOM, "nanchang.other.counseling-room-opening", "1-6", {"counseling_room_open_hours_per_week": 5},
         {"counseling_room_open_hours_per_week": 4.5}, "open exactly 5 hours a week"),
    Case(RECORDS, "nanchang.other.management-software", "1-6", {"psych_management_software": True},
         {"psych_management_software": False}, "software installed"),
    Case("附件1 四「建立完善学生心理成长档案」", "nanchang.other.growth-records", "1-6", {"psych_records_kept": True},
         {"psych_records_kept": False}, "records kept"),
    Case("附件1 四「建立健全心理危机干预机制」", "nanchang.other.crisis-plan", "1-6", {"crisis_plan_in_place": True},
         {"crisis_plan_in_place": False}, "plan written"),
    Case("附件2 二（一）1（4）", "nanchang.other.awareness-month-activities", "1-6", {"awareness_month_held": True},
         {"awareness_month_held": False}, "May activities held"),
    Case("附件2 三（五）", "nanchang.other.return-monthly-talks", "1-6",
         {"event_returning_students": True, "returning_student_talks_per_month": 1},
         {"event_returning_students": True, "returning_student_talks_per_month": 0},
         "students have returned: one talk a month each"),
]


def test_every_machine_check_has_a_case(checklists):
    assert machine_checked(checklists[CODE]) <= {c.item for c in CASES}


@pytest.mark.parametrize("case", [param(c) for c in CASES])
def test_least_convenient_compliant_school_is_met_and_just_below_is_not(registry, checklists, case):
    assert_case(registry, checklists[CODE], case)


@pytest.mark.parametrize(("event", "expected"), [(False, "not_applicable"), (None, "unknown")])
def test_附件2_三_五_monthly_talks_do_not_apply_without_returning_students(registry, checklists, event, expected):
    """「心理老师每月与其谈心一次」 applies only where students have returned after crisis leave; a blank
    event is unknown, never 不适用 (issue 20)."""
    facts = {} if event is None else {"event_returning_students": event}
    assert verdict(registry, checklists[CODE], "nanchang.other.return-monthly-talks", "1-6", facts)[1] == expected


def test_附件1_四_二_eight_lessons_in_a_key_grade_of_a_nine_year_school_is_met(registry, checklists):
    """「在起始年级或关键年级开设……每学期不少于8节」: the one grade the school chose."""
    item = next(i for i in checklists[CODE]["items"] if i["id"] == "nanchang.curriculum.counseling-lessons-per-semester")
    assert item["check"]["grades_mode"] == "any"
    facts = {"psych_lessons_per_semester__g1to12": 8}
    assert verdict(registry, checklists[CODE], item["id"], "1-9", facts)[1] == "met"


def test_附件1_四_publicity_is_a_required_task(checklists):
    item = next(i for i in checklists[CODE]["items"] if i["id"] == "nanchang.other.publicity-students-and-parents")
    assert item["level"] == "required" and item["school_duty"]


def test_附件2_三_四_confidentiality_is_a_school_system(checklists):
    item = next(i for i in checklists[CODE]["items"] if i["id"] == "nanchang.other.responder-confidentiality")
    assert item["school_duty"] and item["assessed_at"] == "school"


def test_附件1_四_contact_channels_bind_no_one_and_require_no_mailbox(checklists):
    item = next(i for i in checklists[CODE]["items"] if i["id"] == "nanchang.other.student-contact-channels")
    assert item["level"] == "permitted" and item["duty_holder"] == "students" and item["check"] is None
    assert "心理信箱" in item["note"]["zh"] and "没有" in item["note"]["zh"]


def test_附件1_四_city_centre_is_a_monitoring_platform_not_a_referral_partner(checklists):
    items = {i["id"]: i for i in checklists[CODE]["items"]}
    assert "nanchang.referral.city-centre-platform" not in items
    platform = items["nanchang.other.city-centre-monitoring-platform"]
    assert platform["partner"] is None and platform["domain"] == "other" and platform["level"] == "permitted"
    partners = [i["partner"]["name"]["zh"] for i in checklists[CODE]["items"] if i["partner"]]
    assert "南昌市未成年人心理健康辅导中心" not in partners


def test_附件1_四_关注教师心理健康_opening_instruction_is_encoded(checklists):
    item = next(i for i in checklists[CODE]["items"] if i["id"] == "nanchang.other.humane-staff-management")
    assert item["citation"]["quote"] == "建立以情感为核心的人性化管理模式，在刚性的制度下用情感维系人"
    assert item["citation"]["clause"] == "附件1 四「关注教师心理健康」"


def test_附件2_二_二_and_二_三_are_two_procedures(checklists):
    procedures = [p["key"] for p in checklists[CODE]["procedures"]]
    assert procedures == ["routine", "emergency"]
    steps = [i["step"] for i in checklists[CODE]["items"] if i["step"]]
    assert {s["procedure"] for s in steps} == {"routine", "emergency"}
    emergency = [s["order"] for s in steps if s["procedure"] == "emergency"]
    assert emergency.count(3) == 4  # 二（三）2（1）-（4） at the same time
