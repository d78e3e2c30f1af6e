"""The fast evaluator (``SchoolEvaluator.compact_rows``) stages exactly what
the readable one (``rows``, then ``compact_row`` and ``staged_row``) would, for every bundled
region, grade band, unknown fact, waiver and attestation."""

from __future__ import annotations

import datetime as dt
import random

import attrs
import pytest

from xinli.core.assessment.assess import SchoolEvaluator, compile_requirements
from xinli.core.assessment.facts import School, columns_for
from xinli.core.assessment.metrics import collect_metrics
from xinli.core.assessment.statuses import compact_row, staged_row
from xinli.core.assessment.waivers import Waiver
from xinli.core.layering import chain_of

BANDS = [(1, 2, 3, 4, 5, 6), (7, 8, 9), (10, 11, 12), tuple(range(1, 10)), tuple(range(7, 13)), tuple(range(1, 13)), (9,)]
REGIONS = ["henan", "nanchang", "sichuan_quxian", "chongqing_dadukou", "chongqing_qijiang"]


def _value(rng: random.Random, metric_type: str | None, unit: str | None) -> object:
    if rng.random() < 0.1:
        return None
    if metric_type == "self":  # a 自查 answer: yes, no, not applicable (blank above)
        return rng.choice([True, False, "na"])
    if metric_type == "evidence":
        return "folder 3"
    if metric_type in (None, "boolean"):
        return rng.random() < 0.5
    if unit == "share":
        return rng.choice([0.0, 0.25, 0.5, 0.8, 1.0, 1, 0])
    if metric_type == "number":
        return rng.choice([0.0, 1.5, 2.0, 12.0, 0.3])
    if metric_type == "date":
        return rng.choice(["2024-09-01", "2026-01-15"])
    return rng.randint(0, 20)


@pytest.mark.parametrize("region", REGIONS)
@pytest.mark.parametrize("as_of", [dt.date(2026, 11, 1), dt.date(2024, 1, 1)])
def test_compact_rows_equal_the_readable_rows(registry, region, as_of):
    from xinli.core.views.checklist import build_checklist

    checklist = build_checklist(registry, region, as_of)
    if not checklist["items"]:
        pytest.skip(f"no rules of {region} in force on {as_of}")
    columns = columns_for(checklist, collect_metrics(registry, chain_of(registry, region)[0]))
    from xinli.core.assessment.periods import periods_for

    compiled = compile_requirements(checklist, columns, as_of, periods_for(as_of))
    # no bundled school check has a deadline yet: give every third one a deadline after the as-of date
    later = as_of + dt.timedelta(days=90)
    compiled = [attrs.evolve(req, deadline=later) if req.scope == "school" and i % 3 == 0 else req
                for i, req in enumerate(compiled)]
    kinds = ([(None, None)] * len(columns.attributes) + [(m.type, m.unit) for m in columns.metrics]
             + [("self", None)] * len(columns.self_checks) + [("evidence", None)] * len(columns.evidence))
    rng = random.Random(f"{region}{as_of}")
    schools = [School(n + 2, f"S{n}", "", rng.choice(BANDS), tuple(_value(rng, *kind) for kind in kinds))
               for n in range(300)]
    school_items = [req.id for req in compiled if req.scope == "school"]
    manual_items = [req.id for req in compiled if req.scope == "manual"]
    waivers = {}
    for school in schools[:40:3]:
        item = rng.choice(school_items)
        start = as_of - dt.timedelta(days=rng.choice([10, -5]))  # some not yet in force
        waivers[(school.school_id, item)] = Waiver(school.school_id, item, "renovation", "county bureau",
                                                   start, as_of + dt.timedelta(days=30))
    attestations = {}
    for school in schools[50:80:4]:
        if manual_items:
            item = rng.choice(manual_items)
            attestations[(school.school_id, item)] = {"result": rng.choice(["met", "not_met"]), "checked_by": "inspector",
                                                      "checked_on": "2026-10-01", "evidence": rng.choice(["", "minutes"])}
    for waivers_now, attested in ((waivers, attestations), ({}, {})):
        evaluator = SchoolEvaluator(compiled, as_of, waivers_now, attested)
        prepared = evaluator.prepare({req.id: req.index for req in compiled})
        deadlines = {req.index: req.deadline.isoformat() for req in compiled if req.deadline}
        expected_details = []
        for index, school in enumerate(schools):
            staged = [(row, staged_row(compact_row(row, deadlines))) for row in evaluator.rows(school, index, 0, prepared)]
            expected = [values for _row, (values, _detail) in staged]
            expected_details += [(index, row[2], detail) for row, (_values, detail) in staged if detail is not None]
            got = evaluator.compact_rows(school, index, prepared)
            assert got == expected
            assert [type(row[2]) for row in got] == [type(row[2]) for row in expected]
        assert evaluator.details == expected_details
        assert bool(expected_details) == bool(waivers_now or attested)

