"""Assessing schools' facts against a region's checklist.

Who is assessed follows the duty holder.  A school duty with a machine check
becomes a finding for each school: ``met``, ``not_met``, ``unknown`` (fact
missing), ``not_applicable`` (grades, attributes or an event that did not
happen put the school outside it), ``not_yet_due`` (deadline after the as-of
date), ``waived`` or ``in_progress`` (a per-period count below target while
its period runs).  A school duty without a machine check is each school's
own row too: its 自查 answer (provenance ``self_reported``), an inspector's
attestation (``verified``), or ``manual`` (``unanswered``).  A blank event
or attribute is unknown, never a reason for 不适用.  Duties of
the education authority and other non-school bodies, and targets over a
share of the region's schools (``count_per`` = ``region``), are one region
finding per run, never a school's.  Recommended, encouraged and permitted
items are ``adopted`` / ``not_adopted`` (``not_required`` without a check
for encouraged and permitted ones), never ``not_met``: only required items
can fail.  A region target an ancestor sets over all of its own schools
(``scope`` = ``jurisdiction``) is not measured in a sub-region's run: it is
reported ``not_applicable`` with "measured at province level".

The evaluation works on compiled requirements and tuples so that a whole
province (100,000 schools) streams through without building everything in
memory.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterator
from fractions import Fraction
from typing import Any

from attrs import define, field, frozen

from xinli.core import vocabulary as vocab
from xinli.core.assessment.facts import FactColumns, School
from xinli.core.assessment.statuses import (
    PROVENANCE_SHIFT,
    REASON_SHIFT,
    REQUIREMENT_SHIFT,
    STATUS_CODES,
    Provenance,
    Reason,
    Status,
    compact_row,
    staged_row,
    typed_observed,
)
from xinli.core.assessment.statuses import STATUSES as _STATUSES
from xinli.core.assessment.waivers import Waiver
from xinli.core.model import _to_node, evaluate_conditions, parse_share

#: Every finding status, in a fixed order (new statuses are appended, so a
#: status's position never changes).
STATUSES = _STATUSES  # defined with their stored codes in xinli.core.assessment.statuses
#: Statuses of recommended, encouraged and permitted items: never failures, never in not-met counts or shares met.
OPTIONAL_STATUSES = ("adopted", "not_adopted", "not_required")
#: Levels whose items are adopted or not, never met or not met: only required items can fail (issue 20).
ADVISORY_LEVELS = frozenset(vocab.OPTIONAL_LEVELS | {"recommended"})
#: What an optional item's outcome is called.
OPTIONAL_OUTCOME = {"met": "adopted", "not_met": "not_adopted", "manual": "not_required"}


@frozen
class CompiledRequirement:
    """What the evaluator needs of one checklist item.

    ``scope`` is ``school`` (a machine check per school), ``manual`` (a
    school duty checked by hand: one row per run plus attested schools) or
    ``region`` (one finding per run)."""

    index: int
    id: str
    scope: str
    grades: frozenset[int]
    condition: Callable[[tuple[Any, ...], Any], bool | None] | None
    event_index: int | None
    metric_index: int | None
    test: Any  # callable(observed) -> bool, or None
    expected: str
    deadline: dt.date | None
    region_share: Fraction | None
    optional: bool = False
    check_grades: frozenset[int] | None = None
    #: the fact columns (indices) deciding whether the item applies: condition attributes, ``vocational``, the event
    reads: tuple[int, ...] = ()
    measured_elsewhere: str | None = None
    #: an any-of check: ``(fact column index, test, when condition or None, floor column or None)`` per alternative
    any_of: tuple[tuple[int, Any, Any, int | None], ...] | None = None
    #: ``kinds(values, grades)``: why the school's kinds put it outside the item
    #: (``outside the document``, ``school kind``) or None; None when the item names no kinds
    kinds: Callable[[tuple[Any, ...], Any], str | None] | None = None
    #: a check on a figure the region reports about itself (judged from the region's own facts)
    region_reported: bool = False
    #: a declared relation (``at_most``) giving a floor when the fact is blank:
    #: ``(column index of the smaller fact, test of the floor)``; met when the floor already passes
    floor: tuple[int, Any] | None = None
    #: a manual item's 自查 column (index into the school's values), answered 是/否/不适用
    answer_index: int | None = None
    #: a per-period count whose period is still running on the as-of date: below target is in progress
    running: bool = False
    #: the item's level
    level: str = "required"
    #: a duty done once by its deadline (``one_off``), and whether that deadline
    #: lies before the as-of date: then it is history, ``not_applicable``
    #: with "one-off duty past", for every school and the region alike
    one_off: bool = False
    one_off_past: bool = False
    #: the fact columns (indices) ``kinds`` reads besides grades: ``vocational``, ``special_education``
    kind_reads: tuple[int, ...] = ()


def expected_text(check: dict[str, Any] | None, labels: dict[str, Any] | None = None) -> str:
    """A check's expectation in a short stable form, e.g. ``>= 12 lessons
    per_semester``; an any-of check's alternatives as ``[metric] expected
    or [metric] expected``, where a metric only a plugin declares carries
    its labels from ``labels`` (key to :class:`Metric`): ``[key|中文|English]``,
    so a report reads it in words without the plugin installed."""
    if not check:
        return "manual"
    if check.get("any"):
        return " or ".join(f"[{_metric_tag(alt['metric'], labels)}] {expected_text({**alt, 'any': None})}"
                           for alt in check["any"])
    op, value = check["op"], check["value"]
    if op == "true":
        text = "true"
    elif op == "between":
        binds = check.get("binds") or "low"
        text = {"low": f">= {value[0]} (range {value[0]}-{value[1]}, lower end binds)",
                "high": f"<= {value[1]} (range {value[0]}-{value[1]}, upper end binds)",
                "both": f"between {value[0]} and {value[1]}"}[binds]
    else:
        text = f"{op} {value}"
    if check["unit"] and op != "true":
        text += f" {check['unit']}"
    if check["per"]:
        text += f" {check['per']}"
    if check.get("grades"):
        from xinli.core.assessment.facts import format_grades

        text += f" in grades {format_grades(check['grades'])}" + (" (one chosen grade)" if check.get("grades_mode") == "any" else "")
    return text


def _test_for(check: dict[str, Any]) -> Any:
    op, value = check["op"], check["value"]
    if op == "true":
        return lambda observed: observed is True
    if op == "between":
        low, high = value
        binds = check.get("binds") or "low"
        if binds == "low":
            return lambda observed: observed >= low
        if binds == "high":
            return lambda observed: observed <= high
        return lambda observed: low <= observed <= high
    target = float(parse_share(value)) if isinstance(value, str) else value
    compare = {">=": operator.ge, "<=": operator.le, "==": operator.eq}[op]
    return lambda observed: compare(observed, target)


def _region_test(observed: Any) -> bool:
    """A school counts towards a region-level share when its fact is true
    (or a positive count)."""
    return bool(observed)


def _compile_condition(applies_if: list[dict[str, Any]] | None, position: dict[str, int],
                       due_facilities: frozenset[str] = frozenset()) -> tuple[Any, tuple[int, ...]]:
    """The item's conditions as ``condition(values, grades)`` with the
    columns' positions baked in, and the columns it reads.  A facility in
    ``due_facilities`` (one a required item obliged every school to have by
    a deadline now past) is taken as present: its absence no longer excuses
    the items that depend on it."""
    if not applies_if:
        return None, ()
    nodes = tuple(_to_node(c) for c in applies_if)
    attributes = {a for node in nodes for a in node.attributes()} - due_facilities
    index = {a: position.get(a) for a in attributes if a not in vocab.DERIVED_ATTRIBUTES}
    vocational = position.get("vocational") if attributes & vocab.DERIVED_ATTRIBUTES else None
    reads = tuple(sorted({i for i in index.values() if i is not None} | ({vocational} if vocational is not None else set())))

    def condition(values: tuple[Any, ...], grades: Any) -> bool | None:
        derived: dict[str, Any] = {}

        def lookup(attribute: str) -> Any:
            if attribute in vocab.DERIVED_ATTRIBUTES:
                if not derived:
                    derived.update(vocab.derived_attributes(grades, values[vocational] if vocational is not None else None))
                return derived[attribute]
            if attribute in due_facilities:
                return True
            i = index.get(attribute)
            return None if i is None else values[i]

        return evaluate_conditions(nodes, lookup)

    return condition, reads


def _compile_kinds(item: dict[str, Any], position: dict[str, int]) -> tuple[Any, tuple[int, ...]]:
    """The item's school-kind scope as ``kinds(values, grades)`` (see
    :attr:`CompiledRequirement.kinds`) and the columns it reads, or
    ``(None, ())`` when neither the item nor its document names kinds."""
    document = frozenset(item.get("document_school_kinds") or ()) or None
    own = frozenset(item.get("school_kinds") or ()) or None
    if document is None and own is None:
        return None, ()
    vocational, special = position.get("vocational"), position.get("special_education")
    reads = tuple(i for i in (vocational, special) if i is not None)

    decided: dict[tuple[Any, Any, Any], str | None] = {}  # a school's kinds follow from these three: decided once

    def kinds(values: tuple[Any, ...], grades: Any) -> str | None:
        flags = (grades, values[vocational] if vocational is not None else None,
                 values[special] if special is not None else None)
        try:
            return decided[flags]
        except KeyError:
            pass
        except TypeError:  # grades given as a list: not a key
            return _outside(*flags)
        outcome = decided[flags] = _outside(*flags)
        return outcome

    def _outside(grades: Any, vocational_flag: Any, special_flag: Any) -> str | None:
        found = vocab.kinds_of(grades, vocational_flag, special_flag)
        if document is not None and found.isdisjoint(document):
            return "outside the document"
        if own is not None and found.isdisjoint(own):
            return "school kind"
        return None

    return kinds, reads


def _floors(columns: FactColumns, position: dict[str, int]) -> dict[str, int]:
    """Column -> the column of a smaller fact declared ``at_most`` it (full-time
    teachers for the teachers' total), where both are collected."""
    return {m.at_most: position[m.key] for m in columns.metrics if getattr(m, "at_most", None) in position}


def due_facilities(checklist: dict[str, Any], as_of: dt.date | None) -> frozenset[str]:
    """The yes/no facts a required item obliged schools to have by a deadline
    on or before ``as_of`` (e.g. Qu County's counseling room, due
    2024-12-31): after it, an item conditional on the facility applies
    whether or not the school has it."""
    if as_of is None:
        return frozenset()
    return frozenset(
        item["check"]["metric"] for item in checklist["items"]
        if item["check"] and not item["check"].get("any") and item["check"]["op"] == "true" and item["deadline"]
        and item["level"] == "required" and dt.date.fromisoformat(item["deadline"]) <= as_of
    )


def _metric_tag(key: str, labels: dict[str, Any] | None) -> str:
    """An any-of alternative's metric as :func:`expected_text` stores it."""
    from xinli.core.assessment.metrics import builtin_metrics

    metric = (labels or {}).get(key)
    if metric is None or key in builtin_metrics():
        return key

    def clean(text: str) -> str:  # the tag's own separators never appear inside a label
        return text.replace("|", "/").replace("[", "(").replace("]", ")")

    return f"{key}|{clean(metric.label.zh)}|{clean(metric.label.en)}"


def compile_requirements(checklist: dict[str, Any], columns: FactColumns, as_of: dt.date | None = None,
                         periods: Any = None) -> list[CompiledRequirement]:
    """Prepare every checklist item for fast evaluation against ``columns``
    on ``as_of`` (facility deadlines passed); ``periods``
    (:class:`xinli.core.assessment.periods.Periods`) says which per-period
    counts are still running."""
    keys = columns.value_keys
    position = {key: i for i, key in enumerate(keys)}
    labels = {metric.key: metric for metric in columns.metrics}
    facilities = due_facilities(checklist, as_of)
    floors = _floors(columns, position)
    compiled = []
    here = checklist["region"]["code"]
    levels = {p["code"]: p["level"] for p in checklist["region"].get("parents", [])}
    for index, item in enumerate(checklist["items"]):
        check = item["check"]
        region_check = bool(check) and check["count_per"] == "region"
        if region_check or not item["school_duty"]:
            scope = "region"
        else:
            scope = "school" if check else "manual"
        share = None
        elsewhere = None
        owner = item["citation"]["jurisdiction"]
        reported = bool(check) and check.get("reported_by") == "region"
        if scope == "region" and item.get("scope", check.get("scope") if check else None) == "jurisdiction" and owner != here:
            level = levels.get(owner, "ancestor")
            elsewhere = f"measured at {level} level ({owner}): a target over all of its schools, not this region's alone"
        if reported:
            share = None
        elif region_check:
            share = parse_share(check["value"]) if isinstance(check["value"], str) else Fraction(1)
        elif scope == "region" and check:
            share = Fraction(1)  # an authority's duty towards every school in scope
        column = check.get("column") or check["metric"] if check else None
        event = item.get("event")
        condition, reads = _compile_condition(item["applies_if"], position, facilities)
        kinds, kind_reads = _compile_kinds(item, position)
        reads += kind_reads
        event_index = position[f"event_{event}"] if event else None
        any_of = None
        if check and check.get("any"):
            alternatives = []
            for alt in check["any"]:
                when, when_reads = _compile_condition(alt.get("when"), position, facilities)
                alt_column = alt.get("column") or alt["metric"]
                test = _region_test if region_check else _test_for(alt)
                floor = alt_column in floors and alt["op"] == ">=" and not region_check
                alternatives.append((position[alt_column], test, when, floors[alt_column] if floor else None))
                reads += when_reads
            any_of = tuple(alternatives)
        running = bool(
            check and periods is not None and scope == "school" and periods.running(check["per"])
            and (check["op"] == ">=" or (check["op"] == "between" and (check.get("binds") or "low") == "low"))
        )
        compiled.append(
            CompiledRequirement(
                index=index,
                id=item["id"],
                scope=scope,
                grades=frozenset(item["grades"]),
                condition=condition,
                event_index=event_index,
                metric_index=position[column] if check and not reported else None,
                test=None if reported else _region_test if region_check else (_test_for(check) if check else None),
                expected=expected_text(check, labels),
                deadline=dt.date.fromisoformat(item["deadline"]) if item["deadline"] else None,
                region_share=share,
                optional=item["level"] in ADVISORY_LEVELS,
                check_grades=frozenset(check["grades"]) if check and check.get("grades") else None,
                reads=reads + ((event_index,) if event_index is not None else ()),
                measured_elsewhere=elsewhere,
                any_of=any_of,
                kinds=kinds,
                region_reported=reported,
                floor=(floors[column], _test_for(check)) if (check and not region_check and not check.get("any")
                                                             and column in floors and check["op"] == ">=") else None,
                answer_index=position.get(f"self:{item['id']}") if scope == "manual" else None,
                running=running,
                level=item["level"],
                one_off=bool(item.get("one_off")),
                one_off_past=bool(item.get("one_off") and as_of is not None and item["deadline"]
                                  and dt.date.fromisoformat(item["deadline"]) < as_of),
                kind_reads=kind_reads,
            )
        )
    return compiled


def applicability(req: CompiledRequirement, grades: Any, values: tuple[Any, ...]) -> tuple[str | None, str | None]:
    """Why ``req`` does not apply to a school with ``grades`` and fact
    ``values`` (``("not_applicable", why)``), or ``(None, None)`` when it
    applies, or ``(None, "unknown")`` when an attribute it depends on is
    unknown."""
    if req.kinds is not None:
        outside = req.kinds(values, grades)
        if outside is not None:
            return "not_applicable", outside
    if req.grades.isdisjoint(grades) or (req.check_grades is not None and req.check_grades.isdisjoint(grades)):
        return "not_applicable", "grades"
    if req.condition is not None:
        holds = req.condition(values, grades)
        if holds is False:
            return "not_applicable", "attributes"
        if holds is None:
            return None, "unknown"
    if req.event_index is not None:
        happened = values[req.event_index]
        if happened is None:
            return None, "event unknown"
        if happened is not True:
            return "not_applicable", "event did not happen"
    return None, None


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
    """Evaluates one school at a time against the school-scope requirements
    and the school duties checked by hand (answered in the school's 自查
    columns, or attested).

    The per-run constants (deadline passed or not, row ids) are worked out
    once in :meth:`prepare`, so the per-school loop does only what depends
    on the school.
    """

    requirements: list[CompiledRequirement]
    as_of: dt.date
    waivers: dict[tuple[str, str], Waiver]
    attestations: dict[tuple[str, str], dict[str, Any]] = field(factory=dict)
    #: ``(school row, requirement row, detail)`` of each staged row with a detail text (waivers, attestations)
    details: list[tuple[int, int, str]] = field(factory=list, init=False)
    _special: set[str] | None = field(default=None, init=False)
    #: ``(prepared, plan per grades and kind flags, the kind flags' columns)``
    _plans: tuple[Any, dict[Any, list[tuple[Any, ...]]], list[int]] | None = field(default=None, init=False)

    def prepare(self, row_ids: dict[str, int]) -> list[tuple[Any, ...]]:
        """The per-school requirements as tuples for the hot loop:
        ``(row id, requirement, due later)``: the machine checks and the
        school duties checked by hand (each school's own row: its 自查
        answer, an attestation, or unanswered)."""
        return [
            (row_ids[req.id], req, req.deadline is not None and req.deadline > self.as_of)
            for req in self.requirements
            if req.scope in ("school", "manual")
        ]

    def rows(self, school: School, school_row: int, run_id: int, prepared: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        """The finding rows of one school, ready to insert:
        ``(run id, school row, requirement row, status, observed, detail,
        provenance)``."""
        return [(run_id, school_row, row_id, status, observed, detail, provenance)
                for row_id, status, observed, detail, provenance in self._statuses(school, prepared)]

    def compact_rows(self, school: School, school_row: int, prepared: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        """The finding rows of one school as staged, ``(school row, packed,
        typed observed)``: exactly the first part of
        ``staged_row(compact_row(...))`` of each of :meth:`rows`, without the
        text in between; a row's detail text (a waiver's, an attestation's)
        is added to :attr:`details`.  What a requirement decides the same for
        every school of one grade band (outside its grades, due later) is
        planned once per band; a school with a waiver or an attestation takes
        the general path."""
        special = self._special
        if special is None:
            special = self._special = {school_id for school_id, _req in self.waivers} | {
                school_id for school_id, _req in self.attestations}
        if school.school_id in special:
            deadlines = {row_id: req.deadline.isoformat() for row_id, req, _due in prepared if req.deadline}
            staged = []
            for row in self.rows(school, school_row, 0, prepared):
                values, detail = staged_row(compact_row(row, deadlines))
                staged.append(values)
                if detail is not None:
                    self.details.append((school_row, row[2], detail))
            return staged
        grades = school.grades
        values = school.values
        plans = self._plans
        if plans is None or plans[0] is not prepared:
            flags = sorted({i for _row, req, _due in prepared for i in req.kind_reads})
            plans = self._plans = (prepared, {}, flags)
        flags = plans[2]
        key = (grades, *[values[i] for i in flags]) if flags else grades
        plan = plans[1].get(key)
        if plan is None:  # a school's kinds follow from its grades and flags: decided in the plan
            plan = plans[1][key] = _band_plan(prepared, grades, values)
        out = []
        append = out.append
        for kind, base, req, due_later, codes in plan:  # base: the requirement row, shifted into place
            if kind is _CONSTANT:
                append((school_row, base | codes, None))
                continue
            if kind is _CONDITIONAL or kind is _CONDITIONAL_ANSWER:  # kinds and grades: decided in the plan
                holds = True
                if req.condition is not None:
                    holds = req.condition(values, grades)
                    if holds is False:
                        append((school_row, base | _NA_ATTRIBUTES, None))
                        continue
                if holds is None:
                    if due_later:
                        append((school_row, base | _DUE_LATER, None))
                    else:
                        append((school_row, base | _UNKNOWN_ATTRIBUTE, None))
                    continue
                if req.event_index is not None:
                    happened = values[req.event_index]
                    if happened is False:  # not applicable whatever its deadline, as the readable rows say
                        append((school_row, base | _NA_EVENT, None))
                        continue
                    if happened is not True:
                        append((school_row, base | (_DUE_LATER if due_later else _UNKNOWN_EVENT), None))
                        continue
                if due_later:
                    append((school_row, base | _DUE_LATER, None))
                    continue
                if kind is _CONDITIONAL_ANSWER:
                    append((school_row, base | codes[_ANSWER_SLOT[values[req.answer_index]]], None))
                    continue
            elif kind is _ANSWER:
                append((school_row, base | codes[_ANSWER_SLOT[values[req.answer_index]]], None))
                continue
            if req.any_of is not None:
                status, observed = any_outcome(req, values, grades)
                code = {"met": codes[0], "not_met": codes[1], "unknown": _UNKNOWN,
                        "not_applicable": _NA_ATTRIBUTES}[status]
                append((school_row, base | code, None if observed is None else _typed(observed)))
                continue
            observed = values[req.metric_index]
            if observed is None and req.floor is not None and values[req.floor[0]] is not None and req.floor[1](values[req.floor[0]]):
                append((school_row, base | codes[0], None))  # blank, but a declared smaller fact already meets it
            elif observed is None:
                append((school_row, base | _UNKNOWN, None))
            elif req.test(observed):
                append((school_row, base | codes[0], _typed(observed)))
            else:
                append((school_row, base | codes[1], _typed(observed)))
        return out

    def _statuses(self, school: School, prepared: list[tuple[Any, ...]]
                  ) -> Iterator[tuple[int, str, str | None, str | None, str]]:
        values = school.values
        grades = school.grades
        waivers = self.waivers
        for row_id, req, due_later in prepared:
            if req.one_off_past:  # history: no school is asked for it any more, nor can fail it
                yield row_id, "not_applicable", None, ONE_OFF_PAST, "measured"
                continue
            attestation = None
            if req.scope == "manual":
                attestation = self.attestations.get((school.school_id, req.id))
            outside = req.kinds(values, grades) if req.kinds is not None else None
            if outside is not None:
                yield row_id, "not_applicable", None, outside, "measured"
                continue
            if req.grades.isdisjoint(grades) or (req.check_grades is not None and req.check_grades.isdisjoint(grades)):
                yield row_id, "not_applicable", None, "grades", "measured"
                continue
            detail = None
            if req.condition is not None or req.event_index is not None:
                status, detail = applicability(req, grades, values)
                if status is not None:
                    yield row_id, status, None, detail, "measured"
                    continue
            if waivers:
                waiver = waivers.get((school.school_id, req.id))
                if waiver is not None and waiver.active(self.as_of):
                    yield row_id, "waived", None, f"{waiver.justification} ({waiver.approved_by}, until {waiver.expiry})", "measured"
                    continue
            if due_later:
                yield row_id, "not_yet_due", None, f"due {req.deadline}", "measured"
                continue
            if attestation is not None:  # an inspector who looked settles what the facts left unknown
                outcome = attestation["result"]
                note = f"attested by {attestation['checked_by']} on {attestation['checked_on']}"
                if attestation.get("evidence"):
                    note += f": {attestation['evidence']}"
                yield row_id, OPTIONAL_OUTCOME.get(outcome, outcome) if req.optional else outcome, None, note, "verified"
                continue
            if detail == "unknown":
                yield row_id, "unknown", None, "school attribute unknown", "measured"
                continue
            if detail == "event unknown":
                yield row_id, "unknown", None, "event unknown", "measured"
                continue
            if req.scope == "manual":
                answer = values[req.answer_index] if req.answer_index is not None else None
                yield row_id, _answer_status(req, answer), None, None, (
                    "unanswered" if answer is None else "self_reported")
                continue
            if req.any_of is not None:
                status, observed = any_outcome(req, values, grades)
                if status in ("met", "not_met") and req.optional:
                    status = OPTIONAL_OUTCOME[status]
                yield row_id, status, observed_text(observed), "attributes" if status == "not_applicable" else None, "measured"
                continue
            observed = values[req.metric_index]
            if observed is None and req.floor is not None and values[req.floor[0]] is not None and req.floor[1](values[req.floor[0]]):
                yield row_id, OPTIONAL_OUTCOME["met"] if req.optional else "met", None, None, "measured"
                continue
            if observed is None:
                yield row_id, "unknown", None, None, "measured"
                continue
            if req.test(observed):
                outcome = "met"
            elif req.running:
                yield row_id, "in_progress", observed_text(observed), "period still running", "measured"
                continue
            else:
                outcome = "not_met"
            yield row_id, OPTIONAL_OUTCOME[outcome] if req.optional else outcome, observed_text(observed), None, "measured"


def _answer_status(req: CompiledRequirement, answer: Any) -> str:
    """The status a school's 自查 answer gives a manual item: yes met
    (adopted), no not met (not adopted), 不适用 not applicable, blank
    ``manual`` (an encouraged or permitted item: ``not_required``)."""
    if answer is None:
        return "not_required" if req.level in vocab.OPTIONAL_LEVELS else "manual"
    if answer == "na":
        return "not_applicable"
    outcome = "met" if answer else "not_met"
    return OPTIONAL_OUTCOME[outcome] if req.optional else outcome


_CONSTANT, _CONDITIONAL, _CHECK = "constant", "conditional", "check"
_ANSWER, _CONDITIONAL_ANSWER = "answer", "conditional answer"
_NA, _DUE, _UNKNOWN = int(Status.NOT_APPLICABLE), int(Status.NOT_YET_DUE), int(Status.UNKNOWN)
_R_GRADES, _R_ATTRIBUTES, _R_ATTRIBUTE_UNKNOWN = int(Reason.GRADES), int(Reason.ATTRIBUTES), int(Reason.ATTRIBUTE_UNKNOWN)
_R_DUE, _R_EVENT = int(Reason.DUE_LATER), int(Reason.EVENT_DID_NOT_HAPPEN)
# staged codes: status | reason << REASON_SHIFT | provenance << PROVENANCE_SHIFT (0 = measured)
_NA_ATTRIBUTES, _NA_EVENT = _NA | _R_ATTRIBUTES << REASON_SHIFT, _NA | _R_EVENT << REASON_SHIFT
_DUE_LATER, _UNKNOWN_ATTRIBUTE = _DUE | _R_DUE << REASON_SHIFT, _UNKNOWN | _R_ATTRIBUTE_UNKNOWN << REASON_SHIFT
_KIND_CODES = {"outside the document": _NA | int(Reason.OUTSIDE_DOCUMENT) << REASON_SHIFT,
               "school kind": _NA | int(Reason.SCHOOL_KIND) << REASON_SHIFT}
_UNKNOWN_EVENT = _UNKNOWN | int(Reason.EVENT_UNKNOWN) << REASON_SHIFT
_NA_ONE_OFF = _NA | int(Reason.ONE_OFF_PAST) << REASON_SHIFT
_IN_PROGRESS = int(Status.IN_PROGRESS) | int(Reason.PERIOD_RUNNING) << REASON_SHIFT
_SELF = int(Provenance.SELF_REPORTED) << PROVENANCE_SHIFT
_UNANSWERED = int(Provenance.UNANSWERED) << PROVENANCE_SHIFT
#: A 自查 answer -> its slot in an answered item's codes: yes, no, not applicable, blank.
_ANSWER_SLOT: dict[Any, int] = {True: 0, False: 1, "na": 2, None: 3}


def _band_plan(prepared: list[tuple[Any, ...]], grades: Any, values: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """For schools of one grade band (and one set of the flags the items'
    school kinds read, taken from ``values``) with no waiver or attestation: each
    school requirement as ``(kind, requirement row << REQUIREMENT_SHIFT,
    requirement, due later, codes)``.  ``constant`` rows are the same for
    every such school (codes: status code | reason << 4; no observed value,
    no detail); ``conditional`` and ``check`` rows test the school's facts
    (codes: the met and below-target status codes); ``answer`` rows (a
    manual item) read the school's 自查 answer (codes: for yes, no, not
    applicable and blank, each with its provenance)."""
    plan = []
    for row_id, req, due_later in prepared:
        base = row_id << REQUIREMENT_SHIFT
        answered = req.scope == "manual"
        outside = req.kinds(values, grades) if req.kinds is not None else None
        if req.one_off_past:  # history, the same for every school (as the readable rows say)
            plan.append((_CONSTANT, base, req, due_later, _NA_ONE_OFF))
        elif outside is not None:  # outside the kinds of school the item or its document covers
            plan.append((_CONSTANT, base, req, due_later, _KIND_CODES[outside]))
        elif req.grades.isdisjoint(grades) or (req.check_grades is not None and req.check_grades.isdisjoint(grades)):
            plan.append((_CONSTANT, base, req, due_later, _NA | _R_GRADES << REASON_SHIFT))
        elif answered and req.answer_index is None:  # no 自查 column (a facts file of another shape)
            plan.append((_CONSTANT, base, req, due_later,
                         _DUE_LATER if due_later else STATUS_CODES[_answer_status(req, None)] | _UNANSWERED))
        elif req.condition is not None or req.event_index is not None:
            plan.append((_CONDITIONAL_ANSWER if answered else _CONDITIONAL, base, req, due_later,
                         _answer_codes(req) if answered else _outcome_codes(req)))
        elif due_later:  # such a school has no waiver that could come first
            plan.append((_CONSTANT, base, req, due_later, _DUE_LATER))
        else:
            plan.append((_ANSWER if answered else _CHECK, base, req, due_later,
                         _answer_codes(req) if answered else _outcome_codes(req)))
    return plan


def _outcome_codes(req: CompiledRequirement) -> tuple[int, int]:
    below = _IN_PROGRESS if req.running else None
    if req.optional:
        return STATUS_CODES[OPTIONAL_OUTCOME["met"]], below or STATUS_CODES[OPTIONAL_OUTCOME["not_met"]]
    return int(Status.MET), below or int(Status.NOT_MET)


def _answer_codes(req: CompiledRequirement) -> tuple[int, int, int, int]:
    return (STATUS_CODES[_answer_status(req, True)] | _SELF, STATUS_CODES[_answer_status(req, False)] | _SELF,
            _NA | _SELF, STATUS_CODES[_answer_status(req, None)] | _UNANSWERED)


def _typed(value: Any) -> Any:
    """``typed_observed(observed_text(value))`` without the text."""
    kind = type(value)
    if kind is bool:
        return int(value)
    if kind is int:
        return value
    if kind is float:
        return int(value) if value.is_integer() else value
    return typed_observed(observed_text(value))


def any_outcome(req: CompiledRequirement, values: tuple[Any, ...], grades: Any) -> tuple[str, Any]:
    """An any-of check for one school: ``(status, observed)``.  ``met`` when
    an alternative that applies to the school (its ``when`` holds) is met;
    ``not_met`` only when every alternative that may apply is known, not met,
    and at least one surely applies; ``not_applicable`` when no alternative
    applies; otherwise ``unknown``.  ``observed`` is the fact of the
    alternative that decided (the first known one when none is met)."""
    unknown = applies = maybe = False
    seen = None
    for index, test, when, floor in req.any_of or ():
        holds = True if when is None else when(values, grades)
        if holds is False:
            continue
        observed = values[index]
        if observed is None and floor is not None and values[floor] is not None and test(values[floor]):
            observed = values[floor]  # blank, but a declared smaller fact already meets it
        if observed is None:
            unknown = True
            continue
        if test(observed):
            if holds is True:
                return "met", observed
            unknown = True  # met, if the alternative applies
            continue
        if holds is True:
            applies = True
        else:
            maybe = True  # not met, in an alternative that may not apply
        if seen is None:
            seen = observed
    if unknown:
        return "unknown", None
    if not applies:
        return ("unknown", None) if maybe else ("not_applicable", None)
    return "not_met", seen


def region_school_status(req: CompiledRequirement, grades: Any, values: Any) -> str:
    """How one school counts towards a region-level finding: ``not_applicable``
    (outside the rule's grades, conditions or event), ``unknown`` (a fact or
    an attribute that could put it in scope missing), ``met`` or ``not_met``.
    Shared by assessment and roll-up so a province-wide share counts schools
    exactly as a county's does."""
    status, detail = applicability(req, grades, values)
    if status is not None:
        return "not_applicable"
    if detail is not None:  # an attribute or the event unknown
        return "unknown"
    if req.any_of is not None:
        return any_outcome(req, values, grades)[0]
    value = values[req.metric_index]
    if value is None:
        return "unknown"
    return "met" if req.test(value) else "not_met"


def region_verdict(req: CompiledRequirement, meeting: int, applicable: int, unknown: int
                   ) -> tuple[str, str | None, str | None]:
    """A region-level finding from its tallies: ``(status, observed,
    detail)``; unknown when the unknown schools could tip it; an encouraged
    or permitted item is adopted or not, never not met."""
    if applicable == 0:
        return "not_applicable", None, "no school in scope"
    share = Fraction(meeting, applicable)
    observed = f"{meeting}/{applicable}"
    detail = f"{unknown} school(s) unknown" if unknown else None
    if share >= req.region_share:
        status = "met"
    elif Fraction(meeting + unknown, applicable) >= req.region_share:
        status = "unknown"
    else:
        status = "not_met"
    if req.optional:
        status = OPTIONAL_OUTCOME.get(status, status)
    return status, observed, detail


#: How a region finding from the region's own self-inspection begins its detail (evidence follows after ": ").
REGION_REPORTED = "self-reported by the region"


def evaluate_region(requirements: list[CompiledRequirement], schools: list[School], as_of: dt.date,
                    answers: dict[str, Any] | None = None) -> list[tuple[CompiledRequirement, str, str | None, str | None]]:
    """One finding per run for every region-scope requirement: authority
    duties judged over the schools in scope (all of them, or the share a
    region-level target sets), the region's own answer where its
    self-inspection gave one (``answers``: requirement id to
    :class:`xinli.core.assessment.region_facts.RegionAnswer`; the detail
    starts with :data:`REGION_REPORTED`), ``manual`` for what is checked by
    hand (``not_required`` for encouraged and permitted items).  A school
    duty checked by hand is each school's own row (:class:`SchoolEvaluator`)."""
    answers = answers or {}
    findings = []
    for req in requirements:
        if req.scope != "region":
            continue
        if req.measured_elsewhere is not None:
            findings.append((req, "not_applicable", None, req.measured_elsewhere))
            continue
        if req.one_off and req.deadline is not None and req.deadline < as_of:
            findings.append((req, "not_applicable", None, ONE_OFF_PAST))
            continue
        if req.deadline is not None and req.deadline > as_of:
            findings.append((req, "not_yet_due", None, f"due {req.deadline}"))
            continue
        answer = answers.get(req.id) if req.scope == "region" else None
        if answer is not None and req.metric_index is None:
            outcome = OPTIONAL_OUTCOME.get(answer.outcome, answer.outcome) if req.optional else answer.outcome
            note = REGION_REPORTED + (f": {answer.evidence}" if answer.evidence else "")
            findings.append((req, outcome, getattr(answer, "observed", None), note))
            continue
        if req.region_reported:  # without the region's own figure it is checked by hand
            findings.append((req, "not_required" if req.optional else "manual", None, "reported by the region"))
            continue
        if req.region_share is None or req.metric_index is None:
            findings.append((req, "not_required" if req.level in vocab.OPTIONAL_LEVELS else "manual", None, None))
            continue
        tally = {"met": 0, "not_met": 0, "unknown": 0, "not_applicable": 0}
        failing: list[str] = []
        for school in schools:
            status = region_school_status(req, school.grades, school.values)
            tally[status] += 1
            if status == "not_met" and len(failing) <= FAILING_NAMED:
                failing.append(school.school_id)
        applicable = tally["met"] + tally["not_met"] + tally["unknown"]
        status, observed, detail = region_verdict(req, tally["met"], applicable, tally["unknown"])
        if tally["not_met"] and not req.optional:
            detail = "; ".join(d for d in (detail, failing_detail(failing, tally["not_met"])) if d)
        findings.append((req, status, observed, detail))
    return findings


#: The detail of a one-off duty whose deadline has passed (:class:`~xinli.core.assessment.statuses.Reason` ONE_OFF_PAST).
ONE_OFF_PAST = "one-off duty past"


#: How many failing schools a region finding names (the rest are counted).
FAILING_NAMED = 20


def failing_detail(names: list[str], count: int) -> str:
    """The detail naming the schools that fail a region finding, by their
    school ids: up to :data:`FAILING_NAMED` of them, then how many more
    (issue 21: "17/18" says which school).  A roll-up names them the same
    way."""
    shown = names[:FAILING_NAMED]
    more = f" (+{count - len(shown)} more)" if count > len(shown) else ""
    return "not met at: " + ", ".join(shown) + more
