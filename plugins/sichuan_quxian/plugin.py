"""Qu County (渠县), Dazhou, Sichuan: 渠府办〔2022〕129号.

Encodes the Qu County government office's notice issuing the county's plan
for strengthening mental-health education in schools.  Clauses are cited as
``四（二）6`` (section, subsection, numbered measure).
"""

from __future__ import annotations

from xinli.core import hookimpl
from xinli.core.model import (
    COMPULSORY,
    SENIOR,
    Check,
    Citation,
    Condition,
    Document,
    DocumentRef,
    EscalationStep,
    Jurisdiction,
    Partner,
    Requirement,
    Timing,
    grades_range,
)

CODE = "sichuan_quxian"
DOC = "渠府办〔2022〕129号"

JURISDICTION = Jurisdiction(
    code=CODE,
    name=("四川省达州市渠县", "Qu County, Dazhou, Sichuan"),
    level="county",
    parent="sichuan_dazhou",
    parent_name=("四川省达州市", "Dazhou, Sichuan"),
    documents=[
        Document(
            number=DOC,
            title=(
                "渠县人民政府办公室关于印发《渠县加强学校心理健康教育工作实施方案》的通知",
                "Notice of the Qu County Government Office issuing the Qu County plan for strengthening "
                "mental-health education in schools",
            ),
            issuer=("渠县人民政府办公室", "Qu County Government Office"),
            date="2022-08-08",
            implements=[
                DocumentRef(
                    "达市府办发〔2022〕42号",
                    "达州市人民政府办公室关于印发达州市加强学校心理健康教育工作实施方案的通知",
                    "达州市人民政府办公室",
                    "sichuan_dazhou",
                ),
            ],
        )
    ],
)


def cite(clause: str, quote: str) -> Citation:
    """A citation of 渠府办〔2022〕129号."""
    return Citation(CODE, DOC, clause, quote)


@hookimpl
def xinli_jurisdiction() -> Jurisdiction:
    """Qu County's identity and document."""
    return JURISDICTION


def _req(
    id_: str, domain: str, text: tuple[str, str], level: str, duty_holder: str, clause: str, quote: str, **kw
) -> Requirement:
    """A requirement of 渠府办〔2022〕129号 (saves repeating the citation helper)."""
    return Requirement(
        id=f"{CODE}.{domain}.{id_}", domain=domain, text=text, level=level, duty_holder=duty_holder,
        citation=cite(clause, quote), **kw,
    )


# How duty holders are chosen: each numbered measure of 四 ends with 〔责任单位：…〕, whose units
# before the comma lead the measure.  A sentence that names its own actor (学校, 班主任, 县教研机构,
# 精神卫生医疗机构...) binds that actor; a sentence that names none binds the measure's lead unit
# (县教育局 → education_authority in most measures; 乡镇人民政府（街道办） in 四（一）2 and 四（四）13;
# 县卫健局 in 四（四）14).  The measures are directives of a county government plan: a sentence with
# no modal verb of its own is read as required; 鼓励 is encouraged; 积极 qualifying a directive
# (积极统筹, 积极组织) is not read as encouragement.

# 小学高年级 = grades 5-6 under the usual 低/中/高年级 = 1-2/3-4/5-6 division.
UPPER_PRIMARY_TO_SENIOR = grades_range(5, 12)
# 从小学四年级起 = grade 4 and every grade above it.
FROM_GRADE_4 = grades_range(4, 12)

UPPER_PRIMARY_NOTE = (
    "“小学高年级”按低/中/高年级=1-2/3-4/5-6年级的通常划分理解为5-6年级，加上初中、高中，覆盖5-12年级。",
    "小学高年级 (upper primary) is read as grades 5-6 under the usual 1-2/3-4/5-6 division; with junior and "
    "senior secondary school this covers grades 5-12.",
)

# --- screening (二（四）, 四（三）8, 四（三）11) -----------------------------------------
SCREENING = [
    _req(
        "annual-assessment",
        "screening",
        (
            "县教育行政部门依托心理健康教育中心或按统一标准选择相关专业机构，负责组织小学高年级、初中、高中阶段学校师生"
            "每学年开展1次全覆盖心理健康测评",
            "The county education authority, through the mental-health education centre or a professional body chosen "
            "to a unified standard, organises one full-coverage mental-health assessment of the teachers and students "
            "of upper-primary, junior and senior secondary schools every school year",
        ),
        "required",
        "education_authority",
        "四（三）8",
        "县教育行政部门依托心理健康教育中心或按统一标准选择相关专业机构，负责组织小学高年级、初中、高中阶段学校师生"
        "每学年开展 1 次全覆盖心理健康测评",
        subject=("students", "teachers"),
        grades=UPPER_PRIMARY_TO_SENIOR,
        check=Check(
            metric="psych_survey_rounds_per_school_year", op=">=", value=1, unit="times", per="per_school_year",
            count_per="school",
        ),
        note=(
            UPPER_PRIMARY_NOTE[0]
            + "文件写“每学年”（不是“每年”）“1次全覆盖”，按每所学校每学年至少1次理解；组织者为县教育行政部门，"
            "学校按组织参加；测评对象为师生，检查只统计学生测评。",
            UPPER_PRIMARY_NOTE[1]
            + " The document says 每学年 (per school year, not per calendar year) and “1 full-coverage "
            "round”, read as at least one round per school per school year; the county education authority organises "
            "it and schools take part; teachers are assessed too, but the check counts the students' rounds.",
        ),
    ),
    _req(
        "unified-standards",
        "screening",
        (
            "按照统一的检测机构、检测程序、标准尺度、质量要求开展师生心理健康筛查，并分校建档管理",
            "Teachers' and students' mental-health screening follows a unified testing body, procedure, scale and "
            "quality requirements, with records kept school by school",
        ),
        "required",
        "education_authority",
        "二（四）",
        "按照统一的检测机构、检测程序、标准尺度、质量要求开展师生心理健康筛查，并分校建档管理",
        subject=("students", "teachers"),
        note=(
            "出自“工作原则”，但内容是具体做法（四（三）8据此由县教育行政部门组织测评），按“必须”编码。",
            "Stated among the working principles, but it is a concrete rule (四（三）8 has the county education authority "
            "organise the assessment accordingly), so it is encoded as required.",
        ),
    ),
    _req(
        "use-results-one-student-one-plan",
        "screening",
        (
            "指导学校科学运用心理健康测评结果，建立“一生一策”心理健康档案，分级分类做好心理健康教育，"
            "做到心理健康问题师生精准识别、及时干预、处理得当",
            "The education authority guides schools to use assessment results scientifically, set up a “one student, "
            "one plan” mental-health record, provide graded and differentiated mental-health education, and identify "
            "precisely, intervene promptly in and properly handle teachers' and students' mental-health problems",
        ),
        "required",
        "education_authority",
        "四（三）8",
        "指导学校科学运用心理健康测评结果，建立“一生一策”心理健康档案，分级分类做好心理健康教育，做到心理健康问题"
        "师生精准识别、及时干预、处理得当",
        subject=("school", "students", "teachers"),
    ),
    _req(
        "provincial-ledger",
        "screening",
        (
            "将可能存在严重和高危心理健康问题学生相关情况录入四川省中小学生心理健康档案台账管理系统，"
            "实现线上管理、线下跟踪、动态监控",
            "Information on students who may have serious or high-risk mental-health problems is entered into the "
            "Sichuan primary and secondary student mental-health record ledger system, for online management, "
            "offline follow-up and dynamic monitoring",
        ),
        "required",
        "education_authority",
        "四（三）8",
        "将可能存在严重和高危心理健康问题学生相关情况录入四川省中小学生心理健康档案台账管理系统，实现线上管理、线下跟踪、动态监控",
        subject=("at_risk_students",),
        note=(
            "句子未写明由谁录入，按本条责任单位（牵头：县教育局）确定责任主体。",
            "The sentence does not say who enters the data; the duty holder is the measure's lead unit "
            "(county education bureau).",
        ),
    ),
    _req(
        "key-groups-dynamic-screening",
        "screening",
        (
            "运用大数据手段，加大对心理健康问题学生、问题家庭学生、留守学生三类人群动态排查掌握，"
            "重点了解和关注有精神病史学生的心理健康状况",
            "Using big-data means and cross-agency information sharing, step up the dynamic screening of three groups — "
            "students with mental-health problems, students from troubled families and left-behind students — and pay "
            "particular attention to students with a history of mental illness",
        ),
        "required",
        "education_authority",
        "四（三）11",
        "加强各方协作配合和信息共享，运用大数据手段，加大对心理健康问题学生、问题家庭学生、留守学生三类人群动态排查掌握，"
        "重点了解和关注有精神病史学生的心理健康状况",
        subject=("at_risk_students", "left_behind_children"),
        note=(
            "责任单位牵头为县教育局，县卫健局、县妇联配合。",
            "Led by the county education bureau, with the health bureau and the Women's Federation.",
        ),
    ),
]

# --- escalation (四（三）11, 四（三）12) -------------------------------------------------
# The document has no full reporting procedure.  The chain follows its own order: the key groups
# are screened and reported (11), crisis cases get prevention/warning/intervention and one-to-one
# follow-up (11), cases beyond mental-health education are referred (11), and when an incident
# happens the school starts its plan, verifies and handles it under guidance (12), then supports
# the other students (12).  The document names no recipient of 及时上报, so reports_to stays empty.
ESCALATION = [
    _req(
        "report-key-groups",
        "escalation",
        (
            "对三类重点人群及有精神病史学生的情况及时上报和梳理汇总",
            "Report and compile promptly what is found about the three key groups and students with a history of "
            "mental illness",
        ),
        "required",
        "education_authority",
        "四（三）11",
        "重点了解和关注有精神病史学生的心理健康状况，及时上报和梳理汇总",
        subject=("at_risk_students",),
        step=EscalationStep(order=1, role="education_authority", reports_to=()),
        note=(
            "文件未写明上报对象；句子无主语，按本条牵头单位（县教育局）确定。",
            "The document does not say to whom the report goes; the sentence has no subject, so the measure's lead unit "
            "(county education bureau) is the duty holder.",
        ),
    ),
    _req(
        "crisis-mechanism-follow-up",
        "escalation",
        (
            "对有心理危机的师生建立预防、预警、干预机制，实行“一对一”“多对一”跟踪防控管理，"
            "有针对性地开展生命教育、心理疏导和志愿服务",
            "For teachers and students in psychological crisis, set up a prevention, early-warning and intervention "
            "mechanism with one-to-one and many-to-one follow-up, and give targeted life education, psychological "
            "counseling and volunteer services",
        ),
        "required",
        "education_authority",
        "四（三）11",
        "对有心理危机的师生建立预防、预警、干预机制，实行“一对一”“多对一”跟踪防控管理，有针对性地开展生命教育、心理疏导和志愿服务",
        subject=("at_risk_students", "teachers"),
        step=EscalationStep(order=2, role="education_authority", reports_to=()),
    ),
    _req(
        "refer-beyond-scope",
        "escalation",
        (
            "超出心理健康教育工作范围的，及时转介到专业机构或医疗机构",
            "Cases beyond the scope of mental-health education are referred promptly to professional bodies or "
            "medical institutions",
        ),
        "required",
        "education_authority",
        "四（三）11",
        "超出心理健康教育工作范围的，及时转介到专业机构或医疗机构",
        subject=("at_risk_students", "teachers"),
        step=EscalationStep(
            order=3,
            role="education_authority",
            reports_to=("medical_institutions",),
            condition=("超出心理健康教育工作范围的", "when the case is beyond the scope of mental-health education"),
        ),
        note=(
            "“专业机构”（非医疗的专业心理服务机构）在reports_to中无对应角色，只列医疗机构。",
            "“Professional bodies” (non-medical psychological service bodies) have no matching actor; only medical "
            "institutions are listed in reports_to.",
        ),
    ),
    _req(
        "incident-start-plan",
        "escalation",
        (
            "学生因心理问题发生意外事件后，学校要立即启动应急预案，并在当地学校、公安等部门指导下核实情况、及时处理",
            "After an incident caused by a student's psychological problem, the school starts its emergency plan at "
            "once and verifies and handles the situation promptly under the guidance of the local school (education) "
            "and public-security departments",
        ),
        "required",
        "school",
        "四（三）12",
        "学生因心理问题发生意外事件后，学校要立即启动应急预案，并在当地学校、公安等部门指导下核实情况、及时处理",
        subject=("students",),
        step=EscalationStep(
            order=4,
            role="school",
            reports_to=("education_authority", "police_and_courts"),
            condition=("学生因心理问题发生意外事件后", "after a student's psychological problem has led to an incident"),
        ),
        note=(
            "原文“在当地学校、公安等部门指导下”，其中“学校……部门”按当地教育主管部门理解（本条责任单位为县教育局、县公安局）。",
            "The document says “under the guidance of the local school, public-security and other departments”; the "
            "“school department” is read as the local education authority (the measure's units are the county "
            "education bureau and public-security bureau).",
        ),
    ),
    _req(
        "incident-support-others",
        "escalation",
        (
            "加强对其他学生的教育和辅导，严防事态扩大或者发生次生心理伤害",
            "Step up education and counseling of the other students, and strictly prevent the situation from spreading "
            "or causing secondary psychological harm",
        ),
        "required",
        "school",
        "四（三）12",
        "加强对其他学生的教育和辅导，严防事态扩大或者发生次生心理伤害",
        subject=("students",),
        step=EscalationStep(order=5, role="school", reports_to=()),
    ),
]

# --- staffing (二（二）, 四（一）2, 四（二）5, 四（二）7, 四（五）17) ----------------------------
STAFFING = [
    _req(
        "county-managed-area-used",
        "staffing",
        (
            "构建标准统一的心理健康教育师资、机构准入机制，统筹心理健康教育教师配备和管理方式，实现心理健康教育教师“县管片用”",
            "Build a unified entry mechanism for mental-health teachers and institutions and coordinate how teachers "
            "are staffed and managed, so that mental-health teachers are “managed by the county and used by the areas”",
        ),
        "required",
        "education_authority",
        "二（二）",
        "构建标准统一的心理健康教育师资、机构准入机制，统筹心理健康教育教师配备和管理方式，实现心理健康教育教师“县管片用”",
        subject=("psych_teacher",),
        note=(
            "出自“工作原则”，但内容是具体做法，按“必须”编码；责任主体为县教育行政部门。",
            "Stated among the working principles, but it is a concrete rule, so it is encoded as required for the county "
            "education authority.",
        ),
    ),
    _req(
        "area-centre-posts",
        "staffing",
        (
            "依托片区中心学校设置心理健康教育教师专职岗位2—3个，统筹用于片区开展工作",
            "Each area centre school hosts 2 to 3 full-time mental-health teacher posts, used across its area",
        ),
        "required",
        "township_government",
        "四（一）2",
        "设置心理健康教育教师专职岗位 2— 3 个，统筹用于片区开展工作",
        subject=("psych_teacher",),
        applies_if=[Condition("area_centre_school", "==", True)],
        check=Check(
            metric="area_fulltime_psych_posts", op="between", value=(2, 3), unit="posts", per="standing", count_per="area"
        ),
        note=(
            "责任单位为各乡镇人民政府（街道办）、县教育局（牵头），故责任主体为乡镇人民政府（街道办）；仅适用于片区中心学校，按片区计。",
            "The lead units are the township governments (sub-district offices) and the county education bureau, so the "
            "duty holder is the township government; applies only to area centre schools and is counted per area.",
        ),
    ),
    _req(
        "teacher-entry-standard",
        "staffing",
        (
            "统一心理健康教育教师入职标准，通过外部招引、内部挖潜培养、现有其他学科教师转岗等方式，逐步配齐建强学校心理健康教育教师队伍",
            "Unify the entry standard for mental-health teachers and, through outside recruitment, internal development "
            "and transfer of teachers of other subjects, gradually staff and strengthen schools' mental-health teaching "
            "force",
        ),
        "required",
        "education_authority",
        "四（二）5",
        "统一心理健康教育教师入职标准，通过外部招引、内部挖潜培养、现有其他学科教师转岗等方式，逐步配齐建强学校心理健康教育教师队伍",
        subject=("psych_teacher",),
    ),
    _req(
        "fulltime-teacher-per-school",
        "staffing",
        (
            "每所中小学校至少配备1名专职心理健康教育教师",
            "Every primary and secondary school has at least 1 full-time mental-health teacher",
        ),
        "required",
        "school",
        "四（二）5",
        "每所中小学校至少配备 1 名专职心理健康教育教师",
        subject=("psych_teacher",),
        check=Check(metric="fulltime_psych_teachers", op=">=", value=1, unit="persons", per="standing", count_per="school"),
        note=(
            "句子以“每所中小学校”为主体，按学校常设条件编码；教师的招引与调配由县教育局（牵头）、县人社局负责。",
            "The sentence is stated of “every school”, so it is a standing condition of the school; recruitment and "
            "allocation fall to the county education bureau (lead) and the human-resources bureau.",
        ),
    ),
    _req(
        "professional-titles",
        "staffing",
        (
            "健全中小学心理健康教育教师职务（职称）评聘办法，制订相应专业技术职务（职称）评价标准，落实好评聘工作",
            "Improve the rules for appointing mental-health teachers to professional titles, set matching evaluation "
            "standards and carry out the appointments",
        ),
        "required",
        "education_authority",
        "四（二）5",
        "健全中小学心理健康教育教师职务（职称）评聘办法，制订相应专业技术职务（职称）评价标准，落实好心理健康教育教师职务（职称）评聘工作",
        subject=("psych_teacher",),
    ),
    _req(
        "fulltime-teacher-equal-treatment",
        "staffing",
        (
            "建立健全心理健康教育教师激励机制，确保专职心理健康教育教师享受班主任（辅导员）同等待遇",
            "Set up an incentive mechanism for mental-health teachers and ensure full-time mental-health teachers "
            "receive the same treatment as head teachers (counsellors)",
        ),
        "required",
        "education_authority",
        "四（二）5",
        "建立健全心理健康教育教师激励机制，确保专职心理健康教育教师享受班主任（辅导员）同等待遇",
        subject=("psych_teacher",),
    ),
    _req(
        "parttime-teacher-workload",
        "staffing",
        (
            "兼职心理健康教育教师的工作量要在学校年终绩效考评中予以充分体现",
            "Part-time mental-health teachers' workload is fully reflected in the school's year-end performance review",
        ),
        "required",
        "school",
        "四（二）5",
        "兼职心理健康教育教师的工作量要在学校年终绩效考评中予以充分体现",
        subject=("psych_teacher",),
    ),
    _req(
        "research-officer",
        "staffing",
        (
            "县教研机构要配备专职心理健康教育教研员",
            "The county teaching-research office has a full-time mental-health education research officer",
        ),
        "required",
        "research_office",
        "四（二）7",
        "县教研机构要配备专职心理健康教育教研员",
        subject=("research_office",),
    ),
    _req(
        "class-psych-monitors",
        "staffing",
        (
            "中小学校从小学四年级起每个班级要建立心理委员制度，设立男、女心理委员各1名",
            "From grade 4 of primary school up, every class sets up a psychological-monitor system with one male and "
            "one female psychological monitor",
        ),
        "required",
        "school",
        "四（五）17",
        "中小学校从小学四年级起每个班级要建立心理委员制度，设立男、女心理委员各 1 名",
        subject=("class_psych_monitor", "students"),
        grades=FROM_GRADE_4,
        check=Check(
            metric="class_psych_monitors_per_class", op="==", value=2, unit="persons", per="standing", count_per="class"
        ),
        note=(
            "“从小学四年级起”理解为4-12年级；“男、女心理委员各1名”即每班2名（男女各1），男女构成无法由人数检查，需人工核对。",
            "“From grade 4 of primary school up” is read as grades 4-12; “one male and one female monitor each” means 2 "
            "per class; the male/female split cannot be checked from the count and needs a manual look.",
        ),
    ),
]

# --- referral (四（一）4, 四（四）14, 四（四）15, 四（五）18) -----------------------------------
REFERRAL = [
    _req(
        "social-service-bodies",
        "referral",
        (
            "采取政府购买服务等方式引进优质社会心理服务专业机构，协助指导县级心理健康教育中心和学校开展心理健康服务",
            "Bring in high-quality social psychological service bodies, e.g. by government purchase of services, to "
            "help guide the county mental-health education centre and schools in their services",
        ),
        "required",
        "education_authority",
        "四（一）4",
        "采取政府购买服务等方式引进优质社会心理服务专业机构，协助指导县级心理健康教育中心和学校开展心理健康服务",
        subject=("school", "psych_centre"),
        partner=Partner(kind="centre", name=("社会心理服务专业机构", "social psychological service bodies")),
    ),
    _req(
        "general-hospital-psych-departments",
        "referral",
        (
            "推动综合医院普遍开设精神（心理）科，为有心理问题师生提供人文关怀、心理疏导等服务",
            "Have general hospitals generally open psychiatry (psychology) departments that give teachers and students "
            "with psychological problems humane care and counseling",
        ),
        "required",
        "health_authority",
        "四（四）14",
        "推动综合医院普遍开设精神（心理）科，为有心理问题师生提供人文关怀、心理疏导等服务",
        subject=("students", "teachers"),
        partner=Partner(
            kind="hospital", name=("综合医院精神（心理）科", "psychiatry (psychology) departments of general hospitals")
        ),
        note=(
            "本条责任单位牵头为县卫健局。",
            "The measure is led by the county health bureau.",
        ),
    ),
    _req(
        "psychiatric-outpatient-clinics",
        "referral",
        (
            "精神卫生医疗机构要开设心理门诊，为师生患者提供药物治疗和心理治疗相结合的服务",
            "Mental-health medical institutions open psychological outpatient clinics that combine medication and "
            "psychotherapy for teacher and student patients",
        ),
        "required",
        "medical_institutions",
        "四（四）14",
        "精神卫生医疗机构要开设心理门诊，为师生患者提供药物治疗和心理治疗相结合的服务",
        subject=("students", "teachers"),
        partner=Partner(
            kind="hospital", name=("精神卫生医疗机构心理门诊", "psychological clinics of mental-health medical institutions")
        ),
    ),
    _req(
        "primary-care-child-health",
        "referral",
        (
            "基层医疗卫生机构和全科医院要大力开展心理健康宣传和服务工作，将儿童常见心理行为问题干预纳入儿童保健服务",
            "Primary health-care institutions and general-practice hospitals promote mental health and provide services, "
            "and include intervention in children's common psychological and behavioural problems in child health care",
        ),
        "required",
        "medical_institutions",
        "四（四）14",
        "基层医疗卫生机构和全科医院要大力开展心理健康宣传和服务工作，将儿童常见心理行为问题干预纳入儿童保健服务",
        subject=("students",),
        partner=Partner(
            kind="hospital",
            name=("基层医疗卫生机构和全科医院", "primary health-care institutions and general-practice hospitals"),
        ),
    ),
    _req(
        "medical-support-mechanism",
        "referral",
        (
            "建立精神卫生医疗机构对学校心理健康教育及心理危机干预的协作支持机制，为学校提供医疗帮助",
            "Set up a mechanism by which mental-health medical institutions support schools' mental-health education "
            "and crisis intervention and give schools medical help",
        ),
        "required",
        "health_authority",
        "四（四）14",
        "建立精神卫生医疗机构对学校心理健康教育及心理危机干预的协作支持机制，为学校提供医疗帮助",
        subject=("school",),
        partner=Partner(kind="hospital", name=("精神卫生医疗机构", "mental-health medical institutions")),
    ),
    _req(
        "family-school-medical-channel",
        "referral",
        (
            "建立家庭、学校和医疗机构的转介渠道，对有严重心理疾病的师生，及时转入医疗机构治疗",
            "Set up a referral channel between families, schools and medical institutions; teachers and students with "
            "serious mental illness are transferred promptly to medical institutions for treatment",
        ),
        "required",
        "education_authority",
        "四（四）15",
        "建立家庭、学校和医疗机构的转介渠道，对有严重心理疾病的师生，及时转入医疗机构治疗",
        subject=("at_risk_students", "teachers", "parents"),
        partner=Partner(kind="hospital", name=("医疗机构", "medical institutions")),
        note=(
            "句子无主语，按本条牵头单位（县教育局）确定责任主体；文件未提转介须征得家长同意。",
            "The sentence has no subject, so the duty holder is the measure's lead unit (county education bureau); the "
            "document does not mention parental consent for the referral.",
        ),
    ),
    _req(
        "hospital-records-follow-up",
        "referral",
        (
            "医疗机构建立完善心理问题师生档案，主动加强与学校、家长联系，做好心理问题师生的收治和常规随访管理",
            "Medical institutions keep records of teachers and students with psychological problems, keep in touch with "
            "schools and parents, and admit and routinely follow up these teachers and students",
        ),
        "required",
        "medical_institutions",
        "四（四）15",
        "医疗机构建立完善心理问题师生档案，主动加强与学校、家长联系，做好心理问题师生的收治和常规随访管理",
        subject=("at_risk_students", "teachers", "school", "parents"),
    ),
    _req(
        "county-assistance-hotline",
        "referral",
        (
            "依托县级心理健康教育中心，开通心理援助热线和微信公众号，建设心理健康公益服务网站",
            "Through the county mental-health education centre, open a psychological assistance hotline and a WeChat "
            "official account, and build a public mental-health service website",
        ),
        "required",
        "education_authority",
        "四（五）18",
        "依托县级心理健康教育中心，开通心理援助热线和微信公众号，建设心理健康公益服务网站等，打造渠县心理教育援助服务品牌",
        subject=("students", "teachers"),
        partner=Partner(
            kind="hotline",
            name=("渠县县级心理健康教育中心心理援助热线", "Qu County mental-health education centre's assistance hotline"),
        ),
        note=(
            "文件未给出该热线号码。",
            "The document gives no number for this hotline.",
        ),
    ),
    _req(
        "hotline-12320",
        "referral",
        (
            "用好12320公共卫生公益热线，及时帮助解决师生心理问题",
            "Make good use of the 12320 public-health hotline to help solve teachers' and students' psychological "
            "problems promptly",
        ),
        "required",
        "education_authority",
        "四（五）18",
        "用好 12320 公共卫生公益热线、12355 青少年服务台，及时帮助解决师生心理问题",
        subject=("students", "teachers"),
        partner=Partner(kind="hotline", name=("12320公共卫生公益热线", "12320 public-health hotline"), phone="12320"),
    ),
    _req(
        "hotline-12355",
        "referral",
        (
            "用好12355青少年服务台，及时帮助解决师生心理问题",
            "Make good use of the 12355 youth service line to help solve teachers' and students' psychological problems "
            "promptly",
        ),
        "required",
        "education_authority",
        "四（五）18",
        "用好 12320 公共卫生公益热线、12355 青少年服务台，及时帮助解决师生心理问题",
        subject=("students", "teachers"),
        partner=Partner(kind="hotline", name=("12355青少年服务台", "12355 youth service line"), phone="12355"),
    ),
]

# --- curriculum (四（三）9) ----------------------------------------------------------------
# The lesson sentences name no actor: the duty holder is the measure's lead unit (county education
# bureau); the lessons are given in each class of each school, so they are checked per class.
CURRICULUM = [
    _req(
        "compulsory-local-course",
        "curriculum",
        (
            "义务教育阶段在四川省义务教育地方课程《生命·生态·安全》中安排心理健康专题教育活动",
            "In compulsory education, mental-health topics are taught within Sichuan's local compulsory course "
            "“Life · Ecology · Safety”",
        ),
        "required",
        "education_authority",
        "四（三）9",
        "义务教育阶段在四川省义务教育地方课程《生命·生态·安全》中安排心理健康专题教育活动",
        grades=COMPULSORY,
        note=("义务教育阶段 = 1-9年级。", "Compulsory education = grades 1-9."),
    ),
    _req(
        "senior-school-based-course",
        "curriculum",
        (
            "高中阶段在校本课程或者选修课程中安排心理健康专题教育活动",
            "In senior secondary school, mental-health topics are taught in school-based or elective courses",
        ),
        "required",
        "education_authority",
        "四（三）9",
        "高中阶段在校本课程或者选修课程中安排心理健康专题教育活动",
        grades=SENIOR,
        note=("高中阶段 = 10-12年级。", "Senior secondary = grades 10-12."),
    ),
    _req(
        "lessons-every-two-weeks",
        "curriculum",
        (
            "保证每班每两周至少1课时心理健康教育",
            "Every class has at least 1 mental-health lesson every two weeks",
        ),
        "required",
        "school",
        "四（三）9",
        "保证每班每两周至少 1 课时",
        check=Check(
            metric="psych_lessons_per_two_weeks", op=">=", value=1, unit="lessons", per="per_two_weeks", count_per="class"
        ),
        note=(
            "适用于义务教育和高中阶段（1-12年级）。本措施牵头单位为县教育局，但课时按“每班”计、在各校课堂落实，故列为学校责任。",
            "Applies to both compulsory and senior secondary education (grades 1-12). The measure's lead unit is the county "
            "education bureau, but the quota is counted per class and delivered in each school's lessons, so the school "
            "answers for it.",
        ),
    ),
    _req(
        "lessons-per-semester",
        "curriculum",
        (
            "每班每学期心理健康教育不少于9课时",
            "Every class has no fewer than 9 mental-health lessons per semester",
        ),
        "required",
        "school",
        "四（三）9",
        "保证每班每两周至少 1 课时，每学期不少于 9 课时",
        check=Check(metric="psych_lessons_per_semester", op=">=", value=9, unit="lessons", per="per_semester", count_per="class"),
        note=(
            "适用于义务教育和高中阶段（1-12年级）；“每学期”承接“每班”，按班计。牵头单位为县教育局，但课时在各校课堂落实，故列为学校责任。",
            "Applies to grades 1-12; “per semester” continues “every class”, so it is counted per class. The lead unit is "
            "the county education bureau, but the lessons are delivered in each school, so the school answers for it.",
        ),
    ),
    _req(
        "electives-and-textbooks",
        "curriculum",
        (
            "鼓励各学校开展各具特色的心理健康选修课程，积极开发心理健康教育校本教材",
            "Schools are encouraged to offer distinctive mental-health electives and to develop school-based "
            "mental-health teaching materials",
        ),
        "encouraged",
        "school",
        "四（三）9",
        "鼓励各学校开展各具特色的心理健康选修课程，积极开发心理健康教育校本教材",
        note=(
            "“鼓励”支配整句，“积极开发校本教材”同为“鼓励”。",
            "鼓励 governs the whole sentence, so developing school-based materials is encouraged too.",
        ),
    ),
    _req(
        "league-pioneer-lessons",
        "curriculum",
        (
            "各学校团组织、少工委要常态化开展心理健康教育和生命教育主题团（队）课",
            "Schools' Youth League organisations and Young Pioneer work committees regularly hold League (Pioneer) "
            "lessons on mental-health and life education",
        ),
        "required",
        "youth_organisations",
        "四（三）9",
        "各学校团组织、少工委要常态化开展心理健康教育和生命教育主题团（队）课",
    ),
]

# --- other ---------------------------------------------------------------------------------
# Deadlines: 2022年底前 → 2022-12-31; 2024年底前 → 2024-12-31.  The three-year room building of
# 四（一）3 ends with the 2024 full-coverage deadline stated in the same clause.
OTHER = [
    # 四（一）1 county centre
    _req(
        "county-centre-by-2022",
        "other",
        (
            "建立县级心理健康教育中心，2022年底前建成",
            "Set up a county mental-health education centre, completed by the end of 2022",
        ),
        "required",
        "education_authority",
        "四（一）1",
        "2022 年底前建成县级心理健康教育中心",
        subject=("psych_centre",),
        deadline="2022-12-31",
        note=(
            "“2022年底前”取2022-12-31；牵头单位县教育局，县财政局、县卫健局配合。",
            "“Before the end of 2022” is taken as 2022-12-31; led by the county education bureau with the finance and "
            "health bureaus.",
        ),
    ),
    _req(
        "county-centre-services",
        "other",
        (
            "县级心理健康教育中心统筹负责心理健康教育工作，定期对学校、乡镇开展心理健康业务指导、师资培训等，"
            "常态化开展心理健康知识宣传普及和专业心理咨询等服务",
            "The county centre coordinates mental-health education, regularly gives schools and townships professional "
            "guidance and teacher training, and routinely provides mental-health publicity and professional counseling",
        ),
        "required",
        "psych_centre",
        "四（一）1",
        "统筹负责心理健康教育工作，定期对学校、乡镇开展心理健康业务指导、师资培训等，常态化开展心理健康知识宣传普及和专业心理咨询等服务",
        subject=("school", "teachers", "students"),
    ),
    # 四（一）2 area platform
    _req(
        "area-counseling-service",
        "other",
        (
            "以县域片区划分为基础，依托片区中心学校设立心理咨询室或社会工作室，为有需求的师生和居民提供心理健康教育、答疑释惑、心理咨询等服务",
            "On the basis of the county's areas, set up a counseling room or social-work room at each area centre school "
            "that gives teachers, students and residents who need it mental-health education, answers and counseling",
        ),
        "required",
        "township_government",
        "四（一）2",
        "以县域片区划分为基础，依托片区中心学校设立心理咨询室或社会工作室",
        subject=("students", "teachers", "residents"),
        applies_if=[Condition("area_centre_school", "==", True)],
        note=(
            "牵头单位为各乡镇人民政府（街道办）、县教育局；仅适用于片区中心学校。“心理咨询室或社会工作室”不等同于学校心理辅导室，不设检查。",
            "Led by the township governments (sub-district offices) and the county education bureau; applies to area "
            "centre schools only. A “counseling room or social-work room” is not the school counseling room, so no "
            "check is set.",
        ),
    ),
    # 四（一）3 counseling rooms
    _req(
        "counseling-room-by-school-size",
        "other",
        (
            "各中小学校根据学生规模，利用三年时间分类建设标准心理辅导室，并配备相应的心理健康教育教师",
            "Each school, according to its enrolment, builds a standard counseling room of the matching category within "
            "three years and staffs it with mental-health teachers",
        ),
        "required",
        "school",
        "四（一）3",
        "各中小学校根据学生规模，利用三年时间分类建设标准心理辅导室，并配备相应的心理健康教育教师",
        subject=("school",),
        deadline="2024-12-31",
        note=(
            "“利用三年时间”的终点按同条“2024年底前……全覆盖”取2024-12-31；是否建成由全覆盖一项检查。",
            "The end of the “three years” is taken from the same clause's full-coverage deadline (2024-12-31); whether "
            "the room exists is checked by the full-coverage item.",
        ),
    ),
    _req(
        "counseling-room-one-centre-school-per-area-2022",
        "other",
        (
            "2022年底前，每个片区选择一所中心学校建成心理辅导室",
            "By the end of 2022, one centre school in each area has a completed counseling room",
        ),
        "required",
        "education_authority",
        "四（一）3",
        "2022 年底前，每个片区选择一所中心学校建成心理辅导室",
        subject=("school",),
        deadline="2022-12-31",
        note=(
            "由县教育局（牵头）在每个片区选定一所中心学校，不是每所中心学校都须建成，故不设学校层面检查。",
            "The county education bureau (lead) picks one centre school per area; not every centre school is bound, so "
            "there is no school-level check.",
        ),
    ),
    _req(
        "counseling-room-full-coverage-2024",
        "other",
        (
            "2024年底前，实现全县中小学校心理辅导室建设全覆盖",
            "By the end of 2024, every primary and secondary school in the county has a counseling room",
        ),
        "required",
        "education_authority",
        "四（一）3",
        "2024 年底前，实现全县中小学校心理辅导室建设全覆盖",
        subject=("school",),
        deadline="2024-12-31",
        check=Check(metric="has_counseling_room", op="true", unit="flag", per="by_deadline", count_per="region"),
        note=(
            "全县目标，由县教育行政部门负责，按全县学校统计（全覆盖即全部学校）。",
            "A county-wide target of the education authority, counted over all the county's schools "
            "(full coverage = every school).",
        ),
    ),
    _req(
        "counseling-room-open-daily",
        "other",
        (
            "学生在校期间心理辅导室每天定时向师生开放",
            "While students are at school, the counseling room is open to teachers and students at fixed times every day",
        ),
        "required",
        "counseling_room",
        "四（一）3",
        "学生在校期间心理辅导室每天定时向师生开放",
        subject=("students", "teachers"),
        check=Check(metric="counseling_room_open_daily", op="true", unit="flag", per="per_day", count_per="school"),
    ),
    _req(
        "counseling-ethics",
        "other",
        (
            "严格遵守职业伦理规范，开展心理辅导工作",
            "Counseling work strictly follows professional ethics",
        ),
        "required",
        "counseling_room",
        "四（一）3",
        "严格遵守职业伦理规范，开展心理辅导工作",
    ),
    _req(
        "counseling-records",
        "other",
        (
            "认真建好并妥善保存学生成长信息记录、个别辅导记录、测评资料、录音录像等心理健康辅导档案",
            "Keep and store securely the counseling records: students' growth information, individual counseling "
            "records, assessment materials, audio and video recordings",
        ),
        "required",
        "counseling_room",
        "四（一）3",
        "认真建好并妥善保存学生成长信息记录、个别辅导记录、测评资料、录音录像等心理健康辅导档案",
        check=Check(metric="psych_records_kept", op="true", unit="flag", per="standing", count_per="school"),
    ),
    # 四（一）4 experts
    _req(
        "experts-to-campus",
        "other",
        (
            "定期开展“心理健康教育专家进校园”活动，开设“心理健康教育专家工作室”和“心理大课堂”专题讲座，"
            "开展学生心理辅导实践研讨、教学研究、教育科研、课程建设、教师培训、专业督导等活动",
            "Regularly run “mental-health experts on campus” activities, open expert studios and “big psychology class” "
            "lectures, and hold seminars on counseling practice, teaching research, curriculum building, teacher "
            "training and professional supervision",
        ),
        "required",
        "education_authority",
        "四（一）4",
        "定期开展“心理健康教育专家进校园”活动，开设“心理健康教育专家工作室”和“心理大课堂”专题讲座，开展学生心理辅导实践研讨、"
        "教学研究、教育科研、课程建设、教师培训、专业督导等活动",
        subject=("school", "teachers", "students"),
    ),
    # 四（二）6 training
    _req(
        "teacher-training-plan",
        "other",
        (
            "将心理健康教育教师培训纳入教师培训总体计划，分期分批对心理健康教育教师进行培训",
            "Include mental-health teacher training in the overall teacher-training plan and train mental-health "
            "teachers in batches",
        ),
        "required",
        "education_authority",
        "四（二）6",
        "将心理健康教育教师培训纳入教师培训总体计划，分期分批对心理健康教育教师进行培训",
        subject=("psych_teacher",),
    ),
    _req(
        "parttime-teacher-training-every-3-years",
        "other",
        (
            "县级教育行政部门对兼职心理健康教育教师至少每3年全覆盖培训1次",
            "The county education authority trains every part-time mental-health teacher at least once every 3 years",
        ),
        "required",
        "education_authority",
        "四（二）6",
        "县级教育行政部门对兼职心理健康教育教师的培养培训，至少每 3 年全覆盖培训 1 次",
        subject=("psych_teacher",),
        check=Check(
            metric="parttime_psych_teacher_trainings_last_3_years", op=">=", value=1, unit="times", per="every_3_years",
            count_per="teacher",
        ),
        note=(
            "“全覆盖”即每名兼职教师都参训，故按每名教师计（学校层面取参训最少的兼职教师）。",
            "“Full coverage” means every part-time teacher is trained, so it is counted per teacher (at school level, "
            "the part-time teacher with the fewest trainings).",
        ),
    ),
    _req(
        "training-for-principals-and-teachers",
        "other",
        (
            "在中小学校长、班主任和学科教师的各类培训中增加心理健康教育培训内容",
            "Add mental-health education content to all training of principals, head teachers and subject teachers",
        ),
        "required",
        "education_authority",
        "四（二）6",
        "在中小学校长、班主任和学科教师的各类培训中增加心理健康教育培训内容",
        subject=("principal", "head_teacher", "teachers"),
    ),
    _req(
        "school-based-training",
        "other",
        (
            "各学校每学期至少举办1期心理健康教育校本培训",
            "Every school holds at least 1 school-based mental-health training session per semester",
        ),
        "required",
        "school",
        "四（二）6",
        "各学校每学期至少举办 1 期心理健康教育校本培训",
        subject=("teachers",),
        check=Check(
            metric="school_psych_training_sessions_per_semester", op=">=", value=1, unit="sessions", per="per_semester",
            count_per="school",
        ),
    ),
    # 四（二）7 research
    _req(
        "research-system",
        "other",
        (
            "县教研机构分学段健全小学、初中、高中心理健康教育教研制度，常态化开展心理健康教育教研活动",
            "The county research office sets up teaching-research systems for primary, junior and senior secondary "
            "mental-health education and holds research activities routinely",
        ),
        "required",
        "research_office",
        "四（二）7",
        "分学段健全小学、初中、高中心理健康教育教研制度，常态化开展心理健康教育教研活动",
        subject=("psych_teacher",),
    ),
    _req(
        "open-lessons-per-semester",
        "other",
        (
            "县教研机构每学期至少组织1次心理健康教育公开课或观摩课",
            "The county research office organises at least 1 mental-health open or demonstration lesson per semester",
        ),
        "required",
        "research_office",
        "四（二）7",
        "每学期至少组织 1 次心理健康教育公开课或观摩课",
        subject=("psych_teacher",),
        note=(
            "主语承接上句“县教研机构”；是县级活动，学校事实无法判断，故不设检查（周期为“每学期”）。",
            "The subject carries over from “the county research office”; it is a county-level event that no school's "
            "facts can decide, so there is no check (the period is per semester).",
        ),
    ),
    _req(
        "county-lesson-contest-per-year",
        "other",
        (
            "县教研机构每年至少组织1次全县心理健康教育赛课活动",
            "The county research office organises at least 1 county-wide mental-health lesson contest per year",
        ),
        "required",
        "research_office",
        "四（二）7",
        "每年至少组织 1 次全县心理健康教育赛课活动",
        subject=("psych_teacher",),
        note=(
            "周期为“每年”（自然年），不是“每学年”；县级活动，学校事实无法判断，故不设检查。",
            "The period is 每年 (per calendar year), not per school year; a county-level event no school's facts can "
            "decide, so there is no check.",
        ),
    ),
    _req(
        "academic-exchange",
        "other",
        (
            "定期开展中小学心理健康教育学术交流和教研活动，提升教师开展心理健康教育能力",
            "Regularly hold academic exchanges and research activities on school mental-health education to raise "
            "teachers' ability",
        ),
        "required",
        "research_office",
        "四（二）7",
        "定期开展中小学心理健康教育学术交流和教研活动，提升教师开展心理健康教育能力",
        subject=("teachers",),
    ),
    _req(
        "expert-pool-and-studios",
        "other",
        (
            "建立心理健康教育专家资源库，加快推进心理健康教育名师工作室建设，发挥学科带头人的教育科研引领作用",
            "Build a pool of mental-health education experts, speed up master-teacher studios, and let subject leaders "
            "lead research",
        ),
        "required",
        "education_authority",
        "四（二）7",
        "建立心理健康教育专家资源库，加快推进心理健康教育名师工作室建设，发挥学科带头人的教育科研引领作用",
        subject=("teachers",),
    ),
    _req(
        "teacher-research-encouraged",
        "other",
        (
            "鼓励中小学教师、班主任开展心理健康教育专题研究，评选推广应用心理健康教育优秀成果",
            "Teachers and head teachers are encouraged to research mental-health education topics; excellent results are "
            "selected and promoted",
        ),
        "encouraged",
        "teachers",
        "四（二）7",
        "鼓励中小学教师、班主任开展心理健康教育专题研究，评选推广应用心理健康教育优秀成果",
        subject=("teachers", "head_teacher"),
        note=(
            "“鼓励”支配整句，评选推广优秀成果同为“鼓励”。",
            "鼓励 governs the whole sentence, including the selection and promotion of good results.",
        ),
    ),
    # 四（三）12 key periods and plan
    _req(
        "key-period-counseling",
        "other",
        (
            "加强放假前后、考试前后、开学前后及毕业生离校前等重点时段心理辅导工作，对有家庭变故大、没有考上理想学校、"
            "没有找到工作等情况并存在心理健康问题的学生不定期开展沟通交流，做好思想引导",
            "Step up counseling around holidays, exams, the start of term and graduates' departure, and talk from time "
            "to time with students with mental-health problems who face major family changes, did not get into the "
            "school they wanted or found no job",
        ),
        "required",
        "education_authority",
        "四（三）12",
        "加强放假前后、考试前后、开学前后及毕业生离校前等重点时段心理辅导工作，特别是针对有家庭变故大、没有考上理想学校、"
        "没有找到工作等情况并存在心理健康问题的学生，不定期开展沟通交流，做好思想引导",
        subject=("students", "at_risk_students"),
        timing=[Timing("holidays"), Timing("exams"), Timing("semester_start"), Timing("graduation")],
        note=(
            "句子无主语，按本条牵头单位（县教育局）确定责任主体；具体辅导由学校实施。",
            "The sentence has no subject, so the duty holder is the measure's lead unit (county education bureau); the "
            "counseling itself is done in schools.",
        ),
    ),
    _req(
        "emergency-plan",
        "other",
        (
            "制定完善学校心理问题学生突发事件应急预案",
            "Draw up and improve the school's emergency plan for incidents involving students with psychological problems",
        ),
        "required",
        "school",
        "四（三）12",
        "制定完善学校心理问题学生突发事件应急预案",
        subject=("school",),
        check=Check(metric="crisis_plan_in_place", op="true", unit="flag", per="standing", count_per="school"),
        note=(
            "预案是学校的预案（下句“学校要立即启动应急预案”），按学校责任编码。",
            "The plan is the school's own (the next sentence has the school start it), so the school is the duty holder.",
        ),
    ),
    # 四（三）10 legal education
    _req(
        "legal-education-content",
        "other",
        (
            "学校课堂教学要增加法治教育内容",
            "Schools add rule-of-law content to classroom teaching",
        ),
        "required",
        "school",
        "四（三）10",
        "学校课堂教学要增加法治教育内容",
    ),
    _req(
        "legal-education-activities",
        "other",
        (
            "学校主动与公安机关、人民法院、人民检察院加强联系，每学期至少联合开展1次全校性的法治宣传教育活动",
            "Schools work with the police, courts and procuratorate and hold at least 1 joint school-wide "
            "rule-of-law education activity per semester",
        ),
        "required",
        "school",
        "四（三）10",
        "学校要主动与公安机关、人民法院、人民检察院加强联系，每学期至少联合开展 1 次全校性的法治宣传教育活动",
        check=Check(
            metric="legal_education_activities_per_semester", op=">=", value=1, unit="times", per="per_semester",
            count_per="school",
        ),
    ),
    # 四（四）13 left-behind children
    _req(
        "left-behind-care-sites",
        "other",
        (
            "统筹各方资源，加强未成年人保护机构、儿童福利机构、日间照料中心、寄宿制学校设施建设，"
            "开辟儿童托管服务和活动场所，发挥“儿童之家”“妇女之家”“童伴之家”等阵地作用",
            "Pool resources to build up minors' protection bodies, child-welfare bodies, day-care centres and boarding "
            "school facilities, open child-care and activity places in existing public facilities, and use the "
            "“children's homes”, “women's homes” and “companion homes”",
        ),
        "required",
        "township_government",
        "四（四）13",
        "积极统筹各方资源，加强未成年人保护机构、儿童福利机构、日间照料中心、寄宿制学校设施建设，利用现有公共服务设施开辟儿童托管服务"
        "和活动场所，充分发挥“儿童之家”“妇女之家”“童伴之家”等阵地作用",
        subject=("left_behind_children",),
        note=(
            "牵头单位为各乡镇人民政府（街道办）、县妇联；“积极统筹”为修饰语，按“必须”。",
            "Led by the township governments (sub-district offices) and the county Women's Federation; 积极 (actively) "
            "qualifies a directive, so it is required.",
        ),
    ),
    _req(
        "left-behind-equipment",
        "other",
        (
            "配备必要的电话、图书、电脑、益智玩具等硬件设施，满足留守儿童求学、休闲、健康玩耍的需要",
            "Equip these places with telephones, books, computers, educational toys and other hardware to meet "
            "left-behind children's needs for study, leisure and healthy play",
        ),
        "required",
        "township_government",
        "四（四）13",
        "配备必要的电话、图书、电脑、益智玩具等硬件设施，满足留守儿童求学、休闲、健康玩耍的需要",
        subject=("left_behind_children",),
    ),
    _req(
        "companion-mothers",
        "other",
        (
            "深化实施“童伴计划”项目，严格落实“童伴妈妈”“六个一”工作职责，加强对“童伴妈妈”青少年心理健康教育培训指导",
            "Carry forward the “Child Companion Plan”, strictly apply the “companion mothers'” “six ones” duties, and "
            "train and guide companion mothers in youth mental-health education",
        ),
        "required",
        "township_government",
        "四（四）13",
        "深化实施“童伴计划”项目，严格落实“童伴妈妈”“六个一”工作职责，加强对“童伴妈妈”青少年心理健康教育培训指导",
        subject=("left_behind_children",),
    ),
    # 四（四）15 family-school work
    _req(
        "family-education-guidance",
        "other",
        (
            "将心理健康教育融入家庭教育指导，通过教师家访、家长学校交流等途径了解学生是否存在早期心理创伤、家庭重大变故、亲子关系紧张等情况",
            "Build mental-health education into family-education guidance and learn, through teachers' home visits and "
            "parent-school exchanges, whether students have early trauma, major family changes or strained "
            "parent-child relations",
        ),
        "required",
        "education_authority",
        "四（四）15",
        "将心理健康教育融入家庭教育指导，通过教师家访、家长学校交流等多种途径了解学生是否存在早期心理创伤、家庭重大变故、亲子关系紧张等情况",
        subject=("parents", "students"),
        note=(
            "句子无主语，按本条牵头单位（县教育局）确定责任主体；家访等由学校教师实施。",
            "The sentence has no subject, so the duty holder is the measure's lead unit (county education bureau); home "
            "visits and the like are made by school teachers.",
        ),
    ),
    _req(
        "parent-awareness",
        "other",
        (
            "广泛宣传普及心理健康教育知识，提高家长预防和识别孩子心理行为问题的能力",
            "Spread mental-health knowledge widely and raise parents' ability to prevent and recognise their children's "
            "psychological and behavioural problems",
        ),
        "required",
        "education_authority",
        "四（四）15",
        "广泛宣传普及心理健康教育知识，提高家长预防和识别孩子心理行为问题的能力",
        subject=("parents",),
    ),
    _req(
        "home-visits",
        "other",
        (
            "班主任每学年对所在班级学生开展1次全覆盖家访",
            "Each head teacher makes one round of home visits covering every student of the class every school year",
        ),
        "required",
        "head_teacher",
        "四（四）15",
        "班主任每学年对所在班级学生开展 1 次全覆盖家访",
        subject=("students", "parents"),
        check=Check(
            metric="home_visit_rounds_per_school_year", op=">=", value=1, unit="times", per="per_school_year",
            count_per="class",
        ),
        note=(
            "文件写“每学年……1次全覆盖家访”，按每班每学年至少1轮理解。",
            "The document says “1 full-coverage round per school year”, read as at least one round per class per "
            "school year.",
        ),
    ),
    _req(
        "parent-guidance-sessions",
        "other",
        (
            "学校每学期面向家长至少开展1次公益性家庭教育指导服务和实践活动",
            "Each school holds at least 1 free family-education guidance service and practice activity for parents "
            "per semester",
        ),
        "required",
        "school",
        "四（四）15",
        "学校每学期面向家长至少开展 1 次公益性家庭教育指导服务和实践活动",
        subject=("parents",),
        check=Check(
            metric="parent_psych_sessions_per_semester", op=">=", value=1, unit="times", per="per_semester",
            count_per="school",
        ),
    ),
    _req(
        "family-education-law",
        "other",
        (
            "加强《中华人民共和国家庭教育促进法》的宣传教育和贯彻落实，对家庭关系紧张的父母进行教育引导，帮助家长建立对孩子的合理预期和良好的亲子关系",
            "Publicise and implement the Family Education Promotion Law, guide parents in strained family relationships, "
            "and help parents form reasonable expectations and good relations with their children",
        ),
        "required",
        "education_authority",
        "四（四）15",
        "加强《中华人民共和国家庭教育促进法》的宣传教育和贯彻落实，对家庭关系紧张的父母进行教育引导，帮助家长建立对孩子的合理预期和良好的亲子关系",
        subject=("parents",),
        note=(
            "牵头单位县教育局，县司法局、县卫健局、县妇联配合。",
            "Led by the county education bureau with the justice and health bureaus and the Women's Federation.",
        ),
    ),
    # 四（五）16 whole-person development
    _req(
        "double-reduction",
        "other",
        (
            "严格落实“双减”政策，全面压减作业总量和时长，从严治理、全面规范校外培训行为",
            "Strictly apply the “double reduction” policy: cut the amount and time of homework and strictly regulate "
            "off-campus tutoring",
        ),
        "required",
        "education_authority",
        "四（五）16",
        "严格落实“双减”政策，全面压减作业总量和时长，从严治理、全面规范校外培训行为，有效减轻学生过重作业负担和校外培训负担",
    ),
    _req(
        "pe-arts-labour-culture",
        "other",
        (
            "落实开齐开足开好体育课和美育课的刚性要求，广泛开展体育运动和艺术实践活动，系统加强劳动教育，吸引学生参加健康向上的校园文化生活和学生社团活动",
            "Meet the firm requirement to offer full PE and arts lessons, run sports and arts activities widely, "
            "strengthen labour education, and draw students into healthy campus culture and student clubs",
        ),
        "required",
        "education_authority",
        "四（五）16",
        "落实开齐开足开好体育课和美育课的刚性要求，积极推广中华传统体育项目，广泛开展普及性体育运动和丰富的艺术实践活动，"
        "结合各学段特点系统加强劳动教育",
    ),
    # 四（五）17 awareness month and activities
    _req(
        "awareness-month-may",
        "other",
        (
            "将每年5月确定为“渠县学校心理健康教育宣传月”",
            "May of every year is the “Qu County School Mental-Health Education Awareness Month”",
        ),
        "required",
        "education_authority",
        "四（五）17",
        "将每年 5 月确定为“渠县学校心理健康教育宣传月”",
        subject=("school", "students"),
        check=Check(metric="awareness_month_held", op="true", unit="flag", per="per_year", count_per="school"),
        timing=[Timing("month", month=5)],
        note=(
            "宣传月由县里确定，检查学校是否在每年5月开展宣传月活动；周期为“每年”。",
            "The county sets the month; the check asks whether the school held awareness-month activities each May (per "
            "calendar year).",
        ),
    ),
    _req(
        "varied-activities",
        "other",
        (
            "把心理健康教育与班主任（辅导员）工作、班级团队活动、校园文体活动、社会实践活动等有机结合，开展形式多样的主题教育、文体娱乐、心理素质拓展等活动",
            "Combine mental-health education with head teachers' work, class and League/Pioneer activities, campus "
            "culture and sports, and social practice, and run varied themed, recreational and resilience activities",
        ),
        "required",
        "education_authority",
        "四（五）17",
        "把心理健康教育与班主任（辅导员）工作、班级团队活动、校园文体活动、社会实践活动等有机结合，充分利用网络等现代信息技术手段，"
        "开展形式多样的主题教育、文体娱乐、心理素质拓展等活动",
        subject=("school", "students"),
    ),
    _req(
        "mass-organisations",
        "other",
        (
            "充分发挥群团组织作用，运用留守儿童之家、青少年宫等开展青少年心理健康教育活动",
            "Make full use of mass organisations, left-behind children's homes and youth palaces for youth "
            "mental-health activities",
        ),
        "required",
        "education_authority",
        "四（五）17",
        "充分发挥群团组织作用，运用留守儿童之家、青少年宫等开展青少年心理健康教育活动",
        subject=("students", "left_behind_children"),
        note=(
            "句子无主语，按本条牵头单位（县教育局）确定；团县委、县妇联为配合单位。",
            "The sentence has no subject, so the measure's lead unit (county education bureau) is the duty holder; the "
            "Youth League committee and the Women's Federation assist.",
        ),
    ),
    # 四（五）18 e-mail and online counseling
    _req(
        "counseling-email",
        "other",
        (
            "各学校设立心理咨询电子邮箱，组织专职心理健康教育教师进行答复",
            "Every school sets up a counseling e-mail address answered by its full-time mental-health teachers",
        ),
        "required",
        "school",
        "四（五）18",
        "各学校设立心理咨询电子邮箱，组织专职心理健康教育教师进行答复",
        check=Check(metric="psych_counseling_email", op="true", unit="flag", per="standing", count_per="school"),
    ),
    _req(
        "online-counseling",
        "other",
        (
            "学校广泛利用微信、QQ等线上途径提供专业化心理咨询服务",
            "Schools make wide use of WeChat, QQ and other online channels to offer professional counseling",
        ),
        "required",
        "school",
        "四（五）18",
        "广泛利用微信、QQ 等线上途径提供专业化心理咨询服务",
        note=(
            "主语承接上句“各学校”。",
            "The subject carries over from “every school” in the same sentence.",
        ),
    ),
    # 五 organisation and guarantees (no 责任单位 line: the issuing county government and its departments)
    _req(
        "leading-group",
        "other",
        (
            "建立渠县学校心理健康教育工作领导小组，统筹抓好学校心理健康教育工作",
            "Set up the Qu County school mental-health education leading group to coordinate the work",
        ),
        "required",
        "county_government",
        "五（一）",
        "建立渠县学校心理健康教育工作领导小组，统筹抓好学校心理健康教育工作",
        subject=("leading_group",),
    ),
    _req(
        "funding-centre-budget",
        "other",
        (
            "县财政部门加大对心理健康教育工作、硬件项目建设等的经费投入，心理健康教育中心工作经费纳入预算并根据实际需要逐年增加",
            "The county finance department raises spending on mental-health education and facilities; the centre's "
            "working funds are budgeted and raised year by year as needed",
        ),
        "required",
        "finance_bureau",
        "五（二）",
        "县财政部门要加大对心理健康教育工作、硬件项目建设等的经费投入，心理健康教育中心工作经费要纳入预算并根据实际需要逐年增加",
        subject=("psych_centre",),
    ),
    _req(
        "funding-special-work",
        "other",
        (
            "学校心理辅导室建设、心理健康教育教师培训、学生心理健康测评等专项工作经费按照实际需求足额保障",
            "Special funds for school counseling rooms, mental-health teacher training and student assessment are "
            "provided in full as actually needed",
        ),
        "required",
        "finance_bureau",
        "五（二）",
        "学校心理辅导室建设、心理健康教育教师培训、学生心理健康测评等专项工作经费要按照实际需求足额保障",
        subject=("school",),
    ),
    _req(
        "supervision",
        "other",
        (
            "各相关部门把学校心理健康教育工作纳入督查督办重要内容，分行业、分条块开展调研督导，及时发现问题，抓好整改落实",
            "All departments concerned make school mental-health education a key item of supervision, carry out "
            "inspections by sector, find problems promptly and see that they are corrected",
        ),
        "required",
        "county_government",
        "五（三）",
        "各相关部门要把学校心理健康教育工作纳入督查督办重要内容，强化责任担当、信息共享、协同联动，分行业、分条块开展调研督导，"
        "及时发现问题，抓好整改落实",
        subject=("school",),
    ),
    _req(
        "publicity",
        "other",
        (
            "各相关部门发挥各类宣传媒体平台作用，积极组织开展心理健康教育工作宣传报道，引导社会力量关心关注师生心理健康",
            "All departments concerned use the media to report on mental-health education and draw society into caring "
            "for teachers' and students' mental health",
        ),
        "required",
        "county_government",
        "五（四）",
        "各相关部门要充分发挥各类宣传媒体平台作用，积极组织开展心理健康教育工作宣传报道",
        subject=("students", "teachers"),
    ),
    _req(
        "internet-governance",
        "other",
        (
            "加强网络治理，管控不良信息网上传播，清理网络有害信息，防止对学生健康成长造成影响",
            "Strengthen internet governance: control the spread of harmful information online and clean it up so it "
            "does not harm students' healthy growth",
        ),
        "required",
        "county_government",
        "五（四）",
        "要加强网络治理，管控不良信息网上传播，清理网络有害信息，防止对学生健康成长造成影响",
    ),
]


@hookimpl
def xinli_screening_schedule() -> list[Requirement]:
    """Screening and assessment (二（四）, 四（三）8, 11)."""
    return SCREENING


@hookimpl
def xinli_escalation_chain() -> list[Requirement]:
    """Reporting, intervention and incident handling (四（三）11-12)."""
    return ESCALATION


@hookimpl
def xinli_staffing_rules() -> list[Requirement]:
    """Teachers, area posts, research officer and class monitors."""
    return STAFFING


@hookimpl
def xinli_referral_partners() -> list[Requirement]:
    """Social service bodies, medical institutions and public hotlines."""
    return REFERRAL


@hookimpl
def xinli_curriculum_quotas() -> list[Requirement]:
    """Lessons per class (四（三）9)."""
    return CURRICULUM


@hookimpl
def xinli_other_requirements() -> list[Requirement]:
    """Centres, counseling rooms, training, research, family work, legal education and guarantees."""
    return OTHER
