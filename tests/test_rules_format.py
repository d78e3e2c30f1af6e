"""docs/rules-format.md: the complete example loads from a rules folder,
layers over Henan past an ancestor nobody installed, passes ``plugins
check``, exports with its metric, and assesses; the provincial plan (every
issue-24 construct) is checked, assessed for a district under a city
nobody encoded, rolled up into the province and compared with it."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path

import pytest

from xinli.core.layering import ancestry_codes
from xinli.core.registry import load_plugins
from xinli.core.rules.toml_export import export_rules_toml
from xinli.core.rules.toml_plugin import FIELDS, TomlPlugin
from xinli.core.rules.validate import check_plugin, plugin_notes, plugin_warnings
from xinli.core.views.checklist import build_checklist

DOC = Path(__file__).resolve().parent.parent / "docs" / "rules-format.md"
BLOCK = re.compile(r"^```(?P<lang>\w+) file=(?P<file>\S+)\n(?P<body>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
CODE = "demo_rules_county"


def example_files() -> dict[str, str]:
    """The page's ``file=`` blocks by file name."""
    return {m.group("file"): m.group("body") for m in BLOCK.finditer(DOC.read_text(encoding="utf-8"))}


@pytest.fixture
def rules_folder(tmp_path) -> Path:
    folder = tmp_path / "rules" / CODE
    folder.mkdir(parents=True)
    for name, body in example_files().items():
        (folder / name).write_text(body, encoding="utf-8")
    return tmp_path / "rules"


@pytest.fixture
def registry(rules_folder):
    return load_plugins(only=["henan", CODE], rules_path=[str(rules_folder)])


def test_the_page_documents_every_field_of_the_format():
    text = DOC.read_text(encoding="utf-8")
    for table, fields in FIELDS.items():
        for name in fields:
            if table != "top":
                assert f"`{name}`" in text, f"{table}.{name} is not documented"
    assert sorted(example_files()) == ["plan_district.source.txt", "plan_district.toml", "plan_province.source.txt",
                                       "plan_province.toml", "rules.toml", "source.txt"]


def test_the_example_loads_from_a_rules_folder_and_passes_plugins_check(registry):
    assert registry.problems == []
    assert registry.plugins[CODE].distribution.startswith("rules file ")
    assert [str(p) for p in check_plugin(registry, CODE)] == []
    assert plugin_warnings(registry, CODE) == []
    assert [str(n) for n in plugin_notes(registry, CODE)] == [
        f"{CODE}: parent 'demo_city' is not installed; its rules are not encoded here"]


def test_the_example_layers_over_henan_past_the_missing_city(registry):
    checklist = build_checklist(registry, CODE, dt.date(2025, 6, 1))
    items = {i["id"]: i for i in checklist["items"]}
    assert items["henan.curriculum.primary-lessons"]["source"] == CODE
    assert items["henan.curriculum.primary-lessons"]["replaces"]["jurisdiction"] == "henan"
    assert "henan.staffing.dorm-psych-monitors" not in items
    assert sum(1 for i in checklist["items"] if i["source"] == "henan") > 10
    assert [(p["code"], p["installed"]) for p in checklist["region"]["parents"]] == [
        ("demo_city", False), ("henan", True), ("national", False)]
    assert ancestry_codes(registry, CODE) == ["demo_city", "henan", "national"]
    missing = [d for d in checklist["documents"] if not d["encoded"]]
    assert missing[0]["number"] == "示市教〔2024〕3号" and missing[0]["jurisdiction"] == "demo_city"
    assert {d["jurisdiction"] for d in missing[1:]} == {"national"}  # Henan's own notice names them
    assert {w["jurisdiction"] for w in checklist["warnings"]} == {"demo_city", "national"}
    target = items[f"{CODE}.other.counseling-rooms-by-2025"]
    assert target["deadline"] == "2025-12-31" and "2025年底" in target["deadline_reading"]["zh"]
    assert target["check"]["scope"] == "jurisdiction"


def test_export_writes_the_metric_and_reloads_the_same_rules(registry):
    text = export_rules_toml(registry, CODE)
    data = tomllib.loads(text)
    assert [m["key"] for m in data["metrics"]] == ["daily_activity_minutes"]
    assert [a["code"] for a in data["jurisdiction"]["ancestors"]] == ["demo_city", "henan"]
    target = next(r for r in data["requirements"] if r["id"].endswith("counseling-rooms-by-2025"))
    assert target["deadline"] == "2025年底"
    again = TomlPlugin(text)
    original = registry.plugins[CODE].plugin
    assert sorted(r.id for r in again.requirements) == sorted(r.id for r in original.requirements)
    assert again.metrics == original.metrics and again.jurisdiction == original.jurisdiction


def test_metrics_command_lists_the_declared_metric(run, rules_folder):
    result = run("--rules", str(rules_folder), "metrics", "--region", CODE, "--plugins", f"henan,{CODE}")
    assert result.exit_code == 0, result.output
    assert "daily_activity_minutes" in result.output and "[demo_rules_county]" in result.output
    assert "psych_lessons_per_school_year" in result.output
    everything = run("metrics", "--format", "json")
    assert "fulltime_psych_teachers" in everything.output and "daily_activity_minutes" not in everything.output


def test_the_example_assesses_from_the_rules_folder(run, rules_folder, tmp_path):
    facts = tmp_path / "facts.csv"
    template = run("--rules", str(rules_folder), "facts-template", "--region", CODE, "--plugins", f"henan,{CODE}",
                   "--format", "csv", "--headers", "key")
    assert template.exit_code == 0, template.output
    header = template.output.lstrip("\ufeff").splitlines()[0].split(",")
    assert "daily_activity_minutes" in header
    rows = [",".join(header)]
    for n, rooms in enumerate(["true", "true", "true", "true", "false"], 1):
        values = {"school_id": f"S{n}", "school_name": f"学校{n}", "grades": "1-6", "has_counseling_room": rooms,
                  "daily_activity_minutes": "60", "enrollment": "500"}
        rows.append(",".join(values.get(column, "") for column in header))
    facts.write_text("\n".join(rows) + "\n", encoding="utf-8")
    db = tmp_path / "runs.db"
    result = run("--rules", str(rules_folder), "assess", "--region", CODE, "--plugins", f"henan,{CODE}",
                 "--facts", str(facts), "--db", str(db), "--as-of", "2026-01-15")
    assert result.exit_code == 0, result.output
    import sqlite3

    with sqlite3.connect(db) as conn:
        rows = dict(conn.execute(
            "select r.requirement_id, (select name from statuses where code = f.status) "
            "from findings f join requirements r on r.id = f.requirement "
            "where f.school is null").fetchall())
    assert rows[f"{CODE}.other.counseling-rooms-by-2025"] == "met"  # 4 of 5 schools: exactly 4/5


def test_the_page_lists_the_whole_duty_holder_vocabulary(run):
    from xinli.cli.vocab import duty_holders_markdown

    text = DOC.read_text(encoding="utf-8")
    block = text.split("<!-- duty-holders:", 1)[1].split("-->", 1)[1].split("<!-- /duty-holders -->", 1)[0]
    assert block.strip() == duty_holders_markdown().strip()
    from xinli.core import vocabulary as vocab

    for key in vocab.ACTORS:
        assert f"`{key}`" in block
    zh = run("vocab", "duty-holders")
    en = run("vocab", "duty-holders", "--lang", "en")
    assert zh.exit_code == 0 and en.exit_code == 0
    assert "城乡社区" in zh.output and "牵头单位" in zh.output and "lead unit" not in zh.output
    assert "urban and rural communities" in en.output and "lead unit" in en.output and "牵头单位" not in en.output


PLAN = ["demo_plan_province", "demo_plan_district"]
PLAN_FACTS = """school_id,school_name,grades,vocational,bureau_run,special_education,psych_survey_rounds_per_year,\
fulltime_psych_teachers,psych_teachers_total,licensed_psych_teachers
K1,示例幼儿园,幼儿园,,否,,,0,1,
P1,示例局属小学,1-6,,是,,,0,2,1
P2,示例小学,1-6,,否,,,0,1,1
V1,示例职业学校,10-12,是,否,,2,1,1,1
G1,示例高中,10-12,否,否,,1,1,,1
U1,示例大学,高校,,否,,2,3,5,
S1,示例特殊教育学校,1-9,,否,是,,,,
"""


@pytest.fixture
def plan_registry(rules_folder):
    return load_plugins(only=PLAN, rules_path=[str(rules_folder)])


def test_the_provincial_plan_passes_plugins_check_and_holds_every_construct(plan_registry):
    assert plan_registry.problems == []
    for code in PLAN:
        assert [str(p) for p in check_plugin(plan_registry, code)] == []
        assert [str(w) for w in plugin_warnings(plan_registry, code)] == []
    assert [str(n) for n in plugin_notes(plan_registry, "demo_plan_district")] == [
        "demo_plan_district: parent 'demo_plan_city' is not installed; its rules are not encoded here"]
    items = {i["id"]: i for i in build_checklist(plan_registry, "demo_plan_district", dt.date(2026, 1, 15))["items"]}
    staffing = items["demo_plan_province.staffing.teacher-every-school"]
    assert len(staffing["check"]["any"]) == 2 and staffing["check"]["any"][0]["when"][0]["attribute"] == "bureau_run"
    assert staffing["grades"][0] == -2 and staffing["grades"][-1] == 20  # K1 to U8
    parents = items["demo_plan_province.other.parent-schools"]
    assert [(d["actor"], d["role"]) for d in parents["duty_holders"]] == [
        ("women_federation", "lead"), ("education_authority", "responsible"), ("community", "responsible")]
    assert (parents["check"]["reported_by"], parents["check"]["measure"]) == ("region", "share")
    ratio = items["demo_plan_province.referral.psychiatrists"]["check"]
    assert (ratio["measure"], ratio["per_population"]) == ("per_population", 100000)
    assert items["demo_plan_province.other.awareness"]["scope"] == "jurisdiction"
    assert items["demo_plan_province.screening.yearly"]["source"] == "demo_plan_district"
    assert items["demo_plan_province.curriculum.university-course"]["school_kinds"] == ["higher"]
    metrics = {m.key: m for m in plan_registry.plugins["demo_plan_province"].plugin.metrics}
    assert metrics["licensed_psych_teachers"].at_most == "psych_teachers_total"


def test_the_plan_exports_and_reloads_the_same_rules(plan_registry):
    for code in PLAN:
        original = plan_registry.plugins[code].plugin
        again = TomlPlugin(export_rules_toml(plan_registry, code))
        assert sorted(again.requirements, key=str) == sorted(original.requirements, key=str)
        assert again.metrics == original.metrics and again.jurisdiction == original.jurisdiction


def test_the_plan_assesses_a_district_under_a_missing_city_rolls_up_and_compares(run, rules_folder, tmp_path):
    import json
    import sqlite3

    facts = tmp_path / "district.csv"
    facts.write_text(PLAN_FACTS, encoding="utf-8")
    template = run("--rules", str(rules_folder), "facts-template", "--region", "demo_plan_district", "--plugins", ",".join(PLAN),
                   "--format", "csv", "--headers", "key")
    header = template.output.lstrip("\ufeff").splitlines()[0]
    # the figures, then one 自查 column per school duty without a machine check (issue 20)
    assert header.startswith(PLAN_FACTS.splitlines()[0] + ",self:demo_plan_province.curriculum.university-course")
    district = tmp_path / "district.db"
    result = run("--rules", str(rules_folder), "assess", "--region", "demo_plan_district", "--plugins", ",".join(PLAN),
                 "--facts", str(facts), "--db", str(district), "--as-of", "2026-01-15", "--period", "2025")
    assert result.exit_code == 0, result.output
    with sqlite3.connect(district) as conn:
        got = {(s, r.rsplit(".", 1)[1]): (st, d) for s, r, st, d in conn.execute(
            "select school_id, requirement_id, status, detail from finding_details")}
    assert got[("K1", "teacher-every-school")][0] == "met"  # a kindergarten with a part-time teacher
    assert got[("P1", "teacher-every-school")][0] == "not_met"  # bureau-run without a full-time teacher
    assert got[("P2", "teacher-every-school")][0] == "met"  # not bureau-run, part-time only: the least convenient way
    assert got[("G1", "teacher-every-school")][0] == "met"  # total blank, one full-time teacher: a floor
    assert got[("G1", "yearly")][0] == "not_met" and got[("V1", "yearly")][0] == "met"  # the district's 2 a year
    assert got[("U1", "yearly")][0] == "met" and got[("U1", "licensed")] == ("not_applicable", "school kind")
    assert got[("K1", "yearly")] == ("not_applicable", "school kind")
    assert got[(None, "awareness")][0] == "not_applicable"  # the province's own target, not the district's
    assert got[(None, "parent-schools")] == ("manual", "reported by the region")
    # a school duty without a machine check: each university's own row, unanswered until its 自查 column is filled
    assert got[("U1", "university-course")][0] == "manual" and got[("P1", "university-course")][0] == "not_applicable"
    report = run("report", "--db", str(district), "--lang", "zh").output
    assert "责任主体: 妇联" in report and "责任主体: 卫生健康部门" in report
    rolled = tmp_path / "province.db"
    rollup = run("--rules", str(rules_folder), "rollup", "--region", "demo_plan_province", "--plugins", ",".join(PLAN),
                 "--db", str(rolled), str(district))
    assert rollup.exit_code == 0, rollup.output
    rolled_report = run("report", "--db", str(rolled), "--lang", "zh").output
    assert "demo_plan_province.other.awareness" in rolled_report and "示例区" in rolled_report
    compare = run("--rules", str(rules_folder), "compare", "demo_plan_province", "demo_plan_district",
                  "--plugins", ",".join(PLAN), "--format", "json")
    assert compare.exit_code == 0, compare.output
    different = json.loads(compare.output)["domains"]["screening"]["different"]
    assert [(d["a"]["id"], d["b"]["id"]) for d in different] == [("demo_plan_province.screening.yearly",) * 2]
    assert "更严: demo_plan_district" in run("--rules", str(rules_folder), "compare", "demo_plan_province",
                                            "demo_plan_district", "--plugins", ",".join(PLAN)).output


def test_a_university_reads_its_own_checklist(run, rules_folder):
    page = run("--rules", str(rules_folder), "checklist", "--region", "demo_plan_district", "--plugins", ",".join(PLAN),
               "--stage", "higher").output
    ids = [line.rsplit("`", 2)[1] for line in page.splitlines() if line.startswith("- [ ]")]
    assert sorted(ids) == ["demo_plan_province.curriculum.university-course", "demo_plan_province.screening.yearly",
                           "demo_plan_province.staffing.teacher-every-school"]
    assert "年级: 大学一至八年级" in page and "学校类别: 高校" in page


def test_region_share_targets_every_school_is_1_over_1_and_op_true_only_on_a_yes_no_metric():
    """"Region-level share targets" (issue 21): for every school the page writes value = "1/1"; op = "true"
    (and the metric's own unit with it) is offered on a yes/no metric only, since plugins check refuses it on a
    count -- the page and the check agree."""
    from xinli.core.model import Check, Citation, Metric, Requirement
    from xinli.core.rules.validate import check_types

    section = DOC.read_text(encoding="utf-8").split("#### Region-level share targets", 1)[1].split("####", 1)[0]
    assert 'for every school write `value = "1/1"`' in section
    assert 'On a yes/no metric only, `op = "true"`' in section
    assert 'with `op = "true"` on a yes/no metric the metric\'s own unit' in section
    count = Metric("rooms_built", ("已建辅导室数", "rooms built"), "integer", "rooms", ("间数", "how many"))
    flag = Metric("has_room", ("有辅导室", "has a room"), "boolean", None, ("是否", "yes or no"))

    def problem(metric, op, value=None, unit=None):
        cite = Citation("henan", "教基〔2021〕330号", "一", "全覆盖")
        req = Requirement("henan.other.x", "other", ("全覆盖", "every school"), "required", "education_authority", cite,
                          check=Check(metric.key, op, value, unit, "standing", "region", scope="jurisdiction"),
                          scope="jurisdiction")
        return check_types(req, metric)

    assert problem(count, ">=", "1/1") is None  # every school, on a count
    assert problem(flag, ">=", "1/1") is None
    assert problem(flag, "true") is None  # every school, on a yes/no metric
    assert "needs a yes/no metric" in problem(count, "true")
    assert "needs a yes/no metric" in problem(count, "true", unit="rooms")
    assert problem(count, ">=", "1/1", unit="rooms") is not None  # a share target counts schools, not rooms
    assert "'1/1' for every school" in problem(count, ">=", 1)
