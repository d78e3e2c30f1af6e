"""Checks every bundled plugin obeys, usable on any installed plugin.

:func:`check_plugin` returns a list of :class:`Problem` (empty when the
plugin is sound): quotes that its ``source.txt`` does not contain, checks
naming unknown metrics, ids not prefixed by a known jurisdiction, and
anything shaped like a mainland mobile number.
"""

from __future__ import annotations

import re
import sys
from importlib import resources

from attrs import frozen

from xinli.core import sourcetext
from xinli.core.metrics import builtin_metrics
from xinli.core.plugins import LoadedPlugin, PluginError, Registry

MOBILE_NUMBER = re.compile(r"(?<!\d)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)")


@frozen
class Problem:
    """One thing wrong with a plugin: which plugin, which item, and why."""

    plugin: str
    item: str | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.plugin}:{self.item}" if self.item else self.plugin
        return f"{where}: {self.reason}"


def plugin_source_text(plugin: LoadedPlugin) -> str | None:
    """The ``source.txt`` shipped beside the plugin's module, if any."""
    module = getattr(plugin.plugin, "__name__", None)
    if module is None:
        return None
    package = module if hasattr(plugin.plugin, "__path__") else module.rpartition(".")[0]
    try:
        return resources.files(package).joinpath("source.txt").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError, TypeError):
        return None


def find_mobile_numbers(text: str) -> list[str]:
    """Substrings of ``text`` shaped like a mainland mobile number."""
    return [m.group(0) for m in MOBILE_NUMBER.finditer(text)]


def check_plugin(registry: Registry, code: str) -> list[Problem]:
    """Every problem found in plugin ``code``'s own items and data."""
    plugin = registry.get(code)
    problems: list[Problem] = []
    source = plugin_source_text(plugin)
    if source is None:
        problems.append(Problem(code, None, "no source.txt shipped beside the plugin"))
    metrics = builtin_metrics()
    try:
        items = registry.effective_rules(code)
    except PluginError as exc:
        return [Problem(code, None, str(exc))]
    for item in items:
        if item.source != code:
            continue
        req = item.requirement
        if source is not None and not sourcetext.quote_found(req.citation.quote, source):
            problems.append(Problem(code, req.id, f"quote not found in source.txt: {req.citation.quote[:40]}…"))
        if req.check is not None and req.check.metric not in metrics:
            problems.append(Problem(code, req.id, f"check uses unregistered metric {req.check.metric!r}"))
        texts = [req.text.zh, req.text.en, req.citation.quote]
        if req.note:
            texts += [req.note.zh, req.note.en]
        if req.partner and req.partner.phone:
            texts.append(req.partner.phone)
        for text in texts:
            for number in find_mobile_numbers(text):
                problems.append(Problem(code, req.id, f"looks like a mobile number: {number}"))
    return problems


def main() -> int:
    """``python -m xinli.core.validate [CODE...]``: print problems, exit 1
    when there are any."""
    from xinli.core.plugins import load_plugins

    registry = load_plugins()
    codes = sys.argv[1:] or registry.codes
    found = 0
    for problem in registry.problems:
        print(f"{problem.name}: {problem.reason}")
        found += 1
    for code in codes:
        for problem in check_plugin(registry, code):
            print(problem)
            found += 1
    print(f"{found} problem(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
