"""The issue-24 rules-format constructs end to end on a small invented
province: any-of checks with per-alternative ``when`` and the
``bureau_run`` attribute, several duty holders with roles, school kinds,
region-reported metrics, scoped manual targets and relations between facts.
Each verdict is tested at the least convenient allowed answer and the one
just below it."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from xinli.core.assessment.pipeline import assess
from xinli.core.rules.toml_export import export_rules_toml, requirement_to_dict
from xinli.core.rules.toml_plugin import TomlPlugin, requirement_from_dict
from xinli.core.rules.validate import check_all
from xinli.testing import checklist_for, load_registry

HEAD = """
[jurisdiction]
code = "test_c24"
level = "province"
name = { zh = "契约省", en = "Contract Province" }

[[jurisdiction.documents]]
number = "契〔2026〕1号"
date = "2026-01-01"
title = { zh = "契约文件", en = "contract document" }
issuer = { zh = "契约厅", en = "contract office" }
"""

ANY_OF = """
[[requirements]]
id = "test_c24.staffing.teacher"
domain = "staffing"
level = "required"
duty_holder = "school"
text = { zh = "专（兼）职心理健康教育教师配备达到100%", en = "every school has a full- or part-time psychology teacher" }
check = { any = [
  { metric = "fulltime_psych_teachers", op = ">=", value = 1, unit = "persons", per = "standing" },
  { metric = "psych_teachers_total", op = ">=", value = 1, unit = "persons", per = "standing" },
] }
citation = { jurisdiction = "test_c24", document = "契〔2026〕1号", clause = "一", quote = "专（兼）职" }

[[requirements]]
id = "test_c24.staffing.bureau-run"
domain = "staffing"
level = "required"
duty_holder = "school"
text = { zh = "局属学校配专职教师，其他学校配专兼职教师", en = "bureau-run schools a full-time teacher, others any" }
citation = { jurisdiction = "test_c24", document = "契〔2026〕1号", clause = "二", quote = "局属学校" }

[[requirements.check.any]]
metric = "fulltime_psych_teachers"
op = ">="
value = 1
unit = "persons"
per = "standing"
when = [{ attribute = "bureau_run", op = "==", value = true }]

[[requirements.check.any]]
metric = "psych_teachers_total"
op = ">="
value = 1
unit = "persons"
per = "standing"
when = [{ attribute = "bureau_run", op = "==", value = false }]
"""

SOURCE = "专（兼）职 局属学校 牵头 社区 幼儿园 家长学校 精神科医师"


def registry_for(rules: str):
    return load_registry([], extra=[("test_c24", TomlPlugin(HEAD + rules, SOURCE, "test_c24/rules.toml"))])


def findings(db):
    with sqlite3.connect(db) as conn:
        return {(school, req): (status, detail) for school, req, status, detail in conn.execute(
            "select school_id, requirement_id, status, detail from finding_details")}


def run_assess(registry, tmp_path, csv_text, as_of=dt.date(2026, 6, 1)):
    facts = tmp_path / "facts.csv"
    facts.write_text(csv_text, encoding="utf-8")
    db = tmp_path / "runs.db"
    assess(registry, "test_c24", facts, db, as_of)
    return findings(db)


def test_any_of_check_loads_checks_and_round_trips():
    registry = registry_for(ANY_OF)
    errors, _warnings = check_all(registry, ["test_c24"])
    assert [str(e) for e in errors] == []
    plugin = registry.get("test_c24").plugin
    for req in plugin.requirements:
        assert requirement_from_dict(requirement_to_dict(req)) == req
    checklist = checklist_for(registry, "test_c24")
    item = {i["id"]: i for i in checklist["items"]}["test_c24.staffing.bureau-run"]
    assert [a["metric"] for a in item["check"]["any"]] == ["fulltime_psych_teachers", "psych_teachers_total"]
    assert item["check"]["any"][0]["when"] == [{"attribute": "bureau_run", "op": "==", "value": True}]
    assert item["check"]["metric"] == "fulltime_psych_teachers"  # the first alternative, for one-check readers
    again = TomlPlugin(export_rules_toml(registry, "test_c24"), SOURCE)
    assert again.requirements == plugin.requirements
    validate_against_schema(checklist)


def validate_against_schema(checklist):
    import jsonschema

    from xinli.core.views.checklist import checklist_schema

    jsonschema.validate(checklist, checklist_schema())


def test_facts_template_asks_for_every_alternative_and_its_conditions():
    from xinli.core.assessment.facts import columns_for
    from xinli.core.assessment.metrics import collect_metrics

    registry = registry_for(ANY_OF)
    columns = columns_for(checklist_for(registry, "test_c24"), collect_metrics(registry))
    assert "bureau_run" in columns.attributes
    assert [m.key for m in columns.metrics] == ["fulltime_psych_teachers", "psych_teachers_total"]


def test_any_of_verdicts(tmp_path):
    registry = registry_for(ANY_OF)
    got = run_assess(registry, tmp_path, (
        "school_id,school_name,grades,bureau_run,fulltime_psych_teachers,psych_teachers_total\n"
        "A,甲,1-6,是,0,1\n"     # part-time only: meets the either-of; bureau-run needs full-time: not met
        "B,乙,1-6,否,0,1\n"     # not bureau-run with a part-time teacher: met (the least convenient allowed way)
        "C,丙,1-6,否,0,0\n"     # no teacher at all: not met (just below)
        "D,丁,1-6,是,1,\n"      # one full-time teacher, blank total: met both
        "E,戊,1-6,,,1\n"        # bureau-run unknown, total 1: met either-of; bureau rule unknown
        "F,己,1-6,否,,\n"       # nothing known: unknown
        "G,庚,1-6,,0,0\n"       # bureau-run unknown, no teacher: not met either way
    ))
    either, bureau = "test_c24.staffing.teacher", "test_c24.staffing.bureau-run"
    assert got[("A", either)][0] == "met" and got[("A", bureau)][0] == "not_met"
    assert got[("B", either)][0] == "met" and got[("B", bureau)][0] == "met"
    assert got[("C", either)][0] == "not_met" and got[("C", bureau)][0] == "not_met"
    assert got[("D", either)][0] == "met" and got[("D", bureau)][0] == "met"
    assert got[("E", either)][0] == "met" and got[("E", bureau)][0] == "unknown"
    assert got[("F", either)][0] == "unknown" and got[("F", bureau)][0] == "unknown"
    assert got[("G", either)][0] == "not_met" and got[("G", bureau)][0] == "unknown"


def test_a_when_outside_an_any_of_check_is_refused():
    bad = ANY_OF.replace('check = { any = [\n  { metric = "fulltime_psych_teachers", op = ">=", value = 1, unit = "persons", '
                         'per = "standing" },\n  { metric = "psych_teachers_total", op = ">=", value = 1, unit = "persons", '
                         'per = "standing" },\n] }',
                         'check = { metric = "fulltime_psych_teachers", op = ">=", value = 1, '
                         'when = [{ attribute = "bureau_run", op = "==", value = true }] }')
    assert bad != ANY_OF
    with pytest.raises(Exception, match="only an alternative of an any-of check takes 'when'"):
        TomlPlugin(HEAD + bad, SOURCE)
    with pytest.raises(Exception, match="at least two alternatives"):
        TomlPlugin(HEAD + ANY_OF.replace(
            '  { metric = "psych_teachers_total", op = ">=", value = 1, unit = "persons", per = "standing" },\n', ""), SOURCE)


DUTIES = """
[[requirements]]
id = "test_c24.other.parent-schools"
domain = "other"
level = "required"
text = { zh = "社区家长学校", en = "parent schools in communities" }
duty_holders = [{ actor = "women_federation", role = "lead" }, { actor = "education_authority", role = "lead" },
                { actor = "community", role = "responsible" }]
citation = { jurisdiction = "test_c24", document = "契〔2026〕1号", clause = "三", quote = "家长学校" }
"""


def test_duty_holders_with_roles_load_list_and_round_trip():
    registry = registry_for(DUTIES)
    assert [str(e) for e in check_all(registry, ["test_c24"])[0]] == []
    req = registry.get("test_c24").plugin.requirements[0]
    assert req.duty_holder == "women_federation"  # the first lead
    item = checklist_for(registry, "test_c24")["items"][0]
    assert item["duty_holder"] == "women_federation" and item["assessed_at"] == "region"
    assert [(d["actor"], d["role"]) for d in item["duty_holders"]] == [
        ("women_federation", "lead"), ("education_authority", "lead"), ("community", "responsible")]
    assert item["duty_holders"][2]["label"] == {"zh": "城乡社区", "en": "urban and rural communities"}
    exported = requirement_to_dict(req)
    assert "duty_holder" not in exported and len(exported["duty_holders"]) == 3
    assert requirement_from_dict(exported) == req
    validate_against_schema(checklist_for(registry, "test_c24"))


def test_one_duty_holder_is_listed_as_the_lead():
    item = checklist_for(registry_for(ANY_OF), "test_c24")["items"][0]
    assert item["duty_holders"] == [{"actor": "school", "role": "lead", "label": {"zh": "学校", "en": "the school"}}]


@pytest.mark.parametrize(("change", "message"), [
    ('duty_holders = [{ actor = "community", role = "responsible" }]', "no lead unit"),
    ('duty_holder = "school"\nduty_holders = [{ actor = "community", role = "lead" }]', "not both"),
    ('duty_holders = [{ actor = "comunity", role = "lead" }]', "did you mean 'community'"),
    ('duty_holders = [{ actor = "community", role = "leader" }]', "duty-holder role"),
])
def test_malformed_duty_holders_are_refused(change, message):
    rules = DUTIES.split("duty_holders = ")[0] + change + "\n" + DUTIES.split("\n", 1)[1].split(
        '{ actor = "community", role = "responsible" }]\n', 1)[1]
    with pytest.raises(Exception, match=message):
        TomlPlugin(HEAD + rules, SOURCE)


def test_reports_show_the_duty_holder_of_every_region_finding(tmp_path, run):
    from xinli.core.records.database import open_database
    from xinli.core.records.report import report_data
    from xinli.core.render.report import render_report_markdown

    registry = registry_for(DUTIES)
    facts = tmp_path / "facts.csv"
    facts.write_text("school_id,school_name,grades\nA,甲,1-6\n", encoding="utf-8")
    assess(registry, "test_c24", facts, tmp_path / "r.db", dt.date(2026, 6, 1))
    data = report_data(open_database(tmp_path / "r.db", create=False))
    assert [f["duty_holder"] for f in data["region_findings"]] == ["women_federation"]
    assert "责任主体: 妇联" in render_report_markdown(data, "zh")
    assert "duty holder: Women's Federation" in render_report_markdown(data, "en")


KINDS = """
[[requirements]]
id = "test_c24.curriculum.kindergarten"
domain = "curriculum"
level = "required"
duty_holder = "school"
school_kinds = ["kindergarten"]
text = { zh = "幼儿园开展心理健康活动", en = "kindergartens hold mental-health activities" }
check = { metric = "awareness_month_held", op = "true", per = "per_year" }
citation = { jurisdiction = "test_c24", document = "契〔2026〕1号", clause = "四", quote = "幼儿园" }

[[requirements]]
id = "test_c24.staffing.special"
domain = "staffing"
level = "required"
duty_holder = "school"
school_kinds = ["special", "vocational"]
text = { zh = "特殊教育学校和中职配专职教师", en = "special and vocational schools have a full-time teacher" }
check = { metric = "fulltime_psych_teachers", op = ">=", value = 1, unit = "persons", per = "standing" }
citation = { jurisdiction = "test_c24", document = "契〔2026〕1号", clause = "五", quote = "幼儿园" }
"""


def test_items_name_school_kinds_and_grades_reach_kindergartens_and_universities(tmp_path):
    registry = registry_for(KINDS)
    assert [str(e) for e in check_all(registry, ["test_c24"])[0]] == []
    items = {i["id"]: i for i in checklist_for(registry, "test_c24")["items"]}
    assert items["test_c24.curriculum.kindergarten"]["grades"] == [-2, -1, 0]  # K1-K3, from the kind
    assert items["test_c24.staffing.special"]["school_kinds"] == ["vocational", "special"]
    validate_against_schema(checklist_for(registry, "test_c24"))
    got = run_assess(registry, tmp_path, (
        "school_id,school_name,grades,vocational,special_education,awareness_month_held,fulltime_psych_teachers\n"
        "K,幼,幼儿园,,,是,\n"
        "P,小,1-6,,,是,0\n"
        "S,特,1-9,,是,,0\n"
        "V,职,10-12,是,,,1\n"
        "U,大,U1-U4,,,是,0\n"
    ))
    kg, special = "test_c24.curriculum.kindergarten", "test_c24.staffing.special"
    assert got[("K", kg)][0] == "met" and got[("P", kg)] == ("not_applicable", "school kind")
    assert got[("U", kg)] == ("not_applicable", "school kind")
    assert got[("S", special)][0] == "not_met" and got[("V", special)][0] == "met"
    assert got[("P", special)] == ("not_applicable", "school kind")
    again = TomlPlugin(export_rules_toml(registry, "test_c24"), SOURCE)
    assert sorted(again.requirements, key=str) == sorted(registry.get("test_c24").plugin.requirements, key=str)


def test_a_vocational_school_is_outside_henans_notice_never_failed(tmp_path, run):
    from xinli.core.assessment.facts import columns_for
    from xinli.core.assessment.metrics import collect_metrics

    registry = load_registry(["henan"])
    checklist = checklist_for(registry, "henan")
    assert {tuple(i["document_school_kinds"]) for i in checklist["items"]} == {("primary", "junior", "senior")}
    columns = columns_for(checklist, collect_metrics(registry))
    assert "vocational" in columns.attributes
    header = ["school_id", "school_name", "grades", "vocational"]
    facts = tmp_path / "facts.csv"
    facts.write_text(",".join(header) + "\nV,职业学校,10-12,是\nG,普通高中,10-12,否\nK,幼儿园,幼儿园,\n", encoding="utf-8")
    assess(registry, "henan", facts, tmp_path / "h.db", dt.date(2026, 6, 1))
    got = findings(tmp_path / "h.db")
    vocational = {req: found for (school, req), found in got.items() if school == "V"}
    assert vocational and set(vocational.values()) == {("not_applicable", "outside the document")}
    assert {found for (school, _req), found in got.items() if school == "K"} == {("not_applicable", "outside the document")}
    general = {found[0] for (school, _req), found in got.items() if school == "G"}
    assert "not_applicable" in general and general - {"not_applicable"}  # the general school is assessed
    stage = run("checklist", "--region", "henan", "--stage", "vocational", "--plugins", "henan")
    assert stage.exit_code == 0
    assert "教基〔2021〕330号 适用于小学、初中、普通高中，不适用于中职" in stage.output
    assert "henan." not in stage.output.split("提示", 1)[1]
    en = run("checklist", "--region", "henan", "--stage", "senior", "--plugins", "henan", "--lang", "en")
    assert "covers" not in en.output and "henan." in en.output
    exported = TomlPlugin(export_rules_toml(registry, "henan"))
    assert exported.jurisdiction.school_kinds == ("primary", "junior", "senior")
    from xinli.core.render.words import detail_words

    assert detail_words("outside the document", "zh") == "学校类别不在本文件适用范围内"


REGION = """
[[requirements]]
id = "test_c24.other.parent-schools-urban"
domain = "other"
level = "required"
duty_holders = [{ actor = "women_federation", role = "lead" }, { actor = "community", role = "responsible" }]
text = { zh = "90%的城市社区建立家长学校", en = "parent schools in 90% of urban communities" }
check = { metric = "urban_communities_with_parent_school", op = ">=", value = "9/10", count_per = "region", scope = "jurisdiction" }
citation = { jurisdiction = "test_c24", document = "契〔2026〕1号", clause = "六", quote = "家长学校" }

[[requirements]]
id = "test_c24.referral.psychiatrists"
domain = "referral"
level = "required"
duty_holder = "health_authority"
text = { zh = "每10万人口精神科医师不少于3.8名", en = "at least 3.8 psychiatrists per 100,000 people" }
check = { metric = "psychiatrists_per_100k", op = ">=", value = 3.8, count_per = "region", scope = "each_subregion" }
citation = { jurisdiction = "test_c24", document = "契〔2026〕1号", clause = "七", quote = "精神科医师" }

[[requirements]]
id = "test_c24.other.awareness"
domain = "other"
level = "required"
duty_holder = "education_authority"
scope = "jurisdiction"
text = { zh = "全省学生心理健康知识知晓率达到90%", en = "90% of the province's students know the basics of mental health" }
citation = { jurisdiction = "test_c24", document = "契〔2026〕1号", clause = "八", quote = "社区" }

[[metrics]]
key = "urban_communities_with_parent_school"
label = { zh = "建立家长学校的城市社区", en = "urban communities with a parent school" }
type = "number"
unit = "share"
reported_by = "region"
measure = "share"
population = { zh = "城市社区", en = "urban communities" }

[[metrics]]
key = "psychiatrists_per_100k"
label = { zh = "每10万人口精神科医师数", en = "psychiatrists per 100,000 people" }
type = "number"
reported_by = "region"
measure = "per_population"
population = { zh = "常住人口", en = "resident population" }
per = 100000
"""


def test_region_reported_metrics_in_the_checklist_template_and_round_trip():
    from xinli.core.assessment.facts import columns_for
    from xinli.core.assessment.metrics import collect_metrics

    registry = registry_for(REGION)
    assert [str(e) for e in check_all(registry, ["test_c24"])[0]] == []
    checklist = checklist_for(registry, "test_c24")
    items = {i["id"]: i for i in checklist["items"]}
    share = items["test_c24.other.parent-schools-urban"]
    assert share["assessed_at"] == "region" and share["scope"] == "jurisdiction"
    assert share["check"]["reported_by"] == "region" and share["check"]["measure"] == "share"
    assert share["check"]["population"] == {"zh": "城市社区", "en": "urban communities"}
    ratio = items["test_c24.referral.psychiatrists"]["check"]
    assert (ratio["measure"], ratio["per_population"]) == ("per_population", 100000)
    assert items["test_c24.other.awareness"]["scope"] == "jurisdiction"
    validate_against_schema(checklist)
    columns = columns_for(checklist, collect_metrics(registry))
    assert columns.metrics == []  # schools are never asked for the region's figures
    again = TomlPlugin(export_rules_toml(registry, "test_c24"), SOURCE)
    original = registry.get("test_c24").plugin
    assert again.metrics == original.metrics
    assert sorted(again.requirements, key=str) == sorted(original.requirements, key=str)


@pytest.mark.parametrize(("value", "status"), [
    ("9/10", "met"), ("45/50", "met"), (0.9, "met"), ("44/50", "not_met"), (0.89, "not_met"), (None, "unknown")])
def test_judging_a_region_share(value, status):
    from xinli.core.assessment.metrics import judge_region_figure

    registry = registry_for(REGION)
    check = {i["id"]: i for i in checklist_for(registry, "test_c24")["items"]}["test_c24.other.parent-schools-urban"]["check"]
    assert judge_region_figure(check, value)[0] == status


def test_judging_a_ratio_per_population_and_refusing_nonsense():
    from xinli.core.assessment.metrics import judge_region_figure

    registry = registry_for(REGION)
    check = {i["id"]: i for i in checklist_for(registry, "test_c24")["items"]}["test_c24.referral.psychiatrists"]["check"]
    assert judge_region_figure(check, 3.8) == ("met", "3.8")
    assert judge_region_figure(check, (38, 1_000_000)) == ("met", "3.8")  # 38 psychiatrists for a million people
    assert judge_region_figure(check, (37, 1_000_000))[0] == "not_met"
    assert judge_region_figure(check, 3.79, optional=True)[0] == "not_adopted"
    for bad in ("many", -1, (1, 0)):
        with pytest.raises(ValueError):
            judge_region_figure(check, bad)


def test_region_figures_are_manual_until_given_and_province_targets_stay_out_of_a_county(tmp_path):
    county = TomlPlugin("""
[jurisdiction]
code = "test_c24_county"
level = "county"
name = { zh = "契约县", en = "Contract County" }
ancestors = [{ code = "test_c24_city", name = { zh = "契约市", en = "Contract City" }, level = "city" }, { code = "test_c24" }]

[[jurisdiction.documents]]
number = "契县〔2026〕1号"
date = "2026-02-01"
title = { zh = "契约县文件", en = "county document" }
issuer = { zh = "契约县教育局", en = "county bureau" }
""", "", "test_c24_county/rules.toml")
    registry = load_registry([], extra=[("test_c24", TomlPlugin(HEAD + REGION, SOURCE, "test_c24/rules.toml")),
                                        ("test_c24_county", county)])
    facts = tmp_path / "facts.csv"
    facts.write_text("school_id,school_name,grades\nA,甲,1-6\n", encoding="utf-8")
    assess(registry, "test_c24_county", facts, tmp_path / "county.db", dt.date(2026, 6, 1))
    got = findings(tmp_path / "county.db")
    assert got[(None, "test_c24.other.awareness")][0] == "not_applicable"  # the province's target, not the county's
    assert "measured at province level" in got[(None, "test_c24.other.awareness")][1]
    assert got[(None, "test_c24.other.parent-schools-urban")][0] == "not_applicable"
    assert got[(None, "test_c24.referral.psychiatrists")] == ("manual", "reported by the region")
    assess(registry, "test_c24", facts, tmp_path / "province.db", dt.date(2026, 6, 1))
    province = findings(tmp_path / "province.db")
    assert province[(None, "test_c24.other.awareness")][0] == "manual"
    assert province[(None, "test_c24.other.parent-schools-urban")] == ("manual", "reported by the region")


@pytest.mark.parametrize(("change", "message"), [
    ('value = "9/10", count_per = "region"', None),
    ('value = 90, count_per = "region"', "is a share"),
    ('value = "9/10"', "its check is a region target"),
])
def test_plugins_check_judges_checks_on_region_figures(change, message):
    rules = REGION.replace('value = "9/10", count_per = "region"', change, 1).replace(', scope = "jurisdiction" }', " }", 1)
    registry = registry_for(rules)
    errors = [str(e) for e in check_all(registry, ["test_c24"])[0]]
    assert errors == [] if message is None else any(message in e for e in errors), errors


TEACHERS = """
[[requirements]]
id = "test_c24.staffing.any-teacher"
domain = "staffing"
level = "required"
duty_holder = "school"
text = { zh = "专兼职教师不少于1名", en = "at least one full- or part-time teacher" }
check = { metric = "psych_teachers_total", op = ">=", value = 1, unit = "persons", per = "standing" }
citation = { jurisdiction = "test_c24", document = "契〔2026〕1号", clause = "一", quote = "专（兼）职" }

[[requirements]]
id = "test_c24.staffing.fulltime"
domain = "staffing"
level = "required"
duty_holder = "school"
text = { zh = "专职教师不少于1名", en = "at least one full-time teacher" }
check = { metric = "fulltime_psych_teachers", op = ">=", value = 1, unit = "persons", per = "standing" }
citation = { jurisdiction = "test_c24", document = "契〔2026〕1号", clause = "一", quote = "专（兼）职" }
"""


def test_a_declared_relation_fills_a_floor_and_refuses_impossible_facts(tmp_path):
    from xinli.core.errors import FactsError

    registry = registry_for(TEACHERS)
    header = "school_id,school_name,grades,fulltime_psych_teachers,psych_teachers_total\n"
    got = run_assess(registry, tmp_path, header + "A,甲,1-6,1,\nB,乙,1-6,0,\nC,丙,1-6,,\nD,丁,1-6,1,1\n")
    total = "test_c24.staffing.any-teacher"
    assert got[("A", total)][0] == "met"  # total blank, but one full-time teacher: at least one in all
    assert got[("B", total)][0] == "unknown" and got[("C", total)][0] == "unknown"
    assert got[("D", total)][0] == "met"
    bad = tmp_path / "bad.csv"
    bad.write_text(header + "A,甲,1-6,2,1\n", encoding="utf-8")
    with pytest.raises(FactsError) as caught:
        assess(registry, "test_c24", bad, tmp_path / "bad.db", dt.date(2026, 6, 1))
    problem = caught.value.problems[0]
    assert (problem.row, problem.column) == (2, "psych_teachers_total")
    assert "fulltime_psych_teachers <= psych_teachers_total" in problem.reason
    assert not (tmp_path / "bad.db").exists()


def test_a_region_target_naming_kinds_counts_only_those_schools(tmp_path):
    target = """
[[requirements]]
id = "test_c24.other.vocational-rooms"
domain = "other"
level = "required"
duty_holder = "education_authority"
school_kinds = ["vocational"]
text = { zh = "中职学校心理辅导室全覆盖", en = "every vocational school has a counseling room" }
check = { metric = "has_counseling_room", op = ">=", value = "1/1", count_per = "region", scope = "each_subregion" }
citation = { jurisdiction = "test_c24", document = "契〔2026〕1号", clause = "四", quote = "幼儿园" }
"""
    registry = registry_for(target)
    assert [str(e) for e in check_all(registry, ["test_c24"])[0]] == []
    header = "school_id,school_name,grades,vocational,has_counseling_room\n"
    got = run_assess(registry, tmp_path, header + "V,职,10-12,是,是\nG,普,10-12,否,否\nP,小,1-6,,否\n")
    assert got[(None, "test_c24.other.vocational-rooms")][0] == "met"  # 1 of 1 vocational school; the others are outside
    (tmp_path / "runs.db").unlink()
    got = run_assess(registry, tmp_path, header + "V,职,10-12,是,否\nW,职二,10-12,是,是\nG,普,10-12,否,是\n")
    assert got[(None, "test_c24.other.vocational-rooms")][0] == "not_met"  # 1 of 2
