"""Shared fixtures: the installed plugins, loaded once per session."""

from __future__ import annotations

import pytest

from xinli.core.registry import Registry, load_plugins
from xinli.core.views.checklist import build_checklist

BUNDLED = ("chongqing_dadukou", "chongqing_qijiang", "henan", "nanchang", "sichuan_quxian")


@pytest.fixture
def run():
    """Invoke the ``xinli`` command group through click's CliRunner."""
    from click.testing import CliRunner

    from xinli.cli.main import cli

    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, list(args), catch_exceptions=False)

    return invoke


@pytest.fixture
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English (``XINLI_LANG=en``), for tests that pin the
    English side of an error line; Chinese is the default."""
    monkeypatch.setenv("XINLI_LANG", "en")


@pytest.fixture(scope="session")
def registry() -> Registry:
    """All installed plugins (the bundled five in a clean install)."""
    return load_plugins(only=BUNDLED)


@pytest.fixture(scope="session")
def checklists(registry: Registry) -> dict[str, dict]:
    """Each bundled region's checklist, built once."""
    return {code: build_checklist(registry, code) for code in BUNDLED}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-snapshots", action="store_true", default=False,
                     help="rewrite tests/snapshots/*.json from the current checklists")
