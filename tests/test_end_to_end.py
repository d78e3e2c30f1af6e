"""The installed ``xinli`` script, run as a user would run it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def xinli_command() -> list[str]:
    script = Path(sys.executable).with_name("xinli")
    if script.exists():
        return [str(script)]
    found = shutil.which("xinli")
    if found is None:
        pytest.fail("the xinli console script is not installed")
    return [found]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(xinli_command() + list(args), capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_regions_json():
    result = run("regions", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 5


def test_show():
    result = run("show", "henan")
    assert result.returncode == 0, result.stderr
    assert "教基〔2021〕330号" in result.stdout


def test_checklist_markdown_and_unknown_region(tmp_path):
    result = run("checklist", "--region", "nanchang")
    assert result.returncode == 0, result.stderr
    assert "- [ ] " in result.stdout
    bad = run("checklist", "--region", "atlantis")
    assert bad.returncode == 2
    assert "valid codes:" in bad.stderr and "Traceback" not in bad.stderr
