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
