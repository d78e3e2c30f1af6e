"""Regenerate the screenshots in docs/screenshots/ with headless Chromium.

Usage: ``python scripts/screenshots.py`` (needs ``chromium`` on PATH).
Chromium runs offline with a fresh profile; the pages load nothing from
the network.  The report page is made from five invented schools.  It also
prints each bundled region's zh checklist to PDF and reports the A4 page
counts recorded in docs/outputs.md.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from xinli.core.assessment.facts import columns_for, template_csv
from xinli.core.assessment.metrics import collect_metrics
from xinli.core.assessment.pipeline import assess
from xinli.core.layering import chain_of
from xinli.core.records.database import open_database
from xinli.core.records.report import report_data
from xinli.core.registry import load_plugins
from xinli.core.render.flowchart import render_svg
from xinli.core.render.html import page, render_checklist_html, render_report_html
from xinli.core.views.checklist import build_checklist
from xinli.core.views.escalation import escalation_chain

TARGET = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--hide-scrollbars"]


def shoot(chromium: str, html: str, png: Path, size: str, work: Path) -> None:
    """Render ``html`` to ``png`` at window ``size`` (``WIDTHxHEIGHT``)."""
    source = work / (png.stem + ".html")
    source.write_text(html, encoding="utf-8")
    width, height = size.split("x")
    subprocess.run([chromium, *FLAGS, f"--user-data-dir={work / 'profile'}", f"--window-size={width},{height}",
                    f"--screenshot={png}", source.as_uri()], check=True, capture_output=True, timeout=120)
    print(f"wrote {png}")


def report_page(registry: object, work: Path) -> str:
    """The report page of a run over five invented schools: yes/no facts
    alternate, counts cycle through 0, 1 and 2."""
    from xinli.core import vocabulary as vocab

    columns = columns_for(build_checklist(registry, "henan"), collect_metrics(registry, chain_of(registry, "henan")[0]))
    flags = {key for key in columns.attributes if vocab.SCHOOL_ATTRIBUTES[key][0] == "bool"}
    flags |= {metric.key for metric in columns.metrics if metric.type == "boolean"}
    header = template_csv(columns, "key").lstrip("\ufeff").strip().split(",")
    rows = [",".join(header)]
    for n, grades in enumerate(["1-6", "7-9", "10-12", "1-9", "7-12"], start=1):
        fixed = {"school_id": f"HN{n:03}", "school_name": f"示例学校{n}", "grades": grades}
        rows.append(",".join(fixed[c] if c in fixed else ("是" if n % 2 else "否") if c in flags else str(n % 3)
                             for c in header))
    facts = work / "facts.csv"
    facts.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assess(registry, "henan", facts, work / "records.db")
    return render_report_html(report_data(open_database(work / "records.db", create=False)), "zh", PRINTED)


PRINTED = {"printed": "2026-09-01", "xinli": "0.1.0"}


def with_print(registry: object, checklist: dict) -> dict:
    """The checklist with what its printed page states (fixed dates, so the
    pictures do not change from day to day)."""
    from xinli.core.assessment.metrics import collect_metrics

    plugins = {checklist["region"]["code"]: registry.plugins[checklist["region"]["code"]].version or "-"}
    labels = {k: {"zh": m.label.zh, "en": m.label.en} for k, m in collect_metrics(registry).items()}
    return {**checklist, "print": {**PRINTED, "plugins": plugins}, "metric_labels": labels}


def page_counts(chromium: str, registry: object, work: Path) -> dict[str, int]:
    """A4 pages of each bundled region's zh checklist printed by Chromium."""
    import re

    counts = {}
    for code in registry.codes:
        source = work / f"{code}.html"
        source.write_text(render_checklist_html(with_print(registry, build_checklist(registry, code)), "zh"), encoding="utf-8")
        pdf = work / f"{code}.pdf"
        subprocess.run([chromium, *FLAGS, f"--user-data-dir={work / 'profile'}", "--no-pdf-header-footer",
                        f"--print-to-pdf={pdf}", source.as_uri()], check=True, capture_output=True, timeout=180)
        counts[code] = len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))
    return counts


def main() -> int:
    """Write the checklist and flowchart screenshots."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("chromium is not installed", file=sys.stderr)
        return 1
    registry = load_plugins()
    TARGET.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        henan = build_checklist(registry, "henan")
        shoot(chromium, render_checklist_html(with_print(registry, henan), "zh"), TARGET / "henan-checklist.png",
              "1000x1500", work)
        flow = render_svg(escalation_chain(henan), "both")
        shoot(chromium, page("Henan escalation", "both", [flow]), TARGET / "henan-escalation.png", "800x820", work)
        nanchang = build_checklist(registry, "nanchang")
        flow = render_svg(escalation_chain(nanchang), "zh")
        shoot(chromium, page("Nanchang escalation", "zh", [flow]), TARGET / "nanchang-escalation.png", "800x1760", work)
        shoot(chromium, report_page(registry, work), TARGET / "henan-report.png", "1000x1500", work)
        for code, count in page_counts(chromium, registry, work).items():
            print(f"{code}: {count} A4 pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
