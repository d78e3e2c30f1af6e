"""docs/adding-a-district.md runs as written, so it cannot go stale.

The page's fenced blocks are executed in order in an empty temporary
directory:

- a ``sh`` block is run with ``bash -euo pipefail``; any failing command
  fails the test;
- a block whose info string has ``file=PATH`` (e.g. ``python
  file=xinli-demo_county/xinli_demo_county/plugin.py``) is written to PATH
  as it stands;
- every line of a ``text output`` block must appear in what the previous
  ``sh`` block printed;
- any other block is an illustration and is not run.

The one substitution, explicit in :data:`SUBSTITUTIONS`: the page's
``pip install ./xinli-demo_county`` becomes an offline install that resolves
no dependencies into a temporary ``--target`` directory put on PYTHONPATH,
so the environment running the tests is not changed (the same technique as
the end-to-end test in ``test_scaffold.py``).  This test is slow (it builds
and installs a package, ~5-20 s).
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from pathlib import Path

from test_scaffold import isolated_env, pip_install_target_command, run_command, xinli_command

DOC = Path(__file__).resolve().parent.parent / "docs" / "adding-a-district.md"
BLOCK = re.compile(r"^```(?P<lang>\w+)(?P<info>[^\n]*)\n(?P<body>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
INSTALL = "pip install ./xinli-demo_county"


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


def substitutions(site: Path) -> dict[str, str]:
    """Page command -> the command the test runs instead."""
    return {INSTALL: shlex.join(pip_install_target_command(site, "./xinli-demo_county"))}


def test_the_page_has_the_walkthrough_blocks():
    found = blocks(DOC.read_text(encoding="utf-8"))
    files = [info["file"] for _, info, _ in found if "file" in info]
    assert files == [
        "xinli-demo_county/xinli_demo_county/source.txt",
        "xinli-demo_county/xinli_demo_county/plugin.py",
        "xinli-demo_county/tests/test_plugin.py",
    ]
    commands = "\n".join(body for lang, _, body in found if lang == "sh")
    for step in ("xinli new-plugin demo_county --parent henan", INSTALL, "xinli plugins check demo_county",
                 "xinli checklist --region demo_county", "python -m pytest"):
        assert step in commands
    text = DOC.read_text(encoding="utf-8")
    assert "## 0. 准备 · Before you start" in text and "虚构" in text and "invented" in text


def test_the_walkthrough_runs_as_written(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    site = tmp_path / "site"
    env = isolated_env(site)
    replace = substitutions(site)
    used = dict.fromkeys(replace, 0)
    last_output = ""
    for lang, info, body in blocks(DOC.read_text(encoding="utf-8")):
        if "file" in info:
            path = work / str(info["file"])
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(body, encoding="utf-8")
        elif lang == "sh":
            lines = []
            for line in body.splitlines():
                if line.strip() in replace:
                    used[line.strip()] += 1
                    line = replace[line.strip()]
                lines.append(line)
            script = "\n".join(lines)
            result = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=work, env=env, capture_output=True,
                                    text=True, encoding="utf-8", timeout=300)
            last_output = result.stdout + result.stderr
            assert result.returncode == 0, f"$ {body}\n{last_output}"
        elif info.get("output"):
            missing = [line for line in body.splitlines() if line.strip() and line.rstrip() not in last_output]
            assert missing == [], f"lines the page shows but the command did not print:\n{last_output[-3000:]}"
    assert used == dict.fromkeys(replace, 1), "every substitution matches exactly one line of the page"

    listed = run_command([xinli_command(), "checklist", "--region", "demo_county", "--format", "json"], work, env)
    checklist = json.loads(listed.stdout)
    items = {item["id"]: item for item in checklist["items"]}
    lessons = items["henan.curriculum.primary-lessons"]
    assert (lessons["source"], lessons["check"]["value"], lessons["replaces"]["jurisdiction"]) == ("demo_county", 16, "henan")
    assert [(e["id"], e["excluded_by"]) for e in checklist["excluded"]] == [("henan.staffing.dorm-psych-monitors", "demo_county")]
    assert items["demo_county.other.crisis-work-log"]["source"] == "demo_county"
    assert "demo_county.other.example-work-log" not in items
    assert {item["source"] for item in checklist["items"]} == {"henan", "demo_county"}
