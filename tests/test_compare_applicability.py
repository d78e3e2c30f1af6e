"""Whom a rule binds (issue 24): ``compare`` shows conditions, school kinds,
deadlines, scope and level per pair and says when a pair made by metric
binds different schools; an override that covers fewer schools is flagged
as looser than its parent like a lower figure.  Every region is invented."""

from __future__ import annotations

import json
from typing import Any

import pytest
import tomli_w

from xinli.core.layering import conditions_narrower, effective_rules, looser_reasons
from xinli.core.model import Citation, Requirement
from xinli.core.registry import load_plugins
from xinli.core.render.compare import render_compare_markdown
from xinli.core.rules.toml_plugin import TomlPlugin
from xinli.core.rules.validate import plugin_warnings
from xinli.core.views.checklist import build_checklist
from xinli.core.views.compare import broader_conditions, compare_checklists

QUOTE_A = "寄宿学生200人以上或在校学生1000人以上的学校，2025年底前配备专职心理健康教育教师"
QUOTE_B = "每所学校配备专职心理健康教育教师"
QUOTE_C = "在校学生1500人以上的学校配备专职心理健康教育教师"
SOURCE = "。".join([QUOTE_A, QUOTE_B, QUOTE_C]) + "。"
CONDITIONAL = [{"any": [{"attribute": "boarders", "op": ">=", "value": 200},
                        {"attribute": "enrollment", "op": ">=", "value": 1000}]}]
TEACHER = {"metric": "fulltime_psych_teachers", "op": ">=", "value": 1, "unit": "persons"}


def text(zh: str) -> dict[str, str]:
    return {"zh": zh, "en": f"en: {zh}"}


def rules(code: str, level: str, number: str, items: list[dict[str, Any]], parent: str | None = None) -> dict[str, Any]:
    jurisdiction = {"code": code, "name": text(f"{code}名"), "level": level,
                    "documents": [{"number": number, "title": text("测试文件"), "issuer": text("测试机关"), "date": "2024-01-01"}]}
    if parent:
        jurisdiction["parent"] = parent
    return {"jurisdiction": jurisdiction, "requirements": items}


def item(code: str, number: str, item_id: str, quote: str, **more: Any) -> dict[str, Any]:
    return {"id": item_id, "domain": item_id.split(".")[1], "text": text(quote), "level": "required",
            "duty_holder": "school", "citation": {"jurisdiction": code, "document": number, "clause": "一", "quote": quote},
            **more}


def registry_of(*datas: dict[str, Any]):
    return load_plugins(entry_points=[], rules_path=(),
                        extra=[(d["jurisdiction"]["code"], TomlPlugin(tomli_w.dumps(d), SOURCE)) for d in datas])


PROVINCE_A = rules("t_pa", "province", "甲〔2024〕1号", [
    item("t_pa", "甲〔2024〕1号", "t_pa.staffing.teacher", QUOTE_A, applies_if=CONDITIONAL, deadline="2025-12-31",
         check={**TEACHER, "per": "by_deadline"})])
PROVINCE_B = rules("t_pb", "province", "乙〔2024〕1号", [
    item("t_pb", "乙〔2024〕1号", "t_pb.staffing.teacher", QUOTE_B, check=TEACHER)])


@pytest.fixture
def compared():
    registry = registry_of(PROVINCE_A, PROVINCE_B)
    return compare_checklists(build_checklist(registry, "t_pa"), build_checklist(registry, "t_pb"))


def test_a_conditional_rule_paired_with_an_every_school_rule_says_so_in_json(compared):
    (pair,) = compared["domains"]["staffing"]["different"]
    assert pair["paired_by"] == "metric" and pair["applicability_differs"] is True
    fields = {d["field"]: d for d in pair["differences"]}
    assert fields["applies_if"]["a"] == CONDITIONAL and fields["applies_if"]["b"] is None
    assert fields["applies_if"]["stricter"] == "b"  # every school: covers more
    assert fields["deadline"]["a"] == "2025-12-31" and fields["deadline"]["b"] is None
    assert pair["a"]["applies_if"] == CONDITIONAL and pair["a"]["deadline"] == "2025-12-31"
    assert pair["a"]["scope"] == {"assessed_at": "school", "target_scope": None}
    assert pair["a"]["level"] == pair["b"]["level"] == "required"
    assert "school_kinds" in pair["a"] and pair["a"]["school_kinds"] is None
    json.dumps(compared, ensure_ascii=False)


def test_the_markdown_shows_conditions_deadline_scope_and_level_per_side(compared):
    zh = render_compare_markdown(compared, "zh")
    assert "寄宿学生数 不少于 200" in zh and "在校学生数 不少于 1000" in zh
    assert "2025-12-31" in zh and "所有学校" in zh and "评估对象: 每所学校" in zh
    assert "适用的学校不同" in zh and "[必须/应当]" in zh
    assert "适用条件:" in zh and "覆盖更广" in zh
    en = render_compare_markdown(compared, "en")
    assert "bind different schools" in en and "every school" in en and "deadline: 2025-12-31" in en


def test_the_cli_json_carries_the_applicability(run, tmp_path):
    folder = tmp_path / "rules"
    for data in (PROVINCE_A, PROVINCE_B):
        code = data["jurisdiction"]["code"]
        (folder / code).mkdir(parents=True)
        (folder / code / "rules.toml").write_text(tomli_w.dumps(data), encoding="utf-8")
        (folder / code / "source.txt").write_text(SOURCE, encoding="utf-8")
    result = run("--rules", str(folder), "compare", "t_pa", "t_pb", "--format", "json")
    assert result.exit_code == 0, result.output
    (pair,) = json.loads(result.stdout)["domains"]["staffing"]["different"]
    assert pair["a"]["applies_if"] == CONDITIONAL and pair["applicability_differs"]


@pytest.mark.parametrize(("a", "b", "broader"), [
    (None, CONDITIONAL, "a"),
    ([{"attribute": "enrollment", "op": ">=", "value": 1000}], [{"attribute": "enrollment", "op": ">=", "value": 1500}], "a"),
    ([{"attribute": "boarding", "op": "==", "value": True}],
     [{"attribute": "boarding", "op": "==", "value": True}, {"attribute": "enrollment", "op": ">=", "value": 10}], "a"),
    ([{"attribute": "enrollment", "op": ">=", "value": 1000}], [{"attribute": "boarders", "op": ">=", "value": 10}], None),
])
def test_which_conditions_cover_more_schools(a, b, broader):
    assert broader_conditions(a, b) == broader
    flipped = {"a": "b", "b": "a"}.get(broader)
    assert broader_conditions(b, a) == flipped


def _req(quote: str = QUOTE_A, **more: Any) -> Requirement:
    return Requirement(id="t_pa.staffing.teacher", domain="staffing", text=("配备", "staff"), level="required",
                       duty_holder="school", citation=Citation("t_pa", "甲〔2024〕1号", "一", quote), **more)


@pytest.mark.parametrize(("old", "new", "narrower"), [
    (CONDITIONAL, [{"any": [{"attribute": "boarders", "op": ">=", "value": 200},
                            {"attribute": "enrollment", "op": ">=", "value": 1500}]}], True),
    (CONDITIONAL, [{"any": [{"attribute": "boarders", "op": ">=", "value": 200},
                            {"attribute": "enrollment", "op": ">=", "value": 800}]}], False),
    (CONDITIONAL, CONDITIONAL, False),
    (None, CONDITIONAL, True),
    (CONDITIONAL, None, False),
    (CONDITIONAL, [*CONDITIONAL, {"attribute": "public_school", "op": "==", "value": True}], True),
    (CONDITIONAL, [{"all": [*CONDITIONAL, {"attribute": "boarding", "op": "==", "value": True}]}], True),
    ([{"attribute": "enrollment", "op": "<=", "value": 500}], [{"attribute": "enrollment", "op": "<=", "value": 300}], True),
    ([{"not": {"attribute": "enrollment", "op": ">=", "value": 500}}],
     [{"not": {"attribute": "enrollment", "op": ">=", "value": 300}}], True),
])
def test_an_override_covering_fewer_schools_is_looser(old, new, narrower):
    before, after = _req(applies_if=old), _req(applies_if=new)
    assert conditions_narrower(before.applies_if, after.applies_if) is narrower
    assert any("applies to fewer schools" in r for r in looser_reasons(before, after)) is narrower


def test_a_county_raising_the_threshold_is_warned_by_plugins_check():
    county = rules("t_cty", "county", "县〔2025〕1号", [
        item("t_cty", "县〔2025〕1号", "t_pa.staffing.teacher", QUOTE_C, deadline="2025-12-31",
             applies_if=[{"any": [{"attribute": "boarders", "op": ">=", "value": 200},
                                  {"attribute": "enrollment", "op": ">=", "value": 1500}]}],
             check={**TEACHER, "per": "by_deadline"})], parent="t_pa")
    registry = registry_of(PROVINCE_A, county)
    (override,) = [i for i in effective_rules(registry, "t_cty") if i.source == "t_cty"]
    assert override.looser and "enrollment >= 1000 -> " in override.looser[0] and "1500" in override.looser[0]
    assert override.looser_zh and "适用的学校更少" in override.looser_zh[0]
    warnings = [w for w in plugin_warnings(registry, "t_cty") if "looser" in w.reason]
    assert warnings and "适用的学校更少" in warnings[0].reason_zh
    checklist = build_checklist(registry, "t_cty")
    assert checklist["items"][0]["looser_than_parent"]


def test_an_override_naming_fewer_school_kinds_is_looser():
    class Kinded:
        """A requirement as i24a's model gives it, with school kinds."""

        def __init__(self, req: Requirement, kinds: tuple[str, ...] | None) -> None:
            self._req, self.school_kinds = req, kinds

        def __getattr__(self, name: str) -> Any:
            return getattr(self._req, name)

    every, senior = Kinded(_req(), None), Kinded(_req(), ("senior", "vocational"))
    assert any("fewer school kinds" in r for r in looser_reasons(every, senior))
    assert not any("fewer school kinds" in r for r in looser_reasons(senior, every))
    assert any("fewer school kinds" in r for r in looser_reasons(senior, Kinded(_req(), ("senior",))))


def test_school_kinds_are_shown_and_compared():
    kinds_a = rules("t_ka", "province", "甲〔2024〕2号", [
        item("t_ka", "甲〔2024〕2号", "t_ka.staffing.teacher", QUOTE_A, school_kinds=["senior", "vocational"], check=TEACHER)])
    registry = registry_of(kinds_a, PROVINCE_B)
    data = compare_checklists(build_checklist(registry, "t_ka"), build_checklist(registry, "t_pb"))
    (pair,) = data["domains"]["staffing"]["different"]
    fields = {d["field"]: d for d in pair["differences"]}
    assert fields["school_kinds"]["a"] == ["senior", "vocational"] and fields["school_kinds"]["stricter"] == "b"
    assert pair["a"]["school_kinds"] == ["senior", "vocational"] and pair["applicability_differs"]
    zh = render_compare_markdown(data, "zh")
    assert "学校类型: 普通高中、中职" in zh and "学校类型: 各类学校" in zh


def test_a_county_naming_fewer_school_kinds_is_warned():
    province = rules("t_kp", "province", "甲〔2024〕3号", [
        item("t_kp", "甲〔2024〕3号", "t_kp.staffing.teacher", QUOTE_A, school_kinds=["junior", "senior"], check=TEACHER)])
    county = rules("t_kc", "county", "县〔2025〕2号", [
        item("t_kc", "县〔2025〕2号", "t_kp.staffing.teacher", QUOTE_C, school_kinds=["senior"], check=TEACHER)],
        parent="t_kp")
    registry = registry_of(province, county)
    (override,) = [i for i in effective_rules(registry, "t_kc") if i.source == "t_kc"]
    assert any("fewer school kinds" in r for r in override.looser)
    assert any("覆盖的学校类型更少（初中、普通高中 → 普通高中）" in r for r in override.looser_zh)
