"""Layering a region's rules over its ancestors', the way pytest layers
conftest files: the root jurisdiction first, each nearer layer overriding
items by id, marking ancestors' items as not applying, and adding its own.

Each layer's plugin is asked alone (:func:`xinli.core.hookcall.call_alone`)
(see :func:`layer_rules`); the registry only loads plugins and never calls
back here.  Only documents in
force on the as-of date contribute.  An override that is looser than what it
replaces (a lower level, a smaller minimum, a longer period, fewer grades)
(or covers fewer schools: fewer grades or school kinds, an added condition,
a higher threshold) is kept, as the document says, but marked.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from attrs import frozen

from xinli.core import hookspecs
from xinli.core import vocabulary as vocab
from xinli.core.errors import PluginError, one_line
from xinli.core.hookcall import call_alone
from xinli.core.model import (
    Ancestor,
    Check,
    Condition,
    ConditionGroup,
    Document,
    DocumentRef,
    Exclusion,
    Requirement,
    Text,
    parse_share,
)
from xinli.core.suggest import did_you_mean

if TYPE_CHECKING:
    from xinli.core.registry import LoadedPlugin, Registry

LEVEL_STRENGTH = {"required": 3, "recommended": 2, "encouraged": 1, "permitted": 0}
PERIOD_DAYS = {
    "per_day": 1, "per_week": 7, "per_two_weeks": 14, "per_month": 30, "per_semester": 150,
    "per_school_year": 365, "per_year": 365,
}


@frozen
class MissingParent:
    """An ancestor jurisdiction that a plugin declares but nobody installed
    (``child`` is the jurisdiction whose declaration names it)."""

    child: str
    code: str
    name: Text | None
    documents: tuple[DocumentRef, ...]
    level: str | None = None


@frozen
class Lineage:
    """A region's line of jurisdictions: ``chain`` the installed ones, root
    first and the region last; ``missing`` the declared ancestors nobody
    installed, nearest first; ``declared`` every ancestor, nearest first."""

    chain: list[LoadedPlugin]
    missing: list[MissingParent]
    declared: list[Ancestor]


@frozen
class EffectiveItem:
    """A requirement as it applies in a region: which layer it came from and,
    when it replaced a farther layer's item with the same id, that item."""

    requirement: Requirement
    source: str
    replaced: Requirement | None = None
    replaced_source: str | None = None
    looser: tuple[str, ...] = ()
    #: the same reasons in Chinese
    looser_zh: tuple[str, ...] = ()


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
    missing: tuple[MissingParent, ...] = ()


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
    be compared.  Covering fewer schools is looser too: fewer grades or
    school kinds, an added condition, a higher threshold in a condition."""
    return tuple(en for en, _zh in looser_reason_texts(old, new))


def looser_reason_texts(old: Requirement, new: Requirement) -> list[tuple[str, str]]:
    """:func:`looser_reasons` as ``(en, zh)`` pairs."""
    reasons = []
    if LEVEL_STRENGTH[new.level] < LEVEL_STRENGTH[old.level]:
        reasons.append((f"level {old.level} -> {new.level}",
                        f"要求等级 {vocab.label(vocab.LEVELS, old.level, 'zh')} → {vocab.label(vocab.LEVELS, new.level, 'zh')}"))
    if not set(old.grades) <= set(new.grades):
        reasons.append(("covers fewer grades", "覆盖的年级更少"))
    old_kinds, new_kinds = item_school_kinds(old), item_school_kinds(new)
    if new_kinds is not None and (old_kinds is None or not set(old_kinds) <= set(new_kinds)):
        shown = ", ".join(new_kinds)
        kinds = getattr(vocab, "KINDS_OF_SCHOOL", vocab.SCHOOL_KINDS)
        zh_old = "、".join(vocab.label(kinds, k, "zh") for k in old_kinds) if old_kinds else "各类学校"
        zh_new = "、".join(vocab.label(kinds, k, "zh") for k in new_kinds)
        reasons.append((f"covers fewer school kinds ({', '.join(old_kinds) if old_kinds else 'every kind'} -> {shown})",
                        f"覆盖的学校类型更少（{zh_old} → {zh_new}）"))
    if conditions_narrower(old.applies_if, new.applies_if):
        before, after = conditions_words(old.applies_if), conditions_words(new.applies_if)
        reasons.append((f"applies to fewer schools ({before} -> {after})", f"适用的学校更少（{before} → {after}）"))
    reasons += [(reason, _zh_reason(reason)) for reason in _check_looser(old.check, new.check)]
    return reasons


def _zh_reason(reason: str) -> str:
    """A check's looser reason (English, stable) in Chinese."""
    for en, zh in (("drops the check", "取消了数值核查"), ("longer period ", "周期更长 "), ("wider range ", "范围更宽 "),
                   ("value ", "数值 ")):
        if reason.startswith(en):
            return zh + reason[len(en):].replace("->", "→")
    return reason


def item_school_kinds(req: Any) -> tuple[str, ...] | None:
    """The school kinds an item names (None: every kind); a model without
    school kinds answers None."""
    kinds = getattr(req, "school_kinds", None)
    return tuple(kinds) if kinds else None


def conditions_words(nodes: Any) -> str:
    """Conditions in a short stable form: ``boarders >= 200 or enrollment >= 1000``
    (``every school`` when there are none)."""
    if not nodes:
        return "every school"
    return " and ".join(_node_words(node, top=True) for node in nodes)


def _node_words(node: Any, top: bool = False) -> str:
    if isinstance(node, Condition):
        return f"{node.attribute} {node.op} {node.value}"
    if node.kind == "not":
        return f"not ({_node_words(node.items[0])})"
    inner = f" {node.kind.replace('all', 'and').replace('any', 'or')} ".join(_node_words(i) for i in node.items)
    return inner if top else f"({inner})"


def _flat_all(nodes: Any) -> list[Any]:
    """The tests that must all hold, with nested ``all`` groups opened."""
    out: list[Any] = []
    for node in nodes or ():
        if isinstance(node, ConditionGroup) and node.kind == "all":
            out += _flat_all(node.items)
        else:
            out.append(node)
    return out


def _signature(node: Any) -> Any:
    """The shape of a condition: what it tests, without thresholds."""
    if isinstance(node, Condition):
        return (node.attribute, node.op)
    return (node.kind, tuple(_signature(i) for i in node.items))


def _compare_node(old: Any, new: Any) -> str | None:
    """``same``, ``narrower`` (fewer schools pass ``new``), ``broader`` or
    None when undecidable, for two conditions of one shape."""
    if isinstance(old, Condition) and isinstance(new, Condition):
        if old.attribute != new.attribute or old.op != new.op:
            return None
        if old.value == new.value:
            return "same"
        numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (old.value, new.value))
        if not numbers or old.op in ("==", "!="):
            return None
        higher = new.value > old.value
        return ("narrower" if higher else "broader") if old.op in (">=", ">") else ("broader" if higher else "narrower")
    if isinstance(old, ConditionGroup) and isinstance(new, ConditionGroup) and old.kind == new.kind \
            and len(old.items) == len(new.items):
        results = {_compare_node(o, n) for o, n in zip(old.items, new.items, strict=True)} - {"same"}
        if not results:
            return "same"
        if len(results) != 1 or None in results:
            return None
        (result,) = results
        if old.kind == "not":
            return {"narrower": "broader", "broader": "narrower"}[result]
        return result
    return None


def conditions_narrower(old: Any, new: Any) -> bool:
    """True when the conditions ``new`` (all must hold) let fewer schools
    in than ``old``, decidably: an added test (an extra ``all`` term, a
    condition where there was none) or a stricter threshold (1,000 →
    1,500 students, inside an ``any`` group too), and nothing that lets
    more in."""
    old_nodes, new_nodes = _flat_all(old), _flat_all(new)
    unmatched_old = list(old_nodes)
    results: set[str | None] = set()
    for node in new_nodes:
        twin = next((o for o in unmatched_old if _signature(o) == _signature(node)), None)
        if twin is None:
            results.add("narrower")  # a test the parent did not make
            continue
        unmatched_old.remove(twin)
        results.add(_compare_node(twin, node))
    if unmatched_old:
        results.add("broader")  # a parent's test dropped
    results.discard("same")
    return results == {"narrower"}


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


def lineage(registry: Registry, code: str) -> Lineage:
    """The line above region ``code``: its declared ancestors nearest first
    (``ancestors``, else ``parent``), continued by the last installed
    ancestor's own declaration when the region's declaration ends there.
    Every installed ancestor is used in order; a declared one that nobody
    installed is listed as missing and skipped, so a county whose city is
    not encoded still inherits its province.

    This is the one walk up the ancestry: each ancestor is found by code
    through :meth:`Registry.find`, so a lazy registry imports exactly this
    line and no other plugin."""
    region = registry.get(code)
    queue: list[tuple[Ancestor, Any]] = [(a, region.jurisdiction) for a in region.jurisdiction.declared_ancestors()]
    installed: list[LoadedPlugin] = []
    missing: list[MissingParent] = []
    declared: list[Ancestor] = []
    seen = [code]
    while queue:
        ancestor, declarer = queue.pop(0)
        if ancestor.code in seen:
            names = " -> ".join([*seen, ancestor.code])
            raise PluginError(f"plugin {code!r}: ancestor cycle {names}")
        seen.append(ancestor.code)
        declared.append(ancestor)
        plugin = registry.find(ancestor.code)  # imports it now from a lazy registry
        if plugin is not None:
            installed.append(plugin)
            if not queue:
                queue = [(a, plugin.jurisdiction) for a in plugin.jurisdiction.declared_ancestors()]
            continue
        is_parent = declarer.parent == ancestor.code
        refs = tuple(ref for doc in declarer.documents for ref in doc.implements
                     if ref.jurisdiction == ancestor.code or (ref.jurisdiction is None and is_parent))
        refs += tuple(ref for ref in ancestor.documents if ref not in refs)
        missing.append(MissingParent(declarer.code, ancestor.code, ancestor.name, refs, ancestor.level))
    return Lineage([*reversed(installed), region], missing, declared)


def ancestry_codes(registry: Registry, code: str) -> list[str]:
    """The codes of every ancestor region ``code`` declares, nearest first,
    installed or not (e.g. ``["xianyang", "shaanxi", "national"]``)."""
    return [a.code for a in lineage(registry, code).declared]


def chain_of(registry: Registry, code: str) -> tuple[list[LoadedPlugin], MissingParent | None]:
    """The installed chain of jurisdictions for ``code`` in ``registry``,
    root first, and the nearest declared ancestor that is not installed
    (if any); :func:`lineage` lists all of them."""
    line = lineage(registry, code)
    return line.chain, (line.missing[0] if line.missing else None)


def _ask_alone(registry: Registry, layer: LoadedPlugin, hook_name: str, region: str, as_of: dt.date | None,
               what: str) -> list[Any]:
    """Call ``hook_name`` on one layer's plugin alone (:func:`call_alone`)
    and return its answers flattened; a hook that
    raises (even ``SystemExit``) or answers something other than a list is
    a :class:`PluginError` naming the plugin."""
    try:
        answers = call_alone(registry.pm, layer.plugin, hook_name, region=region, as_of=as_of)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # a plugin's hook may raise anything, even SystemExit
        raise PluginError(f"plugin {layer.code!r}: {hook_name} failed: {one_line(exc)}") from None
    found: list[Any] = []
    for answer in answers:
        if answer is None:
            continue
        if not isinstance(answer, list | tuple):
            raise PluginError(f"plugin {layer.code!r}: {hook_name} returned {type(answer).__name__}, not a list of {what}")
        found.extend(answer)
    return found


def layer_rules(registry: Registry, layer: LoadedPlugin, hook_name: str, region: str, as_of: dt.date | None) -> list[Requirement]:
    """Ask one layer's plugin alone for one rule hook, and check that
    what it returns obeys the contract."""
    domain = next(d for d, h in hookspecs.RULE_HOOKS.items() if h == hook_name)
    items = _ask_alone(registry, layer, hook_name, region, as_of, "Requirement")
    for req in items:
        _check_layer_item(layer, req, domain)
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
    numbers = {doc.number for doc in layer.jurisdiction.documents}
    found = _ask_alone(registry, layer, "xinli_exclusions", region, as_of, "Exclusion")
    for exclusion in found:
        if not isinstance(exclusion, Exclusion):
            raise PluginError(f"plugin {layer.code!r}: xinli_exclusions returned {type(exclusion).__name__}, not Exclusion")
        if exclusion.citation.jurisdiction != layer.code or exclusion.citation.document not in numbers:
            raise PluginError(f"plugin {layer.code!r}: exclusion of {exclusion.id!r} must cite one of its own documents")
    return found


def resolve(registry: Registry, code: str, as_of: dt.date | None = None) -> Resolution:
    """The effective rules of region ``code`` on ``as_of`` (default today).

    Raises :class:`~xinli.core.errors.PluginError` naming the plugin and id
    for an override or exclusion of an id no ancestor has, and for a
    duplicate id within one plugin.
    """
    on = as_of or dt.date.today()
    line = lineage(registry, code)
    chain = line.chain
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
                    raise PluginError(_unknown_target(layer, req.id, "overrides", line, merged, registry))
                if previous is None:
                    merged[req.id] = EffectiveItem(req, layer.code)
                else:
                    looser = looser_reason_texts(previous.requirement, req)
                    merged[req.id] = EffectiveItem(req, layer.code, previous.requirement, previous.source,
                                                   tuple(en for en, _zh in looser), tuple(zh for _en, zh in looser))
        for exclusion in _layer_exclusions(registry, layer, code, as_of):
            if not in_force[exclusion.citation.document]:
                continue
            target = merged.get(exclusion.id)
            if target is None or exclusion.id.split(".", 1)[0] == layer.code:
                raise PluginError(_unknown_target(layer, exclusion.id, "excludes", line, merged, registry))
            del merged[exclusion.id]
            excluded.append(ExcludedItem(target.requirement, target.source, exclusion, layer.code))
    order = {domain: i for i, domain in enumerate(vocab.DOMAINS)}
    items = sorted(merged.values(), key=lambda item: order[item.requirement.domain])
    return Resolution(items, excluded, not_in_force, line.missing[0] if line.missing else None, tuple(line.missing))


def _unknown_target(layer: LoadedPlugin, item_id: str, verb: str, line: Lineage, known: Any = (),
                    registry: Registry | None = None) -> str:
    """The one-line error for an override or exclusion of an id no
    installed ancestor has, naming the missing ancestor when it is one."""
    owner = item_id.split(".", 1)[0]
    installed = [p.code for p in line.chain[:-1]]
    position = [p.code for p in line.chain].index(layer.code)
    above = [p.code for p in line.chain[:position]]
    missing = {m.code: m for m in line.missing}
    if owner in missing:
        level = f", {missing[owner].level}" if missing[owner].level else ""
        return (f"plugin {layer.code!r} {verb} {item_id!r}, but ancestor {owner!r}{level} is not installed "
                f"(installed ancestors: {' -> '.join(installed) or 'none'})")
    if owner in installed and owner not in above:
        return f"plugin {layer.code!r} {verb} {item_id!r} of {owner!r}, which is below it in the line"
    declared = [a.code for a in line.declared]
    if registry is not None and owner in registry.available and owner not in declared:
        shown = " -> ".join([line.chain[-1].code, *declared])
        return (f"plugin {layer.code!r} {verb} {item_id!r}, but {owner!r} is not in {line.chain[-1].code!r}'s declared line "
                f"({shown}): declare it under [[jurisdiction.ancestors]]")
    hint = did_you_mean(item_id, known)
    return f"plugin {layer.code!r} {verb} {item_id!r}, which no ancestor ({' -> '.join(above) or 'none'}) has{hint}"


def effective_rules(registry: Registry, code: str, as_of: dt.date | None = None) -> list[EffectiveItem]:
    """The region's rules: its ancestors' rules overlaid by its own (the
    ``items`` of :func:`resolve`)."""
    return resolve(registry, code, as_of).items
