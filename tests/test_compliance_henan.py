"""Henan, 教基〔2021〕330号: for every machine check, the school that complies
in the least convenient allowed way is met (or not applicable) and the one
just below is not met.  Each case names its clause."""

from __future__ import annotations

import pytest
from compliance import Case, assert_case, machine_checked, param, verdict

CODE = "henan"

CASES = [
    Case("一、2", "henan.screening.annual-assessment", "5-6", {"psych_survey_rounds_per_year": 1},
         {"psych_survey_rounds_per_year": 0}, "authority's duty: one round a year in grades 5-6, judged for the region"),
    Case("一、1", "henan.staffing.crisis-leading-group", "1-6", {"crisis_leading_group_established": True},
         {"crisis_leading_group_established": False}, "leading group set up"),
    Case("三、2", "henan.staffing.fulltime-psych-teacher", "1-6", {"fulltime_psych_teachers": 1},
         {"fulltime_psych_teachers": 0}, "exactly one full-time teacher"),
    Case("二、3", "henan.staffing.class-psych-monitors", "1-6", {"class_psych_monitors": True},
         {"class_psych_monitors": False}, "可 (permitted): adopted or not, never not met",
         ("adopted",), "not_adopted"),
    Case("二、3", "henan.staffing.dorm-psych-monitors", "7-9", {"boarding": True, "dorm_psych_monitors": True},
         {"boarding": True, "dorm_psych_monitors": False}, "boarding school, 可 (permitted)", ("adopted",), "not_adopted"),
    Case("二、2", "henan.curriculum.primary-lessons", "1-9", {"psych_lessons_per_school_year__g1to6": 12},
         {"psych_lessons_per_school_year__g1to6": 11}, "nine-year school, 12 in every primary grade"),
    Case("二、2", "henan.curriculum.secondary-lessons", "1-9", {"psych_lessons_per_school_year__g7to12": 14},
         {"psych_lessons_per_school_year__g7to12": 13}, "nine-year school, 14 in every junior grade"),
    Case("一、3", "henan.other.crisis-plan", "10-12", {"crisis_plan_in_place": True}, {"crisis_plan_in_place": False},
         "plan written"),
    Case("二、1", "henan.other.parent-education-yearly", "1-6", {"parent_psych_sessions_per_year": 1},
         {"parent_psych_sessions_per_year": 0}, "建议 (recommended): adopted or not, never not met (issue 20)",
         ("adopted",), "not_adopted"),
    Case("二、2", "henan.other.counseling-room", "1-6", {"has_counseling_room": True}, {"has_counseling_room": False},
         "room built"),
    Case("二、3", "henan.other.psych-mailbox", "1-6", {"psych_mailbox": True}, {"psych_mailbox": False},
         "可 (permitted): adopted or not", ("adopted",), "not_adopted"),
    Case("三、1", "henan.other.student-records", "1-6", {"psych_records_kept": True}, {"psych_records_kept": False},
         "records kept"),
]


def test_every_machine_check_has_a_case(checklists):
    assert machine_checked(checklists[CODE]) <= {c.item for c in CASES}


@pytest.mark.parametrize("case", [param(c) for c in CASES])
def test_least_convenient_compliant_school_is_met_and_just_below_is_not(registry, checklists, case):
    assert_case(registry, checklists[CODE], case)


@pytest.mark.parametrize("grades", ["1-9", "7-12", "1-12"])
def test_二_2_combined_schools_meeting_12_and_14_per_stage_meet_both(registry, checklists, grades):
    """二、2 小学各年级每学年不少于12课时，中学各年级每学年不少于14课时: 九年一贯制,
    完全中学 and 十二年一贯制 schools are measured per stage."""
    facts = {"psych_lessons_per_school_year__g1to6": 12, "psych_lessons_per_school_year__g7to12": 14}
    for item in ("henan.curriculum.primary-lessons", "henan.curriculum.secondary-lessons"):
        assert verdict(registry, checklists[CODE], item, grades, facts)[1] in ("met", "not_applicable")
    assert verdict(registry, checklists[CODE], "henan.curriculum.secondary-lessons", grades, facts)[1] == "met"


def test_二_2_facts_template_asks_one_column_per_stage_and_no_school_wide_figure(run):
    header = run("facts-template", "--region", CODE, "--headers", "key").output.lstrip("\ufeff").split(",")
    header = [h.strip() for h in header]
    assert "psych_lessons_per_school_year__g1to6" in header and "psych_lessons_per_school_year__g7to12" in header
    assert "psych_lessons_per_school_year" not in header


def test_二_3_permitted_items_are_never_not_met(registry, checklists):
    none = {"psych_mailbox": False, "class_psych_monitors": False}
    for item in ("henan.staffing.class-psych-monitors", "henan.other.psych-mailbox"):
        assert verdict(registry, checklists[CODE], item, "1-6", {})[1] == "unknown"
        assert verdict(registry, checklists[CODE], item, "1-6", none)[1] == "not_adopted"


def test_document_in_force_after_the_july_2021_floods_and_the_2012_guideline_numbered(checklists):
    (doc,) = [d for d in checklists[CODE]["documents"] if d["number"] == "教基〔2021〕330号"]
    assert doc["in_force_from"] == "2021-07-20"
    assert [r["number"] for r in doc["implements"]][0] == "教基一〔2012〕15号"


# --- issue 21: third policy review -------------------------------------------------------------

def _item(checklists, iid):
    return next(i for i in checklists[CODE]["items"] if i["id"] == iid)


def test_二_3_monitor_training_applies_only_where_monitors_exist(checklists):
    """「专兼职心理教师要加强对心理委员定期培训」: the monitors are a system a school 可 set up."""
    item = _item(checklists, "henan.other.monitor-training")
    assert item["applies_if"] == [{"attribute": "class_psych_monitors", "op": "==", "value": True}]


def test_一_1_the_fact_label_says_领导小组_and_the_monitor_check_is_per_school(registry, checklists):
    from xinli.core.assessment.metrics import collect_metrics

    metric = _item(checklists, "henan.staffing.crisis-leading-group")["check"]["metric"]
    assert "领导小组" in collect_metrics(registry)[metric].label.zh
    monitors = _item(checklists, "henan.staffing.class-psych-monitors")
    assert monitors["check"]["count_per"] == "school" and "按每所学校计" in monitors["note"]["zh"]


def test_三_1_funding_binds_the_funder_too_and_referral_mechanism_has_no_subject(checklists):
    assert "拨付经费的一方" in _item(checklists, "henan.other.basic-funding")["note"]["zh"]
    assert "没有明确的主语" in _item(checklists, "henan.referral.referral-mechanism")["note"]["zh"]


def test_二_3_parents_consent_is_a_condition_not_a_report(checklists):
    step = _item(checklists, "henan.escalation.referral-with-consent")["step"]
    assert "parents" not in step["reports_to"] and "家长同意" in step["condition"]["zh"]


def test_the_drawing_says_it_is_assembled_from_scattered_sentences(checklists):
    from xinli.core.render.flowchart import render_mermaid
    from xinli.core.views.escalation import escalation_chain

    (procedure,) = checklists[CODE]["procedures"]
    assert "分散语句" in procedure["name"]["zh"] and "scattered" in procedure["name"]["en"]
    text = render_mermaid(escalation_chain(checklists[CODE]), "zh")
    assert "分散语句归纳" in text
    encouraged = [p for p in escalation_chain(checklists[CODE])["partners"] if p["level"] == "encouraged"]
    assert encouraged and all(f"{p['name']['zh']} [鼓励]" in text for p in encouraged)


@pytest.mark.parametrize("code", ["henan", "nanchang", "sichuan_quxian", "chongqing_qijiang", "chongqing_dadukou"])
def test_printed_zh_pages_hold_no_internal_key(run, registry, code):
    """Issue 21 (all plugins): conditions print in words; notes cite no applies_if, reports_to, guided_by or README."""
    import re

    from xinli.core.assessment.metrics import collect_metrics

    text = run("checklist", "-r", code, "--lang", "zh").output
    for word in ("applies_if", "reports_to", "guided_by", "README", "理由见"):
        assert word not in text
    keys = set(collect_metrics(registry))
    for line in text.splitlines():
        if "适用条件" in line:
            assert not set(re.findall(r"[a-z][a-z0-9_]+", line)) & keys, line
