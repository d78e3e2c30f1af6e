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
from xinli.core.layering import EffectiveItem, Lineage, MissingParent, lineage
from xinli.core.model import Check, Condition, ConditionGroup, Document, Jurisdiction, Procedure, Requirement, Text
from xinli.core.registry import LoadedPlugin, Registry

SCHEMA_ID = "xinli.checklist/2"


def checklist_schema() -> dict[str, Any]:
    """The JSON Schema of the checklist contract, as shipped in the package."""
    import json
    from importlib import resources

    path = resources.files("xinli.core").joinpath("schemas", "checklist.schema.json")
    return json.loads(path.read_text(encoding="utf-8"))


def text_dict(text: Text | None) -> dict[str, str] | None:
    """A :class:`Text` as ``{"zh": ..., "en": ...}``."""
    return None if text is None else {"zh": text.zh, "en": text.en}


def check_dict(check: Check | None) -> dict[str, Any] | None:
    """A check as the contract's ``check`` object."""
    if check is None:
        return None
    value: Any = check.value
    if isinstance(value, tuple):
        value = list(value)
    return {
        "metric": check.metric,
        "op": check.op,
        "value": value,
        "unit": check.unit,
        "per": check.per,
        "count_per": check.count_per,
        "event": check.event,
        "grades": list(check.grades) if check.grades is not None else None,
        "grades_mode": check.grades_mode,
        "binds": check.binding,
        "column": check.column(),
        "scope": check.scope,
    }


def condition_dict(node: Condition | ConditionGroup) -> dict[str, Any]:
    """One condition as ``{attribute, op, value}``, or a group as
    ``{"all": [...]}``, ``{"any": [...]}`` or ``{"not": {...}}``."""
    if isinstance(node, Condition):
        return {"attribute": node.attribute, "op": node.op, "value": node.value}
    if node.kind == "not":
        return {"not": condition_dict(node.items[0])}
    return {node.kind: [condition_dict(item) for item in node.items]}


def conditions_dict(conditions: tuple[Any, ...] | None) -> list[dict[str, Any]] | None:
    """Applicability conditions (all must hold) as a list of condition
    objects (see :func:`condition_dict`)."""
    if conditions is None:
        return None
    return [condition_dict(c) for c in conditions]


def procedure_dict(procedure: Procedure, source: str) -> dict[str, Any]:
    """An escalation procedure as the contract's ``procedures`` entry."""
    return {"key": procedure.key, "name": text_dict(procedure.name), "trigger": text_dict(procedure.trigger),
            "clause": procedure.clause, "source": source}


def assessed_at(req: Requirement) -> str:
    """Who an item is assessed on: ``school`` (each school, by its facts or
    an attestation) or ``region`` (one finding per run: an authority's or
    other non-school duty, or a target over the region's schools)."""
    if req.check is not None and req.check.count_per == "region":
        return "region"
    return "school" if req.school_duty else "region"


def document_dict(jurisdiction: str, doc: Document) -> dict[str, Any]:
    """A source document as the contract's ``documents`` entry."""
    return {
        "jurisdiction": jurisdiction,
        "number": doc.number,
        "has_official_number": doc.has_official_number,
        "title": text_dict(doc.title),
        "issuer": text_dict(doc.issuer),
        "date": doc.date,
        "implements": [
            {"number": ref.number, "title": ref.title_zh, "issuer": ref.issuer_zh, "jurisdiction": ref.jurisdiction}
            for ref in doc.implements
        ],
        "encoded": True,
        "in_force_from": doc.effective_from().isoformat(),
        "repealed_on": doc.repealed_on.isoformat() if doc.repealed_on else None,
        "replaced_by": doc.replaced_by,
    }


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


def citation_dict(citation: Any) -> dict[str, str]:
    """A citation as the contract's ``citation`` object (``secondary_source``
    only when the quote was taken from a copy)."""
    data = {"jurisdiction": citation.jurisdiction, "document": citation.document, "clause": citation.clause,
            "quote": citation.quote}
    secondary = getattr(citation, "secondary_source", None)
    if secondary:
        data["secondary_source"] = secondary
    return data


def item_dict(item: EffectiveItem) -> dict[str, Any]:
    """One effective requirement as a checklist item."""
    req: Requirement = item.requirement
    data: dict[str, Any] = {
        "id": req.id,
        "domain": req.domain,
        "text": text_dict(req.text),
        "level": req.level,
        "duty_holder": req.duty_holder,
        "school_duty": req.school_duty,
        "assessed_at": assessed_at(req),
        "subject": list(req.subject),
        "grades": list(req.grades),
        "applies_if": conditions_dict(req.applies_if),
        "event": req.event,
        "check": check_dict(req.check),
        "deadline": req.deadline.isoformat() if req.deadline else None,
        "deadline_reading": text_dict(req.deadline_reading()),
        "citation": citation_dict(req.citation),
        "note": text_dict(req.note),
        "source": item.source,
        "step": None,
        "partner": None,
        "replaces": None,
        "timing": [{"kind": t.kind, "month": t.month, "days": t.days} for t in req.timing],
    }
    if req.step is not None:
        data["step"] = {
            "order": req.step.order,
            "role": req.step.role,
            "reports_to": list(req.step.reports_to),
            "guided_by": list(req.step.guided_by),
            "condition": text_dict(req.step.condition),
            "procedure": req.step.procedure,
        }
    if req.partner is not None:
        data["partner"] = {"kind": req.partner.kind, "name": text_dict(req.partner.name), "phone": req.partner.phone}
    if item.replaced is not None:
        data["replaces"] = {
            "jurisdiction": item.replaced_source,
            "citation": citation_dict(item.replaced.citation),
            "level": item.replaced.level,
            "check": check_dict(item.replaced.check),
            "grades": list(item.replaced.grades),
        }
    data["looser_than_parent"] = list(item.looser) if item.looser else None
    return data


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
