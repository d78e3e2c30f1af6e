"""The message catalogue: every fixed string xinli prints, in Chinese and
English, in one reviewed table.

Renderers and commands ask :func:`msg` for a key in the output language
(``zh``, ``en`` or ``both``); nothing else spells a fixed word.  Keys never
reach the reader.  The vocabularies of :mod:`xinli.core.vocabulary`
(domains, levels, periods, units, duty holders...) are the rest of the
catalogue; :func:`english_side` and :func:`chinese_side` list both parts,
so a test can scan any ``--lang zh`` output for an English fixed string
(and a ``--lang en`` output for a Chinese one).
"""

from __future__ import annotations

from typing import Any

from xinli.core import vocabulary as vocab

#: Statuses of a finding (keys as recorded in the database).
STATUS_LABELS: dict[str, tuple[str, str]] = {
    "met": ("符合", "met"),
    "not_met": ("不符合", "not met"),
    "unknown": ("未知", "unknown"),
    "not_applicable": ("不适用", "not applicable"),
    "not_yet_due": ("未到期", "not yet due"),
    "waived": ("已豁免", "waived"),
    "manual": ("需人工核查", "manual check"),
    "adopted": ("已采纳（建议/鼓励/可以）", "adopted (recommended/encouraged/permitted)"),
    "not_adopted": ("未采纳（建议/鼓励/可以，不属不符合）", "not adopted (recommended/encouraged/permitted, not a failure)"),
    "not_required": ("鼓励/可以，无需核查", "encouraged/permitted, nothing to verify"),
    # --- issue 20: periods ---
    "in_progress": ("进行中（本期未结束）", "in progress (period still running)"),
}

#: How a finding was established (issue 20), by provenance key.
PROVENANCE_LABELS: dict[str, tuple[str, str]] = {
    "measured": ("据填报数据", "measured"),
    "self_reported": ("学校自查", "self-reported"),
    "verified": ("核查确认", "verified"),
    "unanswered": ("未作答", "unanswered"),
}

#: Scope of a requirement in a run.
SCOPES: dict[str, tuple[str, str]] = {
    "school": ("学校", "school"),
    "region": ("辖区", "region"),
    "manual": ("人工核查", "manual"),
}

#: Check operators in words.
OPERATORS: dict[str, tuple[str, str]] = {
    ">=": ("不少于", "at least"),
    "<=": ("不多于", "at most"),
    ">": ("多于", "more than"),
    "<": ("少于", "less than"),
    "==": ("等于", "equal to"),
    "between": ("介于", "between"),
    "true": ("是", "yes"),
}

#: Column headers of the CSV and spreadsheet outputs, by column key.
COLUMNS: dict[str, tuple[str, str]] = {
    "id": ("编号", "ID"),
    "domain": ("领域", "Domain"),
    "level": ("要求等级", "Level"),
    "duty_holder": ("责任主体", "Duty holder"),
    "school_duty": ("学校落实", "School duty"),
    "subject": ("对象", "Concerns"),
    "grades": ("年级", "Grades"),
    "applies_if": ("适用条件", "Applies if"),
    "metric": ("核查指标", "Metric"),
    "op": ("比较", "Comparison"),
    "value": ("标准值", "Value"),
    "unit": ("单位", "Unit"),
    "per": ("周期", "Period"),
    "count_per": ("计数范围", "Counted"),
    "deadline": ("期限", "Deadline"),
    "text": ("要求内容", "Requirement"),
    "note": ("说明", "Note"),
    "source": ("来源辖区", "From jurisdiction"),
    "document": ("文件", "Document"),
    "clause": ("条款", "Clause"),
    "quote": ("原文", "Quote"),
    "assessed_at": ("核查层级", "Assessed at"),
    "event": ("适用事件", "Event"),
    "check_grades": ("核查年级", "Grades checked"),
    "grades_mode": ("年级核查方式", "Grades mode"),
    "binds": ("约束对象", "Binds"),
    "done": ("完成", "Done"),
    "run_id": ("评估批次", "Run"),
    "school_id": ("学校代码", "School ID"),
    "school_name": ("学校名称", "School name"),
    "required_not_met": ("未达到的必须项", "Required items not met"),
    "requirement_id": ("要求编号", "Requirement ID"),
    "scope": ("范围", "Scope"),
    "expected": ("标准", "Expected"),
    "share_met": ("达标比例", "Share met"),
    "status": ("状态", "Status"),
    "observed": ("实际", "Observed"),
    "detail": ("说明", "Detail"),
    "before": ("之前", "Before"),
    "after": ("之后", "After"),
    "field": ("项目", "Field"),
    "jurisdiction": ("辖区", "Jurisdiction"),
    "title": ("文件标题", "Title"),
    "issuer": ("发文机关", "Issuer"),
    "date": ("日期", "Date"),
    "encoded": ("已编码", "Encoded"),
    "requirement_ids": ("引用该条款的要求", "Requirements citing it"),
    "column": ("列", "Column"),
    "label": ("名称", "Label"),
    "type": ("类型", "Type"),
    "help": ("说明", "Help"),
    "accepted": ("可填写", "Accepted values"),
    "id_run": ("批次", "Run"),
    "region": ("辖区", "Region"),
    "as_of": ("评估日期", "As of"),
    "created": ("记录时间", "Recorded"),
    "facts_file": ("事实文件", "Facts file"),
    "facts_sha256": ("事实文件哈希", "Facts file hash"),
    "schools": ("学校数", "Schools"),
    "findings": ("结论数", "Findings"),
    # --- issue 20: spot-check lists and region self-inspection ---
    "result": ("核查结论", "Result"),
    "by": ("核查人", "Checked by"),
    "on": ("核查日期", "Checked on"),
    "evidence": ("佐证", "Evidence"),
    "self_report": ("学校自查", "Self-report"),
    "sample": ("抽样", "Sample"),
    "seed": ("随机种子", "Seed"),
    "rule": ("抽样规则", "Rule"),
    "answer": ("自查结论", "Answer"),
    "verified": ("已核查", "Verified"),
    "disagreed": ("核查不一致", "Disagreed"),
    "self_reported_only": ("仅有自查（未核查）", "Self-reported only (not verified)"),
    "disagreement_rate": ("不一致率", "Disagreement rate"),
    # --- issue 20: provenance on sheets and reports ---
    "group": ("分组", "Group"),
    "provenance": ("结论来源", "Provenance"),
    "period": ("统计周期", "Period"),
    # --- issue 24: every alternative of an any-of check ---
    "any_of": ("任一满足即可（各备选检查）", "Any of (every alternative check)"),
}

#: Value types of the facts template.
FACT_TYPES: dict[str, tuple[str, str]] = {
    "text": ("文本", "text"),
    "boolean": ("是/否", "yes/no"),
    "integer": ("整数", "whole number"),
    "number": ("数", "number"),
    "share": ("比例", "share"),
    "date": ("日期", "date"),
    # --- issue 20: self-inspection columns ---
    "self": ("自查（是/否/不适用）", "self-inspection (yes/no/n.a.)"),
}

#: Worksheet names of the workbooks xinli writes, by machine name (the
#: English name, kept for ``both``).
SHEETS: dict[str, tuple[str, str]] = {
    "checklist": ("检查清单", "checklist"),
    "facts-template": ("事实填报", "facts-template"),
    "facts-help": ("填报说明", "facts-help"),
    "sources": ("文件来源", "sources"),
    "summary": ("概况", "summary"),
    "requirements": ("各项要求", "requirements"),
    "schools": ("各校", "schools"),
    "region-findings": ("辖区结论", "region-findings"),
    "changes": ("变化", "changes"),
    # --- issue 20: spot checks and region self-inspection ---
    "attestations": ("核查", "attestations"),
    "sample-about": ("抽样说明", "sample-about"),
    "region-facts": ("辖区自查", "region-facts"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    # checklist headings and labels
    "title": ("心理危机预防与干预合规清单", "Crisis prevention and intervention compliance checklist"),
    "region": ("辖区", "Region"),
    "parents": ("上级辖区", "Parent jurisdictions"),
    "documents": ("依据文件", "Documents"),
    "warnings": ("提示", "Warnings"),
    "not_encoded": ("未编码", "not encoded"),
    "not_specified": ("本文件未作规定。", "Not specified by this document."),
    "not_yet_encoded": ("尚未编码：插件尚未编码本领域的条款，不代表文件未作规定。",
                        "Not yet encoded: the plugin has not encoded this domain yet; the document may well say something."),
    "partly_encoded": ("本领域尚未完整编码。", "This domain is not fully encoded yet."),
    "not_specified_short": ("本文件未作规定", "not specified by this document"),
    "not_installed": ("未安装", "not installed"),
    "not_encoded_yet": ("尚未编码", "not yet encoded"),
    "duty": ("责任主体", "Duty holder"),
    "school_duty": ("学校落实", "school answers for this"),
    "authority_duty": ("非学校责任", "not a school duty"),
    "grades": ("年级", "Grades"),
    "applies_if": ("适用条件", "Applies if"),
    "check": ("核查", "Check"),
    "deadline": ("期限", "Deadline"),
    "source": ("依据", "Source"),
    "note": ("说明", "Note"),
    "subject": ("对象", "Concerns"),
    "step": ("步骤", "Step"),
    "partner": ("转介机构", "Partner"),
    "replaces": ("替代上级条款", "Replaces"),
    "as_of": ("适用日期", "As of"),
    "looser": ("比上级规定宽松", "Looser than the parent's rule"),
    "excluded": ("不适用的上级要求", "Parent requirements that do not apply"),
    "excluded_by": ("依据", "per"),
    "from": ("来自", "From"),
    "item_id": ("编号", "ID"),
    "not": ("非", "not "),
    "every_n_years": ("每{n}年", "every {n} years"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "requirements_per_domain": ("各领域要求数", "Requirements per domain"),
    "filtered": ("筛选", "Filtered"),
    "stage": ("学段", "Stage"),
    "level": ("要求等级", "Level"),
    # paper
    "printed": ("打印日期", "Printed"),
    "versions": ("版本", "Versions"),
    "page": ("第 ", "Page "),
    "page_of": (" 页，共 ", " of "),
    "page_end": (" 页", ""),
    "sign_off": ("核对与签字", "Checked and signed"),
    "checked_by": ("核对人", "Checked by"),
    "signed_date": ("日期", "Date"),
    "school_seal": ("学校（盖章）", "School (seal)"),
    "flow_caption": ("上报与干预流程（按文件顺序）", "The reporting and intervention chain, in the document's order"),
    "flow_continued": ("（续）", " (continued)"),
    "flow_steps": ("流程步骤（文字）", "The chain's steps in words"),
    "checklist_footer": ("由 xinli 生成。每条要求均注明文件号、条款和原文；本清单不替代文件本身。",
                         "Made by xinli. Every item cites its document, clause and words; the documents themselves prevail."),
    # report
    "report_title": ("评估报告", "Assessment report"),
    "run": ("评估批次", "run"),
    "run_as_of": ("评估日期", "as of"),
    "recorded": ("记录时间", "recorded"),
    "facts": ("事实文件", "facts file"),
    "schools": ("学校数", "schools"),
    "findings": ("结论数", "findings"),
    "status_counts": ("各状态结论数", "Findings by status"),
    "share_chart": ("各项要求的达标学校比例", "Share of schools meeting each requirement"),
    "share_note": ("比例 = 符合 ÷（符合 + 不符合 + 未知）；不适用、未到期、豁免、人工核查和鼓励/可以的事项（采纳与否）不计入。",
                   "share = met ÷ (met + not met + unknown); not applicable, not yet due, waived, manual and optional "
                   "(adopted / not adopted) are left out."),
    "not_charted": ("另有 {n} 项要求没有可判定的结论（如需人工核查），未画入图中，见下表。",
                    "{n} requirements have no decided finding (e.g. manual checks) and are left out of the chart; see the table."),
    "school_chart": ("各校结论状态", "Status counts per school"),
    "school_chart_more": ("图中仅画出前 {n} 所学校；下表列出全部学校。", "The chart shows the first {n} schools; the table lists all."),
    "requirements": ("各项要求", "Requirements"),
    "requirement": ("要求", "requirement"),
    "expected": ("标准", "expected"),
    "share": ("达标比例", "share met"),
    "region_findings": ("辖区层面结论", "Region findings"),
    "none": ("无。", "None."),
    "status": ("状态", "status"),
    "observed": ("实际", "observed"),
    "detail": ("说明", "detail"),
    "school_table": ("各校情况", "Schools"),
    "school": ("学校", "school"),
    "school_id": ("学校代码", "school id"),
    "school_name": ("学校名称", "school name"),
    "not_met_required": ("未达到的必须项", "required items not met"),
    "not_met_required_item": ("未达到（必须）", "not met (required)"),
    "changes": ("与第 {run} 批次相比的变化", "Changes since run {run}"),
    "no_changes": ("没有结论改变状态。", "No finding changed status."),
    "more": ("另有 {n} 条", "{n} more"),
    "before": ("之前", "before"),
    "after": ("之后", "after"),
    "absent": ("无此结论", "absent"),
    "region_row": ("（辖区）", "(region)"),
    "report_footer": ("由 xinli 生成。学校层面事实，不含学生个人信息。",
                      "Made by xinli from school-level facts; it holds no student data."),
    "scope": ("范围", "scope"),
    "document": ("文件", "document"),
    "clause": ("条款", "clause"),
    "quote": ("原文", "quote"),
    "text": ("要求内容", "text"),
    "field": ("项目", "field"),
    "value": ("值", "value"),
    "facts_sha256": ("事实文件哈希", "facts file hash"),
    "run_id": ("批次", "run"),
    "manual_expected": ("人工核查", "manual"),
    "detail_unknown": ("{0} 所学校情况未知", "{0} school(s) unknown"),
    "detail_no_school": ("没有适用的学校", "no school in scope"),
    "detail_due": ("{0} 到期", "due {0}"),
    "detail_waiver": ("{0}（{1} 批准，有效至 {2}）", "{0} ({1}, until {2})"),
    "detail_elsewhere": ("在{0}层面（{1}）衡量：针对其全部学校的目标，而非本辖区单独的目标",
                         "measured at {0} level ({1}): a target over all of its schools, not this region's alone"),
    "ancestor_level": ("上级", "ancestor"),
    "detail_attested": ("由 {by} 于 {day} 人工核查确认", "attested by {by} on {day}"),
    # compare
    "vs": ("对比", "vs"),
    "no_check": ("无数值核查", "no check"),
    "cmp_unspecified": ("其文件未作规定", "not specified by its documents"),
    "only_in": ("仅 {code} 有", "only in {code}"),
    "differs": ("不同", "differs"),
    "not_decidable": ("无法判定", "not decidable"),
    "broader": ("覆盖更广", "broader"),
    "stricter": ("更严", "stricter"),
    "identical": ("{n} 对要求相同", "{n} paired requirement(s) identical"),
    "field_check": ("核查", "check"),
    "field_metric": ("指标", "metric"),
    "field_op": ("比较", "comparison"),
    "field_unit": ("单位", "unit"),
    "field_count_per": ("计数范围", "counted"),
    "field_value": ("数值", "value"),
    "field_per": ("周期", "period"),
    "field_level": ("要求等级", "level"),
    "field_grades": ("年级", "grades"),
    "field_deadline": ("期限", "deadline"),
    # per-school report
    "school_report_title": ("学校评估单", "School assessment sheet"),
    "school_not_met": ("未达到的要求", "Requirements not met"),
    "school_unknown": ("待补充的事实（结论为未知）", "Facts to fill in (unknown)"),
    "school_manual": ("需人工核查并确认的要求", "Requirements to check by hand and attest"),
    "attest": ("已核查", "checked"),
    "none_here": ("无", "none"),
    "no_school": ("第 {run} 批次中没有学校 {school}", "no school {school} in run {run}"),
    "school_hint": ("可用的学校代码如：{ids}", "school ids look like: {ids}"),
    # --- issue 20: self-inspection, provenance, the complete school sheet ---
    "school_unanswered": ("未作答的自查项（请核查后勾选）", "Unanswered self-inspection items (check and tick)"),
    "school_in_progress": ("进行中的计数（本期尚未结束）", "Counts in progress (period still running)"),
    "school_self_reported": ("学校自查的结论（待抽查）", "Self-reported by the school (open to spot checks)"),
    "school_verified": ("经核查确认的结论", "Verified by an inspector"),
    "school_met": ("据填报数据符合的要求", "Met, from the figures"),
    "school_advisory": ("建议、鼓励与可选项（不计入达标比例）", "Recommended, encouraged and permitted items (outside the share met)"),
    "school_other": ("不适用、未到期与已豁免的要求", "Not applicable, not yet due and waived"),
    "school_has_unanswered": ("尚有 {n} 项未作答", "{n} item(s) unanswered"),
    "provenance": ("结论来源", "provenance"),
    "provenance_counts": ("按结论来源", "by provenance"),
    "period": ("统计周期", "period"),
    "workflow": ("学校自查 → 抽查 → 核查", "self-inspection → spot check → verification"),
    "not_adopted_short": ("未采纳", "not adopted"),
    "met_sources": ("符合的结论来源", "met: provenance"),
    "detail_event_unknown": ("事件是否发生未填写（未知）", "whether the event happened is not filled in (unknown)"),
    "detail_period_running": ("本期尚未结束，计数仍在累计", "the period is still running; the count is still growing"),
    "detail_attribute_unknown": ("所依据的学校属性未填写（未知）", "a school attribute it depends on is not filled in (unknown)"),
    "detail_grades": ("不在本条适用年级内", "outside the item's grades"),
    "detail_attributes": ("学校属性不在本条适用范围内", "the school's attributes put it outside the item"),
    "detail_no_event": ("所涉事件未发生", "the event did not happen"),
    # commands
    "wrote": ("已写入 {path}", "wrote {path}"),
    "run_done": ("第 {run} 批次：{schools} 所学校，{findings} 条结论（{counts}）",
                 "run {run}: {schools} schools, {findings} findings ({counts})"),
    "run_exists": ("第 {run} 批次已有相同评估，未写入新内容（{counts}）",
                   "run {run} already holds this assessment; nothing new was written ({counts})"),
    "no_runs": ("还没有评估批次", "no runs yet"),
    "assessing": ("正在评估学校", "assessing schools"),
    "checking_plugins": ("正在检查插件", "checking plugins"),
    "writing_reports": ("正在写各校评估单", "writing school sheets"),
    "loading_plugins": ("正在加载插件", "loading plugins"),
    "reading_sources": ("正在读取来源数据库", "reading sources"),
    "code": ("代码", "code"),
    "name": ("名称", "name"),
    "jurisdiction_level": ("级别", "level"),
    "distribution": ("发行包", "distribution"),
    "hooks": ("钩子", "hooks"),
    "not_loaded": ("未加载：{reason}", "NOT LOADED: {reason}"),
    "created": ("记录时间", "recorded"),
    "parents_line": ("上级", "parents"),
    "documents_line": ("文件", "documents"),
    "requirements_line": ("各领域要求数", "requirements per domain"),
    "warning": ("提示", "warning"),
    # schedule and calendar
    "calendar_heading": ("学年心理健康工作日历", "school-year calendar"),
    "calendar_name": ("{name} {year} 学年心理健康工作", "{name} {year} mental-health school year"),
    "semester_note": ("学期起止日期为假定值（每学期{weeks}周），可用 --autumn-start、--spring-start 调整；文件未规定具体日期。",
                      "Semester dates are assumptions ({weeks} weeks each), adjustable with --autumn-start and "
                      "--spring-start; the documents fix no dates."),
    "not_placed": ("未能排入日历的要求", "Not placed on the calendar"),
    "every_week": ("每周", "every week"),
    "every_two_weeks": ("每两周", "every two weeks"),
    "every_month": ("每月", "every month"),
    "until": ("至 {date}", "until {date}"),
    "event_level": ("要求", "Level"),
    "event_title": ("事项", "Event"),
    # escalation
    "reports_to": ("报告", "tells"),
    "guided_by": ("在其指导下", "under the guidance of"),
    "guidance": ("指导", "guidance"),
    "parallel": ("同时进行", "at the same time"),
    "event": ("仅在发生时适用", "Applies only where it happened"),
    "partners": ("转介机构与热线", "Referral partners"),
    "trigger": ("触发", "trigger"),
    "flow_title": ("预警上报与干预流程", "Escalation chain"),
    "flow_none": ("本文件未规定上报与干预流程。", "The document sets out no escalation chain."),
    # facts template
    "template_help": ("在第2行起每行填写一所学校；未知的事实留空。",
                      "Fill one school per row from row 2; leave unknown facts empty."),
    "column": ("列", "column"),
    "label": ("名称", "label"),
    "type": ("类型", "type"),
    "unit": ("单位", "unit"),
    "help": ("说明", "help"),
    "accepted": ("可填写", "accepted"),
    "done": ("完成", "done"),
    # notices on stderr
    "interrupted": ("已中断，未写入任何内容", "interrupted, nothing was written"),
    "lock_wait": ("另一个 xinli 命令正在写入该数据库，等待其完成…",
                  "another xinli command is writing to this database; waiting for it to finish…"),
    "migrating": ("正在升级数据库（{0} 项迁移）：{1}", "applying {0} database migration(s): {1}"),
    "ignored_columns": ("警告：列 {0} 未被本辖区的规定使用（已排除的或其他辖区的条目），已忽略",
                        "warning: column(s) {0} are not used by this region's rules (an excluded or another region's item) "
                        "and were ignored"),
    "plugin_not_loaded": ("警告：插件 {name}{dist} 未加载：{reason}", "warning: plugin {name}{dist} was not loaded: {reason}"),
    "serve_exposed": ("警告：在 {host} 上提供服务，任何能访问本机的人都能读取这些记录",
                      "warning: serving on {host}: anyone who can reach this machine can read the records"),
    "serving": ("正在 {url} 提供 {db}（按 Ctrl-C 停止）", "serving {db} at {url} (Ctrl-C to stop)"),
    # plugins check
    "check_note": ("说明：", "note: "),
    "check_warning": ("警告：", "warning: "),
    "check_error": ("错误：", "error: "),
    "check_summary": ("已检查 {checked} 个插件：{errors} 个错误，{warnings} 个警告",
                      "{checked} plugin(s) checked: {errors} problem(s), {warnings} warning(s)"),
    # new-plugin
    "created_plugin": ("已为辖区 {code} 创建 {target}：", "created {target} for jurisdiction {code}:"),
    "created_under": ("已为辖区 {code}（上级 {parent}）创建 {target}：", "created {target} for jurisdiction {code} under {parent}:"),
    "next_steps": ("下一步：", "next steps:"),
    "step_encode_folder": ("把文件原文放入 {source}，并在 {rules} 中编码其规定",
                           "put the document's text in {source} and encode its rules in {rules}"),
    "step_source": ("把文件原文放入 {source}", "put the document's text in {source}"),
    "step_rules": ("并在 {rules} 中编码其规定（替换其中的示例）", "and encode its rules in {rules} (replace the EXAMPLE)"),
    "step_editable": ("（用 pip install -e 可继续修改）", "(pip install -e to keep editing)"),
    # attest
    "attested": ("已记录第{number}条人工核查：学校 {school}，条目 {requirement}，结论：{result}（核查人：{by}，日期：{day}）",
                 "attestation {number}: school {school}, item {requirement}, result: {result} (checked by {by} on {day})"),
    # --- issue 21: escalation drawings ---
    "refers_to": ("转介至", "refers to"),
    # --- issue 21: reports ---
    "detail_failing": ("不符合的学校：{names}", "not met at: {names}"),
    "detail_failing_more": ("，另有 {n} 所", " (+{n} more)"),
    "manual_school_items": ("其他结论（无机器检查的学校事项，学生、家长等其他主体的事项）",
                            "Other findings (school items without a machine check; duties of students, parents and others)"),
    # --- issue 24: rules-format vocabularies (xinli vocab) and duty holders ---
    "vocab_key": ("键", "key"),
    "vocab_side": ("所属", "side"),
    "vocab_school_side": ("学校内部", "inside the school"),
    "vocab_outside": ("学校以外", "outside the school"),
    "vocab_role": ("角色", "role"),
    "vocab_kind": ("学校类别", "kinds of school"),
    "duty_holder_of": ("责任主体", "duty holder"),
    "outside_document": ("不在本文件适用范围内", "outside the document"),
    "detail_outside_document": ("学校类别不在本文件适用范围内", "the school's kind is outside the document's scope"),
    "detail_school_kind": ("学校类别不在本条适用范围内", "the school's kind is outside this item"),
    "detail_region_reported": ("由辖区填报的数据（未提供时人工核查）", "a figure the region reports (checked by hand until given)"),
    "kinds_not_covered": ("{documents} 适用于{covered}，不适用于{stage}；本清单未列入其要求",
                          "{documents} covers {covered}, not {stage}; its requirements are left out"),
    # --- issue 20: spot checks (attest --from, sample) and the region's self-inspection ---
    "attested_file": ("已从 {file} 记录 {n} 条人工核查（符合 {met}，不符合 {not_met}）；未填写而跳过 {skipped} 行",
                      "{n} attestation(s) recorded from {file} (met {met}, not met {not_met}); {skipped} unfilled row(s) skipped"),
    "attested_already": ("{n} 条与已记录的核查完全相同，未重复记录",
                         "{n} attestation(s) identical to ones already recorded; not added again"),
    "sampled": ("已抽取 {schools} 所学校的 {rows} 项核查（第{number}次抽样，批次 {run}，随机种子 {seed}，规则：{rule}），写入 {path}",
                "{rows} check(s) at {schools} school(s) drawn (sample {number}, run {run}, seed {seed}, rule: {rule}), "
                "written to {path}"),
    "sample_rule_rate": ("按学校抽取 {percent}%", "{percent}% of schools"),
    "sample_rule_per_item": ("每项要求抽取 {n} 所学校", "{n} school(s) per item"),
    "sample_note": ("第{number}次抽样｜批次 {run}｜随机种子 {seed}｜{rule}", "sample {number} | run {run} | seed {seed} | {rule}"),
    "sample_help": ("请核查人逐行填写“核查结论”（符合/不符合）、“核查人”（单位或职务，不填个人姓名和电话）、“核查日期”和“佐证”，"
                    "然后用 xinli attest --from 本文件 录入；未填写的行会被跳过。",
                    "Fill in result (met / not_met), by (an office or role, never a person's name or phone), on (the day) "
                    "and evidence for each row, then record it with xinli attest --from THIS FILE; unfilled rows are skipped."),
    "self_report_none": ("未自查", "not self-reported"),
    "region_facts_help": ("辖区自查：请在“自查结论”一列对每项本级职责填写 是/否/不适用，并在“佐证”一列写明文件或台账名称；"
                          "空白为未自查。用 xinli assess --region-facts 本文件 录入。",
                          "Region self-inspection: answer yes / no / n/a for each of the authority's own duties in the answer "
                          "column and name the document or record in evidence; blank is unanswered. "
                          "Pass the file to xinli assess --region-facts."),
    "detail_region_self_reported": ("辖区自查填报", "self-reported by the region"),
    "verification": ("核查情况", "Verification"),
    "verified_n": ("已核查 {verified} 项自查，其中 {disagreed} 项与核查结论不一致", "{verified} self-report(s) verified, "
                   "{disagreed} disagreeing with the check"),
    "disagreement_rate": ("自查与核查不一致率（可信度指标）", "Disagreement rate of self-reports (trust figure)"),
    # --- issue 22: trust boundaries (what xinli refuses) ---
    "output_symlink": ("{path}：是符号链接；xinli 从不经由链接写入文件（即使加 --force），请写到链接所指的文件名",
                       "{path}: is a symbolic link; xinli never writes through one (not even with --force); "
                       "name the file itself"),
    "output_special": ("{path}：不是普通文件（设备、管道或套接字）；xinli 不会写入它（即使加 --force）",
                       "{path}: is not a regular file (a device, FIFO or socket); xinli never writes onto one "
                       "(not even with --force)"),
    "output_hard_link": ("{path}：该文件另有 {links} 个名称（硬链接），可能是其他文件；xinli 不会替换它（即使加 --force）",
                         "{path}: the file has {links} names (hard links) and may be another file; xinli never "
                         "replaces it (not even with --force)"),
    "file_name_personal": ("{path}：文件名中像有手机号或身份证号（个人信息）；xinli 会在评估记录中保存文件名，请先改名",
                           "{path}: the file name seems to hold a mobile or ID-card number (personal data); a run "
                           "records the file name, so rename the file first"),
    "xlsx_hidden_sheet": ("事实工作表“{sheet}”被隐藏；填写的人看不到它，xinli 不读取隐藏的工作表：请取消隐藏或删除它",
                          "the facts sheet {sheet!r} is hidden; whoever filled in the workbook could not see it, so "
                          "xinli does not read it: unhide or delete it"),
    "xlsx_two_sheets": ("工作簿中有多个事实工作表（{sheets}），无法确定读取哪一个：请只保留一个",
                        "the workbook has more than one facts sheet ({sheets}); xinli cannot tell which to read: "
                        "keep one"),
    "id_scientific": ("学校代码像是被表格软件改写成了科学计数法（如 4.10101E+09），原代码已丢失：请把该列设为文本后重新输入",
                      "the school id looks like a spreadsheet turned it into scientific notation (like 4.10101E+09) "
                      "and the real id is lost: format the column as text and type the ids again"),
    "source_newer": ("{path}：由更新版本的 xinli 写入（迁移 {names}），本版本无法正确读取：请升级 xinli",
                     "{path}: written by a newer xinli (migrations {names}); this version cannot read it correctly: "
                     "upgrade xinli"),
    "source_impostor_tables": ("{path}：{names} 不是数据表，这不是 xinli 写入的数据库",
                               "{path}: {names} is not a table, so this is not a database xinli wrote"),
    "json_column_bad": ("{where}：不是有效的 JSON 值（{reason}），数据库已损坏或被改动",
                        "{where}: not a valid JSON value ({reason}); the database is damaged or was edited"),
    "source_query_interrupted": ("{path}：读取超过时间上限（{seconds} 秒）被中断；该数据库可能含有无法完成的查询",
                                 "{path}: a query ran past the time limit ({seconds} s) and was interrupted; the database "
                                 "may hold a query that never ends"),
    "source_inconsistent": ("{path}：第 {run} 批次的记录前后不一致，未予汇总：{reason}",
                            "{path}: run {run} is not consistent with itself and was not rolled up: {reason}"),
    "why_counts": ("存储的各要求计数与其结论不符（{requirement}：存储 {stored}，实际 {actual}）",
                   "the stored counts per requirement do not match its findings ({requirement}: stored {stored}, "
                   "found {actual})"),
    "why_schools": ("批次记录的学校数 {stored} 与实际学校数 {actual} 不符",
                    "the run says {stored} schools but holds {actual}"),
    "why_findings": ("批次记录的结论数 {stored} 与实际结论数 {actual} 不符",
                     "the run says {stored} findings but holds {actual}"),
    "why_totals": ("批次记录的各状态结论数 {stored} 与实际 {actual} 不符",
                   "the run's counts by status {stored} do not match its findings {actual}"),
    "why_item_over_schools": ("要求 {requirement} 计有 {total} 条学校结论，多于其 {schools} 所学校",
                              "requirement {requirement} counts {total} school findings, more than its {schools} schools"),
    "why_negative": ("计数为负数或不是整数（{requirement}）", "a count is negative or not a whole number ({requirement})"),
    "why_region_rules": ("其要求来自 {others}，不属于辖区 {region} 及其上级：辖区标签与规则不符",
                         "its requirements come from {others}, which are neither region {region} nor its ancestors: "
                         "the region label does not match the rules"),
    "why_rules_digest": ("其规则摘要与已安装的同版本 {region} 插件在 {as_of} 的规则不符",
                         "its rules digest does not match the installed {region} plugin's rules (same version) as of "
                         "{as_of}"),
    "why_fact_columns": ("事实列（fact_columns）与 {region} 规则所需的列不符",
                         "its fact_columns do not match the columns {region}'s rules ask for"),
    "why_fact_columns_shape": ("事实列（fact_columns）不是互不相同的已知事实名列表",
                               "its fact_columns are not a list of distinct known fact names"),
    "why_fact_type": ("学校 {school} 的事实 {fact} 为 {value}，不是 {kind}",
                      "school {school}'s fact {fact} is {value}, not {kind}"),
    "why_facts_length": ("{n} 所学校的事实数与事实列数不符", "{n} school(s) hold a different number of facts than fact_columns"),
    "target_is_source": ("{path}：与目标数据库 {target} 是同一个文件（硬链接或符号链接）；目标不能作为自己的来源",
                         "{path}: is the same file as the target database {target} (a hard or symbolic link); the "
                         "target cannot be one of its own sources"),
    "from_skipped": ("--from 目录中的 {name} 未作为来源：{reason}", "{name} in the --from directory was not taken as a source: {reason}"),
    "skip_extension": ("扩展名不是 .db、.sqlite 或 .sqlite3", "its extension is not .db, .sqlite or .sqlite3"),
    "skip_broken_link": ("符号链接指向的文件不存在", "a symbolic link to a file that does not exist"),
    "skip_not_file": ("不是普通文件", "not a regular file"),
    "skip_unreadable": ("无法读取（{reason}）", "cannot be read ({reason})"),
    "wal_unreadable": ("{path}：其预写日志 {wal} 中有已提交的记录，但在此处无法读取（缺少 -shm 文件且目录不可写）；"
                       "xinli 不会显示较旧的状态：请在可写的目录中打开它，或由写入者先完成检查点",
                       "{path}: its write-ahead log {wal} holds committed records that cannot be read here (no -shm "
                       "file and the directory is read-only); xinli will not show an older state: open it in a "
                       "writable directory, or have its writer checkpoint it first"),
    "not_utf8": ("{path}：不是 UTF-8 文本（可能是 GBK 等编码），第 {pos} 个字节为 0x{byte}：请另存为 UTF-8",
                 "{path}: not UTF-8 text (GBK or another encoding?), byte 0x{byte} at position {pos}: save it as UTF-8"),
    "quotes_not_in_source": ("插件 {code} 有 {n} 条引文在其 source.txt 中找不到（如 {item}：「{quote}」）；"
                             "清单只打印与文件原文一致的条款：请运行 xinli plugins check 并修正",
                             "plugin {code} has {n} quote(s) not found in its source.txt (e.g. {item}: 「{quote}」); "
                             "a checklist prints only items whose words are the document's: run `xinli plugins check` "
                             "and correct them"),
    "output_not_ours": ("{path}：已存在，且不是 xinli 写入的输出（或写入后已被修改）；请换一个文件名，或加 --force 替换它",
                        "{path}: exists and is not an output xinli wrote (or it was changed since); choose another "
                        "file name, or add --force to replace it"),
    # --- issue 25: policy catalogue ---
    "catalog_unchanged": ("{path} 已是最新（已安装插件与选项未变），未重建；用 --rebuild 强制重建",
                          "{path} is up to date (installed plugins and options unchanged); not rebuilt (--rebuild to force)"),
    "catalog_built": ("已写入政策目录 {path}：{regions} 个辖区，{items} 条生效条款，{requirements} 条不同条款",
                      "wrote the policy catalogue {path}: {regions} region(s), {items} effective item(s), "
                      "{requirements} distinct requirement(s)"),
    "catalog_building": ("正在编目", "cataloguing"),
    # --- issue 24: regions search, folder hints, compare, coverage (i24b) ---
    "regions_none": ("没有与 {query} 相符的已安装辖区", "no installed region matches {query}"),
    "cmp_every_kind": ("各类学校", "every kind of school"),
    "cmp_every_school": ("所有学校", "every school"),
    "cmp_school_kinds": ("学校类型", "school kinds"),
    "cmp_no_deadline": ("无", "none"),
    "cmp_scope": ("评估对象", "assessed"),
    "cmp_at_school": ("每所学校", "each school"),
    "cmp_at_region": ("辖区整体", "the region as a whole"),
    "cmp_paired_by_metric": ("两条按同一指标配对（编号不同）", "paired by the same metric (different ids)"),
    "cmp_paired_apart": ("两条按同一指标配对（编号不同），但适用的学校不同，见下",
                         "paired by the same metric (different ids), but they bind different schools: see below"),
    "field_applies_if": ("适用条件", "conditions"),
    "field_school_kinds": ("学校类型", "school kinds"),
    "field_scope": ("评估对象", "assessed"),
    "flow_not_encoded": ("上报与干预流程尚未编码（插件声明本领域尚未编码），不代表文件未作规定。",
                         "The escalation chain is not yet encoded (the plugin says so); the document may well set one out."),
    "cov_title": ("编码覆盖情况", "Coverage"),
    "cov_intro": ("由 `xinli coverage` 生成（本项目的 docs/coverage.md 即 `{command}` 的结果），请勿手工编辑。"
                  "每格是该辖区自身文件在该领域的条目数（不计继承的条目）；"
                  "*未作规定* 表示文件在该领域没有规定；*尚未编码* 表示插件声明（`encoded_domains`）该领域尚未编码，"
                  "*（部分）* 表示只编码了一部分。",
                  "Generated by `xinli coverage` (this project's docs/coverage.md is `{command}`); do not edit by "
                  "hand. Each cell counts the items a jurisdiction's own "
                  "documents give a domain (inherited items are not counted); *not specified* means the document is "
                  "silent on that domain; *not yet encoded* means the plugin declares (`encoded_domains`) that it has "
                  "not encoded that domain yet, and *(partial)* that it has encoded part of it."),
    "cov_jurisdiction": ("辖区", "jurisdiction code"),
    "cov_document": ("文件", "document"),
    "cov_total": ("合计", "total"),
    "cov_school_duties": ("学校职责", "school duties"),
    "cov_unspecified": ("未作规定", "not specified"),
    "cov_partial": ("（部分）", "(partial)"),
    "in_unloaded_folder": ("；规则文件 {files} 中有该辖区，但未加载：请加上 --rules {folder}（或设置 XINLI_RULES_PATH）",
                           "; it is in the rules file(s) {files}, which were not loaded: add --rules {folder} "
                           "(or set XINLI_RULES_PATH)"),
    # --- issue 24: grades of kindergartens and universities in words ---
    "kindergarten_year_names": ("小班|中班|大班", "1|2|3"),
    "university_year_names": ("一|二|三|四|五|六|七|八", "1|2|3|4|5|6|7|8"),
    "grade_kindergarten": ("幼儿园{year}", "kindergarten year {year}"),
    "grades_kindergarten": ("幼儿园{low}至{high}", "kindergarten years {low}–{high}"),
    "grade_university": ("大学{year}年级", "university year {year}"),
    "grades_university": ("大学{low}至{high}年级", "university years {low}–{high}"),
}


def pick(pair: tuple[str, str], lang: str, sep: str = " / ") -> str:
    """One ``(zh, en)`` pair in ``lang``; ``both`` joins them with ``sep``."""
    zh, en = pair
    if lang == "zh":
        return zh
    if lang == "en":
        return en
    return zh if zh == en else f"{zh}{sep}{en}"


def msg(key: str, lang: str, sep: str = " / ", **values: Any) -> str:
    """The catalogue entry ``key`` in ``lang``, with ``{placeholders}``
    filled from ``values``."""
    zh, en = MESSAGES[key]
    return pick((zh.format(**values), en.format(**values)), lang, sep)


def column(key: str, lang: str) -> str:
    """A column header in ``lang``; ``both`` (the machine form) keeps the
    key itself."""
    if lang == "both" or key not in COLUMNS:
        return key
    return pick(COLUMNS[key], lang)


def sheet(key: str, lang: str) -> str:
    """A worksheet's name in ``lang``: Chinese for ``zh``, the English
    machine name for ``en`` and ``both``."""
    return SHEETS[key][0] if lang == "zh" else SHEETS[key][1]


def status(key: str, lang: str) -> str:
    """A finding status in words (the key itself if unknown)."""
    return pick(STATUS_LABELS[key], lang) if key in STATUS_LABELS else key


def provenance(key: str | None, lang: str) -> str:
    """A finding's provenance in words (measured when absent)."""
    key = key or "measured"
    return pick(PROVENANCE_LABELS[key], lang) if key in PROVENANCE_LABELS else key


def _tables() -> list[dict[str, tuple[str, ...]]]:
    return [MESSAGES, COLUMNS, SHEETS, FACT_TYPES, STATUS_LABELS, PROVENANCE_LABELS, SCOPES, OPERATORS, vocab.DOMAINS,
            vocab.LEVELS, vocab.JURISDICTION_LEVELS,
            vocab.ACTORS, vocab.PERIODS, vocab.UNITS, vocab.COUNT_PER, vocab.PARTNER_KINDS, vocab.DUTY_ROLES,
            {k: v[1:] for k, v in vocab.SCHOOL_ATTRIBUTES.items()}]


def english_side() -> set[str]:
    """Every English fixed string of the catalogue and the vocabularies
    (placeholders removed), for scanning ``--lang zh`` output."""
    out: set[str] = set()
    for table in _tables():
        for labels in table.values():
            text = labels[-1].split("{")[0].strip()
            if text:
                out.add(text)
    return out


def chinese_side() -> set[str]:
    """Every Chinese fixed string of the catalogue and the vocabularies,
    for scanning ``--lang en`` output."""
    out: set[str] = set()
    for table in _tables():
        for labels in table.values():
            text = labels[-2].split("{")[0].strip()
            if text:
                out.add(text)
    return out


def internal_keys() -> set[str]:
    """Vocabulary keys that must never reach a reader (those that are not
    ordinary words: ``per_school_year``, ``not_met``...), plus level and
    status keys."""
    keys: set[str] = set(vocab.LEVELS) | set(STATUS_LABELS) | set(PROVENANCE_LABELS)
    for table in (vocab.PERIODS, vocab.UNITS, vocab.ACTORS, vocab.COUNT_PER, vocab.DOMAINS):
        keys |= {k for k in table if "_" in k}
    return keys
