"""An assessment report (see :func:`xinli.core.records.report.report_data`)
as Markdown and as CSV (one row per school), every fixed word from the
message catalogue in the chosen language, and as streamed JSON."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

from xinli.core import messages
from xinli.core import vocabulary as vocab
from xinli.core.assessment.statuses import PROVENANCES, STATUSES
from xinli.core.messages import msg
from xinli.core.render.cells import SafeWriter, md_code, md_text
from xinli.core.render.csv import BOM
from xinli.core.render.words import detail_words, expected_words, observed_words, split_region_findings


def change_key(key: str, lang: str) -> str:
    """A change summary key ``met -> not_met`` in words."""
    before, _, after = key.partition(" -> ")

    def word(status: str) -> str:
        return msg("absent", lang) if status == "absent" else messages.status(status, lang)

    return f"{word(before)} → {word(after)}"


def provenance_words(counts: dict[str, dict[str, int]], lang: str) -> str:
    """Counts by provenance and status in words, e.g. 学校自查：符合 20，不适用 2；
    据填报数据：符合 5 -- so a count of 符合 never mixes self-reported with
    verified findings unsaid."""
    sep, outer = ("，", "；") if lang == "zh" else (", ", "; ")
    colon = "：" if lang == "zh" else ": "
    parts = []
    for source in PROVENANCES:
        tally = counts.get(source) or {}
        shown = sep.join(f"{messages.status(k, lang)} {v}" for k, v in tally.items() if v)
        if shown:
            parts.append(f"{messages.provenance(source, lang)}{colon}{shown}")
    return outer.join(parts)


def met_sources(by_provenance: dict[str, int], lang: str) -> str:
    """A requirement's met (or adopted) findings by provenance, e.g.
    据填报数据 5 · 学校自查 3 ("–" when none)."""
    tally: dict[str, int] = {}
    for key, n in by_provenance.items():
        status, _, source = key.partition(":")
        if status in ("met", "adopted") and n:
            tally[source] = tally.get(source, 0) + n
    return " · ".join(f"{messages.provenance(p, lang)} {tally[p]}" for p in PROVENANCES if p in tally) or "–"


def render_report_markdown(data: dict[str, Any], lang: str = "zh") -> str:
    """The report as Markdown; every value read from the records (school
    ids and names, the facts file's name, observed values, waiver and
    attestation details, and the requirement texts, ids and citations a
    run stored) is escaped, so it cannot add headings, links, images, HTML
    or table cells."""
    run = data["run"]
    sep = "，" if lang == "zh" else ", "

    def text(t: dict[str, str]) -> str:
        return vocab.localize(t, lang)

    def m(key: str, **values: Any) -> str:
        return msg(key, lang, **values)

    counts = sep.join(f"{messages.status(k, lang)} {v}" for k, v in run["counts"].items())
    out = [
        f"# {m('report_title')} — {m('run')} {run['id']} ({md_text(run['region'])})",
        "",
        f"- {m('run_as_of')}: {md_text(run['as_of'])} · {m('recorded')}: {md_text(local_time(run['created'], lang))} · "
        f"{m('facts')}: {md_text(run['facts_file'])} "
        f"(sha256 {md_text(run['facts_sha256'][:12])}…)",
        f"- {m('schools')}: {run['schools']} · {m('findings')}: {run['findings']}",
        f"- {m('status_counts')}: {counts}",
        f"- {m('provenance_counts')}: {provenance_words(run.get('provenance_counts') or {}, lang)}"
        + (f" · {m('period')}: {md_text(run['period'])}" if run.get("period") else ""),
        "",
        f"## {m('requirements')}",
        "",
        f"_{m('requirements_note')}_",
        "",
        "| " + " | ".join([m("requirement"), msg("level", lang), m("expected"),
                          *(m(key) if key in ("unanswered", "in_progress") else messages.status(key, lang)
                            for key, _statuses in READER_COLUMNS),
                          m("share"), m("met_sources"), m("source")]) + " |",
        "|---|---|---|" + "---:|" * (len(READER_COLUMNS) + 1) + "---|---|",
    ]
    school_reqs = [req for req in data["requirements"] if req["scope"] != "region"]
    for req in school_reqs:
        c = req["counts"]
        share = f"{req['share_met']:.0%}" if req["share_met"] is not None else "–"
        out.append(
            f"| {md_text(text(req['text']))} {md_code(req['requirement_id'])} | {vocab.label(vocab.LEVELS, req['level'], lang)} | "
            f"{md_text(expected_words(req['expected'], lang))} | "
            + " | ".join(str(sum(c.get(s, 0) for s in statuses)) for _key, statuses in READER_COLUMNS)
            + f" | {share} | {met_sources(req.get('by_provenance') or {}, lang)} | {md_text(req['document'])} {md_text(req['clause'])} |"
        )
    authority, manual = split_region_findings(data)
    for heading, findings in (("region_findings", authority), ("manual_school_items", manual)):
        if heading == "manual_school_items" and not findings:
            continue
        out += ["", f"## {m(heading)}", ""]
        if not findings:
            out.append(f"_{m('none')}_")
        for f in findings:
            observed = f" ({m('observed')} {md_text(observed_words(f['observed'], lang))})" if f["observed"] else ""
            detail = f" — {md_text(detail_words(f['detail'], lang))}" if f["detail"] else ""
            out.append(f"- **{messages.status(f['status'], lang)}** · {messages.provenance(f.get('provenance'), lang)} "
                       f"{md_code(f['requirement_id'])} "
                       f"[{vocab.label(vocab.LEVELS, f['level'], lang)}] {m('expected')} "
                       f"{md_text(expected_words(f['expected'], lang))}{observed}{detail}"
                       f" — {m('duty_holder_of')}: {vocab.label(vocab.ACTORS, f['duty_holder'], lang)}"
                       f" — {md_text(f['document'])} {md_text(f['clause'])}")
    out += verification_markdown(data.get("verification"), lang)
    out += ["", f"## {m('school_table')}", ""]
    for school in data["schools"]:
        line = sep.join(f"{messages.status(k, lang)} {v}" for k, v in school["counts"].items() if v)
        out.append(f"### {md_text(school['school_id'])} {md_text(school['school_name'])}".rstrip())
        out.append("")
        out.append(f"- {line}")
        if school.get("provenance_counts"):
            out.append(f"- {m('provenance_counts')}: {provenance_words(school['provenance_counts'], lang)}")
        for miss in school["required_not_met"]:
            out.append(f"- {m('not_met_required_item')}: {md_code(miss['requirement_id'])} "
                       f"{m('expected')} {md_text(expected_words(miss['expected'], lang))}{sep}"
                       f"{m('observed')} {md_text(observed_words(miss['observed'], lang))} — "
                       f"{md_text(miss['document'])} {md_text(miss['clause'])}")
        out.append("")
    changes = data["changes"]
    if changes is not None:
        out += [f"## {m('changes', run=changes['from_run'])}", ""]
        if not changes["total"]:
            out.append(f"_{m('no_changes')}_")
        for key, count in changes["summary"].items():
            out.append(f"- {change_key(key, lang)}: {count}")
        if changes["changed"]:
            out.append("")
        for change in changes["changed"]:
            who = md_text(change["school_id"]) if change["school_id"] else m("region_row")
            before = messages.status(change["before"], lang) if change["before"] else m("absent")
            after = messages.status(change["after"], lang) if change["after"] else m("absent")
            out.append(f"- {who} {md_code(change['requirement_id'])}: {before} → {after}")
        if changes["truncated"]:
            out.append(f"- … {m('more', n=changes['total'] - len(changes['changed']))}")
        out.append("")
    # every count per requirement, for whoever needs more than the reader's columns above
    out += [f"## {m('appendix')}", "", f"_{m('appendix_note')}_", "",
            "| " + " | ".join([m("requirement"), *(messages.status(s, lang) for s in STATUSES)]) + " |",
            "|---|" + "---:|" * len(STATUSES)]
    for req in school_reqs:
        out.append(f"| {md_code(req['requirement_id'])} | " + " | ".join(str(req["counts"][s]) for s in STATUSES) + " |")
    return "\n".join(out).rstrip() + "\n"


#: Columns of the report's requirement table: what a reader acts on, each
#: summing the statuses it stands for; every count is in the appendix.
READER_COLUMNS = (("met", ("met",)), ("not_met", ("not_met",)), ("unanswered", ("unknown", "manual")),
                  ("in_progress", ("not_yet_due", "in_progress")))


def local_time(stamp: str | None, lang: str) -> str:
    """A stored UTC time (ISO 8601) in China's time zone, the zone named:
    ``2026-12-02 07:25 北京时间 (UTC+8)``."""
    if not stamp:
        return ""
    import datetime as dt

    try:
        moment = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    try:
        from zoneinfo import ZoneInfo

        zone: dt.tzinfo = ZoneInfo("Asia/Shanghai")
    except Exception:  # no time-zone database (some Windows installs): China keeps UTC+8 all year
        zone = dt.timezone(dt.timedelta(hours=8))
    return f"{moment.astimezone(zone):%Y-%m-%d %H:%M} {messages.msg('china_time', lang)}"


def verification_markdown(stats: dict[str, Any] | None, lang: str = "zh") -> list[str]:
    """The report's verification section (issue 20): the disagreement rate
    of verified self-reports (the region's trust figure) and, per school
    and per item, how many self-reports were verified and how many of
    those disagreed.  Nothing for a run without provenance."""
    if stats is None:
        return []
    out = ["", f"## {msg('verification', lang)}", "", *(f"- {line}" for line in _verification_summary(stats, lang))]
    for key, rows in (("school_id", stats["schools"]), ("requirement_id", stats["items"])):
        if not rows:
            continue
        out += ["", f"| {messages.column(key, lang)} | {messages.column('verified', lang)} | "
                f"{messages.column('disagreed', lang)} | {messages.column('disagreement_rate', lang)} |", "|---|---:|---:|---:|"]
        for row in rows:
            name = md_text(row[key]) if key == "school_id" else f"`{row[key]}`"
            out.append(f"| {name} | {row['verified']} | {row['disagreed']} | {row['disagreed'] / row['verified']:.0%} |")
    return out


def _verification_summary(stats: dict[str, Any], lang: str) -> list[str]:
    """The two summary lines of the verification figures: the disagreement
    rate with its counts, and the self-reports left unverified beside the
    verified findings."""
    sep = "，" if lang == "zh" else ", "
    rate = f"{stats['disagreement_rate']:.1%}" if stats["disagreement_rate"] is not None else "–"
    left, right = ("（", "）") if lang == "zh" else (" (", ")")
    counted = msg("verified_n", lang, verified=stats["verified"], disagreed=stats["disagreed"])
    return [f"{msg('disagreement_rate', lang)}: {rate}{left}{counted}{right}",
            f"{messages.column('self_reported_only', lang)}: {stats['self_reported']}{sep}"
            f"{messages.column('verified', lang)}: {stats['verified'] + stats['verified_without_self_report']}"]


def verification_block(stats: dict[str, Any] | None, lang: str = "zh") -> dict[str, Any] | None:
    """The verification section as plain lines for a page (the HTML
    report's template escapes them): the same figures as
    :func:`verification_markdown`, one line per school and per item."""
    if stats is None:
        return None
    sep = "，" if lang == "zh" else ", "
    lines = _verification_summary(stats, lang)
    for key, rows in (("school_id", stats["schools"]), ("requirement_id", stats["items"])):
        for row in rows:
            lines.append(f"{messages.column(key, lang)} {row[key]}: {messages.column('verified', lang)} {row['verified']}{sep}"
                         f"{messages.column('disagreed', lang)} {row['disagreed']}{sep}"
                         f"{messages.column('disagreement_rate', lang)} {row['disagreed'] / row['verified']:.0%}")
    return {"heading": msg("verification", lang), "lines": lines}


def render_report_csv(data: dict[str, Any], lang: str = "both") -> str:
    """One row per school: counts by status and the required items not met,
    and (issue 20) its self-reports verified, how many of those disagreed
    and the disagreement rate (blank when none was verified); a BOM, and headers in ``lang`` (keys for ``both``); a cell a spreadsheet
    would run as a formula is neutralised."""
    buffer = io.StringIO()
    writer = SafeWriter(buffer, lineterminator="\n")
    status_header = [s if lang == "both" else messages.status(s, lang) for s in STATUSES]
    # findings not measured from figures, by provenance (self-reported, verified, unanswered)
    sources = [p for p in PROVENANCES if p != "measured"]
    source_header = [p if lang == "both" else messages.provenance(p, lang) for p in sources]
    stats = data.get("verification")
    # issue 20: each school's self-reports an inspector verified, how many disagreed, and their share
    verification_header = [messages.column(k, lang) for k in ("verified_self_reports", "disagreed", "disagreement_rate")]
    verified = {row["school_id"]: row for row in (stats or {}).get("schools") or ()}
    writer.writerow([messages.column("run_id", lang), messages.column("school_id", lang), messages.column("school_name", lang),
                     *status_header, *source_header, messages.column("required_not_met", lang),
                     *(verification_header if stats is not None else ())])
    for school in data["schools"]:
        by_source = school.get("provenance_counts") or {}
        row = [
            data["run"]["id"], school["school_id"], school["school_name"],
            *(school["counts"][s] for s in STATUSES),
            *(sum((by_source.get(p) or {}).values()) for p in sources),
            ";".join(m["requirement_id"] for m in school["required_not_met"]),
        ]
        if stats is not None:
            figures = verified.get(school["school_id"])
            row += ([figures["verified"], figures["disagreed"], round(figures["disagreed"] / figures["verified"], 4)]
                    if figures else [0, 0, ""])
        writer.writerow(row)
    return BOM + buffer.getvalue()


#: Lists written one item per line (they grow with the number of schools).
LONG_LISTS = ("requirements", "schools")
#: Lines of a long list joined into one piece of output (fewer, larger writes).
LINES_PER_CHUNK = 500


def render_report_json_chunks(data: dict[str, Any]) -> Iterator[str]:
    """The report as JSON, piece by piece: the top-level keys indented, each
    school and requirement on one compact line of its own.
    ``data["schools"]`` may be an iterator, so a province's report is
    written without holding it whole; an item that is already text is JSON
    SQLite wrote (:func:`xinli.core.records.report.iter_school_json`) and is
    written as it is, any other is encoded by the json module's C encoder."""
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    yield "{\n"
    keys = list(data)
    for index, key in enumerate(keys):
        yield f"  {json.dumps(key)}: "
        value = data[key]
        if key in LONG_LISTS and value is not None:
            pieces: list[str] = []
            first = True
            for item in value:
                pieces.append(item if isinstance(item, str) else encode(item))
                if len(pieces) == LINES_PER_CHUNK:
                    yield ("[\n    " if first else ",\n    ") + ",\n    ".join(pieces)
                    first, pieces = False, []
            if pieces:
                yield ("[\n    " if first else ",\n    ") + ",\n    ".join(pieces)
                first = False
            yield "[]" if first else "\n  ]"
        else:
            yield json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        yield ",\n" if index < len(keys) - 1 else "\n"
    yield "}\n"
