"""A region's reporting and intervention chain as plain data.

:func:`escalation_chain` reads the checklist's escalation items (those with
a ``step``, already in the document's order) and its referral partners.
:mod:`xinli.core.render.flowchart` draws the result.
"""

from __future__ import annotations

from typing import Any

from xinli.core import vocabulary as vocab

SCHEMA_ID = "xinli.escalation/1"


def escalation_chain(checklist: dict[str, Any]) -> dict[str, Any]:
    """The chain of ``checklist``'s region as plain data: ``steps`` in the
    document's order (numbered from 1 across layers) and the referral
    ``partners`` the chain ends at."""
    steps = []
    for item in checklist["items"]:
        if item["domain"] != "escalation" or not item.get("step"):
            continue
        step = item["step"]
        steps.append({
            "number": len(steps) + 1,
            "order": step["order"],
            "role": step["role"],
            "role_label": _label(vocab.ACTORS, step["role"]),
            "reports_to": [{"actor": a, "label": _label(vocab.ACTORS, a)} for a in step["reports_to"]],
            "condition": step["condition"],
            "action": item["text"],
            "requirement_id": item["id"],
            "level": item["level"],
            "source": item["source"],
            "citation": item["citation"],
        })
    partners = [
        {
            "kind": item["partner"]["kind"],
            "kind_label": _label(vocab.PARTNER_KINDS, item["partner"]["kind"]),
            "name": item["partner"]["name"],
            "phone": item["partner"]["phone"],
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
        "steps": steps,
        "partners": partners,
    }


def _label(table: dict[str, tuple[str, str]], key: str) -> dict[str, str]:
    zh, en = table.get(key, (key, key))
    return {"zh": zh, "en": en}
