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
from xinli.core.assessment.statuses import STATUSES
from xinli.core.messages import msg
from xinli.core.render.cells import SafeWriter, md_text
from xinli.core.render.csv import BOM
from xinli.core.render.words import detail_words, expected_words, observed_words


def change_key(key: str, lang: str) -> str:
    """A change summary key ``met -> not_met`` in words."""
    before, _, after = key.partition(" -> ")

    def word(status: str) -> str:
        return msg("absent", lang) if status == "absent" else messages.status(status, lang)

    return f"{word(before)} → {word(after)}"


def render_report_markdown(data: dict[str, Any], lang: str = "zh") -> str:
    """The report as Markdown; every value that came from the user's files
    (school ids and names, the facts file's name, observed values, waiver
    details) is escaped, so it cannot add headings, links, images or HTML."""
    run = data["run"]
    sep = "，" if lang == "zh" else ", "

    def text(t: dict[str, str]) -> str:
        return vocab.localize(t, lang)

    def m(key: str, **values: Any) -> str:
        return msg(key, lang, **values)

    counts = sep.join(f"{messages.status(k, lang)} {v}" for k, v in run["counts"].items())
    out = [
        f"# {m('report_title')} — {m('run')} {run['id']} ({run['region']})",
        "",
        f"- {m('run_as_of')}: {run['as_of']} · {m('recorded')}: {run['created']} · {m('facts')}: {md_text(run['facts_file'])} "
        f"(sha256 {run['facts_sha256'][:12]}…)",
        f"- {m('schools')}: {run['schools']} · {m('findings')}: {run['findings']}",
        f"- {m('status_counts')}: {counts}",
        "",
        f"## {m('requirements')}",
        "",
        "| " + " | ".join([m("requirement"), msg("level", lang), m("expected"), *(messages.status(s, lang) for s in STATUSES),
                          m("share"), m("source")]) + " |",
        "|---|---|---|" + "---:|" * (len(STATUSES) + 1) + "---|",
    ]
    for req in data["requirements"]:
        if req["scope"] == "region":
            continue
        c = req["counts"]
        share = f"{req['share_met']:.0%}" if req["share_met"] is not None else "–"
        out.append(
            f"| `{req['requirement_id']}` {text(req['text'])} | {vocab.label(vocab.LEVELS, req['level'], lang)} | "
            f"{expected_words(req['expected'], lang)} | " + " | ".join(str(c[s]) for s in STATUSES)
            + f" | {share} | {req['document']} {req['clause']} |"
        )
    out += ["", f"## {m('region_findings')}", ""]
    if not data["region_findings"]:
        out.append(f"_{m('none')}_")
    for f in data["region_findings"]:
        observed = f" ({m('observed')} {md_text(observed_words(f['observed'], lang))})" if f["observed"] else ""
        detail = f" — {md_text(detail_words(f['detail'], lang))}" if f["detail"] else ""
        out.append(f"- **{messages.status(f['status'], lang)}** `{f['requirement_id']}` "
                   f"[{vocab.label(vocab.LEVELS, f['level'], lang)}] {m('expected')} "
                   f"{expected_words(f['expected'], lang)}{observed}{detail}"
                   f" — {m('duty_holder_of')}: {vocab.label(vocab.ACTORS, f['duty_holder'], lang)}"
                   f" — {f['document']} {f['clause']}")
    out += ["", f"## {m('school_table')}", ""]
    for school in data["schools"]:
        line = sep.join(f"{messages.status(k, lang)} {v}" for k, v in school["counts"].items() if v)
        out.append(f"### {md_text(school['school_id'])} {md_text(school['school_name'])}".rstrip())
        out.append("")
        out.append(f"- {line}")
        for miss in school["required_not_met"]:
            out.append(f"- {m('not_met_required_item')}: `{miss['requirement_id']}` "
                       f"{m('expected')} {expected_words(miss['expected'], lang)}{sep}"
                       f"{m('observed')} {md_text(observed_words(miss['observed'], lang))} — {miss['document']} {miss['clause']}")
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
            out.append(f"- {who} `{change['requirement_id']}`: {before} → {after}")
        if changes["truncated"]:
            out.append(f"- … {m('more', n=changes['total'] - len(changes['changed']))}")
    return "\n".join(out).rstrip() + "\n"


def render_report_csv(data: dict[str, Any], lang: str = "both") -> str:
    """One row per school: counts by status and the required items not met;
    a BOM, and headers in ``lang`` (keys for ``both``); a cell a spreadsheet
    would run as a formula is neutralised."""
    buffer = io.StringIO()
    writer = SafeWriter(buffer, lineterminator="\n")
    status_header = [s if lang == "both" else messages.status(s, lang) for s in STATUSES]
    writer.writerow([messages.column("run_id", lang), messages.column("school_id", lang), messages.column("school_name", lang),
                     *status_header, messages.column("required_not_met", lang)])
    for school in data["schools"]:
        writer.writerow([
            data["run"]["id"], school["school_id"], school["school_name"],
            *(school["counts"][s] for s in STATUSES),
            ";".join(m["requirement_id"] for m in school["required_not_met"]),
        ])
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
