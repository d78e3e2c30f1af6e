"""Print a region's checklist items compactly, for authors reviewing a plugin.

Usage: ``python scripts/dump_checklist.py CODE``.
"""

from __future__ import annotations

import sys

from xinli.core.registry import load_plugins
from xinli.core.views.checklist import build_checklist


def main(argv: list[str]) -> int:
    """Print one line per item: id, level, duty holder, grades, check."""
    checklist = build_checklist(load_plugins(), argv[1])
    for item in checklist["items"]:
        check = item["check"]
        rule = f"{check['metric']} {check['op']} {check['value']} {check['per']}" if check else "-"
        grades = item["grades"]
        band = f"{grades[0]}-{grades[-1]}" if grades == list(range(grades[0], grades[-1] + 1)) else grades
        print(f"{item['id']:55} {item['level']:11} {item['duty_holder']:20} {band!s:6} {rule}")
    print({d: v["count"] for d, v in checklist["domains"].items()})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
