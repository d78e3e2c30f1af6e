"""Write docs/coverage.md from the installed bundled plugins.

Usage: ``python scripts/coverage.py``.
"""

from __future__ import annotations

from pathlib import Path

from xinli.core.coverage import render_coverage
from xinli.core.plugins import load_plugins

BUNDLED = ("chongqing_dadukou", "chongqing_qijiang", "henan", "nanchang", "sichuan_quxian")
TARGET = Path(__file__).resolve().parent.parent / "docs" / "coverage.md"

if __name__ == "__main__":
    TARGET.write_text(render_coverage(load_plugins(only=BUNDLED)), encoding="utf-8")
    print(f"wrote {TARGET}")
