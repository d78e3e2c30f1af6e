"""Bundled plugins are data: each ``plugins/<code>/`` holds ``rules.toml``
beside ``source.txt`` and a plugin module of a few lines, and what
``xinli export-rules`` writes for the plugin is its ``rules.toml`` up to
formatting (comments, order of keys, line breaks)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import tomli_w

from xinli.core.rules.toml_export import export_rules
from xinli.core.rules.toml_plugin import TomlPlugin

PLUGINS = Path(__file__).resolve().parent.parent / "plugins"
BUNDLED = ("chongqing_dadukou", "chongqing_qijiang", "henan", "nanchang", "sichuan_quxian")


@pytest.mark.parametrize("code", BUNDLED)
def test_export_rules_equals_the_shipped_rules_file(code, registry):
    shipped = tomllib.loads((PLUGINS / code / "rules.toml").read_text(encoding="utf-8"))
    exported = tomllib.loads(tomli_w.dumps(export_rules(registry, code)))
    assert shipped == exported


@pytest.mark.parametrize("code", BUNDLED)
def test_plugin_module_is_a_few_lines_and_loads_the_rules_file(code, registry):
    module = (PLUGINS / code / "plugin.py").read_text(encoding="utf-8")
    assert len(module.splitlines()) < 20
    plugin = registry.get(code).plugin
    assert isinstance(plugin, TomlPlugin)
    assert plugin.origin == f"xinli.plugins.{code}/rules.toml"
    assert (PLUGINS / code / "source.txt").is_file() and (PLUGINS / code / "README.md").is_file()


def test_exclusions_hook_is_offered_only_by_files_with_exclusions():
    base = (PLUGINS / "henan" / "rules.toml").read_text(encoding="utf-8")
    assert not hasattr(TomlPlugin(base), "xinli_exclusions")
    with_exclusion = base + (
        '\n[[exclusions]]\nid = "x.other.y"\n\n[exclusions.citation]\njurisdiction = "henan"\n'
        'document = "教基〔2021〕330号"\nclause = "一、1"\nquote = "q"\n\n[exclusions.reason]\nzh = "理由"\nen = "reason"\n'
    )
    plugin = TomlPlugin(with_exclusion)
    assert [e.id for e in plugin.xinli_exclusions()] == ["x.other.y"]
