"""The house rules of imports (and of module docstrings), read from the source (top-level imports,
imports inside functions and ``TYPE_CHECKING`` blocks alike):

- no import cycle among ``xinli.*`` modules;
- only ``xinli.cli`` and ``xinli.core.render`` import ``xinli.core.render``
  (so ``xinli.core.records`` never renders);
- ``xinli.core`` never imports ``xinli.cli`` or a bundled plugin;
- a plugin never imports ``xinli.cli`` or another plugin;
- (issue 24) the model owns the metric model: ``xinli.core.model`` imports nothing of
  ``xinli.core.assessment`` and ``Metric`` is defined there;
- (issue 24) the checklist's dictionaries come from one place, ``xinli.core.dicts``: the
  views and ``xinli.core.rules.toml_export`` use it, and the rules format never imports the views;
- (issue 24) the views never reach into ``xinli.core.assessment`` (facts, xlsx columns, metrics).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = {"core": "xinli.core", "cli": "xinli.cli", "plugins": "xinli.plugins", "testing": "xinli.testing"}


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT)
    parts = [PACKAGES[rel.parts[0]], *rel.parts[1:]]
    parts[-1] = parts[-1].removesuffix(".py")
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    found = {}
    for top in PACKAGES:
        for path in sorted((ROOT / top).rglob("*.py")):
            found[_module_name(path)] = path
    return found


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The xinli module ``name`` refers to: itself, or its nearest parent
    that is a module (``xinli.core.model.Requirement`` -> ``xinli.core.model``)."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(module: str) -> set[str]:
    """Every ``xinli.*`` module that ``module`` imports anywhere in its source."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            names = [f"{base}.{alias.name}" for alias in node.names] + [base]
        for name in names:
            if name.startswith("xinli"):
                target = _resolve(name)
                if target is not None and target != module:
                    found.add(target)
    return found


GRAPH = {module: imports_of(module) for module in MODULES}


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _plugin_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[:2] == ["xinli", "plugins"] else None


def test_the_graph_sees_function_level_imports():
    # cli modules import the core lazily inside their commands; the reader must see those
    assert "xinli.core.views.checklist" in GRAPH["xinli.cli.checklist"]


def test_no_import_cycle():
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        stack.append(module)
        for target in sorted(GRAPH[module]):
            if state.get(target) == 1:
                cycle = stack[stack.index(target):] + [target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target)
        stack.pop()
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_house_rules(module):
    targets = GRAPH[module]
    for target in targets:
        if _within(target, "xinli.core.render"):
            assert _within(module, "xinli.cli") or _within(module, "xinli.core.render"), f"{module} imports renderer {target}"
        if _within(module, "xinli.core"):
            assert not _within(target, "xinli.cli"), f"{module} imports {target}"
            assert not _within(target, "xinli.plugins"), f"{module} imports bundled plugin {target}"
        plugin = _plugin_of(module)
        if plugin is not None:
            assert not _within(target, "xinli.cli"), f"{module} imports {target}"
            other = _plugin_of(target)
            assert other in (None, plugin), f"plugin {plugin} imports plugin {other} ({target})"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_module_opens_with_a_docstring(module):
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    docstring = ast.get_docstring(tree)
    assert docstring and docstring.splitlines()[0].strip(), f"{module} does not say what it is for"


def test_the_model_owns_the_metric_model():
    from xinli.core.assessment import metrics
    from xinli.core.model import Metric

    assert Metric.__module__ == "xinli.core.model" and metrics.Metric is Metric
    assert not any(_within(t, "xinli.core.assessment") for t in GRAPH["xinli.core.model"])
    assert "xinli.core.model" in GRAPH["xinli.core.hookspecs"]
    assert not any(_within(t, "xinli.core.assessment") for t in GRAPH["xinli.core.hookspecs"])


def test_checklist_dictionaries_live_in_one_place():
    assert "xinli.core.dicts" in GRAPH["xinli.core.views.checklist"]
    assert "xinli.core.dicts" in GRAPH["xinli.core.rules.toml_export"]
    for module in GRAPH:
        if _within(module, "xinli.core.rules"):
            assert not any(_within(t, "xinli.core.views") for t in GRAPH[module]), f"{module} imports the views"
    dicts = GRAPH["xinli.core.dicts"]
    assert dicts <= {"xinli.core", "xinli.core.model", "xinli.core.vocabulary", "xinli.core.layering"}, dicts


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _within(m, "xinli.core.views")))
def test_views_never_reach_into_the_assessment(module):
    assert not any(_within(t, "xinli.core.assessment") for t in GRAPH[module]), f"{module} imports {GRAPH[module]}"
