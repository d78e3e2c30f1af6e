"""The dictionaries model objects serialise to: the checklist contract's
shapes (``docs/checklist-format.md``) of texts, checks, conditions,
citations, documents, procedures and items.  One place for both
directions' users: :mod:`xinli.core.views.checklist` builds checklists from
them and :mod:`xinli.core.rules.toml_export` writes rules files from them.
This module imports only the model and the vocabularies."""

from __future__ import annotations

from typing import Any, Protocol

from xinli.core import vocabulary as vocab
from xinli.core.model import (
    AnyCheck,
    Check,
    Condition,
    ConditionGroup,
    Document,
    Jurisdiction,
    Metric,
    Procedure,
    Requirement,
    Text,
)


class EffectiveItem(Protocol):
    """What :func:`item_dict` reads of an item as it applies in a region
    (:class:`xinli.core.layering.EffectiveItem`; described here so this
    module needs nothing above the model, and the registry can use it)."""

    @property
    def requirement(self) -> Requirement: ...
    @property
    def source(self) -> str: ...
    @property
    def replaced(self) -> Requirement | None: ...
    @property
    def replaced_source(self) -> str | None: ...
    @property
    def looser(self) -> tuple[str, ...]: ...


def text_dict(text: Text | None) -> dict[str, str] | None:
    """A :class:`Text` as ``{"zh": ..., "en": ...}``."""
    return None if text is None else {"zh": text.zh, "en": text.en}


def check_dict(check: Check | AnyCheck | None) -> dict[str, Any] | None:
    """A check as the contract's ``check`` object.  An any-of check is its
    first alternative's fields (what a reader of one check expects) plus
    ``any``: every alternative, each with its ``when`` conditions (None:
    every school)."""
    if check is None:
        return None
    if isinstance(check, AnyCheck):
        alternatives = []
        for alt in check.any:
            entry = _one_check_dict(alt)
            entry["when"] = conditions_dict(alt.when)
            alternatives.append(entry)
        return {**_one_check_dict(check.any[0]), "any": alternatives}
    return _one_check_dict(check)


def _one_check_dict(check: Check) -> dict[str, Any]:
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


def identity_dict(jurisdiction: Jurisdiction) -> dict[str, Any]:
    """What listing a region needs of its identity, JSON-plain: ``code``,
    ``name`` {zh, en}, ``level``, ``parent``, ``parent_name`` {zh, en} or
    null, ``ancestors`` (the declared line's codes, nearest first) and
    ``documents`` (each as :func:`document_dict`).  ``xinli regions`` lists
    these, and the identity cache keeps them."""
    j = jurisdiction
    return {
        "code": j.code,
        "name": text_dict(j.name),
        "level": j.level,
        "parent": j.parent,
        "parent_name": text_dict(j.parent_name),
        "ancestors": [a.code for a in j.declared_ancestors()],
        "documents": [document_dict(j.code, doc) for doc in j.documents],
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


def duty_holders_list(req: Requirement) -> list[dict[str, Any]]:
    """Every unit a requirement binds as ``{actor, role, label}``: its
    ``duty_holders``, or its one duty holder as the lead."""
    holders = req.duty_holders or ((req.duty_holder, "lead"),)
    out = []
    for holder in holders:
        actor, role = (holder.actor, holder.role) if not isinstance(holder, tuple) else holder
        zh, en = vocab.ACTORS[actor]
        out.append({"actor": actor, "role": role, "label": {"zh": zh, "en": en}})
    return out


def item_dict(item: EffectiveItem) -> dict[str, Any]:
    """One effective requirement as a checklist item."""
    req: Requirement = item.requirement
    data: dict[str, Any] = {
        "id": req.id,
        "domain": req.domain,
        "text": text_dict(req.text),
        "level": req.level,
        "duty_holder": req.duty_holder,
        "duty_holders": duty_holders_list(req),
        "school_duty": req.school_duty,
        "assessed_at": assessed_at(req),
        "subject": list(req.subject),
        "grades": list(req.grades),
        "school_kinds": list(req.school_kinds) if req.school_kinds is not None else None,
        "document_school_kinds": None,
        "scope": req.scope or (req.check.scope if req.check is not None else None),
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
    if req.one_off:  # only on a one-off duty, so other items' tables stay as they were
        data["one_off"] = True
    return data


def region_measure_dict(metric: Metric) -> dict[str, Any]:
    """The fields a check on a region-reported metric adds: ``reported_by``
    (``region``), ``measure`` (``count``, ``share``, ``per_population``),
    ``population`` {zh, en} or null and ``per_population`` (N) or null."""
    return {"reported_by": "region", "measure": metric.measure, "population": text_dict(metric.population),
            "per_population": metric.per}
