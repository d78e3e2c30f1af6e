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
    Case("附件2 二（二）1", "nanchang.screening.annual-survey", "7-9", {"whole_school_psych_survey_rounds_per_year": 1},
         {"whole_school_psych_survey_rounds_per_year": 0}, "one whole-school round a year"),
    Case(ROOM, "nanchang.staffing.counseling-room-teacher", "1-6", {"psych_teachers_total": 1},
         {"psych_teachers_total": 0}, "one part-time teacher (专兼)"),
    Case("附件2 一", "nanchang.staffing.crisis-management-group", "1-6", {"crisis_group_established": True},
         {"crisis_group_established": False}, "group set up"),
    Case("附件2 二（二）2（1）", "nanchang.staffing.class-warning-group", "1-6", {"class_psych_monitors": True},
         {"class_psych_monitors": False}, "monitor-led group in every class"),
    Case("附件1 四（二）", "nanchang.curriculum.counseling-lessons-per-semester", "1-6",
         {"counseling_lessons_per_class_per_semester__g1to12": 8},
         {"counseling_lessons_per_class_per_semester__g1to12": 7},
         "8 lessons in the starting grade only"),
    Case(ROOM, "nanchang.other.counseling-room", "1-6", {"has_counseling_room": True}, {"has_counseling_room": False},
         "room set up"),
    Case(ROOM, "nanchang.other.counseling-room-opening", "1-6", {"counseling_room_open_hours_per_week": 5},
         {"counseling_room_open_hours_per_week": 4.5}, "open exactly 5 hours a week"),
    Case(ROOM, "nanchang.other.counseling-room-duty", "1-6", {"counseling_room_duty_person": True},
         {"counseling_room_duty_person": False}, "opens regularly with a person on duty (有专人值班)"),
    Case("附件2 二（一）6", "nanchang.other.family-school-contact", "1-6", {"head_teacher_parent_contacts_per_month": 1},
         {"head_teacher_parent_contacts_per_month": 0}, "每周或每月: monthly, the wider choice, in the fewest class"),
    Case(RECORDS, "nanchang.other.management-software", "1-6", {"bureau_run": False, "psych_management_software": True},
         {"bureau_run": False, "psych_management_software": False}, "software installed (not bureau-run)"),
    Case(RECORDS, "nanchang.other.management-software", "1-6",
         {"bureau_run": True, "psych_management_software": False, "city_platform_in_use": True},
         {"bureau_run": True, "psych_management_software": False, "city_platform_in_use": False},
         "局属学校可申请使用…监测平台: a bureau-run school on the city platform, no software of its own"),
    Case("附件1 四「建立完善学生心理成长档案」", "nanchang.other.growth-records", "1-6", {"psych_records_kept": True},
         {"psych_records_kept": False}, "records kept"),
    Case("附件1 四「建立健全心理危机干预机制」", "nanchang.other.crisis-plan", "1-6", {"crisis_management_plan_in_place": True},
         {"crisis_management_plan_in_place": False}, "plan written"),
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
    facts = {"counseling_lessons_per_class_per_semester__g1to12": 8}
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
    assert procedures == ["routine", "emergency", "emergency_hospital"]  # the last: 二（三）2's alternative path
    steps = [i["step"] for i in checklists[CODE]["items"] if i["step"]]
    assert {s["procedure"] for s in steps} == {"routine", "emergency", "emergency_hospital"}
    emergency = [s["order"] for s in steps if s["procedure"] == "emergency"]
    assert emergency.count(3) == 5  # 二（三）2（1）-（4） at the same time, with contacting parents (3（2）)


# --- issue 21: third policy review -------------------------------------------------------------

def _item(checklists, iid):
    return next(i for i in checklists[CODE]["items"] if i["id"] == iid)


def test_附件2_三_五_suicide_risk_items_need_the_narrower_event(registry, checklists):
    """「对于因有强烈的自杀意念或自杀未遂休学而复学的学生」: not every return."""
    for iid in ("nanchang.other.return-suicide-risk-protection", "nanchang.other.return-expert-follow-up"):
        assert _item(checklists, iid)["event"] == "returning_after_suicide_risk"
    for iid in ("nanchang.other.return-arrangements", "nanchang.other.return-monthly-talks"):
        assert _item(checklists, iid)["event"] == "returning_students"


def test_附件2_三_五_school_requires_the_accepted_recovery_certificate(checklists):
    item = _item(checklists, "nanchang.other.return-certificate-required")
    assert item["level"] == "required" and item["duty_holder"] == "school" and item["school_duty"]
    assert "学校认可的心理疾病康复证明" in item["citation"]["quote"]
    assert item["event"] == "returning_students"


def test_附件2_二_二_2_reporting_system_is_a_school_duty_and_the_group_builder_is_unstated(checklists):
    system = _item(checklists, "nanchang.other.reporting-system")
    assert system["citation"]["quote"] == "建立学生心理问题汇报制度" and system["duty_holder"] == "school"
    group = _item(checklists, "nanchang.staffing.class-warning-group")
    assert group["duty_holder"] == "school" and "未写由谁组建" in group["note"]["zh"]


def test_附件2_二_三_2_report_after_a_hospital_transfer_is_required_on_its_own_path(checklists):
    transfer = _item(checklists, "nanchang.referral.emergency-hospital")
    report = _item(checklists, "nanchang.escalation.report-after-hospital-transfer")
    assert transfer["level"] == "permitted" and report["level"] == "required"
    assert report["step"]["procedure"] == "emergency_hospital"
    assert "emergency_hospital" in [p["key"] for p in checklists[CODE]["procedures"]]


@pytest.mark.parametrize("iid", ["nanchang.other.publicity-students-and-parents", "nanchang.other.model-schools-county",
                                 "nanchang.other.model-schools-school", "nanchang.other.union-activities"])
def test_附件1_四_积极_is_read_one_way(checklists, iid):
    """积极开展 / 积极组织参与 / 积极发挥: one reading, required."""
    assert _item(checklists, iid)["level"] == "required"


def test_附件1_四_teachers_difficulties_required_only_best_effort_encouraged(checklists):
    assert _item(checklists, "nanchang.other.teacher-hardships")["citation"]["quote"] == "关注教师的实际困难"
    assert _item(checklists, "nanchang.other.teacher-hardships")["level"] == "required"
    best = _item(checklists, "nanchang.other.teacher-hardships-best-effort")
    assert best["level"] == "encouraged" and best["citation"]["quote"].startswith("在力所能及的情况下")


def test_附件1_四_lectures_and_freshman_adaptation_are_items(checklists):
    assert _item(checklists, "nanchang.other.topical-lectures")["level"] == "required"
    fresh = _item(checklists, "nanchang.other.freshman-adaptation")
    assert fresh["level"] == "required" and [t["kind"] for t in fresh["timing"]] == ["intake"]


def test_附件2_二_一_6_monthly_parent_contact_is_in_the_calendar(checklists):
    """「班主任每周或每月与家长保持联系」: at least monthly, so a monthly calendar entry."""
    from xinli.core.views.schedule import build_schedule

    item = _item(checklists, "nanchang.other.family-school-contact")
    assert item["check"]["per"] == "per_month" and item["check"]["count_per"] == "class"
    events = [e for e in build_schedule(checklists[CODE], "2026-2027")["events"] if e["requirement_id"] == item["id"]]
    assert len(events) == 2  # each semester, repeating monthly
    assert all(e["recurrence"]["freq"] == "monthly" and e["recurrence"]["interval"] == 1 for e in events)


@pytest.mark.parametrize("iid", [
    "nanchang.escalation.emergency-school-head", "nanchang.escalation.emergency-command",
    "nanchang.escalation.emergency-intervention-team", "nanchang.referral.emergency-hospital",
    "nanchang.escalation.report-after-hospital-transfer", "nanchang.other.suspension-procedure",
    "nanchang.other.post-crisis-review", "nanchang.other.incident-filing",
    "nanchang.referral.designated-hospital-appraisal", "nanchang.other.post-crisis-intervention"])
def test_event_bound_duties_carry_crisis_incident(checklists, iid):
    """附件2 二（三）2, 3（4）, 二（四）, 三（二）（三）; 附件1 四 危机后."""
    assert _item(checklists, iid)["event"] == "crisis_incident"


def test_附件2_二_二_2_lead_in_is_no_step_grade_leader_is_told(checklists):
    assert _item(checklists, "nanchang.escalation.teachers-report")["step"] is None
    step = _item(checklists, "nanchang.escalation.important-cases-to-leader")["step"]
    assert step["order"] == 2 and "grade_leader" in step["reports_to"]
    routine = [i["step"] for i in checklists[CODE]["items"] if i["step"] and i["step"]["procedure"] == "routine"]
    to_leader = [s for s in routine if s["role"] == "head_teacher" and "school_leader" in s["reports_to"]]
    assert len(to_leader) == 1


def test_附件2_二_三_3_2_parents_are_not_contacted_last(checklists):
    steps = [i["step"] for i in checklists[CODE]["items"] if i["step"] and i["step"]["procedure"] == "emergency"]
    parents = _item(checklists, "nanchang.escalation.contact-parents")["step"]["order"]
    assert parents < max(s["order"] for s in steps)


def test_wording_labels_use_the_documents_words(registry):
    from xinli.core.assessment.metrics import collect_metrics

    metrics = collect_metrics(registry)
    assert "心理危机管理工作方案" in metrics["crisis_management_plan_in_place"].label.zh
    assert "每班" in metrics["counseling_lessons_per_class_per_semester"].label.zh
    assert "全校" in metrics["whole_school_psych_survey_rounds_per_year"].label.zh


def test_附件1_四_the_city_platform_counts_only_for_bureau_run_schools(registry, checklists):
    """「局属学校可申请使用南昌市未成年人心理健康辅导中心心理管理监测平台」: any-of with a bureau_run condition."""
    item = "nanchang.other.management-software"
    facts = {"bureau_run": False, "psych_management_software": False, "city_platform_in_use": True}
    assert verdict(registry, checklists[CODE], item, "1-6", facts)[1] == "not_met"
    platform = _item(checklists, "nanchang.other.city-centre-monitoring-platform")
    assert platform["applies_if"] == [{"attribute": "bureau_run", "op": "==", "value": True}]


def test_附件2_二_二_2_2_the_five_actors_are_not_collapsed_into_the_head_teacher(checklists):
    """「班主任、任课教师、教务主任、政教主任以及心理老师有针对性地与学生谈话」: all five on the step."""
    from xinli.core.views.escalation import escalation_chain

    item = _item(checklists, "nanchang.escalation.important-cases-to-leader")
    assert [h["actor"] for h in item["duty_holders"]] == [
        "head_teacher", "teachers", "academic_office", "moral_education_office", "psych_teacher"]
    step = next(s for s in escalation_chain(checklists[CODE])["steps"] if s["requirement_id"] == item["id"])
    for word in ("班主任", "任课教师", "教务", "政教", "心理健康教育教师"):
        assert word in step["role_label"]["zh"]
