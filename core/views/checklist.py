"""Building a region's compliance checklist as plain data.

:func:`build_checklist` returns the dictionary documented in
``docs/checklist-format.md`` and described by the JSON Schema shipped in
``xinli/core/schemas/checklist.schema.json``.  Renderers (markdown, CSV,
later HTML and xlsx) only format this dictionary; they never ask plugins.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from xinli.core import vocabulary as vocab
from xinli.core.dicts import (
    assessed_at,
    check_dict,
    citation_dict,
    condition_dict,
    conditions_dict,
    document_dict,
    duty_holders_list,
    item_dict,
    procedure_dict,
    region_measure_dict,
    text_dict,
)
from xinli.core.layering import EffectiveItem, Lineage, MissingParent, lineage
from xinli.core.model import Jurisdiction, Text
from xinli.core.registry import LoadedPlugin, Registry

#: The contract's dictionaries live in :mod:`xinli.core.dicts`; these names stay importable from here.
__all__ = ["SCHEMA_ID", "assessed_at", "build_checklist", "check_dict", "checklist_schema", "citation_dict",
           "collect_procedures", "condition_dict", "conditions_dict", "document_dict", "duty_holders_list", "item_dict",
           "procedure_dict", "region_dict", "region_measure_dict", "text_dict"]

SCHEMA_ID = "xinli.checklist/2"


def checklist_schema() -> dict[str, Any]:
    """The JSON Schema of the checklist contract, as shipped in the package."""
    import json
    from importlib import resources

    path = resources.files("xinli.core").joinpath("schemas", "checklist.schema.json")
    return json.loads(path.read_text(encoding="utf-8"))


def region_dict(jurisdiction: Jurisdiction, chain: list[LoadedPlugin] | Lineage) -> dict[str, Any]:
    """The contract's ``region`` object: the jurisdiction and its ancestors
    nearest first, installed ones and (given a :class:`Lineage`) declared
    ones nobody installed (``installed: false``)."""
    if isinstance(chain, Lineage):
        installed = {p.code: p for p in chain.chain[:-1]}
        parents = []
        for ancestor in chain.declared:
            plugin = installed.get(ancestor.code)
            if plugin is not None:
                parents.append({"code": plugin.code, "name": text_dict(plugin.jurisdiction.name),
                                "level": plugin.jurisdiction.level, "installed": True})
            else:
                name = ancestor.name or Text(ancestor.code, ancestor.code)
                parents.append({"code": ancestor.code, "name": text_dict(name), "level": ancestor.level or "unknown",
                                "installed": False})
    else:
        parents = [{"code": p.code, "name": text_dict(p.jurisdiction.name), "level": p.jurisdiction.level, "installed": True}
                   for p in reversed(chain[:-1])]
    return {
        "code": jurisdiction.code,
        "name": text_dict(jurisdiction.name),
        "level": jurisdiction.level,
        "parent": jurisdiction.parent,
        "parents": parents,
    }


def build_checklist(registry: Registry, code: str, as_of: dt.date | None = None) -> dict[str, Any]:
    """The compliance checklist of region ``code`` as plain data.

    Items come in domain order (screening, escalation, staffing, referral,
    curriculum, other), root layer first within a domain, escalation steps
    in the document's order.  A declared parent that is not installed is
    reported in ``warnings`` and its documents listed with
    ``encoded: false``; its rules are never guessed.
    """
    from xinli.core.layering import resolve

    line = lineage(registry, code)
    chain = line.chain
    resolution = resolve(registry, code, as_of)
    jurisdiction = chain[-1].jurisdiction
    on = as_of or dt.date.today()
    documents = []
    for layer in chain:
        for doc in layer.jurisdiction.documents:
            entry = document_dict(layer.code, doc)
            entry["in_force"] = doc.in_force(on)
            kinds = layer.jurisdiction.school_kinds
            entry["school_kinds"] = list(kinds) if kinds is not None else None
            documents.append(entry)
    warnings: list[dict[str, Any]] = []
    for layer_code, doc in resolution.not_in_force:
        warnings.append(
            {
                "code": "document-not-in-force",
                "jurisdiction": layer_code,
                "message": {
                    "zh": f"文件 {doc.number} 在 {on.isoformat()} 不在有效期内，其要求未列入本清单。",
                    "en": f"document {doc.number} is not in force on {on.isoformat()}; its requirements are left out.",
                },
            }
        )
    missing_docs: list[dict[str, Any]] = []
    for missing in line.missing:
        missing_docs += [_missing_document(missing, ref) for ref in missing.documents]
        warnings.append(_missing_warning(missing, missing is line.missing[0]))
    documents[:0] = missing_docs
    effective = _order_steps(resolution.items)
    items = [item_dict(item) for item in effective]
    _mark_region_reported(registry, chain, items)
    for item in items:  # a one-off duty whose deadline has passed is history (issue 21)
        if item.get("one_off"):
            item["one_off_past"] = dt.date.fromisoformat(item["deadline"]) < on
    covered = {layer.code: layer.jurisdiction.school_kinds for layer in chain}
    for item in items:  # the kinds of school the item's own document covers
        kinds = covered.get(item["citation"]["jurisdiction"])
        item["document_school_kinds"] = list(kinds) if kinds is not None else None
    domains = {}
    for domain in vocab.DOMAINS:
        count = sum(1 for item in items if item["domain"] == domain)
        not_encoded = [p.code for p in chain if not p.jurisdiction.encodes(domain)]
        domains[domain] = {"count": count, "specified": count > 0, "encoded": not not_encoded}
        if not_encoded:
            domains[domain]["not_encoded_by"] = not_encoded
    return {
        "schema": SCHEMA_ID,
        "region": region_dict(jurisdiction, line),
        "as_of": as_of.isoformat() if as_of else None,
        "documents": documents,
        "warnings": warnings,
        "domains": domains,
        "procedures": collect_procedures(registry, chain),
        "items": items,
        "excluded": [
            {
                "id": ex.requirement.id,
                "source": ex.source,
                "citation": citation_dict(ex.requirement.citation),
                "excluded_by": ex.by,
                "exclusion_citation": citation_dict(ex.exclusion.citation),
                "reason": text_dict(ex.exclusion.reason),
            }
            for ex in resolution.excluded
        ],
    }


def _mark_region_reported(registry: Registry, chain: list[LoadedPlugin], items: list[dict[str, Any]]) -> None:
    """Give each check (and alternative) on a region-reported metric its
    :func:`region_measure_dict` fields."""
    from xinli.core.hookcall import call_alone

    if not any(item["check"] for item in items):
        return
    # only a plugin's own metrics can be region-reported (the built-in ones are schools' facts)
    metrics = {}
    for layer in chain:
        try:
            answers = call_alone(registry.pm, layer.plugin, "xinli_register_metrics")
        except Exception:  # a broken hook is reported (and the plugin dropped) where metrics are collected
            continue
        metrics.update({m.key: m for answer in answers if isinstance(answer, list | tuple) for m in answer
                        if getattr(m, "region_reported", False)})
    for item in items:
        check = item["check"]
        for entry in ([check, *(check.get("any") or [])] if check else []):
            metric = metrics.get(entry["metric"])
            if metric is not None and metric.region_reported:
                entry.update(region_measure_dict(metric))


def collect_procedures(registry: Registry, chain: list[LoadedPlugin]) -> list[dict[str, Any]]:
    """The escalation procedures the region's layers name, root layer first
    (a child's procedure replaces an ancestor's of the same key)."""
    found: dict[str, dict[str, Any]] = {}
    for layer in chain:
        hook = getattr(layer.plugin, "xinli_escalation_procedures", None)
        for procedure in (hook() if hook is not None else None) or ():
            found[procedure.key] = procedure_dict(procedure, layer.code)
    return list(found.values())
def _missing_document(missing: MissingParent, ref: Any) -> dict[str, Any]:
    return {
        "jurisdiction": ref.jurisdiction or missing.code,
        "number": ref.number,
        "has_official_number": True,
        "title": {"zh": ref.title_zh, "en": ref.title_zh},
        "issuer": {"zh": ref.issuer_zh, "en": ref.issuer_zh},
        "date": None,
        "implements": [],
        "encoded": False,
    }


def _missing_warning(missing: MissingParent, nearest: bool) -> dict[str, Any]:
    """The warning for one declared ancestor nobody installed: the nearest
    keeps the code ``parent-not-installed``, farther ones are
    ``ancestor-not-installed``; both say its documents are not encoded."""
    names = ", ".join(ref.number for ref in missing.documents)
    name = missing.name.zh if missing.name else missing.code
    what_zh = "上级辖区" if nearest else "上级辖区（更高一级）"
    what_en = "parent jurisdiction" if nearest else "ancestor jurisdiction"
    zh_docs = f"其文件 {names} 未编码" if names else "其文件均未编码"
    en_docs = f"its document(s) {names} are not encoded" if names else "none of its documents is encoded"
    return {
        "code": "parent-not-installed" if nearest else "ancestor-not-installed",
        "jurisdiction": missing.code,
        "message": {
            "zh": f"{what_zh}“{name}”（{missing.code}）未安装，{zh_docs}；本清单只含已编码文件的要求。",
            "en": (f"{what_en} {missing.code!r} ({name}) is not installed; {en_docs}, "
                   "so this checklist holds only the encoded documents' rules."),
        },
    }


def _order_steps(items: list[EffectiveItem]) -> list[EffectiveItem]:
    """Escalation items sorted by (layer position, step order), keeping the
    position of the escalation block among the domains."""
    escalation = [i for i in items if i.requirement.domain == "escalation"]
    if not escalation:
        return items
    layer_rank: dict[str, int] = {}
    for item in escalation:
        layer_rank.setdefault(item.source, len(layer_rank))
    procedure_rank: dict[str, int] = {}
    for item in escalation:
        if item.requirement.step is not None:
            procedure_rank.setdefault(item.requirement.step.procedure, len(procedure_rank))
    escalation.sort(
        key=lambda i: (layer_rank[i.source], procedure_rank[i.requirement.step.procedure] if i.requirement.step else 10_000,
                       i.requirement.step.order if i.requirement.step else 10_000)
    )
    ordered = iter(escalation)
    return [next(ordered) if i.requirement.domain == "escalation" else i for i in items]
