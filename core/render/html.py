"""Self-contained HTML pages: the printable checklist and the assessment
report.

Each page is one file: CSS inline (with a print stylesheet for A4), no
script, no font or image fetched from anywhere, drawings as inline SVG made
here.  The pages only format the checklist and report dictionaries.
"""

from __future__ import annotations

import re
from typing import Any

from xinli.core import messages
from xinli.core import vocabulary as vocab
from xinli.core.render.charts import STATUS_COLOURS, share_bars, stacked_bars, status_legend
from xinli.core.render.jinja import escape, render, safe
from xinli.core.render.markdown import check_text, conditions_text, grades_text, h
from xinli.core.render.paper import SIGNOFF_CSS, flow_figures, header_block, page_css, paper_info, sign_off
from xinli.core.render.words import detail_words, expected_words, observed_words
from xinli.core.views.escalation import escalation_chain

FONT_STACK = ('"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", '
              '"Hiragino Sans GB", "WenQuanYi Micro Hei", sans-serif')
LEVEL_COLOURS = {"required": "#b42318", "recommended": "#b54708", "encouraged": "#027a48", "permitted": "#475467"}
#: Schools drawn in the report's per-school chart; the table lists them all.
CHART_SCHOOLS = 60

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


def _code(text: str) -> str:
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", esc(text))


def page(title: str, lang: str, body: list[str], paper: dict[str, Any] | None = None) -> str:
    """A whole HTML document around ``body``; ``paper`` (see
    :func:`xinli.core.render.paper.paper_info`) adds the A4 page rules with
    running header and page numbers."""
    code = "en" if lang == "en" else "zh-CN"
    # the stylesheet holds fixed rules and catalogue words only (page_css never takes a school's text)
    return render("page.html", code=code, title=title, css=safe(_css() + page_css(paper or {}, lang)),
                  body=[safe(block) for block in body])


def _item_html(item: dict[str, Any], lang: str, labels: dict[str, dict[str, str]] | None = None) -> str:
    level = item["level"]
    rows: list[tuple[str, str]] = []
    whose = h("school_duty", lang) if item["school_duty"] else h("authority_duty", lang)
    rows.append((h("duty", lang), f"{label(vocab.ACTORS, item['duty_holder'], lang)} ({esc(whose)})"))
    rows.append((h("grades", lang), esc(grades_text(item["grades"]))))
    rows.append((h("subject", lang), esc(", ".join(vocab.label(vocab.ACTORS, s, lang) for s in item["subject"]))))
    if item["applies_if"]:
        rows.append((h("applies_if", lang), esc(conditions_text(item["applies_if"], lang))))
    if item.get("step"):
        step = item["step"]
        told = ", ".join(vocab.label(vocab.ACTORS, a, lang) for a in step["reports_to"])
        text = f"{step['order']}. {vocab.label(vocab.ACTORS, step['role'], lang)}" + (f" → {told}" if told else "")
        if step["condition"]:
            text += f" ({vocab.localize(step['condition'], lang)})"
        rows.append((h("step", lang), esc(text)))
    if item.get("partner"):
        partner = item["partner"]
        phone = f" ☎ {partner['phone']}" if partner["phone"] else ""
        rows.append((h("partner", lang), esc(vocab.localize(partner["name"], lang) + phone)))
    if item["check"]:
        rows.append((h("check", lang), _code(check_text(item["check"], lang, labels))))
    if item["deadline"]:
        reading = f" ({vocab.localize(item['deadline_reading'], lang)})" if item.get("deadline_reading") else ""
        rows.append((h("deadline", lang), esc(item["deadline"] + reading)))
    cite = item["citation"]
    rows.append((h("source", lang), f"{esc(cite['document'])} {esc(cite['clause'])}"
                 f"<blockquote>「{esc(cite['quote'])}」</blockquote>"))
    if item.get("replaces"):
        old = item["replaces"]["citation"]
        rows.append((h("replaces", lang), esc(f"{old['document']} {old['clause']}")))
    if item["note"]:
        rows.append((h("note", lang), bi(item["note"], lang)))
    details = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in rows)
    return (
        f'<li class="item level-{esc(level)}" id="{esc(item["id"])}">'
        f'<label><input type="checkbox" name="{esc(item["id"])}">'
        f'<span><span class="badge level-{esc(level)}">{label(vocab.LEVELS, level, lang)}</span> '
        f"{bi(item['text'], lang)}</span></label>"
        f'<dl class="details">{details}<dt>{esc(h("item_id", lang))}</dt><dd><code>{esc(item["id"])}</code></dd></dl></li>'
    )


def _filters_line(filters: dict[str, Any] | None, lang: str) -> str:
    """The filters a checklist was narrowed by, in words."""
    if not filters:
        return ""
    from xinli.core.views.filters import STAGE_LABELS

    parts = []
    if filters.get("duty_holder"):
        holder = filters["duty_holder"]
        parts.append(f"{h('duty', lang)}: {h('school_duty', lang) if holder == 'school' else vocab.label(vocab.ACTORS, holder, lang)}")
    if filters.get("grades"):
        parts.append(f"{h('grades', lang)}: {grades_text(filters['grades'])}")
    if filters.get("level"):
        parts.append(f"{h('level', lang)}: " + ", ".join(vocab.label(vocab.LEVELS, x, lang) for x in filters["level"]))
    if filters.get("stage"):
        parts.append(f"{h('stage', lang)}: {messages.pick(STAGE_LABELS[filters['stage']], lang)}")
    return f'<p class="meta">{esc(h("filtered", lang))}: {esc(" · ".join(parts))}</p>'


def render_checklist_html(checklist: dict[str, Any], lang: str = "zh") -> str:
    """The checklist as a printable A4 document: a header with region,
    documents, as-of and print dates and versions (repeated in the page
    margins with page numbers), each domain's items with checkboxes,
    levels, duty holders and citations, the escalation chain drawn in
    pieces that fit a page, and a sign-off block."""
    region = checklist["region"]
    labels = checklist.get("metric_labels")
    title = f"{vocab.localize(region['name'], lang)} — {h('title', lang)}"
    documents = [d["number"] for d in checklist["documents"] if d["encoded"]]
    info = paper_info(vocab.localize(region["name"], lang), documents, checklist.get("as_of"), checklist.get("print"), lang)
    body = [f"<header><h1>{bi(region['name'], lang)}</h1>", f"<p class=\"meta\">{esc(h('title', lang))} · "
            f"<code>{esc(region['code'])}</code> · {label(vocab.JURISDICTION_LEVELS, region['level'], lang)}"]
    if region["parents"]:
        chain = " → ".join(f"{vocab.localize(p['name'], lang)} ({p['code']}"
                           + (")" if p.get("installed", True) else f", {h('not_encoded', lang)})") for p in region["parents"])
        body[-1] += f" · {esc(h('parents', lang))}: {esc(chain)}"
    body[-1] += "</p>"
    body.append(header_block(info))
    filters = _filters_line(checklist.get("filters"), lang)
    if filters:
        body.append(filters)
    body.append(f"<h2>{esc(h('documents', lang))}</h2><ul class=\"docs\">")
    for doc in checklist["documents"]:
        flag = "" if doc["encoded"] else f" — <strong>{esc(h('not_encoded', lang))}</strong>"
        date = f", {esc(doc['date'])}" if doc["date"] else ""
        title = vocab.book_title(vocab.localize(doc['title'], lang))
        body.append(f"<li>{esc(doc['number'])}{esc(title)}, {esc(vocab.localize(doc['issuer'], lang))}"
                    f"{date}{flag}</li>")
    body.append("</ul>")
    for warning in checklist["warnings"]:
        body.append(f'<p class="warning">⚠ {bi(warning["message"], lang)}</p>')
    legend = " ".join(f'<span class="badge level-{k}">{label(vocab.LEVELS, k, lang)}</span>' for k in LEVEL_COLOURS)
    body.append(f'<p class="legend meta">{legend}</p></header>')
    links = []
    for domain in vocab.DOMAINS:
        name = vocab.label(vocab.DOMAINS, domain, lang)
        links.append(f'<a href="#domain-{domain}">{esc(name)} ({checklist["domains"][domain]["count"]})</a>')
    body.append(f'<nav class="toc">{"".join(links)}</nav>')
    for domain in vocab.DOMAINS:
        name = vocab.label(vocab.DOMAINS, domain, lang)
        heading = f"<h2>{esc(name)}</h2>"
        body.append(f'<section class="domain" id="domain-{domain}">')
        items = [item for item in checklist["items"] if item["domain"] == domain]
        blocks: list[str] = []
        if domain == "escalation":
            chain = escalation_chain(checklist)
            if chain["steps"]:
                blocks += flow_figures(chain, lang)
        encoded = checklist.get("domains", {}).get(domain, {}).get("encoded", True)
        if not items:
            blocks.append(f'<p class="unspecified">{esc(h("not_specified" if encoded else "not_yet_encoded", lang))}</p>')
        else:
            blocks.append('<ol class="items">' + "".join(_item_html(item, lang, labels) for item in items) + "</ol>")
        # the heading never ends a page: it shares an unbreakable block with
        # what follows it (the first drawing, or the first item)
        first = blocks[0]
        if first.startswith('<ol class="items">'):
            rest = first[len('<ol class="items">'):]
            end = rest.index("</li>") + len("</li>")
            body.append(f'<div class="keep">{heading}<ol class="items">{rest[:end]}</ol></div>')
            body.append(f'<ol class="items">{rest[end:]}')
        else:
            body.append(f'<div class="keep">{heading}{first}</div>')
        body += blocks[1:]
        body.append("</section>")
    body.append(sign_off(lang))
    body.append(f"<footer>{esc(h('checklist_footer', lang))}</footer>")
    return page(title, lang, body, info)


def rw(key: str, lang: str, **values: Any) -> str:
    """A report label in ``lang``, escaped."""
    return esc(messages.msg(REPORT_KEYS.get(key, key), lang, **values))


#: Report words kept under their historical keys, now in the catalogue.
REPORT_KEYS = {"title": "report_title", "as_of": "run_as_of", "footer": "report_footer", "level": "level"}


def render_report_html(data: dict[str, Any], lang: str = "zh", printed: dict[str, Any] | None = None) -> str:
    """The assessment report as one page: the run, the status counts, a bar
    chart of the share of schools meeting each requirement, stacked bars of
    status counts per school, and the tables behind them."""
    from xinli.core.assessment.assess import STATUSES

    run = data["run"]
    legend = status_legend(lang)
    title = f"{rw('title', lang)} — {rw('run', lang)} {run['id']} ({run['region']})"
    plugins = printed.get("plugins") if printed else None
    info = paper_info(f"{rw('title', lang)} {run['id']} · {run['region']}", [], run["as_of"],
                      {**(printed or {}), "plugins": plugins if plugins is not None else _run_versions(run)}, lang, "run_as_of")
    info["landscape"] = True
    body = [f"<header><h1>{title}</h1>", header_block({**info, "as_of_text": ""})]  # the as-of date is in the line below
    facts = f"{esc(run['facts_file'])} (sha256 {esc((run['facts_sha256'] or '')[:12])}…)"
    body.append(f'<p class="meta">{rw("as_of", lang)}: {esc(run["as_of"])} · {rw("recorded", lang)}: '
                f"{esc(run['created'])} · {rw('facts', lang)}: {facts} · {rw('schools', lang)}: {run['schools']} · "
                f"{rw('findings', lang)}: {run['findings']}</p></header>")
    body.append(f"<h2>{rw('status_counts', lang)}</h2>")
    body.append(stacked_bars([(rw("findings", lang), run["counts"])], rw("status_counts", lang), STATUSES, legend,
                             label_width=120))
    body.append("<table><tr>" + "".join(f'<th class="num">{_stacked(legend[s])}</th>' for s in STATUSES) + "</tr><tr>"
                + "".join(f'<td class="num">{run["counts"].get(s, 0)}</td>' for s in STATUSES) + "</tr></table>")
    school_reqs = [r for r in data["requirements"] if r["scope"] == "school"]
    body.append(f"<h2>{rw('share_chart', lang)}</h2>")
    rows = [(vocab.localize(r["text"], lang), r["share_met"], f"{r['requirement_id']}: {vocab.localize(r['text'], lang)}")
            for r in school_reqs if r["share_met"] is not None]
    undecided = len(school_reqs) - len(rows)
    caption = rw("share_note", lang) + (f" {rw('not_charted', lang, n=undecided)}" if undecided else "")
    chart = share_bars(rows, rw("share_chart", lang)) if rows else ""
    body.append(f"<figure>{chart}<figcaption>{caption}</figcaption></figure>")
    body.append(f"<h2>{rw('school_chart', lang)}</h2>")
    schools = data["schools"]
    chart_rows = [(f"{s['school_id']} {s['school_name']}".strip(), s["counts"]) for s in schools[:CHART_SCHOOLS]]
    caption = rw("school_chart_more", lang, n=CHART_SCHOOLS) if len(schools) > CHART_SCHOOLS else ""
    body.append(f"<figure>{stacked_bars(chart_rows, rw('school_chart', lang), STATUSES, legend)}"
                f"<figcaption>{caption}</figcaption></figure>")
    body.append(f"<h2>{rw('requirements', lang)}</h2><div class=\"scroll\"><table><tr><th>{rw('requirement', lang)}</th>"
                f"<th>{rw('level', lang)}</th><th>{rw('expected', lang)}</th>"
                + "".join(f'<th class="num">{_stacked(legend[s])}</th>' for s in STATUSES)
                + f'<th class="num">{rw("share", lang)}</th><th>{rw("source", lang)}</th></tr>')
    for req in school_reqs:
        share = "–" if req["share_met"] is None else f"{req['share_met']:.0%}"
        body.append(f"<tr><td><code>{esc(req['requirement_id'])}</code><br>{bi(req['text'], lang)}</td>"
                    f"<td>{label(vocab.LEVELS, req['level'], lang)}</td><td>{esc(expected_words(req['expected'], lang))}</td>"
                    + "".join(f'<td class="num">{req["counts"][s]}</td>' for s in STATUSES)
                    + f'<td class="num">{share}</td><td>{esc(req["document"])} {esc(req["clause"])}</td></tr>')
    body.append("</table></div>")
    body.append(f"<h2>{rw('region_findings', lang)}</h2>")
    if not data["region_findings"]:
        body.append(f"<p class=\"muted\">{rw('none', lang)}</p>")
    else:
        body.append(f"<table><tr><th>{rw('requirement', lang)}</th><th>{rw('status', lang)}</th>"
                    f"<th>{rw('expected', lang)}</th><th>{rw('observed', lang)}</th><th>{rw('source', lang)}</th></tr>")
        for f in data["region_findings"]:
            colour = STATUS_COLOURS.get(f["status"], "#475467")
            detail = f"<br><span class=\"muted\">{esc(detail_words(f['detail'], lang))}</span>" if f["detail"] else ""
            body.append(f"<tr><td><code>{esc(f['requirement_id'])}</code></td>"
                        f'<td><span class="badge" style="background:{colour}">{esc(legend.get(f["status"], f["status"]))}'
                        f"</span></td><td>{esc(expected_words(f['expected'], lang))}</td>"
                        f"<td>{esc(observed_words(f['observed'], lang))}{detail}</td>"
                        f"<td>{esc(f['document'])} {esc(f['clause'])}</td></tr>")
        body.append("</table>")
    body.append(f"<h2>{rw('school_table', lang)}</h2><div class=\"scroll\"><table><tr><th>{rw('school', lang)}</th>"
                + "".join(f'<th class="num">{_stacked(legend[s])}</th>' for s in STATUSES)
                + f"<th>{rw('not_met_required', lang)}</th></tr>")
    for school in schools:
        missing = "<br>".join(f"<code>{esc(m['requirement_id'])}</code> ({esc(expected_words(m['expected'], lang))}; "
                              f"{esc(observed_words(m['observed'], lang))})"
                              for m in school["required_not_met"])
        body.append(f"<tr><td>{esc(school['school_id'])} {esc(school['school_name'])}</td>"
                    + "".join(f'<td class="num">{school["counts"][s]}</td>' for s in STATUSES)
                    + f"<td>{missing}</td></tr>")
    body.append("</table></div>")
    changes = data["changes"]
    if changes is not None:
        body.append(f"<h2>{rw('changes', lang, run=changes['from_run'])}</h2>")
        if not changes["total"]:
            body.append(f"<p class=\"muted\">{rw('no_changes', lang)}</p>")
        else:
            from xinli.core.render.report import change_key

            body.append("<ul>" + "".join(f"<li>{esc(change_key(k, lang))}: {v}</li>" for k, v in changes["summary"].items()) + "</ul>")
            body.append(f"<table><tr><th>{rw('school', lang)}</th><th>{rw('requirement', lang)}</th>"
                        f"<th>{rw('before', lang)}</th><th>{rw('after', lang)}</th></tr>")
            for change in changes["changed"]:
                body.append(f"<tr><td>{esc(change['school_id'] or '—')}</td><td><code>{esc(change['requirement_id'])}"
                            f"</code></td><td>{esc(_status_or_absent(change['before'], lang))}</td>"
                            f"<td>{esc(_status_or_absent(change['after'], lang))}</td></tr>")
            body.append("</table>")
            if changes["truncated"]:
                body.append(f"<p class=\"muted\">… {rw('more', lang, n=changes['total'] - len(changes['changed']))}</p>")
    body.append(f"<footer>{rw('footer', lang)}</footer>")
    return page(f"{run['region']} — {messages.msg('run', lang)} {run['id']}", lang, body, info)


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
