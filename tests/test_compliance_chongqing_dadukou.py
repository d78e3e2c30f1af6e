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


# 附件3: the one-off staff list due 2020-11-13 is history in later runs (issue 21)

STAFF_LIST = "chongqing_dadukou.other.staff-list-submission"


def _staff_list_findings(registry, as_of, answer):
    """The staff-list finding of one school (answering its 自查 with ``answer``), by the readable and the
    compact evaluator, and the region run's findings of the item (none: it is a school's duty)."""
    import datetime as dt

    from xinli.core.assessment.assess import SchoolEvaluator, compile_requirements
    from xinli.core.assessment.facts import School, columns_for
    from xinli.core.assessment.metrics import collect_metrics
    from xinli.core.assessment.statuses import STATUS_NAMES, compact_row, staged_row
    from xinli.core.views.checklist import build_checklist

    on = dt.date.fromisoformat(as_of)
    checklist = build_checklist(registry, CODE, on)
    columns = columns_for(checklist, collect_metrics(registry))
    keys = columns.value_keys
    values = tuple(answer if key == f"self:{STAFF_LIST}" else None for key in keys)
    school = School(2, "S1", "", (7, 8, 9), values)
    compiled = [c for c in compile_requirements(checklist, columns, on) if c.id == STAFF_LIST]
    evaluator = SchoolEvaluator(compiled, on, {})
    prepared = evaluator.prepare({STAFF_LIST: 1})
    ((_run, _school, _req, status, _observed, detail, provenance),) = evaluator.rows(school, 1, 1, prepared)
    deadlines = {1: "2020-11-13"}
    readable = staged_row(compact_row((1, 1, 1, status, None, detail, provenance), deadlines))[0]
    (compact,) = evaluator.compact_rows(school, 1, prepared)
    assert compact == readable  # the compact path stages exactly the readable one
    assert STATUS_NAMES[compact[1] & 15] == status
    return checklist, status, detail


def test_附件3_one_off_staff_list_is_a_current_duty_up_to_its_deadline(registry):
    checklist, status, detail = _staff_list_findings(registry, "2020-11-10", None)
    item = next(i for i in checklist["items"] if i["id"] == STAFF_LIST)
    assert item["one_off"] is True and item["one_off_past"] is False
    assert (status, detail) == ("not_yet_due", "due 2020-11-13")  # a current duty, due in three days
    checklist, status, _detail = _staff_list_findings(registry, "2020-11-13", None)
    assert next(i for i in checklist["items"] if i["id"] == STAFF_LIST)["one_off_past"] is False
    assert status == "manual"  # on the deadline day: unanswered, to be checked by hand
    _checklist, answered_no, _detail = _staff_list_findings(registry, "2020-11-13", False)
    assert answered_no == "not_met"  # a school that has not sent it by the deadline fails it


@pytest.mark.parametrize("as_of", ["2020-11-14", "2026-11-01"])
@pytest.mark.parametrize("answer", [None, False, True])
def test_附件3_one_off_staff_list_is_history_after_its_deadline(registry, as_of, answer):
    """Never a current duty (no manual, unanswered row) nor a failure, whatever a school answers; a school
    founded after 2020 is outside it like every other."""
    checklist, status, detail = _staff_list_findings(registry, as_of, answer)
    item = next(i for i in checklist["items"] if i["id"] == STAFF_LIST)
    assert item["one_off"] is True and item["one_off_past"] is True
    assert (status, detail) == ("not_applicable", "one-off duty past")


def test_附件3_checklist_marks_the_staff_list_past_in_words(run):
    zh = run("checklist", "-r", CODE, "--as-of", "2026-11-01").output
    en = run("checklist", "-r", CODE, "--as-of", "2026-11-01", "--lang", "en").output
    assert "2020-11-13 (一次性，已过期)" in zh and "one_off" not in zh
    assert "2020-11-13 (one-off, past)" in en
    before = run("checklist", "-r", CODE, "--as-of", "2020-11-10").output
    assert "2020-11-13 (一次性)\n" in before and "(一次性，已过期)" not in before


def test_附件3_one_off_past_finding_reads_in_words():
    from xinli.core.render.words import detail_words

    assert detail_words("one-off duty past", "zh") == "一次性事项，期限已过：属历史记录，不再核查"
    assert "one-off" in detail_words("one-off duty past", "en")


def test_附件3_one_off_needs_a_deadline_and_no_period():
    from xinli.core.model import Check, Citation, Requirement

    cite = Citation(CODE, "渡教发〔2020〕86号", "附件3 说明", "此表由各校填写")
    base = dict(id="chongqing_dadukou.other.x", domain="other", text=("名单", "list"), level="required",
                duty_holder="school", citation=cite, one_off=True)
    assert Requirement(**base, deadline="2020-11-13").one_off_past(__import__("datetime").date(2020, 11, 14))
    with pytest.raises(ValueError, match="needs its deadline"):
        Requirement(**base)
    with pytest.raises(ValueError, match="cannot count per period"):
        Requirement(**base, deadline="2020-11-13",
                    check=Check("psych_records_kept", "true", None, None, "per_school_year", "school"))


def test_附件3_a_one_off_region_duty_is_history_too(registry):
    """The region path (an authority's one-off duty) says the same after the deadline; before it, not yet due."""
    import datetime as dt

    import attrs

    from xinli.core.assessment.assess import compile_requirements, evaluate_region
    from xinli.core.assessment.facts import columns_for
    from xinli.core.assessment.metrics import collect_metrics
    from xinli.core.views.checklist import build_checklist

    for on, expected in ((dt.date(2020, 11, 10), ("not_yet_due", "due 2020-11-13")),
                         (dt.date(2020, 11, 14), ("not_applicable", "one-off duty past"))):
        checklist = build_checklist(registry, CODE, on)
        columns = columns_for(checklist, collect_metrics(registry))
        (req,) = [attrs.evolve(c, scope="region") for c in compile_requirements(checklist, columns, on) if c.id == STAFF_LIST]
        ((_req, status, _observed, detail),) = evaluate_region([req], [], on)
        assert (status, detail) == expected
