"""Qijiang, the 2023 reply letter: for every machine check, the school that
complies in the least convenient allowed way is met (or not applicable) and
the one just below is not met.  Each case names its clause."""

from __future__ import annotations

import pytest
from compliance import Case, assert_case, machine_checked, param, verdict

CODE = "chongqing_qijiang"

CASES = [
    Case("二（二）", "chongqing_qijiang.screening.semester-screening", "4-6",
         {"each_grade_screened_in_first_month__g4to12": True}, {"each_grade_screened_in_first_month__g4to12": False},
         "every grade 4-6 screened in month 1: a district finding"),
    Case("二（三）", "chongqing_qijiang.staffing.class-psych-monitor", "1-6", {"class_psych_monitors": True},
         {"class_psych_monitors": False}, "a monitor in every class"),
    Case("二（一）", "chongqing_qijiang.curriculum.lesson-every-two-weeks", "1-6", {"psych_lessons_per_two_weeks": 1},
         {"psych_lessons_per_two_weeks": 0}, "one lesson every two weeks"),
    Case("二（一）", "chongqing_qijiang.curriculum.lessons-per-semester", "1-6", {"psych_lessons_per_semester": 10},
         {"psych_lessons_per_semester": 9}, "10 lessons a semester"),
    Case("二（一）", "chongqing_qijiang.curriculum.resilience-content-share", "1-6", {"resilience_content_share__g4_7_10": 0.5},
         {"resilience_content_share__g4_7_10": 0.49}, "half of grade 4's added lessons"),
    Case("二（五）", "chongqing_qijiang.other.parent-school", "1-6", {"parent_school_established": True},
         {"parent_school_established": False}, "parent school set up"),
    Case("二（五）", "chongqing_qijiang.other.parent-psych-education", "1-6", {"parent_psych_sessions_per_semester": 1},
         {"parent_psych_sessions_per_semester": 0}, "one session a semester"),
    Case("二（五）", "chongqing_qijiang.other.parent-open-day", "1-6", {"parent_open_days_per_semester": 1},
         {"parent_open_days_per_semester": 0}, "one open day a semester"),
    Case("二（五）", "chongqing_qijiang.other.student-records", "1-6", {"psych_records_kept": True},
         {"psych_records_kept": False}, "records for every student"),
    Case("三（一）", "chongqing_qijiang.other.crisis-procedures-and-plan", "1-6", {"crisis_plan_in_place": True},
         {"crisis_plan_in_place": False}, "plan written"),
]


def test_every_machine_check_has_a_case(checklists):
    assert machine_checked(checklists[CODE]) <= {c.item for c in CASES}


@pytest.mark.parametrize("case", [param(c) for c in CASES])
def test_least_convenient_compliant_school_is_met_and_just_below_is_not(registry, checklists, case):
    assert_case(registry, checklists[CODE], case)


def test_二_一_resilience_share_does_not_apply_to_a_grades_1_to_3_school(registry, checklists):
    item = "chongqing_qijiang.curriculum.resilience-content-share"
    assert verdict(registry, checklists[CODE], item, "1-3", {})[1] == "not_applicable"


def test_二_二_screening_is_asked_per_grade_and_within_the_first_month(checklists):
    item = next(i for i in checklists[CODE]["items"] if i["id"] == "chongqing_qijiang.screening.semester-screening")
    assert item["check"]["metric"] == "each_grade_screened_in_first_month"
    assert item["check"]["grades"] == list(range(4, 13)) and item["assessed_at"] == "region"
    assert item["timing"] == [{"kind": "semester_start", "month": None, "days": 31}]


def test_二_五_parent_school_sentence_is_encoded_beside_the_records_sentence(checklists):
    items = {i["id"]: i for i in checklists[CODE]["items"]}
    assert items["chongqing_qijiang.other.parent-school"]["citation"]["quote"] == "全区各学校均建立了家长学校，定期对家长开展家庭教育指导"
    assert items["chongqing_qijiang.other.student-records"]["level"] == items["chongqing_qijiang.other.parent-school"]["level"]
