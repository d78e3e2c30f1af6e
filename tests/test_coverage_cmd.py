"""``xinli coverage`` for any installed or rules-folder plugin, and
``escalation`` telling "not yet encoded" from "not specified" (issue 24).
Every region here is invented."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import tomli_w

QUOTE = "每学期心理健康课不少于8课时"


def province(encoded: list[str] | None) -> dict[str, Any]:
    jurisdiction: dict[str, Any] = {
        "code": "t_cov", "name": {"zh": "测试省", "en": "Test Province"}, "level": "province",
        "documents": [{"number": "测〔2024〕1号", "title": {"zh": "测试文件", "en": "test document"},
                       "issuer": {"zh": "测试机关", "en": "test issuer"}, "date": "2024-01-01"}]}
    if encoded is not None:
        jurisdiction["encoded_domains"] = encoded
    return {"jurisdiction": jurisdiction, "requirements": [{
        "id": "t_cov.curriculum.lessons", "domain": "curriculum", "text": {"zh": QUOTE, "en": "8 lessons a semester"},
        "level": "required", "duty_holder": "school",
        "citation": {"jurisdiction": "t_cov", "document": "测〔2024〕1号", "clause": "一", "quote": QUOTE},
        "check": {"metric": "psych_lessons_per_semester", "op": ">=", "value": 8, "unit": "lessons", "per": "per_semester"},
    }]}


@pytest.fixture
def folder(tmp_path):
    def write(encoded: list[str] | None) -> Path:
        where = tmp_path / "rules" / "t_cov"
        where.mkdir(parents=True, exist_ok=True)
        (where / "rules.toml").write_text(tomli_w.dumps(province(encoded)), encoding="utf-8")
        (where / "source.txt").write_text(QUOTE + "。", encoding="utf-8")
        return tmp_path / "rules"

    return write


def test_coverage_of_a_rules_folder_plugin_in_chinese(run, folder):
    rules = folder(["curriculum", "escalation"])
    result = run("--rules", str(rules), "coverage", "-r", "t_cov")
    assert result.exit_code == 0, result.output
    row = result.stdout.strip().splitlines()[-1]
    cells = [c.strip() for c in row.split("|")[3:9]]
    assert cells == ["*尚未编码*", "*未作规定*", "*尚未编码*", "*尚未编码*", "1", "*尚未编码*"]
    assert "编码覆盖情况" in result.stdout and "not specified" not in result.stdout


def test_coverage_json_and_every_region(run, folder):
    rules = folder(None)
    data = json.loads(run("--rules", str(rules), "coverage", "--format", "json").stdout)
    codes = [r["code"] for r in data["regions"]]
    assert "t_cov" in codes and "henan" in codes
    row = next(r for r in data["regions"] if r["code"] == "t_cov")
    assert row["domains"]["curriculum"] == 1 and row["encoded"]["screening"] is True
    assert row["distribution"].startswith("rules file ")


def test_coverage_help_writes_nothing(run, tmp_path, monkeypatch, english):
    monkeypatch.chdir(tmp_path)
    result = run("coverage", "--help")
    assert result.exit_code == 0 and "not yet encoded" in result.output
    assert list(tmp_path.iterdir()) == []


def test_coverage_of_an_unknown_region_is_one_line(run, english):
    result = run("coverage", "-r", "atlantis")
    assert result.exit_code == 2 and "unknown region 'atlantis'" in result.stderr and result.stderr.count("\n") == 1


def test_coverage_of_an_unknown_region_is_one_chinese_line_by_default(run, monkeypatch):
    monkeypatch.delenv("XINLI_LANG", raising=False)
    result = run("coverage", "-r", "atlantis")
    assert result.exit_code == 2 and result.stderr.startswith("错误：没有辖区 'atlantis'") and result.stderr.count("\n") == 1


@pytest.mark.parametrize("fmt", ["text", "mermaid"])
def test_escalation_says_not_yet_encoded_where_the_plugin_says_so(run, folder, fmt):
    rules = folder(["curriculum"])
    result = run("--rules", str(rules), "escalation", "-r", "t_cov", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert "尚未编码" in result.stdout and "本文件未规定" not in result.stdout


def test_escalation_says_not_specified_where_the_document_is_silent(run, folder):
    rules = folder(None)
    result = run("--rules", str(rules), "escalation", "-r", "t_cov", "--format", "text")
    assert "本文件未规定" in result.stdout and "尚未编码" not in result.stdout
    data = json.loads(run("--rules", str(rules), "escalation", "-r", "t_cov", "--format", "json").stdout)
    assert data["encoded"] is True
