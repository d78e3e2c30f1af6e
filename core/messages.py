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

import functools
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
    # --- issue 20: verification figures in the CSV and xlsx reports ---
    "verified_self_reports": ("自查已核查数", "Self-reports verified"),
    "identifier": ("编号", "ID"),
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
    # --- issue 20: verification figures in the xlsx report ---
    "verification": ("核查情况", "verification"),
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
    # --- issue 21: one-off duties ---
    "one_off": ("一次性", "one-off"),
    "one_off_past": ("一次性，已过期", "one-off, past"),
    "detail_one_off_past": ("一次性事项，期限已过：属历史记录，不再核查",
                            "a one-off duty whose deadline has passed: history, no longer checked"),
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


# --- issue 23: the command line in Chinese ---
#: click's own messages (its gettext message ids) in Chinese and English;
#: :mod:`xinli.cli.i18n` hands them to click.  Kept out of the scans of
#: :func:`english_side` (they hold everyday words such as "file").
CLICK: dict[str, tuple[str, str]] = {
    "Usage:": ("用法：", "Usage:"),
    "Options": ("选项", "Options"),
    "Commands": ("命令", "Commands"),
    "Positional arguments": ("位置参数", "Positional arguments"),
    "Error: {message}": ("错误：{message}", "Error: {message}"),
    "Try '{command} {option}' for help.": ("运行 '{command} {option}' 查看帮助。", "Try '{command} {option}' for help."),
    "Missing argument": ("缺少参数", "Missing argument"),
    "Missing option": ("缺少选项", "Missing option"),
    "Missing parameter": ("缺少参数", "Missing parameter"),
    "Missing parameter: {param_name}": ("缺少参数：{param_name}", "Missing parameter: {param_name}"),
    "Missing {param_type}": ("缺少{param_type}", "Missing {param_type}"),
    "Missing command.": ("缺少命令。", "Missing command."),
    "No such command {name!r}.": ("没有命令 {name!r}。", "No such command {name!r}."),
    "No such option {name!r}.": ("没有选项 {name!r}。", "No such option {name!r}."),
    "No such option: {name}": ("没有选项：{name}", "No such option: {name}"),
    "Did you mean {possibility}?": ("是否想用 {possibility}？", "Did you mean {possibility}?"),
    "(Did you mean one of: {possibilities}?)": ("（是否想用其中之一：{possibilities}？）", "(Did you mean one of: {possibilities}?)"),
    "Option {name!r} does not take a value.": ("选项 {name!r} 不带值。", "Option {name!r} does not take a value."),
    "Option {name!r} requires an argument.": ("选项 {name!r} 需要一个值。", "Option {name!r} requires an argument."),
    "Option {name!r} requires {nargs} arguments.": ("选项 {name!r} 需要 {nargs} 个值。", "Option {name!r} requires {nargs} arguments."),
    "Argument {name!r} takes {nargs} values.": ("参数 {name!r} 需要 {nargs} 个值。", "Argument {name!r} takes {nargs} values."),
    "Got unexpected extra argument ({args})": ("多余的参数（{args}）", "Got unexpected extra argument ({args})"),
    "Got unexpected extra arguments ({args})": ("多余的参数（{args}）", "Got unexpected extra arguments ({args})"),
    "Invalid value for {param_hint}: {message}": ("{param_hint} 的值无效：{message}", "Invalid value for {param_hint}: {message}"),
    "Invalid value: {message}": ("值无效：{message}", "Invalid value: {message}"),
    "{value!r} is not {choice}.": ("{value!r} 不是 {choice}。", "{value!r} is not {choice}."),
    "{value!r} is not one of {choices}.": ("{value!r} 不在可选值 {choices} 之中。", "{value!r} is not one of {choices}."),
    "{value!r} is not a valid {number_type}.": ("{value!r} 不是有效的{number_type}。", "{value!r} is not a valid {number_type}."),
    "{value} is not in the range {range}.": ("{value} 不在范围 {range} 之内。", "{value} is not in the range {range}."),
    "{value!r} does not match the format {format}.": ("{value!r} 不符合格式 {format}。", "{value!r} does not match the format {format}."),
    "{value!r} does not match the formats {formats}.": ("{value!r} 不符合格式 {formats} 中任何一种。",
                                                        "{value!r} does not match the formats {formats}."),
    "{name} {filename!r} does not exist.": ("{name} {filename!r} 不存在。", "{name} {filename!r} does not exist."),
    "{name} {filename!r} is a directory.": ("{name} {filename!r} 是一个文件夹。", "{name} {filename!r} is a directory."),
    "{name} {filename!r} is a file.": ("{name} {filename!r} 是一个文件，不是文件夹。", "{name} {filename!r} is a file."),
    "{name} {filename!r} is not readable.": ("{name} {filename!r} 不可读。", "{name} {filename!r} is not readable."),
    "{name} {filename!r} is not writable.": ("{name} {filename!r} 不可写。", "{name} {filename!r} is not writable."),
    "{name} {filename!r} is not executable.": ("{name} {filename!r} 不可执行。", "{name} {filename!r} is not executable."),
    "Could not open file {filename!r}: {message}": ("无法打开文件 {filename!r}：{message}", "Could not open file {filename!r}: {message}"),
    "file": ("文件", "file"),
    "directory": ("文件夹", "directory"),
    "path": ("路径", "path"),
    "integer": ("整数", "integer"),
    "float": ("数字", "float"),
    "Show the version and exit.": ("显示版本后退出。", "Show the version and exit."),
    "Show this message and exit.": ("显示本帮助后退出。", "Show this message and exit."),
    "default: {default}": ("默认：{default}", "default: {default}"),
    "env var: {var}": ("环境变量：{var}", "env var: {var}"),
    "required": ("必填", "required"),
    "deprecated": ("已弃用", "deprecated"),
    "Aborted!": ("已中止。", "Aborted!"),
    "unknown error": ("未知错误", "unknown error"),
    "Value must be an iterable.": ("值必须是一个序列。", "Value must be an iterable."),
}

#: Help texts of the commands and their options: the Chinese beside the
#: English each command was written with (keyed by that English, spaces
#: collapsed); :func:`xinli.cli.i18n.localise` shows one or both.
HELP: dict[str, tuple[str]] = {
    # the group and shared options
    "xinli: school mental-health crisis-intervention policy as code. Each jurisdiction's notice is a plugin; these commands list "
    "them and print what a region requires of its schools.":
        ("xinli：中小学生心理危机预防与干预政策的代码化。\n\n每个辖区的文件是一个插件；这些命令列出插件，并打印一个地区对学校的要求。",),
    "Also load every *.toml rules file in DIR (repeatable; added to $XINLI_RULES_PATH).":
        ("另外加载 DIR 中每个 *.toml 规则文件（可重复；加在 $XINLI_RULES_PATH 之后）。",),
    "Output language.": ("输出语言（默认 zh，可由环境变量 XINLI_LANG 设定）。",),
    "Output language (default: the group's --lang, zh).": ("输出语言（默认 zh，可由环境变量 XINLI_LANG 设定）。",),
    "Comma-separated plugin codes to load (default: $XINLI_PLUGINS or all).":
        ("只加载这些插件（代码以逗号分隔；默认 $XINLI_PLUGINS 或全部）。",),
    "Jurisdiction code (see `xinli regions`).": ("辖区代码（见 xinli regions）。",),
    "Jurisdiction code (or give it positionally).": ("辖区代码（也可直接写在命令后）。",),
    "Rules in force on this date (YYYY-MM-DD).": ("按该日期（YYYY-MM-DD）有效的规定。",),
    "Output format (default: from the --output extension, else markdown).": ("输出格式（默认按 --output 的扩展名，否则 markdown）。",),
    "Output format (default: from the --output extension, else mermaid).": ("输出格式（默认按 --output 的扩展名，否则 mermaid）。",),
    "Output format (default: from the --output extension, else csv).": ("输出格式（默认按 --output 的扩展名，否则 csv）。",),
    "Write to FILE (atomically) instead of standard output; an existing FILE is replaced only if it is a previous output of "
    "this format.": ("写入文件 FILE（原子写入）而不是标准输出；已有的 FILE 只有是本格式以前的输出时才会被替换。",),
    "With --output: replace FILE even if it does not look like a previous output (never a file this command reads).":
        ("与 --output 同用：即使 FILE 不像以前的输出也替换它（本命令读取的文件永不替换）。",),
    "SQLite records file.": ("SQLite 记录文件。",),
    "SQLite records file (created if missing).": ("SQLite 记录文件（不存在时创建）。",),
    # regions, show, checklist
    "List every installed jurisdiction with its level, parent, documents and the distribution that provided it; QUERY keeps "
    "those whose code, Chinese or English name, or parent contains it (`xinli regions 渠县`).":
        ("列出已安装的每个辖区：级别、上级、文件及提供它的发行包；给出 QUERY 时只列代码、中文或英文名称或上级中含有它的辖区"
         "（如 xinli regions 渠县）。",),
    "Show REGION: the jurisdiction, its chain of parents, its documents and the number of requirements per domain.":
        ("显示辖区 REGION：其上级链、文件和各领域的要求条数。",),
    "Print one requirement with its quote.": ("打印一条要求及其原文。",),
    "Print REGION's compliance checklist, grouped by domain, each item with its level, grades, duty holder, check and citation. "
    "A principal's own list: --duty-holder school --stage primary --level required. html prints on A4 with a header, page "
    "numbers and a sign-off block; xlsx is a workbook with the checklist, the facts template and the sources, and needs "
    "--output FILE (pip install 'xinli[xlsx]'). The format follows --output's extension when --format is absent.":
        ("按领域打印辖区 REGION 的合规清单，每条注明要求等级、年级、责任主体、核查方式和依据。\n\n"
         "校长自己的清单：--duty-holder school --stage primary --level required。html 按 A4 打印，带页眉、页码和签字栏；"
         "xlsx 是含清单、事实模板和文件来源的工作簿，须配 --output FILE（pip install 'xinli[xlsx]'）。"
         "未给 --format 时按 --output 的扩展名确定格式。",),
    "Only this duty holder's items; `school` keeps every duty a school answers for.":
        ("只列该责任主体的条目；school 保留学校须落实的全部条目。",),
    "Only items covering this school stage's grades.": ("只列覆盖该学段年级的条目。",),
    "Only items covering these grades, e.g. 1-6 or 7,8,9.": ("只列覆盖这些年级的条目，如 1-6 或 7,8,9。",),
    "Only items of this level (repeatable).": ("只列该等级的条目（可重复）。",),
    # schedule
    "Lay REGION's dated obligations on a school year: screening windows, lesson cadences, parent sessions, training, awareness "
    "month, key monitoring periods and deadlines, each with the requirement's text and citation. ics imports into calendar "
    "apps (pip install 'xinli[calendar]'); re-importing updates the events instead of duplicating them: SEQUENCE grows with "
    "every revision (pass the calendar published before as --previous to keep unchanged events' SEQUENCE).":
        ("把辖区 REGION 有时间要求的工作排进一个学年：测评时段、课程频次、家长课堂、培训、宣传月、重点时段和截止日期，"
         "每项附要求原文和依据。\n\nics 可导入日历应用（pip install 'xinli[calendar]'）；再次导入会更新而不是重复日程："
         "每次修订 SEQUENCE 都增大（用 --previous 给出上次发布的日历，未改动的日程保留原 SEQUENCE）。",),
    "e.g. 2026-2027 (default: the current one).": ("学年，如 2026-2027（默认当前学年）。",),
    "First day of the autumn semester (default: 1 September).": ("秋季学期第一天（默认 9 月 1 日）。",),
    "First day of the spring semester (default: the Monday on or after 17 February).":
        ("春季学期第一天（默认 2 月 17 日或其后的第一个星期一）。",),
    "The calendar (ics) published before: unchanged events keep their SEQUENCE and LAST-MODIFIED.":
        ("上次发布的日历（ics）：未改动的日程保留其 SEQUENCE 和 LAST-MODIFIED。",),
    # escalation
    "Print REGION's reporting and intervention procedures, each as its own flowchart (routine reporting and referral; the "
    "emergency response to an incident...): its trigger, steps in the document's order with role, action and conditions "
    "(such as parents' consent before referral), steps at the same time side by side, \"acts under the guidance of\" apart "
    "from \"reports to\", ending at the referral partners. mermaid is one `flowchart TD` with a subgraph per procedure; dot "
    "is one digraph with a cluster per procedure, so `dot -Tsvg` makes one SVG.":
        ("打印辖区 REGION 的上报与干预流程，每个流程一张流程图（日常上报与转介、突发事件应急处置等）：触发情形、"
         "按文件顺序的步骤（角色、行动和条件，如转介前须经家长同意）、同时进行的步骤并排、“在指导下”与“上报”分开，"
         "最后是转介机构。\n\nmermaid 为一段 flowchart TD，每个流程一个子图；dot 为一个有向图，每个流程一个分组，"
         "因此 dot -Tsvg 只生成一个 SVG。",),
    "Draw only this procedure (e.g. routine, emergency; see --format json).":
        ("只画这一个流程（如 routine、emergency；见 --format json）。",),
    # plugins
    "List installed plugins: code, distribution, version and the hooks each implements. `xinli plugins check` validates them.":
        ("列出已安装的插件：代码、发行包、版本和实现的钩子。xinli plugins check 检查它们。",),
    "Check plugins (default: all) against every rule the bundled plugins obey. Prints each problem with plugin, item and "
    "reason; exits 1 when any is found. Warnings (scaffold placeholders, a region target without a scope, a looser override) "
    "fail the check only with --strict; notes (an ancestor nobody installed) never do.":
        ("按内置插件遵守的全部规则检查插件（默认全部）。逐条打印问题（插件、条目、原因）；有问题时退出码为 1。\n\n"
         "警告（模板占位符未替换、辖区指标未设范围、覆盖放宽了上级要求）只在 --strict 时算失败；提示（上级未安装）从不算失败。",),
    "Fail (exit 1) on warnings too: placeholders left in, region targets without a scope, looser overrides. Notes (ancestors "
    "not installed) never fail.": ("警告也算失败（退出码 1）：占位符未替换、辖区指标未设范围、覆盖放宽。提示（上级未安装）从不算失败。",),
    # export-rules, new-plugin
    "Write REGION's own rules (identity, requirements, overrides and exclusions) as a TOML rules file that "
    "xinli.core.rules.toml_plugin.TomlPlugin loads, so a policy officer can maintain them without Python.":
        ("把辖区 REGION 自己的规定（身份、要求、覆盖和排除）写成 TOML 规则文件，政策人员无需 Python 即可维护。",),
    "Write a plugin for jurisdiction CODE: rules.toml (the rules as data, with one example requirement to replace), a "
    "placeholder source.txt, a bilingual README, a two-line plugin.py, pyproject.toml with the `xinli` entry point, and tests "
    "using xinli.testing. It inherits every rule of its installed ancestors; ancestors nobody installed are declared and "
    "listed as not encoded. As generated it installs with `pip install ./xinli-CODE` and passes `xinli plugins check CODE`; "
    "`--strict` fails until every placeholder is replaced.":
        ("为辖区 CODE 生成插件：rules.toml（规定数据，含一条待替换的示例要求）、占位的 source.txt、双语 README、"
         "两行的 plugin.py、带 xinli 入口点的 pyproject.toml，以及用 xinli.testing 的测试。\n\n"
         "它继承已安装上级的全部规定；未安装的上级会声明并列为未编码。生成后即可 pip install ./xinli-CODE 安装，"
         "并通过 xinli plugins check CODE；在替换全部占位符之前 --strict 不通过。",),
    "Code of the jurisdiction above (installed, or described with --parent-name-zh/-en; 'national' needs no names). Optional "
    "for a province.": ("上级辖区代码（已安装的，或用 --parent-name-zh/-en 说明；national 无需名称）。省级可不填。",),
    "The parent's name in Chinese, when it is not installed.": ("上级未安装时，其中文名称。",),
    "The parent's name in English, when it is not installed.": ("上级未安装时，其英文名称。",),
    "The parent's level, when it is not installed.": ("上级未安装时，其行政级别。",),
    "A further ancestor above the parent, nearest first (repeatable); an installed one needs only its code.":
        ("上级之上的更高一级辖区，由近及远（可重复）；已安装的只需代码。",),
    "The jurisdiction's name in Chinese, e.g. 示例县.": ("辖区的中文名称，如 示例县。",),
    "The jurisdiction's name in English, e.g. 'Demo County'.": ("辖区的英文名称，如 'Demo County'。",),
    "Administrative level of the jurisdiction.": ("辖区的行政级别。",),
    "The document number (文号) as printed; a 待填写 placeholder when omitted.": ("文件的文号（照原样）；不填则写占位符 待填写。",),
    "Directory to create (default: ./xinli-CODE); it must not exist.": ("要创建的文件夹（默认 ./xinli-CODE），不得已存在。",),
    "Write only CODE/rules.toml and CODE/source.txt into the rules folder DIR, made if missing "
    "(no package; load it with XINLI_RULES_PATH=DIR or `xinli --rules DIR`).":
        ("只把 CODE/rules.toml 和 CODE/source.txt 写入规则文件夹 DIR（不存在则新建；不生成包；用 XINLI_RULES_PATH=DIR 或 "
         "xinli --rules DIR 加载）。",),
    # compare
    "Compare REGION_A with REGION_B per domain: requirements only in one, and paired requirements that differ in value, "
    "period, grades or level, with the stricter side where decidable and both sides' citations.":
        ("按领域比较 REGION_A 与 REGION_B：只在一方的要求，以及数值、周期、年级或等级不同的成对要求；能判断时标出更严的一方，"
         "并附双方依据。",),
    "A region to compare (give two: -r A -r B, or A B positionally).": ("要比较的辖区（给两个：-r A -r B，或直接写 A B）。",),
    # facts-template, assess
    "Print the school-facts template for REGION: school_id, school_name, grades, the school attributes its rules test, and "
    "one column per metric its checks use. Nothing is pre-filled: an empty cell is an unknown fact. xlsx (with --output "
    "FILE) adds drop-downs and validation that accept exactly what `assess` reads, and a help sheet; fill it in Excel or WPS "
    "and pass it to `assess`.":
        ("打印辖区 REGION 的学校事实模板：学校编号、学校名称、年级、规定用到的学校属性，以及核查用到的每个指标一列。"
         "不预填任何值：空格表示未知。\n\nxlsx（配 --output FILE）带下拉选项和数据验证，恰好接受 assess 读取的值，"
         "并附说明页；在 Excel 或 WPS 中填写后交给 assess。",),
    "Header row: Chinese column labels or the column keys; assess reads both (default: zh, or key with --lang en).":
        ("表头：中文列名（zh）或列键（key）；assess 两者都能读取（默认 zh，--lang en 时为 key）。",),
    "Assess the schools in FACTS against REGION's rules and record the findings in the SQLite file DB. Invalid input is "
    "reported with file, row and column, and nothing is written (exit 2). A progress bar shows on a terminal. The facts' 自查 "
    "columns (one per school duty without a machine check) are the school's self-inspection: each answer is that school's "
    "finding, marked self-reported; a blank one stays unanswered on its sheet.":
        ("按辖区 REGION 的规定评估 FACTS 中的学校，把结果记入 SQLite 文件 DB。\n\n输入有误时指明文件、行和列，"
         "不写入任何内容（退出码 2）。在终端中显示进度条。事实中的“自查”列（每项无机器核查的学校职责一列）是学校的自查："
         "每个回答即该校该项的结论，标为“自查”；空白的在其情况表上仍为未答。",),
    "Facts file: .csv, .toml, .json or .xlsx.": ("事实文件：.csv、.toml、.json 或 .xlsx。",),
    "Assess as of this date (default: today).": ("评估日期（默认今天）。",),
    "Exemptions file: .csv or .toml.": ("豁免文件：.csv 或 .toml。",),
    "Print phase timings as JSON on stderr (for benchmarks).": ("在标准错误输出各阶段耗时（JSON，供性能测试用）。",),
    # attest
    "Record that schools were checked by hand against items without a machine check: one (--school, --requirement, --by, "
    "--result) or every row of a file (--from FILE). Every row is checked before anything is written: the school must be in "
    "an assessment run of REGION in DB, the item a school's own duty without a machine check, the result met / not_met "
    "(符合 / 不符合), who checked an office or role and no cell personal data. A bad row names file, row and column and "
    "nothing is recorded (exit 2). The next `assess` on or after the check's day shows the school's finding from the "
    "attestation, with provenance \"verified\".":
        ("记录学校已就无机器核查的条目经人工核查：一条（--school、--requirement、--by、--result），"
         "或文件中的每一行（--from FILE）。\n\n写入前逐行检查：学校须在 DB 中 REGION 的某次评估里，条目须是学校自身"
         "且无机器核查的职责，结论为 符合/不符合（met/not_met），核查人为科室或职务，任何单元格都不得含个人信息。"
         "有一行不合格即指明文件、行和列，不记录任何内容（退出码 2）。核查日当天或之后的下一次 assess 改用核查结论"
         "显示该校结果，来源标为“核查”。",),
    "Records database (created if absent).": ("记录数据库（不存在时创建）。",),
    "The school's identifier (school_id in the facts).": ("学校编号（事实文件中的学校编号）。",),
    "Id of a manual item of the region's checklist.": ("辖区清单中一条人工核查条目的编号。",),
    "Who checked: an office or role, e.g. 县教育局督导室.": ("核查人：科室或职务，如 县教育局督导室。",),
    "Day of the check (YYYY-MM-DD; default today).": ("核查日期（YYYY-MM-DD，默认今天）。",),
    "What the check found.": ("核查结论。",),
    "A short note on the evidence seen (no personal data).": ("所见证据的简短说明（不含个人信息）。",),
    # runs, report
    "List the assessment runs recorded in DB, newest first.": ("列出 DB 中记录的评估，最新的在前。",),
    "Report a run: per school, counts by status and the required items not met; per requirement, the share of schools "
    "meeting it; region findings; and what changed since the region's previous run. html prints on A4 with inline-SVG "
    "charts; xlsx (with --output FILE) is a workbook. On a roll-up (`xinli rollup`): the region's own targets, the "
    "sub-regions worst first and each source's provenance. --school ID prints one school's sheet (md, html, xlsx, json); "
    "--by-school DIR writes one per school for a bureau to send out.":
        ("报告一次评估：各校按状态的计数和未达到的必须项；各要求的学校达标比例；辖区层面结果；以及与上次评估相比的变化。"
         "html 按 A4 打印并带图表；xlsx（配 --output FILE）是工作簿。汇总库（xinli rollup）则报告本辖区指标、"
         "各下级辖区（最差的在前）和各来源。\n\n--school ID 打印一所学校的情况表（md、html、xlsx、json）；"
         "--by-school DIR 为每所学校写一份，供教育局下发。",),
    "Run id (default: the newest).": ("评估编号（默认最新一次）。",),
    "Run to compare with (default: the same region's previous run).": ("对比的评估（默认同一辖区的上一次）。",),
    "One school's sheet: its unmet items with clause and quote, unknowns to fill, manual items to attest.":
        ("一所学校的情况表：未达到的条目及条款和原文、待填的未知项、待核查的人工条目。",),
    "Write one school sheet per school of the run into DIR (created if missing).":
        ("为本次评估的每所学校写一份情况表到 DIR（不存在时创建）。",),
    "Report a roll-up (the newest, or --run ID); chosen by itself when DB holds roll-ups and no runs.":
        ("报告汇总（最新一次，或 --run ID）；DB 只有汇总没有评估时自动选用。",),
    # rollup
    "Roll the newest run of each SOURCE database (county records, or the runs a city's roll-up counted) up into REGION's "
    "view, recorded in DB: one row per source run with its provenance, each source's counts, and REGION's own region-level "
    "targets judged over all the rolled-up schools. A source that is not an xinli database, is corrupted, or belongs to a "
    "region neither REGION nor under it is refused (exit 2) and nothing is written. Mismatches (different as-of dates or "
    "rules versions, one region twice) are warnings. Report it with `xinli report --db DB`.":
        ("把每个来源数据库 SOURCE（县区记录，或市级汇总所计入的评估）的最新一次评估汇总到辖区 REGION，记入 DB："
         "每个来源一行并注明出处、各来源的计数，以及按全部学校判定的本辖区指标。\n\n"
         "不是 xinli 数据库、已损坏或不属于 REGION 及其下级的来源会被拒绝（退出码 2），不写入任何内容。"
         "评估日期或规则版本不同、同一辖区出现两次，给出警告。用 xinli report --db DB 查看报告。",),
    "The city or province to roll up into (a jurisdiction code).": ("汇总到的市或省（辖区代码）。",),
    "Target SQLite records file (created if missing).": ("汇总目标 SQLite 记录文件（不存在时创建）。",),
    "Take every *.db / *.sqlite file in this directory as a source.": ("把该文件夹中每个 *.db / *.sqlite 文件作为来源。",),
    "Take run ID of SOURCE (roll-up ID of a city's roll-up file) instead of its newest (repeatable).":
        ("取 SOURCE 的评估 ID（市级汇总文件则为汇总 ID）而不是最新一次（可重复）。",),
    "When one region comes from several sources, use SOURCE (default: the latest as-of date).":
        ("同一辖区来自多个来源时采用 SOURCE（默认评估日期最新的）。",),
    "Judge the region's own targets as of this date (default: the latest source's).": ("按该日期判定本辖区指标（默认最新来源的日期）。",),
    # serve, metrics
    "Browse the assessment records in DB with Datasette: tables and columns described, canned queries such as \"schools not "
    "meeting required items\" and \"requirements most often not met\". With --catalog (and with or without --db), also a "
    "policy catalogue written by `xinli catalog`, with Chinese labels, facets and canned queries (docs/catalog.md). Needs "
    "`pip install 'xinli[web]'`. The databases are opened read-only, and served on the loopback interface (127.0.0.1) "
    "unless --host says otherwise. Anyone who can reach the page may run any read-only SQL query on them (10 s limit); "
    "--no-sql turns that off. CSV exports neutralise spreadsheet formulas.":
        ("用 Datasette 浏览 DB 中的评估记录：表和列有说明，并有预设查询，如“未达到必须项的学校”“最常未达到的要求”。"
         "给出 --catalog（可带或不带 --db）时，同时浏览 xinli catalog 写入的政策目录，带中文名称、分面和预设查询"
         "（见 docs/catalog.md）。\n\n需要 pip install 'xinli[web]'。数据库以只读方式打开，除非 --host 另行指定，"
         "只在本机回环接口（127.0.0.1）上提供服务。能访问页面的人都可以对其运行任意只读 SQL 查询（限时 10 秒）；"
         "--no-sql 关闭此功能。导出的 CSV 会使电子表格公式失效。",),
    "Interface to listen on (loopback by default).": ("监听的网络接口（默认仅本机）。",),
    "Port to listen on.": ("监听的端口。",),
    "Print the Datasette metadata (descriptions and canned queries) as JSON and exit.":
        ("以 JSON 打印 Datasette 元数据（说明和预设查询）后退出。",),
    "List the metrics a check can compare: key, type, unit and zh/en labels, built-in ones and those plugins or rules files "
    "declare.": ("列出核查可比较的指标：键、类型、单位和中英文名称，包括内置的和插件或规则文件声明的。",),
    "Only the metrics this region's checks use.": ("只列该辖区核查用到的指标。",),
    "Show the version and exit.": ("显示版本后退出。",),
    "Show this message and exit.": ("显示本帮助后退出。",),
    "json: the run's id, whether it is new, its counts and warnings, on standard output.":
        ("json：在标准输出给出评估编号、是否新建、各状态计数和警告。",),
    # --- integration of issues 20, 22, 24, 25: their new commands and options ---
    "Only the regions below CODE (a province or city, installed or only declared).":
        ("只列 CODE（省或市，已安装或仅被声明）之下的辖区。",),
    "Count, per jurisdiction and domain, the items its own documents give (inherited items not counted): \"not specified\" "
    "where a document is silent, \"not yet encoded\" where the plugin says it has not encoded a domain yet. `xinli coverage "
    "--lang en` for the bundled plugins is docs/coverage.md.":
        ("按辖区和领域统计其自身文件给出的条目数（不计继承的条目）：文件未涉及的领域记为“未作规定”，"
         "插件声明尚未编码的领域记为“尚未编码”。\n\n内置插件的 xinli coverage --lang en 即 docs/coverage.md。",),
    "Only this region (repeatable); default: every installed or rules-folder plugin.":
        ("只统计该辖区（可重复）；默认为每个已安装的插件和规则文件夹中的插件。",),
    "Write the region's own self-inspection template instead (the authorities' duties without a machine check, answered "
    "是/否/不适用 with evidence), read by `assess --region-facts`.":
        ("改为写出辖区自身的自查模板（无机器核查的教育行政部门等的职责，填 是/否/不适用 并写明佐证），"
         "由 assess --region-facts 读取。",),
    "The region's own self-inspection (.csv, .xlsx, .toml or .json; template: `facts-template --region-facts`): answers for "
    "the authorities' duties, stored as region findings.":
        ("辖区自身的自查（.csv、.xlsx、.toml 或 .json；模板见 facts-template --region-facts）：对教育行政部门等职责的回答，"
         "记为辖区层面结论。",),
    "The period the facts cover: a school year (2026-2027), a semester (2026-2027-1, 2026-2027-2) or a calendar year (2026); "
    "default: the one containing --as-of. A per-period count below target is in progress while its period runs.":
        ("事实所覆盖的时段：学年（2026-2027）、学期（2026-2027-1、2026-2027-2）或自然年（2026）；默认为包含 --as-of 的时段。"
         "按时段计数的指标在时段结束前未达标记为进行中。",),
    "Records database holding the region's assessment runs.": ("存有该辖区评估的记录数据库。",),
    "Record every row of FILE (.csv or .xlsx, columns school_id, requirement_id, result, by, on, evidence, or their Chinese "
    "headers; the list `xinli sample` writes) in one transaction.":
        ("在一次事务中记录文件 FILE 的每一行（.csv 或 .xlsx，列为 学校代码、要求编号、核查结论、核查人、核查日期、佐证，"
         "或其英文键；即 xinli sample 写出的清单）。",),
    "json prints what was recorded as a JSON object.": ("json：以 JSON 对象打印所记录的内容。",),
    "Draw a spot-check list (抽查) from a run: with --rate R a share R of the schools, each with every self-inspection item it "
    "answers for; with --per-item N, N schools for each item. The draw depends only on the seed and the ids (the same seed "
    "gives the same schools) and is recorded in DB with its seed and rule, which the list repeats on every row. An inspector "
    "fills result, by, on and evidence, and `xinli attest --from` records the filled list.":
        ("从一次评估中抽取抽查清单：--rate R 按比例 R 抽取学校，每校列出其须回答的全部自查条目；--per-item N "
         "为每个条目抽取 N 所学校。\n\n抽取结果只取决于随机种子和编号（同一种子抽到同样的学校），并连同种子和规则记入 DB，"
         "清单每行都注明。核查人填写核查结论、核查人、核查日期和佐证后，用 xinli attest --from 录入。",),
    "Draw from the newest run of this region (default: the newest run).": ("从该辖区最新一次评估中抽取（默认最新一次评估）。",),
    "Draw from this run.": ("从该次评估中抽取。",),
    "Share of the run's schools to check, e.g. 0.1 (every item of each).": ("抽查学校的比例，如 0.1（每校全部条目）。",),
    "Schools to check for each item.": ("每个条目抽查的学校数。",),
    "Random seed: the same seed draws the same schools.": ("随机种子：同一种子抽到同样的学校。",),
    "A policy catalogue written by `xinli catalog` (with or without --db).": ("xinli catalog 写入的政策目录（可带或不带 --db）。",),
    "Turn off Datasette's SQL editor: only the tables and the canned queries are offered.":
        ("关闭 Datasette 的 SQL 编辑器：只提供数据表和预设查询。",),
    "List the vocabularies a rules file uses (keys with zh/en labels).": ("列出规则文件使用的词表（键及其中英文名称）。",),
    "Every duty-holder key (who a rule binds: duty_holder, duty_holders, subject, step roles) and the roles of duty_holders "
    "entries.": ("列出每个责任主体键（规定约束的对象：duty_holder、duty_holders、'subject' 和步骤角色）及 duty_holders "
                 "条目的角色。",),
    "Write every installed region's effective rules into the SQLite database DB: jurisdictions, documents, requirements (per "
    "region, with their source, what they replace and whether they are looser than the parent's), procedures, partners, "
    "metrics and coverage, with a full-text index. Browse it with `xinli serve --catalog DB`. An existing DB is replaced only "
    "if it is a catalogue, and only when the installed plugins or options changed.":
        ("把每个已安装辖区的现行规定写入 SQLite 数据库 DB：辖区、文件、要求（按辖区，注明来源、所取代的条款以及是否比上级宽松）、"
         "流程、转介机构、指标和编码覆盖情况，并建全文索引。\n\n用 xinli serve --catalog DB 浏览。已有的 DB 只有是政策目录"
         "时才会被替换，且只在已安装插件或选项改变时替换。",),
    "The catalogue database to write.": ("要写入的政策目录数据库。",),
    "Only this region and the regions under it (default: every installed region).":
        ("只收录该辖区及其下级辖区（默认每个已安装的辖区）。",),
    "Documents in force on this date (default: today).": ("按该日期有效的文件（默认今天）。",),
    "Rebuild even when the installed plugins and options are unchanged.": ("即使已安装插件和选项未变也重建。",),
}


# --- issue 23: xinli's own error lines ---
MESSAGES.update({
    "error_line": ("错误：{message}", "Error: {message}"),
    "share_sorted": ("按达标比例从低到高排列，共 {n} 项。", "Lowest share first; all {n} shown."),
    "schools_sorted": ("按不符合项从多到少排列，显示 {shown} 所（共 {total} 所）；下表列出全部学校。",
                       "Most items not met first; {shown} of {total} schools shown; the table lists all."),
    "unanswered": ("未答", "unanswered"),
    "in_progress": ("进行中", "in progress"),
    "requirements_note": ("每行：要求原文、等级，以及符合、不符合、未答（事实未填）、进行中（期限未到）的学校数"
                          "和达标比例；其余状态的计数见附录。",
                          "Each row: the requirement, its level, and the schools that meet it, do not, left it unanswered "
                          "(fact not filled in) or are in progress (not yet due), with the share met; other counts are in "
                          "the appendix."),
    "appendix": ("附录：各项要求的全部结论计数", "Appendix: every count per requirement"),
    "appendix_note": ("按状态列出每项要求的学校数，以及核查标准和依据条款。", "The schools per status for each requirement, with "
                      "the check and the clause it cites."),
    "china_time": ("北京时间 (UTC+8)", "China Standard Time (UTC+8)"),
    "serve_port_busy": ("端口 {port} 已被占用（{host}）；请用 --port 换一个端口，或先关闭占用它的程序",
                        "port {port} is already in use on {host}; choose another with --port or stop the program using it"),
    "serve_bind_failed": ("无法在 {host}:{port} 上监听：{reason}", "cannot listen on {host}:{port}: {reason}"),
})

#: xinli's expected errors (the exit-2 one-liners) and the operating
#: system's reasons they quote: the English each is raised with (a pattern
#: whose ``{name}`` parts stand for any text) and its Chinese.
#: :func:`localise_error` turns a raised line into the reader's language.
ERRORS: dict[str, tuple[str, str]] = {
    "No such file or directory": ("没有该文件或文件夹", "No such file or directory"),
    "Permission denied": ("没有权限", "Permission denied"),
    "Is a directory": ("这是一个文件夹", "Is a directory"),
    "Not a directory": ("不是文件夹", "Not a directory"),
    "File exists": ("文件已存在", "File exists"),
    "Read-only file system": ("文件系统只读", "Read-only file system"),
    "No space left on device": ("磁盘空间不足", "No space left on device"),
    "Address already in use": ("端口已被占用", "Address already in use"),
    # regions, requirements, options
    "unknown region {code}; did you mean {near}?; valid codes: {codes}": ("没有辖区 {code}；是否想用 {near}？可用的代码：{codes}", ""),
    "unknown region {code}; valid codes: {codes}": ("没有辖区 {code}；可用的代码：{codes}", ""),
    "no requirement {id} in region {code}; did you mean {near}?": ("辖区 {code} 没有要求 {id}；是否想用 {near}？", ""),
    "no requirement {id} in region {code}": ("辖区 {code} 没有要求 {id}", ""),
    "{value} is not a date in the form YYYY-MM-DD": ("{value} 不是 YYYY-MM-DD 格式的日期", ""),
    "grades {text}: write them like 1-6 or 7,8,9": ("年级 {text}：请写成 1-6 或 7,8,9 的形式", ""),
    "--output {path} does not end in {suffix} (the extension of --format {fmt}); use a matching extension or leave out --format":
        ("--output {path} 的扩展名不是 {suffix}（--format {fmt} 的扩展名）；请用相符的扩展名，或不写 --format", ""),
    "a school year is written like 2026-2027 (two consecutive years), not {text}":
        ("学年应写成 2026-2027（相连的两年），而不是 {text}", ""),
    "{region} has no procedure {key}; its procedures: {keys}": ("{region} 没有流程 {key}；它的流程：{keys}", ""),
    "compare takes two regions (A B, or -r A -r B); got {n}": ("compare 需要两个辖区（A B，或 -r A -r B）；收到 {n} 个", ""),
    "--plugins/$XINLI_PLUGINS names {code}, which is not installed; installed: {codes}":
        ("--plugins/$XINLI_PLUGINS 中的 {code} 没有安装；已安装：{codes}", ""),
    "--plugins/$XINLI_PLUGINS names {code}, which is not installed; did you mean {near}?":
        ("--plugins/$XINLI_PLUGINS 中的 {code} 没有安装；是否想用 {near}？", ""),
    "{id}: not an item of the {region} checklist on {day}": ("{id}：不是 {region} 清单在 {day} 的条目", ""),
    "{name} {filename} does not exist.": ("{name} {filename} 不存在。", ""),
    "Directory": ("文件夹", ""),
    "File": ("文件", ""),
    "Path": ("路径", ""),
    # files and databases
    "{path}: cannot read facts file: {reason}": ("{path}：无法读取事实文件：{reason}", ""),
    "{path}: unsupported facts format {suffix}; use .csv, .toml, .json or .xlsx":
        ("{path}：不支持的事实文件格式 {suffix}；请用 .csv、.toml、.json 或 .xlsx", ""),
    "{path}: reading .xlsx facts needs openpyxl: pip install 'xinli[xlsx]'":
        ("{path}：读取 .xlsx 事实文件需要 openpyxl：pip install 'xinli[xlsx]'", ""),
    "{path}: not an xinli records database (it lacks xinli's application id); xinli leaves it untouched — give --db a new file name":
        ("{path}：不是 xinli 记录数据库（没有 xinli 的应用标识）；xinli 不会改动它——请给 --db 一个新文件名", ""),
    "{path}: not an xinli database (not an SQLite file)": ("{path}：不是 xinli 数据库（不是 SQLite 文件）", ""),
    "{path}: not an xinli database (no xinli records tables)": ("{path}：不是 xinli 数据库（没有 xinli 记录表）", ""),
    "{path}: not a usable xinli database (corrupted?): {reason}": ("{path}：xinli 数据库无法使用（可能已损坏）：{reason}", ""),
    "{path}: not a usable xinli database: {reason}": ("{path}：xinli 数据库无法使用：{reason}", ""),
    "{path}: no such database": ("{path}：没有这个数据库", ""),
    "{path}: cannot read database: {reason}": ("{path}：无法读取数据库：{reason}", ""),
    "{path}: cannot create database: {reason}": ("{path}：无法创建数据库：{reason}", ""),
    "{path}: cannot create a scratch directory: {reason} (set TMPDIR to a writable directory)":
        ("{path}：无法创建临时工作目录：{reason}（请把 TMPDIR 设为可写的目录）", ""),
    "{path}: cannot write a scratch file: {reason}": ("{path}：无法写入临时工作文件：{reason}", ""),
    "{path}: is a directory, not a database": ("{path}：这是一个文件夹，不是数据库", ""),
    "{path}: cannot read the database: {reason}": ("{path}：无法读取数据库：{reason}", ""),
    "{path}: cannot write: {reason}": ("{path}：无法写入：{reason}", ""),
    "{path}: cannot read: {reason}": ("{path}：无法读取：{reason}", ""),
    "{path}: is a directory; --output needs a file name": ("{path}：这是一个文件夹；--output 需要文件名", ""),
    "{path}: is an input of this command ({source}); refusing to overwrite it": ("{path}：是本命令的输入（{source}），不予覆盖", ""),
    "{path}: exists and may hold filled-in facts{hint}": ("{path}：文件已存在，可能是已填写的事实文件{hint}", ""),
    "no run {run}; runs in this database: {runs}": ("没有第 {run} 次评估；本数据库中的评估：{runs}", ""),
    "{path}: no run {run}; runs in this database: {runs}": ("{path}：没有第 {run} 次评估；本数据库中的评估：{runs}", ""),
    "no school {school} in run {run}; did you mean {near}?": ("第 {run} 次评估中没有学校 {school}；是否想用 {near}？", ""),
    "no school {school} in run {run}; ids look like: {ids}": ("第 {run} 次评估中没有学校 {school}；编号形如：{ids}", ""),
    "no source databases given; name them or use --from DIR": ("没有给出来源数据库；请列出它们或用 --from DIR", ""),
    "the sources hold no run to roll up": ("来源中没有可汇总的评估", ""),
    "serve needs Datasette: pip install 'xinli[web]'": ("serve 需要 Datasette：pip install 'xinli[web]'", ""),
    "the ics format needs the icalendar library: pip install 'xinli[calendar]'":
        ("ics 格式需要 icalendar 库：pip install 'xinli[calendar]'", ""),
    "the previous calendar is not iCalendar: {reason}": ("上次的日历不是 iCalendar 格式：{reason}", ""),
    # facts and waivers files: the list of problems, then each problem
    "{n} problem(s) in the input; nothing was written": ("输入中有 {n} 处问题；未写入任何内容", ""),
    "… stopped after {n} problems": ("……发现 {n} 处问题后停止检查", ""),
    "{file}, row {row}, column {column}: {value}: {reason}": ("{file}，第 {row} 行，{column} 列：{value}：{reason}", ""),
    "{file}, row {row}, column {column}: {reason}": ("{file}，第 {row} 行，{column} 列：{reason}", ""),
    "{file}, row {row}: {reason}": ("{file}，第 {row} 行：{reason}", ""),
    "{file}, column {column}: {reason}": ("{file}，{column} 列：{reason}", ""),
    "required column is missing": ("缺少必需的列", ""),
    "required field is missing": ("缺少必需的字段", ""),
    "required field is empty": ("必填字段为空", ""),
    "school_id is empty": ("学校编号为空", ""),
    "duplicate school_id": ("学校编号重复", ""),
    "column {key} appears twice": ("列 {key} 出现了两次", ""),
    "unknown grades: {reason}": ("年级无法识别：{reason}", ""),
    "grades are written like 1-6, 7-9, 10-12, 1-9 or 7-12": ("年级应写成 1-6、7-9、10-12、1-9 或 7-12 的形式", ""),
    "grades must lie within 1-12, low before high": ("年级须在 1-12 之间，小的在前", ""),
    "grades are empty": ("年级为空", ""),
    "expected true/false, 1/0, 是/否 or 有/无": ("应填 是 或 否", ""),
    "out of range (at most {n})": ("超出范围（最多 {n}）", ""),
    "expected a whole number": ("应为整数", ""),
    "a count cannot be negative": ("计数不能为负数", ""),
    "expected a number": ("应为数字", ""),
    "expected a finite number (not inf or nan)": ("应为有限的数字", ""),
    "expected a number that is not negative": ("应为非负数", ""),
    "expected a date like 2024-09-01, not a date and time": ("应为 2024-09-01 这样的日期，不带时间", ""),
    "expected a date like 2024-09-01": ("应为 2024-09-01 这样的日期", ""),
    "a share lies between 0 and 1": ("比例应在 0 到 1 之间", ""),
    "the file is empty": ("文件为空", ""),
    "the file holds no schools": ("文件中没有学校", ""),
    "looks like student-level data; xinli keeps school-level facts only": ("看起来是学生个人数据；xinli 只保存学校层面的事实", ""),
    "unknown column for this region (see `xinli facts-template`)": ("本辖区没有这一列（见 xinli facts-template）", ""),
    "unknown column for this region (see `xinli facts-template`); did you mean {near}?":
        ("本辖区没有这一列（见 xinli facts-template）；是否想用 {near}？", ""),
    "cells beyond the header's {n} columns": ("单元格超出了表头的 {n} 列", ""),
    "unknown school (not in the facts file)": ("没有这所学校（不在事实文件中）", ""),
    "unknown requirement for this region": ("本辖区没有这条要求", ""),
    "expiry is before start": ("到期日早于开始日", ""),
    "sheet {name} is empty": ("工作表 {name} 为空", ""),
    "cannot open as an xlsx workbook: {reason}": ("无法作为 xlsx 工作簿打开：{reason}", ""),
    "cannot read this CSV row: {reason}": ("无法读取这一 CSV 行：{reason}", ""),
    "no requirement {id} in region {code}; {hint}": ("辖区 {code} 没有要求 {id}；{hint}", ""),
    "did you mean {near}?": ("是否想用 {near}？", ""),
    "one of: {names}": ("可选：{names}", ""),
    "{head}; choose another file name, or add --force to replace it": ("{head}；请换一个文件名，或加 --force 替换它", ""),
    "the spreadsheet turned the grades into a date; format the grades column as text and type them like 1-6":
        ("电子表格把年级变成了日期；请把年级列设为文本格式，并按 1-6 的形式填写", ""),
    # records, reports, roll-ups
    "{path}: this database needs an upgrade ({what}); the next `xinli assess` on it applies it":
        ("{path}：这个数据库需要升级（{what}）；下一次对它运行 xinli assess 时会升级", ""),
    "{path}: made by an earlier xinli version; the next `xinli assess` on it upgrades it":
        ("{path}：由较早版本的 xinli 写入；下一次对它运行 xinli assess 时会升级", ""),
    "the database holds no runs yet; run `xinli assess` first": ("数据库中还没有评估；请先运行 xinli assess", ""),
    "the database holds no roll-ups yet; run `xinli rollup` first": ("数据库中还没有汇总；请先运行 xinli rollup", ""),
    "{name}: the database holds no assessment runs": ("{name}：数据库中没有评估", ""),
    "no roll-up {id}; roll-ups in this database: {ids}": ("没有第 {id} 次汇总；本数据库中的汇总：{ids}", ""),
    "{name}: no roll-up {id}; roll-ups in this database: {ids}": ("{name}：没有第 {id} 次汇总；本数据库中的汇总：{ids}", ""),
    "runs {a} and {b} are of different regions; compare runs of one region":
        ("第 {a} 次和第 {b} 次评估属于不同辖区；请比较同一辖区的评估", ""),
    "{what} is of region {code}, which is not installed; install its plugin so its place under {region} can be checked":
        ("{what} 属于辖区 {code}，该插件未安装；请安装它，以便核对它是否在 {region} 之下", ""),
    "{what} is of region {code}, which is not {region} and does not lie under it (its ancestors: {codes})":
        ("{what} 属于辖区 {code}，既不是 {region} 也不在其下（其上级：{codes}）", ""),
    "{folder}: no such directory": ("{folder}：没有这个文件夹", ""),
    "--prefer names {n} sources of region {region}; prefer one": ("--prefer 指定了辖区 {region} 的 {n} 个来源；请只指定一个", ""),
    "{path}: not an xinli database (not an SQLite file); choose another --db":
        ("{path}：不是 xinli 数据库（不是 SQLite 文件）；请换一个 --db", ""),
    "--run-of names {name}, which is not among the sources": ("--run-of 中的 {name} 不在来源之中", ""),
    "--prefer names {name}, which is not among the sources": ("--prefer 中的 {name} 不在来源之中", ""),
    "{path}: the target database cannot be one of its own sources": ("{path}：汇总目标不能同时是自己的来源", ""),
    "{path}: named twice as a source": ("{path}：作为来源出现了两次", ""),
    "--run-of takes SOURCE=ID (a source file and a run id), not {value}":
        ("--run-of 应写成 SOURCE=ID（来源文件和评估编号），而不是 {value}", ""),
    "no rules of {region} were in force on {day}; give --as-of a date on or after its documents took effect (see `xinli show`)":
        ("{day} 时 {region} 没有生效的规定；请给 --as-of 一个其文件生效当日或之后的日期（见 xinli show）", ""),
    # attest
    "result must be one of {results}, not {value}": ("结论须为 {results} 之一，而不是 {value}", ""),
    "{what} is empty": ("{what} 为空", ""),
    "{what} looks like personal data (a phone or ID-card number); record an office or role instead":
        ("{what} 看起来是个人信息（电话或身份证号）；请改记科室或职务", ""),
    "{id}: has a machine check; its finding comes from the school's facts": ("{id}：有机器核查，其结论来自学校的事实", ""),
    "{id}: is not a school's duty ({holder}); it is a region finding": ("{id}：不是学校的职责（{holder}），属于辖区层面结论", ""),
    # filters, schedule
    "grades {text}: grades run from 1 to 12, low to high": ("年级 {text}：年级为 1 到 12，小的在前", ""),
    "grades {text}: no grade given": ("年级 {text}：没有给出年级", ""),
    "unknown duty holder {key}; did you mean {near}?": ("没有责任主体 {key}；是否想用 {near}？", ""),
    "unknown duty holder {key}; one of: {keys}": ("没有责任主体 {key}；可选：{keys}", ""),
    "grades {low}–{high} are not taught at stage {stage}": ("学段 {stage} 不含 {low}–{high} 年级", ""),
    "--autumn-start {day} is not in August or September {year}": ("--autumn-start {day} 不在 {year} 年 8 月或 9 月", ""),
    "--spring-start {day} is not between January and March {year}": ("--spring-start {day} 不在 {year} 年 1 月至 3 月之间", ""),
    # output and formats
    "cannot tell the format from {output}; give --format ({formats})": ("无法从 {output} 判断格式；请给出 --format（{formats}）", ""),
    "this command cannot write {fmt} ({output}); formats: {formats}": ("本命令不能写 {fmt}（{output}）；可用格式：{formats}", ""),
    "{output}: is an SQLite database, not a previous output{hint}": ("{output}：这是 SQLite 数据库，不是以前的输出{hint}", ""),
    "{output}: exists and does not end in {endings}, so it is not a previous {fmt} output{hint}":
        ("{output}：文件已存在且扩展名不是 {endings}，不是以前的 {fmt} 输出{hint}", ""),
    "{fmt} output is binary; write it to a file with --output FILE.{ext}":
        ("{fmt} 输出是二进制文件；请用 --output FILE.{ext} 写入文件", ""),
    "give --school ID or --by-school DIR, not both": ("--school ID 和 --by-school DIR 只能给一个", ""),
    "--by-school writes into DIR; leave out --output": ("--by-school 写入 DIR；请不要同时给 --output", ""),
    "the xlsx format needs the openpyxl library: pip install 'xinli[xlsx]'": ("xlsx 格式需要 openpyxl 库：pip install 'xinli[xlsx]'", ""),
    "HTML pages need the jinja2 library: pip install jinja2": ("HTML 页面需要 jinja2 库：pip install jinja2", ""),
    # show, plugins, new-plugin
    "two regions given: {a} and --region {b}": ("给了两个辖区：{a} 和 --region {b}", ""),
    "give a region: xinli show -r CODE (see `xinli regions`)": ("请给出辖区：xinli show -r CODE（见 xinli regions）", ""),
    "unknown plugin {code}; installed: {codes}": ("没有插件 {code}；已安装：{codes}", ""),
    "rules folder {folder} does not exist": ("规则文件夹 {folder} 不存在", ""),
    "{target} already exists; choose another --directory or remove it": ("{target} 已存在；请换一个 --directory 或先删除它", ""),
    "jurisdiction {code} is already installed; choose another code": ("辖区 {code} 已安装；请换一个代码", ""),
    "a {level} needs --parent (only a province may have none)": ("{level} 级辖区需要 --parent（只有省级可以没有）", ""),
    "--ancestor continues the line above --parent; give --parent first": ("--ancestor 接在 --parent 之上；请先给出 --parent", ""),
    "parent {code} is installed but cannot be loaded: {reason}": ("上级 {code} 已安装但无法加载：{reason}", ""),
    "parent {code} is not installed; describe it with --parent-name-zh and --parent-name-en (installed: {codes})":
        ("上级 {code} 未安装；请用 --parent-name-zh 和 --parent-name-en 说明它（已安装：{codes}）", ""),
    "ancestor {code} is not installed: write it as {form}": ("上级 {code} 未安装：请写成 {form}", ""),
    # facts and waivers files
    "{n} cells, {which} than the header's {m} columns (a missing or extra comma?)":
        ("{n} 个单元格，与表头的 {m} 列不符（少了或多了逗号？）", ""),
    "no sheet named {names}; sheets: {sheets}": ("没有名为 {names} 的工作表；现有工作表：{sheets}", ""),
    "cannot read sheet {name}: {reason}": ("无法读取工作表 {name}：{reason}", ""),
    "a formula without a saved result; open the file in Excel or WPS and save it there (or type the value)":
        ("公式没有保存的结果；请在 Excel 或 WPS 中打开并保存（或直接填写数值）", ""),
    "the file is larger than {n} MiB": ("文件大于 {n} MiB", ""),
    "unknown table or key; facts are a list of schools under 'schools'": ("未知的表或键；事实应为 schools 之下的学校列表", ""),
    "expected a list of schools under 'schools'": ("schools 之下应为学校列表", ""),
    "unknown column; waivers have {fields}": ("未知的列；豁免文件的列为 {fields}", ""),
    "unknown field; waivers have {fields}": ("未知的字段；豁免文件的字段为 {fields}", ""),
    "unknown table or key; waivers are [[waivers]] tables": ("未知的表或键；豁免应写成 [[waivers]] 表", ""),
    "expected a date like 2026-09-01, not a date and time": ("应为 2026-09-01 这样的日期，不带时间", ""),
    "expected a date like 2026-09-01": ("应为 2026-09-01 这样的日期", ""),
    "{path}: cannot read waivers file: {reason}": ("{path}：无法读取豁免文件：{reason}", ""),
    "{path}: unsupported waivers format; use .csv or .toml": ("{path}：不支持的豁免文件格式；请用 .csv 或 .toml", ""),
    "{name} is not a number xinli accepts (finite numbers only)": ("{name} 不是 xinli 接受的数（只接受有限的数）", ""),
    "{reason}; save it as UTF-8 (CSV UTF-8 in Excel/WPS)": ("{reason}；请另存为 UTF-8（Excel/WPS 中的“CSV UTF-8”）", ""),
    # rules files and plugins (what a plugin author meets)
    "{path}: not a valid rules file: {reason}": ("{path}：不是有效的规则文件：{reason}", ""),
    "rules file {path}": ("规则文件 {path}", ""),
    "import failed: {reason}": ("导入失败：{reason}", ""),
    "plugin {name} ({dist}) was not loaded: {reason}": ("插件 {name}（{dist}）未加载：{reason}", ""),
    "plugin {name} was not loaded: {reason}": ("插件 {name} 未加载：{reason}", ""),
    "jurisdiction {code} is already provided by {dist}": ("辖区 {code} 已由 {dist} 提供", ""),
    "not loaded (from {where}): {reason}": ("未加载（来自 {where}）：{reason}", ""),
    # the rules' own checks (core/model.py), met in plugins check and rules files
    "{what} must be one of {choices}, not {value}": ("{what} 须为 {choices} 之一，而不是 {value}", ""),
    "{name} must be a non-empty string": ("{name} 须为非空文本", ""),
    "a share is written like '1/2', not {value}": ("比例应写成 '1/2' 的形式，而不是 {value}", ""),
    "a share cannot exceed 1: {value}": ("比例不能大于 1：{value}", ""),
    "deadline {value}: month {month} is outside 1-12": ("期限 {value}：月份 {month} 不在 1-12 之间", ""),
    "deadline {value} is not a date: write 2025-12-31, 2025, 2025年底 or 2025年6月底":
        ("期限 {value} 不是日期：请写 2025-12-31、2025、2025年底 或 2025年6月底", ""),
    "document {number} is repealed on or before it comes into force": ("文件 {number} 的废止日期不晚于生效日期", ""),
    "ancestor {code}: level must be one of {levels}, not {level}": ("上级 {code}：级别须为 {levels} 之一，而不是 {level}", ""),
    "jurisdiction {code} lists no source document": ("辖区 {code} 没有列出依据文件", ""),
    "jurisdiction {code}: parent {parent} is not the first ancestor {first}": ("辖区 {code}：上级 {parent} 不是第一个上级 {first}", ""),
    "jurisdiction {code}: ancestors repeat a code: {codes}": ("辖区 {code}：上级中有重复的代码：{codes}", ""),
    "parent of {code} is not a jurisdiction code: {parent}": ("{code} 的上级不是辖区代码：{parent}", ""),
    "jurisdiction {code} names itself as its parent": ("辖区 {code} 把自己写成了上级", ""),
    "jurisdiction {code}: encoded domain {domain} is not one of {domains}": ("辖区 {code}：已编码领域 {domain} 不在 {domains} 之中", ""),
    "{name} is a yes/no attribute: use '==' with True or False": ("{name} 是“是/否”属性：请用 '==' 配 True 或 False", ""),
    "{name} takes a whole number, not {value}": ("{name} 取整数，而不是 {value}", ""),
    "{name} takes '==' or '!=' with one of {kinds}, not {value}": ("{name} 用 '==' 或 '!=' 配 {kinds} 之一，而不是 {value}", ""),
    "{name}: a metric condition compares a number, or a yes/no with '=='": ("{name}：指标条件比较一个数，或用 '==' 比较是/否", ""),
    "a condition group has exactly one of all/any/not, not {keys}": ("条件组只能有 all/any/not 之一，而不是 {keys}", ""),
    "a condition group is all=[...], any=[...] or not={...}, not {kind}":
        ("条件组应写成 all=[...]、any=[...] 或 not={{...}}，而不是 {kind}", ""),
    "not a condition: {value}": ("不是条件：{value}", ""),
    "an {kind} group needs at least one condition": ("{kind} 组至少需要一个条件", ""),
    "a 'not' group holds exactly one condition": ("not 组只能有一个条件", ""),
    "binds must be one of {choices}, not {value}": ("binds 须为 {choices} 之一，而不是 {value}", ""),
    "scope must be one of {choices}, not {value}": ("scope 须为 {choices} 之一，而不是 {value}", ""),
    "unit must be one of {choices}, not {value}": ("unit 须为 {choices} 之一，而不是 {value}", ""),
    "per must be a known period or 'every_<n>_years', not {value}": ("per 须为已知周期或 'every_<n>_years'，而不是 {value}", ""),
    "op 'true' takes no value": ("op 'true' 不带数值", ""),
    "op 'between' takes a (low, high) pair of numbers": ("op 'between' 需要一对数 (低, 高)", ""),
    "range {value} has low > high": ("范围 {value} 的下限大于上限", ""),
    "op {op} takes a number or a share like '1/2', not {value}": ("op {op} 需要一个数或 '1/2' 这样的比例，而不是 {value}", ""),
    "check value cannot be negative: {value}": ("核查数值不能为负：{value}", ""),
    "a check with per='on_event' must name its event": ("per='on_event' 的核查须写明事件", ""),
    "only a 'between' range says which end binds": ("只有 between 范围才说明哪一端约束", ""),
    "check grades {grades} must be grades within 1-12": ("核查年级 {grades} 须在 1-12 之间", ""),
    "grades_mode needs the check's grades": ("grades_mode 需要核查年级", ""),
    "only a region-level target (count_per='region') states a scope": ("只有辖区层面的指标（count_per='region'）才写 scope", ""),
    "reports_to entry {actor} is not a known actor": ("reports_to 中的 {actor} 不是已知的角色", ""),
    "guided_by entry {actor} is not a known actor": ("guided_by 中的 {actor} 不是已知的角色", ""),
    "a mobile number is personal data and never belongs to a partner": ("手机号码属于个人信息，不能写入转介机构", ""),
    "a 'month' timing needs its month, and only it takes one": ("month 时间需要月份，且只有它带月份", ""),
    "month {month} is outside 1-12": ("月份 {month} 不在 1-12 之间", ""),
    "a timing window lasts at least one day": ("时间窗口至少一天", ""),
    "{id}: event must be one of {choices}, not {value}": ("{id}：event 须为 {choices} 之一，而不是 {value}", ""),
    "{id}: subject must name at least one group": ("{id}：subject 至少要写一个群体", ""),
    "{id}: subject {actor} is not a known group": ("{id}：subject 中的 {actor} 不是已知的群体", ""),
    "{id}: grades must not be empty": ("{id}：年级不能为空", ""),
    "{id}: grade {grade} is outside 1-12": ("{id}：年级 {grade} 不在 1-12 之间", ""),
    "{id}: deadline must be a date or text like 2025-12-31, not {value}":
        ("{id}：期限须为日期或 2025-12-31 这样的文字，而不是 {value}", ""),
    "{id}: the id's middle part must be its domain {domain}": ("{id}：编号的中间部分须为其领域 {domain}", ""),
    "{id}: only escalation items carry a step": ("{id}：只有预警上报类条目才有步骤", ""),
    "{id}: only referral items carry a partner": ("{id}：只有转介类条目才有转介机构", ""),
    "{id}: a check due by a deadline needs the deadline": ("{id}：按期限核查的条目需要期限", ""),
    "{id}: the check measures grades {grades} the item does not cover": ("{id}：核查的年级 {grades} 不在条目覆盖的年级之内", ""),
    "not a fact key: {key}": ("不是事实的键：{key}", ""),
    "metric key {key} must be lowercase letters, digits and underscores": ("指标键 {key} 只能由小写字母、数字和下划线组成", ""),
    "--ancestor {text}: write CODE or CODE:LEVEL:名称:NAME": ("--ancestor {text}：请写成 CODE 或 CODE:LEVEL:名称:NAME", ""),
    "--plugins/$XINLI_PLUGINS names {code}, which is not installed; did you mean {near}? installed: {codes}":
        ("--plugins/$XINLI_PLUGINS 中的 {code} 没有安装；是否想用 {near}？已安装：{codes}", ""),
    "Directory {filename} 不存在。": ("文件夹 {filename} 不存在。", ""),
    "File {filename} 不存在。": ("文件 {filename} 不存在。", ""),
    "Path {filename} 不存在。": ("路径 {filename} 不存在。", ""),
    # --- integration of issues 20, 22, 24, 25: their error lines ---
    "{file}, column {column}: {value}: {reason}": ("{file}，{column} 列：{value}：{reason}", ""),
    "mobile number": ("手机号码", ""),
    "ID-card number": ("身份证号码", ""),
    "looks like a {kind} (personal data); xinli keeps school-level facts only and stores nothing about a person":
        ("看起来是{kind}（个人信息）；xinli 只保存学校层面的事实，不保存任何个人的信息", ""),
    "a list or table where one value belongs; xinli keeps one school-level value per cell (student records are refused)":
        ("此处应为一个值，却是列表或表格；xinli 每格只保存一个学校层面的值（学生记录一概拒收）", ""),
    "{column} must be text or a whole number, not {kind}": ("{column} 须为文本或整数，而不是 {kind}", ""),
    "not a finite number": ("不是有限的数", ""),
    "a time of day where a value belongs": ("此处应为一个值，却是一天中的时刻", ""),
    "contains the control character {code}; remove it": ("含有控制字符 {code}；请删除", ""),
    "longer than {cap} characters ({n})": ("超过 {cap} 个字符（{n} 个）", ""),
    # attest (one check or --from FILE) and sample
    "unknown school: in no assessment run of {region} in this database": ("没有这所学校：本数据库中 {region} 的评估里都没有它", ""),
    "expected met, not_met, 符合 or 不符合": ("应填 符合 或 不符合（或 met、not_met）", ""),
    "required field is empty (the day of the check, e.g. 2026-11-01)": ("必填字段为空（核查日期，如 2026-11-01）", ""),
    "a day in the future": ("日期在将来", ""),
    "expected a date like 2026-11-01": ("应为 2026-11-01 这样的日期", ""),
    "has a machine check; its finding comes from the school's facts": ("有机器核查，其结论来自学校的事实", ""),
    "not a school's duty ({holder}); it is a region finding": ("不是学校的职责（{holder}），属于辖区层面结论", ""),
    "not an item of the {region} checklist on {day}": ("不是 {region} 清单在 {day} 的条目", ""),
    "school {school} and this item checked on {day} twice (first in row {row}); keep one":
        ("学校 {school} 的这一条目在 {day} 核查了两次（第一次在第 {row} 行）；请只保留一行", ""),
    "school {school} and this item checked on {day} twice; keep one": ("学校 {school} 的这一条目在 {day} 核查了两次；请只保留一次", ""),
    "looks like a phone or ID-card number (personal data); record an office or role and a note on the evidence, never a person":
        ("看起来是电话或身份证号（个人信息）；请记科室或职务和佐证说明，不要记个人", ""),
    "unknown column; an attestations file has {fields} (or their Chinese headers)":
        ("未知的列；核查文件的列为 {fields}（或其中文列名）", ""),
    "a second {key} column": ("第二个 {key} 列", ""),
    "{n} cells, more than the header's {m} columns (a stray comma?)": ("{n} 个单元格，多于表头的 {m} 列（多了逗号？）", ""),
    "{path}: cannot read attestations file: {reason}": ("{path}：无法读取核查文件：{reason}", ""),
    "{path}: unsupported attestations format {suffix}; use .csv or .xlsx":
        ("{path}：不支持的核查文件格式 {suffix}；请用 .csv 或 .xlsx", ""),
    "{name}: reading .xlsx needs openpyxl: pip install 'xinli[xlsx]'": ("{name}：读取 .xlsx 需要 openpyxl：pip install 'xinli[xlsx]'", ""),
    "the sheet is empty": ("工作表为空", ""),
    "this attestation is recorded already": ("这条核查已经记录过", ""),
    "--from FILE takes each check from the file; leave out {options}": ("--from FILE 从文件读取每条核查；请不要同时给 {options}", ""),
    "give {options} (one check) or --from FILE (many)": ("请给出 {options}（一条核查）或 --from FILE（多条）", ""),
    "{path}: holds no assessment run of {region}; run `xinli assess` first": ("{path}：没有 {region} 的评估；请先运行 xinli assess", ""),
    "give --rate R (a share of schools) or --per-item N (schools per item), one of them":
        ("请给出 --rate R（学校比例）或 --per-item N（每个条目的学校数），二者选一", ""),
    "--rate must be above 0 and at most 1 (0.1 = 10% of schools), not {rate}":
        ("--rate 须大于 0 且不超过 1（0.1 即 10% 的学校），而不是 {rate}", ""),
    "--per-item must be at least 1, not {n}": ("--per-item 至少为 1，而不是 {n}", ""),
    "the database holds no run {id}; run `xinli assess` first": ("数据库中没有第 {id} 次评估；请先运行 xinli assess", ""),
    "the database holds no a run of {region}; run `xinli assess` first": ("数据库中没有 {region} 的评估；请先运行 xinli assess", ""),
    "the database holds no a run; run `xinli assess` first": ("数据库中还没有评估；请先运行 xinli assess", ""),
    "run {id} is of {region}, not {wanted}": ("第 {id} 次评估属于 {region}，不是 {wanted}", ""),
    "run {id} ({region}) has no school item to check by hand": ("第 {id} 次评估（{region}）没有需人工核查的学校条目", ""),
    # the region's self-inspection (assess --region-facts) and --period
    "looks like a phone or ID-card number (personal data); name the document or record, never a person":
        ("看起来是电话或身份证号（个人信息）；请写文件或台账名称，不要写个人", ""),
    "expected text": ("应为文本", ""),
    "not a figure this region reports about itself (its rules ask for: {known})": ("不是本辖区自报的数据（其规定要求：{known}）", ""),
    "reported twice (first in row {row})": ("填报了两次（第一次在第 {row} 行）", ""),
    "not an item of this region's checklist": ("不是本辖区清单中的条目", ""),
    "has a machine check; its finding comes from the schools' facts": ("有机器核查，其结论来自各校的事实", ""),
    "not an authority's duty ({holder}); schools answer it in their facts": ("不是行政部门的职责（{holder}），由学校在事实中回答", ""),
    "its duty holder ({holder}) is not an authority; it stays a manual item": ("其责任主体（{holder}）不是行政部门，仍为人工核查条目", ""),
    "expected 是, 否 or 不适用 (yes, no, n/a)": ("应填 是、否 或 不适用", ""),
    "answered twice (first in row {row})": ("回答了两次（第一次在第 {row} 行）", ""),
    "unknown column; a region facts file has {fields} (or their Chinese headers)":
        ("未知的列；辖区自查文件的列为 {fields}（或其中文列名）", ""),
    "expected only [[answers]] tables (requirement_id, answer, evidence) and [[figures]] tables (metric, value, evidence)":
        ("只应有 [[answers]] 表（requirement_id、answer、evidence）和 [[figures]] 表（metric、value、evidence）", ""),
    "expected [[{table}]] tables (an array of tables)": ("应为 [[{table}]] 表（表的数组）", ""),
    "unknown field; {table} have {fields}": ("未知的字段；{table} 的字段为 {fields}", ""),
    "{path}: unsupported region facts format {suffix}; use .csv, .xlsx, .toml or .json":
        ("{path}：不支持的辖区自查文件格式 {suffix}；请用 .csv、.xlsx、.toml 或 .json", ""),
    "{path}: cannot read region facts file: {reason}": ("{path}：无法读取辖区自查文件：{reason}", ""),
    "a figure given as a pair is (count, population)": ("成对给出的数据应为（数量，总数）", ""),
    "only a share or a ratio per N people is given as count/population": ("只有比例或每 N 人比率才写成 数量/总数", ""),
    "expected count/population, e.g. 45/50": ("应为 数量/总数，如 45/50", ""),
    "expected count/population with 0 <= count and a positive population no smaller than the count":
        ("应为 数量/总数，数量不小于 0，总数为正且不小于数量", ""),
    "expected count/population with 0 <= count and a positive population": ("应为 数量/总数，数量不小于 0，总数为正", ""),
    "a share lies between 0 and 1 (or write count/population, e.g. 45/50)": ("比例应在 0 到 1 之间（或写成 数量/总数，如 45/50）", ""),
    "a count is a whole number": ("计数应为整数", ""),
    "metric {metric} is not reported by the region": ("指标 {metric} 不由辖区填报", ""),
    "--period {period}: write a school year like 2026-2027, a semester like 2026-2027-1 (or 2026-2027-2), or a calendar year "
    "like 2026": ("--period {period}：请写学年如 2026-2027、学期如 2026-2027-1（或 2026-2027-2），或自然年如 2026", ""),
    # the policy catalogue (catalog, serve --catalog)
    "{path}: is a directory; --db needs a file name": ("{path}：是一个文件夹；--db 需要文件名", ""),
    "{path}: exists and is not an SQLite database; refusing to replace it": ("{path}：已存在且不是 SQLite 数据库；不会替换它", ""),
    "{path}: exists and is not an SQLite database; not a catalogue from `xinli catalog`":
        ("{path}：已存在且不是 SQLite 数据库；不是 xinli catalog 写入的政策目录", ""),
    "{path}: is an SQLite database xinli's catalog did not create (a records database or another file); refusing to replace it":
        ("{path}：这个 SQLite 数据库不是 xinli catalog 创建的（是记录数据库或其他文件）；不会替换它", ""),
    "{path}: is an SQLite database xinli's catalog did not create (a records database or another file); not a catalogue "
    "from `xinli catalog`": ("{path}：这个 SQLite 数据库不是 xinli catalog 创建的（是记录数据库或其他文件），不是政策目录", ""),
    "{path}: the catalogue's rows do not hold together: {problems}": ("{path}：政策目录的各行相互不一致：{problems}", ""),
    "no region to catalogue: no plugin is installed": ("没有可编目的辖区：未安装任何插件", ""),
    "give --db (assessment records), --catalog (a policy catalogue from `xinli catalog`) or both":
        ("请给出 --db（评估记录）、--catalog（xinli catalog 写入的政策目录）或两者", ""),
    "--db {db} and --catalog {catalog} have the same name {name}; rename one of them":
        ("--db {db} 与 --catalog {catalog} 同名 {name}；请给其中一个改名", ""),
    # click's path checks, whose kind of path it names in English before the localised rest
    "File {filename} 是一个文件夹。": ("文件 {filename} 是一个文件夹。", ""),
    "Directory {filename} 是一个文件，不是文件夹。": ("文件夹 {filename} 是一个文件，不是文件夹。", ""),
    "Path {filename} 是一个文件夹。": ("路径 {filename} 是一个文件夹。", ""),
    "File {filename} 不可读。": ("文件 {filename} 不可读。", ""),
    "File {filename} 不可写。": ("文件 {filename} 不可写。", ""),
    "Directory {filename} 不可写。": ("文件夹 {filename} 不可写。", ""),
}
# an empty English side is the key itself
ERRORS = {english: (zh, en or english) for english, (zh, en) in ERRORS.items()}


@functools.cache
def _error_patterns() -> list[tuple[Any, str]]:
    import re

    found = []
    for english, (zh, _en) in ERRORS.items():  # the English side is the key itself
        parts = re.split(r"\{(\w+)\}", english)
        pattern = "".join(re.escape(p) if n % 2 == 0 else f"(?P<{p}>.+?)" for n, p in enumerate(parts))
        pattern = pattern.replace(r"\ ", " ")
        literal = len(re.sub(r"\{\w+\}", "", english))
        found.append((literal, re.compile(pattern + r"\Z", re.S), zh))
    # the templates with the most fixed text first: the most specific wins
    found.sort(key=lambda item: -item[0])
    return [(pattern, zh) for _literal, pattern, zh in found]


def localise_error(text: str, lang: str, _depth: int = 0) -> str:
    """An error line raised in English, in ``lang``: the Chinese of the
    :data:`ERRORS` template it matches (its parts localised in turn), the
    English when ``lang`` is ``en`` or no template matches.  A line of the
    form ``PATH: REASON`` keeps its path and localises its reason."""
    if lang == "en" or _depth > 4:
        return text
    if "\n" in text:
        return "\n".join(localise_error(line, lang, _depth) for line in text.split("\n"))
    for pattern, zh in _error_patterns():
        found = pattern.match(text)
        if found:
            values = {k: localise_error(v, lang, _depth + 1) for k, v in found.groupdict().items()}
            if values.get("column") in COLUMNS:  # a column key named by its header
                values["column"] = COLUMNS[values["column"]][0]
            if "holder" in values:  # a duty-holder key named by its label
                from xinli.core.vocabulary import ACTORS

                values["holder"] = ACTORS.get(values["holder"], (values["holder"],))[0]
            try:
                chinese = zh.format(**values)
            except (KeyError, IndexError, ValueError):  # a template that does not fit: keep the line as raised
                return text
            return chinese if lang == "zh" else f"{chinese} / {text}"
    for colon in (": ", "："):
        head, sep, reason = text.rpartition(colon)
        if sep and reason and _depth == 0:
            localised = localise_error(reason, lang, _depth + 1)
            if localised != reason:
                return f"{head}：{localised}"
    return text


# --- issue 23: the records in Datasette, in Chinese ---
#: Result columns of the canned queries, as ``xinli serve`` labels them.
BROWSE_COLUMNS: dict[str, tuple[str, str]] = {
    "id": ("编号", "id"), "school_id": ("学校代码", "school id"), "school_name": ("学校名称", "school name"),
    "required_not_met": ("未达到的必须项数", "required items not met"), "requirements": ("要求", "requirements"),
    "requirement_id": ("要求编号", "requirement id"), "level": ("要求等级", "level"), "text_zh": ("要求", "requirement (Chinese)"),
    "text_en": ("要求（英文）", "requirement"), "expected": ("核查标准", "expected"), "not_met": ("不符合", "not met"),
    "met": ("符合", "met"), "unknown": ("未知", "unknown"), "percent_not_met": ("不符合比例（%）", "percent not met"),
    "document": ("文件", "document"), "clause": ("条款", "clause"), "status": ("状态", "status"), "observed": ("实际", "observed"),
    "detail": ("说明", "detail"), "quote": ("原文", "quote"), "region": ("辖区代码", "region"),
    "region_name_zh": ("辖区名称", "region name"), "in_scope": ("适用学校数", "schools in scope"),
    "percent_met": ("达标比例（%）", "percent met"), "target_percent": ("目标比例（%）", "target percent"),
    "as_of": ("评估日期", "as of"), "source_file": ("来源文件", "source file"),
    "subregions_not_met": ("未达到的下级辖区数", "sub-regions not meeting it"), "subregions": ("下级辖区数", "sub-regions"),
    "source_run": ("来源批次", "source run"), "created": ("记录时间（UTC）", "recorded (UTC)"), "schools": ("学校数", "schools"),
    "facts_sha256": ("事实文件校验值", "facts SHA-256"), "rules_sha256": ("规则校验值", "rules SHA-256"),
    "plugins": ("插件", "plugins"), "superseded_by": ("被其取代", "superseded by"), "facts_file": ("事实文件", "facts file"),
    "findings": ("结论数", "findings"), "counts": ("各状态计数", "counts by status"), "scope": ("核查范围", "scope"),
    "provenance": ("来源", "provenance"),
    # --- integration of issues 20-25: columns their queries added ---
    "duty_holder": ("责任主体", "duty holder"),
}
#: Stored values the canned queries show as words: statuses (including
#: those of self-checks), provenance of a fact, levels and scopes.
BROWSE_VALUES: dict[str, tuple[str, str]] = {
    "in_progress": ("进行中", "in progress"),
    "not_adopted": ("未采纳", "not adopted"),
    "measured": ("测得", "measured"),
    "self_reported": ("自查", "self-reported"),
    "verified": ("核查", "verified"),
    "unanswered": ("未答", "unanswered"),
}
#: The canned queries' descriptions in Chinese (their titles carry both languages).
BROWSE_QUERIES: dict[str, str] = {
    "schools_not_meeting_required": "每所学校在一次评估中未达到的必须项（run_id 留空：最新一次），多的在前。",
    "requirements_most_often_not_met": ("每项学校层面的要求在一次评估中有多少所学校未达到（run_id 留空：最新一次），"
                                        "及其在已判定结论中的比例。"),
    "region_findings": "一次评估中辖区自身职责（教育行政部门等）的结论。",
    "school_findings": "一次评估中 school_id 所指学校的全部结论（run_id 留空：最新一次）。",
    "subregions_below_target": ("汇总辖区的每项指标在各下级辖区的达标学校比例，只列低于目标的"
                                "（rollup_id 留空：最新一次汇总），最低的在前。"),
    "rollup_items_most_often_not_met": "一次汇总中每项学校层面的必须项：各下级辖区合计未达到的学校数，以及在几个下级辖区未达到。",
    "rollup_sources": "一次汇总（rollup_id 留空：最新一次）所计入的来源评估及其出处。",
    "runs_by_region": "全部评估批次，最新的在前，附各状态计数。",
    # --- issue 20: the verification disagreements ---
    "self_report_disagreements": ("一次评估中（run_id 留空：最新一次）学校自查答复与核查人员核查（xinli attest）结论不一致的"
                                  "各校各条目：自查答“是”而核查不符合、答“否”而核查符合、答“不适用”而经过核查；附核查人和核查日期。"),
}
#: The tables' descriptions in Chinese.
BROWSE_TABLES: dict[str, str] = {
    "runs": "每次评估一行：辖区、事实文件（名称与校验值）、所用规则、评估日期。",
    "schools": "各次评估的学校及其学校层面的事实（不含学生个人数据）。",
    "requirements": "一次评估所用的要求，取自辖区清单，附依据。",
    "findings": "每所学校每项要求（及每项辖区层面要求）一行：核查得出的状态。由 findings_of_schools 和 run_findings 合成的视图。",
    "findings_of_schools": "每所学校每项要求一行：由 schools.finding_codes 展开的各校结论。",
    "run_findings": "一次评估本身（而非某所学校）的结论：教育行政部门等的职责和辖区整体指标。",
    "finding_texts": "有补充说明的学校结论的说明文字（豁免理由、人工核查备注）。",
    "statuses": "结论状态的代码与名称。",
    "requirement_counts": "每次评估每项要求按状态和来源的结论数，在写入评估时计得。",
    "waivers": "经批准的豁免：学校、要求、理由、批准人与起止日期。",
    "attestations": "人工核查记录：学校、要求、结论、核查人与日期。",
    "finding_details": "结论连同其学校和要求，便于筛选和分面。",
    "rollups": "每次汇总一行：汇总到的辖区与日期。",
    "rollup_sources": "每次汇总计入的来源评估及其出处。",
    "rollup_items": "每个来源每项要求的计数。",
    "rollup_targets": "汇总辖区自身的指标。",
    "rollup_statuses": "各来源各指标的判定。",
    # --- integration of issues 20, 22, 24, 25: their tables ---
    "provenances": "结论来源的代码（findings.provenance）及其名称。",
    "samples": "用 xinli sample 抽取的抽查清单：所据评估、随机种子和抽取规则，以便追溯填好的清单。",
    "sample_items": "每份抽查清单上的核查项：每行一所学校的一个条目。",
}
BROWSE_WORDS: dict[str, tuple[str, str]] = {
    "title": ("xinli 评估记录", "xinli assessment records"),
    "description": ("xinli 评估的学校层面结论：评估批次、学校、所用要求及每项的结论。不含学生数据。",
                    "School-level findings of xinli assessments: runs, schools, the requirements applied and the status "
                    "found for each. No student data."),
    "database": ("xinli assess 写入的评估记录，以及 xinli rollup 写入的汇总。",
                 "Assessment records written by `xinli assess`, and roll-ups written by `xinli rollup`."),
}
#: What a finding's status can be, in Chinese (browse.STATUS_TEXT).
BROWSE_STATUS_NOTE = ("状态：met 符合、not_met 不符合、unknown 未知、not_applicable 不适用、not_yet_due 未到期、waived 已豁免、"
                      "manual 需人工核查（学校职责需人工核查，尚未作答）、in_progress 进行中（按期计数低于目标且本期未结束）；"
                      "建议、鼓励和可以类条目为 adopted 已采纳、not_adopted 未采纳或 not_required 无需核查（都不属不符合）。")
#: What a finding's provenance says, in Chinese (browse.PROVENANCE_TEXT).
BROWSE_PROVENANCE_NOTE = ("结论如何得出：measured 测得（依据事实中的数字）、self_reported 自查（学校的自查答复）、"
                          "verified 核查（核查人员的核查，xinli attest）或 unanswered 未答（尚无人作答）。")
#: The level keys, in Chinese.
BROWSE_LEVEL_NOTE = "要求等级：required 必须、recommended 建议、encouraged 鼓励或 permitted 可以。"
#: Column descriptions of every table and view, in Chinese (``table.column``);
#: ``tests/test_serve.py`` checks that none is missing.
BROWSE_COLUMN_NOTES: dict[str, str] = {
    "runs.id": "评估编号，递增。", "runs.region": "所用规则的辖区代码。", "runs.facts_file": "所评估的事实文件名。",
    "runs.as_of": "评估日期（YYYY-MM-DD）。", "runs.created": "记录时间（UTC，ISO 8601）。", "runs.schools": "评估的学校数。",
    "runs.findings": "写入的结论数。", "runs.counts": "JSON：各状态的结论数。", "runs.plugins": "JSON：加载的插件及其发行包和版本。",
    "runs.facts_sha256": "事实文件的 SHA-256 校验值。", "runs.rules_sha256": "所用规则（清单条目）的 SHA-256 校验值。",
    "runs.run_key": "辖区、事实、豁免、规则和日期的校验值：相同输入不会重复记录。",
    "runs.waivers_sha256": "豁免文件的 SHA-256 校验值（如有）。", "runs.fact_columns": "JSON：事实的键，按各校事实数组的顺序。",
    "schools.id": "行号，供 findings.school 引用。", "schools.run_id": "所属评估（runs.id）。",
    "schools.school_id": "事实文件中的学校代码。", "schools.school_name": "事实文件中的学校名称。",
    "schools.grades": "学校开设的年级，如 1-6,10-12。", "schools.facts": "JSON：读取到的学校事实（null 表示未知）。",
    "schools.counts": "JSON：该校各状态的结论数。",
    "requirements.id": "行号，供 findings.requirement 引用。", "requirements.run_id": "所属评估（runs.id）。",
    "requirements.requirement_id": "稳定的要求编号：<辖区>.<领域>.<名称>。", "requirements.domain": "领域。",
    "requirements.level": "要求等级：required 必须、recommended 建议、encouraged 鼓励、permitted 可以。",
    "requirements.duty_holder": "责任主体。", "requirements.scope": "核查范围：school 按学校、manual 人工核查、region 辖区层面。",
    "requirements.text_zh": "要求（中文）。", "requirements.text_en": "要求（英文）。", "requirements.jurisdiction": "文件所属辖区。",
    "requirements.document": "文号。", "requirements.clause": "条款。", "requirements.quote": "文件原文。",
    "requirements.expected": "核查标准；manual 表示人工核查。", "requirements.metric_type": "核查比较的事实类型。",
    "requirements.deadline": "期限（YYYY-MM-DD），如有。",
    "findings.run_id": "所属评估（runs.id）。", "findings.school": "学校（schools.id）；辖区层面结论为空。",
    "findings.requirement": "要求（requirements.id）。", "findings.status": "状态代码（statuses.code）；finding_details 显示名称。",
    "findings.observed": "观察到的事实。", "findings.reason": "原因代码（finding_details 用文字说明）。",
    "findings.detail": "原因说明（豁免、辖区结论中的未知项等）。",
    # --- integration of issues 20, 22, 24, 25: their columns ---
    "runs.provenance_counts": "JSON：按来源和状态的结论数，如 {\"self_reported\": {\"met\": 20}}。",
    "runs.period": "事实所覆盖的时段：学年 2026-2027、学期 2026-2027-1 或自然年。",
    "runs.region_facts_file": "辖区自查文件名（assess --region-facts），如有。",
    "runs.region_facts_sha256": "辖区自查文件的 SHA-256 校验值，如有。",
    "schools.provenance_counts": "JSON：该校非测得结论按来源和状态的计数（null 表示全部为测得）。",
    "findings.provenance": "来源代码（provenances.code）；finding_details 显示名称。",
    # --- issue 20: findings packed on the school rows (m009) ---
    "runs.first_requirement": "本次评估第一项要求的行号：打包的结论从它数起要求。",
    "schools.finding_codes": ("JSON：该校结论的打包形式，每项一个整数（要求、来源、原因、状态）；"
                              "findings 和 findings_of_schools 视图逐行显示。"),
    "schools.finding_observed": "JSON：这些结论观察到的事实，顺序相同（null 表示都没有）。",
    "findings_of_schools.run_id": "所属评估（runs.id）。", "findings_of_schools.school": "学校（schools.id）。",
    "findings_of_schools.requirement": "要求（requirements.id）。",
    "findings_of_schools.status": "状态代码（statuses.code）；finding_details 显示名称。",
    "findings_of_schools.observed": "观察到的事实。", "findings_of_schools.reason": "原因代码（finding_details 用文字说明）。",
    "findings_of_schools.detail": "原因说明（豁免、人工核查备注等）。",
    "findings_of_schools.provenance": "来源代码（provenances.code）；finding_details 显示名称。",
    "run_findings.run_id": "所属评估（runs.id）。", "run_findings.requirement": "要求（requirements.id）。",
    "run_findings.status": "状态代码（statuses.code）。",
    "run_findings.observed": "观察到的情况，如达标学校数/适用学校数，或辖区上报的数字。",
    "run_findings.reason": "原因代码（finding_details 用文字说明）。", "run_findings.detail": "原因说明：未知的学校、辖区自己的答复。",
    "run_findings.provenance": "来源代码（provenances.code）。",
    "finding_texts.school": "学校（schools.id）。", "finding_texts.requirement": "要求（requirements.id）。",
    "finding_texts.detail": "说明文字。",
    # --- every other table and view, so that nothing reads English under zh ---
    "statuses.code": "状态代码。", "statuses.name": BROWSE_STATUS_NOTE,
    "provenances.code": "来源代码。", "provenances.name": BROWSE_PROVENANCE_NOTE,
    "requirement_counts.requirement": "要求（requirements.id）。", "requirement_counts.status": "状态代码（statuses.code）。",
    "requirement_counts.provenance": "来源代码（provenances.code）。",
    "requirement_counts.n": "结论数（学校数；辖区层面结论计为 1）。",
    "waivers.id": "行号。", "waivers.run_id": "所属评估（runs.id）。", "waivers.school_id": "获豁免的学校。",
    "waivers.requirement_id": "被豁免的要求。", "waivers.justification": "豁免理由。", "waivers.approved_by": "豁免的批准人。",
    "waivers.start": "豁免适用的第一天。", "waivers.expiry": "豁免适用的最后一天。",
    "attestations.id": "行号。", "attestations.region": "核查记录所属的辖区。", "attestations.school_id": "被核查的学校。",
    "attestations.requirement_id": "所核查的人工核查要求。", "attestations.checked_by": "核查人：科室或职务。",
    "attestations.checked_on": "核查日期。", "attestations.result": "核查结论：met 符合或 not_met 不符合。",
    "attestations.evidence": "所见佐证的说明。", "attestations.recorded": "核查记录的写入时间（UTC）。",
    "samples.id": "抽查编号（清单每行都显示）。", "samples.run_id": "抽取所据的评估（runs.id）。", "samples.region": "该评估的辖区。",
    "samples.seed": "随机种子：同一评估用同一种子抽到的学校相同。",
    "samples.rule": "JSON：{\"rate\": 学校比例} 或 {\"per_item\": 每项抽查的学校数}。",
    "samples.created": "抽取时间（UTC）。", "samples.schools": "抽到的学校数。", "samples.items": "清单上的核查项数（学校与条目的组合）。",
    "sample_items.sample_id": "所属抽查（samples.id）。", "sample_items.school_id": "要核查的学校。",
    "sample_items.requirement_id": "要核查的条目。",
    "finding_details.run_id": "所属评估（runs.id）。", "finding_details.school_id": "学校代码；辖区层面结论为空。",
    "finding_details.school_name": "学校名称。", "finding_details.requirement_id": "稳定的要求编号。",
    "finding_details.scope": "核查范围：school 按学校、manual 人工核查或 region 辖区层面。",
    "finding_details.level": BROWSE_LEVEL_NOTE, "finding_details.status": BROWSE_STATUS_NOTE,
    "finding_details.provenance": BROWSE_PROVENANCE_NOTE, "finding_details.expected": "核查标准。",
    "finding_details.observed": "观察到的事实。", "finding_details.detail": "原因说明（豁免理由、未知的事实等）。",
    "finding_details.document": "文号。", "finding_details.clause": "条款。", "finding_details.quote": "文件原文。",
    "rollups.id": "汇总编号，递增。", "rollups.region": "汇总到的市或省。",
    "rollups.region_name_zh": "其中文名称（取自其插件，或县级插件所写的上级名称）。", "rollups.region_name_en": "其英文名称。",
    "rollups.rollup_key": "辖区、评估日期、规则和来源评估的校验值：相同的汇总不会重复记录。",
    "rollups.as_of": "判定该辖区自身指标的日期（YYYY-MM-DD）。", "rollups.created": "汇总的记录时间（UTC，ISO 8601）。",
    "rollups.rules_sha256": "判定该辖区自身指标所用有效规则的 SHA-256 校验值（未安装则为空）。",
    "rollups.plugins": "JSON：加载的插件及其发行包和版本。", "rollups.sources": "计入的来源评估数（不含被取代的）。",
    "rollups.schools": "计入的来源评估中的学校数。",
    "rollups.warnings": "JSON：发现的不一致（评估日期或规则版本不同、同一辖区出现两次等），中英文各一份。",
    "rollup_sources.id": "行号，供 rollup_items 和 rollup_statuses 引用。", "rollup_sources.rollup_id": "所属汇总（rollups.id）。",
    "rollup_sources.source_file": "来源数据库文件名。", "rollup_sources.source_run": "该评估在来源数据库中的编号。",
    "rollup_sources.region": "来源评估的辖区。", "rollup_sources.region_name_zh": "辖区中文名称。",
    "rollup_sources.region_name_en": "辖区英文名称。", "rollup_sources.as_of": "来源评估的评估日期。",
    "rollup_sources.created": "来源评估的记录时间。",
    "rollup_sources.run_key": "来源评估的键（辖区、事实、豁免、规则和日期的校验值）。",
    "rollup_sources.rules_sha256": "来源评估所用规则的 SHA-256 校验值。", "rollup_sources.plugins": "JSON：来源评估所用插件的版本。",
    "rollup_sources.facts_sha256": "来源评估事实文件的 SHA-256 校验值。",
    "rollup_sources.waivers_sha256": "来源评估豁免文件的 SHA-256 校验值（如有）。", "rollup_sources.schools": "来源评估的学校数。",
    "rollup_sources.findings": "来源评估的结论数。", "rollup_sources.counts": "JSON：来源评估各状态的结论数。",
    "rollup_sources.superseded_by": "同一辖区改计另一来源时填写（该来源的文件名）。",
    "rollup_items.id": "行号。", "rollup_items.rollup_source": "来源评估（rollup_sources.id）。",
    "rollup_items.requirement_id": "稳定的要求编号。", "rollup_items.scope": "核查范围：school 按学校或 region 辖区层面。",
    "rollup_items.level": BROWSE_LEVEL_NOTE, "rollup_items.jurisdiction": "要求所出文件的辖区。",
    "rollup_items.text_zh": "要求（中文）。", "rollup_items.text_en": "要求（英文）。", "rollup_items.expected": "核查标准。",
    "rollup_items.document": "文号。", "rollup_items.clause": "条款。", "rollup_items.met": "符合的学校数。",
    "rollup_items.not_met": "不符合的学校数。", "rollup_items.unknown": "未知的学校数。",
    "rollup_items.not_applicable": "不适用该要求的学校数。", "rollup_items.not_yet_due": "未到期的学校数。",
    "rollup_items.waived": "已豁免的学校数。",
    "rollup_items.manual": "需人工核查的职责尚未作答的学校数（issue 20 之前：每次评估计一行）。",
    "rollup_items.adopted": "采纳了鼓励或可以类条目的学校数。",
    "rollup_items.not_adopted": "未采纳鼓励或可以类条目的学校数（不属不符合）。",
    "rollup_items.not_required": "无需核查的鼓励或可以类条目（每次评估计一行）。",
    "rollup_items.status": "辖区层面要求：来源辖区自身的结论。",
    "rollup_items.observed": "辖区层面要求：来源辖区观察到的情况（符合数/适用数）。",
    "rollup_items.detail": "辖区层面要求：原因说明（未知的学校等）。",
    "rollup_items.in_progress": "按期计数低于目标且本期未结束的学校数。",
    "rollup_items.provenance_counts": ("JSON：按状态和来源的计数，如 {\"met:self_reported\": 20, \"met:verified\": 3}，"
                                       "原样向上汇总、互不混合。"),
    "rollup_targets.id": "行号。", "rollup_targets.rollup_id": "所属汇总（rollups.id）。",
    "rollup_targets.requirement_id": "稳定的要求编号。", "rollup_targets.level": BROWSE_LEVEL_NOTE,
    "rollup_targets.text_zh": "要求（中文）。", "rollup_targets.text_en": "要求（英文）。", "rollup_targets.expected": "核查标准。",
    "rollup_targets.target_share": "指标要求的学校比例（0-1），如为比例指标。", "rollup_targets.deadline": "指标期限，如有。",
    "rollup_targets.document": "文号。", "rollup_targets.clause": "条款。", "rollup_targets.quote": "文件原文。",
    "rollup_targets.status": ("状态：met 符合、not_met 不符合、unknown 未知、not_applicable 不适用、not_yet_due 未到期"
                              "或 manual 需人工核查。"),
    "rollup_targets.observed": "符合的学校数/适用的学校数，按全部汇总学校计。", "rollup_targets.detail": "原因说明（未知的学校等）。",
    "rollup_statuses.rollup_source": "来源评估（rollup_sources.id）。", "rollup_statuses.school_id": "来源评估中的学校代码。",
    "rollup_statuses.requirement_id": "指标（rollup_targets.requirement_id）。",
    "rollup_statuses.status": "状态：met 符合、not_met 不符合、unknown 未知或 not_applicable 不适用。",
}
