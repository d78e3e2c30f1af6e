"""The rules every bundled plugin obeys, checkable on any installed plugin.

:func:`check_plugin` returns the errors found in one plugin (empty when it
is sound): identity and documents, ids, layering (overrides and exclusions
of existing ancestor ids), checks naming registered metrics with operators
that fit the metric's type, quotes found in the plugin's ``source.txt``, and
anything shaped like personal data.  :func:`plugin_warnings` returns what is
worth a look but not wrong: a parent that is not installed, and overrides
looser than the ancestor's rule they replace.
"""

from __future__ import annotations

import sys
from importlib import resources

from attrs import frozen

from xinli.core.assessment.metrics import Metric, collect_metrics
from xinli.core.errors import XinliError
from xinli.core.layering import chain_of, effective_rules
from xinli.core.model import Requirement, Text
from xinli.core.personal_data import find_id_card_numbers, find_mobile_numbers
from xinli.core.registry import LoadedPlugin, Registry
from xinli.core.rules import sourcetext


@frozen
class Problem:
    """One thing wrong with a plugin: which plugin, which item, and why."""

    plugin: str
    item: str | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.plugin}: {self.item}" if self.item else self.plugin
        return f"{where}: {self.reason}"


def plugin_source_text(plugin: LoadedPlugin) -> str | None:
    """The ``source.txt`` shipped beside the plugin's module, if any."""
    module = getattr(plugin.plugin, "__name__", None) or type(plugin.plugin).__module__
    if hasattr(plugin.plugin, "source_text"):
        return plugin.plugin.source_text()
    package = module if hasattr(plugin.plugin, "__path__") else module.rpartition(".")[0]
    if not package:
        return None
    try:
        return resources.files(package).joinpath("source.txt").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError, TypeError, NotADirectoryError):
        return None


def find_personal_data(text: str) -> list[str]:
    """Substrings shaped like a mobile number or a resident ID-card number
    (checksum or not: a plugin has no reason to carry either)."""
    return find_mobile_numbers(text) + find_id_card_numbers(text, checksum=False)


def _texts(req: Requirement) -> list[str]:
    texts: list[str] = [req.text.zh, req.text.en, req.citation.quote, req.citation.clause]
    for extra in (req.note, req.step.condition if req.step else None, req.partner.name if req.partner else None):
        if isinstance(extra, Text):
            texts += [extra.zh, extra.en]
    if req.partner and req.partner.phone:
        texts.append(req.partner.phone)
    return texts


def check_types(req: Requirement, metric: Metric) -> str | None:
    """Why ``req``'s check does not fit its metric's type, or None."""
    check = req.check
    assert check is not None
    if metric.type == "boolean":
        if check.op != "true" and check.count_per != "region":
            return f"metric {metric.key!r} is yes/no: use op 'true'"
        if check.count_per == "region" and check.op not in ("true", ">="):
            return "a region-level target on a yes/no metric takes op 'true' or '>=' with a share"
    elif check.op == "true":
        return f"op 'true' needs a yes/no metric, and {metric.key!r} is {metric.type}"
    if metric.type == "integer" and check.op in (">=", "<=", "=="):
        if isinstance(check.value, float) and not check.value.is_integer():
            return f"metric {metric.key!r} counts whole units; {check.value} is not whole"
    if isinstance(check.value, str) and metric.unit != "share" and check.count_per != "region":
        return f"a share value needs a share metric; {metric.key!r} is in {metric.unit}"
    if check.unit is not None and metric.unit is not None and check.unit != metric.unit and metric.unit != "flag":
        return f"unit {check.unit!r} differs from the metric's unit {metric.unit!r}"
    return None


def check_plugin(registry: Registry, code: str) -> list[Problem]:
    """Every error found in plugin ``code``'s own items and data."""
    plugin = registry.get(code)
    problems: list[Problem] = []
    jurisdiction = plugin.jurisdiction
    if not jurisdiction.documents:
        problems.append(Problem(code, None, "identity lists no source document"))
    source = plugin_source_text(plugin)
    if source is None:
        problems.append(Problem(code, None, "no source.txt shipped beside the plugin, so quotes cannot be checked"))
    else:
        for number in find_personal_data(source):
            problems.append(Problem(code, "source.txt", f"looks like personal data: {number}"))
    try:
        metrics = collect_metrics(registry)
        items = effective_rules(registry, code)
    except XinliError as exc:
        return problems + [Problem(code, None, str(exc))]
    for item in items:
        if item.source != code:
            continue
        req = item.requirement
        if source is not None and not sourcetext.quote_found(req.citation.quote, source):
            problems.append(Problem(code, req.id, f"quote not found in source.txt: 「{req.citation.quote[:40]}」"))
        if req.check is not None:
            metric = metrics.get(req.check.metric)
            if metric is None:
                problems.append(Problem(code, req.id, f"check uses unregistered metric {req.check.metric!r}"))
            else:
                mismatch = check_types(req, metric)
                if mismatch:
                    problems.append(Problem(code, req.id, mismatch))
        for text in _texts(req):
            for found in find_personal_data(text):
                problems.append(Problem(code, req.id, f"looks like personal data: {found}"))
    return problems


def plugin_warnings(registry: Registry, code: str) -> list[Problem]:
    """What deserves a look in plugin ``code`` without being wrong."""
    warnings: list[Problem] = []
    try:
        _chain, missing = chain_of(registry, code)
        items = effective_rules(registry, code)
    except XinliError:
        return warnings
    if missing is not None and missing.child == code:
        warnings.append(Problem(code, None, f"parent {missing.code!r} is not installed; its rules are not inherited"))
    for item in items:
        if item.source == code and item.looser and item.replaced is not None:
            old, new = item.replaced.citation, item.requirement.citation
            warnings.append(Problem(
                code, item.requirement.id,
                f"looser than {item.replaced_source} ({'; '.join(item.looser)}): "
                f"{old.document} {old.clause} -> {new.document} {new.clause}",
            ))
    return warnings


def check_all(registry: Registry, codes: list[str] | None = None) -> tuple[list[Problem], list[Problem]]:
    """Errors and warnings for ``codes`` (default: every installed plugin),
    including plugins that failed to load."""
    chosen = codes or registry.codes
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for problem in registry.problems:
        if codes is None or problem.name in codes:
            dist = f" (from {problem.distribution})" if problem.distribution else ""
            errors.append(Problem(problem.name, None, f"not loaded{dist}: {problem.reason}"))
    failed = {p.name for p in registry.problems}
    for code in chosen:
        if code in failed:
            continue
        errors += check_plugin(registry, code)
        warnings += plugin_warnings(registry, code)
    return errors, warnings


def main() -> int:
    """``python -m xinli.core.rules.validate [CODE...]``: print problems, exit 1
    when there are any (the same checks as ``xinli plugins check``)."""
    from xinli.core.registry import load_plugins

    registry = load_plugins()
    errors, warnings = check_all(registry, sys.argv[1:] or None)
    for problem in errors:
        print(problem)
    for warning in warnings:
        print(f"warning: {warning}")
    print(f"{len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
