"""Paper that works: the checklist and report pages print on A4 with a
header (region, documents, as-of and print dates, versions), page numbers
in the page margins, no page holding only a heading, the escalation chain
drawn in pieces that fit a page, and a sign-off block.  Where Chromium is
installed each bundled region is printed to PDF and its pages counted."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from xinli.core.render.flowchart import render_svg
from xinli.core.render.paper import FLOW_PAGE_HEIGHT, flow_pieces, procedures
from xinli.core.views.escalation import escalation_chain

BUNDLED = ("chongqing_dadukou", "chongqing_qijiang", "henan", "nanchang", "sichuan_quxian")
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
#: Most A4 pages each region's zh checklist may take (docs/outputs.md
#: records the actual counts; the figure leaves room for other fonts).
MAX_PAGES = {"chongqing_dadukou": 16, "chongqing_qijiang": 15, "henan": 18, "nanchang": 29, "sichuan_quxian": 26}


def height(svg: str) -> float:
    return float(re.search(r'viewBox="0 0 [\d.]+ ([\d.]+)"', svg).group(1))


def test_checklist_page_states_what_it_is(run, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    page = run("checklist", "-r", "nanchang", "--format", "html", "--as-of", "2026-09-01").output
    assert "@page { size: A4;" in page
    assert "@bottom-right { content: \"第 \" counter(page) \" 页，共 \" counter(pages) \" 页\"" in page
    assert "@top-left { content: \"南昌市 · 洪教健字〔2019〕1号\"" in page
    assert "适用日期: 2026-09-01" in page and "打印日期: 2026-09-21" in page
    assert re.search(r"版本: xinli [\w.]+, nanchang [\w.]+", page)
    assert '<section class="signoff"><h2>核对与签字</h2>' in page and "核对人" in page and "学校（盖章）" in page
    english = run("checklist", "-r", "nanchang", "--format", "html", "--lang", "en").output
    assert '"Page " counter(page) " of " counter(pages)' in english and "Checked by" in english


def test_no_heading_stands_alone(run):
    """Every domain heading shares an unbreakable block with what follows."""
    page = run("checklist", "-r", "henan", "--format", "html").output
    headings = re.findall(r'<section class="domain"[^>]*>\s*(.{0,30})', page)
    assert headings and all(h.startswith('<div class="keep"><h2>') for h in headings)
    assert "h2, h3 { break-after: avoid;" in page


def test_escalation_is_drawn_in_pieces_that_fit_a_page(checklists):
    chain = escalation_chain(checklists["nanchang"])
    assert height(render_svg(chain, "zh")) > FLOW_PAGE_HEIGHT  # Nanchang's procedures are taller than a page
    drawn = 0
    for procedure in procedures(chain):
        pieces = flow_pieces(procedure, "zh")
        assert all(height(p) <= FLOW_PAGE_HEIGHT for p in pieces)
        drawn += sum(len(re.findall(r'class="role">\d+\. ', p)) for p in pieces)
    assert drawn == len(chain["steps"])  # every step once
    pieces = [p for procedure in procedures(chain) for p in flow_pieces(procedure, "zh")]
    assert sum("转介机构与热线" in p for p in pieces) == 1  # the partners close the last piece


def test_procedures_split_the_chain(checklists):
    chain = escalation_chain(checklists["nanchang"])
    split = procedures(chain)
    assert [p["steps"] for p in split] == [p["steps"] for p in chain["procedures"]]
    assert [bool(p["partners"]) for p in split][-1] and not any(p["partners"] for p in split[:-1])
    assert procedures({**chain, "procedures": []}) == [{**chain, "procedures": []}]


def test_report_prints_landscape_with_its_header(run, tmp_path):
    db = tmp_path / "r.db"
    assert run("assess", "-r", "nanchang", "--facts", str(EXAMPLES / "nanchang-schools.csv"), "--db", str(db)).exit_code == 0
    page = run("report", "--db", str(db), "--format", "html").output
    assert "@page { size: A4 landscape;" in page and "counter(pages)" in page
    assert "评估日期:" in page and "打印日期:" in page and "版本: xinli" in page


chromium = shutil.which("chromium") or shutil.which("chromium-browser")


def print_pdfs(pages: dict[str, Path], work: Path) -> dict[str, Path]:
    """Print each HTML page to PDF with headless Chromium (offline, a fresh
    profile each), all at once."""
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--no-first-run", "--no-pdf-header-footer"]
    pdfs = {name: work / f"{name}.pdf" for name in pages}
    names = list(pages)
    for start in range(0, len(names), 5):
        running = [subprocess.Popen([chromium, *flags, f"--user-data-dir={work / ('profile-' + name)}",
                                     f"--print-to-pdf={pdfs[name]}", pages[name].as_uri()],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                   for name in names[start:start + 5]]
        for process in running:
            assert process.wait(timeout=180) == 0
    assert all(pdf.exists() for pdf in pdfs.values())
    return pdfs


def margin_glyphs(html: str, pages: int) -> int:
    """Glyphs the four margin boxes draw: the text of their ``content``
    strings, with the page counters at their widest."""
    rule = re.search(r"@page \{.*\}", html).group(0)
    strings = re.findall(r'"((?:[^"\\]|\\.)*)"', rule)
    return sum(len(text) for text in strings) + 2 * len(str(pages))


def body_glyphs(pdf: Path, html: str) -> list[int]:
    """Glyphs drawn on each page besides the margin boxes (Chromium shows
    text with ``<glyph ids> Tj``, two bytes a glyph, spaces included)."""
    import pypdf

    pages = pypdf.PdfReader(pdf).pages
    margin = margin_glyphs(html, len(pages))
    return [sum(len(run) // 4 for run in re.findall(rb"<([0-9A-Fa-f]*)>\s*Tj\b", page.get_contents().get_data())) - margin
            for page in pages]


#: Glyphs a printed page must hold between its margins: a domain heading
#: alone is under ten, the shortest real page (the sign-off block) over 50.
PAGE_FLOOR = 30


@pytest.mark.skipif(chromium is None, reason="no Chromium on this machine")
def test_each_region_prints_without_empty_or_heading_only_pages(run, tmp_path):
    pytest.importorskip("pypdf")
    pages = {}
    for region in BUNDLED:
        pages[region] = tmp_path / f"{region}.html"
        assert run("checklist", "-r", region, "--format", "html", "--output", str(pages[region])).exit_code == 0
    counts = {}
    for region, pdf in print_pdfs(pages, tmp_path).items():
        glyphs = body_glyphs(pdf, pages[region].read_text(encoding="utf-8"))
        counts[region] = len(glyphs)
        assert 1 <= len(glyphs) <= MAX_PAGES[region], (region, glyphs)
        assert min(glyphs) >= PAGE_FLOOR, (region, glyphs)  # no empty page, no page holding only a heading
    print(counts)
