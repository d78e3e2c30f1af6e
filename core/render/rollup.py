"""A roll-up report (see :func:`xinli.core.records.rollup.rollup_report_data`)
as Markdown, CSV, one HTML page and an xlsx workbook.

Chinese first: every fixed string comes from :data:`WORDS` in the chosen
language (``both`` puts Chinese before English), statuses and levels are
shown by their labels, never their keys.  The page names the region, the
as-of date, the print date and the versions used.
"""

from __future__ import annotations

import io
from typing import Any

from xinli.core import vocabulary as vocab
from xinli.core.render.cells import SafeWriter, md_code, md_text
from xinli.core.render.charts import STATUS_COLOURS, share_bars, status_legend
from xinli.core.render.html import bi, esc, page
from xinli.core.render.words import expected_words

WORDS: dict[str, tuple[str, str]] = {
    "title": ("汇总报告", "Roll-up report"),
    "rollup": ("汇总批次", "roll-up"),
    "region": ("辖区", "region"),
    "name": ("名称", "name"),
    "as_of": ("评估日期", "as of"),
    "created": ("汇总时间", "rolled up"),
    "printed": ("打印日期", "printed"),
    "sources": ("来源数", "sources"),
    "schools": ("学校数", "schools"),
    "versions": ("版本", "versions"),
    "warnings": ("警告", "Warnings"),
    "targets": ("本级辖区目标（全部汇总学校）", "The region's own targets (all rolled-up schools)"),
    "no_targets": ("本级没有辖区层面的目标。", "The region has no region-level targets."),
    "requirement": ("要求", "requirement"),
    "level": ("要求等级", "level"),
    "expected": ("标准", "expected"),
    "status": ("结论", "finding"),
    "observed": ("全辖区实际", "region-wide"),
    "source": ("依据", "source"),
    "subregion": ("下级辖区", "sub-region"),
    "own_view": ("该辖区自身结论", "its own finding"),
    "met": ("符合", "met"),
    "not_met": ("不符合", "not met"),
    "unknown": ("未知", "unknown"),
    "share": ("达标比例", "share met"),
    "below": ("低于目标", "below target"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "subregions": ("下级辖区（按必须项达标比例，最差在前）", "Sub-regions (share of required school items met, worst first)"),
    "share_note": ("达标比例 = 符合 ÷（符合 + 不符合 + 未知），按各辖区自身规则中的学校层面必须项计。",
                   "share met = met ÷ (met + not met + unknown), over the required school-level items of each "
                   "sub-region's own rules."),
    "items": ("最常未达到的必须项", "Required items most often not met"),
    "subregions_not_met": ("有学校未达到的辖区数", "sub-regions with schools not meeting it"),
    "provenance": ("各来源出处", "Provenance of each source"),
    "file": ("文件", "file"),
    "run": ("评估批次", "run"),
    "recorded": ("记录时间", "recorded"),
    "facts": ("事实文件 SHA-256", "facts SHA-256"),
    "rules": ("规则 SHA-256", "rules SHA-256"),
    "plugins": ("所用规则的插件版本", "versions of the rules applied"),
    "superseded": ("未计入：由 {file} 取代", "left out: superseded by {file}"),
    "used": ("已计入", "used"),
    "state": ("是否计入", "counted"),
    "field": ("项目", "field"),
    "value": ("内容", "value"),
    "by_subregion": ("本级目标分辖区对照", "Targets by sub-region"),
    "none": ("无。", "None."),
    "footer": ("由 xinli 生成。只含学校层面的结论，不含学生个人信息。",
               "Made by xinli from school-level findings; it holds no student data."),
}


def word(key: str, lang: str, **values: Any) -> str:
    """A fixed string of the roll-up report in ``lang``."""
    zh, en = WORDS[key]
    return vocab.localize({"zh": zh.format(**values), "en": en.format(**values)}, lang)


def _share(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _status(status: str | None, lang: str) -> str:
    return "–" if status is None else status_legend(lang).get(status, status)


def _name(entry: dict[str, Any], lang: str) -> str:
    name = entry["name"]["zh"] if lang != "en" else entry["name"]["en"]
    return name if name == entry["region"] else f"{name}（{entry['region']}）" if lang != "en" else f"{name} ({entry['region']})"


def _title_name(data: dict[str, Any], lang: str) -> str:
    rollup = data["rollup"]
    return _name({"region": rollup["region"], "name": rollup["name"]}, lang)


def _versions(data: dict[str, Any]) -> str:
    return "; ".join(f"{code} {version}" for code, version in data["rollup"]["plugins"].items())


def _below(entry: dict[str, Any], lang: str) -> str:
    if entry["below_target"] is None:
        return "–"
    return word("yes" if entry["below_target"] else "no", lang)


def render_rollup_markdown(data: dict[str, Any], lang: str = "zh", printed: str | None = None) -> str:
    """The roll-up report as Markdown.  Everything read from the source
    databases (file names, dates, texts, ids, versions, warnings naming
    files and schools) is escaped (:func:`md_text`): a source cannot add
    headings, links, images, HTML or table cells."""
    e = md_text
    r = data["rollup"]
    out = [
        f"# {word('title', lang)} — {e(_title_name(data, lang))}",
        "",
        f"- {word('region', lang)}: {e(r['region'])} · {word('rollup', lang)}: {e(r['id'])} · {word('as_of', lang)}: "
        f"{e(r['as_of'])} · {word('created', lang)}: {e(r['created'])}" + (f" · {word('printed', lang)}: {e(printed)}" if printed else ""),
        f"- {word('sources', lang)}: {e(r['sources'])} · {word('schools', lang)}: {e(r['schools'])}",
        f"- {word('versions', lang)}: {e(_versions(data))}",
    ]
    if r["warnings"]:
        out += ["", f"## {word('warnings', lang)}", ""]
        out += [f"- {e(vocab.localize(w['message'], lang))}" for w in r["warnings"]]
    out += ["", f"## {word('targets', lang)}", ""]
    if not data["targets"]:
        out.append(word("no_targets", lang))
    for t in data["targets"]:
        observed = f" · {word('observed', lang)}: {e(t['observed'])}" if t["observed"] else ""
        out += [f"### {md_code(t['requirement_id'])} {e(vocab.localize(t['text'], lang))}", "",
                f"- {word('status', lang)}: **{_status(t['status'], lang)}**{observed} · {word('expected', lang)}: "
                f"{e(expected_words(t['expected'], lang))} · {word('level', lang)}: {vocab.label(vocab.LEVELS, t['level'], lang)} · "
                f"{word('source', lang)}: {e(t['document'])} {e(t['clause'])}", ""]
        if t["by_subregion"]:
            out += [f"| {word('subregion', lang)} | {word('own_view', lang)} | {word('met', lang)} | {word('not_met', lang)} | "
                    f"{word('unknown', lang)} | {word('share', lang)} | {word('below', lang)} |",
                    "|---|---|---:|---:|---:|---:|---|"]
            for entry in t["by_subregion"]:
                own = entry["own_finding"]
                own_text = "–" if own is None else e(_status(own["status"], lang)) + (
                    f" ({e(own['observed'])})" if own["observed"] else "")
                c = entry["counts"] or {}
                out.append(f"| {e(_name(entry, lang))} | {own_text} | {e(c.get('met', '–'))} | {e(c.get('not_met', '–'))} | "
                           f"{e(c.get('unknown', '–'))} | {_share(entry['share_met'])} | {_below(entry, lang)} |")
            out.append("")
    out += ["", f"## {word('subregions', lang)}", "", word("share_note", lang), "",
            f"| {word('subregion', lang)} | {word('schools', lang)} | {word('as_of', lang)} | {word('met', lang)} | "
            f"{word('not_met', lang)} | {word('unknown', lang)} | {word('share', lang)} |",
            "|---|---:|---|---:|---:|---:|---:|"]
    for s in data["subregions"]:
        q = s["required"]
        out.append(f"| {e(_name(s, lang))} | {e(s['schools'])} | {e(s['as_of'])} | {e(q['met'])} | {e(q['not_met'])} | "
                   f"{e(q['unknown'])} | {_share(s['share_met'])} |")
    # issue 20: each sub-region's findings by provenance, so 符合 from self-inspection is never mixed in unsaid
    from xinli.core import messages
    from xinli.core.render.report import provenance_words

    sourced = [s for s in data["subregions"] if s.get("provenance_counts")]
    if sourced:
        out += ["", f"### {messages.msg('provenance_counts', lang)}", ""]
    for s in sourced:
        grouped: dict[str, dict[str, int]] = {}
        for key, n in s["provenance_counts"].items():
            status, _, source = key.partition(":")
            grouped.setdefault(source, {})[status] = n
        out.append(f"- {e(_name(s, lang))}: {provenance_words(grouped, lang)}")
    out += ["", f"## {word('items', lang)}", ""]
    if not data["items"]:
        out.append(word("none", lang))
    else:
        out += [f"| {word('requirement', lang)} | {word('not_met', lang)} | {word('met', lang)} | {word('unknown', lang)} | "
                f"{word('share', lang)} | {word('subregions_not_met', lang)} |", "|---|---:|---:|---:|---:|---:|"]
        for i in data["items"]:
            out.append(f"| {md_code(i['requirement_id'])} {e(vocab.localize(i['text'], lang))} | {e(i['not_met'])} | {e(i['met'])} | "
                       f"{e(i['unknown'])} | {_share(i['share_met'])} | {e(i['subregions_not_met'])}/{e(i['subregions'])} |")
    out += ["", f"## {word('provenance', lang)}", "",
            f"| {word('subregion', lang)} | {word('file', lang)} | {word('run', lang)} | {word('as_of', lang)} | "
            f"{word('recorded', lang)} | {word('facts', lang)} | {word('rules', lang)} | {word('plugins', lang)} | |",
            "|---|---|---:|---|---|---|---|---|---|"]
    for p in data["provenance"]:
        state = word("used", lang) if p["superseded_by"] is None else word("superseded", lang, file=e(p["superseded_by"]))
        plugins = "; ".join(f"{code} {version}" for code, version in p["rules_versions"].items())
        out.append(f"| {e(_name(p, lang))} | {e(p['source_file'])} | {e(p['run_id'])} | {e(p['as_of'])} | {e(p['created'])} | "
                   f"{e((p['facts_sha256'] or '')[:12])}… | {e((p['rules_sha256'] or '')[:12])}… | {e(plugins)} | {state} |")
    out += ["", word("footer", lang)]
    return "\n".join(out).rstrip() + "\n"


CSV_COLUMNS = ("rollup_id", "region", "name_zh", "name_en", "source_file", "run_id", "as_of", "schools", "required_met",
               "required_not_met", "required_unknown", "share_met")


def render_rollup_csv(data: dict[str, Any]) -> str:
    """One row per sub-region (worst first), with stable column keys;
    UTF-8 with a BOM so spreadsheet programs read the Chinese names."""
    buffer = io.StringIO()
    writer = SafeWriter(buffer, lineterminator="\n")  # a file name like "=1+1.db" stays text
    writer.writerow(CSV_COLUMNS)
    for s in data["subregions"]:
        q = s["required"]
        writer.writerow([data["rollup"]["id"], s["region"], s["name"]["zh"], s["name"]["en"], s["source_file"], s["run_id"],
                         s["as_of"], s["schools"], q["met"], q["not_met"], q["unknown"],
                         "" if s["share_met"] is None else s["share_met"]])
    return "\ufeff" + buffer.getvalue()


def render_rollup_html(data: dict[str, Any], lang: str = "zh", printed: str | None = None) -> str:
    """The roll-up report as one self-contained page with a bar chart of
    the sub-regions' shares."""
    r = data["rollup"]

    def w(key: str, **values: Any) -> str:
        return esc(word(key, lang, **values))

    body = [f"<header><h1>{w('title')} — {esc(_title_name(data, lang))}</h1>",
            f'<p class="meta">{w("region")}: {esc(r["region"])} · {w("rollup")}: {r["id"]} · {w("as_of")}: {esc(r["as_of"])} · '
            f"{w('created')}: {esc(r['created'])}" + (f" · {w('printed')}: {esc(printed)}" if printed else "")
            + f" · {w('sources')}: {r['sources']} · {w('schools')}: {r['schools']}</p>",
            f'<p class="meta">{w("versions")}: {esc(_versions(data))}</p></header>']
    if r["warnings"]:
        body.append(f"<h2>{w('warnings')}</h2><ul>" + "".join(f"<li>{bi(x['message'], lang)}</li>" for x in r["warnings"])
                    + "</ul>")
    body.append(f"<h2>{w('targets')}</h2>")
    if not data["targets"]:
        body.append(f'<p class="muted">{w("no_targets")}</p>')
    legend = status_legend(lang)
    for t in data["targets"]:
        colour = STATUS_COLOURS.get(t["status"], "#475467")
        body.append(f"<h3><code>{esc(t['requirement_id'])}</code> {bi(t['text'], lang)}</h3>"
                    f'<p><span class="badge" style="background:{colour}">{esc(legend.get(t["status"], t["status"]))}</span> '
                    f"{w('observed')}: {esc(t['observed'] or '–')} · {w('expected')}: {esc(expected_words(t['expected'], lang))} · "
                    f"{w('source')}: {esc(t['document'])} {esc(t['clause'])}</p>")
        if t["by_subregion"]:
            body.append(f"<table><tr><th>{w('subregion')}</th><th>{w('own_view')}</th><th class=\"num\">{w('met')}</th>"
                        f"<th class=\"num\">{w('not_met')}</th><th class=\"num\">{w('unknown')}</th>"
                        f"<th class=\"num\">{w('share')}</th><th>{w('below')}</th></tr>")
            for e in t["by_subregion"]:
                own = e["own_finding"]
                own_text = "–" if own is None else _status(own["status"], lang) + (f" ({own['observed']})" if own["observed"] else "")
                c = e["counts"] or {}
                body.append(f"<tr><td>{esc(_name(e, lang))}</td><td>{esc(own_text)}</td>"
                            f"<td class=\"num\">{c.get('met', '–')}</td><td class=\"num\">{c.get('not_met', '–')}</td>"
                            f"<td class=\"num\">{c.get('unknown', '–')}</td><td class=\"num\">{_share(e['share_met'])}</td>"
                            f"<td>{esc(_below(e, lang))}</td></tr>")
            body.append("</table>")
    body.append(f"<h2>{w('subregions')}</h2>")
    rows = [(_name(s, lang), s["share_met"], f"{s['region']}: {_share(s['share_met'])}") for s in data["subregions"]]
    if rows:
        body.append(f"<figure>{share_bars(rows, word('subregions', lang))}<figcaption>{w('share_note')}</figcaption></figure>")
    body.append(f"<table><tr><th>{w('subregion')}</th><th class=\"num\">{w('schools')}</th><th>{w('as_of')}</th>"
                f"<th class=\"num\">{w('met')}</th><th class=\"num\">{w('not_met')}</th><th class=\"num\">{w('unknown')}</th>"
                f"<th class=\"num\">{w('share')}</th></tr>")
    for s in data["subregions"]:
        q = s["required"]
        body.append(f"<tr><td>{esc(_name(s, lang))}</td><td class=\"num\">{s['schools']}</td><td>{esc(s['as_of'])}</td>"
                    f"<td class=\"num\">{q['met']}</td><td class=\"num\">{q['not_met']}</td><td class=\"num\">{q['unknown']}</td>"
                    f"<td class=\"num\">{_share(s['share_met'])}</td></tr>")
    body.append("</table>")
    body.append(f"<h2>{w('items')}</h2>")
    if not data["items"]:
        body.append(f'<p class="muted">{w("none")}</p>')
    else:
        body.append(f"<table><tr><th>{w('requirement')}</th><th class=\"num\">{w('not_met')}</th><th class=\"num\">{w('met')}"
                    f"</th><th class=\"num\">{w('unknown')}</th><th class=\"num\">{w('share')}</th>"
                    f"<th class=\"num\">{w('subregions_not_met')}</th></tr>")
        for i in data["items"]:
            body.append(f"<tr><td><code>{esc(i['requirement_id'])}</code><br>{bi(i['text'], lang)}</td>"
                        f"<td class=\"num\">{i['not_met']}</td><td class=\"num\">{i['met']}</td>"
                        f"<td class=\"num\">{i['unknown']}</td><td class=\"num\">{_share(i['share_met'])}</td>"
                        f"<td class=\"num\">{i['subregions_not_met']}/{i['subregions']}</td></tr>")
        body.append("</table>")
    body.append(f"<h2>{w('provenance')}</h2><div class=\"scroll\"><table><tr><th>{w('subregion')}</th><th>{w('file')}</th>"
                f"<th class=\"num\">{w('run')}</th><th>{w('as_of')}</th><th>{w('recorded')}</th><th>{w('facts')}</th>"
                f"<th>{w('rules')}</th><th>{w('plugins')}</th><th></th></tr>")
    for p in data["provenance"]:
        state = word("used", lang) if p["superseded_by"] is None else word("superseded", lang, file=p["superseded_by"])
        plugins = "; ".join(f"{code} {version}" for code, version in p["rules_versions"].items())
        body.append(f"<tr><td>{esc(_name(p, lang))}</td><td>{esc(p['source_file'])}</td><td class=\"num\">{p['run_id']}</td>"
                    f"<td>{esc(p['as_of'])}</td><td>{esc(p['created'])}</td><td><code>{esc((p['facts_sha256'] or '')[:12])}"
                    f"</code></td><td><code>{esc((p['rules_sha256'] or '')[:12])}</code></td><td>{esc(plugins)}</td>"
                    f"<td>{esc(state)}</td></tr>")
    body.append("</table></div>")
    body.append(f"<footer>{w('footer')}</footer>")
    return page(f"{word('title', lang)} — {_title_name(data, lang)}", lang, body)


def render_rollup_xlsx(data: dict[str, Any], lang: str = "zh", printed: str | None = None) -> bytes:
    """The roll-up report as a workbook: summary, targets, each target by
    sub-region, sub-regions (worst first), items most often not met,
    provenance and warnings; headers in ``lang``.  Text cells that look
    like formulas are written as text."""
    from xinli.core.render.xlsx import _openpyxl, _save

    openpyxl = _openpyxl()
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)

    def sheet(title_key: str, headers: list[str], rows: list[list[Any]]) -> None:
        ws = workbook.create_sheet(word(title_key, lang)[:31].replace("/", "／"))
        ws.append([word(h, lang) for h in headers])
        for c in ws[1]:
            c.font = Font(bold=True)
        for row in rows:
            ws.append(row)
            for c in ws[ws.max_row]:
                if c.data_type == "f":  # a text that starts with "=" stays text
                    c.data_type = "s"
        ws.freeze_panes = "A2"

    r = data["rollup"]
    sheet("title", ["field", "value"], [
        [word("region", lang), r["region"]], [word("rollup", lang), r["id"]], [word("as_of", lang), r["as_of"]],
        [word("created", lang), r["created"]], [word("printed", lang), printed or ""],
        [word("sources", lang), r["sources"]], [word("schools", lang), r["schools"]], [word("versions", lang), _versions(data)],
        *[[word("warnings", lang), vocab.localize(x["message"], lang)] for x in r["warnings"]],
    ])
    sheet("targets", ["requirement", "level", "expected", "status", "observed", "source"], [
        [f"{t['requirement_id']} {vocab.localize(t['text'], lang)}", vocab.label(vocab.LEVELS, t["level"], lang),
         expected_words(t["expected"], lang),
         _status(t["status"], lang), t["observed"], f"{t['document']} {t['clause']}"] for t in data["targets"]])
    sheet("by_subregion", ["requirement", "subregion", "own_view", "met", "not_met", "unknown", "share", "below"], [
        [t["requirement_id"], _name(e, lang),
         "–" if e["own_finding"] is None else _status(e["own_finding"]["status"], lang),
         (e["counts"] or {}).get("met"), (e["counts"] or {}).get("not_met"), (e["counts"] or {}).get("unknown"),
         e["share_met"], _below(e, lang)]
        for t in data["targets"] for e in t["by_subregion"]])
    sheet("subregion", ["subregion", "schools", "as_of", "met", "not_met", "unknown", "share"], [
        [_name(s, lang), s["schools"], s["as_of"], s["required"]["met"], s["required"]["not_met"], s["required"]["unknown"],
         s["share_met"]] for s in data["subregions"]])
    sheet("items", ["requirement", "not_met", "met", "unknown", "share", "subregions_not_met"], [
        [f"{i['requirement_id']} {vocab.localize(i['text'], lang)}", i["not_met"], i["met"], i["unknown"], i["share_met"],
         i["subregions_not_met"]] for i in data["items"]])
    sheet("provenance", ["subregion", "file", "run", "as_of", "recorded", "facts", "rules", "plugins", "state"], [
        [_name(p, lang), p["source_file"], p["run_id"], p["as_of"], p["created"], p["facts_sha256"], p["rules_sha256"],
         "; ".join(f"{c} {v}" for c, v in p["rules_versions"].items()),
         word("used", lang) if p["superseded_by"] is None else word("superseded", lang, file=p["superseded_by"])]
        for p in data["provenance"]])
    workbook.properties.creator = "xinli"
    return _save(workbook)
