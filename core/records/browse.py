"""What ``xinli serve`` tells Datasette about the records database: a title,
table and column descriptions, and canned queries.

The queries take an optional ``run_id``; left blank they read the newest
run.  They start from ``requirements`` or ``schools`` (which belong to one
run) so that the (school, status) index on ``findings`` or the stored
``requirement_counts`` serve them (``tests/test_compact_records.py``
checks each plan).  Statuses are stored as codes; the queries show their names.
"""

from __future__ import annotations

from typing import Any

from xinli.core.assessment.statuses import Status
from xinli.core.records.database import detail_sql, observed_sql

#: What a finding's status can be.
STATUS_TEXT = ("met, not_met, unknown, not_applicable, not_yet_due, waived, manual (a school duty checked by hand, not yet "
               "answered), in_progress (a per-period count below target while its period runs), or for recommended, "
               "encouraged and permitted items adopted, not_adopted or not_required (never a failure).")
#: What a finding's provenance says (issue 20).
PROVENANCE_TEXT = ("How the finding was established: measured (from the figures in the facts), self_reported (the "
                   "school's 自查 answer), verified (an inspector's check, xinli attest) or unanswered (nobody answered yet).")

TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "runs": (
        "One row per assessment run: which region, which facts file (by name and hash), which rules, as of when.",
        {
            "id": "Run number, increasing.",
            "region": "Jurisdiction code whose rules were applied.",
            "run_key": "Hash of region, facts, waivers, rules and date: the same inputs are never recorded twice.",
            "plugins": "JSON: each loaded plugin and the distribution and version that provided it.",
            "facts_file": "Name of the facts file assessed.",
            "facts_sha256": "SHA-256 of the facts file's bytes.",
            "rules_sha256": "SHA-256 of the effective rules (checklist items) used.",
            "as_of": "Date the schools were assessed as of (YYYY-MM-DD).",
            "created": "When the run was recorded (UTC, ISO 8601).",
            "schools": "Number of schools assessed.",
            "findings": "Number of findings written.",
            "counts": "JSON: number of findings per status.",
            "waivers_sha256": "SHA-256 of the waivers file, if one was used.",
            "fact_columns": "JSON: the fact keys, in the order of each school's facts array.",
            "provenance_counts": "JSON: findings per provenance and status, e.g. {\"self_reported\": {\"met\": 20}}.",
            "period": "The period the facts cover: a school year 2026-2027, a semester 2026-2027-1 or a calendar year.",
            # issue 20: the region's own self-inspection
            "region_facts_file": "Name of the region's self-inspection file (assess --region-facts), if one was used.",
            "region_facts_sha256": "SHA-256 of the region's self-inspection file, if one was used.",
            "first_requirement": "Row id of the run's first requirement: a packed finding counts its requirement from it.",
        },
    ),
    "schools": (
        "The schools of each run with their school-level facts (never student data).",
        {
            "id": "Row id, referenced by findings.school.",
            "run_id": "The run (runs.id).",
            "school_id": "The school's identifier from the facts file.",
            "school_name": "The school's name from the facts file.",
            "grades": "Grades the school teaches, e.g. 1-6,10-12.",
            "facts": "JSON: the school's facts as read, an array in the order of runs.fact_columns (null = unknown); "
                     "runs recorded before version 3 of the schema hold an object of the known facts.",
            "counts": "JSON: the school's number of findings per status, counted when the run was written "
                      "(null: the school has no findings).",
            "provenance_counts": "JSON: the school's findings not measured from figures, per provenance and status "
                                 "(null: every finding measured).",
            "finding_codes": "JSON: the school's findings packed, one integer each (requirement, provenance, reason, "
                             "status); the findings and findings_of_schools views show them as rows.",
            "finding_observed": "JSON: the facts observed for those findings, in the same order (null: none observed).",
        },
    ),
    "requirements": (
        "The requirements a run used, copied from the region's checklist with their citations.",
        {
            "id": "Row id, referenced by findings.requirement.",
            "run_id": "The run (runs.id).",
            "requirement_id": "Stable requirement id, <jurisdiction>.<domain>.<slug>.",
            "domain": "screening, escalation, staffing, referral, curriculum or other.",
            "level": "required, recommended, encouraged or permitted.",
            "duty_holder": "Who must act: school, head_teacher, education_authority, …",
            "scope": ("school (judged per school by its facts), manual (a school duty checked by hand: each school's "
                      "自查 answer, an attestation, or unanswered) or region (an authority's or other non-school duty, or a "
                      "region-wide target: judged once for the region)."),
            "text_zh": "The requirement in Chinese.",
            "text_en": "The requirement in English.",
            "jurisdiction": "Jurisdiction whose document it comes from.",
            "document": "Document number (or identifier).",
            "clause": "Clause of the document, e.g. 二、2.",
            "quote": "The document's own words.",
            "expected": "The check in words, e.g. >= 12 lessons per_school_year; 'manual' when checked by hand.",
            "metric_type": "Type of the fact the check compares: integer, number, boolean or date.",
            "deadline": "The requirement's deadline (YYYY-MM-DD), if it has one.",
        },
    ),
    "findings": (
        "One row per school and requirement (and per region-level requirement): the status found. A view over "
        "findings_of_schools and run_findings.",
        {
            "run_id": "The run (runs.id).",
            "school": "The school (schools.id); null for a region-level finding.",
            "requirement": "The requirement (requirements.id).",
            "status": "Status code (statuses.code); finding_details shows the name.",
            "observed": "The fact observed, typed: a number, 1/0 for yes/no, a date; a region finding's 'met/applicable'.",
            "reason": "Why, as a code: 1 outside the grades, 2 outside the attributes, 3 a school attribute unknown, "
                      "4 due later, 5 the event did not happen, 6 the event unknown, 7 the period still running "
                      "(finding_details spells it out).",
            "detail": "Why, in words, where it is not the same for every school: a waiver, a region finding's unknowns.",
            "provenance": "Provenance code (provenances.code); finding_details shows the name.",
        },
    ),
    "findings_of_schools": (
        "One row per school and requirement: the schools' findings, unpacked from schools.finding_codes.",
        {
            "run_id": "The run (runs.id).",
            "school": "The school (schools.id).",
            "requirement": "The requirement (requirements.id).",
            "status": "Status code (statuses.code); finding_details shows the name.",
            "observed": "The fact observed, typed: a number, 1/0 for yes/no, a date.",
            "reason": "Why, as a code (finding_details spells it out).",
            "detail": "Why, in words, where it is not the same for every school: a waiver, an attestation's note.",
            "provenance": "Provenance code (provenances.code); finding_details shows the name.",
        },
    ),
    "run_findings": (
        "The findings of a run itself, not of one school: the authorities' duties and region-wide targets.",
        {
            "run_id": "The run (runs.id).",
            "requirement": "The requirement (requirements.id).",
            "status": "Status code (statuses.code).",
            "observed": "What was observed, e.g. 'met/applicable' schools, or the region's reported figure.",
            "reason": "Why, as a code (finding_details spells it out).",
            "detail": "Why, in words: the schools left unknown, the region's own answer.",
            "provenance": "Provenance code (provenances.code).",
        },
    ),
    "finding_texts": (
        "The detail texts of school findings that have one (a waiver's justification, an attestation's note).",
        {
            "school": "The school (schools.id).",
            "requirement": "The requirement (requirements.id).",
            "detail": "The text.",
        },
    ),
    "statuses": (
        "The finding statuses: the code stored in findings.status and its name.",
        {"code": "Status code.", "name": STATUS_TEXT},
    ),
    "provenances": (
        "The finding provenances: the code stored in findings.provenance and its name.",
        {"code": "Provenance code.", "name": PROVENANCE_TEXT},
    ),
    "requirement_counts": (
        "Per requirement of a run, status and provenance: how many findings, counted when the run was written.",
        {"requirement": "The requirement (requirements.id).", "status": "Status code (statuses.code).",
         "provenance": "Provenance code (provenances.code).",
         "n": "Number of findings (schools, or 1 for a region finding)."},
    ),
    "waivers": (
        "Exemptions applied in a run, with who approved them and until when.",
        {
            "id": "Row id.",
            "run_id": "The run (runs.id).",
            "school_id": "The school exempted.",
            "requirement_id": "The requirement waived.",
            "justification": "Why the school is exempt.",
            "approved_by": "Who approved the exemption.",
            "start": "First day the waiver applies.",
            "expiry": "Last day the waiver applies.",
        },
    ),
    "attestations": (
        "Manual checks a school recorded with `xinli attest`; an assessment shows the latest one on or before its as-of date.",
        {
            "id": "Row id.",
            "region": "The region the check was recorded for.",
            "school_id": "The school checked.",
            "requirement_id": "The manual requirement checked.",
            "checked_by": "Who checked: an office or role.",
            "checked_on": "The day of the check.",
            "result": "met or not_met.",
            "evidence": "A note on the evidence seen.",
            "recorded": "When the attestation was recorded (UTC).",
        },
    ),
    # --- issue 20: spot-check lists ---
    "samples": (
        "Spot-check lists drawn with `xinli sample`: the run, the seed and the rule, so a filled list can be traced.",
        {
            "id": "Sample number (shown on every row of the list).",
            "run_id": "The run drawn from (runs.id).",
            "region": "The run's region.",
            "seed": "The random seed: the same seed on the same run draws the same schools.",
            "rule": 'JSON: {"rate": share of schools} or {"per_item": schools per item}.',
            "created": "When the sample was drawn (UTC).",
            "schools": "Number of schools drawn.",
            "items": "Number of checks (school and item) on the list.",
        },
    ),
    "sample_items": (
        "The checks on each spot-check list: one school and one item each.",
        {
            "sample_id": "The sample (samples.id).",
            "school_id": "The school to check.",
            "requirement_id": "The item to check.",
        },
    ),
    "finding_details": (
        "Findings joined with their school and requirement, ready to filter and facet.",
        {
            "run_id": "The run (runs.id).",
            "school_id": "The school's identifier; null for a region-level finding.",
            "school_name": "The school's name.",
            "requirement_id": "Stable requirement id.",
            "scope": "school, manual or region.",
            "level": "required, recommended, encouraged or permitted.",
            "status": STATUS_TEXT,
            "provenance": PROVENANCE_TEXT,
            "expected": "The check in words.",
            "observed": "The fact observed.",
            "detail": "Why (waiver justification, unknown fact, …).",
            "document": "Document number.",
            "clause": "Clause of the document.",
            "quote": "The document's own words.",
        },
    ),
    "rollups": (
        "One row per roll-up (`xinli rollup`): a city's or province's view over runs recorded in other databases.",
        {
            "id": "Roll-up number, increasing.",
            "region": "The city or province rolled up into.",
            "region_name_zh": "Its name in Chinese (from its plugin, or as a county's plugin names its parent).",
            "region_name_en": "Its name in English.",
            "rollup_key": "Hash of region, as-of date, rules and the source runs: the same roll-up is never recorded twice.",
            "as_of": "Date the region's own targets were judged on (YYYY-MM-DD).",
            "created": "When the roll-up was recorded (UTC, ISO 8601).",
            "rules_sha256": "SHA-256 of the region's effective rules used for its own targets (empty if not installed).",
            "plugins": "JSON: each loaded plugin and the distribution and version that provided it.",
            "sources": "Number of source runs counted (superseded ones left out).",
            "schools": "Number of schools in the counted source runs.",
            "warnings": "JSON: mismatches found (different as-of dates or rules versions, one region twice, …), zh and en.",
        },
    ),
    "rollup_sources": (
        "One row per source run of a roll-up, with its provenance.",
        {
            "id": "Row id, referenced by rollup_items and rollup_statuses.",
            "rollup_id": "The roll-up (rollups.id).",
            "source_file": "Name of the source database file.",
            "source_run": "The run's id in the source database.",
            "region": "The source run's region.",
            "region_name_zh": "The region's name in Chinese.",
            "region_name_en": "The region's name in English.",
            "as_of": "The source run's as-of date.",
            "created": "When the source run was recorded.",
            "run_key": "The source run's key (hash of region, facts, waivers, rules and date).",
            "rules_sha256": "SHA-256 of the rules the source run applied.",
            "plugins": "JSON: the plugin versions the source run used.",
            "facts_sha256": "SHA-256 of the source run's facts file.",
            "waivers_sha256": "SHA-256 of the source run's waivers file, if any.",
            "schools": "Schools in the source run.",
            "findings": "Findings in the source run.",
            "counts": "JSON: the source run's findings per status.",
            "superseded_by": "Set when another source of the same region was counted instead (its file name).",
        },
    ),
    "rollup_items": (
        "Per source run and requirement: counts of findings by status, and the source's own region finding.",
        {
            "id": "Row id.",
            "rollup_source": "The source run (rollup_sources.id).",
            "requirement_id": "Stable requirement id.",
            "scope": "school or region.",
            "level": "required, recommended, encouraged or permitted.",
            "jurisdiction": "Jurisdiction whose document the requirement comes from.",
            "text_zh": "The requirement in Chinese.",
            "text_en": "The requirement in English.",
            "expected": "The check in words.",
            "document": "Document number.",
            "clause": "Clause of the document.",
            "met": "Schools met.",
            "not_met": "Schools not met.",
            "unknown": "Schools unknown.",
            "not_applicable": "Schools outside the requirement.",
            "not_yet_due": "Schools not yet due.",
            "waived": "Schools waived.",
            "manual": "Schools that left a duty checked by hand unanswered (before issue 20: one row per run).",
            "adopted": "Schools that adopted an encouraged or permitted item.",
            "not_adopted": "Schools that did not adopt an encouraged or permitted item (never a failure).",
            "not_required": "Encouraged or permitted items with nothing to verify (one row per run).",
            "status": "For a region-level requirement: the source region's own finding.",
            "observed": "For a region-level requirement: what the source region observed (met/in scope).",
            "detail": "For a region-level requirement: why (unknown schools, …).",
            "in_progress": "Schools whose per-period count is below target while the period runs.",
            "provenance_counts": "JSON: the counts per status and provenance, e.g. {\"met:self_reported\": 20, "
                                 "\"met:verified\": 3}, carried upward unmixed.",
        },
    ),
    "rollup_targets": (
        "The rolled-up region's own region-level requirements, judged over all rolled-up schools.",
        {
            "id": "Row id.",
            "rollup_id": "The roll-up (rollups.id).",
            "requirement_id": "Stable requirement id.",
            "level": "required, recommended, encouraged or permitted.",
            "text_zh": "The requirement in Chinese.",
            "text_en": "The requirement in English.",
            "expected": "The check in words.",
            "target_share": "The share of schools the target asks for (0-1), if it is a share.",
            "deadline": "The target's deadline, if any.",
            "document": "Document number.",
            "clause": "Clause of the document.",
            "quote": "The document's own words.",
            "status": "met, not_met, unknown, not_applicable, not_yet_due or manual.",
            "observed": "Schools meeting / schools in scope, over all rolled-up schools.",
            "detail": "Why (unknown schools, …).",
        },
    ),
    "rollup_statuses": (
        "Per rolled-up school and target: how the school counts towards the region's own target (no facts copied).",
        {
            "rollup_source": "The source run (rollup_sources.id).",
            "school_id": "The school's identifier from the source run.",
            "requirement_id": "The target (rollup_targets.requirement_id).",
            "status": "met, not_met, unknown or not_applicable.",
        },
    ),
}

#: ``run_id`` left blank means the newest run.
RUN = "coalesce(nullif(:run_id, ''), (select max(id) from runs))"
#: ``rollup_id`` left blank means the newest roll-up.
ROLLUP = "coalesce(nullif(:rollup_id, ''), (select max(id) from rollups))"

QUERIES: dict[str, dict[str, str]] = {
    "schools_not_meeting_required": {
        "title": "Schools not meeting required items / 未达到必须项的学校",
        "description": "Per school, the required items found not met in a run (blank run_id: the newest run), most first.",
        "sql": f"""
select s.school_id, s.school_name, count(*) as required_not_met,
       group_concat(r.requirement_id, '; ') as requirements
from schools s
join findings_of_schools f on f.school = s.id and f.status = {Status.NOT_MET:d}
join requirements r on r.id = f.requirement
where s.run_id = {RUN} and r.level = 'required'
group by s.id
order by required_not_met desc, s.school_id
""".strip(),
    },
    "requirements_most_often_not_met": {
        "title": "Requirements most often not met / 最常未达到的要求",
        "description": "Per school-level requirement, how many schools do not meet it in a run (blank run_id: the newest), "
                       "with the share among decided findings.",
        "sql": f"""
select r.requirement_id, r.level, r.text_zh, r.text_en, r.expected,
       sum(case when c.status = {Status.NOT_MET:d} then c.n else 0 end) as not_met,
       sum(case when c.status = {Status.MET:d} then c.n else 0 end) as met,
       sum(case when c.status = {Status.UNKNOWN:d} then c.n else 0 end) as unknown,
       round(100.0 * sum(case when c.status = {Status.NOT_MET:d} then c.n else 0 end)
             / nullif(sum(case when c.status in ({Status.MET:d}, {Status.NOT_MET:d}, {Status.UNKNOWN:d}) then c.n else 0 end), 0), 1)
           as percent_not_met,
       r.document, r.clause
from requirements r
join requirement_counts c on c.requirement = r.id
where r.run_id = {RUN} and r.scope = 'school'
group by r.id
having not_met > 0
order by not_met desc, r.requirement_id
""".strip(),
    },
    "region_findings": {
        "title": "Region-level findings / 辖区层面结论",
        "description": "Findings on the region's own duties (education authority and others) in a run.",
        "sql": f"""
select r.requirement_id, r.level, st.name as status, r.expected, {observed_sql("f", "r", school=False)} as observed,
       {detail_sql("f", "r")} as detail, r.document, r.clause, r.duty_holder
from requirements r
join run_findings f on f.requirement = r.id
join statuses st on st.code = f.status
where r.run_id = {RUN} and r.scope != 'school'
order by r.requirement_id
""".strip(),
    },
    "school_findings": {
        "title": "One school's findings / 某校全部结论",
        "description": "Every finding for the school with this school_id in a run (blank run_id: the newest).",
        "sql": f"""
select r.requirement_id, r.level, st.name as status, pv.name as provenance, r.expected,
       {observed_sql("f", "r")} as observed, {detail_sql("f", "r")} as detail, r.document, r.clause, r.quote
from schools s
join findings_of_schools f on f.school = s.id
join requirements r on r.id = f.requirement
join statuses st on st.code = f.status
left join provenances pv on pv.code = f.provenance
where s.run_id = {RUN} and s.school_id = :school_id
order by r.requirement_id
""".strip(),
    },
    "subregions_below_target": {
        "title": "Counties below target / 未达到目标的下级辖区",
        "description": "Per target of the rolled-up region and sub-region: the share of its schools meeting the target "
                       "where it is below the target share (blank rollup_id: the newest roll-up), lowest first.",
        "sql": f"""
select t.requirement_id, s.region, s.region_name_zh, sum(st.status = 'met') as met,
       sum(st.status in ('met', 'not_met', 'unknown')) as in_scope,
       round(100.0 * sum(st.status = 'met') / nullif(sum(st.status in ('met', 'not_met', 'unknown')), 0), 1)
           as percent_met,
       round(100.0 * t.target_share, 1) as target_percent, s.as_of, s.source_file
from rollup_targets t
join rollup_sources s on s.rollup_id = t.rollup_id and s.superseded_by is null
join rollup_statuses st on st.rollup_source = s.id and st.requirement_id = t.requirement_id
where t.rollup_id = {ROLLUP} and t.target_share is not null
group by t.id, s.id
having sum(st.status = 'met') < t.target_share * sum(st.status in ('met', 'not_met', 'unknown'))
order by percent_met, s.region
""".strip(),
    },
    "rollup_items_most_often_not_met": {
        "title": "Items most often not met across sub-regions / 各辖区最常未达到的要求",
        "description": "Per required school-level item of a roll-up (blank rollup_id: the newest): schools not meeting "
                       "it across the counted sub-regions, and in how many sub-regions.",
        "sql": f"""
select i.requirement_id, min(i.text_zh) as text_zh, min(i.text_en) as text_en, sum(i.not_met) as not_met,
       sum(i.met) as met, sum(i.unknown) as unknown,
       round(100.0 * sum(i.not_met) / nullif(sum(i.met + i.not_met + i.unknown), 0), 1) as percent_not_met,
       sum(i.not_met > 0) as subregions_not_met, count(*) as subregions
from rollup_items i
join rollup_sources s on s.id = i.rollup_source and s.superseded_by is null
where s.rollup_id = {ROLLUP} and i.scope = 'school' and i.level = 'required'
group by i.requirement_id
having sum(i.not_met) > 0
order by not_met desc, i.requirement_id
""".strip(),
    },
    "rollup_sources": {
        "title": "Roll-up sources / 汇总来源",
        "description": "The source runs of a roll-up (blank rollup_id: the newest) with their provenance.",
        "sql": f"""
select region, region_name_zh, source_file, source_run, as_of, created, schools, facts_sha256, rules_sha256, plugins,
       superseded_by
from rollup_sources where rollup_id = {ROLLUP} order by region
""".strip(),
    },
    "runs_by_region": {
        "title": "Runs by region / 各辖区评估批次",
        "description": "Every run, newest first, with its status counts.",
        "sql": "select id, region, as_of, created, facts_file, schools, findings, counts from runs order by id desc",
    },
}


def disagreements_query(lang: str = "zh") -> dict[str, str]:
    """The canned query listing the self-reports an inspector's check
    contradicted in a run (blank run_id: the newest): school, item, the
    school's 自查 answer, the verified result, who checked and when, as
    :mod:`xinli.core.records.verification` counts them (a yes found not met,
    a no found met, a 不适用 the inspector checked).  Column labels and
    words in ``lang`` (Chinese under ``zh``, keys under ``en``).  It starts
    from the attested schools, so the findings index serves it."""
    from xinli.core import messages
    from xinli.core.assessment.statuses import STATUS_CODES, Provenance

    zh = lang == "zh"

    def label(key: str) -> str:
        return messages.column(key, "zh") if zh else key

    def word(text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

    answers = {"yes": "是", "no": "否", "not_applicable": "不适用"}
    answer = (f"case when v.answer = 1 then {word(answers['yes'] if zh else 'yes')} when v.answer = 0 then "
              f"{word(answers['no'] if zh else 'no')} else {word(answers['not_applicable'] if zh else 'not_applicable')} end")
    result = "case v.status " + " ".join(f"when {code:d} then {word(messages.status(name, 'zh') if zh else name)}"
                                         for name, code in sorted(STATUS_CODES.items(), key=lambda kv: kv[1])) + " end"
    yes = ", ".join(str(STATUS_CODES[s]) for s in ("met", "adopted"))
    no = ", ".join(str(STATUS_CODES[s]) for s in ("not_met", "not_adopted"))
    sql = f"""
select v.school_id as "{label('school_id')}", v.school_name as "{label('school_name')}",
       v.requirement_id as "{label('requirement_id')}", {answer} as "{label('self_report')}",
       {result} as "{label('result')}", a.checked_by as "{label('by')}", a.checked_on as "{label('on')}",
       a.evidence as "{label('evidence')}"
from (
    select s.school_id, s.school_name, r.requirement_id, f.status, u.region, u.as_of,
           json_extract(s.facts, '$[' || (select j.key from json_each(u.fact_columns) j
                                          where j.value = 'self:' || r.requirement_id) || ']') as answer
    from runs u
    join schools s on s.run_id = u.id and s.school_id in (
        select school_id from attestations where region = u.region and checked_on <= u.as_of)
    join findings_of_schools f on f.school = s.id and f.provenance = {int(Provenance.VERIFIED):d}
    join requirements r on r.id = f.requirement
    where u.id = {RUN}
) v
join attestations a on a.id = (
    select a2.id from attestations a2
    where a2.region = v.region and a2.requirement_id = v.requirement_id and a2.school_id = v.school_id
      and a2.checked_on <= v.as_of
    order by a2.checked_on desc, a2.id desc limit 1)
where v.answer is not null
  and not ((v.answer = 1 and v.status in ({yes})) or (v.answer = 0 and v.status in ({no})))
order by v.school_id, v.requirement_id
""".strip()
    return {
        "title": "Self-reports the check contradicted / 自查与核查不一致",
        "description": "Per school and item, the school's 自查 answer that an inspector's check (xinli attest) found "
                       "otherwise in a run (blank run_id: the newest): a yes found not met, a no found met, a 不适用 "
                       "checked; with who checked and when.",
        "sql": sql,
    }


# issue 20: the verification disagreements, labelled in Chinese (datasette_metadata(lang="en") gives keys)
QUERIES["self_report_disagreements"] = disagreements_query("zh")


#: The column Datasette shows in place of a foreign key's bare number: a
#: finding reads as its school's and its requirement's name.
LABEL_COLUMNS = {"schools": "school_name", "requirements": "text_zh", "runs": "region"}


def datasette_metadata(database: str, lang: str = "en", columns_of: Any = None) -> dict[str, Any]:
    """Datasette metadata for the records database named ``database`` (the
    file's stem): title, table and column descriptions, and the canned
    queries; the migrations table is hidden.

    Under ``lang`` ``zh`` the title, the tables' and queries' descriptions
    and the queries' titles are Chinese, and, given ``columns_of`` (the
    result columns of a query's SQL, asked of the database), each canned
    query shows Chinese column labels and its statuses, levels and
    provenance as words (:func:`localised_sql`).  Every column of every
    table and view is described in Chinese (``messages.BROWSE_COLUMN_NOTES``);
    a column added to :data:`TABLES` without a note would show its English
    description, which ``tests/test_serve.py`` refuses.  The disagreements
    query labels its own columns, and its title and description are
    localised like the others'.  Under ``en`` everything is as in
    :data:`TABLES` and :data:`QUERIES` (titles keep both languages)."""
    from xinli.core import messages

    zh = lang != "en"
    def column_notes(table: str, columns: dict[str, str]) -> dict[str, str]:
        if not zh:
            return dict(columns)
        return {column: messages.BROWSE_COLUMN_NOTES.get(f"{table}.{column}", note) for column, note in columns.items()}

    tables: dict[str, Any] = {
        name: {"description": (messages.BROWSE_TABLES.get(name, description) if zh else description),
               "columns": column_notes(name, columns)}
        for name, (description, columns) in TABLES.items()
    }
    for name, column in LABEL_COLUMNS.items():
        tables[name]["label_column"] = column
    tables["_sqlite_migrations"] = {"hidden": True}
    # the disagreements query labels its own columns in the language (issue 20)
    own = {"self_report_disagreements": disagreements_query(lang if zh else "en")}
    queries = {}
    for name, query in {**QUERIES, **own}.items():
        entry = dict(query)
        if zh:
            entry["title"] = query["title"].split(" / ", 1)[-1] if lang == "zh" else query["title"]
            entry["description"] = messages.BROWSE_QUERIES.get(name, query["description"])
            if columns_of is not None and name not in own:
                entry["sql"] = localised_sql(query["sql"], columns_of(query["sql"]), lang)
        queries[name] = entry
    words = {key: messages.pick(pair, lang if zh else "en") for key, pair in messages.BROWSE_WORDS.items()}
    return {
        "title": words["title"],
        "description": words["description"],
        "databases": {
            database: {
                "description": words["database"],
                "tables": tables,
                "queries": queries,
            }
        },
    }


#: Result columns whose stored keys are shown as words.
WORDED = {"status": "status", "level": "level", "provenance": "value", "scope": "scope"}


def localised_sql(sql: str, columns: list[str], lang: str) -> str:
    """``sql`` wrapped in a select that labels each result column in
    ``lang`` and shows statuses, levels, scopes and provenance as words
    (a ``case`` over the catalogue's labels: nothing is added to the
    database)."""
    from xinli.core import messages
    from xinli.core import vocabulary as vocab

    def quoted(text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

    def ident(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    tables = {"status": {**messages.STATUS_LABELS, **messages.BROWSE_VALUES}, "level": vocab.LEVELS,
              "value": messages.BROWSE_VALUES, "scope": messages.SCOPES}
    def shown(words: dict[str, Any], key: str, pair: Any) -> str:
        return vocab.label(words, key, lang) if words is vocab.LEVELS else messages.pick(pair, lang)

    parts = []
    for column in columns:
        label = messages.pick(messages.BROWSE_COLUMNS[column], lang) if column in messages.BROWSE_COLUMNS else column
        expression = ident(column)
        if column in WORDED:
            words = tables[WORDED[column]]
            cases = " ".join(f"when {quoted(key)} then {quoted(shown(words, key, pair))}" for key, pair in words.items())
            expression = f"case {ident(column)} {cases} else {ident(column)} end"
        parts.append(f"{expression} as {ident(label)}")
    return f"select {', '.join(parts)}\nfrom (\n{sql}\n)"
