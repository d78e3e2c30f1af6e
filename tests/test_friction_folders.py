"""Rules folders as a newcomer meets them (issue 24): a broken file is named
by its code and file, a region in a folder nobody loaded is pointed to
with --rules, and a folder plugin never silently loses to (or replaces) a
package of the same code."""

from __future__ import annotations

import shutil
from importlib import metadata
from pathlib import Path

import pytest

from xinli.core import registry as registry_module
from xinli.core.errors import XinliError
from xinli.core.registry import load_plugins

HENAN = Path(__file__).resolve().parent.parent / "plugins" / "henan"


def _copy_henan(folder: Path) -> None:
    folder.mkdir(parents=True)
    shutil.copy(HENAN / "rules.toml", folder / "rules.toml")
    shutil.copy(HENAN / "source.txt", folder / "source.txt")


def test_a_broken_folder_file_is_named_by_code_and_file_when_its_region_is_asked_for(run, tmp_path):
    folder = tmp_path / "rules" / "quxi"
    folder.mkdir(parents=True)
    (folder / "rules.toml").write_text('[jurisdiction]\ncode = "test_quxi"\nlevel = "county"\n\n[[requirements]]\nid = 3\n',
                                       encoding="utf-8")
    result = run("--rules", str(tmp_path / "rules"), "checklist", "-r", "test_quxi")
    assert result.exit_code == 2
    assert "'test_quxi'" in result.stderr and str(folder / "rules.toml") in result.stderr
    assert "unknown region" not in result.stderr and "'rules'" not in result.stderr


def test_forgetting_rules_points_to_the_folder_not_to_another_region(run, tmp_path, monkeypatch, english):
    folder = tmp_path / "rules" / "nanchang_xian"
    folder.mkdir(parents=True)
    (folder / "rules.toml").write_text('[jurisdiction]\ncode = "nanchang_xian"\nlevel = "county"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("XINLI_RULES_PATH", raising=False)
    result = run("checklist", "-r", "nanchang_xian")
    assert result.exit_code == 2
    assert "--rules rules" in result.stderr and "XINLI_RULES_PATH" in result.stderr
    assert "did you mean" not in result.stderr
    # with no such file around, the usual "did you mean" stays
    assert "did you mean 'nanchang'" in run("checklist", "-r", "nanchang_xia").stderr.replace(str(tmp_path), "")


def test_a_rollup_source_of_a_region_in_an_unloaded_folder_points_to_rules(tmp_path, monkeypatch):
    from xinli.core.assessment.rollup import _check_region

    folder = tmp_path / "rules" / "test_quxi"
    folder.mkdir(parents=True)
    (folder / "rules.toml").write_text('[jurisdiction]\ncode = "test_quxi"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    registry = load_plugins(entry_points=[], rules_path=())
    with pytest.raises(XinliError) as raised:
        _check_region(registry, "henan", "test_quxi", "quxi.db")
    assert "--rules rules" in str(raised.value) and "install its plugin" not in str(raised.value)


def test_a_folder_plugin_and_a_package_of_the_same_code_are_refused_together(run, tmp_path, monkeypatch):
    _copy_henan(tmp_path / "rules" / "henan")
    registry = load_plugins(only=["henan"], rules_path=[str(tmp_path / "rules")], lazy=True)
    assert registry.find("henan") is None
    reasons = {p.distribution: p.reason for p in registry.problems if p.name == "henan"}
    assert set(reasons) == {"xinli", f"rules file {tmp_path / 'rules' / 'henan' / 'rules.toml'}"}
    assert all("neither is used" in r for r in reasons.values())
    result = run("--rules", str(tmp_path / "rules"), "checklist", "-r", "henan")
    assert result.exit_code == 2 and "neither is used" in result.stderr
    # other regions are unaffected, and the package can be chosen explicitly
    assert run("--rules", str(tmp_path / "rules"), "checklist", "-r", "nanchang").exit_code == 0
    chosen = load_plugins(only=["henan@xinli"], rules_path=[str(tmp_path / "rules")], lazy=True)
    assert chosen.find("henan").distribution == "xinli"
    assert any("this rules file is not used" in p.reason for p in chosen.problems)


def test_two_folder_files_of_one_code_are_both_refused(tmp_path):
    _copy_henan(tmp_path / "a" / "henan")
    _copy_henan(tmp_path / "b" / "henan")
    registry = load_plugins(entry_points=[], rules_path=[str(tmp_path / "a"), str(tmp_path / "b")], lazy=True)
    assert registry.find("henan") is None and len([p for p in registry.problems if p.name == "henan"]) == 2


def test_the_package_alone_still_loads(monkeypatch):
    installed = list(metadata.entry_points(group="xinli"))
    monkeypatch.setattr(registry_module.metadata, "entry_points", lambda group: installed)
    assert load_plugins(only=["henan"], rules_path=(), lazy=True).find("henan").distribution == "xinli"
