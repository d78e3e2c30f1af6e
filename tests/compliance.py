"""Shared machinery of the per-plugin compliance tables
(``tests/test_compliance_<code>.py``).

Each table row names a clause, an item with a machine check, a school that
complies in the least convenient way the document allows (the minimum
figure, in the allowed subset of grades, with the event absent) and a school
just below it.  :func:`verdict` runs one school through the same compile and
evaluate steps ``xinli assess`` uses: a school-scope item gives that school's
finding; a region-scope item (an authority's duty) gives the region finding
over that one school, and never a school finding.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from attrs import frozen

from xinli.core.assessment.assess import SchoolEvaluator, compile_requirements, evaluate_region
from xinli.core.assessment.facts import School, columns_for
from xinli.core.assessment.metrics import collect_metrics
from xinli.core.registry import Registry

AS_OF = dt.date(2026, 11, 1)


@frozen
class Case:
    """One row: the clause, the item, the school's grades and facts that
    comply in the least convenient allowed way, facts just below, and the
    finding expected for each."""

    clause: str
    item: str
    grades: str
    complies: dict[str, Any]
    below: dict[str, Any] | None
    why: str
    expect_complies: tuple[str, ...] = ("met", "not_applicable")
    expect_below: str = "not_met"


def param(case: Case) -> Any:
    """A pytest parameter whose id names the clause, the item and the reading."""
    return pytest.param(case, id=f"{case.clause} {case.item.split('.', 1)[1]}: {case.why}")


def grades_of(text: str) -> tuple[int, ...]:
    from xinli.core.assessment.facts import parse_grades

    return parse_grades(text)


def verdict(registry: Registry, checklist: dict[str, Any], item_id: str, grades: str,
            facts: dict[str, Any]) -> tuple[str, str]:
    """``(scope, status)`` of ``item_id`` for one school with ``grades`` and
    ``facts`` (column key -> value; every key must be a column the region's
    facts template asks for)."""
    columns = columns_for(checklist, collect_metrics(registry))
    keys = columns.attributes + [m.key for m in columns.metrics]
    unknown = set(facts) - set(keys)
    assert not unknown, f"not columns of this region's facts template: {sorted(unknown)}"
    school = School(2, "S1", "", grades_of(grades), tuple(facts.get(k) for k in keys))
    (req,) = [c for c in compile_requirements(checklist, columns) if c.id == item_id]
    if req.scope == "region":
        ((_req, status, _observed, _detail),) = evaluate_region([req], [school], AS_OF)
        return "region", status
    evaluator = SchoolEvaluator([req], AS_OF, {})
    rows = evaluator.rows(school, 1, 1, evaluator.prepare({req.id: 1}))
    assert len(rows) == 1
    return "school", rows[0][3]


def machine_checked(checklist: dict[str, Any]) -> set[str]:
    """Ids of the region's own items that carry a machine check."""
    code = checklist["region"]["code"]
    return {i["id"] for i in checklist["items"] if i["check"] and i["source"] == code}


def assert_case(registry: Registry, checklist: dict[str, Any], case: Case) -> None:
    """The compliant school is met (or not applicable), the one just below not met."""
    item = next(i for i in checklist["items"] if i["id"] == case.item)
    assert item["citation"]["clause"].startswith(case.clause), (item["citation"]["clause"], case.clause)
    scope, status = verdict(registry, checklist, case.item, case.grades, case.complies)
    assert status in case.expect_complies, f"a compliant school ({case.why}) is {status}"
    if case.below is not None:
        _scope, below = verdict(registry, checklist, case.item, case.grades, case.below)
        assert below == case.expect_below, f"the school just below is {below}"
    if item["assessed_at"] == "region":
        assert scope == "region", "an authority's duty is never a school's finding"
