"""Words a newcomer met that misled (issue 24): shares printed like head
counts, "at least 1 persons", a 0% share "met" for an encouraged item,
nested 《》 in titles, a quote from a secondary copy that could not be
marked as such, a roll-up header listing every installed plugin."""

from __future__ import annotations

import datetime as dt

import pytest
import tomli_w

from xinli.core.model import Citation
from xinli.core.registry import load_plugins
from xinli.core.render.markdown import amount_text, check_text, share_text
from xinli.core.render.words import expected_words
from xinli.core.rules.toml_plugin import TomlPlugin
from xinli.core.rules.validate import plugin_notes
from xinli.core.views.checklist import build_checklist
from xinli.core.vocabulary import book_title


@pytest.mark.parametrize(("value", "text"), [("9/10", "90%"), ("1/2", "50%"), ("1/1", "100%"), ("3/8", "37.5%"),
                                              ("1/3", "1/3"), (12, None), ("12", None)])
def test_a_share_prints_as_a_percentage(value, text):
    assert share_text(value) == text


def test_shares_in_checks_and_stored_expectations_read_as_percentages():
    check = {"metric": "psych_teachers_total", "op": ">=", "value": "9/10", "unit": "persons", "per": None,
             "count_per": "region"}
    zh = check_text(check, "zh", {"psych_teachers_total": {"zh": "教师数", "en": "teachers"}})
    assert zh.startswith("教师数 不少于 90%") and "9/10" not in zh and "人" not in zh
    assert expected_words(">= 9/10 persons", "zh") == "不少于 90%"
    assert expected_words(">= 9/10 persons", "en") == "at least 90%"
    assert expected_words(">= 1/2 share per_school_year", "zh") == "不少于 50%，每学年"


def test_one_of_a_unit_is_singular_in_english():
    assert amount_text(1, "persons", "en") == "1 person" and amount_text(2, "persons", "en") == "2 persons"
    assert expected_words(">= 1 persons", "en") == "at least 1 person"
    assert expected_words(">= 1 persons", "zh") == "不少于 1 人"
    assert expected_words(">= 12 lessons per_semester", "en") == "at least 12 lessons, per semester"


@pytest.mark.parametrize(("title", "printed"), [
    ("关于印发《四川省中小学心理健康教育行动方案》的通知", "《关于印发〈四川省中小学心理健康教育行动方案〉的通知》"),
    ("《关于印发《方案》的通知》", "《关于印发〈方案〉的通知》"),
    ("《方案》", "《方案》"),
    ("普通标题", "《普通标题》"),
    ("《甲》与《乙》", "《〈甲〉与〈乙〉》"),
])
def test_an_inner_title_prints_in_angle_brackets(title, printed):
    assert book_title(title) == printed


QUOTE = "每学期心理健康课不少于8课时"


def _plugin(secondary: str | None) -> TomlPlugin:
    citation = {"jurisdiction": "t_sec", "document": "测〔2024〕1号", "clause": "一", "quote": QUOTE}
    if secondary:
        citation["secondary_source"] = secondary
    data = {
        "jurisdiction": {"code": "t_sec", "name": {"zh": "测试省", "en": "Test"}, "level": "province",
                         "documents": [{"number": "测〔2024〕1号", "title": {"zh": "测试", "en": "test"},
                                        "issuer": {"zh": "测试机关", "en": "issuer"}, "date": "2024-01-01"}]},
        "requirements": [{"id": "t_sec.curriculum.lessons", "domain": "curriculum", "text": {"zh": QUOTE, "en": "lessons"},
                          "level": "required", "duty_holder": "school", "citation": citation}],
    }
    return TomlPlugin(tomli_w.dumps(data), QUOTE + "。")


def test_a_quote_can_say_it_comes_from_a_secondary_source():
    with pytest.raises(ValueError):
        Citation("t_sec", "测〔2024〕1号", "一", QUOTE, secondary_source="  ")
    registry = load_plugins(entry_points=[], rules_path=(), extra=[("t_sec", _plugin("人民网 2023-05-12 转载"))])
    (item,) = build_checklist(registry, "t_sec")["items"]
    assert item["citation"]["secondary_source"] == "人民网 2023-05-12 转载"
    (note,) = [n for n in plugin_notes(registry, "t_sec") if n.item == "t_sec.curriculum.lessons"]
    assert "secondary source (人民网 2023-05-12 转载)" in note.reason and "转引来源" in note.reason_zh
    plain = load_plugins(entry_points=[], rules_path=(), extra=[("t_sec", _plugin(None))])
    assert "secondary_source" not in build_checklist(plain, "t_sec")["items"][0]["citation"]
    assert plugin_notes(plain, "t_sec") == []


def test_plugins_check_shows_the_secondary_source(run, tmp_path):
    folder = tmp_path / "rules" / "t_sec"
    folder.mkdir(parents=True)
    plugin = _plugin("人民网 2023-05-12 转载")
    from xinli.core.rules.toml_export import export_rules_toml

    registry = load_plugins(entry_points=[], rules_path=(), extra=[("t_sec", plugin)])
    (folder / "rules.toml").write_text(export_rules_toml(registry, "t_sec"), encoding="utf-8")
    (folder / "source.txt").write_text(QUOTE + "。", encoding="utf-8")
    result = run("--rules", str(tmp_path / "rules"), "plugins", "check", "t_sec")
    assert "人民网 2023-05-12 转载" in result.output and "转引来源" in result.output


def test_an_encouraged_item_never_shows_a_share_met(tmp_path):
    from xinli.core.assessment.pipeline import assess
    from xinli.core.records.database import open_database
    from xinli.core.records.report import report_data

    data = {
        "jurisdiction": {"code": "t_enc", "name": {"zh": "测试省", "en": "Test"}, "level": "province",
                         "documents": [{"number": "测〔2024〕1号", "title": {"zh": "测试", "en": "test"},
                                        "issuer": {"zh": "测试机关", "en": "issuer"}, "date": "2024-01-01"}]},
        "requirements": [{"id": "t_enc.curriculum.lessons", "domain": "curriculum", "text": {"zh": QUOTE, "en": "lessons"},
                          "level": "encouraged", "duty_holder": "school",
                          "citation": {"jurisdiction": "t_enc", "document": "测〔2024〕1号", "clause": "一", "quote": QUOTE},
                          "check": {"metric": "psych_lessons_per_semester", "op": ">=", "value": 8, "unit": "lessons",
                                    "per": "per_semester"}}],
    }
    registry = load_plugins(entry_points=[], rules_path=(), extra=[("t_enc", TomlPlugin(tomli_w.dumps(data), QUOTE))])
    facts = tmp_path / "facts.csv"
    facts.write_text("school_id,school_name,grades,psych_lessons_per_semester\nA,甲校,1-6,\nB,乙校,1-6,\n", encoding="utf-8")
    assess(registry, "t_enc", facts, tmp_path / "r.db", dt.date(2026, 11, 1))
    db = open_database(tmp_path / "r.db")
    (req,) = [r for r in report_data(db)["requirements"] if r["requirement_id"] == "t_enc.curriculum.lessons"]
    assert req["share_met"] is None


def test_the_rollup_header_lists_the_chain_plugins_only(tmp_path):
    from fixture_plugins import rollup_plugins
    from test_rollup import county_db

    from xinli.core.assessment.rollup import rollup
    from xinli.core.records.database import open_database
    from xinli.core.records.rollup import rollup_report_data

    registry = load_plugins(entry_points=[], extra=rollup_plugins())
    for code in registry.available:
        registry.find(code)  # every plugin loaded, as a listing command would
    source = county_db(registry, "test_rx1", tmp_path / "src")
    rollup(registry, "test_rc", tmp_path / "city.db", [source], as_of=dt.date(2026, 11, 1))
    data = rollup_report_data(open_database(tmp_path / "city.db"))
    assert sorted(data["rollup"]["plugins"]) == ["test_rc", "test_rp"]
