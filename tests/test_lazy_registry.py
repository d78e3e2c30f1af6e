"""Lazy plugin loading: a command about one region imports only that
region's chain of jurisdictions, however many plugins are installed."""

from __future__ import annotations

import json
from importlib import metadata

import pytest
from fixture_plugins import PROVINCE, County, IdentityOnly, Orphan

from xinli.core import hookimpl
from xinli.core import registry as registry_module
from xinli.core.assessment.metrics import Metric, collect_metrics
from xinli.core.errors import PluginError, UnknownRegionError
from xinli.core.layering import chain_of
from xinli.core.registry import load_plugins
from xinli.core.views.checklist import build_checklist


class RecordingEntryPoint:
    """An entry point whose ``load()`` records that it was imported."""

    def __init__(self, name: str, obj: object, calls: list[str]) -> None:
        self.name, self.value, self.group, self.dist = name, f"fake:{name}", "xinli", None
        self._obj, self._calls = obj, calls

    def load(self) -> object:
        self._calls.append(self.name)
        if isinstance(self._obj, Exception):
            raise self._obj
        return self._obj


class Unrelated(IdentityOnly):
    """A county of another province that registers a clashing metric."""

    @hookimpl
    def xinli_register_metrics(self):
        return [Metric("psych_lessons_per_semester", ("别的", "other"), "integer", "lessons", ("别的。", "Other."))]


def recording(calls: list[str]) -> list[RecordingEntryPoint]:
    plugins = {
        "test_province": PROVINCE,
        "test_county": County(),
        "test_orphan": Orphan(),
        "test_unrelated": Unrelated("test_unrelated"),
        "test_broken": ImportError("no module named nowhere"),
    }
    return [RecordingEntryPoint(name, obj, calls) for name, obj in plugins.items()]


def test_a_region_imports_only_its_chain():
    calls: list[str] = []
    registry = load_plugins(entry_points=recording(calls), lazy=True)
    assert calls == []
    assert registry.available == ["test_broken", "test_county", "test_orphan", "test_province", "test_unrelated"]
    chain, missing = chain_of(registry, "test_county")
    assert [p.code for p in chain] == ["test_province", "test_county"] and missing is None
    assert sorted(calls) == ["test_county", "test_province"]
    data = build_checklist(registry, "test_county")
    assert {i["id"] for i in data["items"]} >= {"test_county.curriculum.own", "test_province.curriculum.extra"}
    assert sorted(calls) == ["test_county", "test_province"]
    assert registry.problems == []


def test_metrics_come_from_the_chain_only():
    calls: list[str] = []
    registry = load_plugins(entry_points=recording(calls), lazy=True)
    metrics = collect_metrics(registry, chain_of(registry, "test_county")[0])
    assert metrics["psych_lessons_per_semester"].label.zh != "别的"
    everything = load_plugins(entry_points=recording([]))
    with pytest.raises(PluginError, match="defined differently"):
        collect_metrics(everything)


def test_missing_parent_is_found_without_importing_others():
    calls: list[str] = []
    registry = load_plugins(entry_points=recording(calls), lazy=True)
    chain, missing = chain_of(registry, "test_orphan")
    assert [p.code for p in chain] == ["test_orphan"] and missing.code == "test_missing"
    assert calls == ["test_orphan"]


def test_unknown_region_lists_codes_without_importing():
    calls: list[str] = []
    registry = load_plugins(entry_points=recording(calls), lazy=True)
    with pytest.raises(UnknownRegionError) as raised:
        registry.get("atlantis")
    assert "test_unrelated" in raised.value.known and calls == []


def test_a_broken_plugin_is_reported_when_needed_and_harms_nobody():
    calls: list[str] = []
    met: list[str] = []
    registry = load_plugins(entry_points=recording(calls), lazy=True, on_problem=lambda p: met.append(p.name))
    assert registry.get("test_county").code == "test_county" and met == []
    assert registry.find("test_broken") is None
    assert met == ["test_broken"] and "import failed" in registry.problems[0].reason
    registry.load_all()
    assert sorted(registry.codes) == ["test_county", "test_orphan", "test_province", "test_unrelated"]
    assert sorted(calls) == ["test_broken", "test_county", "test_orphan", "test_province", "test_unrelated"]


def test_eager_loading_is_unchanged():
    calls: list[str] = []
    registry = load_plugins(entry_points=recording(calls), only=["test_province", "test_county"])
    assert sorted(calls) == ["test_county", "test_province"]
    assert registry.codes == ["test_county", "test_province"] and registry.pending == {}


def test_load_all_reports_progress():
    seen: list[int] = []

    def progress(names, total):
        seen.append(total)
        yield from names

    registry = load_plugins(entry_points=recording([]), lazy=True)
    registry.load_all(progress)
    assert seen == [5] and len(registry.codes) == 4


@pytest.fixture
def recorded_installs(monkeypatch):
    """The installed plugins plus the recording ones."""
    calls: list[str] = []
    installed = list(metadata.entry_points(group="xinli"))
    monkeypatch.setattr(registry_module.metadata, "entry_points", lambda group: installed + recording(calls))
    return calls


@pytest.mark.parametrize("args", [
    ("checklist", "--region", "henan", "--format", "json"),
    ("show", "henan"),
    ("escalation", "--region", "henan", "--format", "text"),
    ("schedule", "--region", "henan", "--school-year", "2026-2027"),
    ("facts-template", "--region", "henan"),
    ("compare", "henan", "nanchang"),
])
def test_region_commands_import_no_unrelated_plugin(run, recorded_installs, args):
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert recorded_installs == []


def test_county_command_imports_its_province_only(run, recorded_installs):
    result = run("checklist", "--region", "test_county", "--format", "json")
    assert result.exit_code == 0, result.output
    assert sorted(recorded_installs) == ["test_county", "test_province"]


def test_listing_commands_load_everything(run, recorded_installs):
    listed = json.loads(run("regions", "--format", "json").stdout)
    assert {"test_county", "test_unrelated", "henan"} <= {r["code"] for r in listed}
    assert sorted(recorded_installs) == ["test_broken", "test_county", "test_orphan", "test_province", "test_unrelated"]


def test_assess_imports_only_its_chain(run, recorded_installs, tmp_path):
    from pathlib import Path

    facts = Path(__file__).parent.parent / "examples" / "nanchang-schools.csv"
    result = run("assess", "--region", "nanchang", "--facts", str(facts), "--db", str(tmp_path / "r.db"), "--as-of", "2026-11-01")
    assert result.exit_code == 0, result.output
    assert recorded_installs == []
    runs = json.loads(run("runs", "--db", str(tmp_path / "r.db"), "--format", "json").stdout)
    assert list(runs[0]["plugins"]) == ["nanchang"]


def test_loading_everything_shows_progress_on_a_terminal_past_fifty(monkeypatch):
    import io

    from xinli.cli import options

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    many = [RecordingEntryPoint(f"test_c{n:03}", Unrelated(f"test_c{n:03}"), []) for n in range(options.PROGRESS_FROM + 1)]
    monkeypatch.setattr(registry_module.metadata, "entry_points", lambda group: many)
    err = Terminal()
    monkeypatch.setattr("sys.stderr", err)
    registry = options.load_registry(None, everything=True)
    assert len(registry.codes) == options.PROGRESS_FROM + 1
    assert "正在加载插件" in err.getvalue()  # zh by default
    few = Terminal()
    monkeypatch.setattr(registry_module.metadata, "entry_points", lambda group: many[:options.PROGRESS_FROM])
    monkeypatch.setattr("sys.stderr", few)
    options.load_registry(None, everything=True)
    assert few.getvalue() == ""
