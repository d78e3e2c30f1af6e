"""The layout rules of the design card."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE_IMPORT = re.compile(r"^\s*(?:from|import)\s+(core|cli|plugins)(?:\.|\s|$)", re.MULTILINE)


def test_no_module_imports_a_bare_top_level_package():
    offenders = []
    for directory in ("core", "cli", "plugins", "tests", "benchmarks", "scripts"):
        for path in (ROOT / directory).rglob("*.py"):
            if BARE_IMPORT.search(path.read_text(encoding="utf-8")):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_packages_install_under_xinli():
    for name in ("xinli.core", "xinli.cli", "xinli.plugins", "xinli.plugins.henan"):
        assert importlib.import_module(name).__name__ == name


def test_importing_builds_no_plugin_manager_and_loads_nothing_heavy():
    code = (
        "import gc, sys, pluggy, xinli.core.registry, xinli.core.views.checklist, xinli.cli.main;"
        "print(sum(isinstance(o, pluggy.PluginManager) for o in gc.get_objects()));"
        "print(sorted(m for m in ('sqlite_utils', 'sqlite3', 'xinli.plugins.henan', 'jsonschema', 'icalendar', 'openpyxl',"
        " 'datasette', 'uvicorn') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "0"
    assert out[1] == "[]"


def test_schema_ships_inside_the_package():
    from xinli.core.views.checklist import checklist_schema

    assert checklist_schema()["$id"] == "xinli.checklist/2"


def test_the_command_line_imports_only_click_until_a_command_runs():
    # what `xinli --help` pays for on top of click (benchmarks/startup.py measures the time)
    code = (
        "import sys, click; before = set(sys.modules); import xinli.cli.main;"
        "print(sorted(m for m in ('pluggy', 'attrs', 'attr', 'json', 'pathlib', 'tempfile', 'sqlite3', 'tomllib',"
        " 'xinli.core.model', 'xinli.core.registry') if m in set(sys.modules) - before))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"
