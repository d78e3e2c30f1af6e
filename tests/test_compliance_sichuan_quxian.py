"""Qu County, 渠府办〔2022〕129号: for every machine check, the school that
complies in the least convenient allowed way is met (or not applicable) and
the one just below is not met.  Each case names its clause."""

from __future__ import annotations

import pytest
from compliance import Case, assert_case, machine_checked, param, verdict

CODE = "sichuan_quxian"

CASES = [
    Case("四（三）8", "sichuan_quxian.screening.annual-assessment", "5-6",
         {"full_coverage_psych_survey_rounds_per_school_year": 1},
         {"full_coverage_psych_survey_rounds_per_school_year": 0},
         "county organises one full-coverage round a school year: a region finding"),
    Case("四（一）2", "sichuan_quxian.staffing.area-centre-posts", "1-9", {"area_centre_school": True, "area_fulltime_psych_posts": 4},
         {"area_centre_school": True, "area_fulltime_psych_posts": 1}, "2—3 read as at least 2: 4 posts comply"),
    Case("四（二）5", "sichuan_quxian.staffing.fulltime-teacher-per-school", "1-6", {"fulltime_psych_teachers": 1},
         {"fulltime_psych_teachers": 0}, "one full-time teacher: the county's duty measured school by school"),
    Case("四（五）17", "sichuan_quxian.staffing.class-psych-monitors", "1-6", {"class_psych_monitor_pair__g4to12": True},
         {"class_psych_monitor_pair__g4to12": False}, "1-6 school, monitors in grades 4-6 only"),
    Case("四（三）9", "sichuan_quxian.curriculum.lessons-every-two-weeks", "1-6", {"psych_lessons_per_two_weeks": 1},
         {"psych_lessons_per_two_weeks": 0}, "one lesson every two weeks"),
    Case("四（三）9", "sichuan_quxian.curriculum.lessons-per-semester", "1-6", {"psych_lessons_per_semester": 9},
         {"psych_lessons_per_semester": 8}, "9 lessons a semester"),
    Case("四（一）3", "sichuan_quxian.other.counseling-room-full-coverage-2024", "1-6", {"has_counseling_room": True},
         {"has_counseling_room": False}, "county target: every school has a room by end 2024"),
    Case("四（一）3", "sichuan_quxian.other.counseling-room-by-school-size", "1-6", {"has_counseling_room": True},
         {"has_counseling_room": False}, "the school's own room, after the derived 2024-12-31 deadline"),
    Case("四（一）3", "sichuan_quxian.other.counseling-room-open-daily", "1-6",
         {"has_counseling_room": True, "counseling_room_open_daily": True},
         {"has_counseling_room": True, "counseling_room_open_daily": False}, "room open at set times daily"),
    Case("四（一）3", "sichuan_quxian.other.counseling-records", "1-6", {"has_counseling_room": True, "psych_records_kept": True},
         {"has_counseling_room": True, "psych_records_kept": False}, "the room keeps its records"),
    Case("四（二）6", "sichuan_quxian.other.parttime-teacher-training-every-3-years", "1-6",
         {"parttime_psych_teachers": 1, "parttime_psych_teacher_trainings_last_3_years": 1},
         {"parttime_psych_teachers": 1, "parttime_psych_teacher_trainings_last_3_years": 0},
         "the county bureau's training: a region finding"),
    Case("四（二）6", "sichuan_quxian.other.school-based-training", "1-6", {"school_psych_training_sessions_per_semester": 1},
         {"school_psych_training_sessions_per_semester": 0}, "one session a semester"),
    Case("四（三）12", "sichuan_quxian.other.emergency-plan", "1-6", {"crisis_plan_in_place": True},
         {"crisis_plan_in_place": False}, "plan written"),
    Case("四（三）10", "sichuan_quxian.other.legal-education-activities", "1-6", {"legal_education_activities_per_semester": 1},
         {"legal_education_activities_per_semester": 0}, "one joint activity a semester"),
    Case("四（四）15", "sichuan_quxian.other.home-visits", "1-6", {"home_visit_rounds_per_school_year": 1},
         {"home_visit_rounds_per_school_year": 0}, "one full round a school year"),
    Case("四（四）15", "sichuan_quxian.other.parent-guidance-sessions", "1-6",
         {"family_education_guidance_sessions_per_semester": 1},
         {"family_education_guidance_sessions_per_semester": 0}, "one family-education guidance activity a semester"),
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
                                  "sichuan_quxian.screening.annual-assessment",
                                  "sichuan_quxian.staffing.fulltime-teacher-per-school"])
def test_四_二_6_and_四_三_8_county_duties_are_region_findings_never_a_schools(checklists, item):
    entry = next(i for i in checklists[CODE]["items"] if i["id"] == item)
    assert not entry["school_duty"] and entry["assessed_at"] == "region"


@pytest.mark.parametrize(("clause", "item"), [
    ("四（三）12", "sichuan_quxian.other.key-period-counseling"),
    ("四（三）9", "sichuan_quxian.curriculum.senior-school-based-course"),
    ("四（三）11", "sichuan_quxian.escalation.report-key-groups"),
    ("四（三）11", "sichuan_quxian.escalation.crisis-mechanism-follow-up"),
    ("四（三）11", "sichuan_quxian.escalation.refer-beyond-scope"),
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


# --- issue 21: third policy review -------------------------------------------------------------

def _item(checklists, iid):
    return next(i for i in checklists[CODE]["items"] if i["id"] == iid)


def test_四_二_5_a_school_without_a_fulltime_teacher_is_never_its_own_not_met(registry, checklists):
    """「每所中小学校至少配备 1 名专职心理健康教育教师」 binds 县教育局/县人社局 (县管片用)."""
    item = "sichuan_quxian.staffing.fulltime-teacher-per-school"
    assert _item(checklists, item)["duty_holder"] == "education_authority"
    assert verdict(registry, checklists[CODE], item, "1-6", {"fulltime_psych_teachers": 0}) == ("region", "not_met")


def test_四_一_3_the_school_room_is_not_yet_due_before_the_derived_deadline(registry, checklists):
    """「利用三年时间分类建设标准心理辅导室」: deadline 2024年底, read from the same clause, shown with its reading."""
    import datetime as dt

    from compliance import School, SchoolEvaluator, collect_metrics, columns_for, compile_requirements, grades_of

    entry = _item(checklists, "sichuan_quxian.other.counseling-room-by-school-size")
    assert entry["deadline"] == "2024-12-31" and "2024年底" in entry["deadline_reading"]["zh"]
    assert entry["school_duty"] and entry["check"]["per"] == "by_deadline"
    columns = columns_for(checklists[CODE], collect_metrics(registry))
    keys = columns.attributes + [m.key for m in columns.metrics]
    school = School(2, "S1", "", grades_of("1-6"), tuple(False if k == "has_counseling_room" else None for k in keys))
    (req,) = [c for c in compile_requirements(checklists[CODE], columns) if c.id == entry["id"]]
    evaluator = SchoolEvaluator([req], dt.date(2024, 6, 1), {})
    assert evaluator.rows(school, 1, 1, evaluator.prepare({req.id: 1}))[0][3] == "not_yet_due"


def test_四_一_3_county_target_is_measured_over_the_jurisdiction(checklists):
    assert _item(checklists, "sichuan_quxian.other.counseling-room-full-coverage-2024")["check"]["scope"] == "jurisdiction"


def test_四_一_3_ethics_has_the_same_condition_as_its_siblings(registry, checklists):
    item = "sichuan_quxian.other.counseling-ethics"
    assert _item(checklists, item)["applies_if"] == _item(checklists, "sichuan_quxian.other.counseling-room-open-daily")["applies_if"]
    assert _item(checklists, item)["applies_if"] == [{"attribute": "has_counseling_room", "op": "==", "value": True}]


def test_四_二_6_a_school_with_no_parttime_teacher_is_not_applicable(registry, checklists):
    """「对兼职心理健康教育教师的培养培训」: 无兼职教师 answers 0 and is outside the county's finding."""
    item = "sichuan_quxian.other.parttime-teacher-training-every-3-years"
    assert verdict(registry, checklists[CODE], item, "1-6", {"parttime_psych_teachers": 0}) == ("region", "not_applicable")


def test_四_三_8_the_round_must_cover_every_student_and_records_are_the_schools(registry, checklists):
    from xinli.core.assessment.metrics import collect_metrics

    check = _item(checklists, "sichuan_quxian.screening.annual-assessment")["check"]
    assert "全覆盖" in collect_metrics(registry)[check["metric"]].label.zh
    records = _item(checklists, "sichuan_quxian.screening.one-student-one-plan-records")
    assert records["school_duty"] and "一生一策" in records["citation"]["quote"]


@pytest.mark.parametrize("item", ["sichuan_quxian.escalation.incident-start-plan",
                                  "sichuan_quxian.escalation.incident-support-others"])
def test_四_三_12_carries_the_crisis_incident_event(checklists, item):
    assert _item(checklists, item)["event"] == "crisis_incident"


def test_四_二_7_research_encouraged_evaluation_the_authoritys(checklists):
    research = _item(checklists, "sichuan_quxian.other.teacher-research-encouraged")
    assert research["level"] == "encouraged" and "评选" not in research["citation"]["quote"]
    promote = _item(checklists, "sichuan_quxian.other.promote-research-results")
    assert promote["level"] == "required" and promote["duty_holder"] == "education_authority"


def test_四_三_11_school_steps_report_to_someone_and_refer_to_bodies(checklists):
    steps = {i["id"]: i["step"] for i in checklists[CODE]["items"] if i["step"] and i["step"]["procedure"] == "routine"}
    assert all(s["role"] == "school" for s in steps.values())
    assert steps["sichuan_quxian.escalation.report-key-groups"]["reports_to"] == ["education_authority"]
    assert steps["sichuan_quxian.escalation.refer-beyond-scope"]["reports_to"] == ["professional_bodies", "medical_institutions"]
    transfer = steps["sichuan_quxian.escalation.transfer-to-treatment"]
    assert transfer["order"] == 4 and transfer["reports_to"] == ["medical_institutions"]


def test_四_四_15_label_names_family_education_guidance(registry, checklists):
    from xinli.core.assessment.metrics import collect_metrics

    metric = _item(checklists, "sichuan_quxian.other.parent-guidance-sessions")["check"]["metric"]
    assert "家庭教育指导" in collect_metrics(registry)[metric].label.zh


def test_四_二_5_the_county_finding_names_the_school_without_a_teacher(registry, checklists):
    """「17/18」 says which one: the region finding names the failing schools, in words in zh."""
    from compliance import AS_OF, School, collect_metrics, columns_for, compile_requirements, grades_of

    from xinli.core.assessment.assess import evaluate_region
    from xinli.core.render.words import detail_words

    item = "sichuan_quxian.staffing.fulltime-teacher-per-school"
    columns = columns_for(checklists[CODE], collect_metrics(registry))
    keys = columns.attributes + [m.key for m in columns.metrics]

    def school(row, sid, name, teachers):
        return School(row, sid, name, grades_of("1-6"), tuple(teachers if k == "fulltime_psych_teachers" else None
                                                              for k in keys))

    schools = [school(2, "Q01", "甲小学", 1), school(3, "Q02", "乙小学", 0), school(4, "Q03", "丙小学", 2)]
    (req,) = [c for c in compile_requirements(checklists[CODE], columns) if c.id == item]
    ((_req, status, observed, detail),) = evaluate_region([req], schools, AS_OF)
    assert (status, observed) == ("not_met", "2/3")
    assert "Q02" in detail and "Q01" not in detail and "Q03" not in detail
    assert detail_words(detail, "zh") == "不符合的学校：Q02"


def test_reports_keep_authority_duties_apart_and_call_optional_items_鼓励_可以():
    from xinli.core import messages
    from xinli.core.render.words import split_region_findings

    for key in ("adopted", "not_adopted", "not_required"):
        assert "可选" not in messages.STATUS_LABELS[key][0] and "鼓励/可以" in messages.STATUS_LABELS[key][0]
    data = {
        "requirements": [{"requirement_id": "a", "scope": "region"}, {"requirement_id": "b", "scope": "manual"},
                         {"requirement_id": "c", "scope": "region"}],
        "region_findings": [{"requirement_id": "a", "duty_holder": "education_authority"},
                            {"requirement_id": "b", "duty_holder": "school"},
                            {"requirement_id": "c", "duty_holder": "students"}],
    }
    authority, other = split_region_findings(data)
    assert [f["requirement_id"] for f in authority] == ["a"] and [f["requirement_id"] for f in other] == ["b", "c"]


@pytest.mark.parametrize(("item", "leads", "responsible"), [
    ("sichuan_quxian.staffing.area-centre-posts", ["township_government", "education_authority"],
     ["civil_affairs_bureau", "finance_bureau"]),
    ("sichuan_quxian.referral.medical-support-mechanism", ["health_authority"], ["education_authority"]),
    ("sichuan_quxian.other.left-behind-care-sites", ["township_government", "women_federation"],
     ["education_authority", "civil_affairs_bureau", "youth_league_committee"]),
    ("sichuan_quxian.other.double-reduction", ["education_authority"],
     ["civil_affairs_bureau", "culture_tourism_bureau", "market_regulation_bureau", "youth_league_committee"]),
])
def test_every_unit_of_each_责任单位_is_recorded_lead_before_the_comma(checklists, item, leads, responsible):
    """〔责任单位：…〕「逗号前为牵头单位」: 各乡镇 and 县教育局 both lead 四（一）2."""
    holders = _item(checklists, item)["duty_holders"]
    assert [h["actor"] for h in holders if h["role"] == "lead"] == leads
    assert [h["actor"] for h in holders if h["role"] == "responsible"] == responsible


def test_四_二_7_open_lessons_and_county_contest_are_in_the_calendar_without_an_invented_date(checklists):
    """「每学期至少组织 1 次…公开课或观摩课」 spans each semester, 「每年至少组织 1 次全县…赛课活动」 each calendar
    year the school year touches; the document gives no time within them, so nothing narrower is placed (issue 21)."""
    from xinli.core.views.schedule import build_schedule

    schedule = build_schedule(checklists[CODE], "2026-2027")
    terms = {t["key"]: (t["start"], t["end"]) for t in schedule["semesters"]}

    def spans(iid):
        return sorted((e["start"], e["end"]) for e in schedule["events"] if e["requirement_id"] == iid)

    assert spans("sichuan_quxian.other.open-lessons-per-semester") == sorted(terms.values())
    assert spans("sichuan_quxian.other.county-lesson-contest-per-year") == [
        (terms["autumn"][0], "2026-12-31"), ("2027-01-01", terms["spring"][1])]
    unplaced = {u["requirement_id"] for u in schedule["unplaced"]}
    assert not unplaced & {"sichuan_quxian.other.open-lessons-per-semester",
                           "sichuan_quxian.other.county-lesson-contest-per-year"}
    for iid, kind in (("sichuan_quxian.other.open-lessons-per-semester", "semester"),
                      ("sichuan_quxian.other.county-lesson-contest-per-year", "calendar_year")):
        item = next(i for i in checklists[CODE]["items"] if i["id"] == iid)
        assert item["timing"] == [{"kind": kind, "month": None, "days": None}]
        assert item["check"] is None  # still a county item checked by hand
