"""Verdicts a school can trust (issue 11), across the engine: conditions
that combine with all/any/not, the stage mix worked out from grades,
events, grade-scoped checks, who is assessed, optional items never failed,
manual items once per run, attestations, and `plugins check` refusing a
check scoped outside its item's grades."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from xinli.core import vocabulary as vocab
from xinli.core.assessment.pipeline import assess
from xinli.core.model import Condition, ConditionGroup, Requirement, evaluate_conditions
from xinli.core.rules.toml_export import requirement_to_dict
from xinli.core.rules.toml_plugin import TomlPlugin, requirement_from_dict
from xinli.core.rules.validate import check_all
from xinli.testing import load_registry

RULES = """
[jurisdiction]
code = "test_v2"
level = "province"

[jurisdiction.name]
zh = "验证省"
en = "Verdict Province"

[[jurisdiction.documents]]
number = "验〔2026〕1号"
date = "2026-01-01"

[jurisdiction.documents.title]
zh = "验证文件"
en = "test document"

[jurisdiction.documents.issuer]
zh = "验证厅"
en = "test office"

[[requirements]]
id = "test_v2.staffing.fulltime"
domain = "staffing"
level = "required"
duty_holder = "school"
applies_if = [
    { any = [
        { all = [{ attribute = "boarding", op = "==", value = true }, { attribute = "enrollment", op = ">", value = 200 }] },
        { attribute = "enrollment", op = ">", value = 1000 },
    ] },
]
text.zh = "寄宿制学校学生人数超过200人、中小学校学生人数超过1000人的，至少配备1名专职"
text.en = "a full-time teacher where boarding > 200 or > 1000 students"
check = { metric = "fulltime_psych_teachers", op = ">=", value = 1, unit = "persons", per = "standing" }
citation = { jurisdiction = "test_v2", document = "验〔2026〕1号", clause = "一", quote = "至少配备1名专职" }

[[requirements]]
id = "test_v2.curriculum.nine-year"
domain = "curriculum"
level = "required"
duty_holder = "school"
applies_if = [{ attribute = "school_kind", op = "==", value = "nine_year" }]
text = { zh = "九年一贯制学校", en = "nine-year schools" }
check.metric = "psych_lessons_per_semester"
check.op = ">="
check.value = 8
check.unit = "lessons"
check.per = "per_semester"
check.count_per = "class"
check.grades = [7, 8, 9]
citation = { jurisdiction = "test_v2", document = "验〔2026〕1号", clause = "二", quote = "九年一贯制" }

[[requirements]]
id = "test_v2.other.after-incident"
domain = "other"
level = "required"
duty_holder = "school"
event = "crisis_incident"
text = { zh = "事件后复盘", en = "review after an incident" }
check = { metric = "crisis_plan_in_place", op = "true", unit = "flag", per = "standing" }
citation = { jurisdiction = "test_v2", document = "验〔2026〕1号", clause = "三", quote = "事件后" }

[[requirements]]
id = "test_v2.other.mailbox"
domain = "other"
level = "encouraged"
duty_holder = "school"
text = { zh = "鼓励设立心理信箱", en = "a mailbox is encouraged" }
check = { metric = "psych_mailbox", op = "true", unit = "flag", per = "standing" }
citation = { jurisdiction = "test_v2", document = "验〔2026〕1号", clause = "四", quote = "鼓励" }

[[requirements]]
id = "test_v2.other.manual-a"
domain = "other"
level = "required"
duty_holder = "school"
text = { zh = "人工核查一", en = "checked by hand, one" }
citation = { jurisdiction = "test_v2", document = "验〔2026〕1号", clause = "五", quote = "人工" }

[[requirements]]
id = "test_v2.other.manual-optional"
domain = "other"
level = "permitted"
duty_holder = "school"
text = { zh = "可以", en = "may" }
citation = { jurisdiction = "test_v2", document = "验〔2026〕1号", clause = "六", quote = "可以" }

[[requirements]]
id = "test_v2.other.authority"
domain = "other"
level = "required"
duty_holder = "education_authority"
text = { zh = "主管部门每年测评", en = "authority screens yearly" }
check = { metric = "psych_survey_rounds_per_year", op = ">=", value = 1, unit = "times", per = "per_year" }
citation = { jurisdiction = "test_v2", document = "验〔2026〕1号", clause = "七", quote = "测评" }
"""

SOURCE = "至少配备1名专职 九年一贯制 事件后 鼓励 人工 可以 测评"


@pytest.fixture
def v2_registry():
    return load_registry([], extra=[("test_v2", TomlPlugin(RULES, SOURCE, "test_v2/rules.toml"))])


def write(tmp_path, text, name="facts.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def findings(db, run_id=1):
    conn = sqlite3.connect(db)
    return {
        (school, req): (status, detail)
        for school, req, status, detail in conn.execute(
            "select school_id, requirement_id, status, detail from finding_details where run_id = ?", [run_id])
    }


def test_any_group_is_one_item_and_unknowns_only_count_where_they_matter():
    group = ConditionGroup("any", [ConditionGroup("all", [Condition("boarding", "==", True), Condition("enrollment", ">", 200)]),
                                   Condition("enrollment", ">", 1000)])
    values = lambda **kw: kw.get  # noqa: E731
    assert evaluate_conditions([group], values(boarding=True, enrollment=201)) is True
    assert evaluate_conditions([group], values(boarding=False, enrollment=1001)) is True
    assert evaluate_conditions([group], values(boarding=False, enrollment=900)) is False
    assert evaluate_conditions([group], values(boarding=True, enrollment=200)) is False
    assert evaluate_conditions([group], values(enrollment=1001)) is True  # boarding unknown, but > 1000 decides
    assert evaluate_conditions([group], values(enrollment=500)) is None
    assert evaluate_conditions([ConditionGroup("not", [Condition("boarding", "==", True)])], values(boarding=False)) is True


@pytest.mark.parametrize(("grades", "vocational", "kind"), [
    ((1, 2, 3, 4, 5, 6), None, "primary"), ((7, 8, 9), False, "junior"), ((10, 11, 12), False, "senior"),
    ((10, 11, 12), True, "vocational"), (tuple(range(1, 10)), None, "nine_year"), (tuple(range(7, 13)), None, "complete_secondary"),
    (tuple(range(1, 13)), None, "twelve_year"), ((1, 2, 3, 10), None, "other"),
])
def test_stage_mix_is_derived_from_grades_and_the_vocational_flag(grades, vocational, kind):
    assert vocab.school_kind(grades, vocational) == kind


def test_rules_v2_fields_round_trip_through_export(v2_registry):
    plugin = v2_registry.get("test_v2").plugin
    for req in plugin.requirements:
        assert requirement_from_dict(requirement_to_dict(req)) == req


def test_facts_template_asks_exactly_what_the_checks_and_conditions_use(v2_registry):
    from xinli.core.assessment.facts import columns_for
    from xinli.core.assessment.metrics import collect_metrics
    from xinli.testing import checklist_for

    columns = columns_for(checklist_for(v2_registry, "test_v2"), collect_metrics(v2_registry))
    assert columns.attributes == ["boarding", "enrollment", "vocational", "event_crisis_incident"]
    assert [m.key for m in columns.metrics] == ["fulltime_psych_teachers", "psych_lessons_per_semester__g7to9",
                                                "crisis_plan_in_place", "psych_mailbox", "psych_survey_rounds_per_year"]


HEADER = ("school_id,school_name,grades,boarding,enrollment,vocational,event_crisis_incident,fulltime_psych_teachers,"
          "psych_lessons_per_semester__g7to9,crisis_plan_in_place,psych_mailbox,psych_survey_rounds_per_year\n")


def test_who_is_assessed_and_how(v2_registry, tmp_path):
    facts = write(tmp_path, HEADER + (
        "A,寄宿小学,1-6,是,201,,否,0,,否,否,1\n"    # boarding > 200 without a teacher: not met; no incident: n/a
        "B,九年一贯,1-9,否,900,,是,,8,是,是,1\n"    # outside the any-group; nine-year with 8 in grades 7-9; incident, plan
        "C,完全中学,7-12,否,1001,,,1,7,,,0\n"      # > 1000 with a teacher; not nine-year; incident blank: unknown
    ))
    result = assess(v2_registry, "test_v2", facts, tmp_path / "r.db", dt.date(2026, 6, 1))
    got = findings(tmp_path / "r.db")
    assert got[("A", "test_v2.staffing.fulltime")][0] == "not_met"
    assert got[("B", "test_v2.staffing.fulltime")] == ("not_applicable", "attributes")
    assert got[("C", "test_v2.staffing.fulltime")][0] == "met"
    assert got[("B", "test_v2.curriculum.nine-year")][0] == "met"
    assert got[("C", "test_v2.curriculum.nine-year")][0] == "not_applicable"
    assert got[("A", "test_v2.curriculum.nine-year")][0] == "not_applicable"
    assert got[("A", "test_v2.other.after-incident")] == ("not_applicable", "event did not happen")
    assert got[("B", "test_v2.other.after-incident")][0] == "met"
    # blank is unknown: an event nobody filled in is not an event that did not happen (issue 20)
    assert got[("C", "test_v2.other.after-incident")] == ("unknown", "event unknown")
    assert got[("A", "test_v2.other.mailbox")][0] == "not_adopted" and got[("B", "test_v2.other.mailbox")][0] == "adopted"
    # authority duties: one row per run, never per school
    assert not any(req == "test_v2.other.authority" and school for school, req in got)
    assert got[(None, "test_v2.other.authority")][0] == "not_met"
    # a school duty checked by hand is each school's own row, unanswered without a 自查 column
    assert all(got[(school, "test_v2.other.manual-a")][0] == "manual" for school in "ABC")
    assert all(got[(school, "test_v2.other.manual-optional")][0] == "not_required" for school in "ABC")
    assert (None, "test_v2.other.manual-a") not in got
    assert result.counts.get("manual") == 3
    statuses = {status for status, _detail in got.values()}
    assert "not_met" in statuses


def test_optional_items_never_count_as_not_met_in_reports(v2_registry, tmp_path):
    from xinli.core.records.database import open_database
    from xinli.core.records.report import report_data

    facts = write(tmp_path, HEADER + "A,a,1-6,否,100,,,1,,是,否,1\n")
    assess(v2_registry, "test_v2", facts, tmp_path / "r.db", dt.date(2026, 6, 1))
    data = report_data(open_database(tmp_path / "r.db", create=False))
    (school,) = data["schools"]
    assert school["counts"]["not_met"] == 0 and school["counts"]["not_adopted"] == 1
    assert school["required_not_met"] == []
    mailbox = next(r for r in data["requirements"] if r["requirement_id"] == "test_v2.other.mailbox")
    assert mailbox["share_met"] is None and mailbox["share_adopted"] == 0.0


def test_attest_records_a_manual_check_and_the_next_run_shows_it(v2_registry, tmp_path, run, monkeypatch):
    import xinli.cli.attest as attest_module

    monkeypatch.setattr(attest_module, "load_registry", lambda plugins: v2_registry)
    db = tmp_path / "r.db"
    facts = write(tmp_path, HEADER + "A,a,1-6,否,100,,,1,,是,否,1\nB,b,1-6,否,100,,,1,,是,否,1\n")
    first = assess(v2_registry, "test_v2", facts, db, dt.date(2026, 6, 1))
    result = run("attest", "--db", str(db), "--region", "test_v2", "--school", "A", "--requirement", "test_v2.other.manual-a",
                 "--by", "县教育局督导室", "--on", "2026-05-20", "--result", "met", "--evidence", "查阅台账")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("已记录第1条人工核查：学校 A，条目 test_v2.other.manual-a，结论：符合"), result.output
    second = assess(v2_registry, "test_v2", facts, db, dt.date(2026, 6, 1))
    assert second.created and second.run_id != first.run_id  # a new attestation is a new run
    got = findings(db, second.run_id)
    assert got[("A", "test_v2.other.manual-a")] == ("met", "attested by 县教育局督导室 on 2026-05-20: 查阅台账")
    assert got[("B", "test_v2.other.manual-a")] == ("manual", None)
    assert (None, "test_v2.other.manual-a") not in got
    conn = sqlite3.connect(db)
    sources = dict(conn.execute("select school_id, provenance from finding_details where run_id = ? "
                                "and requirement_id = 'test_v2.other.manual-a'", [second.run_id]).fetchall())
    assert sources == {"A": "verified", "B": "unanswered"}
    manual_rows = conn.execute("select count(*) from finding_details where run_id = ? and status = 'manual' "
                               "and school_id is not null", [second.run_id]).fetchone()[0]
    manual_items = sum(1 for r in v2_registry.get("test_v2").plugin.requirements
                       if r.check is None and r.school_duty and r.level not in vocab.OPTIONAL_LEVELS)
    assert manual_rows == 2 * manual_items - 1  # every school's own row, less the one attested
    # refused: an item with a machine check, personal data in who checked; the database is unchanged
    before = db.read_bytes()
    for args in (["--requirement", "test_v2.staffing.fulltime", "--by", "督导室"],
                 ["--requirement", "test_v2.other.manual-a", "--by", "13812345678"]):
        bad = run("attest", "--db", str(db), "--region", "test_v2", "--school", "A", "--result", "met", *args)
        assert bad.exit_code == 2, bad.output
    assert db.read_bytes() == before


def test_plugins_check_rejects_a_check_scoped_to_grades_the_item_does_not_cover():
    bad = RULES.replace('applies_if = [{ attribute = "school_kind", op = "==", value = "nine_year" }]',
                        'grades = [1, 2, 3, 4, 5, 6]\napplies_if = [{ attribute = "school_kind", op = "==", value = "nine_year" }]')
    registry = load_registry([], extra=[("test_v2", TomlPlugin(RULES, SOURCE, "ok"))])
    assert check_all(registry)[0] == []
    with pytest.raises(Exception, match="the check measures grades \\[7, 8, 9\\] the item does not cover"):
        TomlPlugin(bad, SOURCE, "bad/rules.toml")


def test_plugins_check_names_the_item_whose_check_leaves_its_grades():
    import attrs

    plugin = TomlPlugin(RULES, SOURCE, "ok")
    req = next(r for r in plugin.requirements if r.id == "test_v2.curriculum.nine-year")
    # a plugin built in Python can bypass the model's own check; `plugins check` still catches it
    broken = attrs.evolve(req, grades=(7, 8, 9))
    object.__setattr__(broken, "grades", (1, 2))
    plugin.requirements = [broken if r is req else r for r in plugin.requirements]
    registry = load_registry([], extra=[("test_v2", plugin)])
    errors, _warnings = check_all(registry)
    assert any(p.item == "test_v2.curriculum.nine-year" and "the item does not cover" in p.reason for p in errors)


def test_conditions_on_unknown_attributes_are_rejected_by_plugins_check():
    bad = RULES.replace('{ attribute = "enrollment", op = ">", value = 1000 }', '{ attribute = "castles", op = ">", value = 1 }')
    registry = load_registry([], extra=[("test_v2", TomlPlugin(bad, SOURCE, "bad"))])
    errors, _warnings = check_all(registry)
    assert any("'castles', neither a school attribute nor a registered metric" in p.reason for p in errors)


def test_requirement_is_model_level_typed():
    with pytest.raises(ValueError, match="event"):
        Requirement(id="x.other.y", domain="other", text=("甲", "a"), level="required", duty_holder="school",
                    citation=TomlPlugin(RULES, SOURCE).requirements[0].citation, event="meteor")


def test_a_school_whose_scope_is_unknown_leaves_a_region_finding_unknown_not_met(tmp_path):
    from compliance import verdict

    from xinli.core.registry import load_plugins
    from xinli.core.views.checklist import build_checklist

    registry = load_plugins(only=["sichuan_quxian"])
    checklist = build_checklist(registry, "sichuan_quxian")
    item = "sichuan_quxian.staffing.area-centre-posts"
    assert verdict(registry, checklist, item, "1-6", {"area_fulltime_psych_posts": 0}) == ("region", "unknown")


def test_plugins_check_command_rejects_a_check_scoped_outside_its_items_grades(run, monkeypatch):
    from importlib import metadata

    from xinli.core import registry as plugins_module

    installed = list(metadata.entry_points(group="xinli"))
    extra = [metadata.EntryPoint(name="test_scoped", value="scoped_fixture:PLUGIN", group="xinli")]
    monkeypatch.setattr(plugins_module.metadata, "entry_points", lambda group: installed + extra)
    result = run("plugins", "check", "--lang", "en")
    assert result.exit_code == 1
    assert "test_scoped: not loaded" in result.output
    assert "test_scoped.curriculum.junior-lessons: the check measures grades [7, 8, 9] the item does not cover" in result.output


@pytest.mark.parametrize("code", ["chongqing_dadukou", "chongqing_qijiang", "henan", "nanchang", "sichuan_quxian"])
def test_bundled_regions_manual_rows_once_per_run_and_optional_items_never_not_met(registry, checklists, tmp_path, code):
    from xinli.core.assessment.facts import columns_for
    from xinli.core.assessment.metrics import collect_metrics

    columns = columns_for(checklists[code], collect_metrics(registry))
    header = columns.names
    rows = []
    for n, grades in enumerate(["1-6", "7-9", "1-9", "10-12", "1-12"]):
        cells = {"school_id": f"S{n}", "school_name": "", "grades": grades}
        for key in header[3:]:
            metric = next((m for m in columns.metrics if m.key == key), None)
            cells[key] = "否" if metric is None or metric.type == "boolean" else "0"
        rows.append(",".join(cells.get(k, "") for k in header))
    facts = write(tmp_path, ",".join(header) + "\n" + "\n".join(rows) + "\n")
    assess(registry, code, facts, tmp_path / "r.db", dt.date(2026, 11, 1))
    conn = sqlite3.connect(tmp_path / "r.db")
    manual_rows = conn.execute("select count(*) from finding_details where status = 'manual'").fetchone()[0]
    manual_items = sum(1 for i in checklists[code]["items"] if i["check"] is None and i["level"] not in vocab.OPTIONAL_LEVELS)
    assert manual_rows <= manual_items
    optional_not_met = conn.execute(
        "select count(*) from findings f join requirements r on r.id = f.requirement "
        "where r.level in ('encouraged', 'permitted') and f.status = (select code from statuses where name = 'not_met')").fetchone()[0]
    assert optional_not_met == 0
    authority_school_rows = conn.execute(
        "select count(*) from findings f join requirements r on r.id = f.requirement "
        "where r.scope = 'region' and f.school is not null").fetchone()[0]
    assert authority_school_rows == 0
