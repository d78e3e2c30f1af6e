"""docs/rules-format.md: the complete example loads from a rules folder,
layers over Henan past an ancestor nobody installed, passes ``plugins
check``, exports with its metric, and assesses."""

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
    assert sorted(example_files()) == ["rules.toml", "source.txt"]


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
