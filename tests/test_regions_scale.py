"""``xinli regions`` at national scale: a packaged rules file's identity is
read from its files without importing or registering its plugin, anything
else is imported as before (so broken plugins and impostors are still
caught), and regions can be searched by name, code or parent."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from xinli.core import registry as registry_module
from xinli.core.registry import load_plugins

HENAN = Path(__file__).resolve().parent.parent / "plugins" / "henan"
PACKAGE = "xinli_peek_counties"
CANONICAL = "from xinli.core.rules.toml_plugin import TomlPlugin\nplugin = TomlPlugin.from_package(__package__)\n"


def county_rules(code: str, name_zh: str = "河南省某县", name_en: str = "Some County") -> str:
    """Henan's rules as a county's under Henan, with its own code and names."""
    text = (HENAN / "rules.toml").read_text(encoding="utf-8").replace('"henan.', f'"{code}.')
    text = re.sub(r'(?m)^jurisdiction = "henan"$', f'jurisdiction = "{code}"', text)
    text = re.sub(r'(?m)^code = "henan"$', f'code = "{code}"', text)
    text = re.sub(r'(?m)^level = "province"$', 'level = "county"', text, count=1)
    text = re.sub(r'(?m)^parent = "national"$', 'parent = "henan"', text, count=1)
    return text.replace('[jurisdiction.name]\nzh = "河南省"\nen = "Henan Province"',
                        f'[jurisdiction.name]\nzh = "{name_zh}"\nen = "{name_en}"', 1)


class Dist:
    """A regular installation in a folder (what importlib.metadata gives)."""

    def __init__(self, base: Path, name: str) -> None:
        self.base, self.metadata, self.version = base, {"Name": name}, "1.0"

    def locate_file(self, path: str) -> Path:
        return self.base / path


class EntryPoint:
    """An installed entry point whose loading is recorded."""

    def __init__(self, name: str, value: str, dist: Dist, calls: list[str]) -> None:
        self.name, self.value, self.group, self.dist, self._calls = name, value, "xinli", dist, calls

    def load(self) -> object:
        import importlib

        self._calls.append(self.name)
        module, _, attr = self.value.partition(":")
        return getattr(importlib.import_module(module), attr)


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A site folder on sys.path holding a package of county plugins:
    ``make(code, plugin_py=..., init=..., rules=...)`` adds one and
    returns its entry point."""
    base = tmp_path / "site"
    (base / PACKAGE).mkdir(parents=True)
    (base / PACKAGE / "__init__.py").write_text('"""Invented counties."""\n')
    monkeypatch.syspath_prepend(str(base))
    dist = Dist(base, "xinli-peek-counties")
    calls: list[str] = []

    def make(code: str, plugin_py: str = CANONICAL, init: str = "", rules: str | None = None, **names: str) -> EntryPoint:
        folder = base / PACKAGE / code
        folder.mkdir()
        (folder / "__init__.py").write_text(init)
        (folder / "plugin.py").write_text(plugin_py)
        (folder / "rules.toml").write_text(rules if rules is not None else county_rules(code, **names), encoding="utf-8")
        (folder / "source.txt").write_text((HENAN / "source.txt").read_text(encoding="utf-8"), encoding="utf-8")
        return EntryPoint(code, f"{PACKAGE}.{code}.plugin:plugin", dist, calls)

    make.calls = calls
    yield make
    for name in [m for m in sys.modules if m.startswith(PACKAGE)]:
        del sys.modules[name]


def test_a_packaged_rules_file_is_listed_without_importing_or_registering(site):
    entries = [site("test_peek_a", name_zh="河南省甲县", name_en="Jia County"), site("test_peek_b")]
    registry = load_plugins(entry_points=entries, lazy=True, rules_path=())
    known = registry.identities()
    assert known["test_peek_a"].jurisdiction.name.zh == "河南省甲县"
    assert known["test_peek_a"].distribution == "xinli-peek-counties" and known["test_peek_a"].version == "1.0"
    assert site.calls == [] and registry.plugins == {} and registry.pm.get_plugins() == set()
    assert not any(m.startswith(f"{PACKAGE}.test_peek_a") for m in sys.modules)
    # the same identity the imported plugin gives, and the region still works in full
    assert registry.get("test_peek_a").jurisdiction == known["test_peek_a"].jurisdiction
    assert site.calls == ["test_peek_a"]


@pytest.mark.parametrize("change", [
    {"plugin_py": CANONICAL + "import os\n"},
    {"plugin_py": CANONICAL.replace("plugin =", "other =")},
    {"init": "import os\n"},
])
def test_a_plugin_with_code_of_its_own_is_imported(site, change):
    entries = [site("test_peek_c", **change)]
    registry = load_plugins(entry_points=entries, lazy=True, rules_path=())
    registry.identities()
    assert site.calls == ["test_peek_c"]


def test_a_plugin_whose_file_names_another_code_is_refused_as_before(site):
    impostor = site("test_peek_d", rules=county_rules("henan_other"))
    honest = site("test_peek_e")
    registry = load_plugins(entry_points=[impostor, honest], lazy=True, rules_path=())
    known = registry.identities()
    assert "test_peek_d" not in known and "henan_other" not in known and "test_peek_e" in known
    assert site.calls == ["test_peek_d"]
    assert "jurisdiction code is 'henan_other'" in registry.problems[0].reason


def test_a_broken_identity_is_imported_and_reported(site):
    broken = site("test_peek_f", rules=county_rules("test_peek_f").replace('level = "county"', 'level = "galaxy"', 1))
    registry = load_plugins(entry_points=[broken, site("test_peek_g")], lazy=True, rules_path=())
    known = registry.identities()
    assert list(known) == ["test_peek_g"] and [p.name for p in registry.problems] == ["test_peek_f"]


def test_a_code_offered_twice_is_used_from_neither(site):
    first = site("test_peek_h")
    second = EntryPoint("test_peek_h", first.value, Dist(first.dist.base, "xinli-impostor"), site.calls)
    registry = load_plugins(entry_points=[first, second], lazy=True, rules_path=())
    assert "test_peek_h" not in registry.identities()
    assert {p.distribution for p in registry.problems} == {"xinli-peek-counties", "xinli-impostor"}


@pytest.fixture
def installed(site, monkeypatch):
    """The bundled plugins and three invented counties under Henan."""
    from importlib import metadata

    entries = [site("test_peek_qu", name_zh="河南省渠西县", name_en="Quxi County"),
               site("test_peek_da", name_zh="河南省大河县", name_en="Dahe County"),
               site("test_peek_xi", name_zh="河南省西平县", name_en="Xiping County")]
    bundled = list(metadata.entry_points(group="xinli"))
    monkeypatch.setattr(registry_module.metadata, "entry_points", lambda group: bundled + entries)
    return site


def test_regions_lists_every_county_without_importing_them(run, installed):
    listed = json.loads(run("regions", "--format", "json").stdout)
    codes = [r["code"] for r in listed]
    assert {"henan", "nanchang", "test_peek_qu", "test_peek_da", "test_peek_xi"} <= set(codes)
    assert codes == sorted(codes) and installed.calls == []
    county = next(r for r in listed if r["code"] == "test_peek_da")
    assert county["parent"] == "henan" and county["parent_installed"] is True and county["ancestors"] == ["henan", "national"]


def test_regions_searches_by_chinese_or_english_name_code_or_parent(run, installed):
    def codes(*args):
        result = run("regions", *args, "--format", "json")
        assert result.exit_code == 0, result.output
        return [r["code"] for r in json.loads(result.stdout)]

    assert codes("渠县") == ["sichuan_quxian"]
    assert codes("大渡口") == ["chongqing_dadukou"]
    assert codes("渠西") == ["test_peek_qu"]
    assert codes("xiping") == ["test_peek_xi"]
    assert codes("test_peek_d") == ["test_peek_da"]
    assert set(codes("henan")) == {"henan", "test_peek_qu", "test_peek_da", "test_peek_xi"}
    assert codes("--under", "henan") == ["test_peek_da", "test_peek_qu", "test_peek_xi"]
    assert codes("大河", "--under", "henan") == ["test_peek_da"]
    assert codes("--under", "sichuan_dazhou") == ["sichuan_quxian"]  # a city nobody installed
    table = run("regions", "渠县").stdout
    assert "sichuan_quxian" in table and "henan" not in table
    assert installed.calls == []


def test_regions_says_when_nothing_matches(run, installed):
    result = run("regions", "亚特兰蒂斯")
    assert result.exit_code == 0 and "没有与 亚特兰蒂斯 相符的已安装辖区" in result.stderr


def test_regions_points_to_a_rules_folder_nobody_loaded(run, tmp_path, monkeypatch):
    folder = tmp_path / "rules" / "test_folder_cty"
    folder.mkdir(parents=True)
    (folder / "rules.toml").write_text(county_rules("test_folder_cty", name_zh="河南省文件夹县"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("XINLI_RULES_PATH", raising=False)
    result = run("regions", "文件夹县")
    assert "--rules rules" in result.stderr and "XINLI_RULES_PATH" in result.stderr
    loaded = run("--rules", "rules", "regions", "文件夹县", "--format", "json")
    assert [r["code"] for r in json.loads(loaded.stdout)] == ["test_folder_cty"]


@pytest.fixture
def cached(monkeypatch, tmp_path):
    """The identity cache on from the first plugin, in a temporary folder."""
    monkeypatch.setattr(registry_module, "CACHE_FROM", 1)
    monkeypatch.setenv("XINLI_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_identities_are_cached_and_read_again_when_a_file_changes(site, cached, monkeypatch):
    import os

    from xinli.core.rules import peek

    entry = site("test_peek_k", name_zh="河南省缓存县")
    assert load_plugins(entry_points=[entry], lazy=True, rules_path=()).identities()["test_peek_k"].jurisdiction.name.zh == "河南省缓存县"
    assert len(list(cached.iterdir())) == 1
    real = peek.jurisdiction_table

    def refuse(*args):
        raise AssertionError("read again although nothing changed")

    monkeypatch.setattr(peek, "jurisdiction_table", refuse)
    again = load_plugins(entry_points=[entry], lazy=True, rules_path=()).identities()
    assert again["test_peek_k"].listing["name"]["zh"] == "河南省缓存县" and site.calls == []
    monkeypatch.setattr(peek, "jurisdiction_table", real)
    # the jurisdiction itself is read from the files on first use, still without importing the plugin
    assert again["test_peek_k"].jurisdiction.name.zh == "河南省缓存县" and site.calls == []
    rules = entry.dist.base / PACKAGE / "test_peek_k" / "rules.toml"
    text = rules.read_text(encoding="utf-8").replace("河南省缓存县", "河南省新名县")
    rules.write_text(text, encoding="utf-8")
    os.utime(rules, ns=(rules.stat().st_atime_ns, rules.stat().st_mtime_ns + 1_000_000_000))
    renamed = load_plugins(entry_points=[entry], lazy=True, rules_path=()).identities()
    assert renamed["test_peek_k"].listing["name"]["zh"] == "河南省新名县" and site.calls == []
    assert renamed["test_peek_k"].jurisdiction.name.zh == "河南省新名县" and site.calls == []


def test_a_cached_plugin_that_gains_code_of_its_own_is_imported(site, cached):
    import os

    entry = site("test_peek_l")
    load_plugins(entry_points=[entry], lazy=True, rules_path=()).identities()
    plugin_py = entry.dist.base / PACKAGE / "test_peek_l" / "plugin.py"
    plugin_py.write_text(CANONICAL + "import os\n")
    os.utime(plugin_py, ns=(plugin_py.stat().st_atime_ns, plugin_py.stat().st_mtime_ns + 1_000_000_000))
    load_plugins(entry_points=[entry], lazy=True, rules_path=()).identities()
    assert site.calls == ["test_peek_l"]


def test_the_cache_can_be_turned_off_and_a_damaged_one_is_ignored(site, cached, monkeypatch):
    entry = site("test_peek_m")
    monkeypatch.setenv("XINLI_CACHE_DIR", "off")
    load_plugins(entry_points=[entry], lazy=True, rules_path=()).identities()
    assert not cached.exists()
    monkeypatch.setenv("XINLI_CACHE_DIR", str(cached))
    cached.mkdir()
    from xinli.core.rules.peek import IdentityCache

    IdentityCache.default().path.write_text("{not json", encoding="utf-8")
    assert "test_peek_m" in load_plugins(entry_points=[entry], lazy=True, rules_path=()).identities()
