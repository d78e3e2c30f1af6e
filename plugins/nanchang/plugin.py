"""Nanchang (南昌市), Jiangxi: 洪教健字〔2019〕1号.

Encodes the Nanchang Education Bureau's notice and its two annexes:
附件1 《南昌市教育局心理服务体系建设工作实施方案（试行）》 (the
service-system plan) and 附件2 《南昌市中小学校心理危机管理工作方案（试行）》
(the crisis-management plan).  Clauses are cited as ``附件1 四（二）`` or
``附件2 二（二）2（1）``; the covering notice as ``通知``.
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
    Timing,
)

CODE = "nanchang"
DOC = "洪教健字〔2019〕1号"

JURISDICTION = Jurisdiction(
    code=CODE,
    name=("南昌市", "Nanchang"),
    level="city",
    parent="jiangxi",
    parent_name=("江西省", "Jiangxi Province"),
    documents=[
        Document(
            number=DOC,
            title=(
                "南昌市教育局关于印发《南昌市教育局心理服务体系建设工作实施方案（试行）》的通知",
                "Notice of the Nanchang Education Bureau issuing the implementation plan for building the "
                "psychological service system (trial) and the crisis-management plan for primary and secondary schools (trial)",
            ),
            issuer=("南昌市教育局", "Nanchang Education Bureau"),
            date="2019",
            implements=[
                DocumentRef(
                    "洪卫医字（2017）107号",
                    "关于转发《转发关于加强心理健康服务的指导意见的通知》的通知",
                    "南昌市卫生和计划生育委员会等19个部门",
                    CODE,
                ),
                DocumentRef(
                    "洪政法字〔2018〕42号", "关于印发<南昌市加强社会心理服务体系建设工作指导意见>的通知", "南昌市委政法委", CODE
                ),
            ],
            note=("文件未印日期，仅可确定为2019年。", "The document prints no day; only the year 2019 is certain."),
        )
    ],
)


def cite(clause: str, quote: str) -> Citation:
    """A citation of 洪教健字〔2019〕1号."""
    return Citation(CODE, DOC, clause, quote)


@hookimpl
def xinli_jurisdiction() -> Jurisdiction:
    """Nanchang's identity and document."""
    return JURISDICTION


# Every item is built through ``_req``: the domain is read from the id, so it cannot disagree with it.
def _req(
    rid: str,
    text: tuple[str, str],
    level: str,
    duty_holder: str,
    clause: str,
    quote: str,
    **kwargs: object,
) -> Requirement:
    return Requirement(
        id=f"{CODE}.{rid}",
        domain=rid.split(".")[0],
        text=text,
        level=level,
        duty_holder=duty_holder,
        citation=cite(clause, quote),
        **kwargs,
    )


# Task statements of the plans that carry no modal verb (加强…, 做好…, 心理辅导室…普及…) are directives and read as required.
DIRECTIVE_NOTE = (
    "句中无“要/应”等情态词，作为方案所列工作任务（指令）按必须处理。",
    "The sentence has no modal verb; as a work task listed by the plan (a directive) it is read as required.",
)

# 起始年级 read as the first grade of each school stage (小学一年级, 初一, 高一).
STARTING_GRADES = (1, 7, 10)

# ---------------------------------------------------------------------------
# Screening (附件1 四「开展心理健康普查建档工作」「建立健全心理危机干预机制」; 附件2 二（二）)
# ---------------------------------------------------------------------------

SCREENING = [
    # 每学年新生进校后 — per school year, as written; 新生 are the students newly admitted that year.
    _req(
        "screening.intake-survey",
        (
            "每学年新生进校后，进行心理普查，建立心理档案，把握学生的心理素质状况，以便开展有针对性的心理健康教育。",
            "Every school year, after new students arrive, run a mental-health survey of them and open psychological records, "
            "so as to know their psychological state and target mental-health education.",
        ),
        "required",
        "school",
        "附件1 四「开展心理健康普查建档工作」",
        "每学年新生进校后，进行心理普查，建立心理档案，从根本上把握学生的心理素质状况，以便开展有针对性的心理健康教育",
        subject=("new_students",),
        check=Check(metric="intake_psych_survey", op="true", unit="flag", per="per_school_year"),
        timing=[Timing("intake")],
        note=(
            "文件未写年级：新生指每学年新入校的学生（通常为起始年级），故年级保持全部。文件未用“要/应”，作为工作任务按必须处理。",
            "No grades are named: 新生 are the students newly admitted each school year (usually the starting grades), "
            "so all grades are kept. The sentence has no modal verb; as a listed work task it is read as required.",
        ),
    ),
    _req(
        "screening.targeted-follow-up",
        (
            "对普查中心理问题突出的少数学生要加强重点辅导。",
            "Students whom the survey shows to have marked psychological problems must get focused counseling.",
        ),
        "required",
        "counseling_room",
        "附件1 四「开展心理健康普查建档工作」",
        "对少数心理问题突出的学生要加强重点辅导",
        subject=("at_risk_students",),
    ),
    _req(
        "screening.pre-crisis-sweeps",
        (
            "危机前注重排查：特殊时段对潜在心理高危学生进行排查、风险评估，鼓励学生及时心理求助。",
            "Before a crisis, focus on detection: in special periods, check and risk-assess students at potential high "
            "psychological risk, and encourage students to seek help in time.",
        ),
        "required",
        "school",
        "附件1 四「建立健全心理危机干预机制」",
        "危机前注重排查：特殊时段对潜在心理高危学生进行排查，风险评估，鼓励学生及时心理求助",
        subject=("at_risk_students",),
        note=(
            "此句是“各学校应建立心理危机管理工作方案，明确心理危机干预工作流程”的内容，按“应”定为必须。",
            "The sentence spells out what the required crisis plan (各学校应建立…) must contain, so it takes that 应 (required).",
        ),
    ),
    _req(
        "screening.seven-key-periods",
        (
            "加强“7个重要时段”的重点监控：学生放假前后、考试前后、开学前后、新生入学后、重大活动前后、季节交替前后和毕业生离校前。",
            "Step up close monitoring in the seven key periods: before and after holidays, before and after exams, before and "
            "after the start of term, after new students enrol, before and after major events, around changes of season, and "
            "before graduates leave.",
        ),
        "required",
        "school",
        "附件2 二（二）",
        "加强学生放假前后、考试前后、开学前后、新生入学后、重大活动前后、季节交替前后和毕业生离校前的“7个重要时段”的重点监控工作",
        note=DIRECTIVE_NOTE,
        timing=[
            Timing("holidays"),
            Timing("exams"),
            Timing("semester_start"),
            Timing("intake"),
            Timing("major_events"),
            Timing("season_change"),
            Timing("graduation"),
        ],
    ),
    # 每年 (per calendar year), not 每学年.
    _req(
        "screening.annual-survey",
        (
            "建立学生心理健康普查和排查制度：心理辅导室每年对全校学生进行心理健康测评，根据测评结果筛选出有心理危机倾向的学生，"
            "做好危机的预防与转化工作。",
            "Set up a survey and screening system: every year the counseling room assesses the mental health of all students, "
            "identifies those with crisis tendencies from the results, and works to prevent and turn round their crises.",
        ),
        "required",
        "counseling_room",
        "附件2 二（二）1",
        "建立学生心理健康普查和排查制度，心理辅导室每年对全校学生进行心理健康测评，根据测评结果筛选出心理危机倾向个体，"
        "对这些学生做好危机的预防与转化工作",
        check=Check(metric="psych_survey_rounds_per_year", op=">=", value=1, unit="times", per="per_year"),
        note=(
            "“每年……进行心理健康测评”理解为每年至少一次；文件写的是“每年”而非“每学年”。",
            "每年…进行心理健康测评 is read as at least once a year; the document says 每年 (per year), not 每学年.",
        ),
    ),
    _req(
        "screening.special-attention-groups",
        (
            "以下人群予以特别关注：情绪低落抑郁超过半个月者；有过自杀企图或行为者；遭遇学业失败、躯体疾病、家庭变故、人际冲突等明显冲突或重挫者；"
            "家庭亲友中有自杀史或自杀倾向者；性格有明显缺陷者；长期睡眠障碍者；有强烈罪恶感、缺陷感或不安全感者；感到社会支持长期缺乏或丧失者；"
            "有明显精神障碍者；有明显攻击性行为、暴力倾向或可能危害自身、他人、社会者。",
            "Give special attention to: students low or depressed for over half a month; those with past suicide attempts or "
            "acts; those facing marked conflicts or sudden setbacks (academic failure, physical illness, family upheaval, "
            "interpersonal conflict); those with suicide or suicidal tendency among family and friends; those with marked "
            "personality defects; long-term sleep disorders; strong guilt, inadequacy or insecurity; long-term lack or loss of "
            "social support; evident mental disorders; marked aggression or violence, or others who may endanger themselves, "
            "others or society.",
        ),
        "required",
        "school",
        "附件2 二（二）1",
        "以下人群予以特别关注:（1）情绪低落抑郁者(超过半个月)；（2）过去有过自杀的企图或行为者",
        subject=("at_risk_students",),
    ),
    _req(
        "screening.immediate-assessment-groups",
        (
            "以下人群要及时进行危机评估与干预：谈论过自杀并考虑过自杀方法（含在信件、日记、图画或涂写中流露死亡念头）者；"
            "无故突然送礼、请客、赔礼道歉、述说告别的话等行为明显改变者；情绪突然明显异常者。",
            "Assess and intervene promptly for: students who have talked about suicide and considered methods (including hints "
            "of death in letters, diaries, drawings or scribbles); those whose behaviour changes markedly without reason "
            "(giving presents, treating others, apologising, saying farewell); those whose mood suddenly turns clearly abnormal.",
        ),
        "required",
        "school",
        "附件2 二（二）1",
        "以下人群要及时进行危机评估与干预:（1）谈论过自杀并考虑过自杀方法",
        subject=("at_risk_students",),
    ),
]

# ---------------------------------------------------------------------------
# Escalation (附件2 二（二）2 reporting; 二（三）2 emergency handling; 二（三）3（2） parents)
# ---------------------------------------------------------------------------

ESCALATION = [
    _req(
        "escalation.classmates-tell-head-teacher",
        ("学生之间得知危机信息应及时向班主任反映。", "Students who learn of a crisis must tell the head teacher promptly."),
        "required",
        "students",
        "附件2 二（二）2",
        "学校同学之间得知危机信息应及时向班主任反应",
        step=EscalationStep(order=1, role="students", reports_to=("head_teacher",)),
    ),
    _req(
        "escalation.class-warning-group-reports",
        (
            "班级心理预警小组（心理委员为组长，班干部配合）了解同学思想动态和心态，一旦发生异常情况，采取预防措施，并及时向班主任和心理老师报告。",
            "The class psychological early-warning group (led by the psychological monitor, with class cadres) "
            "follows classmates' state of mind; once anything abnormal happens it takes preventive steps and reports at "
            "once to the head teacher and the psychology teacher.",
        ),
        "required",
        "class_psych_monitor",
        "附件2 二（二）2（1）",
        "一旦发生异常情况，采取预防措施，并及时向班主任和心理老师报告",
        step=EscalationStep(
            order=2,
            role="class_psych_monitor",
            reports_to=("head_teacher", "psych_teacher"),
            condition=("一旦发生异常情况", "once anything abnormal happens"),
        ),
        note=DIRECTIVE_NOTE,
    ),
    _req(
        "escalation.teachers-report",
        (
            "班主任以及任课教师要随时掌握学生的心理状况，及时向年级组长、心理老师以及校领导汇报。",
            "Head teachers and subject teachers must keep track of students' psychological state and report promptly to the "
            "grade leader, the psychology teacher and the school leaders.",
        ),
        "required",
        "head_teacher",
        "附件2 二（二）2",
        "班主任以及任课教师要随时掌握学生的心理状况，对班上学生的心理状况及时向年级组长、心理老师以及校领导汇报",
        subject=("students", "teachers"),
        step=EscalationStep(order=3, role="head_teacher", reports_to=("psych_teacher", "school_leader")),
        note=(
            "年级组长在词表中无对应角色，写在正文中；“校领导”记为学校分管领导。",
            "The grade leader (年级组长) has no actor key and is named in the text only; "
            "校领导 is mapped to the school leader in charge.",
        ),
    ),
    _req(
        "escalation.important-cases-to-leader",
        (
            "班主任、任课教师、教务主任、政教主任以及心理老师有针对性地与学生谈话，帮助学生解决心理困惑；如有重要情况，要立即报学校分管领导。",
            "Head teachers, subject teachers, the academic and moral-education directors and the psychology teacher talk with "
            "students as needed and help them with their difficulties; anything important must be reported at once to the "
            "school leader in charge.",
        ),
        "required",
        "head_teacher",
        "附件2 二（二）2（2）",
        "班主任、任课教师、教务主任、政教主任以及心理老师有针对性地与学生谈话，帮助学生解决心理困惑，如有重要情况，要立即报学校分管领导",
        subject=("students", "teachers", "psych_teacher"),
        step=EscalationStep(
            order=4,
            role="head_teacher",
            reports_to=("school_leader",),
            condition=("如有重要情况", "if anything important arises"),
        ),
        note=(
            "本步由班主任、任课教师、教务主任、政教主任和心理老师共同承担，角色记为首列的班主任。",
            "The step binds head teachers, subject teachers, the two directors and the psychology teacher together; the role is "
            "recorded as the first named, the head teacher.",
        ),
    ),
    _req(
        "escalation.leader-to-crisis-group",
        (
            "分管领导应及时将发生的心理危机情况报学校心理危机管理工作小组，并及时采取危机状态干预措施。",
            "The leader in charge must report the crisis promptly to the school crisis-management group and take crisis "
            "intervention measures without delay.",
        ),
        "required",
        "school_leader",
        "附件2 二（二）2（3）",
        "分管领导应及时将发生的心理危机情况报学校心理危机管理工作小组，并及时采取危机状态干预措施",
        step=EscalationStep(order=5, role="school_leader", reports_to=("crisis_group",)),
    ),
    _req(
        "escalation.emergency-school-head",
        (
            "突发学生自伤自毁事故时，学生所在学校的负责人闻讯后立即赶赴现场，并立即报告维稳处、校医务室等部门。",
            "When a student suddenly harms himself or herself, the head of the student's school goes to the scene at once on "
            "hearing of it and immediately informs the security office, the school clinic and other departments.",
        ),
        "required",
        "principal",
        "附件2 二（三）2",
        "学生所在学校的负责人在闻讯后立即赶赴现场，并立即报告给维稳处、校医务室等部门",
        step=EscalationStep(
            order=6,
            role="principal",
            reports_to=("security_office", "school_clinic"),
            condition=("突发学生自伤自毁事故", "a sudden self-harm incident"),
        ),
        note=(
            "“学校的负责人”记为校长（学校主要负责人）。文件用“立即”，按必须处理。",
            "学校的负责人 is recorded as the principal (the school's head). The wording 立即 (at once) is read as required.",
        ),
    ),
    _req(
        "escalation.emergency-departments-rescue",
        (
            "维稳处、校医务室等部门接到通知后派人立即赶到现场，进行紧急援救。",
            "On being told, the security office, school clinic and other departments send people to the scene at once for "
            "emergency rescue.",
        ),
        "required",
        "security_office",
        "附件2 二（三）2",
        "上述各部门在接到通知后派人立即赶到现场，进行紧急援救",
        step=EscalationStep(order=7, role="security_office"),
        note=("本步同样约束校医务室。", "The step binds the school clinic as well."),
    ),
    _req(
        "escalation.emergency-command",
        ("心理危机管理工作领导小组负责现场的指挥协调。", "The crisis-management group commands and coordinates at the scene."),
        "required",
        "crisis_group",
        "附件2 二（三）2（1）",
        "心理危机管理工作领导小组负责现场的指挥协调",
        step=EscalationStep(order=8, role="crisis_group"),
        note=(
            "此处“心理危机管理工作领导小组”即附件2 一成立的学校心理危机管理工作小组。",
            "The 领导小组 named here is read as the school crisis-management group set up under 附件2 一.",
        ),
    ),
    _req(
        "escalation.emergency-security-office",
        (
            "维稳处负责保护现场，配合对当事人实施生命救护，协助有关部门调查取证，配合医疗救护过程中的安全监护。",
            "The security office protects the scene, helps save the student's life, assists the investigation, and provides "
            "safety supervision during medical care.",
        ),
        "required",
        "security_office",
        "附件2 二（三）2（2）",
        "维稳处负责保护现场，配合学校对当事人实施生命救护，协助有关部门对事故进行调查取证，配合学校及医疗部门对学生进行医疗救护过程中的安全监护",
        step=EscalationStep(order=9, role="security_office"),
    ),
    _req(
        "escalation.emergency-clinic",
        (
            "校医疗部门负责对当事人实施紧急救治，或配合相关人员护送其转至相关医院住院治疗。",
            "The school medical staff give emergency treatment, or help escort the student to hospital for in-patient care.",
        ),
        "required",
        "school_clinic",
        "附件2 二（三）2（3）",
        "校医疗部门负责对当事人实施紧急救治，或配合相关人员护送其转至相关医院住院治疗",
        step=EscalationStep(order=10, role="school_clinic", reports_to=("medical_institutions",)),
    ),
    _req(
        "escalation.emergency-counseling-room",
        (
            "心理辅导室负责制定心理救助方案，实施心理救助，稳定当事人情绪。",
            "The counseling room draws up and carries out a psychological aid plan and calms the student.",
        ),
        "required",
        "counseling_room",
        "附件2 二（三）2（4）",
        "心理辅导室负责制定心理救助方案，实施心理救助，稳定当事人情绪",
        step=EscalationStep(order=11, role="counseling_room"),
    ),
    _req(
        "escalation.emergency-intervention-team",
        (
            "组织心理危机干预团队，为所有需要帮助的师生提供危机干预服务；学校危机管理小组应在第一时间获得事件后全校师生心理状况信息，"
            "评估心理危机程度，分类进行个体、小组和全员性集体心理辅导。",
            "Form a crisis-intervention team to serve all students and staff who need help; the school crisis group must at "
            "once gather information on everyone's psychological state after the incident, assess the degree of crisis and "
            "intervene by category with individual, group and whole-school counseling.",
        ),
        "required",
        "crisis_group",
        "附件2 二（三）2（5）",
        "组织心理危机干预团队，为所有需要帮助的师生提供心理危机干预的服务与支持。"
        "学校危机管理小组应在第一时间获得危机事件后全校师生心理状况的有关信息，评估心理危机程度，分类进行干预",
        subject=("students", "staff"),
        step=EscalationStep(order=12, role="crisis_group"),
    ),
    _req(
        "escalation.contact-parents",
        (
            "对自制力不够的学生，要及时联系家长，避免学校监护不当造成危害。",
            "For a student lacking self-control, contact the parents promptly so that no harm results from inadequate "
            "supervision at school.",
        ),
        "required",
        "school",
        "附件2 二（三）3（2）",
        "对自制力不够的学生，要及时联系家长，避免学校监护不当造成危害",
        subject=("at_risk_students", "parents"),
        step=EscalationStep(
            order=13,
            role="school",
            reports_to=("parents",),
            condition=("学生自制力不够", "the student lacks self-control"),
        ),
    ),
]

# ---------------------------------------------------------------------------
# Staffing (附件1 四「全面落实学校心理辅导室设置」; 附件2 一, 二（二）2（1）)
# ---------------------------------------------------------------------------

STAFFING = [
    # 配备1名专兼心理教师: one teacher, full- or part-time; read as a floor (a school with two meets it).
    _req(
        "staffing.counseling-room-teacher",
        ("心理辅导室必须配备1名专兼职心理教师。", "The counseling room must have one full- or part-time psychology teacher."),
        "required",
        "school",
        "附件1 四「全面落实学校心理辅导室设置」",
        "心理辅导室必须配备1名专兼心理教师",
        subject=("counseling_room",),
        check=Check(metric="psych_teachers_total", op=">=", value=1, unit="persons", per="standing"),
        note=(
            "“配备1名专兼心理教师”理解为至少1名专职或兼职心理教师。",
            "配备1名专兼心理教师 is read as at least one psychology teacher, full-time or part-time.",
        ),
    ),
    _req(
        "staffing.crisis-management-group",
        (
            "成立学校心理危机管理工作小组：组长由校长担任，成员由政教处、教务处、维稳处、办公室、团委等处室负责人、年级组长、班主任和心理老师担任。",
            "Set up a school crisis-management group, led by the principal, with the heads of the moral-education, academic, "
            "security, general and Youth League offices, grade leaders, head teachers and psychology teachers as members.",
        ),
        "required",
        "principal",
        "附件2 一",
        "成立“学校心理危机管理工作小组”。组长由校长担任，成员由政教处、教务处、维稳处、办公室、团委等处室负责人、年级组长、班主任和心理老师担任",
        subject=("school",),
        check=Check(metric="crisis_group_established", op="true", unit="flag", per="standing"),
        note=("“成立”为方案的指令，按必须处理。", "成立 (set up) is a directive of the plan and is read as required."),
    ),
    _req(
        "staffing.class-warning-group",
        (
            "以各班心理委员、班干部为骨干，建立班级心理预警小组，心理委员为组长，班干部主动配合。",
            "Form a psychological early-warning group in every class around the psychological monitor and class cadres, "
            "with the psychological monitor as its leader.",
        ),
        "required",
        "head_teacher",
        "附件2 二（二）2（1）",
        "以各班心理委员、班干部为主要骨干，建立班级心理预警小组。心理委员为组长，班干部主动配合",
        subject=("class_psych_monitor", "student_cadres"),
        check=Check(metric="class_psych_monitors", op="true", unit="flag", per="standing", count_per="class"),
        note=(
            "文件未写由谁组建，记为班主任；检查项为各班设有心理委员（预警小组组长）。句中无情态词，作为汇报制度的程序按必须处理。",
            "The document does not say who forms the group; the head teacher is recorded. The check is that every class has a "
            "psychological monitor, who leads the group. The sentence has no modal verb; as the reporting system's procedure "
            "it is read as required.",
        ),
    ),
]

# ---------------------------------------------------------------------------
# Referral (附件1 四; 附件2 二（三）1, 二（三）2, 三（三）)
# The three hotlines are public numbers printed in the document.  The contact person, telephone and
# the submission mailbox of the covering notice are not referral partners.
# ---------------------------------------------------------------------------

REFERRAL = [
    _req(
        "referral.hotline-huilongguan",
        (
            "心理辅导室要告知在校师生北京回龙观医院心理危机干预热线：800-810-1117。",
            "The counseling room must tell students and staff the Beijing Huilongguan Hospital crisis-intervention hotline: "
            "800-810-1117.",
        ),
        "required",
        "counseling_room",
        "附件2 二（三）1",
        "心理辅导室要告知在校师生危机干预热线电话：北京回龙观医院心理危机干预热线：800-810-1117",
        subject=("students", "staff"),
        partner=Partner(
            kind="hotline",
            name=("北京回龙观医院心理危机干预热线", "Beijing Huilongguan Hospital crisis-intervention hotline"),
            phone="800-810-1117",
        ),
    ),
    _req(
        "referral.hotline-china-crisis-centre",
        (
            "心理辅导室要告知在校师生中国心理危机与自杀干预中心救助热线：010-62715275。",
            "The counseling room must tell students and staff the helpline of the China Psychological Crisis and Suicide "
            "Intervention Centre: 010-62715275.",
        ),
        "required",
        "counseling_room",
        "附件2 二（三）1",
        "中国心理危机与自杀干预中心救助热线电话：010-62715275",
        subject=("students", "staff"),
        partner=Partner(
            kind="hotline",
            name=("中国心理危机与自杀干预中心救助热线", "China Psychological Crisis and Suicide Intervention Centre helpline"),
            phone="010-62715275",
        ),
    ),
    _req(
        "referral.hotline-national-24h",
        (
            "心理辅导室要告知在校师生全国24小时危机干预热线：400-161-9995。",
            "The counseling room must tell students and staff the national 24-hour crisis-intervention hotline: 400-161-9995.",
        ),
        "required",
        "counseling_room",
        "附件2 二（三）1",
        "全国24小时危机干预热线：400-161-9995",
        subject=("students", "staff"),
        partner=Partner(
            kind="hotline",
            name=("全国24小时危机干预热线", "National 24-hour crisis-intervention hotline"),
            phone="400-161-9995",
        ),
    ),
    _req(
        "referral.timely-referral",
        (
            "危机中：对已经出现严重心理症状的学生，应科学干预，及时转介，妥善处理，长效追踪。",
            "During a crisis: students already showing serious psychological symptoms must get sound intervention, timely "
            "referral, proper handling and long-term follow-up.",
        ),
        "required",
        "school",
        "附件1 四「建立健全心理危机干预机制」",
        "危机中：对于已经出现严重心理症状的学生，应科学干预，及时转介，妥善处理，长效追踪",
        subject=("at_risk_students",),
    ),
    _req(
        "referral.emergency-hospital",
        (
            "特殊情况下，学校可先将学生紧急送医院治疗，然后向有关部门汇报。",
            "In special circumstances the school may first rush the student to hospital and report to the departments "
            "afterwards.",
        ),
        "permitted",
        "school",
        "附件2 二（三）2",
        "特殊情况下，学校可先将学生紧急送医院治疗，然后向有关部门汇报",
        partner=Partner(kind="hospital", name=("医院（未具名）", "a hospital (not named)")),
    ),
    _req(
        "referral.designated-hospital-appraisal",
        (
            "学生因心理问题需退学、休学、转学、复学的，其病情应经心理辅导室指定的专业医院进行鉴定。",
            "When a student must leave, suspend, transfer or resume studies for psychological reasons, the condition must be "
            "assessed by a specialist hospital designated by the counseling room.",
        ),
        "required",
        "school",
        "附件2 三（三）",
        "学生因心理问题需退学、休学、转学、复学的，其病情应经心理辅导室指定的专业医院进行鉴定",
        partner=Partner(
            kind="hospital", name=("心理辅导室指定的专业医院", "specialist hospital designated by the counseling room")
        ),
    ),
    _req(
        "referral.city-centre-platform",
        (
            "局属学校可申请使用南昌市未成年人心理健康辅导中心心理管理监测平台。",
            "Schools run directly by the city bureau may apply to use the psychological management and monitoring platform of "
            "the Nanchang Minors' Mental Health Counseling Centre.",
        ),
        "permitted",
        "school",
        "附件1 四「开展心理健康普查建档工作」",
        "局属学校可申请使用南昌市未成年人心理健康辅导中心心理管理监测平台",
        partner=Partner(
            kind="centre", name=("南昌市未成年人心理健康辅导中心", "Nanchang Minors' Mental Health Counseling Centre")
        ),
        note=(
            "仅适用于局属学校；学校属性中没有“局属学校”，故未设适用条件。",
            "Applies only to schools run directly by the city bureau (局属学校); no school attribute expresses this, so no "
            "condition is set.",
        ),
    ),
]

# ---------------------------------------------------------------------------
# Curriculum (附件1 四（一）（二）; 附件2 二（一）2)
# ---------------------------------------------------------------------------

CURRICULUM = [
    _req(
        "curriculum.infuse-in-subjects",
        (
            "全体教师都应在各学科教学中遵循心理健康教育的规律，将适合学生特点的心理健康教育内容有机渗透到日常教育教学活动中。",
            "All teachers must follow the principles of mental-health education in their subjects and weave content suited to "
            "students into everyday teaching.",
        ),
        "required",
        "teachers",
        "附件1 四（一）",
        "全体教师都应自觉地在各学科教学中遵循心理健康教育的规律，将适合学生特点的心理健康教育内容有机渗透到日常教育教学活动中",
    ),
    _req(
        "curriculum.local-or-school-course",
        (
            "专题教育可利用地方课程或学校课程开设心理健康教育课。",
            "Thematic mental-health education may use local or school-based curriculum time for mental-health lessons.",
        ),
        "permitted",
        "school",
        "附件1 四（二）",
        "专题教育可利用地方课程或学校课程开设心理健康教育课",
    ),
    _req(
        "curriculum.counseling-lessons-per-semester",
        (
            "学校要根据计划在起始年级或关键年级开设心理辅导课，统一安排课时，每学期开设心理辅导课不少于8节。",
            "Schools must, as planned, give psychological counseling lessons in the starting or key grades, timetabled "
            "centrally: at least 8 lessons each semester.",
        ),
        "required",
        "school",
        "附件1 四（二）",
        "学校要根据计划在起始年级或关键年级开设心理辅导课，统一安排课时。每学期开设心理辅导课不少于8节",
        grades=STARTING_GRADES,
        check=Check(metric="psych_lessons_per_semester", op=">=", value=8, unit="lessons", per="per_semester", count_per="class"),
        note=(
            "“起始年级”按各学段起始年级理解为一、七、十年级；“关键年级”文件未界定（常指毕业年级六、九、十二年级），"
            "由学校按计划确定，若学校选定关键年级，则8节的要求适用于所选年级。“节”按课时计，按每班计数。",
            "起始年级 (starting grades) is read as grades 1, 7 and 10, the first grade of each stage. 关键年级 (key grades) is "
            "not defined by the document (often the graduating grades 6, 9, 12) and is left to the school's plan; where a "
            "school picks key grades, the 8-lesson minimum applies to them. 节 is counted as lessons, per class.",
        ),
    ),
    _req(
        "curriculum.flexible-delivery",
        (
            "为保证活动时间，中小学心理辅导课可通过选修课、班会课或专题讲座等多种途径解决落实。",
            "To secure the time, counseling lessons may be delivered as electives, class meetings, thematic talks and the like.",
        ),
        "permitted",
        "school",
        "附件1 四（二）",
        "为保证活动时间，中小学心理辅导课可通过选修课、班会课或专题讲座等多种途径予以解决落实",
    ),
    _req(
        "curriculum.activity-based",
        (
            "心理健康教育课应以活动为主，可采取团体辅导、心理训练、问题辨析、情境设计、角色扮演、游戏辅导、心理情景剧等多种形式。",
            "Mental-health lessons must be mainly activity-based and may take many forms: group counseling, psychological "
            "training, problem analysis, scenario design, role play, games, psychodrama.",
        ),
        "required",
        "school",
        "附件1 四（二）",
        "心理健康教育课应以活动为主，可以采取多种形式，包括团体辅导、心理训练、问题辨析、情境设计、角色扮演、游戏辅导、心理情景剧等",
    ),
    _req(
        "curriculum.three-life-education",
        (
            "全体教师应将以生命、生存和生活教育为主题的“三生”教育融入日常课堂教学。",
            "All teachers must build 'three-life' education (life, survival and living) into everyday classroom teaching.",
        ),
        "required",
        "teachers",
        "附件2 二（一）2",
        "全体教师应将“三生”教育融入日常课堂教学，开展以生命、生存和生活教育为主题的“三生”教育",
    ),
]

# ---------------------------------------------------------------------------
# Other requirements
# ---------------------------------------------------------------------------

# The covering notice.  “6月30日” carries no year; the notice is of 2019, so the deadline is 2019-06-30.
_NOTICE_DEADLINE_NOTE = (
    "通知只写“6月30日前”，未写年份；按文件年份（2019年）理解为2019年6月30日。",
    "The notice says only 6月30日前 (by 30 June); by the document's year this is read as 30 June 2019.",
)

OTHER_NOTICE = [
    _req(
        "other.county-implementation-plans",
        (
            "各县（区）教科体局、开发区（新区）教体办根据两个方案结合本地实际制定对应的两个实施方案。",
            "County and district education bureaus and development-zone education offices must draw up their own two "
            "implementation plans from the two plans and local conditions.",
        ),
        "required",
        "education_authority",
        "通知",
        "根据以上两个方案结合本县区开发区或学校实际制定出对应的两个实施方案",
        subject=("school",),
        note=("通知的指令语气按必须处理。", "The notice's directive is read as required."),
    ),
    _req(
        "other.school-work-plans-by-june-30",
        (
            "学校根据两个方案结合学校实际制定对应的两个实施方案，于6月30日前将学校工作方案发送至南昌市未成年人心理健康辅导中心邮箱"
            "（县区学校经县区教科体局、开发区教体办统一报送；局属学校、省属事业单位办学校、市管民办学历教育学校直接发送）。",
            "Each school draws up its two implementation plans from the two plans and its own conditions, and sends its school "
            "work plan to the Nanchang Minors' Mental Health Counseling Centre mailbox by 30 June (county schools through their "
            "county or zone bureau; bureau-run, province-run and city-managed private schools directly).",
        ),
        "required",
        "school",
        "通知",
        "于6月30日前将学校工作方案发送至南昌市未成年人心理健康辅导中心邮箱",
        deadline="2019-06-30",
        note=_NOTICE_DEADLINE_NOTE,
    ),
    _req(
        "other.county-collect-school-plans",
        (
            "各县区教科体局、开发区教体办需先将辖区内学校方案收齐后统一发送（6月30日前）。",
            "County bureaus and development-zone offices must first collect their schools' plans and send them together "
            "(by 30 June).",
        ),
        "required",
        "education_authority",
        "通知",
        "各县区教科体局、开发区教体办需先将辖区内学校方案收齐统一发送",
        subject=("school",),
        deadline="2019-06-30",
        note=(
            "期限取自同段“于6月30日前将学校工作方案发送”；年份按文件年份理解为2019年。",
            "The deadline is the same paragraph's 6月30日前 for the school plans; the year is read as 2019, the document's year.",
        ),
    ),
]

OTHER_SERVICE_PLAN = [
    _req(
        "other.city-leading-group",
        (
            "成立南昌市教育局心理服务体系建设工作领导小组，由局长任组长，相关处室及南昌市未成年人心理健康辅导中心负责同志为成员；"
            "领导小组办公室设在南昌市未成年人心理健康辅导中心。",
            "The Nanchang Education Bureau sets up a leading group for building the psychological service system, headed by "
            "the bureau director, with the relevant divisions and the Minors' Mental Health Counseling Centre as members; its "
            "office sits in that centre.",
        ),
        "required",
        "education_authority",
        "附件1 三",
        "为确保工作落实，经研究决定成立南昌市教育局心理服务体系建设工作领导小组",
        subject=("leading_group",),
        note=(
            "组长、副组长和办公室主任的姓名文件中以〔略〕代替，不录入。",
            "The names of the group's leaders are redacted (〔略〕) and not recorded.",
        ),
    ),
    _req(
        "other.teacher-student-relationship",
        (
            "要注重发挥教师人格魅力和为人师表的作用，建立民主、平等、相互尊重的师生关系。",
            "Teachers must set a personal example and build democratic, equal and mutually respectful relations with students.",
        ),
        "required",
        "teachers",
        "附件1 四（一）",
        "要注重发挥教师人格魅力和为人师表的作用，建立起民主、平等、相互尊重的师生关系",
    ),
    _req(
        "other.integrate-with-school-work",
        (
            "要将心理健康教育与班主任工作、班团队活动、校园文体活动、社会实践活动等有机结合，利用网络等现代信息技术，多途径开展心理健康教育。",
            "Mental-health education must be combined with head-teacher work, class and youth-organisation activities, campus "
            "cultural and sports events and social practice, and delivered in many ways including online.",
        ),
        "required",
        "school",
        "附件1 四（一）",
        "要将心理健康教育与班主任工作、班团队活动、校园文体活动、社会实践活动等有机结合，充分利用网络等现代信息技术手段，多种途径开展心理健康教育",
    ),
    _req(
        "other.publicity-students-and-parents",
        (
            "积极开展心理健康教育宣传活动：通过宣传窗、黑板报、广播、刊物、校园网站、微信公众号等向全校师生宣传，"
            "通过家长学校、家长会、家访等途径向家长宣传心理健康知识。",
            "Actively run mental-health publicity: to students and staff through notice boards, blackboards, radio, "
            "publications, the school website and WeChat; to parents through the parent school, parent meetings and home visits.",
        ),
        "encouraged",
        "school",
        "附件1 四「积极开展心理健康教育宣传活动」",
        "积极开展心理健康教育宣传活动",
        subject=("students", "staff", "parents"),
        note=(
            "本段唯一的情态词是标题中的“积极”，按鼓励处理；学校的宣传义务另见附件1 五（三）（要）。",
            "The only modal word here is the heading's 积极, read as encouraged; the school's required publicity duty is the "
            "separate item from 附件1 五（三） (要).",
        ),
    ),
    _req(
        "other.awareness-month-may",
        (
            "南昌市将每年五月确定为中小学心理健康教育宣传月。",
            "Nanchang designates May of every year as the school mental-health awareness month.",
        ),
        "required",
        "education_authority",
        "附件1 四「积极开展心理健康教育宣传活动」",
        "南昌市将每年五月确定为中小学心理健康教育宣传月",
        subject=("school",),
        timing=[Timing("month", month=5)],
    ),
    _req(
        "other.family-guidance",
        (
            "学校要帮助家长树立正确的教育观念，了解和掌握孩子成长的特点、规律以及心理健康教育的方法，加强亲子沟通，以积极健康和谐的家庭环境影响孩子。",
            "Schools must help parents adopt sound views on education, understand how children grow and how mental-health "
            "education works, communicate better with their children and shape them through a positive, healthy home.",
        ),
        "required",
        "school",
        "附件1 四「推进心理健康教育家校共育工作」",
        "学校要帮助家长树立正确的教育观念，了解和掌握孩子成长的特点、规律以及心理健康教育的方法，加强亲子沟通",
        subject=("parents",),
    ),
    _req(
        "other.family-support",
        (
            "学校要为家长提供促进孩子发展的指导意见，协助家长共同解决孩子在发展过程中的心理行为问题。",
            "Schools must give parents guidance on their children's development and help them solve the children's "
            "psychological and behavioural problems together.",
        ),
        "required",
        "school",
        "附件1 四「推进心理健康教育家校共育工作」",
        "学校要为家长提供促进孩子发展的指导意见，协助他们共同解决孩子在发展过程中的心理行为问题",
        subject=("parents",),
    ),
    _req(
        "other.counseling-room",
        ("全面落实学校心理辅导室设置。", "Every school must have a counseling room."),
        "required",
        "school",
        "附件1 四「全面落实学校心理辅导室设置」",
        "全面落实学校心理辅导室设置",
        subject=("counseling_room",),
        check=Check(metric="has_counseling_room", op="true", unit="flag", per="standing"),
        note=(
            "标题“全面落实”为指令，按必须处理。",
            "The heading's 全面落实 (fully put in place) is a directive, read as required.",
        ),
    ),
    _req(
        "other.counseling-room-opening",
        (
            "学校心理辅导室须定期开放，有专人值班，每周开放接待时间不少于5小时。",
            "The counseling room must open regularly, with a designated person on duty, for at least 5 hours a week.",
        ),
        "required",
        "counseling_room",
        "附件1 四「全面落实学校心理辅导室设置」",
        "学校心理辅导室须定期开放，有专人值班，每周开放接待时间不少于5小时",
        check=Check(metric="counseling_room_open_hours_per_week", op=">=", value=5, unit="hours", per="per_week"),
    ),
    _req(
        "other.student-contact-channels",
        (
            "学生可以通过预约、上门或来信等方式与心理辅导教师联系。",
            "Students may contact the counseling teacher by appointment, by calling in or by letter.",
        ),
        "permitted",
        "counseling_room",
        "附件1 四「全面落实学校心理辅导室设置」",
        "学生可以通过预约、上门或来信等方式与心理辅导教师联系",
    ),
    _req(
        "other.mailbox-replies",
        (
            "对心理信箱中的学生或家长来信，心理教师要及时回应。",
            "Psychology teachers must answer letters from students or parents in the psychological mailbox promptly.",
        ),
        "required",
        "psych_teacher",
        "附件1 四「全面落实学校心理辅导室设置」",
        "对心理信箱中的学生或家长来信，心理教师要做到及时回应",
        subject=("students", "parents"),
    ),
    _req(
        "other.model-schools-county",
        (
            "各县区积极组织参与南昌市中小学心理健康教育达标示范校建设及社会心理服务志愿者工作。",
            "Counties and districts are to actively organise participation in Nanchang's mental-health standard and model "
            "school programme and in social psychological-service volunteering.",
        ),
        "encouraged",
        "education_authority",
        "附件1 四「全面落实学校心理辅导室设置」",
        "各县区和学校积极组织参与南昌市中小学心理健康教育达标示范校建设及社会心理服务志愿者工作",
        subject=("school",),
        note=("“积极组织参与”按鼓励处理。", "积极组织参与 is read as encouraged."),
    ),
    _req(
        "other.model-schools-school",
        (
            "学校积极参与南昌市中小学心理健康教育达标示范校建设及社会心理服务志愿者工作。",
            "Schools are to actively take part in Nanchang's mental-health standard and model school programme and in social "
            "psychological-service volunteering.",
        ),
        "encouraged",
        "school",
        "附件1 四「全面落实学校心理辅导室设置」",
        "各县区和学校积极组织参与南昌市中小学心理健康教育达标示范校建设及社会心理服务志愿者工作",
        note=("“积极组织参与”按鼓励处理。", "积极组织参与 is read as encouraged."),
    ),
    _req(
        "other.management-software",
        (
            "学校在辅导室建设时要配备心理管理软件。",
            "When building the counseling room, the school must equip it with psychological management software.",
        ),
        "required",
        "school",
        "附件1 四「开展心理健康普查建档工作」",
        "学校在辅导室建设时要配备心理管理软件",
        subject=("counseling_room",),
        check=Check(metric="psych_management_software", op="true", unit="flag", per="standing"),
    ),
    _req(
        "other.growth-records",
        (
            "心理辅导室应为学生建立成长信息记录，一般包括基本情况、家庭情况、心理状况、辅导记录等。",
            "The counseling room must keep a growth record for students, usually covering background, family, psychological "
            "state and counseling notes.",
        ),
        "required",
        "counseling_room",
        "附件1 四「建立完善学生心理成长档案」",
        "心理辅导室应为学生建立成长信息记录。一般包括学生的基本情况、家庭情况、心理状况、辅导记录等",
        check=Check(metric="psych_records_kept", op="true", unit="flag", per="standing"),
    ),
    _req(
        "other.records-confidential",
        (
            "学生成长信息记录、测评资料、信件、录音录像和其它资料，应在严格保密的情况下保存。",
            "Growth records, assessment data, letters, recordings and other material must be kept in strict confidence.",
        ),
        "required",
        "counseling_room",
        "附件1 四「建立完善学生心理成长档案」",
        "学生成长信息记录、测评资料、信件、录音录像和其它资料，应在严格保密的情况下保存",
    ),
    _req(
        "other.records-guided-counseling",
        (
            "心理辅导室应根据学生成长信息记录，有针对性地开展团体心理辅导或个别心理辅导。",
            "The counseling room must use the growth records to target its group or individual counseling.",
        ),
        "required",
        "counseling_room",
        "附件1 四「建立完善学生心理成长档案」",
        "心理辅导室应根据学生成长信息记录，有针对性地开展团体心理辅导或个别心理辅导",
    ),
    _req(
        "other.crisis-plan",
        (
            "各学校应建立心理危机管理工作方案，明确心理危机干预工作流程。",
            "Every school must draw up a crisis-management plan that sets out its crisis-intervention procedure.",
        ),
        "required",
        "school",
        "附件1 四「建立健全心理危机干预机制」",
        "各学校应建立心理危机管理工作方案，明确心理危机干预工作流程",
        check=Check(metric="crisis_plan_in_place", op="true", unit="flag", per="standing"),
    ),
    _req(
        "other.post-crisis-intervention",
        (
            "危机后：出现危机事件后，对危机当事人和受影响的相关师生应给予及时的危机干预，预防自伤、他伤等极端事件发生。",
            "After a crisis: the students and staff involved or affected must get prompt crisis intervention to prevent "
            "self-harm, harm to others and other extreme events.",
        ),
        "required",
        "school",
        "附件1 四「建立健全心理危机干预机制」",
        "危机后：出现危机事件后，对于危机当事人和受影响的相关师生，应给予及时的危机干预，预防因心理危机引发的自伤、他伤等极端事件的发生",
        subject=("students", "staff"),
    ),
    # 关注教师心理健康: task statements with no modal verb are read as required, 积极/努力 as encouraged.
    _req(
        "other.teacher-wellbeing",
        (
            "加强心理疏导，将教师身心健康工作纳入学校常规管理，学校心理辅导室定期向教师开放。",
            "Give teachers psychological support, make their physical and mental health part of routine school management, "
            "and open the counseling room to teachers regularly.",
        ),
        "required",
        "school",
        "附件1 四「关注教师心理健康」",
        "加强心理疏导，将教师身心健康工作纳入学校常规管理，学校心理辅导室定期向教师开放",
        subject=("teachers", "staff"),
        note=(
            "句中无情态词，作为工作任务的指令按必须处理。",
            "The sentence has no modal verb; as a directive among the plan's work tasks it is read as required.",
        ),
    ),
    _req(
        "other.union-activities",
        (
            "积极发挥学校工会作用，丰富教职员工业余文体生活，举办多样活动，缓解教师工作压力。",
            "Make active use of the school trade union to enrich staff's cultural and sports life and hold varied activities "
            "that relieve teachers' work pressure.",
        ),
        "encouraged",
        "school_union",
        "附件1 四「关注教师心理健康」",
        "积极发挥学校工会的辐射作用，丰富广大教职员工的业余文体生活，举办形式多样的活动，以缓解教师的工作压力",
        subject=("staff",),
        note=("“积极发挥”按鼓励处理。", "积极发挥 is read as encouraged."),
    ),
    _req(
        "other.teacher-hardships",
        (
            "关注教师的实际困难，在力所能及的情况下，努力解决教师的后顾之忧，减轻教师生活压力。",
            "Attend to teachers' practical difficulties and, as far as possible, try to resolve their worries and ease the "
            "pressures of their lives.",
        ),
        "encouraged",
        "school",
        "附件1 四「关注教师心理健康」",
        "关注教师的实际困难，在力所能及的情况下，努力解决教师的后顾之忧，减轻教师的生活压力",
        subject=("teachers",),
        note=(
            "“在力所能及的情况下，努力”是尽力而为的表述，按鼓励处理。",
            "在力所能及的情况下，努力 (as far as possible, strive to) is a best-effort wording, read as encouraged.",
        ),
    ),
    _req(
        "other.organisational-leadership",
        (
            "各部门和全市各级各类学校要高度重视心理服务体系建设工作，强化组织领导，落实各项措施。",
            "The bureau's divisions and all schools of the city must give the psychological service system high priority, "
            "strengthen leadership and carry out every measure.",
        ),
        "required",
        "school",
        "附件1 五（一）",
        "各部门和全市各级各类学校要高度重视心理服务体系建设工作",
        note=("本条同时约束市教育局各部门。", "The clause binds the bureau's own divisions as well."),
    ),
    _req(
        "other.school-service-plan",
        (
            "各学校要健全学校各项运行、管理、考核制度，建立学校心理服务工作方案。",
            "Every school must complete its operating, management and appraisal rules and draw up a school psychological "
            "service work plan.",
        ),
        "required",
        "school",
        "附件1 五（二）",
        "各学校要结合全市教育系统实际，着力从心理服务角度出发工作，健全学校各项运行、管理、考核制度，建立学校心理服务工作方案",
    ),
    _req(
        "other.publicity-campaigns",
        (
            "各部门和各级各类学校要加大心理服务体系建设宣传力度，利用校园网、微信公众号、广播站、宣传板等形式开展心理健康宣传教育。",
            "The bureau's divisions and all schools must step up publicity, running mental-health education through the "
            "campus website, WeChat account, radio and notice boards.",
        ),
        "required",
        "school",
        "附件1 五（三）",
        "各部门和全市各级各类学校要加大心理服务体系建设宣传力度",
        subject=("students", "staff"),
        note=("本条同时约束市教育局各部门。", "The clause binds the bureau's own divisions as well."),
    ),
]

# 附件2: numbered tasks of the crisis plan with no modal verb (e.g. 二（一）5, 二（四）) are directives of the plan and
# are read as required; 可/可以 as permitted.
OTHER_CRISIS_PLAN = [
    _req(
        "other.crisis-group-duties",
        (
            "学校心理危机管理工作小组全面规划和领导学生心理危机预防与干预工作，督促有关部门履行职责，为重大危机事件的处理做出决策，"
            "对可能存在心理危机的学生进行及时的风险评估。",
            "The school crisis-management group plans and leads crisis prevention and intervention, holds departments to their "
            "duties, decides how major incidents are handled, and promptly risk-assesses students who may be in crisis.",
        ),
        "required",
        "crisis_group",
        "附件2 一",
        "全面规划和领导学校学生心理危机预防与干预工作，督促有关部门认真履行危机干预工作的职责，为重大危机事件的处理做出决策，"
        "对可能存在心理危机的学生进行及时的心理危机风险评估",
        note=DIRECTIVE_NOTE,
    ),
    _req(
        "other.crisis-group-experts",
        ("心理危机风险评估可邀请心理危机专家参与。", "The group may invite crisis experts to take part in risk assessment."),
        "permitted",
        "crisis_group",
        "附件2 一",
        "可邀请心理危机专家参与",
        subject=("expert_group",),
    ),
    _req(
        "other.prevention-publicity",
        (
            "政教处、教务处和团委等处室要宣传与活动相结合开展心理健康教育和危机预防：充分利用校园网站、海报展板、橱窗、校报校刊专栏等广泛宣传。",
            "The moral-education and academic offices and the Youth League must combine publicity with activities: use the "
            "school website, posters, display windows and school papers to spread mental-health and crisis-prevention knowledge.",
        ),
        "required",
        "moral_education_office",
        "附件2 二（一）1（1）",
        "充分利用校园的网站、海报展板、橱窗、校报校刊专栏等各种形式，广泛进行心理健康知识与心理危机预防的宣传",
    ),
    _req(
        "other.extracurricular-activities",
        (
            "通过开展丰富多彩的文体活动丰富学生课余生活，培养积极向上、乐观进取的心态。",
            "Enrich students' after-class life with varied cultural and sports activities that foster a positive, "
            "optimistic outlook.",
        ),
        "required",
        "moral_education_office",
        "附件2 二（一）1（2）",
        "通过开展丰富多彩的文体活动丰富学生的课余生活，培养他们积极向上、乐观进取的心态",
    ),
    _req(
        "other.club-activities",
        (
            "社团可以开展心理电影展播、心理话剧、读书协会、心理漫画展等特色活动。",
            "Student clubs may run activities such as psychology film shows, psychodrama, reading societies and psychology "
            "cartoon exhibitions.",
        ),
        "permitted",
        "youth_organisations",
        "附件2 二（一）1（3）",
        "社团可以开展各类的特色活动，比如：心理电影展播，心理话剧、读书协会、心理漫画展活动等",
        note=("“社团”记为学校团队组织。", "社团 (student clubs) is recorded under the school's youth organisations."),
    ),
    _req(
        "other.awareness-month-activities",
        (
            "以每年五月“心理健康宣传月”为契机，开展丰富多彩的校园活动与社会实践。",
            "Use the May mental-health awareness month each year to run varied campus activities and social practice.",
        ),
        "required",
        "moral_education_office",
        "附件2 二（一）1（4）",
        "以每年五月“心理健康宣传月”契机，开展丰富多彩的校园活动与社会实践",
        check=Check(metric="awareness_month_held", op="true", unit="flag", per="per_year"),
        timing=[Timing("month", month=5)],
    ),
    _req(
        "other.social-support-training",
        (
            "整合校内外资源，训练学生利用社会支持的意识，在危机事件发生时主动、及时、有效地寻求援助。",
            "Pool resources inside and outside school and train students to use social support and to seek help actively, "
            "promptly and effectively in a crisis.",
        ),
        "required",
        "moral_education_office",
        "附件2 二（一）1（5）",
        "注重整合校内外各种资源，训练学生利用社会支持的意识，在危机事件发生时主动、及时、有效地寻求援助",
    ),
    _req(
        "other.head-teacher-care",
        (
            "班主任应经常关心学生的学习生活，与学生交心谈心，帮助学生解决困难；通过主题鲜明的特色班会提高学生心理健康水平。",
            "Head teachers must regularly care about students' study and life, talk with them heart to heart and help with "
            "their difficulties, and hold themed class meetings that improve students' mental health.",
        ),
        "required",
        "head_teacher",
        "附件2 二（一）3",
        "班主任应该经常关心学生的学习生活，与学生交心谈心，帮助学生解决困难，做学生的知心朋友",
    ),
    _req(
        "other.peer-help",
        (
            "心理委员和学生干部对有困难的学生应提供主动及时周到的帮助，普及心理健康素养常识和心理求助途径。",
            "Psychological monitors and student cadres must give classmates in difficulty active, timely help and spread "
            "basic mental-health knowledge and ways to seek help.",
        ),
        "required",
        "class_psych_monitor",
        "附件2 二（一）4",
        "心理委员和学生干部对有困难的学生应提供主动及时周到的帮助，普及心理健康素养常识和心理求助途径",
    ),
    _req(
        "other.counseling-room-outreach",
        (
            "心理辅导室在学生中大力普及心理健康知识，针对环境适应、情绪管理、人际交往、学习方法等问题开展教育，组织多样的心理健康教育活动。",
            "The counseling room spreads mental-health knowledge among students, teaches on adjustment, emotion management, "
            "relationships and study methods, and organises varied mental-health activities.",
        ),
        "required",
        "counseling_room",
        "附件2 二（一）5",
        "心理辅导室在学生中大力普及心理健康知识",
        note=DIRECTIVE_NOTE,
    ),
    _req(
        "other.family-school-contact",
        (
            "开展家校联动：班主任每周或每月与家长保持联系（面谈、电话访谈等），交流学生在校和在家情况，建立班主任-家长-学生成长手册。",
            "Link home and school: head teachers keep in touch with parents weekly or monthly (meetings, phone calls), share "
            "how the student is doing at school and at home, and keep a head teacher–parent–student growth handbook.",
        ),
        "required",
        "head_teacher",
        "附件2 二（一）6",
        "班主任每周或每月与家长保持联系，包括：面谈、电话访谈等形式，交流学生在校和在家的情况，建立班主任-家长-学生成长手册",
        subject=("parents",),
        note=(
            "频次写作“每周或每月”，由学校选择，最低为每月一次；词表无此指标，未设检查项。",
            "The frequency is 'weekly or monthly', the school's choice, at least monthly; no metric exists for it, "
            "so no check is set.",
        ),
    ),
    _req(
        "other.five-early-warning",
        (
            "做好学生心理危机早期预警工作，建立“早发现、早报告、早研判、早预防、早控制”的“五个早”预警机制。",
            "Carry out early warning and set up the 'five earlies' mechanism: early detection, reporting, assessment, "
            "prevention and control.",
        ),
        "required",
        "school",
        "附件2 二（二）",
        "做好学生心理危机早期预警工作，建立“早发现、早报告、早研判、早预防、早控制”的“五个早”预警机制",
        note=DIRECTIVE_NOTE,
    ),
    _req(
        "other.crisis-confidentiality",
        (
            "一旦发生危机情况，应保护学生，坚持心理咨询伦理，维护学生权益，不得随意透露学生的相关信息。",
            "Once a crisis occurs, protect the student, keep to counseling ethics and the student's rights, and never disclose "
            "the student's information casually.",
        ),
        "required",
        "school",
        "附件2 二（三）3（1）",
        "一旦发生危机情况后，应保护学生，坚持心理咨询伦理，维护学生权益，不得随意透露学生的相关信息",
    ),
    _req(
        "other.parent-contact-records",
        (
            "与家长联系过程中，应注意方式、方法，并做好文字的书面记载，妥善保存。",
            "When contacting parents, mind the manner and method, keep a written record and store it safely.",
        ),
        "required",
        "school",
        "附件2 二（三）3（3）",
        "与家长联系过程中，应注意方式、方法，并做好文字的书面记载，妥善保存",
        subject=("parents",),
    ),
    _req(
        "other.suspension-procedure",
        (
            "干预措施中涉及学生需休学接受治疗的，按照有关规定办理。",
            "Where intervention requires a student to suspend studies for treatment, follow the relevant regulations.",
        ),
        "required",
        "school",
        "附件2 二（三）3（4）",
        "干预措施中涉及学生需休学接受治疗的，按照有关规定办理",
    ),
    _req(
        "other.post-crisis-consolidation",
        (
            "危机后以事件解决为契机，配套解决和控制可能导致危机再度发生的各种问题，巩固危机管理成果。",
            "After a crisis, use its resolution to deal with the related problems that could bring it back and consolidate "
            "the results.",
        ),
        "required",
        "crisis_group",
        "附件2 二（四）1",
        "以危机事件的解决为中心和契机，配套的解决和控制与危机问题相关的、可能导致危机再度发生的各种问题，巩固危机管理的成果",
        note=DIRECTIVE_NOTE,
    ),
    _req(
        "other.post-crisis-review",
        (
            "细致分析危机原因和处理过程，总结经验教训，提出在管理、组织机构、程序措施上的改进意见。",
            "Analyse the causes and the handling of the crisis, draw lessons and propose improvements to management, "
            "organisation and procedures.",
        ),
        "required",
        "crisis_group",
        "附件2 二（四）2",
        "通过对危机发生的原因、危机处理过程的细致分析，总结经验教训，提出在管理，组织机构，程序措施上的改进意见",
        note=DIRECTIVE_NOTE,
    ),
    _req(
        "other.responder-care",
        (
            "关注危机干预人员的心理恢复，对干预人员进行心理关怀和情绪处理。",
            "Attend to the psychological recovery of crisis responders and give them care and emotional support.",
        ),
        "required",
        "school",
        "附件2 二（四）3",
        "危机干预人员的心理上的恢复需要得到关注",
        subject=("crisis_responders",),
        note=(
            "“需要得到关注”作为危机后三项任务之一，按必须处理。",
            "需要得到关注 is one of the three post-crisis tasks and is read as required.",
        ),
    ),
    _req(
        "other.responder-training",
        (
            "建立培训制度：危机干预队伍一定要专业化，包括岗前专业培训、日常业务辅导和训练、继续教育、专业督导等。",
            "Training system: the crisis-intervention team must be professional, with pre-service training, routine coaching "
            "and practice, continuing education and professional supervision.",
        ),
        "required",
        "school",
        "附件2 三（一）",
        "干预队伍一定要专业化，包括岗前专业培训、一般性日常业务辅导和训练、继续教育、专业督导等",
        subject=("crisis_responders",),
    ),
    _req(
        "other.incident-filing",
        (
            "学生危机事故（含已遂和未遂）处理后，学生所在班级应将该生的详细材料（包括聊天信息、日记、信件等）提供给心理辅导室备案。",
            "After a student crisis incident (completed or attempted) is handled, the student's class must give the counseling "
            "room the full material (chat messages, diaries, letters) for its files.",
        ),
        "required",
        "head_teacher",
        "附件2 三（二）",
        "学生所在班级在事故处理后应将该生的详细材料(包括聊天信息、日记、信件等)提供给心理辅导室备案",
        subject=("counseling_room",),
        note=("“学生所在班级”记为班主任。", "学生所在班级 (the student's class) is recorded as the head teacher."),
    ),
    _req(
        "other.status-change-filing",
        (
            "学生因心理问题需退学、休学、转学、复学的，学校将其详细材料报心理辅导室。",
            "When a student leaves, suspends, transfers or resumes studies for psychological reasons, the school sends the "
            "full material to the counseling room.",
        ),
        "required",
        "school",
        "附件2 三（二）",
        "学生因心理问题需退学、休学、转学、复学的，学校亦将其详细材料报心理辅导室",
        subject=("counseling_room",),
        note=DIRECTIVE_NOTE,
    ),
    _req(
        "other.responder-confidentiality",
        (
            "参与危机干预工作的人员应对工作中所涉及干预对象的各种信息严格保密。",
            "Everyone taking part in crisis intervention must keep all information about the people concerned "
            "strictly confidential.",
        ),
        "required",
        "crisis_responders",
        "附件2 三（四）",
        "参与危机干预工作的人员应对工作中所涉及干预对象的各种信息严格保密",
        subject=("at_risk_students",),
    ),
    _req(
        "other.return-recovery-certificate",
        (
            "因心理危机而休学的学生申请复学时，除按学籍管理办法办理外，还应向学校出具学校认可的心理疾病康复证明。",
            "A student who suspended studies because of a psychological crisis must, besides the enrolment procedures, give "
            "the school a recovery certificate the school accepts when applying to return.",
        ),
        "required",
        "returning_students",
        "附件2 三（五）",
        "因心理危机而休学的学生申请复学时，除按学生学籍管理办法办理外，还应向所在学校出具学校认可的心理疾病康复证明",
        subject=("returning_students",),
    ),
    _req(
        "other.return-arrangements",
        (
            "学生复学后，学校对其学习生活妥善安排，帮助其建立良好的支持系统，引导同学避免与其发生激烈冲突；班主任对其密切关注。",
            "After the student returns, the school arranges study and life properly, helps build a good support system and "
            "guides classmates to avoid sharp conflicts; the head teacher watches the student closely.",
        ),
        "required",
        "school",
        "附件2 三（五）",
        "学生复学后，学校对其学习生活进行妥善安排，帮助该生建立良好的支持系统，引导同学避免与其发生激烈冲突。班主任对其要密切关注，了解其心理变化情况",
        subject=("returning_students",),
        note=(
            "前句（学校妥善安排）无情态词，作为后期跟踪制度的内容按必须处理；后句“班主任对其要密切关注”为必须。",
            "The first sentence (the school's arrangements) has no modal verb and is read as required as part of the follow-up "
            "system; the second (班主任对其要密切关注) says 要, required.",
        ),
    ),
    _req(
        "other.return-monthly-talks",
        (
            "心理老师每月与复学学生谈心一次，并通过周围同学随时了解其心理状况，认真填写心理咨询档案。",
            "The psychology teacher talks with each returning student once a month, keeps informed through classmates, and "
            "keeps the counseling file carefully.",
        ),
        "required",
        "psych_teacher",
        "附件2 三（五）",
        "心理老师每月与其谈心一次，并通过周围其他同学随时了解其心理状况，认真填写心理咨询档案",
        subject=("returning_students",),
        check=Check(
            metric="returning_student_talks_per_month", op=">=", value=1, unit="times", per="per_month", count_per="student"
        ),
        note=(
            "“每月……谈心一次”记为每名复学学生每月至少一次。",
            "每月…谈心一次 is recorded as at least one talk a month with each returning student.",
        ),
    ),
    _req(
        "other.return-periodic-assessment",
        (
            "定期以预约咨询或随访咨询的形式对复学学生的心理健康情况进行鉴定，并将结果及时反馈给学生所在班级。",
            "Regularly assess returning students' mental health through booked or follow-up counseling and report the "
            "results promptly to their class.",
        ),
        "required",
        "psych_teacher",
        "附件2 三（五）",
        "定期以预约咨询或随访咨询的形式，对这些学生的心理健康情况进行鉴定，并将鉴定结果及时反馈给学生所在班级",
        subject=("returning_students",),
        note=DIRECTIVE_NOTE,
    ),
    _req(
        "other.return-suicide-risk-protection",
        (
            "对因强烈自杀意念或自杀未遂休学而复学的学生，学校要特别关心，安排班主任、心理老师、学生干部等密切监护，制定防备预案；"
            "心理辅导室保持密切关注。",
            "For students returning after leave for strong suicidal ideation or a suicide attempt, the school must give "
            "special care, have the head teacher, psychology teacher and student cadres watch over them, draw up a "
            "contingency plan, and the counseling room must follow them closely.",
        ),
        "required",
        "school",
        "附件2 三（五）",
        "对于因有强烈的自杀意念或自杀未遂休学而复学的学生，学校要对他们给予特别的关心，安排班主任、心理老师、学生干部等对其密切监护，"
        "制定可能发生危机的防备预案，随时防止该生心理状况的恶化。心理辅导室对他们保持密切的关注",
        subject=("returning_students",),
    ),
    _req(
        "other.return-expert-follow-up",
        (
            "心理辅导室可邀请心理咨询专家对上述复学学生进行定期跟踪咨询及风险评估。",
            "The counseling room may invite counseling experts to give these returning students regular follow-up "
            "counseling and risk assessment.",
        ),
        "permitted",
        "counseling_room",
        "附件2 三（五）",
        "可邀请心理咨询专家对其进行定期跟踪咨询及风险评估",
        subject=("returning_students",),
    ),
]

OTHER = OTHER_NOTICE + OTHER_SERVICE_PLAN + OTHER_CRISIS_PLAN


@hookimpl
def xinli_screening_schedule() -> list[Requirement]:
    """Intake and annual surveys, key periods and groups to watch."""
    return SCREENING


@hookimpl
def xinli_escalation_chain() -> list[Requirement]:
    """附件2's reporting procedure and emergency handling, in order."""
    return ESCALATION


@hookimpl
def xinli_staffing_rules() -> list[Requirement]:
    """The counseling-room teacher and the school's crisis and class groups."""
    return STAFFING


@hookimpl
def xinli_referral_partners() -> list[Requirement]:
    """The three public hotlines, hospitals and the city centre."""
    return REFERRAL


@hookimpl
def xinli_curriculum_quotas() -> list[Requirement]:
    """Counseling lessons and mental-health content in teaching."""
    return CURRICULUM


@hookimpl
def xinli_other_requirements() -> list[Requirement]:
    """Organisation, publicity, family-school work, records, plans and follow-up."""
    return OTHER
