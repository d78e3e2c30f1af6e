"""Qu County, 渠府办〔2022〕129号: for every machine check, the school that
complies in the least convenient allowed way is met (or not applicable) and
the one just below is not met.  Each case names its clause."""

from __future__ import annotations

import pytest
from compliance import Case, assert_case, machine_checked, param, verdict

CODE = "sichuan_quxian"

CASES = [
    Case("四（三）8", "sichuan_quxian.screening.annual-assessment", "5-6", {"psych_survey_rounds_per_school_year": 1},
         {"psych_survey_rounds_per_school_year": 0}, "county organises one round a school year: a region finding"),
    Case("四（一）2", "sichuan_quxian.staffing.area-centre-posts", "1-9", {"area_centre_school": True, "area_fulltime_psych_posts": 4},
         {"area_centre_school": True, "area_fulltime_psych_posts": 1}, "2—3 read as at least 2: 4 posts comply"),
    Case("四（二）5", "sichuan_quxian.staffing.fulltime-teacher-per-school", "1-6", {"fulltime_psych_teachers": 1},
         {"fulltime_psych_teachers": 0}, "one full-time teacher"),
    Case("四（五）17", "sichuan_quxian.staffing.class-psych-monitors", "1-6", {"class_psych_monitor_pair__g4to12": True},
         {"class_psych_monitor_pair__g4to12": False}, "1-6 school, monitors in grades 4-6 only"),
    Case("四（三）9", "sichuan_quxian.curriculum.lessons-every-two-weeks", "1-6", {"psych_lessons_per_two_weeks": 1},
         {"psych_lessons_per_two_weeks": 0}, "one lesson every two weeks"),
    Case("四（三）9", "sichuan_quxian.curriculum.lessons-per-semester", "1-6", {"psych_lessons_per_semester": 9},
         {"psych_lessons_per_semester": 8}, "9 lessons a semester"),
    Case("四（一）3", "sichuan_quxian.other.counseling-room-full-coverage-2024", "1-6", {"has_counseling_room": True},
         {"has_counseling_room": False}, "county target: every school has a room by end 2024"),
    Case("四（一）3", "sichuan_quxian.other.counseling-room-open-daily", "1-6",
         {"has_counseling_room": True, "counseling_room_open_daily": True},
         {"has_counseling_room": True, "counseling_room_open_daily": False}, "room open at set times daily"),
    Case("四（一）3", "sichuan_quxian.other.counseling-records", "1-6", {"has_counseling_room": True, "psych_records_kept": True},
         {"has_counseling_room": True, "psych_records_kept": False}, "the room keeps its records"),
    Case("四（二）6", "sichuan_quxian.other.parttime-teacher-training-every-3-years", "1-6",
         {"parttime_psych_teacher_trainings_last_3_years": 1}, {"parttime_psych_teacher_trainings_last_3_years": 0},
         "the county bureau's training: a region finding"),
    Case("四（二）6", "sichuan_quxian.other.school-based-training", "1-6", {"school_psych_training_sessions_per_semester": 1},
         {"school_psych_training_sessions_per_semester": 0}, "one session a semester"),
    Case("四（三）12", "sichuan_quxian.other.emergency-plan", "1-6", {"crisis_plan_in_place": True},
         {"crisis_plan_in_place": False}, "plan written"),
    Case("四（三）10", "sichuan_quxian.other.legal-education-activities", "1-6", {"legal_education_activities_per_semester": 1},
         {"legal_education_activities_per_semester": 0}, "one joint activity a semester"),
    Case("四（四）15", "sichuan_quxian.other.home-visits", "1-6", {"home_visit_rounds_per_school_year": 1},
         {"home_visit_rounds_per_school_year": 0}, "one full round a school year"),
    Case("四（四）15", "sichuan_quxian.other.parent-guidance-sessions", "1-6", {"parent_psych_sessions_per_semester": 1},
         {"parent_psych_sessions_per_semester": 0}, "one session a semester"),
    Case("四（五）18", "sichuan_quxian.other.counseling-email", "1-6", {"psych_counseling_email": True},
         {"psych_counseling_email": False}, "e-mail box set up"),
]


def test_every_machine_check_has_a_case(checklists):
    assert machine_checked(checklists[CODE]) <= {c.item for c in CASES}


@pytest.mark.parametrize("case", [param(c) for c in CASES])
def test_least_convenient_compliant_school_is_met_and_just_below_is_not(registry, checklists, case):
    assert_case(registry, checklists[CODE], case)


def test_四_五_17_grades_1_to_3_without_monitors_is_not_applicable(registry, checklists):
    item = "sichuan_quxian.staffing.class-psych-monitors"
    assert verdict(registry, checklists[CODE], item, "1-3", {})[1] == "not_applicable"


def test_四_一_2_four_posts_at_a_centre_school_are_no_failure_and_a_non_centre_school_is_out(registry, checklists):
    item = "sichuan_quxian.staffing.area-centre-posts"
    check = next(i for i in checklists[CODE]["items"] if i["id"] == item)["check"]
    assert check["op"] == "between" and check["value"] == [2, 3] and check["binds"] == "low"
    assert verdict(registry, checklists[CODE], item, "1-6", {"area_centre_school": False,
                                                             "area_fulltime_psych_posts": 0})[1] == "not_applicable"


@pytest.mark.parametrize("item", ["sichuan_quxian.other.parttime-teacher-training-every-3-years",
                                  "sichuan_quxian.screening.annual-assessment"])
def test_四_二_6_and_四_三_8_county_duties_are_region_findings_never_a_schools(checklists, item):
    entry = next(i for i in checklists[CODE]["items"] if i["id"] == item)
    assert not entry["school_duty"] and entry["assessed_at"] == "region"


@pytest.mark.parametrize(("clause", "item"), [
    ("四（三）12", "sichuan_quxian.other.key-period-counseling"),
    ("四（四）15", "sichuan_quxian.other.family-education-guidance"),
    ("四（五）17", "sichuan_quxian.other.varied-activities"),
])
def test_school_work_with_the_county_bureau_as_lead_unit_stays_a_school_duty(checklists, clause, item):
    entry = next(i for i in checklists[CODE]["items"] if i["id"] == item)
    assert entry["citation"]["clause"] == clause
    assert entry["school_duty"] and entry["assessed_at"] == "school" and "牵头单位" in entry["note"]["zh"]


@pytest.mark.parametrize("item", ["sichuan_quxian.other.counseling-room-open-daily", "sichuan_quxian.other.counseling-records"])
def test_四_一_3_a_school_still_without_a_room_is_not_failed_on_the_rooms_work(registry, checklists, item):
    assert verdict(registry, checklists[CODE], item, "1-6", {"has_counseling_room": False})[1] == "not_applicable"


def test_四_五_17_awareness_month_is_the_countys_designation(checklists):
    entry = next(i for i in checklists[CODE]["items"] if i["id"] == "sichuan_quxian.other.awareness-month-may")
    assert entry["check"] is None and entry["assessed_at"] == "region"


def test_四_三_11_and_四_三_12_are_two_procedures_and_guidance_is_not_reporting(checklists):
    assert [p["key"] for p in checklists[CODE]["procedures"]] == ["routine", "emergency"]
    step = next(i["step"] for i in checklists[CODE]["items"] if i["id"] == "sichuan_quxian.escalation.incident-start-plan")
    assert step["procedure"] == "emergency" and step["order"] == 1
    assert step["guided_by"] == ["education_authority", "police"] and step["reports_to"] == []
