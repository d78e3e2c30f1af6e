"""Qijiang District (綦江区), Chongqing: the District Education Commission's
reply letter to proposal No. 049 of the second session of the third district
CPPCC, dated 2023-06-26.

The letter has no document number; it is cited by its title and date.  It
reports what the district has done (history, not encoded as requirements)
and what it requires of schools (encoded).  Clauses are cited as
``二（二）`` (part two, item two).
"""

from __future__ import annotations

from xinli.core import hookimpl
from xinli.core.model import (
    Check,
    Citation,
    Document,
    EscalationStep,
    Jurisdiction,
    Partner,
    Requirement,
    Timing,
    grades_range,
)

CODE = "chongqing_qijiang"
DOC = "綦江区教委关于区政协三届二次会议第049号提案的复函（2023-06-26）"

JURISDICTION = Jurisdiction(
    code=CODE,
    name=("重庆市綦江区", "Qijiang District, Chongqing"),
    level="district",
    parent="chongqing",
    parent_name=("重庆市", "Chongqing Municipality"),
    documents=[
        Document(
            number=DOC,
            has_official_number=False,
            title=(
                "重庆市綦江区教育委员会关于区政协三届二次会议第049号提案的复函",
                "Reply of the Qijiang District Education Commission to proposal No. 049 of the second session "
                "of the third Qijiang District CPPCC",
            ),
            issuer=("重庆市綦江区教育委员会", "Qijiang District Education Commission"),
            date="2023-06-26",
            note=(
                "复函未印文号，按标题和日期引用。",
                "The reply prints no document number; it is cited by its title and date.",
            ),
        )
    ],
)


def cite(clause: str, quote: str) -> Citation:
    """A citation of the Qijiang reply letter."""
    return Citation(CODE, DOC, clause, quote)


@hookimpl
def xinli_jurisdiction() -> Jurisdiction:
    """Qijiang's identity and document."""
    return JURISDICTION


# Part 一 (工作开展情况) reports what the district has already done (the 2023 inspection, the
# 2021 purchase of 796 sets of equipment for 342.67万, the cloud platform, counseling-room
# equipment for 83 public schools, the 2022 three-level mechanism).  It is history and encodes
# nothing.  Parts 二 and 三 carry the requirements below.
#
# The parts are headed 工作开展情况 / 关于所提建议的答复 / 三、下一步工作举措; only part three
# prints its numeral, so 一 and 二 are supplied by position.

SCREENING_GRADES = grades_range(4, 12)

# ---------------------------------------------------------------- screening
# 二（二）: the district organises (统一组织) the screening at the start of every semester; the
# schools take part through their testing accounts.  The sentence names no actor, but its
# organiser is the District Education Commission (the paragraph's subject), so the duty is the
# education authority's.  "进行一次" fixes one round; the check counts at least that round,
# because a school screening again after an incident does not break the rule.
SCREENING = [
    Requirement(
        id=f"{CODE}.screening.semester-screening",
        domain="screening",
        text=(
            "每学期开学第一个月统一组织对小学四年级至高三年级学生分别进行一次心理筛查。",
            "In the first month of every semester, a psychological screening is organised district-wide for "
            "students from primary grade 4 to senior grade 3, once for each.",
        ),
        level="required",
        duty_holder="education_authority",
        subject=("students", "school"),
        grades=SCREENING_GRADES,
        check=Check(
            metric="psych_survey_rounds_per_semester",
            op=">=",
            value=1,
            unit="times",
            per="per_semester",
            count_per="grade",
        ),
        citation=cite("二（二）", "每学期开学第一个月统一组织对小学四年级至高三年级学生分别进行一次心理筛查"),
        timing=[Timing("semester_start", days=31)],
        note=(
            "小学四年级至高三年级 = 4—12年级。筛查须在每学期开学第一个月内完成。由区教委统一组织（复函第二部分的主语），"
            "学校通过心理健康管理云平台的测评端口参与。“分别进行一次”按每个年级每学期至少一次核查。",
            "Primary grade 4 to senior grade 3 = grades 4-12. The screening falls in the first month of each "
            "semester. It is organised by the District Education Commission (统一组织), and schools take part "
            "through their accounts on the cloud platform. 'Once for each' is checked as at least one round per "
            "grade per semester.",
        ),
    ),
]

# ---------------------------------------------------------------- escalation
# 二（二）: the chain that follows the screening, in the document's order.  It starts from the
# screening's initial warnings, so it covers the screened grades 4-12.
CHAIN_NOTE = (
    "该流程从心理筛查的初筛预警开始，筛查覆盖小学四年级至高三年级，故按4—12年级编码。",
    "The chain starts from the screening's initial warnings; the screening covers grades 4-12, so the chain is "
    "encoded for those grades.",
)

ESCALATION = [
    Requirement(
        id=f"{CODE}.escalation.head-teacher-interview",
        domain="escalation",
        text=(
            "学校对初筛预警学生由班主任进行一对一访谈。",
            "For students given an initial warning by the screening, the head teacher holds a one-to-one interview.",
        ),
        level="required",
        duty_holder="head_teacher",
        grades=SCREENING_GRADES,
        step=EscalationStep(
            order=1,
            role="head_teacher",
            reports_to=("psych_teacher",),
            condition=("学生在心理筛查中被初筛预警", "the student received an initial warning in the screening"),
        ),
        citation=cite("二（二）", "要求学校对初筛预警学生由班主任进行一对一访谈"),
        note=(
            "访谈中发现的二次预警学生转由学校心理健康教师咨询（见下一步），故班主任的去向记为心理健康教师；复函未写明报告方式。"
            + CHAIN_NOTE[0],
            "Students found to carry a second warning in the interview pass to the school's psychology teacher (next "
            "step), so the head teacher's hand-off is recorded as the psychology teacher; the letter does not say how "
            "the hand-off is made. " + CHAIN_NOTE[1],
        ),
    ),
    Requirement(
        id=f"{CODE}.escalation.psych-teacher-counseling",
        domain="escalation",
        text=(
            "访谈中发现二次预警学生由学校心理健康教师进行心理咨询，并在咨询中评估。",
            "Students found in the interview to carry a second warning receive counseling from the school's "
            "psychology teacher, who assesses them in the counseling.",
        ),
        level="required",
        duty_holder="psych_teacher",
        grades=SCREENING_GRADES,
        step=EscalationStep(
            order=2,
            role="psych_teacher",
            condition=("班主任访谈中发现二次预警", "the head teacher's interview finds a second warning"),
        ),
        citation=cite("二（二）", "访谈中发现二次预警学生则由学校心理健康教师进行心理咨询"),
        note=CHAIN_NOTE,
    ),
    Requirement(
        id=f"{CODE}.escalation.contact-parents",
        domain="escalation",
        text=(
            "在咨询中评估为严重心理问题或高危学生的，学校立即联系家长。",
            "Where the counseling assesses a student as having a serious psychological problem or being at high "
            "risk, the school contacts the parents immediately.",
        ),
        level="required",
        duty_holder="school",
        subject=("at_risk_students", "parents"),
        grades=SCREENING_GRADES,
        step=EscalationStep(
            order=3,
            role="school",
            reports_to=("parents",),
            condition=(
                "咨询中评估为严重心理问题或高危学生",
                "the counseling assesses the student as having a serious psychological problem or being at high risk",
            ),
        ),
        citation=cite("二（二）", "在咨询中评估为严重心理问题或高危学生的立即联系家长"),
        note=(
            "复函未写明由哪位教职工联系家长；该句的主语是“要求学校”，故记为学校。" + CHAIN_NOTE[0],
            "The letter does not say which staff member contacts the parents; the sentence is governed by "
            "'schools are required', so the school is the actor. " + CHAIN_NOTE[1],
        ),
    ),
    Requirement(
        id=f"{CODE}.escalation.guide-referral",
        domain="escalation",
        text=(
            "指导家长将学生转介到专业医疗机构进行诊断和治疗。",
            "The school guides the parents to refer the student to a professional medical institution for "
            "diagnosis and treatment.",
        ),
        level="required",
        duty_holder="school",
        subject=("at_risk_students", "parents"),
        grades=SCREENING_GRADES,
        step=EscalationStep(
            order=4,
            role="school",
            reports_to=("parents",),
            condition=(
                "评估为严重心理问题或高危学生；由家长转介",
                "the student is assessed as having a serious problem or being at high risk; the parents make the referral",
            ),
        ),
        citation=cite("二（二）", "指导家长转介到专业医疗机构进行诊断和治疗"),
        note=CHAIN_NOTE,
    ),
    Requirement(
        id=f"{CODE}.escalation.follow-up",
        domain="escalation",
        text=(
            "学校和教师做好跟踪服务，为家长和学生提供心理辅导。",
            "The school and its teachers follow the case up and give the parents and the student psychological "
            "guidance.",
        ),
        level="required",
        duty_holder="school",
        subject=("at_risk_students", "parents"),
        grades=SCREENING_GRADES,
        step=EscalationStep(order=5, role="school"),
        citation=cite("二（二）", "学校和教师做好跟踪服务，给予家长和学生提供心理辅导"),
        note=CHAIN_NOTE,
    ),
]

# ---------------------------------------------------------------- staffing
# 二（三）: 区教委要求各校 … 各班设有心理委员和安全委员 — a requirement on every class.  Only the
# psychological monitor has a registered metric; the safety monitor is kept without a check.
MONITORS_QUOTE = "各班设有心理委员和安全委员，在生活和学习中充当老师的眼睛和耳朵"

STAFFING = [
    Requirement(
        id=f"{CODE}.staffing.class-psych-monitor",
        domain="staffing",
        text=("各班设心理委员。", "Every class has a psychological monitor."),
        level="required",
        duty_holder="school",
        subject=("class_psych_monitor", "students"),
        check=Check(metric="class_psych_monitors", op="true", unit="flag", per="standing", count_per="class"),
        citation=cite("二（三）", MONITORS_QUOTE),
    ),
    Requirement(
        id=f"{CODE}.staffing.class-safety-monitor",
        domain="staffing",
        text=("各班设安全委员。", "Every class has a safety monitor."),
        level="required",
        duty_holder="school",
        subject=("student_cadres", "students"),
        citation=cite("二（三）", MONITORS_QUOTE),
        note=(
            "安全委员无对应指标，不设核查项；词表中无“安全委员”，按学生干部记。",
            "No metric exists for safety monitors, so there is no check; the vocabulary has no safety-monitor actor, "
            "so they are recorded as student cadres.",
        ),
    ),
]

# ---------------------------------------------------------------- referral
REFERRAL = [
    Requirement(
        id=f"{CODE}.referral.medical-institutions",
        domain="referral",
        text=(
            "对评估为严重心理问题或高危的学生，指导家长转介到专业医疗机构进行诊断和治疗。",
            "Students assessed as having a serious psychological problem or being at high risk are referred, through "
            "their parents, to professional medical institutions for diagnosis and treatment.",
        ),
        level="required",
        duty_holder="school",
        subject=("at_risk_students", "parents"),
        grades=SCREENING_GRADES,
        partner=Partner(kind="hospital", name=("专业医疗机构", "professional medical institutions")),
        citation=cite("二（二）", "指导家长转介到专业医疗机构进行诊断和治疗"),
        note=(
            "复函未点名具体医院，也未列出热线电话。" + CHAIN_NOTE[0],
            "The letter names no particular hospital and lists no hotline. " + CHAIN_NOTE[1],
        ),
    ),
    Requirement(
        id=f"{CODE}.referral.assist-parents",
        domain="referral",
        text=(
            "指导和配合家长做好学生转介治疗。",
            "The school guides and works with parents on the student's referral for treatment.",
        ),
        level="required",
        duty_holder="school",
        subject=("parents", "at_risk_students"),
        citation=cite("二（五）", "指导和配合家长做好学生转介治疗"),
        note=(
            "见二（五）“各校还通过……”一句对学校日常做法的陈述，按要求编码（理由见README）。",
            "From the sentence of 二（五） describing what every school does ('各校还通过…'); encoded as required "
            "(reasons in the README).",
        ),
    ),
]

# ---------------------------------------------------------------- curriculum
# 二（一）: "全区各中小学校均按照课程标准落实每两周1课时 … 每学期不少于10课时" states the curriculum
# standard every school follows, so it is required of all grades 1-12.  One lesson every two weeks
# is a floor: the same paragraph asks grades 4, 7 and 10 for more.
CURRICULUM = [
    Requirement(
        id=f"{CODE}.curriculum.lesson-every-two-weeks",
        domain="curriculum",
        text=(
            "各中小学校按照课程标准落实每两周1课时的心理健康教育课程。",
            "Every primary and secondary school delivers mental-health education lessons at one lesson every two "
            "weeks, following the curriculum standard.",
        ),
        level="required",
        duty_holder="school",
        check=Check(
            metric="psych_lessons_per_two_weeks",
            op=">=",
            value=1,
            unit="lessons",
            per="per_two_weeks",
            count_per="class",
        ),
        citation=cite("二（一）", "全区各中小学校均按照课程标准落实每两周1课时的心理健康教育课程"),
        note=(
            "“每两周1课时”按下限核查：同段要求四、七、十年级适当增加课时。",
            "'One lesson every two weeks' is checked as a minimum: the same paragraph asks grades 4, 7 and 10 for "
            "more lessons.",
        ),
    ),
    Requirement(
        id=f"{CODE}.curriculum.lessons-per-semester",
        domain="curriculum",
        text=(
            "心理健康教育课程每学期不少于10课时。",
            "Mental-health education lessons total no fewer than 10 per semester.",
        ),
        level="required",
        duty_holder="school",
        check=Check(
            metric="psych_lessons_per_semester",
            op=">=",
            value=10,
            unit="lessons",
            per="per_semester",
            count_per="class",
        ),
        citation=cite("二（一）", "每两周1课时的心理健康教育课程，每学期不少于10课时"),
    ),
    Requirement(
        id=f"{CODE}.curriculum.all-students-receive",
        domain="curriculum",
        text=(
            "确保学生在校期间全部接受心理健康教育和辅导。",
            "Ensure that every student receives mental-health education and guidance while at school.",
        ),
        level="required",
        duty_holder="school",
        citation=cite("二（一）", "确保学生在校期间全部接受心理健康教育和辅导"),
    ),
    Requirement(
        id=f"{CODE}.curriculum.extra-lessons-grades-4-7-10",
        domain="curriculum",
        text=(
            "在义务教育四年级、七年级和高中一年级适当增加心理健康教育课程课时。",
            "Add a suitable number of mental-health education lessons in grade 4 and grade 7 of compulsory education "
            "and in the first year of senior high school.",
        ),
        level="required",
        duty_holder="school",
        grades=(4, 7, 10),
        citation=cite("二（一）", "同时要求在义务教育四年级、七年级和高中一年级适当增加心理健康教育课程课时"),
        note=(
            "高中一年级 = 10年级。“适当增加”未给出数字，故不设数值核查。",
            "First year of senior high = grade 10. 'Add a suitable number' gives no figure, so there is no numeric "
            "check.",
        ),
    ),
    Requirement(
        id=f"{CODE}.curriculum.resilience-content-share",
        domain="curriculum",
        text=(
            "课程中涉及抗挫折能力提升、励志教育、感恩教育、生命教育内容不低于1/2。",
            "Content on building resilience to setbacks, motivation, gratitude and life education makes up no less "
            "than half of the course.",
        ),
        level="required",
        duty_holder="school",
        check=Check(metric="resilience_content_share", op=">=", value="1/2", unit="share", per="standing"),
        citation=cite("二（一）", "课程中涉及抗挫折能力提升、励志教育、感恩教育、生命教育内容不低于1/2"),
        note=(
            "该句紧接四、七、十年级增加课时的要求，但主语是“课程”，未限定年级，故按全部年级的心理健康教育课程编码。"
            "复函未写明计算周期，按常设要求核查。",
            "The sentence follows the extra-lessons requirement for grades 4, 7 and 10, but its subject is 'the "
            "course' with no grade limit, so it is encoded for the mental-health course in all grades. The letter "
            "names no period, so it is checked as a standing condition.",
        ),
    ),
    Requirement(
        id=f"{CODE}.curriculum.guidelines-2012",
        domain="curriculum",
        text=(
            "课程严格按照《中小学心理健康教育指导纲要（2012年修订）》要求开展教育教学：普及心理健康知识，树立心理健康意识，"
            "了解心理调节方法，认识心理异常现象，掌握心理保健常识和技能；重点是认识自我、学会学习、人际交往、情绪调适、"
            "升学择业以及生活和社会适应。",
            "Teach the course strictly as the Ministry of Education's Guidelines for Mental-Health Education in "
            "Primary and Secondary Schools (2012 revision) require: spread mental-health knowledge, build awareness, "
            "learn ways of self-regulation, recognise abnormal states and master basic self-care; focusing on "
            "self-knowledge, learning to learn, relationships, emotional regulation, further study and career "
            "choice, and adapting to life and society.",
        ),
        level="required",
        duty_holder="school",
        citation=cite(
            "二（一）",
            "课程严格按照教育部关于印发《中小学心理健康教育指导纲要（2012年修订）》要求：“普及心理健康知识，树立心理健康意识，"
            "了解心理调节方法，认识心理异常现象，掌握心理保健常识和技能。重点是认识自我、学会学习、人际交往、情绪调适、"
            "升学择业以及生活和社会适应等方面的内容。”开展教育教学",
        ),
    ),
    Requirement(
        id=f"{CODE}.curriculum.values-in-lessons",
        domain="curriculum",
        text=(
            "将中华优秀传统文化和社会主义核心价值观等内容有机融合进课堂教学中，对学生进行团结友善、勤俭自强、敬业奉献等道德教育。",
            "Weave China's fine traditional culture and the core socialist values into classroom teaching, and give "
            "students moral education in solidarity and kindness, thrift and self-reliance, dedication and service.",
        ),
        level="required",
        duty_holder="school",
        citation=cite(
            "二（四）",
            "将中华优秀传统文化和社会主义核心价值观等内容有机融合进课堂教学中，对学生进行团结友善、勤俭自强、敬业奉献等道德教育",
        ),
        note=(
            "该句是区教委“将进一步督促学校”的内容，所督促的事项按学校的义务编码（督促本身见 other.urge-moral-education）。",
            "This is part of what the Commission 'will further urge schools' to do; the content is encoded as the "
            "school's duty (the urging itself is other.urge-moral-education).",
        ),
    ),
]

# ---------------------------------------------------------------- other
# 二（五）'s last sentence ("各校还通过……") describes what every school does rather than saying
# 要求; it is encoded as required because it states the standing practice of all schools (各校)
# and the district's answer to the proposal relies on it (see README).
PRACTICE_NOTE = (
    "出自二（五）对各校做法的陈述（“各校还通过……”），按要求编码，理由见README。",
    "From the sentence of 二（五） describing what every school does ('各校还通过…'); encoded as required, "
    "reasons in the README.",
)
URGE_NOTE = (
    "区教委“将进一步督促学校”的承诺，所督促的事项另按学校义务编码。",
    "The Commission's commitment to 'further urge schools'; the content it urges is encoded separately as the "
    "schools' duty.",
)
NEXT_STEP_NOTE = (
    "出自“下一步工作举措”，是区教委对自身工作的承诺，按教育行政部门的义务编码。",
    "From 'next steps': a commitment of the District Education Commission, encoded as the education "
    "authority's duty.",
)

OTHER = [
    # 二（一）
    Requirement(
        id=f"{CODE}.other.whole-process",
        domain="other",
        text=(
            "学校将心理健康教育始终贯穿于教育教学全过程，营造有利于学生心理健康成长的教育环境，引导学生正确面对困难和挫折，"
            "乐观向上、热爱生活、珍爱生命。",
            "Schools carry mental-health education through the whole of teaching and school life, create an "
            "environment good for students' mental health, and guide students to face difficulty and setbacks "
            "rightly, stay positive, love life and cherish life.",
        ),
        level="required",
        duty_holder="school",
        citation=cite(
            "二（一）",
            "同时要求学校将心理健康教育始终贯穿于教育教学全过程，营造有利于学生心理健康成长的教育环境，"
            "引导学生正确面对困难和挫折，乐观向上、热爱生活、珍爱生命",
        ),
    ),
    # 二（三）
    Requirement(
        id=f"{CODE}.other.class-climate",
        domain="other",
        text=(
            "各校重视良好班风学风建设，积极营造良好班级育人氛围。",
            "Every school attends to building a good class spirit and study habits and works to create a good, "
            "nurturing class atmosphere.",
        ),
        level="required",
        duty_holder="school",
        citation=cite("二（三）", "区教委要求各校重视良好班风学风建设，积极营造良好班级育人氛围"),
        note=(
            "“积极营造”出现在“区教委要求各校”句中，是要求的一部分，不是鼓励，故为必须。",
            "'积极营造' sits inside 'the Commission requires every school', so it is part of the requirement, not "
            "an encouragement: required.",
        ),
    ),
    Requirement(
        id=f"{CODE}.other.monitors-eyes-and-ears",
        domain="other",
        text=(
            "心理委员和安全委员在生活和学习中充当老师的眼睛和耳朵，及时化解矛盾，帮助个别有心理困扰的同学克服心理障碍，"
            "及时寻求帮助，寻求资源解决当前问题。",
            "The psychological and safety monitors act as the teachers' eyes and ears in daily life and study, defuse "
            "conflicts early, help classmates with psychological distress overcome it, seek help in time and find "
            "resources to solve the problem at hand.",
        ),
        level="required",
        duty_holder="class_psych_monitor",
        subject=("students", "teachers"),
        citation=cite(
            "二（三）",
            "充当老师的眼睛和耳朵，及时化解矛盾，帮助个别有心理困扰的同学克服心理障碍，及时寻求帮助，寻求资源解决当前问题",
        ),
        note=(
            "复函未规定委员向谁报告，故不作为上报流程中的一步编码。",
            "The letter does not say whom the monitors report to, so this is not encoded as a step of the escalation "
            "chain.",
        ),
    ),
    # 二（四）
    Requirement(
        id=f"{CODE}.other.urge-moral-education",
        domain="other",
        text=(
            "区教委进一步督促学校运用好课堂教学主阵地，落实心理健康教育与道德教育同向同行。",
            "The District Education Commission will further urge schools to make full use of classroom teaching and "
            "to make mental-health education and moral education go hand in hand.",
        ),
        level="required",
        duty_holder="education_authority",
        subject=("school",),
        citation=cite("二（四）", "区教委将进一步督促学校运用好课堂教学主阵地，落实好心理健康教育与道德教育同向同行"),
        note=URGE_NOTE,
    ),
    Requirement(
        id=f"{CODE}.other.psych-and-moral-education",
        domain="other",
        text=(
            "学校运用好课堂教学主阵地，落实好心理健康教育与道德教育同向同行，形成协同效应，把青少年道德教育工作贯穿教育教学全过程。",
            "Schools use classroom teaching to make mental-health education and moral education go hand in hand and "
            "reinforce each other, and carry moral education through the whole of teaching and school life.",
        ),
        level="required",
        duty_holder="school",
        citation=cite(
            "二（四）",
            "运用好课堂教学主阵地，落实好心理健康教育与道德教育同向同行，形成协同效应，把青少年道德教育工作贯穿教育教学全过程",
        ),
        note=(
            "区教委“将进一步督促学校”做到的事项，按学校义务编码。",
            "What the Commission 'will further urge schools' to do, encoded as the schools' duty.",
        ),
    ),
    # 二（五）
    Requirement(
        id=f"{CODE}.other.parent-psych-education",
        domain="other",
        text=(
            "学校每学期至少在家长中开展1次心理健康知识普及和宣传教育活动，提高家长预防、识别子女心理危机的能力。",
            "Every semester the school holds at least one activity for parents that spreads mental-health knowledge, "
            "to improve parents' ability to prevent and recognise their children's psychological crises.",
        ),
        level="required",
        duty_holder="school",
        subject=("parents",),
        check=Check(
            metric="parent_psych_sessions_per_semester",
            op=">=",
            value=1,
            unit="times",
            per="per_semester",
            count_per="school",
        ),
        citation=cite(
            "二（五）",
            "要求学校每学期至少在家长中开展1次心理健康知识普及和宣传教育活动，提高家长预防、识别子女心理危机的能力",
        ),
    ),
    Requirement(
        id=f"{CODE}.other.parent-open-day",
        domain="other",
        text=(
            "学校每学期开展家长开放日活动，让家长走进学校。",
            "Every semester the school holds a parent open day so that parents come into the school.",
        ),
        level="required",
        duty_holder="school",
        subject=("parents",),
        check=Check(
            metric="parent_open_days_per_semester",
            op=">=",
            value=1,
            unit="times",
            per="per_semester",
            count_per="school",
        ),
        citation=cite("二（五）", "要求学校每学期开展家长开放日活动、召开家长会、举办家庭教育讲座等活动"),
        note=(
            "复函未写次数；“每学期开展”意味着每学期至少1次，按此核查。",
            "The letter states no number; 'hold every semester' means at least once a semester, and that is what "
            "is checked.",
        ),
    ),
    Requirement(
        id=f"{CODE}.other.parent-meetings-and-lectures",
        domain="other",
        text=(
            "学校每学期召开家长会、举办家庭教育讲座等活动，加强家校沟通，宣传心理健康知识，引导家长树立正确的教育观。",
            "Every semester the school holds parents' meetings and family-education lectures and similar activities, "
            "to strengthen home-school communication, spread mental-health knowledge and help parents form a sound "
            "view of education.",
        ),
        level="required",
        duty_holder="school",
        subject=("parents",),
        citation=cite("二（五）", "要求学校每学期开展家长开放日活动、召开家长会、举办家庭教育讲座等活动"),
        note=(
            "家长会和家庭教育讲座无对应指标，不设核查项。",
            "No metric exists for parents' meetings or family-education lectures, so there is no check.",
        ),
    ),
    Requirement(
        id=f"{CODE}.other.home-school-channels",
        domain="other",
        text=(
            "各校通过致家长一封信、学校微信公众号、班级家长群、开展入户家访等途径拓宽家校沟通渠道，密切与家长联系，"
            "及时沟通学生在校在家情况，关注学生家庭动态。",
            "Every school widens home-school communication through letters to parents, the school's WeChat account, "
            "class parent groups and home visits, keeps close contact with parents, exchanges news of how the student "
            "is doing at school and at home, and watches for changes in the family.",
        ),
        level="required",
        duty_holder="school",
        subject=("parents", "students"),
        citation=cite(
            "二（五）",
            "各校还通过致家长一封信、学校微信公众号、班级家长群、开展入户家访等途径拓宽家校沟通渠道，密切与家长联系，"
            "及时沟通学生在校在家情况，关注学生家庭动态",
        ),
        note=PRACTICE_NOTE,
    ),
    Requirement(
        id=f"{CODE}.other.student-records",
        domain="other",
        text=("为每个学生建立心理健康档案。", "Keep a mental-health record for every student."),
        level="required",
        duty_holder="school",
        check=Check(metric="psych_records_kept", op="true", unit="flag", per="standing", count_per="school"),
        citation=cite("二（五）", "为每个学生都建有心理健康档案"),
        note=PRACTICE_NOTE,
    ),
    Requirement(
        id=f"{CODE}.other.inform-parents",
        domain="other",
        text=(
            "及时将心理筛查和学校教育中发现的心理健康问题告知家长。",
            "Tell parents promptly of mental-health problems found by the screening or in school life.",
        ),
        level="required",
        duty_holder="school",
        subject=("parents", "students"),
        citation=cite("二（五）", "及时将心理筛查和学校教育中发现的心理健康问题告知家长"),
        note=PRACTICE_NOTE,
    ),
    Requirement(
        id=f"{CODE}.other.one-to-one-guidance",
        domain="other",
        text=(
            "做好一对一心理辅导和跟踪服务。",
            "Provide one-to-one psychological guidance and follow-up.",
        ),
        level="required",
        duty_holder="school",
        subject=("students",),
        citation=cite("二（五）", "做好一对一心理辅导和跟踪服务"),
        note=PRACTICE_NOTE,
    ),
    # 三（一）
    Requirement(
        id=f"{CODE}.other.routine-inspection",
        domain="other",
        text=(
            "从制度建设、心理健康课程落实、心理健康教育校本培训、心理辅导室使用、学校经费投入、学生心理辅导开设情况和危机干预"
            "工作等方面加强对学校心理健康教育常规督查。",
            "Strengthen routine inspection of schools' mental-health education, covering their rules, delivery of "
            "the course, school-based training, use of the counseling room, school funding, the counseling offered "
            "to students and crisis intervention.",
        ),
        level="required",
        duty_holder="education_authority",
        subject=("school",),
        citation=cite(
            "三（一）",
            "从制度建设、心理健康课程落实、心理健康教育校本培训、心理辅导室使用、学校经费投入、学生心理辅导开设情况和危机干预"
            "工作等方面加强对学校心理健康教育常规督查",
        ),
        note=NEXT_STEP_NOTE,
    ),
    Requirement(
        id=f"{CODE}.other.guide-schools",
        domain="other",
        text=(
            "指导学校构建心理健康网络系统，落实心理健康课程，细化心理危机预防预警与应急处置工作规程，完善心理危机应急预案。",
            "Guide schools to build a mental-health network, deliver the course, detail their procedures for crisis "
            "prevention, early warning and emergency response, and improve their crisis emergency plans.",
        ),
        level="required",
        duty_holder="education_authority",
        subject=("school",),
        citation=cite(
            "三（一）",
            "指导学校构建心理健康网络系统，落实心理健康课程、细化心理危机预防预警与应急处置工作规程，完善心理危机应急预案",
        ),
        note=NEXT_STEP_NOTE,
    ),
    Requirement(
        id=f"{CODE}.other.crisis-procedures-and-plan",
        domain="other",
        text=(
            "学校细化心理危机预防预警与应急处置工作规程，完善心理危机应急预案。",
            "The school details its procedures for crisis prevention, early warning and emergency response and "
            "keeps an up-to-date psychological-crisis emergency plan.",
        ),
        level="required",
        duty_holder="school",
        check=Check(metric="crisis_plan_in_place", op="true", unit="flag", per="standing", count_per="school"),
        citation=cite("三（一）", "细化心理危机预防预警与应急处置工作规程，完善心理危机应急预案"),
        note=(
            "复函写的是区教委“指导学校”做到；规程和预案是学校自己的，故另按学校义务编码，核查预案是否存在。",
            "The letter says the Commission will 'guide schools' to do this; the procedures and plan are the "
            "school's own, so they are also encoded as the school's duty, checking that the plan exists.",
        ),
    ),
    Requirement(
        id=f"{CODE}.other.crisis-response",
        domain="other",
        text=(
            "确保在心理危机事件发生的第一时间做到多岗联动、调度到位、密切配合、无缝对接、措施有效。",
            "Ensure that the moment a psychological crisis occurs, the posts concerned act together, are deployed "
            "properly, work closely and seamlessly together, and take effective measures.",
        ),
        level="required",
        duty_holder="school",
        subject=("students", "staff"),
        citation=cite("三（一）", "确保在心理危机事件发生的第一时间做到多岗联动、调度到位、密切配合、无缝对接、措施有效"),
        note=(
            "“确保”是区教委指导学校工作的目标；危机发生时行动的是学校，故按学校义务编码。",
            "'Ensure' is the aim of the Commission's guidance to schools; it is the school that acts when a crisis "
            "occurs, so it is encoded as the school's duty.",
        ),
    ),
    # 三（二）
    Requirement(
        id=f"{CODE}.other.inspection",
        domain="other",
        text=(
            "加强对学校心理健康教育工作的检查。",
            "Strengthen checks on schools' mental-health education.",
        ),
        level="required",
        duty_holder="education_authority",
        subject=("school",),
        citation=cite("三（二）", "加强对学校心理健康教育工作的检查"),
        note=NEXT_STEP_NOTE,
    ),
    Requirement(
        id=f"{CODE}.other.supervision-indicators",
        domain="other",
        text=(
            "将心理健康教育工作纳入学校督导评估指标体系。",
            "Include mental-health education in the indicators of school supervision and evaluation.",
        ),
        level="required",
        duty_holder="education_authority",
        subject=("school",),
        citation=cite("三（二）", "将心理健康教育工作纳入学校督导评估指标体系"),
        note=NEXT_STEP_NOTE,
    ),
    Requirement(
        id=f"{CODE}.other.school-evaluation",
        domain="other",
        text=(
            "将学生心理健康教育工作成效纳入学校办学水平评估。",
            "Count the results of students' mental-health education in the evaluation of a school's overall "
            "performance.",
        ),
        level="required",
        duty_holder="education_authority",
        subject=("school",),
        citation=cite("三（二）", "将学生心理健康教育工作成效纳入学校办学水平评估"),
        note=NEXT_STEP_NOTE,
    ),
]


@hookimpl
def xinli_screening_schedule() -> list[Requirement]:
    """Screening: once a semester for grades 4-12 (二（二）)."""
    return SCREENING


@hookimpl
def xinli_escalation_chain() -> list[Requirement]:
    """The chain of 二（二）: interview, counseling, parents, referral, follow-up."""
    return ESCALATION


@hookimpl
def xinli_staffing_rules() -> list[Requirement]:
    """Class psychological and safety monitors (二（三）)."""
    return STAFFING


@hookimpl
def xinli_referral_partners() -> list[Requirement]:
    """Referral to professional medical institutions through the parents."""
    return REFERRAL


@hookimpl
def xinli_curriculum_quotas() -> list[Requirement]:
    """Lessons, the 1/2 content share and the course's content (二（一）, 二（四）)."""
    return CURRICULUM


@hookimpl
def xinli_other_requirements() -> list[Requirement]:
    """Whole-school work, family-school work, records, crisis plans and inspection."""
    return OTHER
