"""Regenerate each bundled plugin's ``source.txt`` from the shared documents.

Usage: ``python scripts/build_sources.py [SHARED_DOCS_DIR]``.  The documents
in ``shared/policy-documents`` already have private persons' names, numbers
and mailboxes replaced by 〔略〕; this script only removes form feeds and
page numbers (see :func:`xinli.core.rules.sourcetext.clean`).
"""

from __future__ import annotations

import sys
from pathlib import Path

from xinli.core.rules.sourcetext import clean

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {
    "chongqing_dadukou": "000_06dc0fdf884ed43d.txt",
    "henan": "001_780488149fece7e2.txt",
    "sichuan_quxian": "002_4d0fa10804beda1d.txt",
    "chongqing_qijiang": "003_be696bdfff003676.txt",
    "nanchang": "004_0b9ec38bf7e37f4c.txt",
}


def main(argv: list[str]) -> int:
    """Write ``plugins/<code>/source.txt`` for every bundled plugin."""
    shared = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "policy-documents"
    for code, name in SOURCES.items():
        text = (shared / name).read_text(encoding="utf-8")
        target = ROOT / "plugins" / code / "source.txt"
        target.write_text(clean(text), encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
