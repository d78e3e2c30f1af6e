"""Dadukou, 渡教发〔2020〕86号: for every machine check, the school that
complies in the least convenient allowed way is met and the one just below
is not met.  Each case names its clause."""

from __future__ import annotations

import pytest
from compliance import Case, assert_case, machine_checked, param

CODE = "chongqing_dadukou"

CASES = [
    Case("二", "chongqing_dadukou.screening.annual-monitoring", "1-6", {"psych_survey_rounds_per_school_year": 1},
         {"psych_survey_rounds_per_school_year": 0}, "one round a school year"),
    Case("一（三）", "chongqing_dadukou.staffing.deputy-leader-in-charge", "1-6", {"psych_leader_assigned": True},
         {"psych_leader_assigned": False}, "a deputy in charge"),
    Case("二", "chongqing_dadukou.staffing.class-health-monitor", "1-6", {"class_health_monitors": True},
         {"class_health_monitors": False}, "a health monitor in every class"),
    Case("六", "chongqing_dadukou.staffing.psych-teacher-minimum", "1-6", {"psych_teachers_total": 1},
         {"psych_teachers_total": 0}, "one part-time teacher, no full-time one"),
    Case("二", "chongqing_dadukou.other.psych-records", "1-6", {"psych_records_kept": True},
         {"psych_records_kept": False}, "records kept"),
    Case("六", "chongqing_dadukou.other.counseling-room", "1-6", {"has_counseling_room": True},
         {"has_counseling_room": False}, "room set up"),
]


def test_every_machine_check_has_a_case(checklists):
    assert machine_checked(checklists[CODE]) <= {c.item for c in CASES}


@pytest.mark.parametrize("case", [param(c) for c in CASES])
def test_least_convenient_compliant_school_is_met_and_just_below_is_not(registry, checklists, case):
    assert_case(registry, checklists[CODE], case)


# --- issue 21: third policy review -------------------------------------------------------------

def _item(checklists, iid):
    return next(i for i in checklists[CODE]["items"] if i["id"] == iid)


def test_二_screening_and_the_health_monitors_report_are_two_procedures(checklists):
    assert [p["key"] for p in checklists[CODE]["procedures"]] == ["screening", "class_report"]
    follow_up = _item(checklists, "chongqing_dadukou.escalation.professional-follow-up")["step"]
    assert follow_up["procedure"] == "screening" and follow_up["order"] == 1
    report = _item(checklists, "chongqing_dadukou.escalation.health-monitor-reports")
    assert report["step"]["procedure"] == "class_report" and report["step"]["role"] == "class_health_monitor"
    assert report["duty_holder"] == "class_health_monitor" and report["school_duty"]


def test_五_expert_group_is_the_education_commissions_act(checklists):
    """「区教委、区卫生健康委联合组建…专家组」: no 必须 duty laid on the health commission."""
    ids = {i["id"] for i in checklists[CODE]["items"]}
    assert "chongqing_dadukou.other.expert-group-health-commission" not in ids
    group = _item(checklists, "chongqing_dadukou.other.expert-group-education-commission")
    assert group["duty_holder"] == "education_authority" and "区卫生健康委" in group["citation"]["quote"]
    assert not [i for i in checklists[CODE]["items"] if i["duty_holder"] == "health_authority"]


@pytest.mark.parametrize("iid", ["chongqing_dadukou.referral.district-mental-health-centre",
                                 "chongqing_dadukou.referral.chonggang-general-hospital"])
def test_三_可_is_what_the_providers_can_do_not_a_schools_option(checklists, iid):
    item = _item(checklists, iid)
    assert "可为学校" not in item["citation"]["quote"] and "绿色通道" in item["citation"]["quote"]
    assert "不是学校的选择项" in item["note"]["zh"]
