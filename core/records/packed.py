"""How a run's findings are stored (migration ``m009_packed_findings``).

A province's run has a finding for every school and duty: 3.7 million for
100,000 Henan schools.  Written as rows, copying them under the write lock
cost more than the rest of the run together.  So a school's findings are
packed on its own ``schools`` row, written with it:

- ``schools.finding_codes``: a JSON array with one integer per finding, in
  the run's requirement order; each integer packs the requirement (its
  offset from ``runs.first_requirement``), the provenance, a detail flag,
  the reason and the status (:func:`xinli.core.assessment.statuses.staged_row`);
- ``schools.finding_observed``: the observed values, aligned with the codes
  (NULL when every one is null);
- ``finding_texts``: the few detail texts of school findings (a waiver's
  justification, an attestation's note), by school and requirement row.

The findings of the run itself (authority duties, the manual placeholders)
are rows of ``run_findings``.  Two views show the familiar one row per
finding: ``findings_of_schools`` (one plain join, which SQLite flattens into a
query joining it by school, so a school's findings are read through the
primary key) and ``findings`` (those and the run's own).
"""

from __future__ import annotations

from xinli.core.assessment.statuses import (
    DETAIL_FLAG,
    PROVENANCE_MASK,
    PROVENANCE_SHIFT,
    REASON_SHIFT,
    REQUIREMENT_SHIFT,
    STATUS_MASK,
)

#: One row per school finding, decoded from the packed columns.  Observed
#: values are picked with ``json_extract`` (not ``->>``), so the view parses
#: in every SQLite with JSON support, not only 3.38 and later.
SCHOOL_FINDINGS_SQL = f"""
select s.run_id as run_id, s.id as school,
       u.first_requirement + (j.value >> {REQUIREMENT_SHIFT}) as requirement,
       j.value & {STATUS_MASK} as status,
       json_extract(s.finding_observed, '$[' || j.key || ']') as observed,
       nullif((j.value >> {REASON_SHIFT}) & {STATUS_MASK}, 0) as reason,
       case when j.value & {DETAIL_FLAG} then (select t.detail from finding_texts t
            where t.school = s.id and t.requirement = u.first_requirement + (j.value >> {REQUIREMENT_SHIFT})) end
         as detail,
       coalesce(nullif((j.value >> {PROVENANCE_SHIFT}) & {PROVENANCE_MASK}, 0), 1) as provenance
from schools s join runs u on u.id = s.run_id, json_each(s.finding_codes) j
"""

#: Every finding: the schools' and the run's own (``school`` NULL).
FINDINGS_SQL = """
select run_id, school, requirement, status, observed, reason, detail, provenance from findings_of_schools
union all
select run_id, null, requirement, status, observed, reason, detail, provenance from run_findings
"""


def pack(offset: int, status: int, reason: int | None, provenance: int | None, detail: bool) -> int:
    """One finding's packed code (provenance 1, measured, packs as 0)."""
    code = offset << REQUIREMENT_SHIFT | status | (reason or 0) << REASON_SHIFT
    if provenance and provenance != 1:
        code |= provenance << PROVENANCE_SHIFT
    if detail:
        code |= DETAIL_FLAG
    return code
