"""The bundled plugins pass the same contract a third-party plugin runs
through ``xinli.testing`` (one line per plugin), and the contract's rules
catch what they are meant to catch."""

from __future__ import annotations

import fixture_plugins as fx
import pytest
from conftest import BUNDLED

from xinli.testing import PluginContract, checklist_for, load_registry
from xinli.testing import contract as rules


class TestChongqingDadukou(PluginContract):
    code = "chongqing_dadukou"


class TestChongqingQijiang(PluginContract):
    code = "chongqing_qijiang"


class TestHenan(PluginContract):
    code = "henan"


class TestNanchang(PluginContract):
    code = "nanchang"


class TestSichuanQuxian(PluginContract):
    code = "sichuan_quxian"


def test_every_bundled_plugin_has_a_contract_class():
    covered = {cls.code for cls in PluginContract.__subclasses__() if cls.__module__ == __name__}
    assert covered == set(BUNDLED)


def test_the_fixtures_build_isolated_registries(xinli_registry, xinli_checklist):
    only_henan = xinli_registry(["henan"])
    assert only_henan.codes == ["henan"]
    invented = xinli_registry([], extra=[("test_province", fx.Province()), ("test_county", fx.County())])
    assert invented.codes == ["test_county", "test_province"]
    items = {i["id"]: i for i in xinli_checklist("test_county", extra=[("test_province", fx.Province()),
                                                                      ("test_county", fx.County())])["items"]}
    assert items["test_province.curriculum.lessons"]["source"] == "test_county"
    assert items["test_province.curriculum.extra"]["source"] == "test_province"
    assert xinli_checklist("henan", "2024-01-01")["as_of"] == "2024-01-01"


def test_load_registry_ignores_the_environment_selection(monkeypatch):
    monkeypatch.setenv("XINLI_PLUGINS", "nanchang")
    assert set(BUNDLED) <= set(load_registry().codes)


def test_contract_reports_a_plugin_that_did_not_load():
    registry = load_registry([], extra=[("test_unknown_hook", fx.UnknownHook())])
    problems = rules.load_problems(registry, "test_unknown_hook")
    assert len(problems) == 1 and "xinli_favourite_colour" in problems[0]
    assert "no plugin 'atlantis' is installed" in rules.load_problems(registry, "atlantis")[0]


def test_contract_rules_catch_a_broken_county():
    registry = load_registry([], extra=[("test_province", fx.Province()), ("test_county", fx.County())])
    checklist = checklist_for(registry, "test_county")
    assert rules.quote_problems(registry, "test_county", checklist) == ["plugin 'test_county' ships no source.txt beside its module"]
    assert rules.identity_problems(registry, "test_county") == []
    assert rules.id_problems("test_county", checklist) == []
    broken = dict(checklist, items=[*checklist["items"], checklist["items"][0]])
    assert rules.id_problems("test_county", broken)[0].endswith("id appears twice in the checklist")


def test_contract_rules_catch_one_language_and_mobile_numbers():
    checklist = checklist_for(load_registry(["henan"]), "henan")
    item = dict(checklist["items"][0], text={"zh": "Only English", "en": "Only English"},
                note={"zh": "联系电话13812345678", "en": "call 13812345678"})
    broken = dict(checklist, items=[item])
    problems = rules.bilingual_problems("henan", broken)
    assert any("text has no Chinese text" in p for p in problems)
    assert any("same text for zh and en" in p for p in problems)
    found = rules.mobile_number_problems(load_registry(["henan"]), "henan", broken)
    assert found and all("13812345678" in p for p in found)


def test_contract_rules_catch_an_incomplete_identity():
    registry = load_registry([], extra=[("test_orphan", fx.Orphan())])
    assert rules.identity_problems(registry, "test_orphan") == []
    registry = load_registry([], extra=[("test_cycle_a", fx.cycle_pair()[0][1])])
    problems = rules.identity_problems(registry, "test_cycle_a")
    assert any("name has no Chinese text" in p for p in problems)
    assert any("parent 'test_cycle_b' is not installed" in p for p in problems)


def test_schema_rule_reports_a_renamed_field():
    pytest.importorskip("jsonschema")
    checklist = checklist_for(load_registry(["henan"]), "henan")
    broken = dict(checklist)
    broken["requirements"] = broken.pop("items")
    assert any("items" in p for p in rules.schema_problems(broken))
