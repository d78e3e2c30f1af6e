"""What ``xinli serve`` tells Datasette about the records database: a title,
table and column descriptions, and canned queries.

The queries take an optional ``run_id``; left blank they read the newest
run.  They start from ``requirements`` (which belong to one run) so that
the single index on ``findings`` (requirement, status) serves them.
"""

from __future__ import annotations

from typing import Any

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
            "facts": "JSON: the school's known facts as read (attributes and metrics); a fact left out is unknown.",
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
            "scope": "school (judged per school) or region (judged once for the region).",
            "text_zh": "The requirement in Chinese.",
            "text_en": "The requirement in English.",
            "jurisdiction": "Jurisdiction whose document it comes from.",
            "document": "Document number (or identifier).",
            "clause": "Clause of the document, e.g. 二、2.",
            "quote": "The document's own words.",
            "expected": "The check in words, e.g. >= 12 lessons per_school_year; 'manual' when checked by hand.",
        },
    ),
    "findings": (
        "One row per school and requirement (and per region-level requirement): the status found.",
        {
            "id": "Row id.",
            "run_id": "The run (runs.id).",
            "school": "The school (schools.id); null for a region-level finding.",
            "requirement": "The requirement (requirements.id).",
            "status": "met, not_met, unknown, not_applicable, not_yet_due, waived or manual.",
            "observed": "The fact observed, as text.",
            "detail": "Why: a waiver's justification, why a fact is unknown, …",
        },
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
    "finding_details": (
        "Findings joined with their school and requirement, ready to filter and facet.",
        {
            "run_id": "The run (runs.id).",
            "school_id": "The school's identifier; null for a region-level finding.",
            "school_name": "The school's name.",
            "requirement_id": "Stable requirement id.",
            "scope": "school or region.",
            "level": "required, recommended, encouraged or permitted.",
            "status": "met, not_met, unknown, not_applicable, not_yet_due, waived or manual.",
            "expected": "The check in words.",
            "observed": "The fact observed.",
            "detail": "Why (waiver justification, unknown fact, …).",
            "document": "Document number.",
            "clause": "Clause of the document.",
            "quote": "The document's own words.",
        },
    ),
}

#: ``run_id`` left blank means the newest run.
RUN = "coalesce(nullif(:run_id, ''), (select max(id) from runs))"

QUERIES: dict[str, dict[str, str]] = {
    "schools_not_meeting_required": {
        "title": "Schools not meeting required items / 未达到必须项的学校",
        "description": "Per school, the required items found not met in a run (blank run_id: the newest run), most first.",
        "sql": f"""
select s.school_id, s.school_name, count(*) as required_not_met,
       group_concat(r.requirement_id, '; ') as requirements
from requirements r
join findings f on f.requirement = r.id and f.status = 'not_met'
join schools s on s.id = f.school
where r.run_id = {RUN} and r.level = 'required'
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
       sum(f.status = 'not_met') as not_met,
       sum(f.status = 'met') as met,
       sum(f.status = 'unknown') as unknown,
       round(100.0 * sum(f.status = 'not_met') / nullif(sum(f.status in ('met', 'not_met', 'unknown')), 0), 1)
           as percent_not_met,
       r.document, r.clause
from requirements r
join findings f on f.requirement = r.id
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
select r.requirement_id, r.level, f.status, r.expected, f.observed, f.detail, r.document, r.clause
from requirements r
join findings f on f.requirement = r.id and f.school is null
where r.run_id = {RUN}
order by r.requirement_id
""".strip(),
    },
    "school_findings": {
        "title": "One school's findings / 某校全部结论",
        "description": "Every finding for the school with this school_id in a run (blank run_id: the newest).",
        "sql": f"""
select r.requirement_id, r.level, f.status, r.expected, f.observed, f.detail, r.document, r.clause, r.quote
from schools s
join findings f on f.school = s.id
join requirements r on r.id = f.requirement
where s.run_id = {RUN} and s.school_id = :school_id
order by r.requirement_id
""".strip(),
    },
    "runs_by_region": {
        "title": "Runs by region / 各辖区评估批次",
        "description": "Every run, newest first, with its status counts.",
        "sql": "select id, region, as_of, created, facts_file, schools, findings, counts from runs order by id desc",
    },
}


#: The column Datasette shows in place of a foreign key's bare number: a
#: finding reads as its school's and its requirement's name.
LABEL_COLUMNS = {"schools": "school_name", "requirements": "text_zh", "runs": "region"}


def datasette_metadata(database: str) -> dict[str, Any]:
    """Datasette metadata for the records database named ``database`` (the
    file's stem): title, table and column descriptions, and the canned
    queries; the migrations table is hidden."""
    tables: dict[str, Any] = {
        name: {"description": description, "columns": dict(columns)} for name, (description, columns) in TABLES.items()
    }
    for name, column in LABEL_COLUMNS.items():
        tables[name]["label_column"] = column
    tables["_sqlite_migrations"] = {"hidden": True}
    return {
        "title": "xinli assessment records",
        "description": "School-level findings of xinli assessments: runs, schools, the requirements applied and the "
                       "status found for each. No student data.",
        "databases": {
            database: {
                "description": "Assessment records written by `xinli assess`.",
                "tables": tables,
                "queries": {name: dict(query) for name, query in QUERIES.items()},
            }
        },
    }
