"""Authoring from province to county (issue 14): ancestry with gaps,
rules as TOML data, what ``plugins check`` catches, the scope of region
targets, deadlines, duty holders, compare pairing and facts columns.
Every region here is invented."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import tomli_w

from xinli.core import hookimpl
from xinli.core.errors import PluginError, XinliError
from xinli.core.layering import ancestry_codes, effective_rules, lineage
from xinli.core.model import Requirement, parse_deadline
from xinli.core.registry import load_plugins
from xinli.core.rules.toml_plugin import TomlPlugin
from xinli.core.rules.validate import check_plugin, plugin_warnings
from xinli.core.views.checklist import build_checklist

SOURCE = "一、每学期心理健康课不少于8课时。二、不设寝室心理委员。三、全省80%以上学校建成心理辅导室。四、家长配合学校开展工作。"


def text(zh: str) -> dict[str, str]:
    return {"zh": zh, "en": f"en: {zh}"}


def jurisdiction(code: str, level: str, number: str, **more: Any) -> dict[str, Any]:
    return {"code": code, "name": text(f"{code}名"), "level": level, **more,
            "documents": [{"number": number, "title": text("测试文件"), "issuer": text("测试机关"), "date": "2024-01-01"}]}


def requirement(code: str, number: str, item_id: str, quote: str, **more: Any) -> dict[str, Any]:
    domain = item_id.split(".")[1]
    return {"id": item_id, "domain": domain, "text": text(quote), "level": "required", "duty_holder": "school",
            "citation": {"jurisdiction": code, "document": number, "clause": "一", "quote": quote}, **more}


LESSONS = {"metric": "psych_lessons_per_semester", "op": ">=", "value": 8, "unit": "lessons", "per": "per_semester"}
ROOMS = {"metric": "has_counseling_room", "op": ">=", "value": "4/5", "count_per": "region", "scope": "jurisdiction"}


def province(**more: Any) -> dict[str, Any]:
    return {
        "jurisdiction": jurisdiction("t_prov", "province", "测省〔2024〕1号",
                                     ancestors=[{"code": "national", "name": text("国家"), "level": "national"}]),
        "requirements": [
            requirement("t_prov", "测省〔2024〕1号", "t_prov.curriculum.lessons", "每学期心理健康课不少于8课时", check=LESSONS),
            requirement("t_prov", "测省〔2024〕1号", "t_prov.staffing.dorm-monitors", "不设寝室心理委员"),
            requirement("t_prov", "测省〔2024〕1号", "t_prov.other.rooms", "全省80%以上学校建成心理辅导室", check=ROOMS,
                        duty_holder="education_authority"),
        ],
        **more,
    }


def county(**more: Any) -> dict[str, Any]:
    data = {
        "jurisdiction": jurisdiction("t_county", "county", "测县〔2025〕2号", ancestors=[
            {"code": "t_city", "name": text("测试市"), "level": "city",
             "documents": [{"number": "测市〔2024〕5号", "title": "测试市方案", "issuer": "测试市教育局"}]},
            {"code": "t_prov", "name": text("测试省"), "level": "province"}]),
        "requirements": [requirement("t_county", "测县〔2025〕2号", "t_county.other.parents", "家长配合学校开展工作",
                                     duty_holder="families")],
    }
    data.update(more)
    return data


def plugin(data: dict[str, Any], source: str = SOURCE) -> TomlPlugin:
    return TomlPlugin(tomli_w.dumps(data), source)


def registry_of(*datas: dict[str, Any]):
    return load_plugins(entry_points=[], rules_path=(),
                        extra=[(d["jurisdiction"]["code"], plugin(d)) for d in datas])


# --- ancestry ------------------------------------------------------------------


def test_a_county_under_a_missing_city_inherits_its_installed_province():
    registry = registry_of(province(), county())
    line = lineage(registry, "t_county")
    assert [p.code for p in line.chain] == ["t_prov", "t_county"]
    assert [(m.code, m.level) for m in line.missing] == [("t_city", "city"), ("national", "national")]
    assert ancestry_codes(registry, "t_county") == ["t_city", "t_prov", "national"]
    ids = {i.requirement.id: i.source for i in effective_rules(registry, "t_county")}
    assert ids["t_prov.curriculum.lessons"] == "t_prov" and ids["t_county.other.parents"] == "t_county"
    checklist = build_checklist(registry, "t_county")
    codes = [w["code"] for w in checklist["warnings"]]
    assert codes == ["parent-not-installed", "ancestor-not-installed"]
    assert "测市〔2024〕5号" in checklist["warnings"][0]["message"]["en"]
    assert checklist["documents"][0]["number"] == "测市〔2024〕5号" and checklist["documents"][0]["encoded"] is False


def test_override_of_a_missing_ancestors_item_names_that_ancestor():
    bad = county(requirements=[requirement("t_county", "测县〔2025〕2号", "t_city.other.plan", "家长配合学校开展工作")])
    registry = registry_of(province(), bad)
    with pytest.raises(PluginError, match=r"ancestor 't_city', city is not installed \(installed ancestors: t_prov\)"):
        effective_rules(registry, "t_county")


def test_exclusion_of_a_misspelt_id_suggests_the_real_one():
    exclusion = {"id": "t_prov.staffing.dorm-monitor", "reason": text("不设"),
                 "citation": {"jurisdiction": "t_county", "document": "测县〔2025〕2号", "clause": "二", "quote": "不设寝室心理委员"}}
    registry = registry_of(province(), county(exclusions=[exclusion]))
    with pytest.raises(PluginError, match=r"which no ancestor \(t_prov\) has; did you mean 't_prov.staffing.dorm-monitors'\?"):
        effective_rules(registry, "t_county")
    assert "did you mean" in str(check_plugin(registry, "t_county")[0])


def test_parent_must_be_the_first_ancestor_and_codes_do_not_repeat():
    with pytest.raises(XinliError, match="is not the first ancestor"):
        plugin(county(jurisdiction={**county()["jurisdiction"], "parent": "t_prov"}))
    repeated = county()["jurisdiction"]
    repeated["ancestors"] = repeated["ancestors"] + [repeated["ancestors"][0]]
    with pytest.raises(XinliError, match="repeat a code"):
        plugin(county(jurisdiction=repeated))


# --- the TOML format ---------------------------------------------------------------


def test_a_misspelt_field_is_refused_with_a_suggestion():
    data = province()
    data["requirements"][0]["duty_holdr"] = "school"
    with pytest.raises(XinliError, match=r"unknown field 'duty_holdr' in requirement t_prov.curriculum.lessons; "
                                         r"did you mean 'duty_holder'\?"):
        plugin(data)


def test_a_misspelt_vocabulary_key_is_refused_with_a_suggestion():
    data = province()
    data["requirements"][0]["duty_holder"] = "head_teacer"
    with pytest.raises(XinliError, match=r"did you mean 'head_teacher'\?"):
        plugin(data)


@pytest.mark.parametrize(("written", "date", "noted"), [
    ("2025", "2025-12-31", True), ("2025年底", "2025-12-31", True), ("到2025年", "2025-12-31", True),
    ("2025-12-31", "2025-12-31", False), ("2025年6月底", "2025-06-30", True), ("2024-02", "2024-02-29", True),
])
def test_deadlines_are_read_as_the_document_writes_them(written, date, noted):
    assert parse_deadline(written) == (dt.date.fromisoformat(date), noted)
    data = province()
    data["requirements"][0]["deadline"] = written
    req: Requirement = plugin(data).requirements[0]
    assert req.deadline.isoformat() == date
    assert (req.deadline_reading() is not None) == noted


def test_a_deadline_that_is_not_a_date_is_refused():
    with pytest.raises(ValueError, match="is not a date"):
        parse_deadline("明年")


def test_families_and_shared_duties():
    registry = registry_of(province(), county())
    items = {i["id"]: i for i in build_checklist(registry, "t_county")["items"]}
    assert items["t_county.other.parents"]["duty_holder"] == "families"
    assert items["t_county.other.parents"]["school_duty"] is False
    shared = province()
    shared["requirements"][1]["duty_holder"] = "school_and_family"
    assert plugin(shared).requirements[1].school_duty is True


# --- plugins check -----------------------------------------------------------------


def problems(*datas: dict[str, Any], code: str = "t_county") -> list[str]:
    return [str(p) for p in check_plugin(registry_of(*datas), code)]


def test_the_invented_regions_pass():
    assert problems(province(), county()) == []
    assert problems(province(), code="t_prov") == []


def test_a_quote_not_in_source_is_reported_for_exclusions_too():
    exclusion = {"id": "t_prov.staffing.dorm-monitors", "reason": text("不设"),
                 "citation": {"jurisdiction": "t_county", "document": "测县〔2025〕2号", "clause": "二", "quote": "本县不设"}}
    assert problems(province(), county(exclusions=[exclusion])) == [
        "t_county: exclusion of t_prov.staffing.dorm-monitors: quote not found in source.txt: 「本县不设」"]


def test_duplicate_ids_are_reported():
    data = province()
    data["requirements"].append(dict(data["requirements"][0]))
    assert any("duplicate requirement id 't_prov.curriculum.lessons'" in p for p in problems(data, code="t_prov"))


def test_a_misspelt_metric_is_reported_with_a_suggestion():
    data = province()
    data["requirements"][0]["check"] = {**LESSONS, "metric": "psych_lesson_per_semester"}
    assert problems(data, code="t_prov") == [
        "t_prov: t_prov.curriculum.lessons: check uses unregistered metric 'psych_lesson_per_semester'; "
        "did you mean 'psych_lessons_per_semester'?"]


def test_a_metric_only_another_line_registers_cannot_be_collected():
    other = {"jurisdiction": jurisdiction("t_other", "province", "他省〔2024〕1号"),
             "metrics": [{"key": "sand_tray_rooms", "label": text("沙盘室数"), "type": "integer", "unit": "rooms"}]}
    data = province()
    data["requirements"][0]["check"] = {"metric": "sand_tray_rooms", "op": ">=", "value": 1, "unit": "rooms", "per": "standing"}
    found = problems(data, other, code="t_prov")
    assert len(found) == 1 and "registered only by a plugin outside t_prov's line" in found[0]


@pytest.mark.parametrize(("check", "message"), [
    ({**ROOMS, "value": 80}, "needs its denominator"),
    ({**ROOMS, "value": 0.8}, "needs its denominator"),
    ({**ROOMS, "unit": "rooms"}, "leave unit empty"),
])
def test_a_region_share_target_needs_a_denominator_and_no_unit(check, message):
    data = province()
    data["requirements"][2]["check"] = check
    found = problems(data, code="t_prov")
    assert len(found) == 1 and message in found[0]


def test_the_share_unit_is_accepted_on_a_region_target():
    data = province()
    data["requirements"][2]["check"] = {**ROOMS, "unit": "share"}
    assert problems(data, code="t_prov") == []


class MisspeltHooks:
    """A Python plugin with one marked and one unmarked misspelt hook."""

    def __init__(self, marked: bool) -> None:
        self.marked = marked

    @hookimpl
    def xinli_jurisdiction(self):
        return plugin(province()).jurisdiction

    def xinli_staffing_rule(self):
        return []


class MarkedMisspelt(MisspeltHooks):
    @hookimpl
    def xinli_curriculum_quota(self):
        return []


def test_a_misspelt_hook_is_reported_with_a_suggestion():
    registry = load_plugins(entry_points=[], rules_path=(), extra=[("t_prov", MisspeltHooks(False))])
    assert [str(p) for p in check_plugin(registry, "t_prov")][-1] == (
        "t_prov: 'xinli_staffing_rule' is not a xinli hook; did you mean 'xinli_staffing_rules'?")
    registry = load_plugins(entry_points=[], rules_path=(), extra=[("t_prov", MarkedMisspelt(True))])
    (problem,) = registry.problems
    assert "did you mean 'xinli_curriculum_quotas'?" in problem.reason


def test_placeholders_and_the_scaffold_day_are_warnings():
    data = province(scaffold={"created": "2024-01-01"})
    data["requirements"][0]["text"] = {"zh": "【示例】每学期心理健康课", "en": "TODO"}
    registry = registry_of(data)
    warnings = [str(w) for w in plugin_warnings(registry, "t_prov")]
    assert any("placeholder '【示例】'" in w for w in warnings)
    assert any("dated 2024-01-01, the day the plugin was scaffolded" in w for w in warnings)
    assert check_plugin(registry, "t_prov") == []


def test_a_region_target_without_scope_is_a_warning():
    data = province()
    data["requirements"][2]["check"] = {k: v for k, v in ROOMS.items() if k != "scope"}
    warnings = [str(w) for w in plugin_warnings(registry_of(data), "t_prov")]
    assert any("does not state its scope" in w for w in warnings)


# --- scope of region targets, facts, compare, outputs ---------------------------


def findings(registry, region: str, facts, tmp_path) -> dict[str, tuple[str, str | None]]:
    import sqlite3

    from xinli.core.assessment.pipeline import assess

    db = tmp_path / f"{region}.db"
    result = assess(registry, region, facts, db, dt.date(2025, 6, 1))
    with sqlite3.connect(db) as conn:
        rows = conn.execute("select r.requirement_id, (select name from statuses where code = f.status), f.detail "
                            "from findings f join requirements r on r.id = f.requirement where f.school is null").fetchall()
    return {rid: (status, detail) for rid, status, detail in rows}, result


def write_facts(tmp_path, header: str, rows: list[str]):
    path = tmp_path / "facts.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_a_province_wide_target_is_measured_in_the_province_run_only(tmp_path):
    registry = registry_of(province(), county())
    facts = write_facts(tmp_path, "school_id,grades,psych_lessons_per_semester,has_counseling_room",
                        ["A,1-6,8,true", "B,1-6,8,true", "C,1-6,8,true", "D,1-6,8,true", "E,1-6,8,false"])
    in_county, _ = findings(registry, "t_county", facts, tmp_path)
    status, detail = in_county["t_prov.other.rooms"]
    assert status == "not_applicable" and detail.startswith("measured at province level (t_prov)")
    in_province, _ = findings(registry, "t_prov", facts, tmp_path)
    assert in_province["t_prov.other.rooms"][0] == "met"  # 4 of 5 = exactly 4/5
    below = write_facts(tmp_path, "school_id,grades,psych_lessons_per_semester,has_counseling_room",
                        ["A,1-6,8,true", "B,1-6,8,true", "C,1-6,8,true", "D,1-6,8,false", "E,1-6,8,false"])
    (tmp_path / "t_prov.db").unlink()
    assert findings(registry, "t_prov", below, tmp_path)[0]["t_prov.other.rooms"][0] == "not_met"


def test_each_subregion_targets_are_measured_in_the_county_run(tmp_path):
    data = province()
    data["requirements"][2]["check"] = {**ROOMS, "scope": "each_subregion"}
    registry = registry_of(data, county())
    facts = write_facts(tmp_path, "school_id,grades,psych_lessons_per_semester,has_counseling_room",
                        ["A,1-6,8,true", "B,1-6,8,false"])
    assert findings(registry, "t_county", facts, tmp_path)[0]["t_prov.other.rooms"][0] == "not_met"


def test_a_facts_column_of_an_excluded_item_is_accepted_with_a_warning(tmp_path, run):
    exclusion = {"id": "t_prov.curriculum.lessons", "reason": text("不适用"),
                 "citation": {"jurisdiction": "t_county", "document": "测县〔2025〕2号", "clause": "一",
                              "quote": "每学期心理健康课不少于8课时"}}
    registry = registry_of(province(), county(exclusions=[exclusion]))
    facts = write_facts(tmp_path, "school_id,grades,psych_lessons_per_semester,has_counseling_room", ["A,1-6,8,true"])
    _found, result = findings(registry, "t_county", facts, tmp_path)
    assert result.warnings == ("warning: column(s) psych_lessons_per_semester are not used by this region's rules "
                               "(an excluded or another region's item) and were ignored",)
    unknown = write_facts(tmp_path, "school_id,grades,colour", ["A,1-6,red"])
    with pytest.raises(XinliError, match="colour.*unknown column"):
        findings(registry, "t_county", unknown, tmp_path)


def test_compare_never_pairs_a_region_target_with_a_per_school_rule():
    from xinli.core.views.compare import compare_checklists

    other = {"jurisdiction": jurisdiction("t_other", "province", "他省〔2024〕1号"),
             "requirements": [requirement("t_other", "他省〔2024〕1号", "t_other.other.room", "每校建成心理辅导室",
                                          check={"metric": "has_counseling_room", "op": "true", "per": "standing"})]}
    registry = load_plugins(entry_points=[], rules_path=(), extra=[
        ("t_prov", plugin(province())), ("t_other", plugin(other, "每校建成心理辅导室"))])
    result = compare_checklists(build_checklist(registry, "t_prov"), build_checklist(registry, "t_other"))
    other_domain = result["domains"]["other"]
    assert other_domain["different"] == []
    assert [i["id"] for i in other_domain["only_a"]] == ["t_prov.other.rooms"]
    assert [i["id"] for i in other_domain["only_b"]] == ["t_other.other.room"]


def test_titles_already_in_book_marks_are_not_wrapped_twice():
    from xinli.core.render.markdown import render_markdown
    from xinli.core.vocabulary import book_title

    assert book_title("《关于加强工作的通知》") == "《关于加强工作的通知》"
    assert book_title("关于加强工作的通知") == "《关于加强工作的通知》"
    data = province()
    data["jurisdiction"]["documents"][0]["title"] = {"zh": "《测试文件》", "en": "Test"}
    page = render_markdown(build_checklist(registry_of(data), "t_prov"), "zh")
    assert "《测试文件》" in page and "《《" not in page


def test_domains_not_yet_encoded_are_not_called_unspecified():
    from xinli.core.render.markdown import render_markdown

    data = province()
    data["jurisdiction"]["encoded_domains"] = ["curriculum", "staffing"]
    checklist = build_checklist(registry_of(data), "t_prov")
    assert checklist["domains"]["screening"] == {"count": 0, "specified": False, "encoded": False,
                                                 "not_encoded_by": ["t_prov"]}
    assert checklist["domains"]["curriculum"]["encoded"] is True
    page = render_markdown(checklist, "zh")
    assert "尚未编码" in page
    full = render_markdown(build_checklist(registry_of(province()), "t_prov"), "zh")
    assert "尚未编码" not in full and "本文件未作规定" in full


def test_a_broken_rules_file_in_a_folder_is_a_problem_named_by_its_code_and_path(tmp_path):
    folder = tmp_path / "rules" / "bad"
    folder.mkdir(parents=True)
    (folder / "rules.toml").write_text('[jurisdiction]\ncode = "bad"\n', encoding="utf-8")
    (tmp_path / "rules" / "facts.toml").write_text('[[schools]]\nschool_id = "A"\n', encoding="utf-8")
    registry = load_plugins(entry_points=[], rules_path=[str(tmp_path / "rules")])
    (problem,) = registry.problems
    assert problem.name == "bad" and problem.distribution == f"rules file {folder / 'rules.toml'}"
    assert "not a valid rules file" in problem.reason and registry.plugins == {}


def test_xinli_rules_path_is_read_from_the_environment(tmp_path, monkeypatch):
    folder = tmp_path / "rules" / "t_prov"
    folder.mkdir(parents=True)
    (folder / "rules.toml").write_text(tomli_w.dumps(province()), encoding="utf-8")
    (folder / "source.txt").write_text(SOURCE, encoding="utf-8")
    monkeypatch.setenv("XINLI_RULES_PATH", str(tmp_path / "rules"))
    registry = load_plugins(entry_points=[])
    assert registry.codes == ["t_prov"] and check_plugin(registry, "t_prov") == []
    assert load_plugins(entry_points=[], rules_path=()).codes == []


def test_the_coverage_page_tells_not_yet_encoded_from_not_specified():
    from xinli.core.render.coverage import render_coverage_markdown
    from xinli.core.views.coverage import coverage_rows

    data = province()
    data["jurisdiction"]["encoded_domains"] = ["curriculum", "other"]
    data["jurisdiction"]["encoded_clauses"] = ["一"]
    (row,) = coverage_rows(registry_of(data))
    assert row["encoded"]["screening"] is False and row["clauses"] == ["一"]
    line = render_coverage_markdown([row]).splitlines()[-1]
    cells = [c.strip() for c in line.split("|")[3:9]]
    assert cells == ["*not yet encoded*", "*not yet encoded*", "1 *(partial)*", "*not yet encoded*", "1", "1"]


def test_show_says_not_yet_encoded(run, tmp_path):
    folder = tmp_path / "rules" / "t_prov"
    folder.mkdir(parents=True)
    data = province()
    data["jurisdiction"]["encoded_domains"] = ["curriculum", "other", "staffing"]
    (folder / "rules.toml").write_text(tomli_w.dumps(data), encoding="utf-8")
    (folder / "source.txt").write_text(SOURCE, encoding="utf-8")
    result = run("--rules", str(tmp_path / "rules"), "show", "t_prov", "--lang", "en", "--plugins", "t_prov")
    assert result.exit_code == 0, result.output
    assert "  Screening schedule: not yet encoded" in result.output


def test_the_contract_accepts_a_province_without_a_parent_but_not_a_county():
    from xinli.testing.contract import identity_problems

    data = province()
    data["jurisdiction"].pop("ancestors")
    assert identity_problems(registry_of(data), "t_prov") == []
    orphan = {"jurisdiction": jurisdiction("t_lone", "county", "孤〔2024〕1号")}
    assert identity_problems(registry_of(orphan), "t_lone") == ["a county names its parent jurisdiction (or its ancestors)"]


def test_a_county_naming_only_its_missing_city_is_told_to_declare_the_province():
    legacy = county()
    legacy["jurisdiction"] = jurisdiction("t_county", "county", "测县〔2025〕2号", parent="t_city",
                                          parent_name=text("测试市"))
    legacy["requirements"] = [requirement("t_county", "测县〔2025〕2号", "t_prov.curriculum.lessons", "每学期心理健康课不少于8课时")]
    registry = registry_of(province(), legacy)
    with pytest.raises(PluginError, match=r"but 't_prov' is not in 't_county''s declared line \(t_county -> t_city\): "
                                          r"declare it under \[\[jurisdiction.ancestors\]\]"):
        effective_rules(registry, "t_county")


def test_the_deadline_reading_is_printed():
    from xinli.core.render.html import render_checklist_html
    from xinli.core.render.markdown import render_markdown

    data = province()
    data["requirements"][2]["deadline"] = "2025年底"
    data["requirements"][2]["check"] = {**ROOMS, "per": "by_deadline"}
    checklist = build_checklist(registry_of(data), "t_prov")
    assert "2025-12-31 (期限“2025年底”按 2025-12-31 理解)" in render_markdown(checklist, "zh")
    assert "期限“2025年底”按 2025-12-31 理解" in render_checklist_html(checklist, "zh")


def test_a_packaged_readme_with_placeholders_is_a_warning(tmp_path, monkeypatch):
    from xinli.core.registry import LoadedPlugin
    from xinli.core.rules.validate import placeholder_problems

    package = tmp_path / "t_readme_pkg"
    package.mkdir()
    (package / "__init__.py").write_text('"""A package holding a README."""\n', encoding="utf-8")
    (package / "README.md").write_text("# 测试\n\n**文件**：待填写——发文机关\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    clean = plugin(province())
    loaded = LoadedPlugin("t_prov", clean, clean.jurisdiction, None, None)
    assert placeholder_problems(loaded, clean.requirements, []) == []
    clean.package = "t_readme_pkg"
    assert [str(p) for p in placeholder_problems(loaded, clean.requirements, [])] == [
        "t_prov: README.md: placeholder '待填写' left in the README"]
    (package / "README.md").write_text("# 测试\n\n**文件**：测试机关\n", encoding="utf-8")
    assert placeholder_problems(loaded, clean.requirements, []) == []


def test_compare_says_not_yet_encoded():
    from xinli.core.render.compare import render_compare_markdown
    from xinli.core.views.compare import compare_checklists

    data = province()
    data["jurisdiction"]["encoded_domains"] = ["curriculum", "staffing", "other"]
    other = {"jurisdiction": jurisdiction("t_other", "province", "他省〔2024〕1号")}
    registry = load_plugins(entry_points=[], rules_path=(), extra=[("t_prov", plugin(data)), ("t_other", plugin(other, ""))])
    result = compare_checklists(build_checklist(registry, "t_prov"), build_checklist(registry, "t_other"))
    assert result["domains"]["screening"]["encoded"] == {"a": False, "b": True}
    page = render_compare_markdown(result, "en")
    assert "- `t_prov`: not yet encoded" in page and "- `t_other`: not specified by its documents" in page


def test_roll_ups_see_the_declared_line_past_a_missing_city():
    from xinli.core.assessment.rollup import ancestors, is_within

    registry = registry_of(province(), county())
    assert ancestors(registry, "t_county") == ["t_city", "t_prov", "national"]
    assert is_within(registry, "t_county", "t_prov") and is_within(registry, "t_county", "t_city")
    assert not is_within(registry, "t_prov", "t_county")
