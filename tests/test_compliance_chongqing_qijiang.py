"""Qijiang, the 2023 reply letter: for every machine check, the school that
complies in the least convenient allowed way is met (or not applicable) and
the one just below is not met.  Each case names its clause."""

from __future__ import annotations

import pytest
from compliance import Case, assert_case, machine_checked, param, verdict

CODE = "chongqing_qijiang"

CASES = [
    Case("〔二〕（二）", "chongqing_qijiang.screening.semester-screening", "4-6",
         {"each_grade_screened_in_first_month__g4to12": True}, {"each_grade_screened_in_first_month__g4to12": False},
         "every grade 4-6 screened in month 1: a district finding"),
    Case("〔二〕（三）", "chongqing_qijiang.staffing.class-psych-monitor", "1-6", {"class_psych_monitors": True},
         {"class_psych_monitors": False}, "a monitor in every class"),
    Case("〔二〕（一）", "chongqing_qijiang.curriculum.lesson-every-two-weeks", "1-6", {"psych_lessons_per_two_weeks": 1},
         {"psych_lessons_per_two_weeks": 0}, "one lesson every two weeks"),
    Case("〔二〕（一）", "chongqing_qijiang.curriculum.lessons-per-semester", "1-6", {"psych_lessons_per_semester": 10},
         {"psych_lessons_per_semester": 9}, "10 lessons a semester"),
    Case("〔二〕（一）", "chongqing_qijiang.curriculum.resilience-content-share", "1-6", {"resilience_content_share__g4_7_10": 0.5},
         {"resilience_content_share__g4_7_10": 0.49}, "half of grade 4's added lessons"),
    Case("〔二〕（五）", "chongqing_qijiang.other.parent-psych-education", "1-6",
         {"parent_mental_health_sessions_per_semester": 1}, {"parent_mental_health_sessions_per_semester": 0},
         "one mental-health session a semester"),
    Case("〔二〕（五）", "chongqing_qijiang.other.parent-activities", "1-6", {"parent_activities_per_semester": 1},
         {"parent_activities_per_semester": 0}, "any one of open day, parents' meeting or lecture a semester"),
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


def _item(checklists, iid):
    return next((i for i in checklists[CODE]["items"] if i["id"] == iid), None)


@pytest.mark.parametrize("iid", ["chongqing_qijiang.other.parent-school", "chongqing_qijiang.other.student-records",
                                 "chongqing_qijiang.other.home-school-channels", "chongqing_qijiang.other.inform-parents",
                                 "chongqing_qijiang.other.one-to-one-guidance", "chongqing_qijiang.referral.assist-parents"])
def test_二_五_statements_of_what_has_been_done_are_not_obligations(checklists, iid):
    """「全区各学校均建立了家长学校」「为每个学生都建有心理健康档案」「各校还通过……」 report practice, they fail no school."""
    assert _item(checklists, iid) is None


def test_the_readme_states_the_one_rule_for_parts_一_and_二():
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "plugins" / CODE / "README.md").read_text(encoding="utf-8")
    assert "同一规则" in readme and "one rule" in readme


def test_三_一_emergency_plan_is_the_commissions_next_step_not_a_school_check(checklists):
    assert _item(checklists, "chongqing_qijiang.other.crisis-procedures-and-plan") is None
    guide = _item(checklists, "chongqing_qijiang.other.guide-schools")
    assert guide["duty_holder"] == "education_authority" and "完善心理危机应急预案" in guide["citation"]["quote"]


def test_二_五_any_listed_parent_activity_meets_it_and_sessions_are_mental_health(registry, checklists):
    from xinli.core.assessment.metrics import collect_metrics

    metrics = collect_metrics(registry)
    activities = _item(checklists, "chongqing_qijiang.other.parent-activities")
    assert "开放日活动、召开家长会、举办家庭教育讲座等活动" in activities["citation"]["quote"]
    assert "任何一种都算" in metrics[activities["check"]["metric"]].help.zh
    assert _item(checklists, "chongqing_qijiang.other.parent-meetings-and-lectures") is None
    session = metrics[_item(checklists, "chongqing_qijiang.other.parent-psych-education")["check"]["metric"]]
    assert "家庭教育指导不计" in session.help.zh


def test_二_二_referral_sentence_is_one_item_and_step_4_names_the_medical_institutions(checklists):
    quote = "指导家长转介到专业医疗机构进行诊断和治疗"
    assert [i["id"] for i in checklists[CODE]["items"] if i["citation"]["quote"] == quote] == [
        "chongqing_qijiang.escalation.guide-referral"]
    step = _item(checklists, "chongqing_qijiang.escalation.guide-referral")["step"]
    assert step["order"] == 4 and "medical_institutions" in step["reports_to"]


def test_part_numbers_of_parts_一_and_二_are_marked_as_supplied(checklists):
    clauses = {i["citation"]["clause"] for i in checklists[CODE]["items"]}
    assert all(c.startswith(("〔一〕", "〔二〕", "三")) for c in clauses), clauses


def test_一_三_three_level_mechanism_is_drawn_and_binds_no_school(checklists):
    """「明确了校级、教育学区级和区级心理疏导工作管理与服务内容、人员和职责」, led by 区中小学卫生保健所 and 区教科所."""
    from xinli.core.render.flowchart import render_mermaid
    from xinli.core.views.escalation import escalation_chain

    keys = [p["key"] for p in checklists[CODE]["procedures"]]
    assert keys == ["main", "three_level"]
    steps = [i for i in checklists[CODE]["items"] if i["step"] and i["step"]["procedure"] == "three_level"]
    assert [i["step"]["role"] for i in steps] == ["school", "education_zone", "education_authority"]
    for item in steps:
        assert not item["school_duty"] and item["assessed_at"] == "region"
        assert [h["actor"] for h in item["duty_holders"]] == ["school_health_centre", "research_office"]
    text = render_mermaid(escalation_chain(checklists[CODE]), "zh")
    assert "subgraph three_level" in text and "three_level_S3" in text and "教育学区" in text


def test_开头_health_commission_is_the_replys_co_handler_on_the_document_not_an_items_actor(registry, checklists):
    """「经与区卫生健康委共同研究办理」 is the only place the letter names 区卫生健康委: it is recorded on the
    document (verbatim), and no item makes it a duty holder, unit or partner (issue 21)."""
    from pathlib import Path

    import xinli.plugins.chongqing_qijiang as plugin

    source = (Path(plugin.__file__).parent / "source.txt").read_text(encoding="utf-8")
    quote = "经与区卫生健康委共同研究办理"
    assert quote in source and source.count("卫生健康委") == 1
    (doc,) = registry.plugins[CODE].jurisdiction.documents
    assert quote in doc.note.zh and "co-handler" in doc.note.en
    for item in checklists[CODE]["items"]:
        actors = {item["duty_holder"], *(d["actor"] for d in item.get("duty_holders") or [])}
        assert "health_authority" not in actors, item["id"]
        assert "卫生健康委" not in ((item.get("partner") or {}).get("name") or {}).get("zh", ""), item["id"]
