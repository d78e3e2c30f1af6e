"""The rules every bundled plugin obeys, checkable on any installed plugin.

:func:`check_plugin` returns the errors found in one plugin (empty when it
is sound): identity and documents, ids, layering (overrides and exclusions
of existing ancestor ids), checks naming registered metrics with operators
that fit the metric's type, quotes found in the plugin's ``source.txt``, and
anything shaped like personal data, hooks and metrics misspelt (with "did
you mean"), region share targets without a denominator.
:func:`plugin_warnings` returns what is worth a look but not wrong, and
what ``plugins check --strict`` fails on: scaffold placeholders left in
(待填写, 【示例】, TODO, a document dated the scaffold day), region targets
that do not state their scope, and overrides looser than the ancestor's
rule they replace.  :func:`plugin_notes` lists declared ancestors nobody
installed, which no check fails on.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from importlib import resources
from typing import Any

from attrs import frozen

from xinli.core import hookspecs
from xinli.core import vocabulary as vocab
from xinli.core.assessment.metrics import collect_metrics
from xinli.core.errors import XinliError
from xinli.core.hookcall import call_alone
from xinli.core.layering import lineage, resolve
from xinli.core.model import Check, Metric, Requirement, Text
from xinli.core.personal_data import find_mobile_numbers  # noqa: F401  (re-exported for plugin tests)
from xinli.core.personal_data import find_personal_data as _find_personal_data
from xinli.core.registry import LoadedPlugin, Registry
from xinli.core.rules import sourcetext
from xinli.core.suggest import did_you_mean

PLACEHOLDERS = ("待填写", "【示例】", "[Example]", "TODO")


@frozen
class Problem:
    """One thing wrong with a plugin: which plugin, which item, and why."""

    plugin: str
    item: str | None
    reason: str
    #: The reason in Chinese, where it is given in both languages.
    reason_zh: str | None = None

    def __str__(self) -> str:
        where = f"{self.plugin}: {self.item}" if self.item else self.plugin
        return f"{where}: {self.reason}"

    def words(self, lang: str) -> str:
        """The problem in ``lang`` (English where no Chinese is given)."""
        from xinli.core.messages import localise_error, pick

        where = f"{self.plugin}: {self.item}" if self.item else self.plugin
        chinese = self.reason_zh or localise_error(self.reason, "zh")
        return f"{where}: {pick((chinese, self.reason), lang)}"


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


#: Each plugin's document text with white space squashed, read once per
#: process the first time a command prints that plugin's items.
_SQUASHED_SOURCES: dict[tuple[str, int], str | None] = {}


def unquoted_items(registry: Registry, checklist: dict[str, Any]) -> list[tuple[str, str, str]]:
    """``(plugin code, item id, quote)`` of each item in ``checklist`` whose
    quote is not in its plugin's ``source.txt`` (the check ``plugins check``
    makes, run lazily: only the plugins the checklist draws on, each
    source read and squashed once per process).  A plugin shipping no
    source text is left to ``plugins check``, which reports it."""
    missing = []
    for item in checklist["items"]:
        code = item.get("citation", {}).get("jurisdiction") or item.get("source")
        plugin = registry.plugins.get(code)
        if plugin is None:
            continue
        key = (code, id(plugin.plugin))
        if key not in _SQUASHED_SOURCES:
            text = plugin_source_text(plugin)
            _SQUASHED_SOURCES[key] = sourcetext.squash(text) if text is not None else None
        source = _SQUASHED_SOURCES[key]
        quote = item["citation"]["quote"]
        if source is not None and sourcetext.squash(quote) not in source:
            missing.append((code, item["id"], quote))
    return missing


def find_personal_data(text: str) -> list[str]:
    """Substrings shaped like a mobile number or a resident ID-card number
    (checksum or not: a plugin has no reason to carry either), read as
    :func:`xinli.core.personal_data.normalise` reads them."""
    return _find_personal_data(text, checksum=False)


def _texts(req: Requirement) -> list[str]:
    texts: list[str] = [req.text.zh, req.text.en, req.citation.quote, req.citation.clause]
    for extra in (req.note, req.step.condition if req.step else None, req.partner.name if req.partner else None):
        if isinstance(extra, Text):
            texts += [extra.zh, extra.en]
    if req.partner and req.partner.phone:
        texts.append(req.partner.phone)
    return texts


def check_types(req: Requirement, metric: Metric, check: Check | None = None) -> str | None:
    """Why ``req``'s check (or ``check``, one alternative of an any-of
    check) does not fit its metric's type, or None."""
    check = check or req.check
    assert check is not None
    if metric.region_reported:
        return _region_reported_types(check, metric)
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
    if check.count_per == "region":
        if check.op != "true" and not isinstance(check.value, str):
            return ("a region-level share target needs its denominator: write the value as a share such as '9/10' "
                    "(of the schools in scope), '1/1' for every school (op 'true' only on a yes/no metric)")
        if check.unit not in (None, "share") and not (check.op == "true" and check.unit == metric.unit):
            return f"a region-level share target counts schools: leave unit empty (or 'share'), not {check.unit!r}"
        return None
    if isinstance(check.value, str) and metric.unit != "share":
        return f"a share value needs a share metric; {metric.key!r} is in {metric.unit}"
    if check.unit is not None and metric.unit is not None and check.unit != metric.unit and metric.unit != "flag":
        return f"unit {check.unit!r} differs from the metric's unit {metric.unit!r}"
    return None


def _region_reported_types(check: Check, metric: Metric) -> str | None:
    """Why a check on a region-reported metric does not fit it, or None."""
    if check.count_per != "region":
        return (f"metric {metric.key!r} is reported by the region about itself: its check is a region target "
                "(count_per = 'region')")
    if check.op == "true":
        return f"metric {metric.key!r} is a {metric.measure}: compare it with >=, <=, == or between"
    if check.grades is not None or check.when is not None:
        return f"metric {metric.key!r} is reported by the region, not measured in a school's grades or conditions"
    values = list(check.value) if isinstance(check.value, tuple) else [check.value]
    if metric.measure == "share":
        if any(not isinstance(v, str) and v > 1 for v in values):
            return f"metric {metric.key!r} is a share: write the target as a share such as '9/10' (not {check.value!r})"
    elif any(isinstance(v, str) for v in values):
        return f"metric {metric.key!r} is a {metric.measure}: its target is a number, not a share {check.value!r}"
    if metric.measure == "count" and any(isinstance(v, float) and not v.is_integer() for v in values):
        return f"metric {metric.key!r} counts whole units; {check.value!r} is not whole"
    if check.unit not in (None, "share", metric.unit):
        return f"unit {check.unit!r} differs from the metric's unit {metric.unit!r}"
    return None


def placeholder_problems(plugin: LoadedPlugin, own: list[Requirement], exclusion_texts: list[str]) -> list[Problem]:
    """Scaffold placeholders still in a plugin: 待填写, 【示例】, TODO, and a
    document dated the day the plugin was scaffolded."""
    code = plugin.code
    jurisdiction = plugin.jurisdiction
    problems: list[Problem] = []
    identity = [jurisdiction.name.zh, jurisdiction.name.en]
    for doc in jurisdiction.documents:
        identity += [doc.number, doc.title.zh, doc.title.en, doc.issuer.zh, doc.issuer.en]
    for text in identity + exclusion_texts:
        for marker in PLACEHOLDERS:
            if marker in text:
                problems.append(Problem(code, None, f"placeholder {marker!r} left in: {text[:60]}",
                                        f"仍有占位内容 {marker!r}：{text[:60]}"))
                break
    for req in own:
        for text in _texts(req):
            marker = next((m for m in PLACEHOLDERS if m in text), None)
            if marker:
                problems.append(Problem(code, req.id, f"placeholder {marker!r} left in: {text[:60]}",
                                        f"仍有占位内容 {marker!r}：{text[:60]}"))
                break
    package = getattr(plugin.plugin, "package", None)
    if package:
        try:
            readme = resources.files(package).joinpath("README.md").read_text(encoding="utf-8")
        except (FileNotFoundError, ModuleNotFoundError, NotADirectoryError):
            readme = ""
        marker = next((m for m in ("待填写", "TODO") if m in readme), None)
        if marker:
            problems.append(Problem(code, "README.md", f"placeholder {marker!r} left in the README",
                                    f"README 中仍有占位内容 {marker!r}"))
    created = getattr(plugin.plugin, "scaffolded_on", None)
    for doc in jurisdiction.documents:
        if created and doc.date == created:
            problems.append(Problem(code, None, f"document {doc.number} is dated {doc.date}, the day the plugin was scaffolded: "
                                    "write the date printed on the document (then delete the [scaffold] table)",
                                    f"文件 {doc.number} 的日期 {doc.date} 是生成插件当天：请填写文件上印的日期"
                                    "（然后删除 [scaffold] 表）"))
    return problems


def _did_you_mean_zh(word: str, choices: Iterable[str]) -> str:
    """:func:`did_you_mean` in Chinese."""
    from xinli.core.suggest import close_matches

    found = close_matches(word, choices)
    return "；是否想写 " + " 或 ".join(repr(f) for f in found) + "？" if found else ""


def _hook_name_problems(plugin: LoadedPlugin) -> list[Problem]:
    """Functions named like a hook (``xinli_...``) that are not one, with a
    suggestion: a misspelt hook is otherwise silently never called."""
    known = set(hookspecs.RULE_HOOKS.values()) | {"xinli_jurisdiction", "xinli_exclusions", "xinli_register_metrics",
                                                  "xinli_escalation_procedures"}
    problems = []
    for name in dir(plugin.plugin):
        if name.startswith("xinli_") and name not in known and callable(getattr(plugin.plugin, name, None)):
            problems.append(Problem(plugin.code, None, f"{name!r} is not a xinli hook{did_you_mean(name, known)}",
                                    f"{name!r} 不是 xinli 的钩子{_did_you_mean_zh(name, known)}"))
    return problems


def check_plugin(registry: Registry, code: str) -> list[Problem]:
    """Every error found in plugin ``code``'s own items and data."""
    plugin = registry.get(code)
    problems: list[Problem] = []
    jurisdiction = plugin.jurisdiction
    if not jurisdiction.documents:
        problems.append(Problem(code, None, "identity lists no source document", "辖区信息未列出任何依据文件"))
    source = plugin_source_text(plugin)
    if source is None:
        problems.append(Problem(code, None, "no source.txt shipped beside the plugin, so quotes cannot be checked",
                                        "插件旁没有 source.txt，无法核对原文引文"))
    else:
        for number in find_personal_data(source):
            problems.append(Problem(code, "source.txt", f"looks like personal data: {number}", f"疑似个人信息：{number}"))
    problems += _hook_name_problems(plugin)
    try:
        metrics = collect_metrics(registry)
        resolution = resolve(registry, code)
        line = lineage(registry, code)
    except XinliError as exc:
        return problems + [Problem(code, None, str(exc))]
    collectable = _collectable_metrics(registry, [p.code for p in line.chain])
    for metric in metrics.values():  # declared relations between facts name a number schools report
        if metric.at_most is None or metric.key not in collectable:
            continue
        other = metrics.get(metric.at_most)
        if other is None or other.region_reported or other.type not in ("integer", "number"):
            problems.append(Problem(code, f"metric {metric.key}",
                                    f"at_most names {metric.at_most!r}, not a number schools report"
                                    + (did_you_mean(metric.at_most, metrics) if other is None else ""),
                                    f"at_most 指向的 {metric.at_most!r} 不是学校填报的数值指标"))
    own_exclusions = [ex for ex in resolution.excluded if ex.by == code]
    for ex in own_exclusions:
        if source is not None and not sourcetext.quote_found(ex.exclusion.citation.quote, source):
            problems.append(Problem(code, f"exclusion of {ex.exclusion.id}",
                                    f"quote not found in source.txt: 「{ex.exclusion.citation.quote[:40]}」",
                                    f"source.txt 中找不到引文：「{ex.exclusion.citation.quote[:40]}」"))
    for item in resolution.items:
        if item.source != code:
            continue
        req = item.requirement
        if source is not None and not sourcetext.quote_found(req.citation.quote, source):
            problems.append(Problem(code, req.id, f"quote not found in source.txt: 「{req.citation.quote[:40]}」",
                                    f"source.txt 中找不到引文：「{req.citation.quote[:40]}」"))
        for attribute in req.conditions_attributes():
            if attribute in vocab.SCHOOL_ATTRIBUTES:
                continue
            known = metrics.get(attribute)
            if known is None:
                problems.append(Problem(code, req.id, f"condition tests {attribute!r}, neither a school attribute nor a registered metric",
                                        f"适用条件检查 {attribute!r}，它既不是学校属性，也不是已登记的指标"))
            elif known.region_reported:
                problems.append(Problem(code, req.id, f"condition tests {attribute!r}, a figure the region reports, not a school's fact",
                                        f"适用条件检查的 {attribute!r} 是辖区填报的数据，不是学校的事实"))
            elif known.type not in ("boolean", "integer"):
                problems.append(Problem(code, req.id,
                                        f"condition tests metric {attribute!r}, which is {known.type}, not yes/no or a count",
                                        f"适用条件检查的指标 {attribute!r} 类型为 {known.type}，不是是/否或计数"))
        for alt in req.check.alternatives if req.check is not None else ():
            if alt.grades is not None and not set(alt.grades) <= set(req.grades):
                problems.append(Problem(code, req.id, f"the check measures grades {list(alt.grades)} the item does not cover",
                                        f"核查的年级 {list(alt.grades)} 超出该要求适用的年级"))
            metric = metrics.get(alt.metric)
            if metric is None:
                problems.append(Problem(code, req.id, f"check uses unregistered metric {alt.metric!r}"
                                        + did_you_mean(alt.metric, metrics),
                                        f"核查使用了未登记的指标 {alt.metric!r}" + _did_you_mean_zh(alt.metric, metrics)))
            elif alt.metric not in collectable:
                problems.append(Problem(code, req.id, f"metric {alt.metric!r} is registered only by a plugin outside "
                                        f"{code}'s line ({' -> '.join(p.code for p in line.chain)}), so the region cannot collect it"))
            else:
                mismatch = check_types(req, metric, alt)
                if mismatch:
                    problems.append(Problem(code, req.id, mismatch))
        for text in _texts(req):
            for found in find_personal_data(text):
                problems.append(Problem(code, req.id, f"looks like personal data: {found}", f"疑似个人信息：{found}"))
    return problems


def _collectable_metrics(registry: Registry, line: list[str]) -> set[str]:
    """Metric keys a region can collect: the built-in ones and those the
    plugins of its own line register."""
    from xinli.core.assessment.metrics import builtin_metrics

    keys = set(builtin_metrics())
    for code in line:
        plugin = registry.plugins[code]
        keys |= {m.key for answer in call_alone(registry.pm, plugin.plugin, "xinli_register_metrics")
                 for m in answer or ()}
    return keys


def plugin_warnings(registry: Registry, code: str) -> list[Problem]:
    """What deserves a look in plugin ``code`` without being wrong."""
    warnings: list[Problem] = []
    try:
        resolution = resolve(registry, code)
    except XinliError:
        return warnings
    items = resolution.items
    own = [item.requirement for item in resolution.items if item.source == code]
    reasons = [t for ex in resolution.excluded if ex.by == code for t in (ex.exclusion.reason.zh, ex.exclusion.reason.en)]
    warnings += placeholder_problems(registry.get(code), own, reasons)
    for item in items:
        req = item.requirement
        if item.source == code and req.check is not None and req.check.count_per == "region" and req.check.scope is None:
            warnings.append(Problem(code, req.id, "region-level target does not state its scope "
                                    "('jurisdiction' or 'each_subregion'); it is measured on whatever schools are assessed",
                                    "辖区层面的目标未写明范围（'jurisdiction' 或 'each_subregion'），将按所评估的学校计算"))
    for item in items:
        if item.source == code and item.looser and item.replaced is not None:
            old, new = item.replaced.citation, item.requirement.citation
            warnings.append(Problem(
                code, item.requirement.id,
                f"looser than {item.replaced_source} ({'; '.join(item.looser)}): "
                f"{old.document} {old.clause} -> {new.document} {new.clause}",
                f"比 {item.replaced_source} 的规定宽松（{'；'.join(getattr(item, 'looser_zh', ()) or item.looser)}）："
                f"{old.document} {old.clause} -> {new.document} {new.clause}",
            ))
    return warnings


def plugin_notes(registry: Registry, code: str) -> list[Problem]:
    """What a reader should know but nobody needs to fix: each declared
    ancestor of ``code`` that nobody installed (its rules are not encoded;
    real hierarchies have such gaps)."""
    try:
        line = lineage(registry, code)
    except XinliError:
        return []
    notes = []
    for missing in line.missing:
        if missing.child == code:
            parent = missing.code == line.declared[0].code
            what = "parent" if parent else "ancestor"
            notes.append(Problem(code, None, f"{what} {missing.code!r} is not installed; its rules are not encoded here",
                                 f"{'上级' if parent else '更上级'}辖区 {missing.code!r} 的插件未安装，其规定未在此编码"))
    notes += secondary_source_notes(registry, code)
    return notes


def secondary_source_notes(registry: Registry, code: str) -> list[Problem]:
    """One note per own item whose quote was taken from a secondary copy
    (``citation.secondary_source``): the words are to be checked against
    the document itself when it can be had."""
    try:
        items = resolve(registry, code).items
    except XinliError:
        return []
    notes = []
    for item in items:
        citation = item.requirement.citation
        secondary = getattr(citation, "secondary_source", None)
        if item.source == code and secondary:
            notes.append(Problem(code, item.requirement.id,
                                 f"the quote of {citation.document} {citation.clause} is taken from a secondary source "
                                 f"({secondary}), not the document itself",
                                 f"{citation.document} {citation.clause} 的引文取自转引来源（{secondary}），而非文件原件"))
    return notes


def check_all(registry: Registry, codes: list[str] | None = None) -> tuple[list[Problem], list[Problem]]:
    """Errors and warnings for ``codes`` (default: every installed plugin),
    including plugins that failed to load."""
    chosen = codes or registry.codes
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for problem in registry.problems:
        if codes is None or problem.name in codes:
            from xinli.core.messages import localise_error

            dist = f" (from {problem.distribution})" if problem.distribution else ""
            dist_zh = f"（来自 {localise_error(problem.distribution, 'zh')}）" if problem.distribution else ""
            errors.append(Problem(problem.name, None, f"not loaded{dist}: {problem.reason}",
                                  f"未加载{dist_zh}：{localise_error(problem.reason, 'zh')}"))
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
