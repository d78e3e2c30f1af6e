"""Dadukou District (大渡口区), Chongqing: 渡教发〔2020〕86号.

Encodes the Dadukou District Education Commission's notice establishing the
crisis-intervention mechanism for primary and secondary students, which
implements the Chongqing notice 渝教体卫艺发〔2020〕61号.  Clauses are cited
as ``二`` or ``一（三）``.  The annexes list named individuals; none of them
is encoded.
"""

from __future__ import annotations

from xinli.core import hookimpl
from xinli.core.model import (
    Check,
    Citation,
    Document,
    DocumentRef,
    EscalationStep,
    Jurisdiction,
    Partner,
    Requirement,
)

CODE = "chongqing_dadukou"
DOC = "渡教发〔2020〕86号"

JURISDICTION = Jurisdiction(
    code=CODE,
    name=("重庆市大渡口区", "Dadukou District, Chongqing"),
    level="district",
    parent="chongqing",
    parent_name=("重庆市", "Chongqing Municipality"),
    documents=[
        Document(
            number=DOC,
            title=(
                "重庆市大渡口区教育委员会关于建立中小学生心理危机干预工作机制的通知",
                "Notice of the Dadukou District Education Commission on establishing a psychological-crisis "
                "intervention mechanism for primary and secondary students",
            ),
            issuer=("重庆市大渡口区教育委员会", "Dadukou District Education Commission"),
            date="2020-11-06",
            implements=[
                DocumentRef(
                    "渝教体卫艺发〔2020〕61号",
                    "市教委关于建立和完善中小学生心理危机干预工作机制的通知",
                    "重庆市教育委员会",
                    "chongqing",
                ),
            ],
        )
    ],
)


def cite(clause: str, quote: str) -> Citation:
    """A citation of 渡教发〔2020〕86号."""
    return Citation(CODE, DOC, clause, quote)


@hookimpl
def xinli_jurisdiction() -> Jurisdiction:
    """Dadukou's identity and document."""
    return JURISDICTION


# ================================================================== rules
#
# The notice is short and largely declarative ("区教委成立…", "学校每学年对学生进行…", "各班级设立
# 健康委员…").  In a notice that establishes a mechanism such sentences are directives, so they are
# encoded as required; only the explicit 可 ("可聘请…社会专业机构") is permitted.  The annexes'
# lists of named people (all 〔略〕) are not encoded; the duties the annexes give the leading group
# and the expert group are.  Every clause covers 中小学, so grades default to 1-12.

DECLARATIVE_NOTE = (
    "原文为陈述句（无“要/应”），是本通知建立工作机制的明确安排，按“必须”编码。",
    "The sentence is declarative (no 要/应); as an arrangement the notice sets up, it is encoded as required.",
)

# ---------------------------------------------------------------- screening
SCREENING = [
    Requirement(
        id=f"{CODE}.screening.annual-monitoring",
        domain="screening",
        text=(
            "学校每学年对学生进行不少于一次心理健康监测。",
            "The school runs mental-health monitoring of its students at least once every school year.",
        ),
        level="required",
        duty_holder="school",
        subject=("students",),
        check=Check(
            metric="psych_survey_rounds_per_school_year",
            op=">=",
            value=1,
            unit="times",
            per="per_school_year",
            count_per="school",
        ),
        citation=cite("二", "学校每学年对学生进行不少于一次心理健康监测"),
        note=(
            "“每学年”按学年计（不是自然年）；“不少于一次”= 至少1次。" + DECLARATIVE_NOTE[0],
            "'每学年' is counted per school year (not calendar year); 'no fewer than once' = at least 1. "
            + DECLARATIVE_NOTE[1],
        ),
    ),
    Requirement(
        id=f"{CODE}.screening.initial-screening-by-psych-teachers",
        domain="screening",
        text=(
            "学校专（兼）职心理健康教育教师对测评结果进行初步筛查、识别。",
            "The school's full- or part-time psychology teachers do the initial screening and identification on "
            "the assessment results.",
        ),
        level="required",
        duty_holder="psych_teacher",
        subject=("students",),
        citation=cite("二", "学校专（兼）职心理健康教育教师对测评结果进行初步筛查、识别"),
        note=DECLARATIVE_NOTE,
    ),
    Requirement(
        id=f"{CODE}.screening.hire-qualified-agency",
        domain="screening",
        text=(
            "无专（兼）职心理健康教育教师的学校，可聘请具有相关资质的社会专业机构参与。",
            "A school without a full- or part-time psychology teacher may hire a qualified professional social "
            "agency to take part.",
        ),
        level="permitted",
        duty_holder="school",
        subject=("students",),
        citation=cite("二", "无专（兼）职心理健康教育教师的可聘请具有相关资质的社会专业机构参与"),
        note=(
            "仅适用于没有专（兼）职心理健康教育教师的学校；学校属性中没有对应条件，故未设 applies_if。"
            "“可”= 可以。注意六要求每校至少配备一名专职或兼职心理健康教育教师。",
            "Applies only to schools with no full- or part-time psychology teacher; no school attribute expresses "
            "that, so there is no applies_if. '可' = permitted. Note that part 六 requires every school to have at "
            "least one full- or part-time psychology teacher.",
        ),
    ),
    Requirement(
        id=f"{CODE}.screening.centre-guides-screening",
        domain="screening",
        text=(
            "区进修校（区未成年人心理健康教育成长辅导中心）负责指导中小学心理健康筛查。",
            "The District Teachers' Training School (acting as the District Minors' Mental-Health Education and "
            "Growth Guidance Centre) guides the schools' mental-health screening.",
        ),
        level="required",
        duty_holder="psych_centre",
        subject=("school",),
        citation=cite("一（二）", "区进修校（区未成年人心理健康教育成长辅导中心）负责指导中小学心理健康筛查"),
        note=(
            "区进修校即区教师进修学校，括注为区未成年人心理健康教育成长辅导中心，按“区域心理健康教育中心”记。",
            "区进修校 is the district teachers' training school; the document names it as the district's minors' "
            "mental-health centre, so it is recorded as the regional mental-health education centre.",
        ),
    ),
]

# ---------------------------------------------------------------- escalation
# 二 gives two ways a student comes to notice: the screening (initial screening by the psychology
# teachers, then follow-up of 重点关注人员 with professionals) and the class health monitor, who
# reports to the school for handling.  The document does not join them into one chain; the steps
# are ordered detection → school handling → professional follow-up, each with its own condition.
# The health monitor (健康委员) has no actor of its own; it is recorded as student_cadres.
ESCALATION = [
    Requirement(
        id=f"{CODE}.escalation.health-monitor-reports",
        domain="escalation",
        text=(
            "各班级健康委员关注同学的身心异常行为，及时上报学校。",
            "Each class's health monitor watches for abnormal physical or mental behaviour in classmates and "
            "reports it to the school promptly.",
        ),
        level="required",
        duty_holder="student_cadres",
        subject=("students",),
        step=EscalationStep(
            order=1,
            role="student_cadres",
            reports_to=("school",),
            condition=("发现同学有身心异常行为", "a classmate shows abnormal physical or mental behaviour"),
        ),
        citation=cite("二", "各班级设立健康委员，关注同学的身心异常行为，及时上报学校进行处置"),
        note=(
            "健康委员在词表中无专门角色，按“学生干部”记。文件只写“上报学校”，未指明校内接报人。" + DECLARATIVE_NOTE[0],
            "The vocabulary has no health-monitor actor, so the monitor is recorded as a student cadre. The "
            "document only says 'report to the school' and names no receiving person. " + DECLARATIVE_NOTE[1],
        ),
    ),
    Requirement(
        id=f"{CODE}.escalation.school-handles",
        domain="escalation",
        text=(
            "学校对健康委员上报的情况进行处置。",
            "The school deals with what the health monitor reports.",
        ),
        level="required",
        duty_holder="school",
        subject=("students",),
        step=EscalationStep(
            order=2,
            role="school",
            condition=("接到健康委员上报", "a health monitor has made a report"),
        ),
        citation=cite("二", "及时上报学校进行处置"),
        note=(
            "文件未规定处置的具体方式、时限，也未规定通知家长的步骤。",
            "The document sets out neither how nor how quickly the school deals with the report, and it has no "
            "step for informing parents.",
        ),
    ),
    Requirement(
        id=f"{CODE}.escalation.professional-follow-up",
        domain="escalation",
        text=(
            "协助专业人员做好重点关注人员的复测、咨询、治疗、康复等后续工作。",
            "Assist professionals with the follow-up of students of concern: re-testing, counseling, treatment, "
            "rehabilitation and so on.",
        ),
        level="required",
        duty_holder="psych_teacher",
        subject=("at_risk_students",),
        step=EscalationStep(
            order=3,
            role="psych_teacher",
            condition=("学生经监测筛查被识别为重点关注人员", "monitoring and screening identify the student as one of concern"),
        ),
        citation=cite("二", "协助专业人员做好重点关注人员的复测、咨询、治疗、康复等后续工作"),
        note=(
            "该句主语承接前句，为学校专（兼）职心理健康教育教师（无心理教师的学校为其聘请的社会专业机构）；"
            "“专业人员”未具体指明。" + DECLARATIVE_NOTE[0],
            "The sentence carries over its subject from the one before: the school's full- or part-time "
            "psychology teachers (or, in a school without one, the agency it hires). 'Professionals' are not "
            "specified. " + DECLARATIVE_NOTE[1],
        ),
    ),
]

# ---------------------------------------------------------------- staffing
STAFFING = [
    Requirement(
        id=f"{CODE}.staffing.deputy-leader-in-charge",
        domain="staffing",
        text=(
            "各中小学由一名副职领导分管心理危机干预工作。",
            "In every school one deputy leader is in charge of crisis-intervention work.",
        ),
        level="required",
        duty_holder="school",
        subject=("school_leader",),
        check=Check(metric="psych_leader_assigned", op="true", unit="flag", per="standing", count_per="school"),
        citation=cite("一（三）", "各中小学由一名副职领导分管"),
        note=DECLARATIVE_NOTE,
    ),
    Requirement(
        id=f"{CODE}.staffing.departments-responsible",
        domain="staffing",
        text=(
            "安稳、德育、卫生健康等部门具体负责。",
            "The school's security, moral-education and health departments are responsible for the work in "
            "practice.",
        ),
        level="required",
        duty_holder="school",
        subject=("security_office", "moral_education_office", "school_clinic"),
        citation=cite("一（三）", "安稳、德育、卫生健康等部门具体负责"),
        note=(
            "学校“卫生健康部门”按校医务室记。" + DECLARATIVE_NOTE[0],
            "The school's 'health department' is recorded as the school clinic. " + DECLARATIVE_NOTE[1],
        ),
    ),
    Requirement(
        id=f"{CODE}.staffing.teachers-carry-out",
        domain="staffing",
        text=(
            "专（兼）职心理健康教育教师和相关教师具体开展工作。",
            "Full- and part-time psychology teachers and the teachers concerned carry out the work.",
        ),
        level="required",
        duty_holder="psych_teacher",
        subject=("psych_teacher", "teachers"),
        citation=cite("一（三）", "专（兼）职心理健康教育教师和相关教师具体开展工作"),
        note=DECLARATIVE_NOTE,
    ),
    Requirement(
        id=f"{CODE}.staffing.class-health-monitor",
        domain="staffing",
        text=("各班级设立健康委员。", "Every class has a health monitor."),
        level="required",
        duty_holder="school",
        subject=("student_cadres", "students"),
        check=Check(metric="class_health_monitors", op="true", unit="flag", per="standing", count_per="class"),
        citation=cite("二", "各班级设立健康委员"),
        note=(
            "文件写的是“健康委员”（不是心理委员），按“各班设立健康委员”指标核查。" + DECLARATIVE_NOTE[0],
            "The document says health monitor (健康委员), not psychological monitor; checked with the "
            "health-monitor metric. " + DECLARATIVE_NOTE[1],
        ),
    ),
    Requirement(
        id=f"{CODE}.staffing.psych-teacher-minimum",
        domain="staffing",
        text=(
            "各学校应根据国家相关要求，配备至少一名专职或兼职心理健康教育教师。",
            "Every school shall, following the relevant national requirements, have at least one full-time or "
            "part-time psychology teacher.",
        ),
        level="required",
        duty_holder="school",
        subject=("psych_teacher",),
        check=Check(metric="psych_teachers_total", op=">=", value=1, unit="persons", per="standing", count_per="school"),
        citation=cite("六", "各学校应根据国家相关要求，配备至少一名专职或兼职心理健康教育教师"),
        note=(
            "“专职或兼职”合计核查，不要求专职。",
            "Full-time or part-time teachers are counted together; a full-time teacher is not required.",
        ),
    ),
    Requirement(
        id=f"{CODE}.staffing.psych-teacher-pay-parity",
        domain="staffing",
        text=(
            "心理健康教育教师享受班主任同等待遇。",
            "Psychology teachers receive the same treatment (pay and benefits) as head teachers.",
        ),
        level="required",
        duty_holder="school",
        subject=("psych_teacher",),
        citation=cite("六", "配备至少一名专职或兼职心理健康教育教师，享受班主任同等待遇"),
        note=(
            "与配备要求同在“各学校应”句中，故为必须；无对应指标。",
            "In the same 'every school shall' sentence as the staffing rule, so required; no metric exists.",
        ),
    ),
]

# ---------------------------------------------------------------- referral
# 三: with the District Health Commission's support, the District Mental Health Centre and
# 重钢总医院 have built a green channel for diagnosing, referring and treating teachers' and students'
# psychological disorders.  The sentence reports that the channel exists ("搭建了") and says the two
# "可" train and guide psychology teachers; it does not oblige schools to use it, so the partners are
# encoded as permitted resources.  Other institutions appear only as employers of listed (redacted)
# experts in the annexes — 九五医院, 大渡口区希望心理社会工作服务中心 and several schools — and are not
# referral partners.  The district minors' centre (区进修校) guides and trains but takes no referrals.
GREEN_CHANNEL_QUOTE = (
    "区心理健康中心、重钢总医院搭建了师生心理障碍诊断、转介、治疗的绿色通道，可为学校专（兼）职心理健康教育教师提供培训和指导"
)
GREEN_CHANNEL_NOTE = (
    "原文陈述绿色通道已搭建（“搭建了”），未规定学校必须经此转介，按学校可使用的转介资源（可以）编码。文件未列出公开电话。",
    "The document reports that the green channel has been built ('搭建了') and does not oblige schools to refer "
    "through it, so it is encoded as a resource schools may use (permitted). The document lists no public "
    "telephone number.",
)

REFERRAL = [
    Requirement(
        id=f"{CODE}.referral.district-mental-health-centre",
        domain="referral",
        text=(
            "区心理健康中心：师生心理障碍诊断、转介、治疗的绿色通道；可为学校专（兼）职心理健康教育教师提供培训和指导。",
            "District Mental Health Centre: green channel for diagnosing, referring and treating psychological "
            "disorders of teachers and students; can train and guide the schools' psychology teachers.",
        ),
        level="permitted",
        duty_holder="school",
        subject=("students", "teachers"),
        partner=Partner(kind="centre", name=("大渡口区心理健康中心", "Dadukou District Mental Health Centre")),
        citation=cite("三", GREEN_CHANNEL_QUOTE),
        note=GREEN_CHANNEL_NOTE,
    ),
    Requirement(
        id=f"{CODE}.referral.chonggang-general-hospital",
        domain="referral",
        text=(
            "重钢总医院：师生心理障碍诊断、转介、治疗的绿色通道；可为学校专（兼）职心理健康教育教师提供培训和指导。",
            "Chonggang (Chongqing Iron and Steel) General Hospital: green channel for diagnosing, referring and "
            "treating psychological disorders of teachers and students; can train and guide the schools' "
            "psychology teachers.",
        ),
        level="permitted",
        duty_holder="school",
        subject=("students", "teachers"),
        partner=Partner(kind="hospital", name=("重钢总医院", "Chonggang General Hospital")),
        citation=cite("三", GREEN_CHANNEL_QUOTE),
        note=(
            GREEN_CHANNEL_NOTE[0] + "附件2专家组组长及咨询、干预组多名成员来自该院精神科。",
            GREEN_CHANNEL_NOTE[1] + " Annex 2's expert-group leader and several members of its consultation and "
            "intervention subgroups work in the hospital's psychiatry department.",
        ),
    ),
]

# ---------------------------------------------------------------- curriculum
# The notice sets no lesson quota or course content.
CURRICULUM: list[Requirement] = []

# ---------------------------------------------------------------- other
CENTRE_NOTE = (
    "区进修校（区未成年人心理健康教育成长辅导中心）按“区域心理健康教育中心”记。",
    "The District Teachers' Training School (the district minors' mental-health centre) is recorded as the "
    "regional mental-health education centre.",
)
ANNEX1_NOTE = (
    "附件1所列领导小组的主要职责。领导小组成员姓名已删略，不编码。",
    "A main duty of the leading group listed in Annex 1. Its members' names are redacted and not encoded.",
)
ANNEX2_NOTE = (
    "附件2所列专家组的工作职责。专家组成员姓名、电话已删略，不编码。",
    "A duty of the expert group listed in Annex 2. The experts' names and telephone numbers are redacted and not "
    "encoded.",
)

OTHER = [
    # 一 层级管理
    Requirement(
        id=f"{CODE}.other.district-leading-group",
        domain="other",
        text=(
            "区教委成立大渡口区中小学心理危机干预工作领导小组，加强对中小学心理危机干预工作的组织领导。",
            "The District Education Commission sets up the Dadukou primary and secondary school crisis-intervention "
            "leading group and strengthens the organisation and leadership of the work.",
        ),
        level="required",
        duty_holder="education_authority",
        subject=("leading_group",),
        citation=cite("一（一）", "区教委成立大渡口区中小学心理危机干预工作领导小组，加强对中小学心理危机干预工作的组织领导"),
        note=DECLARATIVE_NOTE,
    ),
    Requirement(
        id=f"{CODE}.other.leading-group-guides-and-supervises",
        domain="other",
        text=(
            "领导小组统筹负责全区中小学心理危机干预工作的开展，并对学校心理危机干预工作进行指导、督查。",
            "The leading group coordinates crisis-intervention work across the district's schools and guides and "
            "inspects the schools' work.",
        ),
        level="required",
        duty_holder="leading_group",
        subject=("school",),
        citation=cite("一（一）", "统筹负责全区中小学心理危机干预工作的开展，并对学校心理危机干预工作进行指导、督查"),
        note=DECLARATIVE_NOTE,
    ),
    Requirement(
        id=f"{CODE}.other.leading-group-office",
        domain="other",
        text=(
            "领导小组办公室设在区教委教育二科，负责日常工作。",
            "The leading group's office sits in the Commission's Second Education Section and runs its day-to-day "
            "work.",
        ),
        level="required",
        duty_holder="education_authority",
        subject=("leading_group",),
        citation=cite("附件1 一", "领导小组办公室设在教育二科，负责日常工作"),
        note=ANNEX1_NOTE,
    ),
    Requirement(
        id=f"{CODE}.other.leading-group-organises-and-urges",
        domain="other",
        text=(
            "领导小组组织全区中小学心理危机干预工作，督促学校认真履行心理危机干预工作职责。",
            "The leading group organises crisis-intervention work across the district and urges schools to carry "
            "out their crisis-intervention duties conscientiously.",
        ),
        level="required",
        duty_holder="leading_group",
        subject=("school",),
        citation=cite("附件1 二（一）", "组织全区中小学心理危机干预工作；督促学校认真履行心理危机干预工作职责"),
        note=ANNEX1_NOTE,
    ),
    Requirement(
        id=f"{CODE}.other.leading-group-decides-major-events",
        domain="other",
        text=(
            "领导小组对重大心理危机事件的处理做出决策。",
            "The leading group decides how major psychological-crisis events are handled.",
        ),
        level="required",
        duty_holder="leading_group",
        subject=("school", "students"),
        citation=cite("附件1 二（一）", "对重大心理危机事件的处理做出决策"),
        note=(
            ANNEX1_NOTE[0] + "文件未规定学校向领导小组报告重大事件的路径，故不作为上报流程中的一步编码。",
            ANNEX1_NOTE[1] + " The document does not say how a school reports a major event to the group, so this is "
            "not encoded as a step of the escalation chain.",
        ),
    ),
    Requirement(
        id=f"{CODE}.other.leading-group-builds-system",
        domain="other",
        text=(
            "领导小组建立全区中小学心理危机干预工作体系；协调区卫生健康委等相关部门，构建区级专家组，形成多部门协作联动的工作机制；"
            "促进形成学校、社区、医疗、家长共同关心学生心理健康的氛围。",
            "The leading group builds the district's crisis-intervention system; coordinates the District Health "
            "Commission and other departments to form a district expert group and a multi-agency working mechanism; "
            "and fosters a climate in which schools, communities, medical services and parents care together for "
            "students' mental health.",
        ),
        level="required",
        duty_holder="leading_group",
        subject=("health_authority", "expert_group", "school", "parents"),
        citation=cite(
            "附件1 二（二）",
            "建立全区中小学心理危机干预工作体系；协调区卫生健康委等相关部门，构建区级中小学心理危机干预工作专家组，"
            "形成多部门协作联动的工作机制；促进形成学校、社区、医疗、家长共同关心学生心理健康的氛围",
        ),
        note=ANNEX1_NOTE,
    ),
    Requirement(
        id=f"{CODE}.other.leading-group-team-building",
        domain="other",
        text=(
            "领导小组加强中小学心理危机干预队伍建设，提高学校应对心理危机的专业能力和工作水平。",
            "The leading group builds up the schools' crisis-intervention staff and raises schools' professional "
            "ability to respond to crises.",
        ),
        level="required",
        duty_holder="leading_group",
        subject=("crisis_responders", "school"),
        citation=cite("附件1 二（三）", "加强中小学心理危机干预队伍建设，提高学校应对心理危机的专业能力和工作水平"),
        note=ANNEX1_NOTE,
    ),
    Requirement(
        id=f"{CODE}.other.leading-group-campus-climate",
        domain="other",
        text=(
            "领导小组创建良好的校园环境，加强学校心理危机教育和宣传，努力提高学生的心理健康水平。",
            "The leading group fosters a good campus environment, strengthens crisis education and publicity in "
            "schools, and works to raise students' mental health.",
        ),
        level="required",
        duty_holder="leading_group",
        subject=("school", "students"),
        citation=cite("附件1 二（四）", "创建良好的校园环境，加强学校心理危机教育和宣传，努力提高学生的心理健康水平"),
        note=ANNEX1_NOTE,
    ),
    Requirement(
        id=f"{CODE}.other.centre-plans-and-rules",
        domain="other",
        text=(
            "区进修校（区未成年人心理健康教育成长辅导中心）负责完善学生心理危机干预工作方案和相关制度。",
            "The District Teachers' Training School (the district minors' mental-health centre) improves the "
            "student crisis-intervention plan and related rules.",
        ),
        level="required",
        duty_holder="psych_centre",
        subject=("school",),
        citation=cite("一（二）", "完善学生心理危机干预工作方案和相关制度"),
        note=CENTRE_NOTE,
    ),
    Requirement(
        id=f"{CODE}.other.centre-organises-training",
        domain="other",
        text=(
            "区进修校（区未成年人心理健康教育成长辅导中心）负责组织中小学心理危机干预专业培训。",
            "The District Teachers' Training School (the district minors' mental-health centre) organises "
            "professional crisis-intervention training for the schools.",
        ),
        level="required",
        duty_holder="psych_centre",
        subject=("crisis_responders", "psych_teacher"),
        citation=cite("一（二）", "组织中小学心理危机干预专业培训等工作"),
        note=CENTRE_NOTE,
    ),
    Requirement(
        id=f"{CODE}.other.centre-assists-supervision",
        domain="other",
        text=(
            "区进修校（区未成年人心理健康教育成长辅导中心）协助对学校心理危机干预工作进行指导、督查。",
            "The District Teachers' Training School (the district minors' mental-health centre) helps guide and "
            "inspect the schools' crisis-intervention work.",
        ),
        level="required",
        duty_holder="psych_centre",
        subject=("school",),
        citation=cite("一（二）", "协助对学校心理危机干预工作进行指导、督查"),
        note=CENTRE_NOTE,
    ),
    # 二 监测干预: records
    Requirement(
        id=f"{CODE}.other.psych-records",
        domain="other",
        text=(
            "及时归档监测、筛查及后续工作的相关资料，形成学生心理健康档案。",
            "File the material from monitoring, screening and follow-up promptly and build students' mental-health "
            "records.",
        ),
        level="required",
        duty_holder="psych_teacher",
        subject=("students",),
        check=Check(metric="psych_records_kept", op="true", unit="flag", per="standing", count_per="school"),
        citation=cite("二", "并及时归档相关资料，形成学生心理健康档案"),
        note=(
            "主语承接前句，为学校专（兼）职心理健康教育教师；核查学校是否建立学生心理健康档案。文件未规定保密要求。"
            + DECLARATIVE_NOTE[0],
            "The subject carries over from the sentence before (the school's psychology teachers); the check asks "
            "whether the school keeps students' mental-health records. The document says nothing on "
            "confidentiality. " + DECLARATIVE_NOTE[1],
        ),
    ),
    # 三 医教联合
    Requirement(
        id=f"{CODE}.other.health-vice-principal",
        domain="other",
        text=(
            "学校要充分发挥卫生副校长在学校心理危机干预中的专业指导作用。",
            "Schools shall make full use of the health vice-principal's professional guidance in crisis "
            "intervention.",
        ),
        level="required",
        duty_holder="school",
        subject=("school",),
        citation=cite("三", "学校也要充分发挥卫生副校长在学校心理危机干预中的专业指导作用"),
    ),
    # 四 家校共育
    Requirement(
        id=f"{CODE}.other.family-school-relationship",
        domain="other",
        text=(
            "建立学校与家庭相互尊重、相互配合的新型家校关系。",
            "Build a new relationship between school and family based on mutual respect and cooperation.",
        ),
        level="required",
        duty_holder="school",
        subject=("parents",),
        citation=cite("四", "建立学校与家庭相互尊重、相互配合的新型家校关系"),
        note=(
            "原文为祈使句，是通知对各校的工作安排，按“必须”编码。",
            "The sentence is an instruction of the notice to the schools, encoded as required.",
        ),
    ),
    Requirement(
        id=f"{CODE}.other.parent-school-lectures",
        domain="other",
        text=(
            "充分利用“家长学校”开办心理健康教育专题讲座，指导家长更新观念，提高对心理健康工作的认识，促进家长积极配合学校开展"
            "心理健康及心理危机干预工作，了解和掌握心理健康教育方法，加强自身良好心理素质养成，营造良好的家庭心理健康教育环境。",
            "Make full use of the parent school to hold lectures on mental-health education, guiding parents to "
            "update their views, understand mental-health work better, cooperate actively with the school's "
            "mental-health and crisis-intervention work, learn methods of mental-health education, build their own "
            "sound psychological qualities and create a good mental-health environment at home.",
        ),
        level="required",
        duty_holder="school",
        subject=("parents",),
        citation=cite(
            "四",
            "充分利用“家长学校”开办心理健康教育专题讲座，指导家长更新观念，提高对心理健康工作的认识，促进家长积极配合学校开展"
            "心理健康及心理危机干预工作，了解和掌握心理健康教育方法，加强自身良好心理素质养成，营造良好的家庭心理健康教育环境",
        ),
        note=(
            "原文为祈使句，按“必须”编码；“积极配合”是对家长的期望，不是鼓励性措辞。文件未规定讲座次数，故无数值核查；"
            "“充分利用家长学校”以学校已有家长学校为前提，未单列建立家长学校的要求。",
            "An instruction of the notice, encoded as required; 'cooperate actively' describes what parents are to "
            "be brought to, not an encouragement. No number of lectures is set, so there is no numeric check; the "
            "sentence presupposes an existing parent school and is not encoded as a duty to set one up.",
        ),
    ),
    # 五 专家引领
    Requirement(
        id=f"{CODE}.other.expert-group-education-commission",
        domain="other",
        text=(
            "区教委与区卫生健康委联合组建大渡口区中小学心理危机干预工作专家组，发挥专家引领作用。",
            "The District Education Commission, jointly with the District Health Commission, forms the Dadukou "
            "primary and secondary school crisis-intervention expert group and lets the experts lead.",
        ),
        level="required",
        duty_holder="education_authority",
        subject=("expert_group",),
        citation=cite("五", "区教委、区卫生健康委联合组建大渡口区中小学心理危机干预工作专家组，发挥专家引领作用"),
        note=(
            "两部门联合组建，分别编码为教育行政部门和卫生健康部门的义务（另见 other.expert-group-health-commission）。"
            + DECLARATIVE_NOTE[0],
            "Formed jointly by two departments, encoded as a duty of each (see also "
            "other.expert-group-health-commission). " + DECLARATIVE_NOTE[1],
        ),
    ),
    Requirement(
        id=f"{CODE}.other.expert-group-health-commission",
        domain="other",
        text=(
            "区卫生健康委与区教委联合组建大渡口区中小学心理危机干预工作专家组。",
            "The District Health Commission, jointly with the District Education Commission, forms the Dadukou "
            "crisis-intervention expert group.",
        ),
        level="required",
        duty_holder="health_authority",
        subject=("expert_group",),
        citation=cite("五", "区教委、区卫生健康委联合组建大渡口区中小学心理危机干预工作专家组"),
        note=(
            "两部门联合组建，见 other.expert-group-education-commission。" + DECLARATIVE_NOTE[0],
            "Formed jointly; see other.expert-group-education-commission. " + DECLARATIVE_NOTE[1],
        ),
    ),
    Requirement(
        id=f"{CODE}.other.expert-group-liaison",
        domain="other",
        text=(
            "委托区未成年人心理健康教育成长辅导中心负责专家组的联络、沟通、协调等相关工作。",
            "The District Minors' Mental-Health Education and Growth Guidance Centre is entrusted with the expert "
            "group's liaison, communication and coordination.",
        ),
        level="required",
        duty_holder="psych_centre",
        subject=("expert_group",),
        citation=cite("五", "委托区未成年人心理健康教育成长辅导中心负责专家组的联络、沟通、协调等相关工作"),
        note=(
            "附件2又写明专家组联络处设在区未成年人心理健康成长辅导中心（区进修校德育与卫生健康教育中心），负责联络及日常工作；"
            "两处名称略有不同，指同一机构。",
            "Annex 2 adds that the expert group's liaison office is in the same centre (written there as "
            "区未成年人心理健康成长辅导中心, within the training school's moral and health education centre) and "
            "runs liaison and daily work; the two spellings name one body.",
        ),
    ),
    Requirement(
        id=f"{CODE}.other.expert-group-resources",
        domain="other",
        text=(
            "专家为全区学生心理危机干预专业队伍的业务培训和技术指导提供专家资源；为学生心理危机临床干预提供咨询、研究、指导。",
            "The experts provide expertise for the training and technical guidance of the district's professional "
            "crisis-intervention staff, and consultation, research and guidance for clinical intervention in "
            "students' crises.",
        ),
        level="required",
        duty_holder="expert_group",
        subject=("crisis_responders", "students"),
        citation=cite(
            "五",
            "专家为我区开展学生心理危机干预专业队伍业务培训和技术指导等工作提供专家资源；为学生心理危机临床干预提供咨询、研究、指导",
        ),
        note=DECLARATIVE_NOTE,
    ),
    Requirement(
        id=f"{CODE}.other.expert-subgroups",
        domain="other",
        text=(
            "专家组结合工作职责分为咨询、宣教和干预三个专家小组，小组间共商互鉴，整合集体力量提供专业支持。",
            "The expert group is divided, by its duties, into consultation, education and intervention subgroups, "
            "which confer with one another and pool their strength to give professional support.",
        ),
        level="required",
        duty_holder="expert_group",
        subject=("expert_group",),
        citation=cite(
            "附件2 一",
            "结合专家组工作职责，分为咨询、宣教和干预三个专家小组。专家小组成员在各自擅长领域侧重发挥作用的同时，"
            "专家小组之间将共商互鉴，优化资源，整合专家组集体力量提供专业支持",
        ),
        note=ANNEX2_NOTE,
    ),
    Requirement(
        id=f"{CODE}.other.expert-group-meetings",
        domain="other",
        text=(
            "专家组召开工作会议，分析、研判全区中小学生心理健康状况，对危机干预的有关工作情况进行总结、研讨。",
            "The expert group holds working meetings to analyse and assess the mental health of the district's "
            "students and to review and discuss crisis-intervention work.",
        ),
        level="required",
        duty_holder="expert_group",
        subject=("students",),
        citation=cite("附件2 二（一）", "召开工作会议。分析、研判全区中小学生心理健康状况，对危机干预的有关工作情况进行总结、研讨"),
        note=(
            ANNEX2_NOTE[0] + "未规定会议频次。",
            ANNEX2_NOTE[1] + " No meeting frequency is set.",
        ),
    ),
    Requirement(
        id=f"{CODE}.other.expert-group-training-and-publicity",
        domain="other",
        text=(
            "专家组开展专业技术培训和指导，开展学生心理危机干预工作宣传教育工作，为全区专业队伍业务培训和技术指导提供专家资源。",
            "The expert group runs professional training and guidance, carries out publicity and education on "
            "student crisis intervention, and provides expertise for training and guiding the district's "
            "professional staff.",
        ),
        level="required",
        duty_holder="expert_group",
        subject=("crisis_responders", "students"),
        citation=cite(
            "附件2 二（二）",
            "开展专业技术培训和指导。开展学生心理危机干预工作宣传教育工作，就我区开展学生心理危机干预专业队伍业务培训和技术指导等工作提供专家资源",
        ),
        note=ANNEX2_NOTE,
    ),
    # 六 队伍培养
    Requirement(
        id=f"{CODE}.other.district-special-training",
        domain="other",
        text=(
            "区教委加强对心理危机干预工作管理人员、学校分管领导、专（兼）职心理健康教育教师、班主任等的专项培训。",
            "The District Education Commission steps up special training for crisis-intervention managers, the "
            "schools' leaders in charge, full- and part-time psychology teachers, head teachers and others.",
        ),
        level="required",
        duty_holder="education_authority",
        subject=("crisis_responders", "school_leader", "psych_teacher", "head_teacher"),
        citation=cite(
            "六", "区教委将加强对心理危机干预工作管理人员、学校分管领导、专（兼）职心理健康教育教师、班主任等进行专项培训"
        ),
        note=(
            "“将加强”是区教委对自身工作的承诺，按教育行政部门的义务编码；未规定培训次数或学时。",
            "'Will strengthen' is the Commission's commitment about its own work, encoded as the education "
            "authority's duty; no number of sessions or hours is set.",
        ),
    ),
    Requirement(
        id=f"{CODE}.other.counseling-room",
        domain="other",
        text=("各学校应建立心理辅导室。", "Every school shall set up a counseling room."),
        level="required",
        duty_holder="school",
        subject=("school",),
        check=Check(metric="has_counseling_room", op="true", unit="flag", per="standing", count_per="school"),
        citation=cite("六", "建立心理辅导室"),
        note=(
            "与配备教师同在“各学校应”句中，故为必须。",
            "In the same 'every school shall' sentence as the staffing rule, so required.",
        ),
    ),
    Requirement(
        id=f"{CODE}.other.support-psych-teachers",
        domain="other",
        text=(
            "各学校应为心理健康教育教师开展心理危机干预工作提供必要保障。",
            "Every school shall give its psychology teachers the support they need for crisis-intervention work.",
        ),
        level="required",
        duty_holder="school",
        subject=("psych_teacher",),
        citation=cite("六", "为心理健康教育教师开展心理危机干预工作提供必要保障"),
    ),
    # 七 工作保障
    Requirement(
        id=f"{CODE}.other.organisation-and-staff-guarantee",
        domain="other",
        text=(
            "各学校要加强组织保障、机构人员保障，保障学生心理危机干预工作顺利开展。",
            "Every school shall strengthen its organisational, institutional and staffing safeguards so that "
            "crisis-intervention work runs smoothly.",
        ),
        level="required",
        duty_holder="school",
        subject=("school",),
        citation=cite("七", "各学校要加强组织保障、机构人员保障"),
    ),
    Requirement(
        id=f"{CODE}.other.funding",
        domain="other",
        text=(
            "各学校要落实必要经费，保障学生心理危机干预工作顺利开展。",
            "Every school shall provide the necessary funds so that student crisis-intervention work runs smoothly.",
        ),
        level="required",
        duty_holder="school",
        subject=("school",),
        citation=cite("七", "各学校要加强组织保障、机构人员保障，落实必要经费，保障学生心理危机干预工作顺利开展"),
        note=(
            "经费义务由各学校承担（“各学校要……落实必要经费”），不是财政部门；未规定金额或比例。",
            "The funding duty lies with each school ('every school shall ... provide the necessary funds'), not "
            "the finance bureau; no amount or share is set.",
        ),
    ),
    Requirement(
        id=f"{CODE}.other.district-guidance-and-inspection",
        domain="other",
        text=(
            "区教委加强对学校心理危机干预工作的指导和督查。",
            "The District Education Commission steps up guidance and inspection of the schools' crisis-intervention "
            "work.",
        ),
        level="required",
        duty_holder="education_authority",
        subject=("school",),
        citation=cite("七", "区教委将加强对学校心理危机干预工作的指导和督查"),
        note=(
            "“将加强”是区教委对自身工作的承诺，按教育行政部门的义务编码。",
            "'Will strengthen' is the Commission's commitment about its own work, encoded as the education "
            "authority's duty.",
        ),
    ),
    # 附件3 人员名单
    Requirement(
        id=f"{CODE}.other.staff-list-submission",
        domain="other",
        text=(
            "各校填写《大渡口区中小学心理危机干预工作人员名单》（分管领导、具体负责人），将纸质件（需盖章）及电子件于"
            "2020年11月13日前报送区教委教育二科。",
            "Every school fills in the Dadukou crisis-intervention staff list (the leader in charge and the person "
            "responsible) and sends the stamped paper copy and the electronic copy to the Commission's Second "
            "Education Section by 13 November 2020.",
        ),
        level="required",
        duty_holder="school",
        subject=("school_leader",),
        deadline="2020-11-13",
        citation=cite("附件3 说明", "此表由各校填写，完成后将纸质件（需盖章）及电子件于11月13日前报送至区教委教育二科1208室"),
        note=(
            "原文只写“11月13日前”，年份取通知印发日期2020年11月6日，即2020-11-13。这是一次性报送，已过期；"
            "无对应指标，故不设核查。联系人、电话、邮箱已删略，不编码。",
            "The document says only 'before 13 November'; the year is taken from the notice's date (6 November "
            "2020), giving 2020-11-13. It is a one-off submission, long past; no metric exists, so there is no "
            "check. The contact person, telephone and mailbox are redacted and not encoded.",
        ),
    ),
]


@hookimpl
def xinli_screening_schedule() -> list[Requirement]:
    """二: yearly monitoring, initial screening, optional agency; 一（二）: the centre guides it."""
    return SCREENING


@hookimpl
def xinli_escalation_chain() -> list[Requirement]:
    """二: health monitor → school → follow-up with professionals."""
    return ESCALATION


@hookimpl
def xinli_staffing_rules() -> list[Requirement]:
    """一（三）, 二 and 六: leader in charge, departments, monitors, psychology teachers."""
    return STAFFING


@hookimpl
def xinli_referral_partners() -> list[Requirement]:
    """三: the green channel of the District Mental Health Centre and 重钢总医院."""
    return REFERRAL


@hookimpl
def xinli_curriculum_quotas() -> list[Requirement]:
    """The notice is silent on the curriculum."""
    return CURRICULUM


@hookimpl
def xinli_other_requirements() -> list[Requirement]:
    """Organisation, records, family-school work, experts, training, facilities, funding, deadline."""
    return OTHER
