"""Each region's checklist JSON is pinned in tests/snapshots/, so any change
to a rule shows up as a reviewable diff.  Regenerate deliberately with
``python -m pytest tests/test_snapshots.py --update-snapshots``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import BUNDLED

SNAPSHOTS = Path(__file__).parent / "snapshots"
COVERAGE = Path(__file__).resolve().parent.parent / "docs" / "coverage.md"


def dump(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@pytest.mark.parametrize("code", BUNDLED)
def test_checklist_matches_snapshot(request, checklists, code):
    path = SNAPSHOTS / f"{code}.json"
    current = dump(checklists[code])
    if request.config.getoption("--update-snapshots"):
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(current, encoding="utf-8")
    assert path.exists(), f"no snapshot for {code}; run pytest --update-snapshots and review the diff"
    assert path.read_text(encoding="utf-8") == current, f"{code} checklist changed; review, then --update-snapshots"


def test_coverage_doc_is_current(run):
    from xinli.core.render.coverage import DOCS_COMMAND

    result = run("coverage", "--lang", "en", "--plugins", ",".join(BUNDLED))
    assert result.exit_code == 0, result.output
    assert ",".join(BUNDLED) in DOCS_COMMAND
    assert COVERAGE.read_text(encoding="utf-8") == result.stdout, f"run {DOCS_COMMAND}"
