"""A region's reporting and intervention procedures as plain data.

:func:`escalation_chain` reads the checklist's escalation items (those with
a ``step``) and groups them into the named procedures the checklist lists
(routine reporting and referral, the emergency response to an incident...),
each with its trigger and its steps in the document's order.  Steps that
share an ``order`` within a procedure happen at the same time and are
marked ``parallel``; whom a step acts under the guidance of (``guided_by``)
is kept apart from whom it reports to.  :mod:`xinli.core.render.flowchart`
draws each procedure as its own flowchart.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from xinli.core import vocabulary as vocab

SCHEMA_ID = "xinli.escalation/2"

#: Recipients a student is handed over to rather than told: a step naming
#: them refers (转介至), it does not report.
REFERRAL_RECIPIENTS = frozenset({"medical_institutions", "professional_bodies"})

#: The name of a procedure no layer names (a plugin with one unnamed chain).
UNNAMED = {"zh": "预警上报与干预流程", "en": "escalation chain"}


def escalation_chain(checklist: dict[str, Any]) -> dict[str, Any]:
    """The procedures of ``checklist``'s region as plain data:
    ``procedures`` (each with ``key``, ``name``, ``trigger`` and ``steps``,
    numbered from 1 within the procedure), ``steps`` (all of them, in the
    same order) and the referral ``partners``."""
    named = {p["key"]: p for p in checklist.get("procedures") or ()}
    grouped: dict[str, list[dict[str, Any]]] = {}
    for item in checklist["items"]:
        if item["domain"] != "escalation" or not item.get("step"):
            continue
        step = item["step"]
        grouped.setdefault(step.get("procedure") or "main", []).append({
            "order": step["order"],
            "role": step["role"],
            "role_label": _role_label(item),
            "reports_to": [{"actor": a, "label": _label(vocab.ACTORS, a)} for a in step["reports_to"]
                           if a not in REFERRAL_RECIPIENTS],
            "refers_to": [{"actor": a, "label": _label(vocab.ACTORS, a)} for a in step["reports_to"]
                          if a in REFERRAL_RECIPIENTS],
            "guided_by": [{"actor": a, "label": _label(vocab.ACTORS, a)} for a in step.get("guided_by") or ()],
            "condition": step["condition"],
            "action": item["text"],
            "requirement_id": item["id"],
            "level": item["level"],
            "source": item["source"],
            "citation": item["citation"],
        })
    procedures = []
    steps: list[dict[str, Any]] = []
    keys = [k for k in named if k in grouped] + [k for k in grouped if k not in named]
    for key in keys:
        members = sorted(grouped[key], key=lambda s: s["order"])
        shared = Counter(s["order"] for s in members)
        for number, step in enumerate(members, start=1):
            step["number"] = number
            step["procedure"] = key
            step["parallel"] = shared[step["order"]] > 1
        info = named.get(key, {})
        procedures.append({
            "key": key,
            "name": info.get("name") or (UNNAMED if key == "main" else {"zh": key, "en": key}),
            "trigger": info.get("trigger") or (members[0]["condition"] if members else None),
            "clause": info.get("clause"),
            "steps": members,
        })
        steps += members
    partners = [
        {
            "kind": item["partner"]["kind"],
            "kind_label": _label(vocab.PARTNER_KINDS, item["partner"]["kind"]),
            "name": item["partner"]["name"],
            "phone": item["partner"]["phone"],
            "level": item["level"],
            "requirement_id": item["id"],
            "citation": item["citation"],
        }
        for item in checklist["items"]
        if item["domain"] == "referral" and item.get("partner")
    ]
    return {
        "schema": SCHEMA_ID,
        "region": {"code": checklist["region"]["code"], "name": checklist["region"]["name"]},
        "documents": [d["number"] for d in checklist["documents"] if d["encoded"]],
        "procedures": procedures,
        "steps": steps,
        "partners": partners,
        # False when a plugin of the chain declares escalation not yet encoded (no steps then means "not yet
        # encoded", not "the document sets out none")
        "encoded": (checklist.get("domains") or {}).get("escalation", {}).get("encoded", True),
    }


def order_groups(steps: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """A procedure's steps grouped by ``order``: each group happens at the
    same time, the groups one after another."""
    groups: list[list[dict[str, Any]]] = []
    for step in steps:
        if groups and groups[-1][0]["order"] == step["order"]:
            groups[-1].append(step)
        else:
            groups.append([step])
    return groups


def _role_label(item: dict[str, Any]) -> dict[str, str]:
    """Who acts in a step: the step's role, or every duty holder of an item
    that names several (so five actors are not collapsed into the first)."""
    role = item["step"]["role"]
    holders = [h["actor"] for h in item.get("duty_holders") or () if h.get("actor")]
    if len(holders) > 1 and role in holders:
        labels = [_label(vocab.ACTORS, a) for a in holders]
        return {"zh": "、".join(x["zh"] for x in labels), "en": ", ".join(x["en"] for x in labels)}
    return _label(vocab.ACTORS, role)


def _label(table: dict[str, tuple[str, str]], key: str) -> dict[str, str]:
    zh, en = table.get(key, (key, key))
    return {"zh": zh, "en": en}
