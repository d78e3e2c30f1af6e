"""Controlled vocabularies shared by the model, the plugins and the outputs.

Each vocabulary maps a stable machine key (what the JSON contract carries) to
its Chinese and English labels (what people read).  Keys never change once
published; labels may be improved.
"""

from __future__ import annotations

DOMAINS: dict[str, tuple[str, str]] = {
    "screening": ("心理健康筛查与测评", "Screening schedule"),
    "escalation": ("预警上报与干预流程", "Escalation chain"),
    "staffing": ("人员配备与队伍建设", "Staffing rules"),
    "referral": ("转介与援助资源", "Referral partners"),
    "curriculum": ("心理健康课程与课时", "Curriculum quotas"),
    "other": ("其他要求", "Other requirements"),
}

LEVELS: dict[str, tuple[str, str]] = {
    "required": ("必须/应当", "required"),
    "recommended": ("建议", "recommended"),
    "encouraged": ("鼓励", "encouraged"),
    "permitted": ("可以", "permitted"),
}

#: Levels that are never a failure: a school adopts them or does not.
OPTIONAL_LEVELS: frozenset[str] = frozenset({"encouraged", "permitted"})

#: Administrative levels of a jurisdiction, from the top down.
JURISDICTION_LEVELS: dict[str, tuple[str, str]] = {
    "national": ("国家", "national"),
    "province": ("省级", "province"),
    "city": ("地级市", "prefecture city"),
    "county": ("县", "county"),
    "district": ("区", "district"),
}

#: Who a requirement binds, or whom it concerns.  ``SCHOOL_SIDE`` marks the
#: holders whose duties a school answers for in its own compliance.
ACTORS: dict[str, tuple[str, str]] = {
    # inside the school
    "school": ("学校", "the school"),
    "principal": ("校长", "principal"),
    "school_leader": ("学校分管领导", "school leader in charge"),
    "crisis_group": ("学校心理危机工作小组", "school crisis-intervention group"),
    "assessment_group": ("学生心理问题评估小组", "student mental-health assessment group"),
    "moral_education_office": ("政教处/德育处等处室", "moral-education and student-affairs offices"),
    "security_office": ("维稳处/安稳部门", "school security office"),
    "school_clinic": ("校医务室", "school clinic"),
    "counseling_room": ("心理辅导室", "counseling room"),
    "psych_teacher": ("心理健康教育教师", "psychology teacher"),
    "head_teacher": ("班主任", "head teacher"),
    "teachers": ("全体教师/任课教师", "teachers"),
    "class_psych_monitor": ("班级心理委员", "class psychological monitor"),
    "student_cadres": ("学生干部", "student cadres"),
    "youth_organisations": ("学校团队组织", "school Youth League and Young Pioneers"),
    "school_union": ("学校工会", "school trade union"),
    "school_and_family": ("学校和家庭（家校共同）", "the school together with families"),
    # outside the school
    "education_authority": ("教育行政部门", "education authority"),
    "research_office": ("教研机构", "teaching-research office"),
    "psych_centre": ("区域心理健康教育中心", "regional mental-health education centre"),
    "health_authority": ("卫生健康部门", "health authority"),
    "finance_bureau": ("财政部门", "finance bureau"),
    "hr_bureau": ("人力资源和社会保障部门", "human-resources bureau"),
    "civil_affairs_bureau": ("民政部门", "civil-affairs bureau"),
    "justice_bureau": ("司法行政部门", "justice bureau"),
    "police_and_courts": ("公安、法院、检察院", "police, courts and procuratorate"),
    "police": ("公安机关", "police"),
    "township_government": ("乡镇人民政府（街道办）", "township government or sub-district office"),
    "county_government": ("县级人民政府及各部门", "county government and its departments"),
    "youth_league_committee": ("团委", "Communist Youth League committee"),
    "women_federation": ("妇联", "Women's Federation"),
    "medical_institutions": ("医疗机构", "medical institutions"),
    "leading_group": ("心理危机干预工作领导小组", "crisis-intervention leading group"),
    "expert_group": ("专家组", "expert group"),
    # people a requirement concerns
    "students": ("学生", "students"),
    "parents": ("家长", "parents"),
    "families": ("家庭", "families"),
    "returning_students": ("复学学生", "students returning to school"),
    "at_risk_students": ("重点关注学生", "students at risk"),
    "new_students": ("新生", "new students"),
    "staff": ("教职员工", "school staff"),
    "crisis_responders": ("危机干预人员", "crisis-intervention staff"),
    "residents": ("居民", "local residents"),
    "left_behind_children": ("留守儿童", "left-behind children"),
    # --- issue 21: actors the Nanchang procedures name ---
    "grade_leader": ("年级组长", "grade leader"),
    "academic_office": ("教务处（教务主任）", "academic affairs office"),
    "professional_bodies": ("专业机构", "professional bodies"),
    "class_health_monitor": ("班级健康委员", "class health monitor"),
    "culture_tourism_bureau": ("文化体育旅游部门", "culture, sports and tourism bureau"),
    "market_regulation_bureau": ("市场监督管理部门", "market regulation bureau"),
    "school_health_centre": ("中小学卫生保健所", "primary and secondary school health centre"),
    "education_zone": ("教育学区", "education zone (学区)"),
    # --- issue 24: community bodies and departments of provincial plans ---
    "community": ("城乡社区", "urban and rural communities"),
    "neighbourhood_committee": ("村（居）民委员会", "village and residents' committees"),
    "social_organisations": ("社会组织", "social organisations"),
    "propaganda_department": ("党委宣传部门", "Party publicity department"),
    "cyberspace_office": ("网信部门", "cyberspace affairs office"),
}

SCHOOL_SIDE: frozenset[str] = frozenset(
    {
        "school",
        "principal",
        "school_leader",
        "crisis_group",
        "assessment_group",
        "moral_education_office",
        "security_office",
        "school_clinic",
        "counseling_room",
        "psych_teacher",
        "head_teacher",
        "teachers",
        "class_psych_monitor",
        "student_cadres",
        "youth_organisations",
        "school_union",
        "school_and_family",
        # --- issue 21 ---
        "grade_leader",
        "academic_office",
        "class_health_monitor",
    }
)

# --- issue 21: who is neither the school nor an authority ---
#: The people a requirement may concern or bind who are neither the school
#: side nor an authority (students, parents...): their duties are no
#: authority's finding.
PEOPLE: frozenset[str] = frozenset(
    {"students", "parents", "families", "returning_students", "at_risk_students", "new_students", "staff",
     "crisis_responders", "residents", "left_behind_children"}
)
#: The role of one of several duty holders of a requirement (``duty_holders``):
#: the first ``lead`` unit is the effective duty holder.
DUTY_ROLES: dict[str, tuple[str, str]] = {
    "lead": ("牵头单位", "lead unit"),
    "responsible": ("责任单位", "responsible unit"),
}

#: School attributes that applicability conditions may test, with their type
#: (``bool``, ``int`` or ``kind``, the last a key of :data:`SCHOOL_KINDS`).
#: Plugins may also test any yes/no or whole-number metric they register.
SCHOOL_ATTRIBUTES: dict[str, tuple[str, str, str]] = {
    "boarding": ("bool", "寄宿制学校", "boarding school"),
    "area_centre_school": ("bool", "片区中心学校", "area centre school"),
    "public_school": ("bool", "公办学校（否为民办）", "public school (false: private)"),
    "enrollment": ("int", "在校学生数", "number of students enrolled"),
    "boarders": ("int", "寄宿学生数", "number of boarding students"),
    "vocational": ("bool", "中等职业学校", "secondary vocational school (中职)"),
    "school_kind": ("kind", "学校类型（由年级与中职标志得出）", "kind of school (from grades and the vocational flag)"),
    "has_primary": ("bool", "设有小学学段（由年级得出）", "has primary grades (from grades)"),
    "has_junior": ("bool", "设有初中学段（由年级得出）", "has junior-secondary grades (from grades)"),
    "has_senior": ("bool", "设有普通高中学段（由年级得出）", "has general senior-secondary grades (from grades)"),
    # --- issue 24: schools run directly by the education bureau; special-education schools ---
    "bureau_run": ("bool", "局属学校", "school run directly by the education bureau (局属)"),
    "special_education": ("bool", "特殊教育学校", "special-education school"),
}

#: Attributes xinli works out itself from a school's grades and its
#: ``vocational`` flag; the facts never carry them as columns.
DERIVED_ATTRIBUTES: frozenset[str] = frozenset({"school_kind", "has_primary", "has_junior", "has_senior"})

#: Kinds of school by stage mix (``school_kind``), derived from grades
#: (1-6 primary, 7-9 junior, 10-12 senior) and the ``vocational`` flag.
SCHOOL_KINDS: dict[str, tuple[str, str]] = {
    "primary": ("小学", "primary school"),
    "junior": ("初级中学", "junior secondary school"),
    "senior": ("高级中学", "senior secondary school"),
    "vocational": ("中等职业学校", "secondary vocational school"),
    "nine_year": ("九年一贯制学校", "nine-year school (grades 1-9)"),
    "complete_secondary": ("完全中学", "complete secondary school (grades 7-12)"),
    "twelve_year": ("十二年一贯制学校", "twelve-year school (grades 1-12)"),
    "other": ("其他学段组合", "other mix of stages"),
}

#: Kinds of school a document covers and an item applies to (``school_kinds``
#: in a rules file).  A school may be of several kinds (a nine-year school
#: is primary and junior).  Kinds are worked out from the school's grades
#: (K1-K3 kindergarten, 1-6 primary, 7-9 junior, 10-12 senior or, with the
#: ``vocational`` flag, vocational, U1-U8 higher education) and declared
#: otherwise (``special_education``).
KINDS_OF_SCHOOL: dict[str, tuple[str, str]] = {
    "kindergarten": ("幼儿园", "kindergarten"),
    "primary": ("小学", "primary school"),
    "junior": ("初中", "junior secondary school"),
    "senior": ("普通高中", "general senior secondary school"),
    "vocational": ("中职", "secondary vocational school"),
    "higher": ("高校", "higher-education institution"),
    "special": ("特殊教育学校", "special-education school"),
}

#: Grade numbers: kindergarten years K1-K3 are -2..0, school grades 1-12 are
#: themselves, years of higher education U1-U8 are 13..20.
KINDERGARTEN_GRADES: tuple[int, ...] = (-2, -1, 0)
SCHOOL_GRADES: tuple[int, ...] = tuple(range(1, 13))
HIGHER_GRADES: tuple[int, ...] = tuple(range(13, 21))
GRADE_NUMBERS: frozenset[int] = frozenset(KINDERGARTEN_GRADES + SCHOOL_GRADES + HIGHER_GRADES)

#: The grades each kind teaches (``special`` schools: any school grade).
KIND_GRADES: dict[str, tuple[int, ...]] = {
    "kindergarten": KINDERGARTEN_GRADES,
    "primary": tuple(range(1, 7)),
    "junior": (7, 8, 9),
    "senior": (10, 11, 12),
    "vocational": (10, 11, 12),
    "higher": HIGHER_GRADES,
    "special": SCHOOL_GRADES,
}


def grade_label(grade: int) -> str:
    """A grade number as written: ``K1``-``K3``, ``1``-``12``, ``U1``-``U8``."""
    if grade <= 0:
        return f"K{grade + 3}"
    if grade >= 13:
        return f"U{grade - 12}"
    return str(grade)


def kinds_of(grades: frozenset[int] | set[int] | tuple[int, ...], vocational: bool | None,
             special: bool | None = None) -> frozenset[str]:
    """The :data:`KINDS_OF_SCHOOL` a school is of, from its grades and its
    ``vocational`` and ``special_education`` flags (an unknown flag counts
    as no: a general school)."""
    grades = set(grades)
    kinds = set()
    if grades & set(KINDERGARTEN_GRADES):
        kinds.add("kindergarten")
    if grades & set(range(1, 7)):
        kinds.add("primary")
    if grades & {7, 8, 9}:
        kinds.add("junior")
    if grades & {10, 11, 12}:
        kinds.add("vocational" if vocational else "senior")
    if grades & set(HIGHER_GRADES):
        kinds.add("higher")
    if special:
        kinds.add("special")
    return frozenset(kinds)


#: Who reports a metric's figure: each school (the facts), or the region about itself.
REPORTED_BY: dict[str, tuple[str, str]] = {
    "school": ("学校填报", "reported by each school"),
    "region": ("辖区填报", "reported by the region"),
}

#: What a region-reported figure measures.
MEASURES: dict[str, tuple[str, str]] = {
    "count": ("数量", "a count"),
    "share": ("比例", "a share of a population"),
    "per_population": ("每若干人口比例", "a ratio per N people"),
}

#: Events an item may depend on: the item applies only where the event has
#: happened, which the facts say in a yes/no column ``event_<key>``.
EVENTS: dict[str, tuple[str, str]] = {
    "returning_students": ("有因心理危机休学后复学的学生", "students have returned after leave taken for a psychological crisis"),
    "crisis_incident": ("本学年发生学生心理危机事件", "a student psychological-crisis incident happened this school year"),
    # --- issue 21: a narrower return (Nanchang 附件2 三（五）) ---
    "returning_after_suicide_risk": ("有因强烈自杀意念或自杀未遂休学后复学的学生",
                                     "students have returned after leave taken for strong suicidal ideation or a suicide attempt"),
}

#: How often a quantified requirement recurs.  ``every_<n>_years`` is also
#: accepted (see :func:`xinli.core.model.is_valid_period`).
PERIODS: dict[str, tuple[str, str]] = {
    "per_day": ("每天", "per day"),
    "per_week": ("每周", "per week"),
    "per_two_weeks": ("每两周", "every two weeks"),
    "per_month": ("每月", "per month"),
    "per_semester": ("每学期", "per semester"),
    "per_school_year": ("每学年", "per school year"),
    "per_year": ("每年（自然年）", "per calendar year"),
    "by_deadline": ("限期完成", "once, by the deadline"),
    "on_event": ("事件发生时", "on the event"),
    "standing": ("常设", "standing condition"),
}

#: Units the checks count in.
UNITS: dict[str, tuple[str, str]] = {
    "lessons": ("课时", "lessons"),
    "hours": ("小时", "hours"),
    "times": ("次", "times"),
    "persons": ("人", "persons"),
    "posts": ("个岗位", "posts"),
    "rooms": ("间", "rooms"),
    "sessions": ("期", "sessions"),
    "share": ("比例", "share"),
    "flag": ("是/否", "yes/no"),
}

#: What a count is taken over: each school, each class, each area, etc.
COUNT_PER: dict[str, tuple[str, str]] = {
    "school": ("每所学校", "per school"),
    "class": ("每个班级", "per class"),
    "grade": ("每个年级", "per grade"),
    "area": ("每个片区", "per area"),
    "dormitory": ("每个寝室", "per dormitory"),
    "student": ("每名学生", "per student"),
    "teacher": ("每名教师", "per teacher"),
    "region": ("全辖区", "across the region"),
}

#: Where a region-level target (``count_per = "region"``) is measured:
#: over all schools of the jurisdiction that sets it (in a run of that
#: jurisdiction), or separately in each sub-region's run.
TARGET_SCOPES: dict[str, tuple[str, str]] = {
    "jurisdiction": ("全辖区统一计算", "measured over the whole jurisdiction"),
    "each_subregion": ("各下级地区分别计算", "measured in each sub-region"),
}

OPERATORS: tuple[str, ...] = (">=", "<=", "==", "between", "true")

#: Which end of a ``between`` range a check enforces.  ``low`` ("at least
#: the lower figure") is the default wherever a document fixes a floor.
BINDS: dict[str, tuple[str, str]] = {
    "low": ("下限（不少于）", "the lower end (at least)"),
    "high": ("上限（不超过）", "the upper end (at most)"),
    "both": ("上下限", "both ends"),
}

#: How a check scoped to a band of grades reads the band: ``each`` grade of
#: the band the school has must meet the figure (the smallest is asked for);
#: ``any`` one grade of the band, the one the school chose (its figure is
#: asked for).
GRADES_MODES: dict[str, tuple[str, str]] = {
    "each": ("所涉各年级均须达到（填最少的年级）", "every grade of the band the school has (give the smallest figure)"),
    "any": ("所涉年级中学校选定的一个年级（填该年级）", "one grade of the band the school chose (give that grade's figure)"),
}

PARTNER_KINDS: dict[str, tuple[str, str]] = {
    "hospital": ("医院", "hospital"),
    "centre": ("中心/机构", "centre"),
    "hotline": ("公益热线", "public hotline"),
    "agency": ("政府部门", "government agency"),
}


def school_kind(grades: frozenset[int] | set[int] | tuple[int, ...], vocational: bool | None) -> str:
    """The stage mix of a school (a :data:`SCHOOL_KINDS` key) from its
    grades and whether it is a 中职; an unknown flag counts as general."""
    grades = set(grades)
    primary = bool(grades & set(range(1, 7)))
    junior = bool(grades & {7, 8, 9})
    senior = bool(grades & {10, 11, 12})
    if vocational and senior and not (primary or junior):
        return "vocational"
    kinds = {
        (True, False, False): "primary", (False, True, False): "junior", (False, False, True): "senior",
        (True, True, False): "nine_year", (False, True, True): "complete_secondary", (True, True, True): "twelve_year",
    }
    return kinds.get((primary, junior, senior), "other")


def derived_attributes(grades: frozenset[int] | set[int] | tuple[int, ...], vocational: bool | None) -> dict[str, object]:
    """The attributes of :data:`DERIVED_ATTRIBUTES` for one school."""
    grades = set(grades)
    return {
        "school_kind": school_kind(grades, vocational),
        "has_primary": bool(grades & set(range(1, 7))),
        "has_junior": bool(grades & {7, 8, 9}),
        "has_senior": bool(grades & {10, 11, 12}) and not vocational,
    }


def attribute_info(key: str) -> tuple[str, str, str] | None:
    """``(kind, zh, en)`` of a school attribute or an ``event_<key>``
    column, or None for anything else."""
    if key in SCHOOL_ATTRIBUTES:
        return SCHOOL_ATTRIBUTES[key]
    if key.startswith("event_") and key[6:] in EVENTS:
        zh, en = EVENTS[key[6:]]
        return ("bool", f"事件：{zh}", f"event: {en}")
    return None


def localize(text: dict[str, str] | None, lang: str, sep: str = " / ") -> str:
    """A ``{"zh": ..., "en": ...}`` text in ``lang``; ``both`` joins the two
    with ``sep`` (once, when they are the same).  None gives ""."""
    if not text:
        return ""
    if lang in ("zh", "en"):
        return text[lang]
    return text["zh"] if text["zh"] == text["en"] else f"{text['zh']}{sep}{text['en']}"


def label(vocabulary: dict[str, tuple[str, ...]], key: str, lang: str) -> str:
    """Return the ``zh`` or ``en`` label of ``key``; ``both`` joins them.

    Unknown keys are returned unchanged so that output never fails on a
    label alone.
    """
    labels = vocabulary.get(key)
    if labels is None:
        return key
    return localize({"zh": labels[-2], "en": labels[-1]}, lang)


def book_title(title: str) -> str:
    """``title`` in 《》 (once, if the document's title already carries
    them), a title inside it in 〈〉 as the convention has it:
    ``关于印发《方案》的通知`` → ``《关于印发〈方案〉的通知》``."""
    stripped = title.strip()
    if stripped.startswith("《") and stripped.endswith("》"):
        depth, closes_at = 0, -1
        for index, char in enumerate(stripped):
            depth += (char == "《") - (char == "》")
            if depth == 0:
                closes_at = index
                break
        if closes_at == len(stripped) - 1:  # the first 《 closes at the end: the whole title is wrapped
            stripped = stripped[1:-1]
    return "《" + stripped.replace("《", "〈").replace("》", "〉") + "》"
