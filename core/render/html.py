"""Self-contained HTML pages: the printable checklist and the assessment
report.

Each page is one file: CSS inline (with a print stylesheet for A4), no
script, no font or image fetched from anywhere, drawings as inline SVG made
here.  The pages only format the checklist and report dictionaries.
"""

from __future__ import annotations

from typing import Any

from xinli.core import messages
from xinli.core import vocabulary as vocab
from xinli.core.render.charts import STATUS_COLOURS, share_bars, stacked_bars, status_legend
from xinli.core.render.jinja import escape, render, safe
from xinli.core.render.markdown import check_text, conditions_text, grades_text, h
from xinli.core.render.paper import SIGNOFF_CSS, flow_figures, header_block, page_css, paper_info, sign_off
from xinli.core.render.report import READER_COLUMNS, local_time
from xinli.core.render.words import detail_words, expected_words, observed_words, split_region_findings
from xinli.core.views.escalation import escalation_chain

FONT_STACK = ('"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", '
              '"Hiragino Sans GB", "WenQuanYi Micro Hei", sans-serif')
LEVEL_COLOURS = {"required": "#b42318", "recommended": "#b54708", "encouraged": "#027a48", "permitted": "#475467"}
#: Schools drawn in the report's per-school chart; the table lists them all.
CHART_SCHOOLS = 60
#: Rows of a bar chart drawn as one figure: a part that fits on an A4 page
#: (landscape too) with its heading and caption, so no chart is cut across
#: pages and no heading is left alone at a page foot.
CHART_ROWS_PER_PAGE = 20


def page_parts(rows: list[Any]) -> list[list[Any]]:
    """``rows`` in consecutive parts of at most :data:`CHART_ROWS_PER_PAGE`."""
    return [rows[n:n + CHART_ROWS_PER_PAGE] for n in range(0, len(rows), CHART_ROWS_PER_PAGE)]

CSS = """
:root { --ink: #1d2939; --muted: #5d6b82; --line: #d0d5dd; --soft: #f5f7fa; }
* { box-sizing: border-box; }
body { font-family: FONTS; color: var(--ink); margin: 0 auto; max-width: 920px; padding: 24px 28px 40px;
       line-height: 1.5; font-size: 15px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; border-bottom: 2px solid var(--ink); padding-bottom: 3px; margin: 28px 0 10px; }
h3 { font-size: 16px; margin: 18px 0 6px; }
.meta, .muted { color: var(--muted); font-size: 13px; }
.en { display: block; color: var(--muted); font-size: 0.92em; }
ul.docs { padding-left: 18px; margin: 6px 0; }
.warning { border-left: 4px solid #b54708; background: #fffaeb; padding: 6px 10px; margin: 6px 0; }
.legend span.badge { margin-right: 6px; }
.badge { display: inline-block; color: #fff; border-radius: 4px; padding: 0 6px; font-size: 12px;
         font-weight: 600; white-space: nowrap; vertical-align: 1px; }
LEVEL_BADGES
ol.items { list-style: none; padding: 0; margin: 0; }
li.item { border: 1px solid var(--line); border-left-width: 5px; border-radius: 6px; padding: 8px 12px;
          margin: 8px 0; break-inside: avoid; page-break-inside: avoid; }
LEVEL_BORDERS
li.item > label { display: flex; gap: 8px; align-items: flex-start; font-weight: 600; cursor: pointer; }
li.item > label input { width: 16px; height: 16px; margin-top: 3px; flex: none; }
dl.details { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0 0 24px;
             font-size: 13px; }
dl.details dt { color: var(--muted); }
dl.details dd { margin: 0; }
blockquote { margin: 0; padding-left: 8px; border-left: 3px solid var(--line); color: #344054; }
code { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 0.85em; background: var(--soft);
       padding: 0 3px; border-radius: 3px; }
.unspecified { font-style: italic; color: var(--muted); }
nav.toc { font-size: 13px; margin: 12px 0; }
nav.toc a { margin-right: 12px; color: inherit; }
figure { margin: 8px 0 14px; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-size: 13px; color: var(--muted); }
svg { max-width: 100%; height: auto; font-family: FONTS; }
svg .step { fill: #f8fafc; stroke: #475467; stroke-width: 1.2; }
svg .step.level-required { stroke: #b42318; }
svg .partners { fill: #ecfdf3; stroke: #027a48; stroke-width: 1.2; }
svg .arrow { stroke: #344054; stroke-width: 1.5; }
svg .head { fill: #344054; }
svg .role { font-size: 13px; font-weight: 700; fill: #101828; }
svg .act { font-size: 13px; fill: #1d2939; }
svg .told { font-size: 12px; fill: #475467; }
svg .cond { font-size: 11px; fill: #b54708; font-style: italic; }
svg .track { fill: #eef1f5; }
svg .grid { stroke: #d0d5dd; stroke-dasharray: 2 3; }
svg .label, svg .value, svg .legend { font-size: 12px; fill: #1d2939; }
svg .tick { font-size: 11px; fill: #5d6b82; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 6px 0 14px; }
th, td { border: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: var(--soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
th.num { font-size: 11px; font-weight: 600; white-space: nowrap; }
td code { overflow-wrap: anywhere; }
.scroll { overflow-x: auto; }
footer { margin-top: 32px; font-size: 12px; color: var(--muted); border-top: 1px solid var(--line); padding-top: 6px; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav.toc { display: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  li.item { border-left-width: 4px; }
  .badge, li.item, svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
  table { font-size: 8.5pt; }
  th.num { white-space: nowrap; font-size: 7.5pt; }
  svg.chart { max-width: 100%; }
  .scroll { overflow: visible; }
  tr { break-inside: avoid; page-break-inside: avoid; }
}
"""


def esc(text: Any) -> str:
    """Text escaped for HTML (the templates' own escaping)."""
    return escape(text)


def _css() -> str:
    badges = "\n".join(f".badge.level-{k} {{ background: {c}; }}" for k, c in LEVEL_COLOURS.items())
    borders = "\n".join(f"li.item.level-{k} {{ border-left-color: {c}; }}" for k, c in LEVEL_COLOURS.items())
    return (CSS + SIGNOFF_CSS).replace("FONTS", FONT_STACK).replace("LEVEL_BADGES", badges).replace("LEVEL_BORDERS", borders)


def bi(text: dict[str, str] | None, lang: str) -> str:
    """A ``{zh, en}`` text as HTML: one language, or Chinese with the
    English beneath it."""
    if not text:
        return ""
    if lang == "zh":
        return f'<span lang="zh-CN">{esc(text["zh"])}</span>'
    if lang == "en":
        return f'<span lang="en">{esc(text["en"])}</span>'
    if text["zh"] == text["en"]:
        return esc(text["zh"])
    return f'<span lang="zh-CN">{esc(text["zh"])}</span><span lang="en" class="en">{esc(text["en"])}</span>'


def label(table: dict[str, tuple[str, ...]], key: str, lang: str) -> str:
    """A vocabulary label, escaped."""
    return esc(vocab.label(table, key, lang))


def page(title: str, lang: str, body: list[str], paper: dict[str, Any] | None = None, extra_css: str = "") -> str:
    """A whole HTML document around ``body``; ``paper`` (see
    :func:`xinli.core.render.paper.paper_info`) adds the A4 page rules with
    running header and page numbers."""
    code = "en" if lang == "en" else "zh-CN"
    # the stylesheet holds fixed rules and catalogue words only (page_css never takes a school's text)
    return render("page.html", code=code, title=title, css=safe(_css() + extra_css + page_css(paper or {}, lang)),
                  body=[safe(block) for block in body])


#: A ``{zh, en}`` text: one language, or the Chinese with the English beneath it.
BI = """{% macro bi(text, lang) %}{% if text %}{% if lang == "zh" %}<span lang="zh-CN">{{ text.zh }}</span>\
{% elif lang == "en" %}<span lang="en">{{ text.en }}</span>{% elif text.zh == text.en %}{{ text.zh }}\
{% else %}<span lang="zh-CN">{{ text.zh }}</span><span lang="en" class="en">{{ text.en }}</span>{% endif %}{% endif %}\
{% endmacro %}"""

#: One checklist item: a checkbox, its level badge and text, and its details.
ITEM = BI + """{% macro item(i, lang) %}<li class="item level-{{ i.level }}" id="{{ i.id }}">\
<label><input type="checkbox" name="{{ i.id }}"><span><span class="badge level-{{ i.level }}">{{ i.level_label }}</span> \
{{ bi(i.text, lang) }}</span></label><dl class="details">{% for label, kind, value in i.rows %}<dt>{{ label }}</dt><dd>\
{% if kind == "check" %}{% for part, code in value %}{% if code %}<code>{{ part }}</code>{% else %}{{ part }}{% endif %}{% endfor %}\
{% elif kind == "source" %}{{ value.document }} {{ value.clause }}<blockquote>「{{ value.quote }}」</blockquote>\
{% elif kind == "bi" %}{{ bi(value, lang) }}{% else %}{{ value }}{% endif %}</dd>{% endfor %}\
<dt>{{ i.id_label }}</dt><dd><code>{{ i.id }}</code></dd></dl></li>{% endmacro %}"""


def _code_parts(text: str) -> list[tuple[str, bool]]:
    """``text`` cut at its backquotes: (part, is code) pairs."""
    return [(part, n % 2 == 1) for n, part in enumerate(text.split("`")) if part]


def _item_data(item: dict[str, Any], lang: str, labels: dict[str, dict[str, str]] | None = None) -> dict[str, Any]:
    """What the item template shows of one checklist item (plain text; the
    template escapes it)."""
    rows: list[tuple[str, str, Any]] = []
    whose = h("school_duty", lang) if item["school_duty"] else h("authority_duty", lang)
    rows.append((h("duty", lang), "text", f"{vocab.label(vocab.ACTORS, item['duty_holder'], lang)} ({whose})"))
    rows.append((h("grades", lang), "text", grades_text(item["grades"], lang)))
    rows.append((h("subject", lang), "text", ", ".join(vocab.label(vocab.ACTORS, s, lang) for s in item["subject"])))
    if item["applies_if"]:
        rows.append((h("applies_if", lang), "text", conditions_text(item["applies_if"], lang, labels)))
    if item.get("step"):
        step = item["step"]
        told = ", ".join(vocab.label(vocab.ACTORS, a, lang) for a in step["reports_to"])
        text = f"{step['order']}. {vocab.label(vocab.ACTORS, step['role'], lang)}" + (f" → {told}" if told else "")
        if step["condition"]:
            text += f" ({vocab.localize(step['condition'], lang)})"
        rows.append((h("step", lang), "text", text))
    if item.get("partner"):
        partner = item["partner"]
        phone = f" ☎ {partner['phone']}" if partner["phone"] else ""
        rows.append((h("partner", lang), "text", vocab.localize(partner["name"], lang) + phone))
    if item["check"]:
        rows.append((h("check", lang), "check", _code_parts(check_text(item["check"], lang, labels))))
    if item["deadline"]:
        reading = f" ({vocab.localize(item['deadline_reading'], lang)})" if item.get("deadline_reading") else ""
        rows.append((h("deadline", lang), "text", item["deadline"] + reading))
    rows.append((h("source", lang), "source", item["citation"]))
    if item.get("replaces"):
        old = item["replaces"]["citation"]
        rows.append((h("replaces", lang), "text", f"{old['document']} {old['clause']}"))
    if item["note"]:
        rows.append((h("note", lang), "bi", item["note"]))
    return {"id": item["id"], "level": item["level"], "level_label": vocab.label(vocab.LEVELS, item["level"], lang),
            "text": item["text"], "rows": rows, "id_label": h("item_id", lang)}


def _item_html(item: dict[str, Any], lang: str, labels: dict[str, dict[str, str]] | None = None) -> str:
    """One checklist item as HTML (the item template, escaped)."""
    from xinli.core.render.jinja import environment

    template = environment().from_string(ITEM + "{{ item(i, lang) }}")
    return template.render(i=_item_data(item, lang, labels), lang=lang)


def _filters_words(filters: dict[str, Any] | None, lang: str) -> str:
    """The filters a checklist was narrowed by, in words (plain text)."""
    if not filters:
        return ""
    from xinli.core.views.filters import STAGE_LABELS

    parts = []
    if filters.get("duty_holder"):
        holder = filters["duty_holder"]
        parts.append(f"{h('duty', lang)}: {h('school_duty', lang) if holder == 'school' else vocab.label(vocab.ACTORS, holder, lang)}")
    if filters.get("grades"):
        parts.append(f"{h('grades', lang)}: {grades_text(filters['grades'], lang)}")
    if filters.get("level"):
        parts.append(f"{h('level', lang)}: " + ", ".join(vocab.label(vocab.LEVELS, x, lang) for x in filters["level"]))
    if filters.get("stage"):
        parts.append(f"{h('stage', lang)}: {messages.pick(STAGE_LABELS[filters['stage']], lang)}")
    return " · ".join(parts)


CHECKLIST = ITEM + """\
<header><h1>{{ bi(region.name, lang) }}</h1><p class="meta">{{ words.title }} · <code>{{ region.code }}</code> · {{ level }}\
{% if chain %} · {{ words.parents }}: {{ chain }}{% endif %}</p>
{{ printinfo }}
{% if filters %}<p class="meta">{{ words.filtered }}: {{ filters }}</p>
{% endif %}<h2>{{ words.documents }}</h2><ul class="docs">
{% for d in documents %}<li>{{ d.number }}{{ d.title }}, {{ d.issuer }}{% if d.date %}, {{ d.date }}{% endif %}\
{% if not d.encoded %} — <strong>{{ words.not_encoded }}</strong>{% endif %}</li>
{% endfor %}</ul>
{% for w in warnings %}<p class="warning">⚠ {{ bi(w.message, lang) }}</p>
{% endfor %}<p class="legend meta">{% for key, label in legend %}{% if not loop.first %} {% endif %}\
<span class="badge level-{{ key }}">{{ label }}</span>{% endfor %}</p></header>
<nav class="toc">{% for d in domains %}<a href="#domain-{{ d.key }}">{{ d.name }} ({{ d.count }})</a>{% endfor %}</nav>
{#- a domain heading never ends a page: it shares an unbreakable block with the first drawing or item #}
{% for d in domains %}<section class="domain" id="domain-{{ d.key }}">
{% if d.figures %}<div class="keep"><h2>{{ d.name }}</h2>{{ d.figures[0] }}</div>
{% for figure in d.figures[1:] %}{{ figure }}
{% endfor %}{% if d.entries %}<ol class="items">{% for i in d.entries %}{{ item(i, lang) }}{% endfor %}</ol>
{% else %}<p class="unspecified">{{ d.empty }}</p>
{% endif %}{% elif d.entries %}<div class="keep"><h2>{{ d.name }}</h2><ol class="items">{{ item(d.entries[0], lang) }}</ol></div>
<ol class="items">{% for i in d.entries[1:] %}{{ item(i, lang) }}{% endfor %}</ol>
{% else %}<div class="keep"><h2>{{ d.name }}</h2><p class="unspecified">{{ d.empty }}</p></div>
{% endif %}</section>
{% endfor %}{{ signoff }}
<footer>{{ words.footer }}</footer>"""


def render_checklist_html(checklist: dict[str, Any], lang: str = "zh") -> str:
    """The checklist as a printable A4 document: a header with region,
    documents, as-of and print dates and versions (repeated in the page
    margins with page numbers), each domain's items with checkboxes,
    levels, duty holders and citations, the escalation chain drawn in
    pieces that fit a page, and a sign-off block.  Made from a Jinja2
    template with autoescaping."""
    from xinli.core.render.jinja import environment

    region = checklist["region"]
    labels = checklist.get("metric_labels")
    title = f"{vocab.localize(region['name'], lang)} — {h('title', lang)}"
    documents = [d["number"] for d in checklist["documents"] if d["encoded"]]
    info = paper_info(vocab.localize(region["name"], lang), documents, checklist.get("as_of"), checklist.get("print"), lang)
    chain = " → ".join(f"{vocab.localize(p['name'], lang)} ({p['code']}"
                       + (")" if p.get("installed", True) else f", {h('not_encoded', lang)})") for p in region["parents"])
    domains = []
    for domain in vocab.DOMAINS:
        items = [_item_data(item, lang, labels) for item in checklist["items"] if item["domain"] == domain]
        figures: list[Any] = []
        if domain == "escalation":
            escalation = escalation_chain(checklist)
            if escalation["steps"]:
                figures = [safe(figure) for figure in flow_figures(escalation, lang)]  # inline SVG built escaped
        encoded = checklist.get("domains", {}).get(domain, {}).get("encoded", True)
        domains.append({"key": domain, "name": vocab.label(vocab.DOMAINS, domain, lang), "entries": items, "figures": figures,
                        "count": checklist["domains"][domain]["count"],
                        "empty": h("not_specified" if encoded else "not_yet_encoded", lang)})
    words = {key: h(key, lang) for key in ("title", "parents", "filtered", "documents", "not_encoded", "checklist_footer")}
    words["footer"] = words.pop("checklist_footer")
    body = environment().from_string(CHECKLIST).render(
        region=region, lang=lang, words=words, level=vocab.label(vocab.JURISDICTION_LEVELS, region["level"], lang),
        chain=chain, printinfo=safe(header_block(info)), filters=_filters_words(checklist.get("filters"), lang),
        documents=[{"number": d["number"], "title": vocab.book_title(vocab.localize(d["title"], lang)),
                    "issuer": vocab.localize(d["issuer"], lang), "date": d["date"], "encoded": d["encoded"]}
                   for d in checklist["documents"]],
        warnings=checklist["warnings"], legend=[(k, vocab.label(vocab.LEVELS, k, lang)) for k in LEVEL_COLOURS],
        domains=domains, signoff=safe(sign_off(lang)))
    return page(title, lang, [body], info)


def rw(key: str, lang: str, **values: Any) -> str:
    """A report label in ``lang``, escaped."""
    return esc(messages.msg(REPORT_KEYS.get(key, key), lang, **values))


#: Report words kept under their historical keys, now in the catalogue.
REPORT_KEYS = {"title": "report_title", "as_of": "run_as_of", "footer": "report_footer", "level": "level"}



REPORT = """\
<header><h1>{{ title }}</h1>{{ printinfo }}
<p class="meta">{{ words.as_of }}: {{ run.as_of }} · {{ words.recorded }}: {{ recorded }} · \
{{ words.facts }}: {{ facts }} · {{ words.schools }}: {{ run.schools }} · {{ words.findings }}: {{ run.findings }}</p>
<p class="meta">{{ words.provenance_counts }}: {{ provenance }}</p></header>
<section><div class="keep"><h2>{{ words.status_counts }}</h2>{{ status_chart }}
<table class="fixed"><tr>{% for label in status_labels %}<th class="num">{{ label }}</th>{% endfor %}</tr>
<tr>{% for count in status_counts %}<td class="num">{{ count }}</td>{% endfor %}</tr></table></div></section>
{#- a long chart is drawn a page's worth of rows at a time: its heading stays with the first part, never alone at a page foot #}
{% macro charts(heading, parts, caption) %}<section><div class="keep"><h2>{{ heading }}</h2><figure>{{ parts[0] }}\
<figcaption>{{ caption }}</figcaption></figure></div>
{% for part in parts[1:] %}<figure>{{ part }}</figure>
{% endfor %}</section>{% endmacro %}
{{ charts(words.share_chart, share_charts, share_caption) }}
{{ charts(words.school_chart, school_charts, school_caption) }}
{#- a long table carries its section's heading in its head: repeated on each page, never left alone at a page foot #}
{% macro heading(text, columns, note="") %}<tr class="heading"><th colspan="{{ columns }}"><h2>{{ text }}</h2>\
{% if note %}<p class="muted">{{ note }}</p>{% endif %}</th></tr>{% endmacro %}
<section><table class="fixed requirements"><colgroup><col style="width:52%"><col style="width:10%">\
{% for _ in reader_labels %}<col style="width:7%">{% endfor %}<col style="width:10%"></colgroup>
<thead>{{ heading(words.requirements, 3 + reader_labels|length, words.requirements_note) }}
<tr><th>{{ words.requirement }}</th><th>{{ words.level }}</th>{% for label in reader_labels %}\
<th class="num">{{ label }}</th>{% endfor %}<th class="num">{{ words.share }}</th></tr></thead><tbody>
{% for r in requirement_rows %}<tr><td>{{ r.text }}<br><code class="id">{{ r.id }}</code></td><td>{{ r.level }}</td>\
{% for count in r.counts %}<td class="num">{{ count }}</td>{% endfor %}<td class="num">{{ r.share }}\
{% if r.sources %}<br><span class="muted">{{ r.sources }}</span>{% endif %}</td></tr>
{% endfor %}</tbody></table></section>
{% for section in region_sections %}
<section>{% if not section.rows %}<div class="keep"><h2>{{ section.heading }}</h2><p class="muted">{{ words.none }}</p></div>
{% else %}<table class="fixed"><colgroup><col style="width:44%"><col style="width:12%"><col style="width:16%">\
<col style="width:16%"><col style="width:12%"></colgroup>
<thead>{{ heading(section.heading, 5) }}<tr><th>{{ words.requirement }}</th><th>{{ words.status }}</th>\
<th>{{ words.expected }}</th><th>{{ words.observed }}</th><th>{{ words.source }}</th></tr></thead><tbody>
{% for f in section.rows %}<tr><td>{{ f.text }}<br><code class="id">{{ f.id }}</code>\
{% if f.duty %}<br><span class="muted">{{ f.duty }}</span>{% endif %}</td>\
<td><span class="badge status-{{ f.status }}">{{ f.status_label }}</span>\
{% if f.provenance %}<br><span class="muted">{{ f.provenance }}</span>{% endif %}</td><td>{{ f.expected }}</td>\
<td>{{ f.observed }}{% if f.detail %}<br><span class="muted">{{ f.detail }}</span>{% endif %}</td><td>{{ f.source }}</td></tr>
{% endfor %}</tbody></table>{% endif %}</section>
{% endfor %}
{% if verification %}<section><div class="keep"><h2>{{ verification.heading }}</h2>\
{% for line in verification.lines %}<p>{{ line }}</p>{% endfor %}</div></section>{% endif %}
<section><table class="fixed schools"><colgroup><col style="width:20%">{% for _ in status_labels %}\
<col style="width:5.5%">{% endfor %}<col></colgroup>
<thead>{{ heading(words.school_table, 2 + status_labels|length) }}<tr><th>{{ words.school }}</th>\
{% for label in status_labels %}<th class="num">{{ label }}</th>{% endfor %}<th>{{ words.not_met_required }}</th></tr></thead><tbody>
{% for s in school_rows %}<tr><td>{{ s.name }}</td>{% for count in s.counts %}<td class="num">{{ count }}</td>{% endfor %}\
<td>{% for m in s.missing %}{% if not loop.first %}<br>{% endif %}{{ m.text }} <code class="id">{{ m.id }}</code>{% endfor %}\
</td></tr>
{% endfor %}</tbody></table></section>
{{ changes }}
<section class="appendix"><table class="fixed appendix-table"><colgroup><col style="width:24%"><col style="width:14%">\
{% for _ in status_labels %}<col style="width:5%">{% endfor %}<col></colgroup>
<thead>{{ heading(words.appendix, 3 + status_labels|length, words.appendix_note) }}<tr><th>{{ words.requirement }}</th>\
<th>{{ words.expected }}</th>{% for label in status_labels %}<th class="num">{{ label }}</th>{% endfor %}\
<th>{{ words.source }}</th></tr></thead><tbody>
{% for r in appendix_rows %}<tr><td><code class="id">{{ r.id }}</code></td><td>{{ r.expected }}</td>\
{% for count in r.counts %}<td class="num">{{ count }}</td>{% endfor %}<td>{{ r.source }}</td></tr>
{% endfor %}</tbody></table></section>
<footer>{{ words.footer }}</footer>
"""

#: Statuses whose colour is light: their badge text is dark.
LIGHT_STATUSES = ("not_applicable", "not_required", "not_adopted", "unknown")

REPORT_CSS = """
table.fixed { table-layout: fixed; }
thead { display: table-header-group; }
tr.heading th { background: none; border: none; padding: 0; font-weight: normal; }
tr.heading h2 { margin-top: 18px; }
tr.heading p { margin: 0 0 6px; }
th.num, table.fixed th { white-space: normal; overflow-wrap: anywhere; }
code.id { font-size: 0.8em; color: var(--muted); background: none; padding: 0; overflow-wrap: anywhere; }
table.appendix-table { font-size: 11px; }
@media print { th.num { white-space: normal; } table.appendix-table { font-size: 7.5pt; } }
"""


def render_report_html(data: dict[str, Any], lang: str = "zh", printed: dict[str, Any] | None = None) -> str:
    """The assessment report as one page: the run, the status counts, the
    share of schools meeting each requirement (lowest first), status counts
    of the schools most in need, the requirements with what a reader acts
    on (met, not met, unanswered, in progress, share), region findings with
    their text, each school, the changes since the previous run and, in an
    appendix, every count per requirement.  Text is escaped by the
    template; section headings never end a page."""
    from xinli.core.assessment.assess import STATUSES
    from xinli.core.render.jinja import environment
    from xinli.core.render.report import met_sources, provenance_words, verification_block

    run = data["run"]
    legend = status_legend(lang)
    title = f"{messages.msg('report_title', lang)} — {messages.msg('run', lang)} {run['id']} ({run['region']})"
    plugins = printed.get("plugins") if printed else None
    info = paper_info(f"{messages.msg('report_title', lang)} {run['id']} · {run['region']}", [], run["as_of"],
                      {**(printed or {}), "plugins": plugins if plugins is not None else _run_versions(run)}, lang, "run_as_of")
    info["landscape"] = True
    words = {key: messages.msg(REPORT_KEYS.get(key, key), lang) for key in (
        "as_of", "recorded", "facts", "schools", "findings", "status_counts", "share_chart", "school_chart", "requirements",
        "requirement", "level", "share", "region_findings", "status", "expected", "observed", "source", "none", "school_table",
        "school", "not_met_required", "footer", "requirements_note", "appendix", "appendix_note", "provenance_counts")}
    texts = {r["requirement_id"]: vocab.localize(r["text"], lang) for r in data["requirements"] if r.get("text")}
    statuses = [s for s in STATUSES if s in legend]
    status_labels = [legend[s] for s in statuses]

    school_reqs = [r for r in data["requirements"] if r["scope"] in ("school", "manual")]
    decided = sorted((r for r in school_reqs if r["share_met"] is not None), key=lambda r: (r["share_met"], r["requirement_id"]))
    share_rows = [(vocab.localize(r["text"], lang), r["share_met"], f"{r['requirement_id']}: {vocab.localize(r['text'], lang)}")
                  for r in decided]
    share_caption = messages.msg("share_sorted", lang, n=len(share_rows)) + " " + messages.msg("share_note", lang)
    undecided = len(school_reqs) - len(share_rows)
    if undecided:
        share_caption += " " + messages.msg("not_charted", lang, n=undecided)

    schools = list(data["schools"])
    worst = sorted(schools, key=lambda s: (-s["counts"].get("not_met", 0), -s["counts"].get("unknown", 0), s["school_id"]))
    shown = worst[:CHART_SCHOOLS]
    school_caption = messages.msg("schools_sorted", lang, shown=len(shown), total=len(schools))

    def reader_counts(r: dict[str, Any]) -> list[int]:
        return [sum(r["counts"].get(s, 0) for s in keys) for _key, keys in READER_COLUMNS]

    requirement_rows = [{"text": vocab.localize(r["text"], lang), "id": r["requirement_id"],
                         "level": vocab.label(vocab.LEVELS, r["level"], lang), "counts": reader_counts(r),
                         "share": "–" if r["share_met"] is None else f"{r['share_met']:.0%}",
                         # issue 20: how the 符合 were established (never self-reported and verified mixed unsaid)
                         "sources": met_sources(r.get("by_provenance") or {}, lang) if r.get("by_provenance") else ""}
                        for r in school_reqs]
    def region_row(f: dict[str, Any]) -> dict[str, Any]:
        return {"text": texts.get(f["requirement_id"], ""), "id": f["requirement_id"], "status": f["status"],
                "status_label": legend.get(f["status"], f["status"]), "expected": expected_words(f["expected"], lang),
                "observed": observed_words(f["observed"], lang), "detail": detail_words(f["detail"], lang) if f["detail"] else "",
                "source": f"{f['document']} {f['clause']}",
                "duty": (f"{messages.msg('duty_holder_of', lang)}: {vocab.label(vocab.ACTORS, f['duty_holder'], lang)}"
                         if f.get("duty_holder") else ""),
                "provenance": messages.provenance(f.get("provenance"), lang) if f.get("provenance") else ""}

    authority, manual = split_region_findings(data)
    region_sections = [{"heading": words["region_findings"], "rows": [region_row(f) for f in authority]}]
    if manual:
        region_sections.append({"heading": messages.msg("manual_school_items", lang), "rows": [region_row(f) for f in manual]})
    school_rows = [{"name": f"{s['school_id']} {s['school_name'] or ''}".strip(), "counts": [s["counts"].get(k, 0) for k in statuses],
                    "missing": [{"id": m["requirement_id"], "text": texts.get(m["requirement_id"], "")} for m in s["required_not_met"]]}
                   for s in schools]
    appendix_rows = [{"id": r["requirement_id"], "expected": expected_words(r["expected"], lang),
                      "counts": [r["counts"].get(k, 0) for k in statuses], "source": f"{r['document']} {r['clause']}"}
                     for r in school_reqs]
    body = environment().from_string(REPORT).render(
        title=title, printinfo=safe(header_block({**info, "as_of_text": ""})), run=run, words=words,
        recorded=local_time(run["created"], lang), facts=f"{run['facts_file']} (sha256 {(run['facts_sha256'] or '')[:12]}…)",
        status_chart=safe(stacked_bars([(words["findings"], run["counts"])], words["status_counts"], tuple(statuses), legend,
                                       label_width=120)),
        status_labels=status_labels, status_counts=[run["counts"].get(s, 0) for s in statuses],
        share_charts=[safe(share_bars(part, words["share_chart"])) for part in page_parts(share_rows)] or [""],
        share_caption=share_caption,
        school_charts=[safe(stacked_bars(part, words["school_chart"], tuple(statuses), legend)) for part in page_parts(
            [(f"{s['school_id']} {s['school_name'] or ''}".strip(), s["counts"]) for s in shown])] or [""],
        school_caption=school_caption, reader_labels=[messages.msg(k, lang) if k in ("unanswered", "in_progress")
                                                      else legend[k] for k, _ in READER_COLUMNS],
        requirement_rows=requirement_rows, region_sections=region_sections, school_rows=school_rows,
        provenance=provenance_words(run.get("provenance_counts") or {}, lang),
        verification=verification_block(data.get("verification"), lang),
        changes=safe(_changes_html(data["changes"], lang)), appendix_rows=appendix_rows)
    badges = "".join(f".badge.status-{key} {{ background: {colour}; }}\n" for key, colour in STATUS_COLOURS.items())
    badges += "".join(f".badge.status-{key} {{ color: #1d2939; }}\n" for key in LIGHT_STATUSES)
    return page(f"{run['region']} — {messages.msg('run', lang)} {run['id']}", lang, [body], info, extra_css=REPORT_CSS + badges)


def _changes_html(changes: dict[str, Any] | None, lang: str) -> str:
    """What changed since the previous run, as a section (escaped here)."""
    if changes is None:
        return ""
    out = [f"<section><div class=\"keep\"><h2>{rw('changes', lang, run=changes['from_run'])}</h2>"]
    if not changes["total"]:
        out.append(f"<p class=\"muted\">{rw('no_changes', lang)}</p></div></section>")
        return "".join(out)
    from xinli.core.render.report import change_key

    out.append("<ul>" + "".join(f"<li>{esc(change_key(k, lang))}: {v}</li>" for k, v in changes["summary"].items()) + "</ul></div>")
    out.append(f"<table><thead><tr><th>{rw('school', lang)}</th><th>{rw('requirement', lang)}</th>"
               f"<th>{rw('before', lang)}</th><th>{rw('after', lang)}</th></tr></thead><tbody>")
    for change in changes["changed"]:
        out.append(f"<tr><td>{esc(change['school_id'] or '—')}</td><td><code>{esc(change['requirement_id'])}"
                   f"</code></td><td>{esc(_status_or_absent(change['before'], lang))}</td>"
                   f"<td>{esc(_status_or_absent(change['after'], lang))}</td></tr>")
    out.append("</tbody></table>")
    if changes["truncated"]:
        out.append(f"<p class=\"muted\">… {rw('more', lang, n=changes['total'] - len(changes['changed']))}</p>")
    out.append("</section>")
    return "".join(out)


def _stacked(label_text: str) -> str:
    """A bilingual column header on two lines (``zh / en`` → zh, en), so
    numeric columns stay narrow without wrapping character by character."""
    return "<br>".join(esc(part) for part in label_text.split(" / "))


def _status_or_absent(status: str | None, lang: str) -> str:
    return messages.status(status, lang) if status else messages.msg("absent", lang)


def _run_versions(run: dict[str, Any]) -> dict[str, str]:
    """Plugin versions recorded with a run (``plugins`` JSON: code → info)."""
    out = {}
    for code, entry in (run.get("plugins") or {}).items():
        if code != run["region"]:
            continue
        version = entry.get("version") if isinstance(entry, dict) else entry
        out[code] = str(version or "-").split()[-1]  # "xinli 0.1.0": distribution and version
    return out
