"""Henan Province (河南省): 教基〔2021〕330号.

Encodes the Henan Department of Education's notice on identifying and
intervening in primary and secondary students' psychological crises.
Clauses are cited as ``一、2``.
"""

from __future__ import annotations

from xinli.core import hookimpl
from xinli.core.model import (
    PRIMARY,
    SECONDARY,
    Check,
    Citation,
    Condition,
    Document,
    DocumentRef,
    EscalationStep,
    Jurisdiction,
    Partner,
    Requirement,
    grades_range,
)

CODE = "henan"
DOC = "教基〔2021〕330号"

JURISDICTION = Jurisdiction(
    code=CODE,
    name=("河南省", "Henan Province"),
    level="province",
    parent="national",
    parent_name=("国家（教育部）", "national (Ministry of Education)"),
    documents=[
        Document(
            number=DOC,
            title=(
                "河南省教育厅关于加强中小学生心理危机识别和干预工作的通知",
                "Notice of the Henan Department of Education on strengthening the identification of and "
                "intervention in primary and secondary students' psychological crises",
            ),
            issuer=("河南省教育厅", "Henan Department of Education"),
            date="2021",
            implements=[
                DocumentRef(
                    "中小学心理健康教育指导纲要（2012年修订）", "中小学心理健康教育指导纲要（2012年修订）", "教育部", "national"
                ),
                DocumentRef("教思政厅函〔2021〕10号", "关于加强学生心理健康管理工作的通知", "教育部", "national"),
            ],
            note=("文件未印发文日期，仅可确定为2021年。", "The document prints no day; only the year 2021 is certain."),
        )
    ],
)


def cite(clause: str, quote: str) -> Citation:
    """A citation of 教基〔2021〕330号."""
    return Citation(CODE, DOC, clause, quote)


@hookimpl
def xinli_jurisdiction() -> Jurisdiction:
    """Henan's identity and document."""
    return JURISDICTION


def _req(
    id_: str, domain: str, text: tuple[str, str], level: str, duty_holder: str, clause: str, quote: str, **kw
) -> Requirement:
    """A requirement of 教基〔2021〕330号 (saves repeating the citation helper)."""
    return Requirement(id=id_, domain=domain, text=text, level=level, duty_holder=duty_holder, citation=cite(clause, quote), **kw)


# --- screening (一、2) ---------------------------------------------------------
# The annual assessment is organised by the education authorities (各地教育行政部门), not by
# the schools; it is stated per calendar year (每年), not per school year (每学年).
# 小学高年级 is read as grades 5-6 (低/中/高年级 = 1-2/3-4/5-6), so the band is grades 5-12.
UPPER_PRIMARY_TO_SENIOR = grades_range(5, 12)

SCREENING = [
    _req(
        "henan.screening.annual-assessment",
        "screening",
        (
            "各地教育行政部门每年面向小学高年级、初中、高中至少开展一次心理健康测评",
            "Local education authorities run a mental-health assessment for upper-primary, junior and senior "
            "secondary students at least once a year",
        ),
        "required",
        "education_authority",
        "一、2",
        "牵头负责组织区域内中小学开展心理健康测评工作，每年面向小学高年级、初中、高中至少开展一次心理健康测评",
        subject=("students",),
        grades=UPPER_PRIMARY_TO_SENIOR,
        check=Check(metric="psych_survey_rounds_per_year", op=">=", value=1, unit="times", per="per_year", count_per="school"),
        note=(
            "小学高年级按低/中/高年级=1-2/3-4/5-6年级的通常划分理解为5-6年级，故覆盖5-12年级；"
            "文件写“每年”（自然年），不是“每学年”；组织者为教育行政部门，学校按组织参加。",
            "小学高年级 (upper primary) is read as grades 5-6 under the usual 1-2/3-4/5-6 division, so grades 5-12 "
            "are covered; the document says 每年 (per calendar year), not 每学年 (per school year); the education "
            "authority organises it and schools take part.",
        ),
    ),
    _req(
        "henan.screening.professional-body",
        "screening",
        (
            "各地教育行政部门设立或依托相关专业机构，牵头负责组织区域内中小学开展心理健康测评工作",
            "Local education authorities set up or rely on a qualified professional body and lead the organisation of "
            "mental-health assessment in the region's primary and secondary schools",
        ),
        "required",
        "education_authority",
        "一、2",
        "各地教育行政部门要设立或依托相关专业机构，牵头负责组织区域内中小学开展心理健康测评工作",
        subject=("school",),
    ),
    _req(
        "henan.screening.use-results",
        "screening",
        (
            "指导学校科学运用学生心理健康测评结果，及早实施精准干预",
            "Education authorities guide schools to use assessment results scientifically and intervene early and precisely",
        ),
        "required",
        "education_authority",
        "一、2",
        "指导学校科学运用学生心理健康测评结果，及早实施精准干预",
        subject=("school", "students"),
    ),
    _req(
        "henan.screening.growth-records",
        "screening",
        (
            "推动建立“一生一策”的心理成长档案",
            "Education authorities promote a psychological growth record for each student, with a plan for each student "
            "(“one student, one plan”)",
        ),
        "required",
        "education_authority",
        "一、2",
        "推动建立“一生一策”的心理成长档案",
        subject=("school", "students"),
    ),
    _req(
        "henan.screening.professional-ethics",
        "screening",
        (
            "开展心理测评必须遵守职业伦理规范，谨慎使用心理测试量表或其它测试手段",
            "Psychological assessment must follow professional ethics; psychological scales and other tests are used with care",
        ),
        "required",
        "school",
        "一、2",
        "开展心理测评必须要遵守职业伦理规范，谨慎使用心理测试量表或其它测试手段",
        subject=("students",),
        note=(
            "原文未点明主体，约束所有开展测评者；此处以学校为责任主体，教育行政部门及其依托机构同样适用。",
            "The sentence names no actor and binds whoever runs an assessment; the school is given as duty holder, "
            "and the rule equally binds the authority and the body it relies on.",
        ),
    ),
    _req(
        "henan.screening.no-compulsory-testing",
        "screening",
        ("不能强迫学生接受心理测试", "Students must not be forced to take psychological tests"),
        "required",
        "school",
        "一、2",
        "不能强迫学生接受心理测试",
        subject=("students",),
        note=(
            "禁止性规定，按“必须”理解；约束所有开展测评者。",
            "A prohibition, treated as required; it binds whoever runs an assessment.",
        ),
    ),
]


# --- escalation ---------------------------------------------------------------
# The document has no single reporting procedure; the chain is assembled from 二、3 (monitors
# notice and feed back), 一、3 (the assessment group evaluates) and 二、3 (referral with parents'
# consent, then follow-up), in the order a case moves.
ESCALATION = [
    _req(
        "henan.escalation.monitors-notice-and-report",
        "escalation",
        (
            "心理委员在学习和生活中关注同学的异常行为，并及时反馈",
            "Psychological monitors watch for classmates' abnormal behaviour in study and daily life and report it promptly",
        ),
        "permitted",
        "class_psych_monitor",
        "二、3",
        "使他们能够在平时学习和生活中关注到同学的异常行为，并及时反馈",
        subject=("students",),
        step=EscalationStep(order=1, role="class_psych_monitor", reports_to=()),
        note=(
            "心理委员制度为“可”建立，故此步为“可以”；文件未写明向谁反馈（上下文为负责培训的专兼职心理教师）。",
            "The monitor system is one a school 可 (may) set up, so this step is permitted; the document does not say "
            "to whom monitors report (the context is the psychology teachers who train them).",
        ),
    ),
    _req(
        "henan.escalation.assessment-group-evaluates",
        "escalation",
        (
            "学生心理问题评估小组对发现存在心理问题的学生进行评估",
            "The student mental-health assessment group evaluates students found to have psychological problems",
        ),
        "required",
        "assessment_group",
        "一、3",
        "对发现存在心理问题的学生进行评估",
        subject=("at_risk_students",),
        step=EscalationStep(order=2, role="assessment_group", reports_to=()),
    ),
    _req(
        "henan.escalation.referral-with-consent",
        "escalation",
        (
            "对已经发现患有严重心理问题、无法正常学习和生活的学生，在征得家长同意后，及时转介到医疗机构进行治疗",
            "Students found to have serious psychological problems who cannot study and live normally are referred "
            "promptly to a medical institution for treatment, after the parents consent",
        ),
        "required",
        "school",
        "二、3",
        "对已经发现患有严重心理问题、无法正常学习和生活的学生，要在征得家长同意后，及时转介到医疗机构进行治疗",
        subject=("at_risk_students", "parents"),
        step=EscalationStep(
            order=3,
            role="school",
            reports_to=("parents", "medical_institutions"),
            condition=(
                "学生已发现患有严重心理问题、无法正常学习和生活，且已征得家长同意",
                "the student has been found to have a serious psychological problem and cannot study and live "
                "normally, and the parents have consented",
            ),
        ),
        note=(
            "原文主语承接“学校”（同段“学校可建立…”“建立完善的转介机制”），故由学校转介。",
            "The sentence continues the paragraph's school duties, so the school makes the referral.",
        ),
    ),
    _req(
        "henan.escalation.referral-follow-up",
        "escalation",
        ("转介后建立跟踪反馈制度", "After referral, a follow-up and feedback system is set up"),
        "required",
        "school",
        "二、3",
        "及时转介到医疗机构进行治疗，并建立跟踪反馈制度",
        subject=("at_risk_students",),
        step=EscalationStep(order=4, role="school", reports_to=()),
    ),
]


# --- staffing -----------------------------------------------------------------
STAFFING = [
    _req(
        "henan.staffing.crisis-leading-group",
        "staffing",
        (
            "各校成立学校危机干预工作领导小组，明确职责",
            "Each school sets up a crisis-intervention leading group with clear duties",
        ),
        "required",
        "school",
        "一、1",
        "各校要成立学校危机干预工作领导小组，明确职责",
        subject=("school",),
        check=Check(metric="crisis_group_established", op="true", unit="flag", per="standing", count_per="school"),
    ),
    _req(
        "henan.staffing.assessment-group",
        "staffing",
        (
            "建立由校长、主管德育工作的领导、专兼职心理教师、班主任和相关专家组成的学生心理问题评估小组",
            "Set up a student mental-health assessment group of the principal, the leader in charge of moral education, "
            "full- and part-time psychology teachers, head teachers and relevant experts",
        ),
        "required",
        "school",
        "一、3",
        "建立由校长、主管德育工作的领导、专兼职心理教师、班主任和相关专家组成的学生心理问题评估小组",
        subject=("school",),
    ),
    _req(
        "henan.staffing.fulltime-psych-teacher",
        "staffing",
        (
            "每所中小学至少配备1名专职心理健康教育教师",
            "Every primary and secondary school has at least one full-time mental-health education teacher",
        ),
        "required",
        "school",
        "三、2",
        "每所中小学至少要配备 1 名专职心理健康教育教师",
        subject=("psych_teacher",),
        check=Check(metric="fulltime_psych_teachers", op=">=", value=1, unit="persons", per="standing", count_per="school"),
    ),
    _req(
        "henan.staffing.fulltime-teacher-degree",
        "staffing",
        (
            "专职教师原则上须具备心理学或相关专业本科学历",
            "Full-time psychology teachers must, in principle, hold a bachelor's degree in psychology or a related field",
        ),
        "required",
        "school",
        "三、2",
        "专职教师原则上须具备心理学或相关专业本科学历",
        subject=("psych_teacher",),
        note=(
            "“须”按“必须”；“原则上”表示允许例外，故不设自动检查。",
            "须 is read as required; 原则上 (in principle) admits exceptions, so no automatic check is set.",
        ),
    ),
    _req(
        "henan.staffing.county-research-officer",
        "staffing",
        (
            "县级教研机构配备心理健康教育教研员",
            "County teaching-research offices have a mental-health education research officer",
        ),
        "required",
        "research_office",
        "三、2",
        "县级教研机构要配备心理健康教育教研员",
        subject=("research_office",),
    ),
    # 可 → permitted.  The dormitory monitors have no modal of their own and fall under the
    # same 可 (学校可建立班级心理委员制度，…，寄宿制学校设立寝室心理委员).
    _req(
        "henan.staffing.class-psych-monitors",
        "staffing",
        (
            "学校可建立班级心理委员制度，设立班级心理委员",
            "A school may set up a class psychological-monitor system with a psychological monitor in each class",
        ),
        "permitted",
        "school",
        "二、3",
        "学校可建立班级心理委员制度，设立班级心理委员",
        subject=("class_psych_monitor", "students"),
        check=Check(metric="class_psych_monitors", op="true", unit="flag", per="standing", count_per="school"),
    ),
    _req(
        "henan.staffing.dorm-psych-monitors",
        "staffing",
        ("寄宿制学校设立寝室心理委员", "Boarding schools may appoint dormitory psychological monitors"),
        "permitted",
        "school",
        "二、3",
        "寄宿制学校设立寝室心理委员",
        subject=("students",),
        applies_if=[Condition("boarding", "==", True)],
        check=Check(metric="dorm_psych_monitors", op="true", unit="flag", per="standing", count_per="school"),
        note=(
            "本句无独立情态词，与前句同属“学校可建立…”一句，故按“可以”。",
            "The clause has no modal of its own and belongs to the sentence governed by 可 (may), so it is permitted.",
        ),
    ),
]


# --- referral -----------------------------------------------------------------
REFERRAL = [
    _req(
        "henan.referral.referral-mechanism",
        "referral",
        (
            "建立完善的转介机制，将严重心理问题学生转介到医疗机构进行治疗",
            "Set up a sound referral mechanism for referring students with serious psychological problems to medical "
            "institutions for treatment",
        ),
        "required",
        "school",
        "二、3",
        "建立完善的转介机制",
        subject=("at_risk_students",),
        partner=Partner(kind="hospital", name=("医疗机构", "medical institutions")),
        note=(
            "文件未点名具体医院，伙伴为泛指的“医疗机构”；家长同意条件见升级链第3步。",
            "The document names no particular hospital; the partner is medical institutions in general. The "
            "parental-consent condition is on escalation step 3.",
        ),
    ),
    # 鼓励 governs the whole sentence: the centre and the hotline/mailbox are both encouraged.
    _req(
        "henan.referral.regional-counseling-centre",
        "referral",
        ("鼓励各地建立区域性的中小学生心理辅导中心", "Localities are encouraged to set up a regional student counseling centre"),
        "encouraged",
        "education_authority",
        "二、3",
        "鼓励各地要建立区域性的中小学生心理辅导中心",
        subject=("students",),
        partner=Partner(
            kind="centre", name=("区域性中小学生心理辅导中心", "regional primary and secondary student counseling centre")
        ),
    ),
    _req(
        "henan.referral.hotline-and-mailbox",
        "referral",
        (
            "鼓励各地创造条件开通或依托权威24小时心理援助热线、咨询邮箱等，做好常态化心理服务工作",
            "Localities are encouraged to open, or rely on, an authoritative 24-hour psychological assistance hotline, "
            "a counseling mailbox and the like, and provide routine psychological services",
        ),
        "encouraged",
        "education_authority",
        "二、3",
        "创造条件开通或依托权威24小时心理援助热线、咨询邮箱等，做好常态化心理服务工作",
        subject=("students", "parents"),
        partner=Partner(kind="hotline", name=("24小时心理援助热线", "24-hour psychological assistance hotline")),
        note=(
            "文件未给出热线号码；与前半句同受“鼓励”支配。",
            "The document gives no number; the clause is governed by the same 鼓励 (encourage).",
        ),
    ),
    _req(
        "henan.referral.health-authority-cooperation",
        "referral",
        (
            "各地注重医教结合，加强与卫生健康部门的协同联动",
            "Localities combine medicine and education and strengthen coordination with the health authorities",
        ),
        "required",
        "education_authority",
        "二、3",
        "各地要注重医教结合，加强与卫生健康部门的协同联动",
        subject=("students",),
        partner=Partner(kind="agency", name=("卫生健康部门", "health authorities")),
    ),
    _req(
        "henan.referral.mental-health-institution-support",
        "referral",
        (
            "建立精神卫生医疗机构对学校心理健康教育及心理危机干预的支持协作机制，争取专业力量为所在区域提供医疗帮助",
            "Set up a mechanism for mental-health medical institutions to support schools' mental-health education and "
            "crisis intervention, and secure professional medical help for the region",
        ),
        "required",
        "education_authority",
        "二、3",
        "建立精神卫生医疗机构对学校心理健康教育及心理危机干预的支持协作机制，争取专业力量为所在区域提供医疗帮助",
        subject=("school", "students"),
        partner=Partner(kind="hospital", name=("精神卫生医疗机构", "mental-health medical institutions")),
    ),
]


# --- curriculum (二、2, 三、1) ----------------------------------------------------
# 中学 is read as grades 7-12 (junior and senior secondary).
CURRICULUM = [
    _req(
        "henan.curriculum.compulsory-course",
        "curriculum",
        (
            "各校继续将心理健康课程作为必修课列入课程计划",
            "Schools keep the mental-health course in the curriculum plan as a compulsory course",
        ),
        "required",
        "school",
        "二、2",
        "各校要充分发挥课堂主阵地作用，积极开展心理健康教育，继续将心理健康课程作为必修课列入课程计划",
        subject=("students",),
    ),
    _req(
        "henan.curriculum.primary-lessons",
        "curriculum",
        ("小学各年级每学年不少于12课时", "Each primary grade has at least 12 psychology lessons per school year"),
        "required",
        "school",
        "二、2",
        "确保小学各年级每学年不少于 12 课时",
        subject=("students",),
        grades=PRIMARY,
        check=Check(
            metric="psych_lessons_per_school_year", op=">=", value=12, unit="lessons", per="per_school_year", count_per="grade"
        ),
    ),
    _req(
        "henan.curriculum.secondary-lessons",
        "curriculum",
        ("中学各年级每学年不少于14课时", "Each secondary grade has at least 14 psychology lessons per school year"),
        "required",
        "school",
        "二、2",
        "中学各年级每学年不少于 14课时",
        subject=("students",),
        grades=SECONDARY,
        check=Check(
            metric="psych_lessons_per_school_year", op=">=", value=14, unit="lessons", per="per_school_year", count_per="grade"
        ),
        note=(
            "“中学”理解为初中和高中，即7-12年级。",
            "中学 (secondary school) is read as junior and senior secondary, grades 7-12.",
        ),
    ),
    _req(
        "henan.curriculum.life-and-adversity-education",
        "curriculum",
        (
            "同时注重安排形式多样的生命教育、挫折教育等",
            "Also arrange varied life education, adversity (resilience) education and the like",
        ),
        "required",
        "school",
        "二、2",
        "同时注重安排形式多样的生命教育、挫折教育等",
        subject=("students",),
        note=(
            "与课时要求同句，承接“各校要…确保…”，按“必须”；文件未规定占比。",
            "Part of the same sentence as the lesson quotas under 各校要…确保…, so required; no share is stated.",
        ),
    ),
    _req(
        "henan.curriculum.course-development",
        "curriculum",
        (
            "各校迅速行动，加强心理健康教育课程建设",
            "Schools act quickly to strengthen the development of the mental-health course",
        ),
        "required",
        "school",
        "三、1",
        "各校要迅速行动，加强心理健康教育课程建设",
        subject=("students",),
    ),
]


# --- other --------------------------------------------------------------------
OTHER = [
    # 一、1 organisation
    _req(
        "henan.other.authority-leadership",
        "other",
        (
            "各地教育行政部门将中小学心理健康教育摆在教育工作的突出位置，建立健全工作机制，落实工作职责",
            "Local education authorities give primary and secondary mental-health education a prominent place in their "
            "work, set up sound working mechanisms and assign responsibilities",
        ),
        "required",
        "education_authority",
        "一、1",
        "各地教育行政部门要提高站位，充分认识到中小学心理健康教育的重要性，将其摆在教育工作的突出位置，建立健全工作机制，落实工作职责",
        subject=("school",),
    ),
    _req(
        "henan.other.one-school-one-plan",
        "other",
        (
            "指导各校结合实际“一校一案”做好中小学生心理危机识别和干预工作",
            "Education authorities guide each school to identify and intervene in psychological crises with its own "
            "plan fitted to its situation (“one school, one plan”)",
        ),
        "required",
        "education_authority",
        "一、1",
        "指导各校结合实际“一校一案”做好中小学生心理危机识别和干预工作，防止学生因心理问题发生极端事件",
        subject=("school",),
    ),
    _req(
        "henan.other.key-moments-and-students",
        "other",
        (
            "学校关注重要节点、重点对象，做好中小学生心理危机预防及预警工作",
            "Schools watch key moments and students at risk and carry out prevention and early warning of psychological crises",
        ),
        "required",
        "school",
        "一、1",
        "关注重要节点、重点对象，切实做好中小学生心理危机预防及预警工作",
        subject=("at_risk_students",),
    ),
    # 一、1 (建立工作预案) and 一、3 (制定学生心理危机干预预案) ask for the same plan; one item.
    _req(
        "henan.other.crisis-plan",
        "other",
        (
            "各校结合实际，制定学生心理危机干预预案",
            "Each school draws up a student psychological-crisis intervention plan fitted to its situation",
        ),
        "required",
        "school",
        "一、3",
        "各校要结合实际，制定学生心理危机干预预案",
        subject=("school",),
        check=Check(metric="crisis_plan_in_place", op="true", unit="flag", per="standing", count_per="school"),
        note=(
            "一、1“建立工作预案”与本项为同一预案，合并为一项。",
            "The 工作预案 of 一、1 is the same plan; the two are encoded as one item.",
        ),
    ),
    # 一、3 day-to-day prevention
    _req(
        "henan.other.regular-support-and-tracking",
        "other",
        (
            "针对学生在学习、生活、人际关系和自我意识等方面可能遇到的心理失衡问题，定期进行心理支持与辅导，定期跟踪关注",
            "Give regular psychological support and counseling, and regular follow-up, for imbalances students may meet in "
            "study, daily life, relationships and self-awareness",
        ),
        "required",
        "school",
        "一、3",
        "针对学生在学习、生活、人际关系和自我意识等方面可能遇到的心理失衡问题，要定期进行心理支持与辅导，定期跟踪关注",
        subject=("students",),
    ),
    _req(
        "henan.other.help-struggling-students",
        "other",
        (
            "注重帮助学习遭遇困难、学业表现不佳，遭遇突然打击而出现明显心理或行为异常的学生",
            "Pay particular attention to helping students who struggle with study, perform poorly, or show marked "
            "psychological or behavioural abnormality after a sudden blow",
        ),
        "required",
        "school",
        "一、3",
        "注重帮助学习遭遇困难、学业表现不佳，遭遇突然打击而出现明显心理或行为异常的学生",
        subject=("at_risk_students",),
        note=(
            "“注重”无独立情态词，属本段“各校要…”的工作要求，按“必须”。",
            "注重 (give weight to) has no modal of its own; it is part of the paragraph's 各校要 duties, so required.",
        ),
    ),
    _req(
        "henan.other.peer-support",
        "other",
        (
            "鼓励朋辈帮扶、专兼职心理教师给予纾解",
            "Peer support and relief from full- and part-time psychology teachers are encouraged",
        ),
        "encouraged",
        "school",
        "一、3",
        "鼓励朋辈帮扶、专兼职心理教师给予纾解",
        subject=("at_risk_students",),
    ),
    # 二、1 family-school work
    _req(
        "henan.other.family-school-cooperation",
        "other",
        (
            "各校将家庭教育与学校教育紧密结合，增进家校之间的交流互动",
            "Schools closely combine family and school education and increase home-school communication",
        ),
        "required",
        "school",
        "二、1",
        "将家庭教育与学校教育紧密结合，增进家校之间的交流互动",
        subject=("parents",),
    ),
    _req(
        "henan.other.parent-education-yearly",
        "other",
        (
            "建议学校每年至少开展一次面向家长的心理健康教育",
            "Schools are advised to hold mental-health education for parents at least once a year",
        ),
        "recommended",
        "school",
        "二、1",
        "建议学校每年至少开展一次面向家长的心理健康教育",
        subject=("parents",),
        check=Check(metric="parent_psych_sessions_per_year", op=">=", value=1, unit="times", per="per_year", count_per="school"),
        note=(
            "“建议”即按“建议”，不上调；“每年”为自然年。",
            "建议 → recommended, not upgraded; 每年 is per calendar year.",
        ),
    ),
    _req(
        "henan.other.parent-school-developmental-psychology",
        "other",
        (
            "在家长学校课堂中将青少年发展心理学知识列为必修内容",
            "Adolescent developmental psychology is a compulsory topic in parent-school classes",
        ),
        "recommended",
        "school",
        "二、1",
        "在家长学校课堂中将青少年发展心理学知识列为必修内容",
        subject=("parents",),
        note=(
            "与“建议学校每年至少开展一次…”同一句，受“建议”支配，故为“建议”（“必修”指家长课程内容，不是义务强度）。",
            "It shares the sentence governed by 建议 (advise), so it is recommended; 必修 describes the parent-class "
            "content, not the strength of the duty.",
        ),
    ),
    _req(
        "henan.other.home-visits",
        "other",
        (
            "组织教师定期开展家访，关注学生的成长环境，向家长传播家庭教育的科学理念和方法",
            "Organise teachers to make regular home visits, attend to students' home environment and pass on sound "
            "family-education ideas and methods to parents",
        ),
        "required",
        "school",
        "二、1",
        "组织教师定期开展家访，关注学生的成长环境，向家长传播家庭教育的科学理念和方法，让家长掌握应对孩子心理行为问题的正确方法",
        subject=("teachers", "parents"),
        note=(
            "本句无独立情态词，“建议”一句已在句号处结束，按本段“各校要…”理解为“必须”；“定期”未给出频次，故不设检查。",
            "The sentence has no modal of its own; the 建议 sentence ends at the full stop before it, so it is read under "
            "the paragraph's 各校要 as required. 定期 (regularly) gives no frequency, so there is no check.",
        ),
    ),
    _req(
        "henan.other.family-circumstances",
        "other",
        (
            "及时了解学生是否存在早期心理创伤、家庭重大变故、亲子关系紧张等情况，寻求学生家庭成员及相关人员的有效支持",
            "Find out promptly whether students have early psychological trauma, major family upheaval or strained "
            "parent-child relations, and seek effective support from family members and others concerned",
        ),
        "required",
        "school",
        "二、1",
        "要及时了解学生是否存在早期心理创伤、家庭重大变故、亲子关系紧张等情况，寻求学生家庭成员及相关人员的有效支持",
        subject=("students", "parents"),
    ),
    # 二、2 counseling room
    _req(
        "henan.other.counseling-room",
        "other",
        (
            "进一步加强心理辅导室的建设，对确有需求的学生进行心理疏导",
            "Further strengthen the counseling room and give psychological guidance to students who need it",
        ),
        "required",
        "school",
        "二、2",
        "进一步加强心理辅导室的建设，对确有需求的学生进行心理疏导，帮助学生解决学习、生活和成长中的问题",
        subject=("students",),
        check=Check(metric="has_counseling_room", op="true", unit="flag", per="standing", count_per="school"),
        note=(
            "“加强心理辅导室的建设”以学校设有心理辅导室为前提，故检查是否已建成。",
            "Strengthening the counseling room presupposes that the school has one, so the check asks whether it exists.",
        ),
    ),
    # 二、3 other channels
    _req(
        "henan.other.regional-service-community",
        "other",
        (
            "探索建立区域心理健康教育服务共同体，建立联席工作机制，构建校际学生心理健康教育联盟，加强片区校际合作",
            "Explore a regional mental-health education service community with a joint working mechanism and an "
            "inter-school alliance, and strengthen cooperation between schools in an area",
        ),
        "encouraged",
        "education_authority",
        "二、3",
        "探索建立区域心理健康教育服务共同体，建立联席工作机制，构建校际学生心理健康教育联盟，加强片区校际合作创新、互援联动",
        subject=("school",),
        note=(
            "“探索建立”为探索性要求，且紧随“鼓励各地…”一句，按“鼓励”；主体按上下文为各地教育行政部门。",
            "探索建立 (explore setting up) is exploratory and follows the 鼓励各地 (localities are encouraged) sentence, "
            "so it is encouraged; by context the actor is the local education authority.",
        ),
    ),
    _req(
        "henan.other.psych-mailbox",
        "other",
        (
            "各中小学校可设立心理信箱，及时帮助学生消解心理问题",
            "Schools may set up a psychological letter box to help students resolve problems promptly",
        ),
        "permitted",
        "school",
        "二、3",
        "各中小学校可设立心理信箱，及时帮助学生消解心理问题",
        subject=("students",),
        check=Check(metric="psych_mailbox", op="true", unit="flag", per="standing", count_per="school"),
    ),
    _req(
        "henan.other.monitor-training",
        "other",
        (
            "专兼职心理教师加强对心理委员定期培训",
            "Full- and part-time psychology teachers train the psychological monitors regularly",
        ),
        "required",
        "psych_teacher",
        "二、3",
        "专兼职心理教师要加强对心理委员定期培训",
        subject=("class_psych_monitor",),
        note=(
            "适用于已设立心理委员（可设立）的学校；“定期”未给出频次。",
            "Applies where the school has set up monitors (which it may do); 定期 (regularly) gives no frequency.",
        ),
    ),
    # 三、1 facilities and funding
    _req(
        "henan.other.regional-centre-facilities",
        "other",
        (
            "各地教育行政部门为区域性中小学生心理辅导中心配备专门场地及软硬件设备",
            "Local education authorities provide regional student counseling centres with dedicated premises, hardware "
            "and software",
        ),
        "required",
        "education_authority",
        "三、1",
        "各地教育行政部门要为区域性中小学生心理辅导中心配备专门场地及软硬件设备",
        subject=("psych_centre",),
        note=(
            "建立中心本身是“鼓励”（二、3），为已有中心配备场地设备是“要”（“必须”）。",
            "Setting up the centre is encouraged (二、3); equipping such a centre is required.",
        ),
    ),
    _req(
        "henan.other.promote-counseling-rooms",
        "other",
        (
            "进一步推动中小学建立健全心理辅导室",
            "Education authorities further push schools to set up and improve counseling rooms",
        ),
        "required",
        "education_authority",
        "三、1",
        "进一步推动中小学建立健全心理辅导室",
        subject=("school",),
    ),
    _req(
        "henan.other.basic-funding",
        "other",
        (
            "学校在年度预算中统筹各类资金保障心理健康教育工作基础经费，确定生均标准，足额按时拨付，并视情建立增长机制",
            "Schools pool funds in their annual budget to secure basic funding for mental-health education, set a "
            "per-student standard, pay it in full and on time, and set up a growth mechanism as circumstances warrant",
        ),
        "required",
        "school",
        "三、1",
        "学校应在年度预算中统筹各类资金保障心理健康教育工作基础经费，确定生均标准，足额按时拨付，并视情建立增长机制",
        subject=("school",),
        note=(
            "“应”→“必须”；文件未给出生均金额，故不设数值检查；“视情建立增长机制”视情况而定。",
            "应 → required; the document sets no per-student amount, so there is no numeric check; the growth "
            "mechanism is set up as circumstances warrant (视情).",
        ),
    ),
    _req(
        "henan.other.teacher-awareness-training",
        "other",
        (
            "各校加强教师心理健康教育知识普及培训",
            "Schools strengthen training that spreads mental-health knowledge among teachers",
        ),
        "required",
        "school",
        "三、1",
        "各校要迅速行动，加强心理健康教育课程建设、教师心理健康教育知识普及培训、学生心理健康档案建设等",
        subject=("teachers",),
    ),
    _req(
        "henan.other.student-records",
        "other",
        ("各校加强学生心理健康档案建设", "Schools build up students' mental-health records"),
        "required",
        "school",
        "三、1",
        "各校要迅速行动，加强心理健康教育课程建设、教师心理健康教育知识普及培训、学生心理健康档案建设等",
        subject=("students",),
        check=Check(metric="psych_records_kept", op="true", unit="flag", per="standing", count_per="school"),
    ),
    _req(
        "henan.other.counseling-room-role",
        "other",
        (
            "充分发挥心理辅导室在预防和解决学生心理危机问题中的重要作用，做到早预防、早发现、早干预",
            "Make full use of the counseling room in preventing and resolving students' crises: prevent, detect and "
            "intervene early",
        ),
        "required",
        "school",
        "三、1",
        "充分发挥心理辅导室在预防和解决学生心理危机问题中的重要作用，切实做到早预防、早发现、早干预",
        subject=("students",),
    ),
    # 三、2 research and training
    _req(
        "henan.other.research-and-teaching-research",
        "other",
        (
            "各级教育行政部门组织专家、教研人员、学校管理人员开展中小学生心理健康教育科研、教研工作",
            "Education authorities at every level organise experts, teaching researchers and school managers to carry out "
            "research on student mental-health education",
        ),
        "required",
        "education_authority",
        "三、2",
        "各级教育行政部门要积极组织专家、教研人员、学校管理人员开展中小学生心理健康教育科研、教研工作",
        subject=("research_office", "school"),
        note=(
            "“要积极组织”中“积极”为修饰语，义务强度取“要”，按“必须”。",
            "In 要积极组织 the word 积极 (actively) qualifies a duty stated with 要, so it is required, not mere encouragement.",
        ),
    ),
    _req(
        "henan.other.teacher-training-compulsory-content",
        "other",
        (
            "中小学在班主任及各学科教师岗前培训、业务进修、日常培训等各类培训中，将心理健康教育作为必修内容予以重点安排",
            "Schools make mental-health education a compulsory, emphasised part of all training for head teachers and "
            "subject teachers: induction, professional study and routine training",
        ),
        "required",
        "school",
        "三、2",
        "中小学要在班主任及各学科教师岗前培训、业务进修、日常培训等各类培训中，将心理健康教育作为必修内容予以重点安排",
        subject=("head_teacher", "teachers"),
    ),
    _req(
        "henan.other.new-psych-teacher-training",
        "other",
        (
            "对新入职心理健康教育教师开展心理健康教育基本知识和技能全覆盖培训",
            "Give every newly hired psychology teacher training in the basic knowledge and skills of mental-health education",
        ),
        "required",
        "school",
        "三、2",
        "对新入职心理健康教育教师开展心理健康教育基本知识和技能全覆盖培训",
        subject=("psych_teacher",),
        note=(
            "与前句同句，主语为“中小学要…”。",
            "Same sentence as the preceding duty, whose subject is 中小学要 (schools must).",
        ),
    ),
    # 三、3 evaluation and inspection
    _req(
        "henan.other.evaluation-standards",
        "other",
        (
            "各地教育行政部门制定心理健康教育工作评价标准，把心理健康教育工作作为考核学校的重要内容，纳入评估指标体系",
            "Local education authorities set evaluation standards for mental-health education and make it an important "
            "part of school assessment, within the evaluation indicator system",
        ),
        "required",
        "education_authority",
        "三、3",
        "各地教育行政部门要因地制宜、积极探索，制定心理健康教育工作评价标准，把心理健康教育工作作为考核学校的重要内容，纳入评估指标体系之中",
        subject=("school",),
    ),
    _req(
        "henan.other.supervision",
        "other",
        (
            "将开展心理健康教育情况作为挂牌责任督学督导的重要内容，进行经常性督导",
            "Mental-health education is an important item for the schools' assigned inspectors (挂牌责任督学), who inspect it "
            "regularly",
        ),
        "required",
        "education_authority",
        "三、3",
        "将开展心理健康教育情况作为挂牌责任督学督导的重要内容，进行经常性督导，督促和指导中小学校心理健康教育落地见效",
        subject=("school",),
        note=(
            "本句承接同段“各地教育行政部门要…”，按“必须”。",
            "The sentence continues the paragraph's 各地教育行政部门要 (education authorities must), so required.",
        ),
    ),
]


@hookimpl
def xinli_screening_schedule() -> list[Requirement]:
    """一、2: the annual assessment the education authorities organise."""
    return SCREENING


@hookimpl
def xinli_escalation_chain() -> list[Requirement]:
    """From noticing to referral and follow-up (一、3, 二、3)."""
    return ESCALATION


@hookimpl
def xinli_staffing_rules() -> list[Requirement]:
    """Groups, full-time teachers, research officers and monitors."""
    return STAFFING


@hookimpl
def xinli_referral_partners() -> list[Requirement]:
    """Referral mechanism, medical institutions, regional centre and hotline (二、3)."""
    return REFERRAL


@hookimpl
def xinli_curriculum_quotas() -> list[Requirement]:
    """二、2: 12 and 14 lessons per grade per school year."""
    return CURRICULUM


@hookimpl
def xinli_other_requirements() -> list[Requirement]:
    """Organisation, family-school work, facilities, funding, training, evaluation."""
    return OTHER
