"""``xinli plugins``, ``plugins check``, ``export-rules`` and ``compare``."""

from __future__ import annotations

import json
from importlib import metadata

import pytest
from conftest import BUNDLED

from xinli.core import registry as plugins_module
from xinli.core.registry import load_plugins
from xinli.core.rules.toml_export import export_rules_toml
from xinli.core.rules.toml_plugin import TomlPlugin
from xinli.core.rules.validate import check_all
from xinli.core.views.checklist import build_checklist


@pytest.fixture
def with_broken_plugins(monkeypatch):
    """The installed plugins plus one that cannot be imported, one whose
    override points nowhere, and the invented province it overrides."""
    installed = list(metadata.entry_points(group="xinli"))
    extra = [
        metadata.EntryPoint(name="broken_county", value="xinli_no_such_module_anywhere", group="xinli"),
        metadata.EntryPoint(name="test_bad_override", value="fixture_plugins:BAD_OVERRIDE", group="xinli"),
        metadata.EntryPoint(name="test_province", value="fixture_plugins:PROVINCE", group="xinli"),
    ]
    monkeypatch.setattr(plugins_module.metadata, "entry_points", lambda group: installed + extra)


def test_plugins_lists_code_distribution_version_hooks(run):
    data = json.loads(run("plugins", "--format", "json").output)
    assert [row["code"] for row in data] == list(BUNDLED)
    henan = data[2]
    assert henan["distribution"] == "xinli" and henan["version"] and henan["status"] == "loaded"
    assert "xinli_jurisdiction" in henan["hooks"] and "xinli_curriculum_quotas" in henan["hooks"]
    assert "henan" in run("plugins").output


def test_plugins_check_passes_for_every_bundled_plugin(run):
    result = run("plugins", "check", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "5 plugin(s) checked: 0 problem(s)" in result.output
    assert "note: henan: parent 'national' is not installed" in result.output


def test_broken_plugins_are_reported_and_do_not_crash_other_commands(run, with_broken_plugins):
    result = run("plugins", "check", "--lang", "en")
    assert result.exit_code == 1
    assert "error: broken_county: not loaded: import failed: ModuleNotFoundError" in result.output
    assert ("error: test_bad_override: plugin 'test_bad_override' overrides 'test_province.curriculum.nonexistent', "
            "which no ancestor (test_province) has") in result.output
    listed = run("plugins", "--format", "json")
    assert any(row["code"] == "broken_county" and row["status"] == "error" for row in json.loads(listed.stdout))
    fine = run("checklist", "--region", "henan", "--format", "json")
    assert fine.exit_code == 0 and json.loads(fine.stdout)["region"]["code"] == "henan"
    # checklist imports only henan's chain: the broken county is never imported, so no warning
    assert "broken_county" not in fine.stderr
    asked = run("checklist", "--region", "broken_county")
    assert asked.exit_code == 2
    assert "警告：插件 'broken_county' 未加载：导入失败：ModuleNotFoundError" in asked.stderr
    bad = run("checklist", "--region", "test_bad_override")
    assert bad.exit_code == 2
    assert "overrides 'test_province.curriculum.nonexistent'" in bad.output
    only_good = run("plugins", "check", "--lang", "en", "henan")
    assert only_good.exit_code == 0


def test_plugins_check_unknown_code_exits_2(run):
    assert run("plugins", "check", "--lang", "en", "atlantis").exit_code == 2


def test_looser_override_warns_naming_both_clauses():
    from fixture_plugins import LooseCounty, Province

    registry = load_plugins(entry_points=[], extra=[("test_loose", LooseCounty()), ("test_province", Province())])
    errors, warnings = check_all(registry, ["test_loose"])
    assert [str(w) for w in warnings] == [
        "test_loose: test_province.curriculum.lessons: looser than test_province (level required -> recommended; "
        "value 8 -> 6): 测省〔2024〕1号 一、1 -> 宽〔2024〕4号 一、1"
    ]
    assert any("no source.txt" in str(e) for e in errors)


@pytest.mark.parametrize("code", BUNDLED)
def test_export_rules_round_trips(registry, code, tmp_path):
    text = export_rules_toml(registry, code)
    plugin = TomlPlugin(text, source_text=None)
    again = load_plugins(entry_points=[], extra=[(code, plugin)])
    assert build_checklist(again, code) == build_checklist(registry, code)


def test_export_rules_command(run, tmp_path):
    target = tmp_path / "henan.toml"
    assert run("export-rules", "--region", "henan", "--output", str(target)).exit_code == 0
    (tmp_path / "source.txt").write_text("", encoding="utf-8")
    plugin = TomlPlugin.from_path(target)
    assert plugin.jurisdiction.code == "henan"
    assert any(r.id == "henan.curriculum.primary-lessons" for r in plugin.requirements)


def test_a_malformed_rules_file_is_a_clear_error():
    from xinli.core.errors import XinliError

    with pytest.raises(XinliError, match="not a valid rules file"):
        TomlPlugin('[jurisdiction]\ncode = "x"\n', origin="bad.toml")


def test_compare_henan_and_qu_county(run):
    data = json.loads(run("compare", "henan", "sichuan_quxian", "--format", "json").output)
    assert data["schema"] == "xinli.compare/1"
    assert data["a"]["code"] == "henan" and data["b"]["code"] == "sichuan_quxian"
    curriculum = data["domains"]["curriculum"]
    lessons = [p for p in curriculum["different"] if p["a"]["check"]["metric"].startswith("psych_lessons")]
    assert lessons, "the lesson quotas are paired"
    for pair in lessons:
        assert pair["a"]["citation"]["document"] == "教基〔2021〕330号"
        assert pair["b"]["citation"]["document"] == "渠府办〔2022〕129号"
    assert data["domains"]["screening"]["only_a"] or data["domains"]["screening"]["only_b"]
    markdown = run("compare", "henan", "sichuan_quxian", "--lang", "en").output
    assert "教基〔2021〕330号" in markdown and "渠府办〔2022〕129号" in markdown
    assert "stricter:" in markdown


def test_compare_names_the_stricter_side():
    from xinli.core.views.compare import differences

    def item(level, value, per, grades):
        return {"level": level, "grades": grades, "deadline": None,
                "check": {"metric": "psych_lessons_per_semester", "op": ">=", "value": value, "unit": "lessons",
                          "per": per, "count_per": "class"}}

    diffs = {d["field"]: d for d in differences(item("required", 8, "per_semester", [1, 2]),
                                                 item("recommended", 9, "per_semester", [1, 2, 3]))}
    assert diffs["level"]["stricter"] == "a"
    assert diffs["value"]["stricter"] == "b"
    assert diffs["grades"]["stricter"] == "b"
    rate = {d["field"]: d for d in differences(item("required", 12, "per_school_year", [1]),
                                                item("required", 9, "per_semester", [1]))}
    assert rate["per"]["stricter"] == "b"  # 9 per semester is a higher rate than 12 per school year


def test_check_speaks_the_chosen_language(run, with_broken_plugins):
    zh = run("plugins", "check")
    en = run("plugins", "check", "--lang", "en")
    assert zh.exit_code == en.exit_code == 1
    assert "错误：broken_county: 未加载：导入失败：ModuleNotFoundError" in zh.output
    assert "error: broken_county: not loaded: import failed: ModuleNotFoundError" in en.output
    assert "已检查" in zh.output and "plugin(s) checked" in en.output
    assert run("plugins", "--lang", "en", "check").output == en.output  # the group's --lang is the default
