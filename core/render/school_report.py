"""One school's sheet (see :func:`xinli.core.records.school.school_report_data`)
as Markdown, as a printable HTML document and as a workbook: every duty of
the school with its verdict and provenance -- required items not met, the
unanswered self-inspection items to check and tick, facts to fill in,
counts in progress, self-reported, verified and met items, the advisory
items apart, the rest -- and the sign-off block after the complete list."""

from __future__ import annotations

import io
from typing import Any

from xinli.core import messages
from xinli.core import vocabulary as vocab
from xinli.core.messages import msg
from xinli.core.render.cells import md_text
from xinli.core.render.words import detail_words, expected_words, observed_words

#: The sheet's groups (:data:`xinli.core.records.school.GROUPS`) with their headings, in print order.
SECTIONS = (("not_met", "school_not_met"), ("manual", "school_unanswered"), ("unknown", "school_unknown"),
            ("in_progress", "school_in_progress"), ("self_reported", "school_self_reported"),
            ("verified", "school_verified"), ("met", "school_met"), ("advisory", "school_advisory"),
            ("other", "school_other"))
#: Groups whose items get a box to tick (something to do or to check).
TO_TICK = ("not_met", "manual", "unknown", "in_progress")


def _title(data: dict[str, Any], lang: str) -> str:
    school = data["school"]
    title = f"{msg('school_report_title', lang)} — {school['school_id']} {school['school_name'] or ''}".rstrip()
    unanswered = school.get("unanswered") or 0
    if unanswered:
        note = msg("school_has_unanswered", lang, n=unanswered)
        title += f"（{note}）" if lang == "zh" else f" ({note})"
    return title


def _summary(data: dict[str, Any], lang: str) -> str:
    run = data["run"]
    sep = "，" if lang == "zh" else ", "
    counts = sep.join(f"{messages.status(k, lang)} {v}" for k, v in data["school"]["counts"].items() if v)
    sources = sep.join(f"{messages.provenance(k, lang)} {v}"
                       for k, v in (data["school"].get("provenance_counts") or {}).items() if v)
    period = f" · {msg('period', lang)}: {run['period']}" if run.get("period") else ""
    return (f"{msg('region', lang)}: {run['region']} · {msg('run', lang)} {run['id']} · {msg('run_as_of', lang)}: {run['as_of']}"
            f"{period} · {msg('grades', lang)}: {data['school']['grades'] or ''} · {counts}"
            + (f" · {msg('provenance_counts', lang)}: {sources}" if sources else ""))


def verdict_words(entry: dict[str, Any], lang: str) -> str:
    """A finding's verdict and how it was established, e.g. 符合（学校自查）;
    a recommended item not done reads 未采纳（建议）."""
    status = entry["status"]
    if status == "not_adopted" and entry["level"] != "required":
        words = f"{messages.msg('not_adopted_short', lang)}（{vocab.label(vocab.LEVELS, entry['level'], lang)}）" \
            if lang == "zh" else f"{messages.msg('not_adopted_short', lang)} ({vocab.label(vocab.LEVELS, entry['level'], lang)})"
    else:
        words = messages.status(status, lang)
    source = messages.provenance(entry.get("provenance"), lang)
    return f"{words} · {source}"


def _facts_line(entry: dict[str, Any], lang: str) -> str | None:
    """Expected / observed / detail of a finding in words (None for a manual item without any)."""
    parts = []
    if entry["expected"] and entry["expected"] != "manual":
        parts.append(f"{msg('expected', lang)}: {expected_words(entry['expected'], lang)}")
    if entry["observed"]:
        parts.append(f"{msg('observed', lang)}: {observed_words(entry['observed'], lang)}")
    if entry.get("detail"):
        parts.append(detail_words(entry["detail"], lang))
    return " · ".join(parts) or None


def render_school_markdown(data: dict[str, Any], lang: str = "zh") -> str:
    """The school's sheet as Markdown: every duty with its verdict and
    provenance, boxes to tick where something is to do or to check, the
    sign-off after the complete list.  Every text from the records (school
    name, evidence, observed values) is escaped (:func:`md_text`)."""
    out = [f"# {md_text(_title(data, lang))}", "", f"- {md_text(_summary(data, lang))}",
           f"- {md_text(msg('workflow', lang))}"]
    checked = data.get("verification")
    if checked and checked["verified"]:  # issue 20: how many of its self-reports an inspector checked
        out.append(f"- {msg('verification', lang)}: {msg('verified_n', lang, **{k: checked[k] for k in ('verified', 'disagreed')})}")
    for key, heading in SECTIONS:
        out += ["", f"## {msg(heading, lang)} ({len(data[key])})", ""]
        if not data[key]:
            out.append(f"_{msg('none_here', lang)}_")
        box = "- [ ] " if key in TO_TICK else "- "
        for entry in data[key]:
            level = vocab.label(vocab.LEVELS, entry["level"], lang)
            out.append(f"{box}**[{md_text(level)}]** {md_text(vocab.localize(entry['text'], lang))} "
                       f"`{md_text(entry['requirement_id'])}` — {md_text(verdict_words(entry, lang))}")
            facts = _facts_line(entry, lang)
            if facts:
                out.append(f"  - {md_text(facts)}")
            out.append(f"  - {msg('source', lang)}: {md_text(entry['document'])} {md_text(entry['clause'])} "
                       f"—「{md_text(entry['quote'])}」")
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
            line = _facts_line(entry, lang)
            facts = (f"<dt>{esc(msg('status', lang))}</dt><dd>{esc(verdict_words(entry, lang))}</dd>"
                     + (f"<dt>{esc(messages.column('detail', lang))}</dt><dd>{esc(line)}</dd>" if line else ""))
            box = '<input type="checkbox">' if key in TO_TICK else ""
            items.append(
                f'<li class="item level-{esc(level)}"><label>{box}'
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
    from xinli.core.render.cells import xlsx_row
    from xinli.core.render.xlsx import _openpyxl, print_setup, style_header

    openpyxl = _openpyxl()
    from openpyxl.styles import Alignment

    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = msg("school", lang)[:31] if lang != "both" else "school"
    keys = ["group", "status", "provenance", "requirement_id", "level", "text", "expected", "observed", "detail",
            "document", "clause", "quote"]
    header = [messages.column(k, lang) for k in keys]
    ws.append(header)
    for key, heading in SECTIONS:
        for entry in data[key]:
            ws.append(xlsx_row(ws, [msg(heading, lang), messages.status(entry["status"], lang),
                                    messages.provenance(entry["provenance"], lang), entry["requirement_id"],
                                    vocab.label(vocab.LEVELS, entry["level"], lang), vocab.localize(entry["text"], lang),
                                    expected_words(entry["expected"], lang), observed_words(entry["observed"], lang) or None,
                                    detail_words(entry["detail"], lang) or None, entry["document"], entry["clause"],
                                    entry["quote"]]))
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
