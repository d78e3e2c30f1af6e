"""Layering: a county's rules are its ancestors' overlaid by its own."""

from __future__ import annotations

from importlib import metadata

import pytest
from fixture_plugins import BadArgument, County, NoIdentity, Orphan, Province, UnknownHook, WrongDomain, cycle_pair

from xinli.core.errors import PluginError, UnknownRegionError
from xinli.core.layering import chain_of, effective_rules
from xinli.core.registry import load_plugins
from xinli.core.views.checklist import build_checklist


def registry_of(*pairs):
    return load_plugins(extra=pairs, entry_points=[])


def test_nearest_layer_wins_and_others_accumulate():
    registry = registry_of(("test_county", County()), ("test_province", Province()))
    items = {i.requirement.id: i for i in effective_rules(registry, "test_county")}
    assert set(items) == {"test_province.curriculum.lessons", "test_province.curriculum.extra", "test_county.curriculum.own"}
    overridden = items["test_province.curriculum.lessons"]
    assert overridden.requirement.check.value == 10
    assert overridden.source == "test_county"
    assert overridden.replaced.check.value == 8
    assert overridden.replaced_source == "test_province"
    assert items["test_province.curriculum.extra"].source == "test_province"


def test_order_is_root_first_and_override_keeps_place():
    registry = registry_of(("test_county", County()), ("test_province", Province()))
    ids = [i.requirement.id for i in effective_rules(registry, "test_county")]
    assert ids == ["test_province.curriculum.lessons", "test_province.curriculum.extra", "test_county.curriculum.own"]


def test_province_alone_is_unaffected_by_its_children():
    registry = registry_of(("test_county", County()), ("test_province", Province()))
    values = {i.requirement.id: i.requirement.check.value for i in effective_rules(registry, "test_province")}
    assert values == {"test_province.curriculum.lessons": 8, "test_province.curriculum.extra": 2}


def test_checklist_shows_source_and_replaced_citation():
    registry = registry_of(("test_county", County()), ("test_province", Province()))
    checklist = build_checklist(registry, "test_county")
    item = next(i for i in checklist["items"] if i["id"] == "test_province.curriculum.lessons")
    assert item["source"] == "test_county"
    assert item["replaces"]["jurisdiction"] == "test_province"
    assert item["replaces"]["citation"]["document"] == "测省〔2024〕1号"
    assert checklist["region"]["parents"][0]["code"] == "test_province"
    assert [d["number"] for d in checklist["documents"]] == ["测省〔2024〕1号", "测县〔2024〕2号"]
    assert checklist["warnings"] == []


def test_missing_parent_is_a_warning_not_a_failure():
    registry = registry_of(("test_orphan", Orphan()))
    checklist = build_checklist(registry, "test_orphan")
    assert [i["id"] for i in checklist["items"]] == ["test_orphan.other.own"]
    (warning,) = checklist["warnings"]
    assert warning["code"] == "parent-not-installed"
    assert warning["jurisdiction"] == "test_missing"
    assert "缺〔2023〕9号" in warning["message"]["en"]
    missing_doc = checklist["documents"][0]
    assert missing_doc["number"] == "缺〔2023〕9号" and missing_doc["encoded"] is False
    assert checklist["domains"]["curriculum"] == {"count": 0, "specified": False, "encoded": True}


def test_parent_cycle_is_an_error_naming_the_plugins():
    registry = registry_of(*cycle_pair())
    with pytest.raises(PluginError, match="test_cycle"):
        effective_rules(registry, "test_cycle_a")


def test_unknown_region_lists_valid_codes():
    registry = registry_of(("test_province", Province()))
    with pytest.raises(UnknownRegionError, match="valid codes: test_province"):
        chain_of(registry, "nowhere")


@pytest.mark.parametrize(
    ("name", "plugin", "reason"),
    [
        ("test_unknown_hook", UnknownHook(), "does not define"),
        ("test_bad_argument", BadArgument(), "invalid plugin"),
        ("test_no_identity", NoIdentity(), "exactly one Jurisdiction"),
        ("test_mismatch", Province(), "jurisdiction code is 'test_province'"),
    ],
)
def test_broken_plugin_is_reported_and_others_still_load(name, plugin, reason):
    registry = registry_of((name, plugin), ("test_province", Province()))
    assert registry.codes == ["test_province"]
    (problem,) = registry.problems
    assert problem.name == name
    assert reason in problem.reason


def test_plugin_that_fails_to_import_is_reported():
    broken = metadata.EntryPoint(name="test_broken", value="xinli_no_such_module_anywhere", group="xinli")
    registry = load_plugins(entry_points=[broken], extra=[("test_province", Province())])
    assert registry.codes == ["test_province"]
    assert registry.problems[0].name == "test_broken"
    assert "import failed" in registry.problems[0].reason


def test_duplicate_code_keeps_the_first():
    registry = registry_of(("test_province", Province()), ("test_province", Province()))
    assert registry.codes == ["test_province"]
    assert registry.problems and "test_province" in registry.problems[0].name


def test_item_from_the_wrong_hook_is_an_error():
    registry = registry_of(("test_wrong_domain", WrongDomain()))
    with pytest.raises(PluginError, match="came from the 'curriculum' hook"):
        effective_rules(registry, "test_wrong_domain")


def test_only_limits_which_plugins_load(monkeypatch):
    registry = load_plugins(only=["test_county"], extra=[("test_county", County()), ("test_province", Province())],
                            entry_points=[])
    assert registry.codes == ["test_county"]
    monkeypatch.setenv("XINLI_PLUGINS", "test_province")
    registry = load_plugins(extra=[("test_county", County()), ("test_province", Province())], entry_points=[])
    assert registry.codes == ["test_province"]


def test_looser_override_is_marked_and_exclusion_removes_the_item():
    from fixture_plugins import LooseCounty

    registry = registry_of(("test_loose", LooseCounty()), ("test_province", Province()))
    checklist = build_checklist(registry, "test_loose")
    ids = [i["id"] for i in checklist["items"]]
    assert ids == ["test_province.curriculum.lessons"]
    item = checklist["items"][0]
    assert item["looser_than_parent"] == ["level required -> recommended", "value 8 -> 6"]
    assert item["replaces"]["check"]["value"] == 8 and item["replaces"]["level"] == "required"
    (excluded,) = checklist["excluded"]
    assert excluded["id"] == "test_province.curriculum.extra"
    assert excluded["excluded_by"] == "test_loose"
    assert excluded["exclusion_citation"]["document"] == "宽〔2024〕4号"
    assert excluded["citation"]["document"] == "测省〔2024〕1号"


def test_tightening_override_is_not_marked():
    registry = registry_of(("test_county", County()), ("test_province", Province()))
    item = next(i for i in build_checklist(registry, "test_county")["items"] if i["id"] == "test_province.curriculum.lessons")
    assert item["looser_than_parent"] is None


@pytest.mark.parametrize(
    ("plugin_name", "message"),
    [
        ("BadOverrideCounty", "plugin 'test_bad_override' overrides 'test_province.curriculum.nonexistent', which no ancestor"),
        ("BadExclusionCounty", "plugin 'test_bad_exclusion' excludes 'test_province.curriculum.ghost', which no ancestor"),
    ],
)
def test_override_or_exclusion_of_an_unknown_id_is_an_error(plugin_name, message):
    import fixture_plugins

    plugin = getattr(fixture_plugins, plugin_name)()
    code = plugin.xinli_jurisdiction().code
    registry = registry_of((code, plugin), ("test_province", Province()))
    with pytest.raises(PluginError) as info:
        effective_rules(registry, code)
    assert message in str(info.value)


def test_as_of_uses_only_documents_in_force():
    import datetime as dt

    from fixture_plugins import TwoNotices

    registry = registry_of(("test_two", TwoNotices()))
    before = build_checklist(registry, "test_two", dt.date(2024, 8, 31))
    after = build_checklist(registry, "test_two", dt.date(2024, 9, 1))
    assert [i["id"] for i in before["items"]] == ["test_two.curriculum.old-lessons"]
    assert [i["id"] for i in after["items"]] == ["test_two.curriculum.new-lessons"]
    assert {w["code"] for w in after["warnings"]} == {"document-not-in-force"}
    old = next(d for d in after["documents"] if d["number"] == "旧〔2020〕1号")
    assert old["in_force"] is False and old["replaced_by"] == "新〔2024〕2号"
    too_early = build_checklist(registry, "test_two", dt.date(2019, 1, 1))
    assert too_early["items"] == []
