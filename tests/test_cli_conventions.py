"""The command line as its users expect: format from the --output
extension, --plugins everywhere and strict, "did you mean", plugin-load
failures named, tables with headers, -r everywhere, progress bars only on
a terminal, and a documented completion line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_format_follows_the_output_extension(run, tmp_path):
    page = tmp_path / "x.html"
    assert run("checklist", "-r", "henan", "-o", str(page)).exit_code == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    table = tmp_path / "x.csv"
    assert run("checklist", "-r", "henan", "-o", str(table)).exit_code == 0
    assert table.read_bytes().startswith(b"\xef\xbb\xbf")
    data = tmp_path / "x.json"
    assert run("escalation", "-r", "henan", "-o", str(data)).exit_code == 0
    assert json.loads(data.read_text(encoding="utf-8"))["schema"] .startswith("xinli.escalation/")


def test_format_and_extension_that_disagree_are_refused(run, tmp_path, english):
    result = run("checklist", "-r", "henan", "--format", "markdown", "-o", str(tmp_path / "x.html"))
    assert result.exit_code == 2 and "does not end in .md" in result.output
    assert not (tmp_path / "x.html").exists()
    assert run("checklist", "-r", "henan", "-o", str(tmp_path / "x.pdf")).exit_code == 2
    assert run("schedule", "-r", "henan", "-o", str(tmp_path / "x.xlsx")).exit_code == 2


@pytest.mark.parametrize("args", [
    ("regions",), ("checklist", "-r", "henan"), ("show", "henan"), ("plugins",), ("compare", "henan", "nanchang"),
])
def test_an_unknown_plugin_code_is_an_error(run, args):
    result = run(*args, "--plugins", "henan,nanchnag")
    assert result.exit_code == 2 and "'nanchnag'" in result.output and "是否想用 'nanchang'？" in result.output


def test_xinli_plugins_is_checked_too(run, monkeypatch):
    monkeypatch.setenv("XINLI_PLUGINS", "nope")
    assert run("regions").exit_code == 2


def test_record_commands_take_plugins(run, tmp_path):
    db = tmp_path / "r.db"
    assert run("assess", "-r", "nanchang", "--facts", str(EXAMPLES / "nanchang-schools.csv"), "--db", str(db),
               "--plugins", "nanchang").exit_code == 0
    for args in (("runs",), ("report",), ("serve", "--print-metadata")):
        assert run(*args, "--db", str(db), "--plugins", "nanchang").exit_code == 0, args
        assert run(*args, "--db", str(db), "--plugins", "nope").exit_code == 2, args


def test_did_you_mean(run, english):
    region = run("checklist", "-r", "nanchan")
    assert region.exit_code == 2 and "did you mean 'nanchang'?" in region.output
    item = run("show", "-r", "nanchang", "--item", "nanchang.screening.annual-survy")
    assert item.exit_code == 2 and "nanchang.screening.annual-survey" in item.output


def test_a_metric_column_misspelt_is_suggested(run, tmp_path, english):
    facts = tmp_path / "f.csv"
    facts.write_text("school_id,grades,fulltime_psych_teacher\nS1,1-6,1\n", encoding="utf-8")
    result = run("assess", "-r", "henan", "--facts", str(facts), "--db", str(tmp_path / "r.db"))
    assert result.exit_code == 2 and "did you mean 'fulltime_psych_teachers'?" in result.output


def test_a_plugin_that_failed_to_load_is_named(monkeypatch):
    from xinli.core.errors import PluginError
    from xinli.core.registry import load_plugins

    class Broken:
        pass

    registry = load_plugins(only=["henan", "broken"], extra=[("broken", Broken())])
    with pytest.raises(PluginError, match="plugin 'broken' was not loaded: xinli_jurisdiction must return"):
        registry.get("broken")


def test_tables_have_headers(run):
    plugins = run("plugins").output.splitlines()
    assert plugins[0].split() == ["代码", "发行包", "钩子"] and set(plugins[1]) <= {"-", " "}
    assert run("plugins", "--lang", "en").output.split()[:3] == ["code", "distribution", "hooks"]


def test_region_option_everywhere(run):
    assert run("show", "-r", "henan").exit_code == 0
    assert run("show", "henan").output == run("show", "-r", "henan").output
    assert run("compare", "-r", "henan", "-r", "nanchang").output == run("compare", "henan", "nanchang").output
    assert run("compare", "-r", "henan").exit_code == 2


def test_progress_only_on_a_terminal(monkeypatch, capsys):
    import sys

    from xinli.cli.options import progress

    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    assert list(progress(iter(range(3)), 3, "x")) == [0, 1, 2]
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    assert list(progress(iter(range(3)), 3, "正在评估学校")) == [0, 1, 2]
    assert "正在评估学校" in capsys.readouterr().err


def test_the_completion_line_in_the_readme_works():
    from click.testing import CliRunner

    from xinli.cli.main import cli

    assert 'eval "$(_XINLI_COMPLETE=bash_source xinli)"' in README.read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, [], env={"_XINLI_COMPLETE": "bash_source"}, prog_name="xinli")
    assert "_xinli_completion" in result.output


def test_where_an_output_went_is_said_in_the_command_language(run, tmp_path):
    zh = run("checklist", "--region", "henan", "--output", str(tmp_path / "c.md"))
    assert zh.exit_code == 0 and f"已写入 {tmp_path / 'c.md'}" in zh.stderr
    en = run("checklist", "--region", "henan", "--lang", "en", "--output", str(tmp_path / "e.md"))
    assert en.exit_code == 0 and f"wrote {tmp_path / 'e.md'}" in en.stderr


@pytest.mark.parametrize("args", [("checklist", "-r", "nanchang", "--format", "html"), ("regions", "--format", "json"),
                                  ("checklist", "-r", "sichuan_quxian")])
def test_a_closed_pipe_ends_quietly(args):
    """``xinli … | head``: when the reader goes away, no "Broken pipe" error
    and no exit 2 — exit 0 or 141 (128 + SIGPIPE, as git), nothing on stderr."""
    import subprocess
    import sys

    code = "import sys; from xinli.cli.main import cli; sys.argv[0] = 'xinli'; cli()"
    process = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.read(1)
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait(timeout=60) in (0, 141)
    assert stderr == b""


def _all_commands():
    from xinli.cli.main import cli

    out = []
    for name, command in sorted(cli.commands.items()):
        out.append((name, command))
        for sub, child in sorted(getattr(command, "commands", {}).items()):
            out.append((f"{name} {sub}", child))
    return out


def test_every_command_takes_plugins():
    """The README: every command takes --plugins (or $XINLI_PLUGINS)."""
    missing = [name for name, command in _all_commands() if "plugins" not in {p.name for p in command.params}]
    assert missing == []


def test_plugins_check_and_new_plugin_take_plugins(run, tmp_path):
    result = run("plugins", "check", "--plugins", "henan", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.output)["checked"] == 1
    assert run("plugins", "check", "--plugins", "nope").exit_code == 2
    refused = run("new-plugin", "demo_y", "--parent", "henan", "--name-zh", "示例县", "--name-en", "Demo", "--directory",
                  str(tmp_path / "p"), "--plugins", "nope")
    assert refused.exit_code == 2 and not (tmp_path / "p").exists()


def test_json_from_show_assess_plugins_check_and_new_plugin(run, tmp_path):
    examples = Path(__file__).resolve().parent.parent / "examples"
    shown = json.loads(run("show", "henan", "--format", "json").output)
    assert shown["region"]["code"] == "henan" and sum(d["count"] for d in shown["domains"].values()) > 0
    item = json.loads(run("show", "henan", "--item", "henan.screening.annual-assessment", "--format", "json").output)
    assert item["id"] == "henan.screening.annual-assessment" and item["citation"]["document"] == "教基〔2021〕330号"
    db = tmp_path / "r.db"
    args = ("assess", "-r", "nanchang", "--facts", str(examples / "nanchang-schools.csv"), "--db", str(db), "--format", "json")
    first = json.loads(run(*args).output)
    assert first["created"] is True and first["run"] == 1 and first["schools"] == 6 and sum(first["counts"].values()) == first["findings"]
    again = json.loads(run(*args).output)
    assert again["created"] is False and again["run"] == 1
    checked = json.loads(run("plugins", "check", "--format", "json").output)
    assert checked["ok"] is True and checked["checked"] == 5 and checked["errors"] == []
    made = json.loads(run("new-plugin", "demo_z", "--parent", "henan", "--name-zh", "示例县", "--name-en", "Demo",
                          "--directory", str(tmp_path / "demo"), "--format", "json").output)
    assert made["code"] == "demo_z" and all(Path(f).is_file() for f in made["files"])
    assert "xinli plugins check --strict demo_z" in made["next_steps"]


def _complete(words: str) -> list[str]:
    from click.testing import CliRunner

    from xinli.cli.main import cli

    env = {"_XINLI_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1)}
    result = CliRunner().invoke(cli, [], prog_name="xinli", env=env)
    return [line.split(",", 1)[1] for line in result.output.splitlines() if "," in line]


def test_shell_completion_of_region_codes_and_requirement_ids():
    assert _complete("xinli checklist -r nan") == ["nanchang"]
    assert set(_complete("xinli schedule --region chongqing")) == {"chongqing_dadukou", "chongqing_qijiang"}
    assert _complete("xinli show sich") == ["sichuan_quxian"]
    assert "henan" in _complete("xinli compare -r nanchang -r he")
    ids = _complete("xinli show -r henan --item henan.screening.annual")
    assert ids == ["henan.screening.annual-assessment"]
    manual = _complete("xinli attest --region nanchang --requirement nanchang.other.crisis-p")
    assert manual == ["nanchang.other.crisis-plan"]
    assert _complete("xinli show -r atlantis --item x") == []  # an unknown region offers nothing, never an error
