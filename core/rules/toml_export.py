"""Writing a plugin's rules as a TOML rules file (``xinli export-rules``):
the format :class:`xinli.core.rules.toml_plugin.TomlPlugin` reads and
``docs/rules-format.md`` documents, including the metrics the plugin
registers."""

from __future__ import annotations

from typing import Any

from xinli.core.dicts import citation_dict, item_dict, procedure_dict, text_dict
from xinli.core.hookcall import call_alone
from xinli.core.layering import EffectiveItem
from xinli.core.model import Jurisdiction, Metric, Requirement
from xinli.core.registry import Registry

#: Checklist fields that describe a region's layering or are worked out
#: from the rule, not the rule itself.
DERIVED_FIELDS = ("school_duty", "assessed_at", "source", "replaces", "looser_than_parent", "deadline_reading", "one_off_past",
                  "document_school_kinds")


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value]
    return value


def _text(data: dict[str, str] | None) -> tuple[str, str] | None:
    return None if data is None else (data["zh"], data["en"])


def requirement_to_dict(requirement: Requirement) -> dict[str, Any]:
    """A requirement as a TOML-ready table: the checklist contract's fields,
    without derived ones and without empty values."""
    data = item_dict(EffectiveItem(requirement, requirement.citation.jurisdiction))
    for key in DERIVED_FIELDS:
        data.pop(key, None)
    if requirement.scope is None:
        data.pop("scope", None)  # the checklist's effective scope; the check says its own
    if requirement.duty_holders:
        data.pop("duty_holder")
        data["duty_holders"] = [{"actor": d.actor, "role": d.role} for d in requirement.duty_holders]
    else:
        data.pop("duty_holders")
    if not data.get("timing"):
        data.pop("timing", None)
    if requirement.deadline_as_written is not None:
        data["deadline"] = requirement.deadline_as_written
    check = data.get("check")
    if check and requirement.check is not None:
        if "any" in check:
            data["check"] = {"any": [_plain_check(alt, model) for alt, model in zip(check["any"], requirement.check.any,
                                                                                   strict=True)]}
        else:
            _plain_check(check, requirement.check)
    step = data.get("step")
    if step:
        if not step.get("guided_by"):
            step.pop("guided_by", None)
        if step.get("procedure") == "main":
            step.pop("procedure")
    return _drop_none(data)


def _plain_check(check: dict[str, Any], model: Any) -> dict[str, Any]:
    """A check's table without what is worked out (its column) or default."""
    check.pop("column", None)
    if check.get("grades_mode") == "each":
        check.pop("grades_mode")
    if model.binds is None:
        check.pop("binds", None)
    return check


def jurisdiction_to_dict(jurisdiction: Jurisdiction) -> dict[str, Any]:
    """A jurisdiction's identity as a TOML-ready table."""
    return _drop_none({
        "code": jurisdiction.code,
        "name": text_dict(jurisdiction.name),
        "level": jurisdiction.level,
        "parent": jurisdiction.parent,
        "parent_name": text_dict(jurisdiction.parent_name),
        "encoded_domains": list(jurisdiction.encoded_domains) if jurisdiction.encoded_domains is not None else None,
        "encoded_clauses": list(jurisdiction.encoded_clauses) or None,
        "school_kinds": list(jurisdiction.school_kinds) if jurisdiction.school_kinds is not None else None,
        "ancestors": [
            {"code": a.code, "name": text_dict(a.name), "level": a.level,
             "documents": [{"number": r.number, "title": r.title_zh, "issuer": r.issuer_zh, "jurisdiction": r.jurisdiction}
                           for r in a.documents] or None}
            for a in jurisdiction.ancestors
        ] or None,
        "documents": [
            {
                "number": doc.number,
                "title": text_dict(doc.title),
                "issuer": text_dict(doc.issuer),
                "date": doc.date,
                "has_official_number": doc.has_official_number,
                "implements": [{"number": r.number, "title": r.title_zh, "issuer": r.issuer_zh, "jurisdiction": r.jurisdiction}
                               for r in doc.implements],
                "note": text_dict(doc.note),
                "in_force_from": doc.in_force_from,
                "repealed_on": doc.repealed_on,
                "replaced_by": doc.replaced_by,
            }
            for doc in jurisdiction.documents
        ],
    })


def metric_to_dict(metric: Metric) -> dict[str, Any]:
    """A metric a plugin declares, as a TOML-ready ``[[metrics]]`` table."""
    data = {"key": metric.key, "label": text_dict(metric.label), "type": metric.type, "unit": metric.unit,
            "help": text_dict(metric.help), "at_most": metric.at_most}
    if metric.region_reported:
        data.update({"reported_by": metric.reported_by, "measure": metric.measure,
                     "population": text_dict(metric.population), "per": metric.per})
    return _drop_none(data)


def export_rules(registry: Registry, code: str) -> dict[str, Any]:
    """Plugin ``code``'s identity, own requirements (including its
    overrides of ancestors' ids) and exclusions, as a TOML-ready dict."""
    from xinli.core.layering import resolve

    plugin = registry.get(code)
    resolution = resolve(registry, code)
    own = [item.requirement for item in resolution.items if item.source == code]
    exclusions = [
        {"id": ex.exclusion.id, "citation": citation_dict(ex.exclusion.citation), "reason": text_dict(ex.exclusion.reason)}
        for ex in resolution.excluded
        if ex.by == code
    ]
    data: dict[str, Any] = {
        "jurisdiction": jurisdiction_to_dict(plugin.jurisdiction),
        "requirements": [requirement_to_dict(r) for r in own],
    }
    hook = getattr(plugin.plugin, "xinli_escalation_procedures", None)
    procedures = [_drop_none(procedure_dict(p, code)) for p in (hook() if hook is not None else None) or ()]
    for entry in procedures:
        entry.pop("source", None)
    if procedures:
        data["procedures"] = procedures
    if exclusions:
        data["exclusions"] = exclusions
    metrics = plugin_metrics(registry, code)
    if metrics:
        data["metrics"] = [metric_to_dict(m) for m in metrics]
    return data


def plugin_metrics(registry: Registry, code: str) -> list[Metric]:
    """The metrics plugin ``code`` itself registers (not the built-in ones)."""
    plugin = registry.get(code)
    return [m for answer in call_alone(registry.pm, plugin.plugin, "xinli_register_metrics") for m in answer or ()]


def export_rules_toml(registry: Registry, code: str) -> str:
    """:func:`export_rules` written as TOML text by tomli-w."""
    import tomli_w

    header = (f"# xinli rules for {code}, exported by `xinli export-rules`.\n"
              "# Field meanings: docs/rules-format.md. Load with xinli.core.rules.toml_plugin.TomlPlugin.\n\n")
    return header + tomli_w.dumps(export_rules(registry, code))
