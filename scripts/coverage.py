"""Write docs/coverage.md from the installed bundled plugins.

Usage: ``python scripts/coverage.py``.
"""

from __future__ import annotations

from pathlib import Path

from xinli.core.registry import load_plugins
from xinli.core.render.coverage import render_coverage_markdown
from xinli.core.views.coverage import coverage_rows

BUNDLED = ("chongqing_dadukou", "chongqing_qijiang", "henan", "nanchang", "sichuan_quxian")
TARGET = Path(__file__).resolve().parent.parent / "docs" / "coverage.md"

if __name__ == "__main__":
    TARGET.write_text(render_coverage_markdown(coverage_rows(load_plugins(only=BUNDLED))), encoding="utf-8")
    print(f"wrote {TARGET}")
