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


def summary(item: dict[str, Any]) -> dict[str, Any]:
    """What a comparison shows of one side."""
    return {
        "id": item["id"], "text": item["text"], "level": item["level"], "duty_holder": item["duty_holder"],
        "grades": item["grades"], "check": item["check"], "deadline": item["deadline"],
        "citation": item["citation"], "source": item.get("source"),
    }


def _pair(items_a: list[dict[str, Any]], items_b: list[dict[str, Any]]) -> tuple[list[tuple[dict, dict]], list, list]:
    pairs: list[tuple[dict, dict]] = []
    left = list(items_a)
    right = list(items_b)
    by_id = {item["id"]: item for item in right}
    for item in list(left):
        match = by_id.get(item["id"])
        if match is not None:
            pairs.append((item, match))
            left.remove(item)
            right.remove(match)
    for key in (lambda i: (i["check"]["metric"], _scope(i)), lambda i: (metric_family(i["check"]["metric"]), _scope(i))):
        for item in list(left):
            if not item["check"]:
                continue
            candidates = [c for c in right if c["check"] and key(c) == key(item)]
            if not candidates:
                continue
            best = max(candidates, key=lambda c: len(set(c["grades"]) & set(item["grades"])))
            if not set(best["grades"]) & set(item["grades"]):
                continue
            pairs.append((item, best))
            left.remove(item)
            right.remove(best)
    return pairs, left, right


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


def differences(a: dict[str, Any], b: dict[str, Any]) -> list[dict[str, Any]]:
    """The fields in which two paired items differ, each with the stricter
    side (``"a"``, ``"b"``) or None when that is not decidable."""
    out = []
    if a["level"] != b["level"]:
        out.append({"field": "level", "a": a["level"], "b": b["level"],
                    "stricter": "a" if LEVEL_STRENGTH[a["level"]] > LEVEL_STRENGTH[b["level"]] else "b"})
    if a["grades"] != b["grades"]:
        grades_a, grades_b = set(a["grades"]), set(b["grades"])
        broader = "a" if grades_a > grades_b else "b" if grades_b > grades_a else None
        out.append({"field": "grades", "a": a["grades"], "b": b["grades"], "stricter": broader})
    out += _check_difference(a["check"], b["check"])
    if a["deadline"] != b["deadline"] and a["deadline"] and b["deadline"]:
        out.append({"field": "deadline", "a": a["deadline"], "b": b["deadline"],
                    "stricter": "a" if a["deadline"] < b["deadline"] else "b"})
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
        for left, right in pairs:
            diffs = differences(left, right)
            if diffs:
                different.append({"a": summary(left), "b": summary(right), "differences": diffs})
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
