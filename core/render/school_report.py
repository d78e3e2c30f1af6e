"""One school's sheet (see :func:`xinli.core.records.school.school_report_data`)
as Markdown, as a one-page printable HTML document and as a workbook: the
requirements not met with clause and quote, the facts to fill in, the
manual items to attest, and a sign-off block."""

from __future__ import annotations

import io
from typing import Any

from xinli.core import messages
from xinli.core import vocabulary as vocab
from xinli.core.messages import msg
from xinli.core.render.words import expected_words, observed_words

SECTIONS = (("not_met", "school_not_met"), ("unknown", "school_unknown"), ("manual", "school_manual"))


def _title(data: dict[str, Any], lang: str) -> str:
    school = data["school"]
    return f"{msg('school_report_title', lang)} — {school['school_id']} {school['school_name'] or ''}".rstrip()


def _summary(data: dict[str, Any], lang: str) -> str:
    run = data["run"]
    sep = "，" if lang == "zh" else ", "
    counts = sep.join(f"{messages.status(k, lang)} {v}" for k, v in data["school"]["counts"].items() if v)
    return (f"{msg('region', lang)}: {run['region']} · {msg('run', lang)} {run['id']} · {msg('run_as_of', lang)}: {run['as_of']}"
            f" · {msg('grades', lang)}: {data['school']['grades'] or ''} · {counts}")


def render_school_markdown(data: dict[str, Any], lang: str = "zh") -> str:
    """The school's sheet as Markdown, with task boxes to tick."""
    out = [f"# {_title(data, lang)}", "", f"- {_summary(data, lang)}"]
    for key, heading in SECTIONS:
        out += ["", f"## {msg(heading, lang)} ({len(data[key])})", ""]
        if not data[key]:
            out.append(f"_{msg('none_here', lang)}_")
        for entry in data[key]:
            level = vocab.label(vocab.LEVELS, entry["level"], lang)
            out.append(f"- [ ] **[{level}]** {vocab.localize(entry['text'], lang)} `{entry['requirement_id']}`")
            if key != "manual":
                observed = f" · {msg('observed', lang)}: {observed_words(entry['observed'], lang)}" if entry["observed"] else ""
                out.append(f"  - {msg('expected', lang)}: {expected_words(entry['expected'], lang)}{observed}")
            out.append(f"  - {msg('source', lang)}: {entry['document']} {entry['clause']} —「{entry['quote']}」")
    out += ["", f"## {msg('sign_off', lang)}", "",
            f"{msg('checked_by', lang)}: ________  {msg('signed_date', lang)}: ________  {msg('school_seal', lang)}: ________"]
    return "\n".join(out) + "\n"


def render_school_html(data: dict[str, Any], lang: str = "zh", printed: dict[str, Any] | None = None) -> str:
    """The school's sheet as one printable A4 document."""
    from xinli.core.render.html import bi, esc, page
    from xinli.core.render.paper import header_block, paper_info, sign_off

    run = data["run"]
    # the page margins name the run, not the school: the school's name stays out of the stylesheet
    info = paper_info(_title(data, lang), [], run["as_of"], printed, lang, "run_as_of",
                      margin_title=f"{msg('school_report_title', lang)} · {msg('run', lang)} {run['id']}")
    body = [f"<header><h1>{esc(_title(data, lang))}</h1>", header_block(info),
            f'<p class="meta">{esc(_summary(data, lang))}</p></header>']
    for key, heading in SECTIONS:
        body.append(f'<section><h2>{esc(msg(heading, lang))} ({len(data[key])})</h2>')
        if not data[key]:
            body.append(f'<p class="muted">{esc(msg("none_here", lang))}</p>')
        items = []
        for entry in data[key]:
            level = entry["level"]
            facts = ""
            if key != "manual":
                observed = (f" · {esc(msg('observed', lang))}: {esc(observed_words(entry['observed'], lang))}"
                            if entry["observed"] else "")
                facts = f"<dt>{esc(msg('expected', lang))}</dt><dd>{esc(expected_words(entry['expected'], lang))}{observed}</dd>"
            items.append(
                f'<li class="item level-{esc(level)}"><label><input type="checkbox">'
                f'<span><span class="badge level-{esc(level)}">{esc(vocab.label(vocab.LEVELS, level, lang))}</span> '
                f"{bi(entry['text'], lang)}</span></label><dl class=\"details\">{facts}"
                f"<dt>{esc(msg('source', lang))}</dt><dd>{esc(entry['document'])} {esc(entry['clause'])}"
                f"<blockquote>「{esc(entry['quote'])}」</blockquote></dd>"
                f"<dt>{esc(msg('item_id', lang))}</dt><dd><code>{esc(entry['requirement_id'])}</code></dd></dl></li>"
            )
        if items:
            body.append('<ol class="items">' + "".join(items) + "</ol>")
        body.append("</section>")
    body.append(sign_off(lang))
    return page(_title(data, lang), lang, body, info)


def render_school_xlsx(data: dict[str, Any], lang: str = "zh") -> bytes:
    """The school's sheet as a workbook: one row per requirement to act
    on, grouped by what to do, ready to print on A4 landscape."""
    from xinli.core.render.xlsx import _openpyxl, print_setup, style_header

    openpyxl = _openpyxl()
    from openpyxl.styles import Alignment

    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = msg("school", lang)[:31] if lang != "both" else "school"
    keys = ["status", "requirement_id", "level", "text", "expected", "observed", "document", "clause", "quote"]
    header = [messages.column(k, lang) for k in keys]
    ws.append(header)
    for key, _heading in SECTIONS:
        for entry in data[key]:
            ws.append([messages.status(key, lang), entry["requirement_id"], vocab.label(vocab.LEVELS, entry["level"], lang),
                       vocab.localize(entry["text"], lang), expected_words(entry["expected"], lang),
                       observed_words(entry["observed"], lang) or None, entry["document"], entry["clause"], entry["quote"]])
    style_header(ws, header, {messages.column(k, lang): w for k, w in
                              {"text": 60, "quote": 50, "requirement_id": 36, "expected": 20}.items()})
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.auto_filter.ref = ws.dimensions
    print_setup(ws, _title(data, lang))
    workbook.properties.title = _title(data, lang)
    workbook.properties.creator = "xinli"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
