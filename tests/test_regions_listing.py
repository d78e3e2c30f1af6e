"""``xinli regions`` reads each region's listing (issue 24): what the
identity cache keeps is exactly what the imported plugin would list; a
plugin under a top-level namespace package (the bundled plugins' ``xinli``)
is listed without importing it, and imported once that package gains code;
a cache entry naming another code is not used."""

from __future__ import annotations

import json
import os
import sys

import pytest
from test_regions_scale import CANONICAL, HENAN, Dist, EntryPoint, county_rules

from xinli.core import registry as registry_module
from xinli.core.dicts import identity_dict
from xinli.core.registry import load_plugins

TOP = "xinli_ns_counties"


@pytest.fixture
def namespace_site(tmp_path, monkeypatch):
    """A site folder holding county plugins under a namespace package
    (no top-level ``__init__.py``)."""
    base = tmp_path / "site"
    (base / TOP / "counties").mkdir(parents=True)
    (base / TOP / "counties" / "__init__.py").write_text('"""Counties."""\n')
    monkeypatch.syspath_prepend(str(base))
    monkeypatch.setattr(registry_module, "CACHE_FROM", 1)
    monkeypatch.setenv("XINLI_CACHE_DIR", str(tmp_path / "cache"))
    calls: list[str] = []
    dist = Dist(base, "xinli-ns-counties")

    def make(code: str, **names: str) -> EntryPoint:
        folder = base / TOP / "counties" / code
        folder.mkdir()
        (folder / "__init__.py").write_text("")
        (folder / "plugin.py").write_text(CANONICAL)
        (folder / "rules.toml").write_text(county_rules(code, **names), encoding="utf-8")
        (folder / "source.txt").write_text((HENAN / "source.txt").read_text(encoding="utf-8"), encoding="utf-8")
        return EntryPoint(code, f"{TOP}.counties.{code}.plugin:plugin", dist, calls)

    make.calls = calls
    make.base = base
    yield make
    for name in [m for m in sys.modules if m.startswith(TOP)]:
        del sys.modules[name]


def test_a_namespace_package_plugin_is_listed_without_importing_and_lists_what_its_plugin_would(namespace_site):
    entry = namespace_site("test_ns_a", name_zh="河南省甲县", name_en="Jia County")
    for _run in range(2):  # read from the files, then from the cache
        registry = load_plugins(entry_points=[entry], lazy=True, rules_path=())
        known = registry.identities()
        assert namespace_site.calls == [] and registry.plugins == {}
        assert known["test_ns_a"].listing["name"] == {"zh": "河南省甲县", "en": "Jia County"}
    imported = registry.get("test_ns_a").jurisdiction
    assert namespace_site.calls == ["test_ns_a"]
    assert known["test_ns_a"].listing == identity_dict(imported)
    assert known["test_ns_a"].listing["ancestors"] == ["henan"]  # as declared; regions continues the line
    assert known["test_ns_a"].jurisdiction == imported  # read again from the files on first use


def test_a_namespace_package_that_gains_code_is_imported(namespace_site):
    entry = namespace_site("test_ns_b")
    load_plugins(entry_points=[entry], lazy=True, rules_path=()).identities()
    assert namespace_site.calls == []
    for name in [m for m in sys.modules if m.startswith(TOP)]:
        del sys.modules[name]
    (namespace_site.base / TOP / "__init__.py").write_text("import os\n")  # now a regular package with code
    load_plugins(entry_points=[entry], lazy=True, rules_path=()).identities()
    assert namespace_site.calls == ["test_ns_b"]


def test_a_cache_entry_naming_another_code_is_not_used(namespace_site, tmp_path):
    entry = namespace_site("test_ns_c", name_zh="河南省丙县")
    load_plugins(entry_points=[entry], lazy=True, rules_path=()).identities()
    [path] = (tmp_path / "cache").iterdir()
    cache = json.loads(path.read_text(encoding="utf-8"))
    for item in cache["entries"].values():
        item["identity"] = {**item["identity"], "code": "henan", "name": {"zh": "冒名", "en": "Impostor"}}
    path.write_text(json.dumps(cache, ensure_ascii=False), encoding="utf-8")
    known = load_plugins(entry_points=[entry], lazy=True, rules_path=()).identities()
    assert known["test_ns_c"].listing["name"]["zh"] == "河南省丙县" and namespace_site.calls == []


def test_regions_json_is_the_same_from_the_files_and_from_the_cache(run, namespace_site, monkeypatch):
    entries = [namespace_site("test_ns_d", name_zh="河南省丁县"), namespace_site("test_ns_e")]
    monkeypatch.setattr(registry_module.metadata, "entry_points", lambda group: entries)
    first = run("regions", "--format", "json")
    second = run("regions", "--format", "json")
    assert first.exit_code == second.exit_code == 0 and first.stdout == second.stdout
    assert [r["code"] for r in json.loads(first.stdout)] == ["test_ns_d", "test_ns_e"]
    assert namespace_site.calls == [] and os.listdir(os.environ["XINLI_CACHE_DIR"])
