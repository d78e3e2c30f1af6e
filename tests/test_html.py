"""HTML pages (checklist and report), read back with an HTML parser: no
script, no external URL, SVG drawn inline, every item present.  One test
renders the page in headless Chromium when one is installed."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from test_assess_cli import filled_template, to_csv

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
URL = re.compile(r"(?:https?:|ftp:|//[a-z0-9])", re.IGNORECASE)


class Page(HTMLParser):
    """Collects what a self-containment check needs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []
        self.ids: set[str] = set()
        self.checkboxes = 0
        self.style = ""
        self.text: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            self.attrs.append((tag, name, value or ""))
            if name == "id":
                self.ids.add(value)
        if tag == "input" and ("type", "checkbox") in attrs:
            self.checkboxes += 1
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.style += data
        else:
            self.text.append(data)


def parse(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


def assert_self_contained(page: Page) -> None:
    assert "script" not in page.tags and "link" not in page.tags and "iframe" not in page.tags
    assert "img" not in page.tags and "object" not in page.tags
    for tag, name, value in page.attrs:
        assert not (name in ("src", "srcset", "action", "data") and value), (tag, name, value)
        if name == "href":
            assert value.startswith("#"), (tag, name, value)
        assert not URL.search(value), (tag, name, value)
        assert not name.startswith("on"), (tag, name)
    assert not URL.search(page.style) and "@import" not in page.style and "@font-face" not in page.style
    assert "url(" not in page.style


def test_henan_checklist_page_is_self_contained_with_an_svg_flowchart(run, tmp_path, checklists):
    target = tmp_path / "henan.html"
    result = run("checklist", "--region", "henan", "--format", "html", "--output", str(target), "--lang", "both")
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    page = parse(text)
    assert_self_contained(page)
    assert "svg" in page.tags and page.tags.count("rect") >= 4
    assert "@page" in page.style and "A4" in page.style and "@media print" in page.style
    assert "Noto Sans CJK SC" in page.style
    items = checklists["henan"]["items"]
    assert page.checkboxes == len(items)
    assert {item["id"] for item in items} <= page.ids
    body = "".join(page.text)
    for item in items:
        assert item["text"]["zh"] in body and item["text"]["en"] in body
        assert item["citation"]["quote"] in body
    for domain in checklists["henan"]["domains"]:
        assert f"domain-{domain}" in page.ids


def test_languages(run, checklists):
    item = checklists["nanchang"]["items"][0]
    zh = "".join(parse(run("checklist", "--region", "nanchang", "--format", "html", "--lang", "zh").output).text)
    en = "".join(parse(run("checklist", "--region", "nanchang", "--format", "html", "--lang", "en").output).text)
    assert item["text"]["zh"] in zh and item["text"]["en"] not in zh
    assert item["text"]["en"] in en and item["text"]["zh"] not in en
    assert item["citation"]["quote"] in en  # the document's own words stay in Chinese


def test_every_bundled_region_renders(checklists):
    from xinli.core.render.html import render_checklist_html

    for checklist in checklists.values():
        page = parse(render_checklist_html(checklist, "both"))
        assert_self_contained(page)
        assert page.checkboxes == len(checklist["items"])


@pytest.fixture
def records(run, tmp_path) -> Path:
    header, rows = filled_template(run)
    facts = tmp_path / "facts.csv"
    facts.write_text(to_csv(header, rows), encoding="utf-8")
    db = tmp_path / "records.db"
    assert run("assess", "--region", "henan", "--facts", str(facts), "--db", str(db), "--as-of", "2026-11-01").exit_code == 0
    rows[0][header.index("fulltime_psych_teachers")] = "0"
    facts.write_text(to_csv(header, rows), encoding="utf-8")
    assert run("assess", "--region", "henan", "--facts", str(facts), "--db", str(db), "--as-of", "2026-11-01").exit_code == 0
    return db


def test_report_page_has_inline_svg_charts(run, records, tmp_path):
    target = tmp_path / "report.html"
    result = run("report", "--db", str(records), "--format", "html", "--output", str(target), "--lang", "both")
    assert result.exit_code == 0, result.output
    page = parse(target.read_text(encoding="utf-8"))
    assert_self_contained(page)
    # status counts, share per requirement, counts per school (a long chart drawn a page's worth of rows per figure)
    charts = re.findall(r'<svg class="chart"[^>]*aria-label="([^"]*)"', target.read_text(encoding="utf-8"))
    assert len(set(charts)) == 3 and page.tags.count("svg") == len(charts)
    body = "".join(page.text)
    for n in range(1, 6):
        assert f"HN{n:03}" in body
    assert "henan.staffing.fulltime-psych-teacher" in body
    assert "Changes since run 1" in body


@pytest.mark.skipif(shutil.which("chromium") is None, reason="no Chromium on this machine")
def test_chromium_renders_the_page_to_png(run, tmp_path):
    """Render the Henan page headless, offline, with a fresh profile."""
    page = tmp_path / "henan.html"
    run("checklist", "--region", "henan", "--format", "html", "--output", str(page))
    png = tmp_path / "henan.png"
    completed = subprocess.run(
        [shutil.which("chromium"), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
         f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1000,1400", f"--screenshot={png}", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000


HOSTILE = "</style><script>alert(1)</script><img src=x onerror=alert(2)>"


def _styles(page: str) -> list[str]:
    return re.findall(r"<style>(.*?)</style>", page, flags=re.S)


def test_a_hostile_school_name_is_text_never_style_or_script(run, tmp_path):
    """Issue 22 #2: a school named ``</style><script>…`` is shown as text on
    the school sheet and the report; the stylesheet holds none of it and no
    page has a script or an element the name smuggled in."""
    import csv

    rows = list(csv.reader((EXAMPLES / "nanchang-schools.csv").open(encoding="utf-8-sig")))
    rows[1][1] = HOSTILE
    facts = tmp_path / "facts.csv"
    with facts.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows[:3])
    db = tmp_path / "r.db"
    assert run("assess", "-r", "nanchang", "--facts", str(facts), "--db", str(db)).exit_code == 0
    school_id = rows[1][0]
    pages = {"school": run("report", "--db", str(db), "--school", school_id, "--format", "html").output,
             "report": run("report", "--db", str(db), "--format", "html").output}
    for name, page in pages.items():
        assert "<script" not in page.lower() and "<img" not in page.lower(), name
        assert page.count("<style>") == 1 and page.count("</style>") == 1, name
        assert all("alert" not in style and "script" not in style for style in _styles(page)), name
        assert "&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page, name  # shown, as text


def test_css_strings_cannot_end_the_stylesheet():
    from xinli.core.render.paper import _css_string, page_css

    text = _css_string('a"</style><script>\\')
    assert "<" not in text and ">" not in text and text.count('"') == 2
    css = page_css({"title": HOSTILE, "as_of_text": HOSTILE, "versions_text": HOSTILE}, "zh")
    assert "</style" not in css.lower() and "<script" not in css.lower()


def _report_page(run, tmp_path) -> str:
    db = tmp_path / "r.db"
    assert run("assess", "-r", "nanchang", "--facts", str(EXAMPLES / "nanchang-schools.csv"), "--db", str(db)).exit_code == 0
    return run("report", "--db", str(db), "--format", "html").output


def test_report_requirement_table_shows_what_a_reader_needs(run, tmp_path):
    page = _report_page(run, tmp_path)
    table = re.search(r'<table class="fixed requirements">.*?</table>', page, flags=re.S).group(0)
    heads = re.findall(r"<th[^>]*>(?!<h2>)([^<]*)</th>", re.search(r"<thead>.*?</thead>", table, flags=re.S).group(0))
    assert heads == ["要求", "要求等级", "符合", "不符合", "未答", "进行中", "达标比例"]
    assert "每学年新生进校后，进行心理普查" in table  # the requirement's words, not only its id
    assert "附录：各项要求的全部结论计数" in page and "已豁免" in page.split("附录：")[1]  # the other counts moved to the appendix


def test_report_region_findings_carry_their_chinese_text(run, tmp_path):
    page = _report_page(run, tmp_path)
    section = page.split("<h2>辖区层面结论</h2>")[1].split("</table>")[0]
    rows = re.findall(r"<tr><td>(.*?)<br><code", section, flags=re.S)
    assert rows and all(re.search(r"[\u4e00-\u9fff]", text) for text in rows)


def test_report_charts_sort_by_need_and_say_how_many(run, tmp_path):
    page = _report_page(run, tmp_path)
    from xinli.core.render.html import CHART_ROWS_PER_PAGE

    share = page.split("<h2>各项要求的达标学校比例</h2>")[1].split("</section>")[0]
    values = [int(v) for v in re.findall(r'class="value">(\d+)%</text>', share)]
    assert values and values == sorted(values)  # lowest share first, across the chart's parts
    assert f"按达标比例从低到高排列，共 {len(values)} 项" in share
    parts = share.split("</figure>")[:-1]
    assert len(parts) > 1 and all(len(re.findall(r'class="value">', part)) <= CHART_ROWS_PER_PAGE for part in parts)
    schools = page.split("<h2>各校结论状态</h2>")[1].split("</figure>")[0]
    assert "按不符合项从多到少排列，显示 6 所（共 6 所）" in schools
    labels = re.findall(r'class="label" text-anchor="end">([^<]*)</text>', schools)
    assert labels[0].startswith("EX004")  # the school with the most items not met comes first


def test_report_times_are_china_time_with_the_zone_named(run, tmp_path):
    page = _report_page(run, tmp_path)
    recorded = re.search(r"记录时间: (\d{4}-\d\d-\d\d \d\d:\d\d) 北京时间 \(UTC\+8\)", page)
    assert recorded
    from xinli.core.render.html import local_time

    assert local_time("2026-12-01T23:25:47+00:00", "zh") == "2026-12-02 07:25 北京时间 (UTC+8)"
    assert local_time("2026-12-01T23:25:47+00:00", "en") == "2026-12-02 07:25 China Standard Time (UTC+8)"


def test_legend_entries_never_overlap():
    from xinli.core.render.charts import FONT, legend_layout, status_legend
    from xinli.core.render.flowchart import text_width

    for lang in ("zh", "en", "both"):
        labels = list(status_legend(lang).values())
        places, height = legend_layout(labels, 680)
        boxes = [(x, y, x + 16 + text_width(label, FONT)) for (x, y), label in zip(places, labels, strict=True)]
        for n, (x, y, end) in enumerate(boxes):
            assert end <= 680 - 4 or x == 4.0
            assert all(not (y == y2 and x < end2 and x2 < end) for m, (x2, y2, end2) in enumerate(boxes) if m != n)
        assert height >= max(y for _x, y, _e in boxes) + 12


def test_checklist_template_escapes_every_text(checklists):
    """The checklist page is a Jinja2 template with autoescaping: text from
    a rules file (an item's words, note, quote, a region's name) is shown as
    text, never markup."""
    import copy

    from xinli.core.render.html import render_checklist_html

    checklist = copy.deepcopy(checklists["henan"])
    checklist["region"]["name"] = {"zh": HOSTILE, "en": HOSTILE}
    item = checklist["items"][0]
    item["text"] = {"zh": HOSTILE, "en": HOSTILE}
    item["note"] = {"zh": HOSTILE, "en": HOSTILE}
    item["citation"]["quote"] = HOSTILE
    page = render_checklist_html(checklist, "zh")
    assert "<script" not in page.lower() and "<img" not in page.lower()
    # the region's name heads each printed page from the stylesheet, CSS-escaped: it cannot end the <style>
    assert page.count("</style>") == 1 and all("<" not in style for style in _styles(page))
    assert page.count("&lt;/style&gt;&lt;script&gt;alert(1)&lt;/script&gt;") >= 4  # name, text, note, quote
