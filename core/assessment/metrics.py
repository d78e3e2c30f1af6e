"""The metric vocabulary: the facts a check can compare.

Every ``Check.metric`` names one of these keys.  A metric is a fact about a
school as a whole (never about a student): a count, a number, a yes/no or a
date, with zh/en labels, a unit and a help text; or a figure a region
reports about itself (``reported_by = "region"``), judged by
:func:`judge_region_figure`.  The :class:`~xinli.core.model.Metric` class
belongs to the model; plugins add their own metrics through the
``xinli_register_metrics`` hook (issue 5); the bundled plugins use only the
built-in ones below.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from xinli.core.model import METRIC_TYPES, Metric

__all__ = ["METRIC_TYPES", "Metric", "builtin_metrics", "collect_metrics", "judge_region_figure", "region_figure"]


def _m(key: str, zh: str, en: str, type_: str, unit: str | None, help_zh: str, help_en: str,
       at_most: str | None = None) -> Metric:
    return Metric(key, (zh, en), type_, unit, (help_zh, help_en), at_most=at_most)


BUILTIN_METRICS: tuple[Metric, ...] = (
    # staffing
    _m("fulltime_psych_teachers", "专职心理健康教育教师数", "full-time psychology teachers", "integer", "persons",
       "学校在编在岗的专职心理健康教育教师人数。", "Number of full-time mental-health education teachers at the school.",
       at_most="psych_teachers_total"),
    _m("psych_teachers_total", "专兼职心理健康教育教师数", "full- and part-time psychology teachers", "integer", "persons",
       "专职与兼职心理健康教育教师合计人数。", "Full-time plus part-time mental-health education teachers."),
    _m("area_fulltime_psych_posts", "片区专职心理健康教育教师岗位数", "full-time psychology posts in the area", "integer", "posts",
       "依托本片区中心学校设置的心理健康教育教师专职岗位数。", "Full-time psychology posts set up at this area centre school for its area."),
    _m("class_psych_monitors_per_class", "每班心理委员人数（最少的班）", "psychological monitors per class (smallest class)",
       "integer", "persons", "各班心理委员人数中的最小值。", "The smallest number of psychological monitors in any class."),
    _m("class_psych_monitors", "各班设立心理委员", "every class has a psychological monitor", "boolean", "flag",
       "是否每个班级都设立了心理委员。", "Whether every class has a psychological monitor."),
    _m("class_psych_monitor_pair", "各班设男、女心理委员各1名", "every class has one male and one female psychological monitor",
       "boolean", "flag", "是否每个班级都设立了男、女心理委员各1名。", "Whether every class has one male and one female psychological monitor."),
    _m("class_health_monitors", "各班设立健康委员", "every class has a health monitor", "boolean", "flag",
       "是否每个班级都设立了健康委员。", "Whether every class has a health monitor."),
    _m("dorm_psych_monitors", "寝室设立心理委员", "dormitory psychological monitors", "boolean", "flag",
       "寄宿制学校是否在寝室设立心理委员。", "Whether a boarding school has psychological monitors in its dormitories."),
    _m("crisis_group_established", "已成立心理危机工作小组", "crisis group established", "boolean", "flag",
       "是否成立了学校心理危机干预（管理）工作小组。", "Whether the school has set up its crisis-intervention group."),
    _m("psych_leader_assigned", "有副职领导分管心理危机干预", "a deputy leader is in charge", "boolean", "flag",
       "是否由一名副职领导分管心理危机干预工作。", "Whether a deputy head is in charge of crisis intervention."),
    # facilities
    _m("has_counseling_room", "已建成心理辅导室", "has a counseling room", "boolean", "flag",
       "学校是否建成心理辅导室。", "Whether the school has a counseling room."),
    _m("counseling_room_open_hours_per_week", "心理辅导室每周开放小时数", "counseling-room opening hours per week", "number",
       "hours", "心理辅导室每周开放接待的小时数。", "Hours per week the counseling room is open to students."),
    _m("counseling_room_open_daily", "心理辅导室每天定时开放", "counseling room open at set times every day", "boolean", "flag",
       "学生在校期间心理辅导室是否每天定时开放。", "Whether the counseling room opens at set times every school day."),
    _m("psych_management_software", "配备心理管理软件", "psychological management software", "boolean", "flag",
       "心理辅导室是否配备心理管理（测评）软件。", "Whether the counseling room has psychological management software."),
    _m("psych_mailbox", "设立心理信箱", "psychological mailbox", "boolean", "flag",
       "是否设立心理信箱。", "Whether the school has a psychological letter box."),
    _m("psych_counseling_email", "设立心理咨询电子邮箱", "counseling e-mail address", "boolean", "flag",
       "是否设立心理咨询电子邮箱并由专职教师答复。", "Whether the school has a counseling e-mail box answered by a full-time teacher."),
    # screening
    _m("psych_survey_rounds_per_school_year", "每学年心理健康测评次数", "screening rounds per school year", "integer", "times",
       "本学年对学生开展心理健康测评（筛查）的次数。", "Mental-health screening rounds run for students this school year."),
    _m("psych_survey_rounds_per_year", "每年心理健康测评次数", "screening rounds per year", "integer", "times",
       "本年度对学生开展心理健康测评的次数。", "Mental-health screening rounds run for students this calendar year."),
    _m("psych_survey_rounds_per_semester", "每学期心理筛查次数", "screening rounds per semester", "integer", "times",
       "本学期对学生开展心理筛查的次数。", "Screening rounds run for students this semester."),
    _m("each_grade_screened_in_first_month", "本学期开学第一个月内各年级均完成一次心理筛查", "every grade screened within the first month of this semester",
       "boolean", "flag", "本学期开学后第一个月内，所涉各年级是否都完成了一次心理筛查（只筛部分年级或逾期完成为否）。",
       "Whether every grade concerned was screened once within the first month of this semester (some grades only, or later, is no)."),
    _m("intake_psych_survey", "新生入校心理普查", "intake screening of new students", "boolean", "flag",
       "新生进校后是否进行了心理普查并建档。", "Whether new students were screened after arrival and given records."),
    _m("psych_records_kept", "建立学生心理健康档案", "student mental-health records kept", "boolean", "flag",
       "是否建立并妥善保存学生心理健康（成长）档案。", "Whether students' mental-health records are kept and stored securely."),
    # curriculum
    _m("psych_lessons_per_semester", "每学期心理健康课时数", "psychology lessons per semester", "integer", "lessons",
       "每班每学期开设的心理健康教育（辅导）课课时数（取最少的班）。",
       "Psychology lessons per class per semester (the smallest class figure)."),
    _m("psych_lessons_per_school_year", "每学年心理健康课时数", "psychology lessons per school year", "integer", "lessons",
       "每个年级每学年的心理健康课课时数（取最少的年级）。", "Psychology lessons per grade per school year (the smallest grade figure)."),
    _m("psych_lessons_per_two_weeks", "每两周心理健康课时数", "psychology lessons every two weeks", "integer", "lessons",
       "每班每两周的心理健康课课时数（取最少的班）。", "Psychology lessons per class every two weeks (the smallest class figure)."),
    _m("resilience_content_share", "抗挫折等内容占比", "share of resilience and life-education content", "number", "share",
       "心理健康课程中抗挫折、励志、感恩、生命教育内容所占比例（0到1）。",
       "Share (0 to 1) of psychology lessons given to resilience, motivation, gratitude and life education."),
    # family-school work, training, activities
    _m("parent_psych_sessions_per_year", "每年面向家长心理健康教育次数", "parent mental-health sessions per year", "integer",
       "times", "本年度面向家长开展心理健康教育的次数。", "Mental-health education sessions for parents this year."),
    _m("parent_psych_sessions_per_semester", "每学期面向家长心理健康活动次数", "parent mental-health sessions per semester",
       "integer", "times", "本学期面向家长开展心理健康知识普及或家庭教育指导的次数。",
       "Mental-health or family-education sessions for parents this semester."),
    _m("parent_open_days_per_semester", "每学期家长开放日次数", "parent open days per semester", "integer", "times",
       "本学期举办家长开放日的次数。", "Parent open days held this semester."),
    _m("home_visit_rounds_per_school_year", "每学年全覆盖家访轮数", "full-coverage home-visit rounds per school year",
       "integer", "times", "各班班主任本学年完成全覆盖家访的轮数（取最少的班）。",
       "Rounds of home visits covering every student of a class this school year (smallest class figure)."),
    _m("school_psych_training_sessions_per_semester", "每学期心理健康校本培训期数", "school-based psychology training sessions per semester",
       "integer", "sessions", "本学期举办的心理健康教育校本培训期数。", "School-based mental-health training sessions held this semester."),
    _m("parttime_psych_teacher_trainings_last_3_years", "近3年兼职心理健康教育教师参训次数（最少者）",
       "trainings per part-time psychology teacher in the last 3 years (fewest)", "integer", "times",
       "近3年内本校每名兼职心理健康教育教师参加教育行政部门组织的心理健康教育培训次数中的最小值。",
       "The fewest trainings organised by the education authority that any of the school's part-time psychology teachers "
       "attended in the last 3 years."),
    _m("legal_education_activities_per_semester", "每学期全校性法治宣传教育活动次数", "school-wide legal-education activities per semester",
       "integer", "times", "本学期与公检法联合开展的全校性法治宣传教育活动次数。",
       "School-wide legal-education activities held with police, courts or procuratorate this semester."),
    _m("awareness_month_held", "开展心理健康教育宣传月活动", "awareness-month activities held", "boolean", "flag",
       "是否在规定的心理健康教育宣传月开展了活动。", "Whether the school held activities in the mental-health awareness month."),
    _m("crisis_plan_in_place", "制定心理危机干预预案", "crisis-intervention plan in place", "boolean", "flag",
       "是否制定了学生心理危机干预（应急）预案或工作方案。", "Whether the school has a written crisis-intervention plan."),
    _m("parent_school_established", "建立家长学校", "parent school established", "boolean", "flag",
       "是否建立家长学校。", "Whether the school runs a parent school."),
    _m("returning_student_talks_per_month", "心理教师每月与复学学生谈心次数（最少者）", "monthly talks with returning students (fewest)",
       "integer", "times", "本月心理教师与每名因心理危机休学后复学的学生谈心次数中的最小值。",
       "The fewest talks a psychology teacher held this month with any student back from leave taken for a psychological crisis."),
)


def builtin_metrics() -> dict[str, Metric]:
    """The built-in metrics by key."""
    return {m.key: m for m in BUILTIN_METRICS}


def collect_metrics(registry: Any, chain: Iterable[Any] | None = None) -> dict[str, Metric]:
    """The built-in metrics plus those plugins register through
    ``xinli_register_metrics``: the plugins of ``chain`` when given (a
    region's chain from :func:`xinli.core.layering.chain_of`, so a county's
    metrics never depend on which other counties are installed), else every
    loaded plugin.  Two different definitions of one key are an error naming
    both owners; an identical re-definition is accepted.

    A plugin whose hook raises, or returns something other than a list of
    :class:`Metric`, is dropped from ``registry`` with the reason recorded
    (asking for its region then names it); every other region still works."""
    from xinli.core.errors import PluginError, one_line
    from xinli.core.hookcall import call_alone

    metrics = builtin_metrics()
    owners = dict.fromkeys(metrics, "xinli (built-in)")
    layers = list(chain) if chain is not None else [registry.plugins[code] for code in registry.codes]
    for plugin in layers:
        code = plugin.code
        if registry.plugins.get(code) is not plugin:
            continue  # dropped already
        try:
            answers = call_alone(registry.pm, plugin.plugin, "xinli_register_metrics")
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # a plugin's hook may raise anything
            registry.drop(code, f"xinli_register_metrics failed: {one_line(exc)}")
            continue
        found = []
        for answer in answers:
            if answer is not None and not isinstance(answer, list | tuple):
                found = None
                kind = type(answer).__name__
                break
            for metric in answer or ():
                if not isinstance(metric, Metric):
                    found = None
                    kind = type(metric).__name__
                    break
                found.append(metric)
            if found is None:
                break
        if found is None:
            registry.drop(code, f"xinli_register_metrics returned {kind}, not a list of Metric")
            continue
        for metric in found:
            if metric.key in metrics and metrics[metric.key] != metric:
                raise PluginError(
                    f"metric {metric.key!r} is defined differently by {owners[metric.key]} and by plugin {code!r}"
                )
            metrics[metric.key] = metric
            owners.setdefault(metric.key, f"plugin {code!r}")
    return metrics


def region_figure(check: dict[str, Any], value: Any) -> float | None:
    """A region-reported figure as the number a check compares: a count as
    given; a share as a number from 0 to 1, or ``"45/50"`` / ``(45, 50)``
    (so many of the population); a ratio per N people as given (already per
    ``per_population``), or ``(count, population)``, turned into the count
    per N.  None when unknown (blank).  Anything else is a ``ValueError``
    naming what was expected."""
    from fractions import Fraction

    from xinli.core.model import parse_share

    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    measure = check.get("measure")
    pair: tuple[Any, Any] | None = None
    if isinstance(value, str) and "/" in value:
        top, _, bottom = value.partition("/")
        pair = (top.strip(), bottom.strip())
    elif isinstance(value, list | tuple):
        if len(value) != 2:
            raise ValueError("a figure given as a pair is (count, population)")
        pair = (value[0], value[1])
    if pair is not None:
        if measure not in ("share", "per_population"):
            raise ValueError("only a share or a ratio per N people is given as count/population")
        try:
            count, population = Fraction(str(pair[0])), Fraction(str(pair[1]))
        except (ValueError, ZeroDivisionError):
            raise ValueError("expected count/population, e.g. 45/50") from None
        if count < 0 or population <= 0 or (measure == "share" and count > population):
            raise ValueError("expected count/population with 0 <= count and a positive population"
                             + (" no smaller than the count" if measure == "share" else ""))
        share = count / population
        return float(share if measure == "share" else share * check["per_population"])
    if isinstance(value, bool):
        raise ValueError("expected a number")
    try:
        number = float(parse_share(value)) if isinstance(value, str) and "/" in value else float(value)
    except (TypeError, ValueError):
        raise ValueError("expected a number") from None
    if number < 0 or number != number or number in (float("inf"),):
        raise ValueError("expected a number that is not negative")
    if measure == "share" and number > 1:
        raise ValueError("a share lies between 0 and 1 (or write count/population, e.g. 45/50)")
    if measure == "count" and not number.is_integer():
        raise ValueError("a count is a whole number")
    return number


def judge_region_figure(check: dict[str, Any], value: Any, optional: bool = False) -> tuple[str, str | None]:
    """Judge a figure a region reports about itself against a checklist
    ``check`` on a region-reported metric (``check["reported_by"] ==
    "region"``): ``(status, observed text)``, the status ``met``,
    ``not_met`` or ``unknown`` (blank figure), or for an encouraged or
    permitted item (``optional``) ``adopted`` / ``not_adopted``.  The
    figure is read by :func:`region_figure` (a malformed one raises
    ``ValueError``).  A share target written ``"9/10"`` is met by exactly
    nine tenths; ``between`` honours ``binds``."""
    from xinli.core.model import parse_share

    if check.get("reported_by") != "region":
        raise ValueError(f"metric {check.get('metric')!r} is not reported by the region")
    figure = region_figure(check, value)
    if figure is None:
        return "unknown", None
    op, target = check["op"], check["value"]
    if op == "true":
        met = figure > 0
    elif op == "between":
        low, high = target
        binds = check.get("binds") or "low"
        met = (figure >= low or binds == "high") and (figure <= high or binds == "low")
    else:
        bound = float(parse_share(target)) if isinstance(target, str) else float(target)
        # a share target like 9/10 against 45/50 must not fail on rounding
        close = abs(figure - bound) <= 1e-9 * max(1.0, abs(bound))
        met = {">=": figure >= bound or close, "<=": figure <= bound or close, "==": close}[op]
    observed = str(int(figure)) if figure.is_integer() else f"{figure:.6g}"
    status = "met" if met else "not_met"
    if optional:
        status = {"met": "adopted", "not_met": "not_adopted"}[status]
    return status, observed


def relation_problems(metrics: dict[str, Metric], columns: list[str], values: tuple[Any, ...]) -> list[tuple[str, Any, str]]:
    """The declared relations between facts (``at_most``) one school's
    ``values`` (aligned with ``columns``) break: ``(column, value, reason)``
    naming the relation, e.g. ``fulltime_psych_teachers <= psych_teachers_total``."""
    position = {key: i for i, key in enumerate(columns)}
    found = []
    for key, index in position.items():
        metric = metrics.get(key)
        if metric is None or metric.at_most is None or metric.at_most not in position:
            continue
        smaller, larger = values[index], values[position[metric.at_most]]
        if smaller is not None and larger is not None and smaller > larger:
            found.append((metric.at_most, larger,
                          f"breaks the declared relation {key} <= {metric.at_most}: {key} is {shown_number(smaller)}, "
                          f"more than {metric.at_most} {shown_number(larger)}"))
    return found


def shown_number(value: Any) -> str:
    """A fact as written in a message: ``2``, not ``2.0``."""
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
