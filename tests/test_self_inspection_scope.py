"""Issue 20 follow-ups: the 自查 columns of the facts template only for
items that apply to a kind of school the region has; a waivers file's school
ids normalised like the facts' ids."""

from __future__ import annotations

import copy
import datetime as dt

from xinli.core.assessment.facts import columns_for, template_csv
from xinli.core.assessment.metrics import collect_metrics
from xinli.core.assessment.pipeline import assess
from xinli.core.registry import load_plugins
from xinli.core.views.checklist import build_checklist
from xinli.testing import load_registry

RULES = """
[jurisdiction]
code = "t_kinds"
level = "province"
name = { zh = "类型省", en = "Kinds Province" }
school_kinds = ["primary", "junior", "senior"]

[[jurisdiction.documents]]
number = "类〔2026〕1号"
date = "2026-01-01"
title = { zh = "类型文件", en = "kinds document" }
issuer = { zh = "类型厅", en = "kinds office" }

[[requirements]]
id = "t_kinds.other.university-only"
domain = "other"
level = "required"
duty_holder = "school"
school_kinds = ["higher"]
text = { zh = "高校建立心理危机干预队伍", en = "universities have a crisis team" }
citation = { jurisdiction = "t_kinds", document = "类〔2026〕1号", clause = "一", quote = "高校建立心理危机干预队伍" }

[[requirements]]
id = "t_kinds.other.senior-and-university"
domain = "other"
level = "required"
duty_holder = "school"
school_kinds = ["senior", "higher"]
text = { zh = "高中和高校开展生命教育", en = "senior schools and universities teach life education" }
citation = { jurisdiction = "t_kinds", document = "类〔2026〕1号", clause = "二", quote = "高中和高校开展生命教育" }

[[requirements]]
id = "t_kinds.other.every-school"
domain = "other"
level = "required"
duty_holder = "school"
text = { zh = "学校建立心理档案", en = "schools keep counselling records" }
citation = { jurisdiction = "t_kinds", document = "类〔2026〕1号", clause = "三", quote = "学校建立心理档案" }
"""

SOURCE = "一、高校建立心理危机干预队伍。二、高中和高校开展生命教育。三、学校建立心理档案。"


def _rules_folder(tmp_path, kinds_line: str | None = None):
    folder = tmp_path / "rules" / "t_kinds"
    folder.mkdir(parents=True)
    rules = RULES if kinds_line is None else RULES.replace('school_kinds = ["primary", "junior", "senior"]\n', kinds_line)
    (folder / "rules.toml").write_text(rules, encoding="utf-8")
    (folder / "source.txt").write_text(SOURCE, encoding="utf-8")
    return load_plugins(only=["t_kinds"], rules_path=[str(tmp_path / "rules")])


def _self_ids(registry, region):
    checklist = build_checklist(registry, region)
    return [c.requirement_id for c in columns_for(checklist, collect_metrics(registry)).self_checks]


def test_a_rules_folder_item_for_universities_only_gets_no_self_inspection_column(tmp_path):
    registry = _rules_folder(tmp_path)
    assert _self_ids(registry, "t_kinds") == ["t_kinds.other.senior-and-university", "t_kinds.other.every-school"]
    template = template_csv(columns_for(build_checklist(registry, "t_kinds"), collect_metrics(registry)), "zh")
    assert "university-only" not in template and "自查：t_kinds.other.every-school" in template
    # the item still has its finding for every school: outside its kinds, not unanswered
    facts = tmp_path / "f.csv"
    facts.write_text("school_id,school_name,grades\nA,甲,1-6\n", encoding="utf-8")
    assess(registry, "t_kinds", facts, tmp_path / "r.db", dt.date(2026, 6, 1))
    import sqlite3
    with sqlite3.connect(tmp_path / "r.db") as conn:
        got = dict(conn.execute("select requirement_id, status from finding_details where school_id = 'A'"))
    assert got["t_kinds.other.university-only"] == "not_applicable"
    assert got["t_kinds.other.every-school"] == "manual"


def test_a_region_of_every_kind_keeps_the_university_column(tmp_path):
    registry = _rules_folder(tmp_path, kinds_line="")
    assert "t_kinds.other.university-only" in _self_ids(registry, "t_kinds")


def test_henan_covers_primary_junior_senior_and_a_university_item_gets_no_column():
    registry = load_registry(["henan"])
    checklist = build_checklist(registry, "henan")
    metrics = collect_metrics(registry)
    manual = [i for i in checklist["items"] if i["school_duty"] and not i["check"]]
    ids = [c.requirement_id for c in columns_for(checklist, metrics).self_checks]
    assert ids == [i["id"] for i in manual]  # every Henan duty is for 中小学: every one asked
    widened = copy.deepcopy(checklist)
    for kinds, suffix in ((["higher"], "u"), (["vocational", "higher"], "v"), (["senior", "higher"], "s")):
        extra = copy.deepcopy(manual[0])
        extra["id"], extra["school_kinds"] = f"{extra['id']}-{suffix}", kinds
        widened["items"].append(extra)
    ids = [c.requirement_id for c in columns_for(widened, metrics).self_checks]
    assert f"{manual[0]['id']}-s" in ids
    assert f"{manual[0]['id']}-u" not in ids and f"{manual[0]['id']}-v" not in ids


WAIVER_HEADER = "school_id,requirement_id,justification,approved_by,start,expiry\n"


def test_a_full_width_school_id_in_a_waivers_file_matches_the_facts_id(tmp_path):
    from xinli.core.assessment.waivers import read_waivers

    path = tmp_path / "waivers.csv"
    path.write_text(WAIVER_HEADER + "ＨＮ００１,henan.x,新建校区,县教育局,2026-01-01,2026-12-31\n", encoding="utf-8")
    (waiver,) = read_waivers(path, {"HN001"}, {"henan.x"})
    assert waiver.school_id == "HN001"
    toml = tmp_path / "waivers.toml"
    toml.write_text('[[waivers]]\nschool_id = " ＨＮ００１ "\nrequirement_id = "henan.x"\njustification = "新建校区"\n'
                    'approved_by = "县教育局"\nstart = 2026-01-01\nexpiry = 2026-12-31\n', encoding="utf-8")
    assert [w.school_id for w in read_waivers(toml, {"HN001"}, {"henan.x"})] == ["HN001"]


def test_a_waivers_school_id_with_a_zero_width_or_bidi_character_is_refused(tmp_path):
    import pytest

    from xinli.core.assessment.waivers import read_waivers
    from xinli.core.errors import FactsError

    for hidden in ("\u200b", "\u202e"):
        path = tmp_path / "waivers.csv"
        path.write_text(WAIVER_HEADER + f"HN0{hidden}01,henan.x,新建校区,县教育局,2026-01-01,2026-12-31\n", encoding="utf-8")
        with pytest.raises(FactsError) as raised:
            read_waivers(path, {"HN001"}, {"henan.x"})
        assert f"waivers.csv, row 2, column school_id: contains the control character U+{ord(hidden):04X}" in str(raised.value)


def test_a_full_width_waiver_waives_the_school_end_to_end(tmp_path):
    import sqlite3

    registry = load_registry(["henan"])
    checklist = build_checklist(registry, "henan")
    item = next(i for i in checklist["items"] if i["school_duty"] and not i["check"])
    facts = tmp_path / "f.csv"
    facts.write_text("school_id,school_name,grades\nHN001,甲,1-6\n", encoding="utf-8")
    waivers = tmp_path / "w.csv"
    waivers.write_text(WAIVER_HEADER + f"ＨＮ００１,{item['id']},新建校区,县教育局,2026-01-01,2026-12-31\n", encoding="utf-8")
    assess(registry, "henan", facts, tmp_path / "r.db", dt.date(2026, 6, 1), waivers_path=waivers)
    with sqlite3.connect(tmp_path / "r.db") as conn:
        (status,) = conn.execute("select status from finding_details where school_id = 'HN001' and requirement_id = ?",
                                 [item["id"]]).fetchone()
    assert status == "waived"


def test_attest_from_matches_a_full_width_school_id(tmp_path, run):
    import sqlite3
    import unicodedata

    registry = load_registry(["henan"])
    checklist = build_checklist(registry, "henan")
    item = next(i for i in checklist["items"] if i["school_duty"] and not i["check"])
    facts = tmp_path / "f.csv"
    facts.write_text("school_id,school_name,grades\nHN001,甲,1-6\n", encoding="utf-8")
    db = tmp_path / "r.db"
    assert run("assess", "-r", "henan", "--facts", str(facts), "--db", str(db), "--as-of", "2026-06-01").exit_code == 0
    wide = "ＨＮ００１"
    assert unicodedata.normalize("NFKC", wide) == "HN001" and wide != "HN001"
    checks = tmp_path / "checks.csv"
    checks.write_text(f"school_id,requirement_id,result,by,on,evidence\n{wide},{item['id']},met,县督导室,2026-05-20,台账\n",
                      encoding="utf-8")
    result = run("attest", "--db", str(db), "-r", "henan", "--from", str(checks))
    assert result.exit_code == 0, result.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("select school_id from attestations").fetchall() == [("HN001",)]
