"""Chinese wherever a user looks: under the default language every
command's standard output and standard error, on success, on ``--help``
and on its error paths (the exit-2 one-liners, click's own usage errors),
holds no English word outside a short list of names a reader types or
recognises (formats, products, codes, ids, file names, option names).
``--lang en`` and ``XINLI_LANG=en`` give the English side."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from xinli.cli.main import cli

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

#: English words a Chinese reader may meet: formats and products they name
#: on the command line, metavariables of the usage line, units of a
#: standard.  Everything else ASCII and alphabetic is a leak.
ALLOWED = {
    # formats, programs, products
    "markdown", "json", "csv", "html", "xlsx", "ics", "toml", "mermaid", "dot", "text", "md", "table", "txt", "svg",
    "xinli", "pip", "install", "SQLite", "Datasette", "Excel", "WPS", "Python", "Markdown", "README", "TD",
    "flowchart", "SEQUENCE", "LAST", "MODIFIED", "zh", "en", "both", "key", "web", "calendar", "sqlite", "db", "gv", "mmd",
    "yes", "no", "UTF", "BOM", "ID", "Ctrl", "ASCII", "TOML", "CSV", "JSON", "HTML", "URL", "http", "https", "localhost",
    "UTC",  # the zone named beside 北京时间 (UTC+8)
    # metavariables and the usage line's own words
    "OPTIONS", "COMMAND", "ARGS", "CODE", "CODES", "FILE", "DIR", "DB", "PATH", "REGION", "REGION_A", "REGION_B", "DATE",
    "SCHOOL", "REQUIREMENT", "FACTS", "SOURCE", "TARGET", "ACTOR", "INTEGER", "TEXT", "WHO", "LEVEL", "KEY",
    "CHOICE", "RANGE", "FLOAT", "QUERY", "PERIOD", "SVG", "SQL",
    # choices shown in brackets
    "primary", "junior", "senior", "vocational", "required", "recommended", "encouraged", "permitted", "met", "not",
    "province", "city", "county", "district", "routine", "emergency", "school", "national",
    "YYYY", "MM", "DD", "REGIONS", "SOURCES", "DIRECTORY", "YEAR", "NAME",
    # region codes (of installed plugins and their ancestors)
    "henan", "nanchang", "jiangxi", "chongqing", "sichuan", "dazhou",
    # hook names (plugins), an example name in new-plugin's help
    "jurisdiction", "Demo", "County",
    # the commands themselves
    *cli.commands, "check", "plugins", "rules", "export", "new", "plugin", "facts", "template",
    # subcommands (``xinli vocab duty-holders``)
    *(word for group in cli.commands.values() for name in getattr(group, "commands", {}) for word in name.split("-")),
}

REGIONS = ("chongqing_dadukou", "chongqing_qijiang", "henan", "nanchang", "sichuan_quxian")


def leaks(text: str) -> list[str]:
    """English words of ``text`` outside :data:`ALLOWED`: alphabetic runs
    not part of a code, id, option, path, environment variable or version."""
    text = re.sub(r"「[^」]*」", " ", text)  # the documents' own words
    text = re.sub(r"\[[a-z|_]+\]", " ", text)  # a choice list: [markdown|json|csv]
    text = re.sub(r"'[^'\s]*'|\"[^\"\s]*\"", " ", text)  # quoted values the user typed
    text = re.sub(r"(?<![\w])--?[a-zA-Z][\w-]*", " ", text)  # options
    text = re.sub(r"\$?[A-Z][A-Z0-9]*_[A-Z0-9_]+", " ", text)  # environment variables
    text = re.sub(r"[\w.~-]*[/\\][\w./\\~-]*", " ", text)  # paths
    text = re.sub(r"\b[\w-]+(?:\.[\w-]+)+\b", " ", text)  # ids, file names, dotted names, versions
    text = re.sub(r"\b\w*[_\d]\w*\b", " ", text)  # codes with underscores or digits
    words = re.findall(r"[A-Za-z][A-Za-z']*", text)
    return sorted({w for w in words if w not in ALLOWED and w.strip("'") not in ALLOWED and len(w) > 1})


def mermaid_labels(text: str) -> str:
    """What a reader of a Mermaid drawing sees: its title and the quoted
    labels of its nodes, subgraphs and edges (the syntax around them,
    ``subgraph``, ``direction TB``, ``classDef``, node ids, is code)."""
    titles = re.findall(r"^title: (.*)$", text, flags=re.M)
    return "\n".join([*titles, *re.findall(r'"([^"]*)"', text)])


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A records database with one run, a facts file and a few bad inputs."""
    base = tmp_path_factory.mktemp("zh")
    runner = CliRunner()
    db = base / "r.db"
    result = runner.invoke(cli, ["assess", "-r", "nanchang", "--facts", str(EXAMPLES / "nanchang-schools.csv"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    bad_csv = base / "bad.csv"
    bad_csv.write_text("school_id,school_name\nS1,甲\nS1,乙\n", encoding="utf-8")
    not_db = base / "not.db"
    not_db.write_text("hello", encoding="utf-8")
    empty_dir = base / "empty"
    empty_dir.mkdir()
    counties = base / "counties"
    counties.mkdir()
    for region, facts in (("chongqing_qijiang", "qijiang"), ("chongqing_dadukou", "dadukou")):
        result = runner.invoke(cli, ["assess", "-r", region, "--facts", str(EXAMPLES / f"{facts}-schools.csv"), "--db",
                                     str(counties / f"{facts}.db")])
        assert result.exit_code == 0, result.output
    # a filled spot-check list and a region self-inspection with a bad cell of every kind
    bad_attest = base / "checks.csv"
    bad_attest.write_text("school_id,requirement_id,result,by,on,evidence\n"
                          "EX999,nanchang.other.crisis-plan,ok,13812345678,2999-01-01,\n"
                          "EX001,nanchang.other.city-leading-group,met,督导室,2026-10-20,联系人 139.1234.5678\n"
                          "EX001,nanchang.no-such-item,met,,2026-13-01,\n", encoding="utf-8")
    bad_region = base / "region.csv"
    bad_region.write_text("requirement_id,answer,evidence\nnanchang.no-such-item,是,\nnanchang.other.city-leading-group,也许,\n"
                          "nanchang.other.return-recovery-certificate,是,\n"
                          "nanchang.other.county-implementation-plans,是,联系人13812345678\n", encoding="utf-8")
    return {"base": base, "db": db, "bad_csv": bad_csv, "not_db": not_db, "empty": empty_dir, "counties": counties,
            "bad_attest": bad_attest, "bad_region": bad_region}


def commands(world: dict) -> list[tuple[str, list[str]]]:
    """(name, arguments) of every command's success, help and error paths."""
    db, base = str(world["db"]), world["base"]
    facts = str(EXAMPLES / "nanchang-schools.csv")
    out: list[tuple[str, list[str]]] = []
    names = sorted(cli.commands) + ["plugins check"]
    for name in names:
        out.append((f"{name} --help", [*name.split(), "--help"]))
    out += [
        ("group help", ["--help"]),
        ("no command", []),
        ("unknown command", ["chekclist"]),
        ("regions", ["regions"]),
        ("show", ["show", "-r", "henan"]),
        ("show unknown region", ["show", "-r", "nanchnag"]),
        ("show unknown item", ["show", "-r", "henan", "--item", "henan.nothing"]),
        ("checklist", ["checklist", "-r", "henan"]),
        ("checklist missing region", ["checklist"]),
        ("checklist unknown region", ["checklist", "-r", "xx"]),
        ("checklist bad option", ["checklist", "-r", "henan", "--bogus"]),
        ("checklist bad format", ["checklist", "-r", "henan", "--format", "pdf"]),
        ("checklist bad date", ["checklist", "-r", "henan", "--as-of", "tomorrow"]),
        ("checklist bad grades", ["checklist", "-r", "henan", "--grades", "x-y"]),
        ("checklist format disagrees", ["checklist", "-r", "henan", "--format", "json", "-o", str(base / "x.csv")]),
        ("schedule", ["schedule", "-r", "nanchang", "--school-year", "2026-2027"]),
        ("schedule bad year", ["schedule", "-r", "nanchang", "--school-year", "2026"]),
        ("escalation", ["escalation", "-r", "nanchang", "--format", "text"]),
        ("escalation unknown procedure", ["escalation", "-r", "nanchang", "--procedure", "nothing"]),
        ("facts-template", ["facts-template", "-r", "nanchang"]),
        ("compare", ["compare", "-r", "henan", "-r", "nanchang"]),
        ("compare one region", ["compare", "-r", "henan"]),
        ("metrics", ["metrics"]),
        ("plugins", ["plugins"]),
        ("plugins check", ["plugins", "check", "henan"]),
        ("plugins unknown", ["plugins", "--plugins", "nothing"]),
        ("assess missing facts", ["assess", "-r", "nanchang", "--facts", str(base / "none.csv"), "--db", str(base / "n.db")]),
        ("assess duplicate school", ["assess", "-r", "nanchang", "--facts", str(world["bad_csv"]), "--db", str(base / "n.db")]),
        ("assess onto a non-database", ["assess", "-r", "nanchang", "--facts", facts, "--db", str(world["not_db"])]),
        ("runs", ["runs", "--db", db]),
        ("runs not a database", ["runs", "--db", str(world["not_db"])]),
        ("report", ["report", "--db", db]),
        ("report unknown run", ["report", "--db", db, "--run", "999"]),
        ("report unknown school", ["report", "--db", db, "--school", "NOPE"]),
        ("attest unknown requirement", ["attest", "--db", db, "-r", "nanchang", "--school", "NC001",
                                        "--requirement", "nanchang.nothing", "--by", "督导室", "--result", "met"]),
        ("rollup empty dir", ["rollup", "-r", "jiangxi", "--db", str(base / "t.db"), "--from", str(world["empty"])]),
        ("rollup not a database", ["rollup", "-r", "nanchang", "--db", str(base / "t.db"), str(world["not_db"])]),
        ("new-plugin bad code", ["new-plugin", "Bad Code", "--directory", str(base / "p")]),
        ("rules dir missing", ["--rules", str(base / "none"), "regions"]),
        ("rollup", ["rollup", "-r", "chongqing", "--db", str(base / "cq.db"), "--from", str(world["counties"])]),
        ("escalation mermaid", ["escalation", "-r", "henan"]),
        ("show item", ["show", "-r", "henan", "--item", "henan.screening.annual-assessment"]),
        ("runs json", ["runs", "--db", db, "--format", "json"]),
        ("schedule markdown", ["schedule", "-r", "henan", "--school-year", "2026-2027"]),
        ("show two regions", ["show", "henan", "-r", "nanchang"]),
        ("show missing region", ["show"]),
        ("checklist unknown duty holder", ["checklist", "-r", "henan", "--duty-holder", "principle"]),
        ("schedule bad autumn start", ["schedule", "-r", "nanchang", "--school-year", "2026-2027", "--autumn-start", "2026-12-01"]),
        ("report school and by-school", ["report", "--db", db, "--school", "EX001", "--by-school", str(base / "d")]),
        ("report rollup missing", ["report", "--db", db, "--rollup"]),
        ("plugins check unknown plugin", ["plugins", "check", "atlantis"]),
        ("new-plugin existing directory", ["new-plugin", "demo_q", "--parent", "henan", "--name-zh", "示例县", "--name-en", "Demo",
                                           "--directory", str(base)]),
        ("new-plugin missing parent", ["new-plugin", "demo_q", "--name-zh", "示例县", "--name-en", "Demo", "--directory",
                                       str(base / "q")]),
        ("rollup run-of malformed", ["rollup", "-r", "jiangxi", "--db", str(base / "t.db"), db, "--run-of", "nonsense"]),
        ("rollup target as source", ["rollup", "-r", "jiangxi", "--db", db, db]),
        ("attest personal data", ["attest", "--db", db, "-r", "nanchang", "--school", "EX001", "--requirement",
                                  "nanchang.other.crisis-plan", "--by", "13912345678", "--result", "met"]),
        ("assess unsupported facts", ["assess", "-r", "nanchang", "--facts", str(world["not_db"]), "--db", str(base / "n.db")]),
        # the commands and options of issues 20, 22, 24 and 25
        ("vocab", ["vocab", "duty-holders"]),
        ("vocab unknown plugin", ["vocab", "duty-holders", "--plugins", "nothing"]),
        ("catalog", ["catalog", "--db", str(base / "catalog.db"), "--plugins", "henan,nanchang"]),
        ("catalog unchanged", ["catalog", "--db", str(base / "catalog.db"), "--plugins", "henan,nanchang"]),
        ("catalog onto not a catalogue", ["catalog", "--db", db, "--plugins", "henan"]),
        ("catalog unknown region", ["catalog", "--db", str(base / "c2.db"), "--under", "atlantis"]),
        ("coverage", ["coverage", "-r", "henan", "-r", "nanchang"]),
        ("coverage unknown region", ["coverage", "-r", "atlantis"]),
        ("sample", ["sample", "--db", db, "--rate", "0.5", "--seed", "7"]),
        ("sample to a file", ["sample", "--db", db, "--per-item", "1", "--seed", "7", "-o", str(base / "sample.csv")]),
        ("sample bad rate", ["sample", "--db", db, "--rate", "2", "--seed", "7"]),
        ("sample missing rule", ["sample", "--db", db, "--seed", "7"]),
        ("attest from a bad row", ["attest", "--db", db, "-r", "nanchang", "--from", str(world["bad_attest"])]),
        ("attest from and one check", ["attest", "--db", db, "-r", "nanchang", "--from", str(world["bad_attest"]),
                                       "--school", "EX001"]),
        ("assess region facts bad row", ["assess", "-r", "nanchang", "--facts", facts, "--db", str(base / "n.db"),
                                         "--region-facts", str(world["bad_region"])]),
        ("assess bad period", ["assess", "-r", "nanchang", "--facts", facts, "--db", str(base / "n.db"), "--period", "2026-2028"]),
        ("facts-template region facts", ["facts-template", "-r", "nanchang", "--region-facts"]),
        ("regions 渠县", ["regions", "渠县"]),
        ("regions under", ["regions", "--under", "chongqing"]),
        ("regions no match", ["regions", "火星"]),
    ]
    return out


def test_every_command_speaks_chinese_by_default(world, monkeypatch):
    monkeypatch.delenv("XINLI_LANG", raising=False)
    runner = CliRunner()
    found = {}
    for name, args in commands(world):
        result = runner.invoke(cli, args, prog_name="xinli")
        assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), (name, result.exception)
        assert result.exit_code in (0, 1, 2), (name, result.exit_code, result.output)
        if name.endswith("--help") or name == "group help":
            assert result.exit_code == 0, name
        stdout = mermaid_labels(result.stdout) if name.endswith("mermaid") else result.stdout
        if name == "vocab":  # its first column is the keys a rules file writes (what the command lists)
            stdout = "\n".join(line.split(None, 1)[1] if len(line.split(None, 1)) == 2 else "" for line in stdout.splitlines())
        bad = leaks(stdout + "\n" + result.stderr)
        if bad:
            found[name] = bad
    assert not found, "\n".join(f"{k}: {v}" for k, v in found.items())


def test_error_paths_exit_2_with_one_chinese_line(world, monkeypatch):
    monkeypatch.delenv("XINLI_LANG", raising=False)
    runner = CliRunner()
    for name, args in commands(world):
        if not any(word in name for word in ("unknown", "missing", "bad", "not a", "duplicate", "disagrees", "stdout", "one region",
                                             "empty", "two regions", "and by-school", "existing", "malformed", "as source",
                                             "personal", "unsupported", "and one check")):
            continue
        result = runner.invoke(cli, args, prog_name="xinli")
        assert result.exit_code == 2, (name, result.output)
        assert result.stdout == "", name  # nothing printed before the error
        assert "错误：" in result.stderr and "Error" not in result.stderr, (name, result.stderr)


def test_english_when_asked(world, monkeypatch):
    runner = CliRunner()
    monkeypatch.delenv("XINLI_LANG", raising=False)
    result = runner.invoke(cli, ["checklist", "-r", "xx", "--lang", "en"])
    assert result.exit_code == 2 and result.stderr.startswith("Error: ") and "错误" not in result.stderr
    monkeypatch.setenv("XINLI_LANG", "en")
    result = runner.invoke(cli, ["checklist"])
    assert result.exit_code == 2 and "Missing option" in result.stderr and "Usage:" in result.stderr
    assert "Output language" in runner.invoke(cli, ["checklist", "--help"]).stdout
    assert "compliance checklist" in runner.invoke(cli, ["checklist", "-r", "henan"]).stdout
    # an explicit --lang beats XINLI_LANG
    assert "合规清单" in runner.invoke(cli, ["checklist", "-r", "henan", "--lang", "zh"]).stdout


def test_xinli_lang_sets_the_default(monkeypatch):
    runner = CliRunner()
    monkeypatch.setenv("XINLI_LANG", "en")
    english = runner.invoke(cli, ["regions"]).stdout
    monkeypatch.setenv("XINLI_LANG", "zh")
    chinese = runner.invoke(cli, ["regions"]).stdout
    assert english != chinese and "河南省" in chinese
    monkeypatch.setenv("XINLI_LANG", "fr")
    result = runner.invoke(cli, ["regions"])
    assert result.exit_code == 2 and ("XINLI_LANG" in result.stderr or "--lang" in result.stderr)


def test_the_scan_finds_english():
    assert leaks("错误：unknown region 'xx'") == ["region", "unknown"]
    assert leaks("用法： xinli checklist [OPTIONS] -r nanchang --as-of 2026-09-01 henan.screening.x 文件 a.csv") == []
    assert leaks(mermaid_labels('flowchart TD\n  subgraph main["unknown step"]\n  end')) == ["step", "unknown"]


def test_every_error_template_fits_its_chinese():
    """Each Chinese error template uses only its English template's
    placeholders; a raised line matching it comes out in Chinese with its
    values."""
    from xinli.core.messages import ERRORS, localise_error

    for english, (chinese, en) in ERRORS.items():
        names = set(re.findall(r"\{(\w+)\}", english))
        assert set(re.findall(r"\{(\w+)\}", chinese)) <= names, english
        assert en == english
        values = {name: f"V{n}" for n, name in enumerate(sorted(names))}
        line = english.replace("{...}", "{{...}}").format(**values)
        assert localise_error(line, "zh") == chinese.format(**values), english
        assert localise_error(line, "en") == line
    assert localise_error("something xinli never says", "zh") == "something xinli never says"
    assert localise_error("{0} {x} }{", "zh") == "{0} {x} }{"


def test_an_any_of_expectation_reads_in_words():
    """A stored any-of expectation (``[metric] expected or [metric]
    expected``) reads as its alternatives, each metric by its label."""
    from xinli.core.render.words import expected_words

    stored = "[psych_management_software] true standing or [fulltime_psych_teachers] >= 1 persons standing"
    zh, en = expected_words(stored, "zh"), expected_words(stored, "en")
    assert zh.startswith("配备心理管理软件：是") and " 或 " in zh and "[" not in zh and leaks(zh) == []
    assert en.startswith("psychological management software: yes") and " or " in en



def test_a_plugins_own_metric_in_an_any_of_expectation_reads_in_words():
    """A metric only a plugin declares (Nanchang's city platform) is stored
    in the any-of expectation with its labels, so the report reads it in
    words without the plugin; an expectation stored before that keeps the
    key, and a built-in metric is never given labels of its own."""
    import datetime as dt

    from xinli.core.assessment.assess import compile_requirements
    from xinli.core.assessment.facts import columns_for
    from xinli.core.assessment.metrics import collect_metrics
    from xinli.core.layering import chain_of
    from xinli.core.registry import load_plugins
    from xinli.core.render.words import expected_words
    from xinli.core.views.checklist import build_checklist

    registry = load_plugins(only=["nanchang"])
    checklist = build_checklist(registry, "nanchang", dt.date(2026, 11, 1))
    columns = columns_for(checklist, collect_metrics(registry, chain_of(registry, "nanchang")[0]))
    stored = next(req.expected for req in compile_requirements(checklist, columns) if req.id == "nanchang.other.management-software")
    assert stored.startswith("[psych_management_software] true standing or [city_platform_in_use|使用市")
    zh, en = expected_words(stored, "zh"), expected_words(stored, "en")
    assert "city_platform_in_use" not in zh and "使用市未成年人心理健康辅导中心心理管理监测平台" in zh and leaks(zh) == []
    assert "city_platform_in_use" not in en and "city centre's psychological management" in en
    old = "[psych_management_software] true standing or [city_platform_in_use] true standing"
    assert "city_platform_in_use" in expected_words(old, "zh")  # recorded before labels were stored: the key
    from types import SimpleNamespace

    from xinli.core.assessment.assess import _metric_tag

    odd = SimpleNamespace(label=SimpleNamespace(zh="平台[甲|乙]", en="a|b]"))
    assert _metric_tag("own_metric", {"own_metric": odd}) == "own_metric|平台(甲/乙)|a/b)"  # its separators never inside
    assert _metric_tag("psych_management_software", {"psych_management_software": odd}) == "psych_management_software"
    assert expected_words("[own_metric|平台(甲/乙)|a/b)] >= 1 or [psych_management_software] true", "zh") == (
        f"平台(甲/乙)：{expected_words('>= 1', 'zh')} 或 {expected_words('[psych_management_software] true', 'zh')}")
