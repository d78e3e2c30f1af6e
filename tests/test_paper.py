"""Paper that works: the checklist and report pages print on A4 with a
header (region, documents, as-of and print dates, versions), page numbers
in the page margins, no page holding only a heading, the escalation chain
drawn in pieces that fit a page, and a sign-off block.  Where Chromium is
installed each bundled region is printed to PDF and its pages counted."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
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


def page_texts(pdf: Path) -> list[str]:
    """The text printed on each page, as a reader would copy it: through
    ``pdftotext`` where poppler is installed, else through pypdf; NFKC folds
    the CJK radical forms some extractors return into ordinary characters.
    Judging extracted text, not the content stream, keeps the test
    independent of how Chromium encodes its fonts (Type 3 fonts use one
    byte a glyph, CID fonts two)."""
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True).stdout
        pages = out.decode("utf-8").split("\f")
        if pages and not pages[-1].strip():
            pages = pages[:-1]
    else:
        import pypdf

        pages = [page.extract_text() or "" for page in pypdf.PdfReader(pdf).pages]
    return [unicodedata.normalize("NFKC", text) for text in pages]


def margin_lines(html: str) -> list[str]:
    """The texts the four margin boxes draw (their ``content`` strings,
    the page counters left out)."""
    rule = re.search(r"@page \{.*\}", html).group(0)
    return [unicodedata.normalize("NFKC", text) for text in re.findall(r'"((?:[^"\\]|\\.)*)"', rule)]


def body_glyphs(text: str, margins: list[str]) -> int:
    """Characters printed on a page besides its margin boxes, whitespace
    not counted."""
    for margin in sorted(margins, key=len, reverse=True):
        text = text.replace(margin, "", 1)
    text = re.sub(r"\d", "", text)  # the page counters
    return len(re.sub(r"\s", "", text))


#: Characters a printed page must hold between its margins: a domain
#: heading alone is under ten, the shortest real page (the sign-off block)
#: over 50.
PAGE_FLOOR = 30


@pytest.mark.skipif(chromium is None, reason="no Chromium on this machine")
def test_each_region_prints_without_empty_or_heading_only_pages(run, tmp_path, checklists):
    """Each region's checklist, printed: every page has content between its
    margins, every page says 第 N 页，共 M 页 with the right numbers, the
    header names the region, and every requirement's id and text is on paper."""
    if not shutil.which("pdftotext"):
        pytest.importorskip("pypdf")
    pages = {}
    for region in BUNDLED:
        pages[region] = tmp_path / f"{region}.html"
        assert run("checklist", "-r", region, "--format", "html", "--output", str(pages[region])).exit_code == 0
    counts = {}
    for region, pdf in print_pdfs(pages, tmp_path).items():
        html = pages[region].read_text(encoding="utf-8")
        texts = page_texts(pdf)
        counts[region] = len(texts)
        assert 1 <= len(texts) <= MAX_PAGES[region], (region, len(texts))
        numbers = [re.findall(r"第\s*(\d+)\s*页[，,]\s*共\s*(\d+)\s*页", text) for text in texts]
        assert numbers == [[(str(n), str(len(texts)))] for n in range(1, len(texts) + 1)], region
        glyphs = [body_glyphs(text, margin_lines(html)) for text in texts]
        assert min(glyphs) >= PAGE_FLOOR, (region, glyphs)  # no empty page, no page holding only a heading
        header = re.search(r'@top-left \{ content: "([^"]*)"', html).group(1)
        assert all(unicodedata.normalize("NFKC", header) in text for text in texts), region
        paper = re.sub(r"\s", "", "".join(texts))
        for requirement in checklists[region]["items"]:
            assert requirement["id"] in paper, (region, requirement["id"])
            words = re.sub(r"\s", "", unicodedata.normalize("NFKC", requirement["text"]["zh"]))
            assert words[:12] in paper, (region, requirement["id"])
        assert "核对与签字" in texts[-1]  # the sign-off closes the last page
    print(counts)


@pytest.mark.skipif(chromium is None, reason="no Chromium on this machine")
def test_report_and_school_sheet_print_without_orphan_headings(run, tmp_path):
    """The report and a school sheet, printed: numbered pages, and no page
    ends with a section heading (CSS break rules keep each heading with
    what follows it)."""
    if not shutil.which("pdftotext"):
        pytest.importorskip("pypdf")
    db = tmp_path / "r.db"
    assert run("assess", "-r", "nanchang", "--facts", str(EXAMPLES / "nanchang-schools.csv"), "--db", str(db)).exit_code == 0
    pages = {"report": tmp_path / "report.html", "school": tmp_path / "school.html"}
    assert run("report", "--db", str(db), "--format", "html", "--output", str(pages["report"])).exit_code == 0
    assert run("report", "--db", str(db), "--school", "EX004", "--format", "html", "--output", str(pages["school"])).exit_code == 0
    for name, pdf in print_pdfs(pages, tmp_path).items():
        html = pages[name].read_text(encoding="utf-8")
        headings = {unicodedata.normalize("NFKC", re.sub(r"<[^>]+>", "", h)).strip()
                    for h in re.findall(r"<h2>(.*?)</h2>", html, flags=re.S)}
        texts = page_texts(pdf)
        numbers = [re.findall(r"第\s*(\d+)\s*页[，,]\s*共\s*(\d+)\s*页", text) for text in texts]
        assert numbers == [[(str(n), str(len(texts)))] for n in range(1, len(texts) + 1)], name
        margins = margin_lines(html)
        for number, text in enumerate(texts, start=1):
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            body = [line for line in lines if not any(m.strip() and m.strip() in line for m in margins)
                    and not re.search(r"第\s*\d+\s*页", line)]
            assert body, (name, number)
            assert body[-1] not in headings, (name, number, body[-1])  # a heading never ends a page
