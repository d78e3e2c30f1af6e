"""Assessing schools' facts against a region's checklist.

Each applicable requirement becomes a finding for each school:
``met``, ``not_met``, ``unknown`` (fact missing), ``not_applicable`` (grades
or attributes put the school outside it), ``not_yet_due`` (deadline after the
as-of date), ``waived`` or ``manual`` (no machine check).  Requirements that
bind the education authority to a share of its schools (``count_per`` =
``region``) and authority duties without a check become region findings.
A region target an ancestor sets over all of its own schools (``scope`` =
``jurisdiction``) is not measured in a sub-region's run: it is reported
``not_applicable`` with "measured at province level".

The evaluation works on compiled requirements and tuples so that a whole
province (100,000 schools) streams through without building everything in
memory.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterator
from fractions import Fraction
from typing import Any

from attrs import define, frozen

from xinli.core.assessment.facts import FactColumns, School
from xinli.core.assessment.waivers import Waiver
from xinli.core.model import parse_share

STATUSES = ("met", "not_met", "unknown", "not_applicable", "not_yet_due", "waived", "manual")
CONDITION_OPS = {"==": operator.eq, ">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt}


@frozen
class CompiledRequirement:
    """What the evaluator needs of one checklist item."""

    index: int
    id: str
    scope: str  # "school" or "region"
    grades: frozenset[int]
    conditions: tuple[tuple[int, Any, Any], ...]  # (column index, op function, value)
    metric_index: int | None
    test: Any  # callable(observed) -> bool, or None
    expected: str
    deadline: dt.date | None
    region_share: Fraction | None
    measured_elsewhere: str | None = None


def expected_text(check: dict[str, Any] | None) -> str:
    """A check's expectation in a short stable form, e.g. ``>= 12 lessons per_semester``."""
    if not check:
        return "manual"
    op, value = check["op"], check["value"]
    if op == "true":
        text = "true"
    elif op == "between":
        text = f"between {value[0]} and {value[1]}"
    else:
        text = f"{op} {value}"
    if check["unit"] and op != "true":
        text += f" {check['unit']}"
    if check["per"]:
        text += f" {check['per']}"
    return text


def _test_for(check: dict[str, Any]) -> Any:
    op, value = check["op"], check["value"]
    if op == "true":
        return lambda observed: observed is True
    if op == "between":
        low, high = value
        return lambda observed: low <= observed <= high
    target = float(parse_share(value)) if isinstance(value, str) else value
    compare = {">=": operator.ge, "<=": operator.le, "==": operator.eq}[op]
    return lambda observed: compare(observed, target)


def _region_test(observed: Any) -> bool:
    """A school counts towards a region-level share when its fact is true
    (or a positive count)."""
    return bool(observed)


def compile_requirements(checklist: dict[str, Any], columns: FactColumns) -> list[CompiledRequirement]:
    """Prepare every checklist item for fast evaluation against ``columns``."""
    keys = columns.attributes + [m.key for m in columns.metrics]
    position = {key: i for i, key in enumerate(keys)}
    compiled = []
    here = checklist["region"]["code"]
    levels = {p["code"]: p["level"] for p in checklist["region"].get("parents", [])}
    for index, item in enumerate(checklist["items"]):
        check = item["check"]
        region_check = bool(check) and check["count_per"] == "region"
        if region_check:
            scope = "region"
        elif check:
            scope = "school"
        else:
            scope = "school" if item["school_duty"] else "region"
        conditions = tuple(
            (position[c["attribute"]], CONDITION_OPS[c["op"]], c["value"]) for c in item["applies_if"] or ()
        )
        share = None
        elsewhere = None
        owner = item["citation"]["jurisdiction"]
        if region_check and check.get("scope") == "jurisdiction" and owner != here:
            level = levels.get(owner, "ancestor")
            elsewhere = f"measured at {level} level ({owner}): a target over all of its schools, not this region's alone"
        if region_check:
            share = parse_share(check["value"]) if isinstance(check["value"], str) else Fraction(1)
        compiled.append(
            CompiledRequirement(
                index=index,
                id=item["id"],
                scope=scope,
                grades=frozenset(item["grades"]),
                conditions=conditions,
                metric_index=position[check["metric"]] if check else None,
                test=_region_test if region_check else (_test_for(check) if check else None),
                expected=expected_text(check),
                deadline=dt.date.fromisoformat(item["deadline"]) if item["deadline"] else None,
                region_share=share,
                measured_elsewhere=elsewhere,
            )
        )
    return compiled


def observed_text(value: Any) -> str | None:
    """An observed fact as stored text (None when unknown)."""
    if value is None:
        return None
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@define
class SchoolEvaluator:
    """Evaluates one school at a time against the school-scope requirements.

    The per-run constants (deadline passed or not, row ids) are worked out
    once in :meth:`prepare`, so the per-school loop does only what depends
    on the school.
    """

    requirements: list[CompiledRequirement]
    as_of: dt.date
    waivers: dict[tuple[str, str], Waiver]

    def prepare(self, row_ids: dict[str, int]) -> list[tuple[Any, ...]]:
        """The school-scope requirements as tuples for the hot loop:
        ``(row id, grades, conditions, id, due later, metric index, test)``."""
        return [
            (row_ids[req.id], req.grades, req.conditions, req.id,
             req.deadline is not None and req.deadline > self.as_of, req.metric_index, req.test, req.deadline)
            for req in self.requirements
            if req.scope == "school"
        ]

    def rows(self, school: School, school_row: int, run_id: int, prepared: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        """The finding rows of one school, ready to insert."""
        return [(run_id, school_row, row_id, status, observed, detail)
                for row_id, status, observed, detail in self._statuses(school, prepared)]

    def _statuses(self, school: School, prepared: list[tuple[Any, ...]]) -> Iterator[tuple[int, str, str | None, str | None]]:
        grades = school.grades
        values = school.values
        waivers = self.waivers
        for row_id, req_grades, conditions, req_id, due_later, metric_index, test, deadline in prepared:
            if req_grades.isdisjoint(grades):
                yield row_id, "not_applicable", None, "grades"
                continue
            outside = False
            unknown_condition = False
            for column, op, value in conditions:
                actual = values[column]
                if actual is None:
                    unknown_condition = True
                elif not op(actual, value):
                    outside = True
                    break
            if outside:
                yield row_id, "not_applicable", None, "attributes"
                continue
            if waivers:
                waiver = waivers.get((school.school_id, req_id))
                if waiver is not None and waiver.active(self.as_of):
                    yield row_id, "waived", None, f"{waiver.justification} ({waiver.approved_by}, until {waiver.expiry})"
                    continue
            if due_later:
                yield row_id, "not_yet_due", None, f"due {deadline}"
                continue
            if unknown_condition:
                yield row_id, "unknown", None, "school attribute unknown"
                continue
            if metric_index is None:
                yield row_id, "manual", None, None
                continue
            observed = values[metric_index]
            if observed is None:
                yield row_id, "unknown", None, None
            elif test(observed):
                yield row_id, "met", observed_text(observed), None
            else:
                yield row_id, "not_met", observed_text(observed), None


def region_school_status(req: CompiledRequirement, grades: Any, values: Any) -> str:
    """How one school counts towards a region-level target: ``not_applicable``
    (outside the rule's grades or known attributes), ``unknown`` (fact
    missing), ``met`` or ``not_met``.  Shared by assessment and roll-up so a
    province-wide share counts schools exactly as a county's does."""
    if set(grades).isdisjoint(req.grades):
        return "not_applicable"
    if any(values[c] is not None and not op(values[c], v) for c, op, v in req.conditions):
        return "not_applicable"
    value = values[req.metric_index]
    if value is None:
        return "unknown"
    return "met" if req.test(value) else "not_met"


def region_verdict(req: CompiledRequirement, meeting: int, applicable: int, unknown: int
                   ) -> tuple[str, str | None, str | None]:
    """A region-level target's finding from its tallies: ``(status,
    observed, detail)``; unknown when the unknown schools could tip it."""
    if applicable == 0:
        return "not_applicable", None, "no school in scope"
    share = Fraction(meeting, applicable)
    observed = f"{meeting}/{applicable}"
    detail = f"{unknown} school(s) unknown" if unknown else None
    if share >= req.region_share:
        return "met", observed, detail
    if Fraction(meeting + unknown, applicable) >= req.region_share:
        return "unknown", observed, detail
    return "not_met", observed, detail


def evaluate_region(requirements: list[CompiledRequirement], schools: list[School], as_of: dt.date
                    ) -> list[tuple[CompiledRequirement, str, str | None, str | None]]:
    """Region findings: shares of schools meeting a region-level target, and
    authority duties without a machine check (``manual``)."""
    findings = []
    for req in requirements:
        if req.scope != "region":
            continue
        if req.measured_elsewhere is not None:
            findings.append((req, "not_applicable", None, req.measured_elsewhere))
            continue
        if req.deadline is not None and req.deadline > as_of:
            findings.append((req, "not_yet_due", None, f"due {req.deadline}"))
            continue
        if req.region_share is None or req.metric_index is None:
            findings.append((req, "manual", None, None))
            continue
        tally = {"met": 0, "not_met": 0, "unknown": 0, "not_applicable": 0}
        for school in schools:
            tally[region_school_status(req, school.grades, school.values)] += 1
        applicable = tally["met"] + tally["not_met"] + tally["unknown"]
        findings.append((req, *region_verdict(req, tally["met"], applicable, tally["unknown"])))
    return findings
