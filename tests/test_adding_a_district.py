"""docs/adding-a-district.md runs as written, so it cannot go stale.

The page's fenced blocks are executed in order in an empty temporary
directory:

- a ``sh`` block is run with ``bash -euo pipefail``; any failing command
  fails the test;
- a block whose info string has ``file=PATH`` (e.g. ``toml
  file=xinli-demo_county/xinli_demo_county/rules.toml``) is written to PATH
  as it stands;
- every line of a ``text output`` block must appear in what the previous
  ``sh`` block printed;
- any other block is an illustration and is not run.

The commands run in a fresh virtual environment where xinli was installed
from a wheel built from this checkout (:mod:`fresh_venv`), as a colleague's
would be, with pip offline: every ``pip install ./xinli-CODE`` on the page
runs exactly as written and resolves the package's ``xinli`` dependency
from that environment.  Nothing is substituted.  This test is slow (it
builds a wheel, a venv and four packages, ~30-60 s) and is not skipped
anywhere: CI runs it with the rest.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import fresh_venv
import pytest

DOC = Path(__file__).resolve().parent.parent / "docs" / "adding-a-district.md"
BLOCK = re.compile(r"^```(?P<lang>\w+)(?P<info>[^\n]*)\n(?P<body>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def blocks(text: str) -> list[tuple[str, dict[str, str | bool], str]]:
    """The page's fenced blocks: language, info attributes (``file=PATH``
    or a bare word such as ``output``) and body."""
    found = []
    for match in BLOCK.finditer(text):
        info: dict[str, str | bool] = {}
        for word in match.group("info").split():
            key, eq, value = word.partition("=")
            info[key] = value if eq else True
        found.append((match.group("lang"), info, match.group("body")))
    return found


def test_the_page_has_the_walkthrough_blocks():
    found = blocks(DOC.read_text(encoding="utf-8"))
    files = [info["file"] for _, info, _ in found if "file" in info]
    assert files == [
        "xinli-demo_county/xinli_demo_county/source.txt",
        "xinli-demo_county/xinli_demo_county/rules.toml",
        "xinli-demo_county/tests/test_plugin.py",
        "xinli-demo_county/xinli_demo_county/README.md",
        "xinli-demo_province/xinli_demo_province/source.txt",
        "xinli-demo_province/xinli_demo_province/rules.toml",
        "xinli-demo_province/xinli_demo_province/README.md",
        "xinli-demo_county_two/xinli_demo_county_two/source.txt",
        "xinli-demo_county_two/xinli_demo_county_two/rules.toml",
        "xinli-demo_county_two/xinli_demo_county_two/README.md",
        "facts.csv",
        "rules/demo_district/source.txt",
        "rules/demo_district/rules.toml",
        "district.csv",
    ]
    commands = "\n".join(body for lang, _, body in found if lang == "sh")
    for step in ("xinli new-plugin demo_county --parent henan", "pip install ./xinli-demo_county",
                 "xinli plugins check --strict demo_county", "xinli checklist --region demo_county", "python -m pytest",
                 "xinli new-plugin demo_province --level province --parent national",
                 "--parent demo_city", "--ancestor demo_province", "xinli assess --region demo_county_two",
                 "--rules-folder rules", "xinli --rules rules plugins check --strict demo_district"):
        assert step in commands
    text = DOC.read_text(encoding="utf-8")
    assert "## 0. 准备 · Before you start" in text and "虚构" in text and "invented" in text
    assert "## 9. 省级插件 · A province" in text


def run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=300)


@pytest.mark.slow
def test_the_walkthrough_runs_as_written_in_a_fresh_venv(tmp_path):
    env = fresh_venv.make(tmp_path / "env")
    work = tmp_path / "work"
    work.mkdir()
    last_output = ""
    for lang, info, body in blocks(DOC.read_text(encoding="utf-8")):
        if "file" in info:
            path = work / str(info["file"])
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(body, encoding="utf-8")
        elif lang == "sh":
            result = subprocess.run(["bash", "-euo", "pipefail", "-c", body], cwd=work, env=env, capture_output=True,
                                    text=True, encoding="utf-8", timeout=300)
            last_output = result.stdout + result.stderr
            assert result.returncode == 0, f"$ {body}\n{last_output}"
        elif info.get("output"):
            missing = [line for line in body.splitlines() if line.strip() and line.rstrip() not in last_output]
            assert missing == [], f"lines the page shows but the command did not print:\n{last_output[-3000:]}"

    listed = run(["xinli", "checklist", "--region", "demo_county", "--format", "json"], work, env)
    checklist = json.loads(listed.stdout)
    items = {item["id"]: item for item in checklist["items"]}
    lessons = items["henan.curriculum.primary-lessons"]
    assert (lessons["source"], lessons["check"]["value"], lessons["replaces"]["jurisdiction"]) == ("demo_county", 16, "henan")
    assert [(e["id"], e["excluded_by"]) for e in checklist["excluded"]] == [("henan.staffing.dorm-psych-monitors", "demo_county")]
    assert "demo_county.other.example-work-log" not in items
    assert {item["source"] for item in checklist["items"]} == {"henan", "demo_county"}

    county = json.loads(run(["xinli", "checklist", "--region", "demo_county_two", "--format", "json"], work, env).stdout)
    assert {item["source"] for item in county["items"]} == {"demo_province", "demo_county_two"}
    assert [(p["code"], p["installed"]) for p in county["region"]["parents"]] == [
        ("demo_city", False), ("demo_province", True), ("national", False)]
    assert county["domains"]["referral"]["encoded"] is False

    county_run = json.loads(run(["xinli", "report", "--db", "runs.db", "--run", "2", "--format", "json"], work, env).stdout)
    assert county_run["run"]["region"] == "demo_county_two"
    province = json.loads(run(["xinli", "report", "--db", "runs.db", "--run", "1", "--format", "json"], work, env).stdout)
    assert province["run"]["region"] == "demo_province"

    district = run(["xinli", "--rules", "rules", "checklist", "--region", "demo_district", "--format", "json"], work, env)
    assert district.returncode == 0, district.stderr
    sources = {item["source"] for item in json.loads(district.stdout)["items"]}
    assert sources == {"demo_province", "demo_district"}
    assert (work / "district-facts.csv").read_text(encoding="utf-8-sig").splitlines()[0] == \
        (work / "district.csv").read_text(encoding="utf-8").splitlines()[0]
    district_run = json.loads(run(["xinli", "report", "--db", "runs.db", "--format", "json"], work, env).stdout)
    assert district_run["run"]["region"] == "demo_district"
