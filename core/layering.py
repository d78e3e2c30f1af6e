"""Layering a region's rules over its ancestors', the way pytest layers
conftest files: the root jurisdiction first, each nearer layer overriding
items by id, marking ancestors' items as not applying, and adding its own.

Each layer's plugin is asked alone through pluggy's ``subset_hook_caller``
(see :func:`layer_rules`); the registry only loads plugins and never calls
back here.  Only documents in
force on the as-of date contribute.  An override that is looser than what it
replaces (a lower level, a smaller minimum, a longer period, fewer grades)
is kept, as the document says, but marked.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from attrs import frozen

from xinli.core import hookspecs
from xinli.core import vocabulary as vocab
from xinli.core.errors import PluginError, one_line
from xinli.core.model import Check, Document, DocumentRef, Exclusion, Requirement, Text, parse_share

if TYPE_CHECKING:
    from xinli.core.registry import LoadedPlugin, Registry

LEVEL_STRENGTH = {"required": 3, "recommended": 2, "encouraged": 1, "permitted": 0}
PERIOD_DAYS = {
    "per_day": 1, "per_week": 7, "per_two_weeks": 14, "per_month": 30, "per_semester": 150,
    "per_school_year": 365, "per_year": 365,
}


@frozen
class MissingParent:
    """A parent jurisdiction that a plugin declares but nobody installed."""

    child: str
    code: str
    name: Text | None
    documents: tuple[DocumentRef, ...]


@frozen
class EffectiveItem:
    """A requirement as it applies in a region: which layer it came from and,
    when it replaced a farther layer's item with the same id, that item."""

    requirement: Requirement
    source: str
    replaced: Requirement | None = None
    replaced_source: str | None = None
    looser: tuple[str, ...] = ()


@frozen
class ExcludedItem:
    """An ancestor's requirement that a nearer layer says does not apply."""

    requirement: Requirement
    source: str
    exclusion: Exclusion
    by: str


@frozen
class Resolution:
    """A region's effective rules and what shaped them."""

    items: list[EffectiveItem]
    excluded: list[ExcludedItem]
    not_in_force: list[tuple[str, Document]]
    missing_parent: MissingParent | None


def period_days(per: str | None) -> int | None:
    """Approximate length of a period in days, for comparing periods; None
    when the period is not a recurrence (deadline, event, standing)."""
    if per is None:
        return None
    if per in PERIOD_DAYS:
        return PERIOD_DAYS[per]
    if per.startswith("every_") and per.endswith("_years"):
        return 365 * int(per.split("_")[1])
    return None


def _number(value: Any) -> Fraction | None:
    if isinstance(value, str):
        return parse_share(value)
    if isinstance(value, int | float):
        return Fraction(value).limit_denominator()
    return None


def looser_reasons(old: Requirement, new: Requirement) -> tuple[str, ...]:
    """Why ``new`` (an override) is looser than ``old`` (what it replaces),
    as short English phrases; empty when it is not looser or the two cannot
    be compared."""
    reasons = []
    if LEVEL_STRENGTH[new.level] < LEVEL_STRENGTH[old.level]:
        reasons.append(f"level {old.level} -> {new.level}")
    if not set(old.grades) <= set(new.grades):
        reasons.append("covers fewer grades")
    reasons += _check_looser(old.check, new.check)
    return tuple(reasons)


def _check_looser(old: Check | None, new: Check | None) -> list[str]:
    if old is None:
        return []
    if new is None:
        return ["drops the check"]
    if old.metric != new.metric:
        return []
    reasons = []
    old_days, new_days = period_days(old.per), period_days(new.per)
    if old_days is not None and new_days is not None and new_days > old_days:
        reasons.append(f"longer period {old.per} -> {new.per}")
    if old.op == new.op and old.per == new.per:
        if old.op == "between":
            (low, high), (new_low, new_high) = old.value, new.value
            if new_low < low or new_high > high:
                reasons.append(f"wider range {low}-{high} -> {new_low}-{new_high}")
        elif old.op in (">=", "<="):
            before, after = _number(old.value), _number(new.value)
            if before is not None and after is not None:
                if (old.op == ">=" and after < before) or (old.op == "<=" and after > before):
                    reasons.append(f"value {old.value} -> {new.value}")
    return reasons


def chain_of(registry: Registry, code: str) -> tuple[list[LoadedPlugin], MissingParent | None]:
    """The installed chain of jurisdictions for ``code`` in ``registry``,
    root first, and the first declared parent that is not installed (if any)."""
    chain = [registry.get(code)]
    seen = {code}
    while (parent := chain[0].jurisdiction.parent) is not None:
        if parent in seen:
            names = " -> ".join([p.code for p in reversed(chain)] + [parent])
            raise PluginError(f"plugin {chain[0].code!r}: parent cycle {names}")
        if parent not in registry.plugins:
            child = chain[0].jurisdiction
            refs = tuple(ref for doc in child.documents for ref in doc.implements if ref.jurisdiction in (None, parent))
            return chain, MissingParent(child.code, parent, child.parent_name, refs)
        seen.add(parent)
        chain.insert(0, registry.plugins[parent])
    return chain, None


def layer_rules(registry: Registry, layer: LoadedPlugin, hook_name: str, region: str, as_of: dt.date | None) -> list[Requirement]:
    """Ask one layer's plugin alone for one rule hook, and check that
    what it returns obeys the contract."""
    others = [p.plugin for p in registry.plugins.values() if p.plugin is not layer.plugin]
    caller = registry.pm.subset_hook_caller(hook_name, remove_plugins=others)
    domain = next(d for d, h in hookspecs.RULE_HOOKS.items() if h == hook_name)
    items: list[Requirement] = []
    try:
        answers = caller(region=region, as_of=as_of)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # a plugin's hook may raise anything, even SystemExit
        raise PluginError(f"plugin {layer.code!r}: {hook_name} failed: {one_line(exc)}") from None
    for answer in answers:
        if answer is None:
            continue
        if not isinstance(answer, list | tuple):
            raise PluginError(f"plugin {layer.code!r}: {hook_name} returned {type(answer).__name__}, "
                              "not a list of Requirement")
        for req in answer:
            _check_layer_item(layer, req, domain)
            items.append(req)
    return items


def _check_layer_item(layer: LoadedPlugin, req: Any, domain: str) -> None:
    if not isinstance(req, Requirement):
        raise PluginError(f"plugin {layer.code!r}: hook for {domain!r} returned {type(req).__name__}, not Requirement")
    if req.domain != domain:
        raise PluginError(f"plugin {layer.code!r}: {req.id!r} has domain {req.domain!r} but came from the {domain!r} hook")
    if req.citation.jurisdiction != layer.code:
        raise PluginError(f"plugin {layer.code!r}: {req.id!r} cites jurisdiction {req.citation.jurisdiction!r}")
    numbers = {doc.number for doc in layer.jurisdiction.documents}
    if req.citation.document not in numbers:
        raise PluginError(f"plugin {layer.code!r}: {req.id!r} cites document {req.citation.document!r}, which the plugin does not list")


def _in_force(layer: LoadedPlugin, on: dt.date) -> dict[str, bool]:
    return {doc.number: doc.in_force(on) for doc in layer.jurisdiction.documents}


def _layer_exclusions(registry: Registry, layer: LoadedPlugin, region: str, as_of: dt.date | None) -> list[Exclusion]:
    others = [p.plugin for p in registry.plugins.values() if p.plugin is not layer.plugin]
    caller = registry.pm.subset_hook_caller("xinli_exclusions", remove_plugins=others)
    found: list[Exclusion] = []
    numbers = {doc.number for doc in layer.jurisdiction.documents}
    try:
        answers = caller(region=region, as_of=as_of)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # a plugin's hook may raise anything, even SystemExit
        raise PluginError(f"plugin {layer.code!r}: xinli_exclusions failed: {one_line(exc)}") from None
    for answer in answers:
        if answer is not None and not isinstance(answer, list | tuple):
            raise PluginError(f"plugin {layer.code!r}: xinli_exclusions returned {type(answer).__name__}, "
                              "not a list of Exclusion")
        for exclusion in answer or ():
            if not isinstance(exclusion, Exclusion):
                raise PluginError(f"plugin {layer.code!r}: xinli_exclusions returned {type(exclusion).__name__}, not Exclusion")
            if exclusion.citation.jurisdiction != layer.code or exclusion.citation.document not in numbers:
                raise PluginError(f"plugin {layer.code!r}: exclusion of {exclusion.id!r} must cite one of its own documents")
            found.append(exclusion)
    return found


def resolve(registry: Registry, code: str, as_of: dt.date | None = None) -> Resolution:
    """The effective rules of region ``code`` on ``as_of`` (default today).

    Raises :class:`~xinli.core.errors.PluginError` naming the plugin and id
    for an override or exclusion of an id no ancestor has, and for a
    duplicate id within one plugin.
    """
    on = as_of or dt.date.today()
    chain, missing = chain_of(registry, code)
    merged: dict[str, EffectiveItem] = {}
    excluded: list[ExcludedItem] = []
    not_in_force = [(layer.code, doc) for layer in chain for doc in layer.jurisdiction.documents if not doc.in_force(on)]
    for layer in chain:
        in_force = _in_force(layer, on)
        seen_here: set[str] = set()
        for hook_name in hookspecs.RULE_HOOKS.values():
            for req in layer_rules(registry, layer, hook_name, code, as_of):
                if req.id in seen_here:
                    raise PluginError(f"plugin {layer.code!r}: duplicate requirement id {req.id!r}")
                seen_here.add(req.id)
                if not in_force[req.citation.document]:
                    continue
                owner = req.id.split(".", 1)[0]
                previous = merged.get(req.id)
                if owner != layer.code and previous is None:
                    raise PluginError(_unknown_target(layer, req.id, "overrides", missing, chain))
                if previous is None:
                    merged[req.id] = EffectiveItem(req, layer.code)
                else:
                    looser = looser_reasons(previous.requirement, req)
                    merged[req.id] = EffectiveItem(req, layer.code, previous.requirement, previous.source, looser)
        for exclusion in _layer_exclusions(registry, layer, code, as_of):
            if not in_force[exclusion.citation.document]:
                continue
            target = merged.get(exclusion.id)
            if target is None or exclusion.id.split(".", 1)[0] == layer.code:
                raise PluginError(_unknown_target(layer, exclusion.id, "excludes", missing, chain))
            del merged[exclusion.id]
            excluded.append(ExcludedItem(target.requirement, target.source, exclusion, layer.code))
    order = {domain: i for i, domain in enumerate(vocab.DOMAINS)}
    items = sorted(merged.values(), key=lambda item: order[item.requirement.domain])
    return Resolution(items, excluded, not_in_force, missing)


def _unknown_target(layer: LoadedPlugin, item_id: str, verb: str, missing: MissingParent | None, chain: list[Any]) -> str:
    owner = item_id.split(".", 1)[0]
    if missing is not None and owner not in {p.code for p in chain}:
        return (f"plugin {layer.code!r} {verb} {item_id!r}, but {owner!r} is not installed "
                f"(its parent {missing.code!r} is missing)")
    return f"plugin {layer.code!r} {verb} {item_id!r}, which no ancestor ({' -> '.join(p.code for p in chain[:-1]) or 'none'}) has"


def effective_rules(registry: Registry, code: str, as_of: dt.date | None = None) -> list[EffectiveItem]:
    """The region's rules: its ancestors' rules overlaid by its own (the
    ``items`` of :func:`resolve`)."""
    return resolve(registry, code, as_of).items
