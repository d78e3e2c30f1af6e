"""Every command through click's CliRunner."""

from __future__ import annotations

import csv
import io
import json

import pytest


def test_version_and_help(run):
    assert run("--version").output.startswith("xinli ")
    result = run("--help")
    assert result.exit_code == 0
    for command in ("regions", "show", "checklist"):
        assert command in result.output


def test_regions_json_lists_the_five(run):
    result = run("regions", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert [r["code"] for r in data] == ["chongqing_dadukou", "chongqing_qijiang", "henan", "nanchang", "sichuan_quxian"]
    henan = next(r for r in data if r["code"] == "henan")
    assert henan["level"] == "province" and henan["parent"] == "national"
    assert henan["documents"][0]["number"] == "教基〔2021〕330号"
    assert henan["distribution"] == "xinli" and henan["version"]


def test_regions_table(run):
    result = run("regions")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["代码", "名称", "级别", "上级", "文件", "发行包"]
    assert "渠府办〔2022〕129号" in result.output and "sichuan_dazhou (未安装)" in result.output
    english = run("regions", "--lang", "en").output
    assert english.splitlines()[0].split()[:2] == ["code", "name"] and "sichuan_dazhou (not installed)" in english


def test_plugins_option_limits_loading(run):
    data = json.loads(run("regions", "--format", "json", "--plugins", "henan").output)
    assert [r["code"] for r in data] == ["henan"]


def test_show_region(run):
    result = run("show", "sichuan_quxian", "--lang", "en")
    assert result.exit_code == 0
    assert "Qu County" in result.output
    assert "sichuan_dazhou (not installed)" in result.output
    assert "渠府办〔2022〕129号" in result.output
    assert "Curriculum quotas" in result.output
    assert run("show", "-r", "sichuan_quxian").output.startswith("四川省达州市渠县")


def test_show_item_prints_the_quote(run, checklists):
    item = checklists["nanchang"]["items"][0]
    result = run("show", "nanchang", "--item", item["id"], "--lang", "zh")
    assert result.exit_code == 0
    assert item["citation"]["quote"] in result.output
    assert item["citation"]["clause"] in result.output


def test_show_unknown_item_exits_2(run, english):
    result = run("show", "nanchang", "--item", "nanchang.other.nope")
    assert result.exit_code == 2
    assert "no requirement 'nanchang.other.nope'" in result.output


def test_checklist_json_is_the_built_checklist(run, checklists):
    result = run("checklist", "--region", "nanchang", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output) == checklists["nanchang"]


def test_checklist_markdown_has_task_items_and_citations(run, checklists):
    result = run("checklist", "--region", "nanchang", "--lang", "en")
    assert result.exit_code == 0
    tasks = [line for line in result.output.splitlines() if line.startswith("- [ ] ")]
    assert len(tasks) == len(checklists["nanchang"]["items"])
    assert "洪教健字〔2019〕1号" in result.output
    assert "## Screening schedule" in result.output


def test_checklist_markdown_says_not_specified(run, checklists):
    silent = [(code, d) for code, c in checklists.items() for d, info in c["domains"].items() if not info["specified"]]
    if not silent:
        pytest.skip("every bundled region specifies every domain")
    code, _domain = silent[0]
    result = run("checklist", "--region", code, "--lang", "en")
    assert "_Not specified by this document._" in result.output


def test_checklist_csv_has_one_row_per_item(run, checklists):
    result = run("checklist", "--region", "henan", "--format", "csv", "--lang", "zh")
    assert result.output.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(result.output.lstrip("\ufeff"))))
    assert len(rows) == len(checklists["henan"]["items"])
    assert rows and rows[0]["文件"] == "教基〔2021〕330号"
    assert rows[0]["要求等级"] in ("必须/应当", "建议", "鼓励", "可以")
    keyed = list(csv.DictReader(io.StringIO(run("checklist", "--region", "henan", "--format", "csv", "--lang", "both")
                                            .output.lstrip("\ufeff"))))
    assert keyed[0]["document"] == "教基〔2021〕330号" and "text_en" in keyed[0] and keyed[0]["level"] == "required"


def test_checklist_output_file_is_written(run, tmp_path):
    target = tmp_path / "out.json"
    result = run("checklist", "--region", "henan", "--format", "json", "--output", str(target))
    assert result.exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["region"]["code"] == "henan"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".xinli-outputs.json", "out.json"]  # no temporary file left


def test_checklist_output_to_missing_directory_exits_2_and_writes_nothing(run, tmp_path):
    result = run("checklist", "--region", "henan", "--output", str(tmp_path / "no" / "out.md"))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert not (tmp_path / "no").exists()


def test_unknown_region_exits_2_listing_codes(run, english):
    result = run("checklist", "--region", "atlantis")
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert "valid codes: chongqing_dadukou, chongqing_qijiang, henan, nanchang, sichuan_quxian" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ("checklist",),
        ("checklist", "--region", "henan", "--format", "pdf"),
        ("checklist", "--region", "henan", "--lang", "fr"),
        ("checklist", "--region", "henan", "--as-of", "yesterday"),
        ("regions", "--format", "xml"),
        ("nonsense",),
    ],
)
def test_bad_options_exit_2(run, args):
    result = run(*args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
