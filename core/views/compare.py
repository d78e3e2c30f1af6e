"""Comparing two regions' effective rules, domain by domain.

Requirements are paired by id lineage (a district's override keeps the id
of the province's rule it replaces), then by metric and scope, then by
metric family and scope (a region-level target never pairs with a
per-school rule) (``psych_lessons_per_semester`` and
``psych_lessons_per_school_year`` both count psychology lessons).  Paired
items are compared on value, period, grades and level, and the stricter
side is named where that is decidable: a higher level; a larger minimum
over the same period; the same minimum over a shorter period; or, across
periods, the higher rate per year.  Unpaired items are "only in A" or
"only in B".  Every side carries its citation.

Every side also carries what decides whom it binds and when: its
conditions (``applies_if``), school kinds, deadline, where it is assessed
(each school or the region, and a region target's scope) and level; a
pair made by metric rather than by id says so (``paired_by``) and lists
every one of those that differs, so two items are never shown as one
rule when they bind different schools.  Which side covers more schools
is named where that is decidable (no condition against some; a kind or
grade set containing the other; a lower threshold on the same attribute).
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from xinli.core import vocabulary as vocab
from xinli.core.layering import LEVEL_STRENGTH, period_days
from xinli.core.model import parse_share

COMPARE_SCHEMA = "xinli.compare/1"
PERIOD_SUFFIX = re.compile(r"_per_(?:day|week|two_weeks|month|semester|school_year|year)$")


def metric_family(metric: str) -> str:
    """A metric key without its period suffix."""
    return PERIOD_SUFFIX.sub("", metric)


def item_kinds(item: dict[str, Any]) -> list[str] | None:
    """The school kinds an item names (None: every kind); a checklist
    without school kinds answers None."""
    kinds = item.get("school_kinds")
    return list(kinds) if kinds else None


def item_scope(item: dict[str, Any]) -> dict[str, Any]:
    """Where an item is assessed: ``school`` or ``region``, and a region
    target's ``scope`` (``jurisdiction``, ``each_subregion`` or None)."""
    check = item.get("check") or {}
    return {"assessed_at": item.get("assessed_at") or ("region" if check.get("count_per") == "region" else "school"),
            "target_scope": check.get("scope")}


def summary(item: dict[str, Any]) -> dict[str, Any]:
    """What a comparison shows of one side: the rule, whom it binds
    (conditions, school kinds, grades), when (deadline), where it is
    assessed (scope) and how strongly (level), with its citation."""
    return {
        "id": item["id"], "text": item["text"], "level": item["level"], "duty_holder": item["duty_holder"],
        "grades": item["grades"], "applies_if": item.get("applies_if"), "school_kinds": item_kinds(item),
        "check": item["check"], "deadline": item["deadline"], "scope": item_scope(item),
        "citation": item["citation"], "source": item.get("source"),
    }


def _pair(items_a: list[dict[str, Any]], items_b: list[dict[str, Any]]
          ) -> tuple[list[tuple[dict, dict, str]], list, list]:
    """Pairs (a, b, how they were paired: ``id``, ``metric`` or
    ``metric_family``) and the items left on each side."""
    pairs: list[tuple[dict, dict, str]] = []
    left = list(items_a)
    right = list(items_b)
    by_id = {item["id"]: item for item in right}
    for item in list(left):
        match = by_id.get(item["id"])
        if match is not None:
            pairs.append((item, match, "id"))
            left.remove(item)
            right.remove(match)
    keys = (("metric", lambda i: (i["check"]["metric"], _scope(i))),
            ("metric_family", lambda i: (metric_family(i["check"]["metric"]), _scope(i))))
    for how, key in keys:
        for item in list(left):
            if not item["check"]:
                continue
            candidates = [c for c in right if c["check"] and key(c) == key(item)]
            if not candidates:
                continue
            best = max(candidates, key=lambda c: (len(set(c["grades"]) & set(item["grades"])),
                                                  _same_applicability(c, item)))
            if not set(best["grades"]) & set(item["grades"]):
                continue
            pairs.append((item, best, how))
            left.remove(item)
            right.remove(best)
    return pairs, left, right


def _same_applicability(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return (a.get("applies_if") or None) == (b.get("applies_if") or None) and item_kinds(a) == item_kinds(b)


def _broader_set(a: list | None, b: list | None) -> str | None:
    """Which side covers more (None = everything): ``a``, ``b`` or None
    when neither contains the other."""
    if a is None:
        return "a" if b is not None else None
    if b is None:
        return "b"
    set_a, set_b = set(a), set(b)
    return "a" if set_a > set_b else "b" if set_b > set_a else None


def _leaves(conditions: list[dict[str, Any]] | None) -> dict[str, dict[str, Any]] | None:
    """Conditions made only of top-level single tests, by attribute (None
    when there are groups or one attribute is tested twice)."""
    leaves: dict[str, dict[str, Any]] = {}
    for node in conditions or ():
        if "attribute" not in node or node["attribute"] in leaves:
            return None
        leaves[node["attribute"]] = node
    return leaves


def _looser_leaf(a: dict[str, Any], b: dict[str, Any]) -> str | None:
    """Of two tests of one attribute, the one more schools pass (``a``,
    ``b``), None when undecidable or equal."""
    if a["op"] != b["op"] or a == b:
        return None
    va, vb = a["value"], b["value"]
    if isinstance(va, bool) or isinstance(vb, bool) or not isinstance(va, int | float) or not isinstance(vb, int | float):
        return None
    if a["op"] in (">=", ">"):
        return "a" if va < vb else "b"
    if a["op"] in ("<=", "<"):
        return "a" if va > vb else "b"
    return None


def broader_conditions(a: list[dict[str, Any]] | None, b: list[dict[str, Any]] | None) -> str | None:
    """Which side's conditions (all must hold) let more schools in: no
    condition against some; a subset of the other's tests; the same tests
    with a lower threshold.  None when equal or not decidable."""
    if not a and not b:
        return None
    if not a:
        return "a"
    if not b:
        return "b"
    leaves_a, leaves_b = _leaves(a), _leaves(b)
    if leaves_a is None or leaves_b is None:
        return None
    verdicts = set()
    for attribute in leaves_a.keys() | leaves_b.keys():
        if attribute not in leaves_b:
            verdicts.add("b")  # a tests something b does not: b lets more in
        elif attribute not in leaves_a:
            verdicts.add("a")
        elif leaves_a[attribute] != leaves_b[attribute]:
            looser = _looser_leaf(leaves_a[attribute], leaves_b[attribute])
            if looser is None:
                return None
            verdicts.add(looser)
    return verdicts.pop() if len(verdicts) == 1 else None


def _scope(item: dict[str, Any]) -> tuple[bool, str | None]:
    """What a check is measured over: a region-level target (and its
    scope) never pairs with a per-school rule."""
    check = item["check"]
    region = check["count_per"] == "region"
    return region, check.get("scope") if region else None


def _amount(value: Any) -> Fraction | None:
    if isinstance(value, str):
        return parse_share(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Fraction(value).limit_denominator()
    return None


def _check_difference(a: dict[str, Any] | None, b: dict[str, Any] | None) -> list[dict[str, Any]]:
    if a is None and b is None:
        return []
    if a is None or b is None:
        return [{"field": "check", "a": a, "b": b, "stricter": "a" if b is None else "b"}]
    out = []
    for field in ("metric", "op", "unit", "count_per", "scope"):
        if a.get(field) != b.get(field):
            out.append({"field": field, "a": a.get(field), "b": b.get(field), "stricter": None})
    value_a, value_b = _amount(a["value"]), _amount(b["value"])
    days_a, days_b = period_days(a["per"]), period_days(b["per"])
    same_direction = a["op"] == b["op"] and a["op"] in (">=", "<=")
    if a["value"] != b["value"]:
        stricter = None
        if same_direction and a["per"] == b["per"] and value_a is not None and value_b is not None:
            bigger = "a" if value_a > value_b else "b"
            stricter = bigger if a["op"] == ">=" else ("b" if bigger == "a" else "a")
        out.append({"field": "value", "a": a["value"], "b": b["value"], "stricter": stricter})
    if a["per"] != b["per"]:
        stricter = None
        if same_direction and days_a and days_b and value_a is not None and value_b is not None and a["unit"] == b["unit"]:
            rate_a, rate_b = value_a / days_a, value_b / days_b
            if rate_a != rate_b:
                higher = "a" if rate_a > rate_b else "b"
                stricter = higher if a["op"] == ">=" else ("b" if higher == "a" else "a")
        out.append({"field": "per", "a": a["per"], "b": b["per"], "stricter": stricter})
    return out


#: Fields whose "stricter" side is the one covering more schools (the renderers say "broader").
BROADER_FIELDS = ("grades", "applies_if", "school_kinds")


def differences(a: dict[str, Any], b: dict[str, Any]) -> list[dict[str, Any]]:
    """The fields in which two paired items differ, each with the stricter
    side (``"a"``, ``"b"``) or None when that is not decidable; for
    :data:`BROADER_FIELDS` the stricter side is the one covering more
    schools.  Applicability (conditions, school kinds), deadline and
    where an item is assessed are compared as well as the rule itself."""
    out = []
    if a["level"] != b["level"]:
        out.append({"field": "level", "a": a["level"], "b": b["level"],
                    "stricter": "a" if LEVEL_STRENGTH[a["level"]] > LEVEL_STRENGTH[b["level"]] else "b"})
    if a["grades"] != b["grades"]:
        grades_a, grades_b = set(a["grades"]), set(b["grades"])
        broader = "a" if grades_a > grades_b else "b" if grades_b > grades_a else None
        out.append({"field": "grades", "a": a["grades"], "b": b["grades"], "stricter": broader})
    conditions_a, conditions_b = a.get("applies_if") or None, b.get("applies_if") or None
    if conditions_a != conditions_b:
        out.append({"field": "applies_if", "a": conditions_a, "b": conditions_b,
                    "stricter": broader_conditions(conditions_a, conditions_b)})
    kinds_a, kinds_b = item_kinds(a), item_kinds(b)
    if kinds_a != kinds_b and set(kinds_a or ()) != set(kinds_b or ()):
        out.append({"field": "school_kinds", "a": kinds_a, "b": kinds_b, "stricter": _broader_set(kinds_a, kinds_b)})
    scope_a, scope_b = item_scope(a), item_scope(b)
    if scope_a != scope_b:
        out.append({"field": "scope", "a": scope_a, "b": scope_b, "stricter": None})
    out += _check_difference(a["check"], b["check"])
    if a["deadline"] != b["deadline"]:
        stricter = None
        if a["deadline"] and b["deadline"]:
            stricter = "a" if a["deadline"] < b["deadline"] else "b"
        out.append({"field": "deadline", "a": a["deadline"], "b": b["deadline"], "stricter": stricter})
    return out


def compare_checklists(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Compare two checklists (as built by ``build_checklist``)."""
    domains: dict[str, Any] = {}
    for domain in vocab.DOMAINS:
        items_a = [i for i in a["items"] if i["domain"] == domain]
        items_b = [i for i in b["items"] if i["domain"] == domain]
        pairs, only_a, only_b = _pair(items_a, items_b)
        different = []
        same = 0
        for left, right, how in pairs:
            diffs = differences(left, right)
            if diffs:
                applicability = any(d["field"] in ("applies_if", "school_kinds", "grades", "scope") for d in diffs)
                different.append({"a": summary(left), "b": summary(right), "paired_by": how,
                                  "applicability_differs": applicability, "differences": diffs})
            else:
                same += 1
        domains[domain] = {
            "specified": {"a": bool(items_a), "b": bool(items_b)},
            "encoded": {side: checklist.get("domains", {}).get(domain, {}).get("encoded", True)
                        for side, checklist in (("a", a), ("b", b))},
            "only_a": [summary(i) for i in only_a],
            "only_b": [summary(i) for i in only_b],
            "different": different,
            "same": same,
        }
    return {
        "schema": COMPARE_SCHEMA,
        "a": {"code": a["region"]["code"], "name": a["region"]["name"]},
        "b": {"code": b["region"]["code"], "name": b["region"]["name"]},
        "domains": domains,
    }
