"""The plugin contract: every rule a bundled jurisdiction plugin obeys, as
tests any plugin can run with one line::

    class TestContract(PluginContract):
        code = "bar_county"

Each rule is also a plain function returning a list of readable problems
(empty when the plugin obeys it), so tools and tests can use the rules
without pytest collecting anything.  The checklist each rule looks at is
the region's effective checklist: the plugin's own items are those whose
``source`` is the plugin, whether new or overriding an ancestor's.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

import pytest

from xinli.testing.helpers import checklist_for, load_registry

if TYPE_CHECKING:
    from xinli.core.registry import Registry

CJK = re.compile(r"[\u3400-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
DATA_SUFFIXES = (".py", ".txt", ".md", ".toml", ".json", ".csv")


def load_problems(registry: Registry, code: str) -> list[str]:
    """Why plugin ``code`` did not load (or that it is not installed)."""
    problems = [f"{p.name} ({p.distribution or 'no distribution'}): {p.reason}" for p in registry.problems if p.name == code]
    if code not in registry.plugins and not problems:
        problems.append(f"no plugin {code!r} is installed (entry-point group 'xinli'); installed: {', '.join(registry.codes) or 'none'}")
    return problems


def identity_problems(registry: Registry, code: str) -> list[str]:
    """Gaps in what plugin ``code`` says about itself: bilingual names, a
    known level, a parent below province level (named when it is not
    installed; a province may declare none or ``national``) and documents
    with bilingual titles and issuers."""
    from xinli.core import vocabulary as vocab

    jurisdiction = registry.get(code).jurisdiction
    problems = []
    if jurisdiction.code != code:
        problems.append(f"jurisdiction code {jurisdiction.code!r} differs from the entry-point name {code!r}")
    problems += _bilingual("name", jurisdiction.name)
    if jurisdiction.level not in vocab.JURISDICTION_LEVELS:
        problems.append(f"unknown level {jurisdiction.level!r}")
    if jurisdiction.level not in ("national", "province") and jurisdiction.parent is None:
        problems.append(f"a {jurisdiction.level} names its parent jurisdiction (or its ancestors)")
    if jurisdiction.parent is not None and jurisdiction.parent not in registry.plugins and jurisdiction.parent_name is None:
        problems.append(f"parent {jurisdiction.parent!r} is not installed, so parent_name must say who it is")
    if not jurisdiction.documents:
        problems.append("lists no source document")
    numbers = [doc.number for doc in jurisdiction.documents]
    if len(numbers) != len(set(numbers)):
        problems.append(f"document numbers repeat: {numbers}")
    for doc in jurisdiction.documents:
        problems += _bilingual(f"document {doc.number}: title", doc.title)
        problems += _bilingual(f"document {doc.number}: issuer", doc.issuer)
    return problems


def schema_problems(checklist: dict[str, Any]) -> list[str]:
    """Where the checklist breaks the shipped JSON Schema
    (``xinli.checklist/2``).  Needs ``jsonschema``."""
    import jsonschema

    from xinli.core.views.checklist import checklist_schema

    validator = jsonschema.Draft202012Validator(checklist_schema())
    errors = sorted(validator.iter_errors(checklist), key=lambda e: list(e.path))
    return [f"{'/'.join(str(p) for p in e.path) or '(top)'}: {e.message}" for e in errors]


def own_items(checklist: dict[str, Any], code: str) -> list[dict[str, Any]]:
    """The checklist items plugin ``code`` supplied (new ones and overrides)."""
    return [item for item in checklist["items"] if item["source"] == code]


def own_exclusions(checklist: dict[str, Any], code: str) -> list[dict[str, Any]]:
    """The ancestors' items plugin ``code`` excluded, with its citations."""
    return [entry for entry in checklist.get("excluded", []) if entry["excluded_by"] == code]


def quote_problems(registry: Registry, code: str, checklist: dict[str, Any]) -> list[str]:
    """Quotes of the plugin's own items and exclusions that its
    ``source.txt`` does not contain (white space ignored)."""
    from xinli.core.rules import sourcetext
    from xinli.core.rules.validate import plugin_source_text

    source = plugin_source_text(registry.get(code))
    if source is None:
        return [f"plugin {code!r} ships no source.txt beside its module"]
    cited = [(item["id"], item["citation"]["quote"]) for item in own_items(checklist, code)]
    cited += [(f"exclusion of {e['id']}", e["exclusion_citation"]["quote"]) for e in own_exclusions(checklist, code)]
    return [f"{where}: quote not in source.txt: {quote}" for where, quote in cited if not sourcetext.quote_found(quote, source)]


def validate_problems(registry: Registry, code: str) -> list[str]:
    """What :func:`xinli.core.rules.validate.check_plugin` reports."""
    from xinli.core.rules.validate import check_plugin

    return [str(problem) for problem in check_plugin(registry, code)]


def plugin_data_files(registry: Registry, code: str) -> dict[str, str]:
    """The text files shipped in the plugin's package (its module, README,
    ``source.txt``, ``rules.toml``...) by name; empty for a plugin object
    that names no package."""
    import types
    from importlib import resources

    plugin = registry.get(code).plugin
    if isinstance(plugin, types.ModuleType):
        package = plugin.__name__ if hasattr(plugin, "__path__") else plugin.__name__.rpartition(".")[0]
    else:
        package = getattr(plugin, "package", None)  # a TomlPlugin shipped in a package
    if not package:
        return {}
    found: dict[str, str] = {}
    pending = [resources.files(package)]
    while pending:
        folder = pending.pop()
        for entry in folder.iterdir():
            if entry.is_dir():
                if entry.name != "__pycache__":
                    pending.append(entry)
            elif entry.name.endswith(DATA_SUFFIXES):
                found[entry.name] = entry.read_text(encoding="utf-8")
    return found


def mobile_number_problems(registry: Registry, code: str, checklist: dict[str, Any]) -> list[str]:
    """Anything shaped like a mainland mobile number in the plugin's own
    items, its exclusions or the files of its package."""
    from xinli.core.rules.validate import find_mobile_numbers

    texts = {item["id"]: json.dumps(item, ensure_ascii=False) for item in own_items(checklist, code)}
    texts.update({f"exclusion of {e['id']}": json.dumps(e, ensure_ascii=False) for e in own_exclusions(checklist, code)})
    texts.update(plugin_data_files(registry, code))
    return [f"{where}: looks like a mobile number: {number}" for where, text in texts.items() for number in find_mobile_numbers(text)]


def id_problems(code: str, checklist: dict[str, Any]) -> list[str]:
    """Repeated ids in the region's checklist, and own ids that neither
    start with the plugin's code nor override an ancestor's item."""
    from xinli.core.model import ID_PATTERN

    problems = []
    seen: set[str] = set()
    for item in checklist["items"]:
        if item["id"] in seen:
            problems.append(f"{item['id']}: id appears twice in the checklist")
        seen.add(item["id"])
    for item in own_items(checklist, code):
        if not ID_PATTERN.match(item["id"]) or item["id"].split(".")[1] != item["domain"]:
            problems.append(f"{item['id']}: an id is <code>.<domain>.<slug>")
        if item["id"].split(".", 1)[0] != code and item["replaces"] is None:
            problems.append(f"{item['id']}: a new item's id starts with {code + '.'!r}")
    for entry in own_exclusions(checklist, code):
        if entry["id"].split(".", 1)[0] == code:
            problems.append(f"{entry['id']}: a plugin excludes only its ancestors' items")
    return problems


def bilingual_problems(code: str, checklist: dict[str, Any]) -> list[str]:
    """Own items (and exclusion reasons) whose texts are not given in both
    Chinese and English."""
    problems = []
    for item in own_items(checklist, code):
        texts = {"text": item["text"], "note": item["note"]}
        if item["step"] and item["step"]["condition"]:
            texts["step condition"] = item["step"]["condition"]
        if item["partner"]:
            texts["partner name"] = item["partner"]["name"]
        for field, text in texts.items():
            if text is not None:
                problems += [f"{item['id']}: {p}" for p in _bilingual(field, text)]
    for entry in own_exclusions(checklist, code):
        problems += [f"exclusion of {entry['id']}: {p}" for p in _bilingual("reason", entry["reason"])]
    return problems


def _bilingual(field: str, text: Any) -> list[str]:
    zh, en = (text["zh"], text["en"]) if isinstance(text, dict) else (text.zh, text.en)
    problems = []
    if not CJK.search(zh or ""):
        problems.append(f"{field} has no Chinese text: {zh!r}")
    if not LATIN.search(en or ""):
        problems.append(f"{field} has no English text: {en!r}")
    if zh == en:
        problems.append(f"{field} gives the same text for zh and en: {zh!r}")
    return problems


def _report(problems: Iterable[str], what: str) -> None:
    problems = list(problems)
    if problems:
        pytest.fail(f"{what}:\n  " + "\n  ".join(problems), pytrace=False)


@pytest.fixture(scope="class")
def xinli_contract_registry(request: pytest.FixtureRequest) -> Registry:
    """The registry a :class:`PluginContract` subclass checks, built once
    per class from its ``plugins`` and ``extra`` attributes."""
    contract = request.cls
    if contract is None or not getattr(contract, "code", ""):
        name = contract.__name__ if contract is not None else "the test"
        pytest.fail(f"{name} must set code = '<jurisdiction code>'", pytrace=False)
    return load_registry(contract.plugins, contract.extra)


@pytest.fixture(scope="class")
def xinli_contract_checklist(request: pytest.FixtureRequest, xinli_contract_registry: Registry) -> dict[str, Any]:
    """The checked region's checklist, built once per class; a plugin that
    cannot be loaded or layered fails here with the reason."""
    from xinli.core.errors import XinliError

    code = request.cls.code
    _report(load_problems(xinli_contract_registry, code), f"plugin {code!r} did not load")
    try:
        return checklist_for(xinli_contract_registry, code, request.cls.as_of)
    except XinliError as exc:
        pytest.fail(f"the checklist of {code!r} cannot be built: {exc}", pytrace=False)


class PluginContract:
    """Subclass with ``code = "<jurisdiction code>"`` (and a ``Test`` name)
    to run every contract rule on one installed plugin.

    ``plugins`` limits which installed plugins are loaded (default all; list
    the plugin's ancestors too), ``extra`` adds ``(name, plugin)`` pairs, and
    ``as_of`` sets the date the checklist is built for (default today).
    """

    code: ClassVar[str] = ""
    plugins: ClassVar[tuple[str, ...] | None] = None
    extra: ClassVar[tuple[tuple[str, Any], ...]] = ()
    as_of: ClassVar[dt.date | str | None] = None

    def test_loads_without_problems(self, xinli_contract_registry: Registry) -> None:
        """The plugin is installed and loads: no import error, unknown hook,
        bad argument or missing identity."""
        _report(load_problems(xinli_contract_registry, self.code), f"plugin {self.code!r} did not load")

    def test_identity_is_complete(self, xinli_contract_registry: Registry, xinli_contract_checklist: dict[str, Any]) -> None:
        """Bilingual names, a known level, a parent and its documents."""
        _report(identity_problems(xinli_contract_registry, self.code), f"identity of {self.code!r} is incomplete")

    def test_checklist_validates_against_schema(self, xinli_contract_checklist: dict[str, Any]) -> None:
        """Every item, and the checklist around it, follows the shipped
        JSON Schema."""
        pytest.importorskip("jsonschema", reason="jsonschema is not installed: pip install jsonschema to check the schema")
        _report(schema_problems(xinli_contract_checklist), f"the checklist of {self.code!r} breaks xinli.checklist/2")

    def test_quotes_are_in_source_text(self, xinli_contract_registry: Registry, xinli_contract_checklist: dict[str, Any]) -> None:
        """Every quote of the plugin's own items is in its source.txt."""
        _report(quote_problems(xinli_contract_registry, self.code, xinli_contract_checklist), "quotes not found")

    def test_check_plugin_finds_nothing(self, xinli_contract_registry: Registry, xinli_contract_checklist: dict[str, Any]) -> None:
        """:func:`xinli.core.rules.validate.check_plugin` reports no problem."""
        _report(validate_problems(xinli_contract_registry, self.code), f"check_plugin({self.code!r}) found problems")

    def test_no_mobile_numbers(self, xinli_contract_registry: Registry, xinli_contract_checklist: dict[str, Any]) -> None:
        """No private mobile number in the plugin's items or files."""
        _report(mobile_number_problems(xinli_contract_registry, self.code, xinli_contract_checklist), "personal data")

    def test_ids_are_unique_and_prefixed(self, xinli_contract_checklist: dict[str, Any]) -> None:
        """Ids are unique in the region and ``<code>.<domain>.<slug>``."""
        _report(id_problems(self.code, xinli_contract_checklist), "bad requirement ids")

    def test_every_item_is_bilingual(self, xinli_contract_checklist: dict[str, Any]) -> None:
        """The plugin's own items speak Chinese and English."""
        _report(bilingual_problems(self.code, xinli_contract_checklist), "texts missing a language")
