"""Every hook spec is documented, in its docstring and in docs/hooks.md,
with its current signature."""

from __future__ import annotations

import inspect
from pathlib import Path

import pluggy
import pytest

from xinli.core import hookspecs

DOCS = Path(__file__).resolve().parent.parent / "docs" / "hooks.md"


def spec_functions():
    pm = pluggy.PluginManager("xinli")
    pm.add_hookspecs(hookspecs)
    names = sorted(name for name in dir(pm.hook) if name.startswith("xinli_"))
    assert names, "no hook specs found"
    return [getattr(hookspecs, name) for name in names]


def signature_line(func) -> str:
    return f"{func.__name__}{inspect.signature(func)}".replace("'", "")


@pytest.mark.parametrize("func", spec_functions(), ids=lambda f: f.__name__)
def test_spec_has_docstring_with_example(func):
    doc = inspect.getdoc(func) or ""
    assert len(doc) > 80, f"{func.__name__} needs a docstring saying what it returns"
    assert "Example" in doc


@pytest.mark.parametrize("func", spec_functions(), ids=lambda f: f.__name__)
def test_spec_is_documented_with_current_signature(func):
    text = DOCS.read_text(encoding="utf-8")
    assert f"## {func.__name__}" in text, f"docs/hooks.md has no section for {func.__name__}"
    assert signature_line(func) in text, f"docs/hooks.md shows a stale signature for {func.__name__}"


def test_every_rule_hook_is_a_spec():
    names = {f.__name__ for f in spec_functions()}
    assert set(hookspecs.RULE_HOOKS.values()) <= names
