"""An assessment report (see :func:`xinli.core.records.report.report_data`)
as Markdown, as CSV (one row per school) and as streamed JSON."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

from xinli.core.assessment.assess import STATUSES
from xinli.core.render.cells import SafeWriter, md_text
from xinli.core.vocabulary import localize


def render_report_markdown(data: dict[str, Any], lang: str = "both") -> str:
    """The report as Markdown; every value that came from the user's files
    (school ids and names, the facts file's name, observed values, waiver
    details) is escaped, so it cannot add headings, links, images or HTML."""
    run = data["run"]
    def text(t: dict[str, str]) -> str:
        return localize(t, lang)

    out = [
        f"# Assessment report — run {run['id']} ({run['region']})",
        "",
        f"- as of: {run['as_of']} · recorded: {run['created']} · facts: {md_text(run['facts_file'])} (sha256 {run['facts_sha256'][:12]}…)",
        f"- schools: {run['schools']} · findings: {run['findings']}",
        "- status counts: " + ", ".join(f"{k} {v}" for k, v in run["counts"].items()),
        "",
        "## Requirements",
        "",
        "| requirement | level | expected | met | not met | unknown | n/a | not yet due | waived | manual | adopted | not adopted "
        "| share met | source |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for req in data["requirements"]:
        if req["scope"] == "region":
            continue
        c = req["counts"]
        share = f"{req['share_met']:.0%}" if req["share_met"] is not None else "–"
        out.append(
            f"| `{req['requirement_id']}` {text(req['text'])} | {req['level']} | {req['expected']} | {c['met']} | "
            f"{c['not_met']} | {c['unknown']} | {c['not_applicable']} | {c['not_yet_due']} | {c['waived']} | {c['manual']} | "
            f"{c['adopted']} | {c['not_adopted']} | "
            f"{share} | {req['document']} {req['clause']} |"
        )
    out += ["", "## Region findings", ""]
    if not data["region_findings"]:
        out.append("_None._")
    for f in data["region_findings"]:
        observed = f" (observed {md_text(f['observed'])})" if f["observed"] else ""
        detail = f" — {md_text(f['detail'])}" if f["detail"] else ""
        out.append(f"- **{f['status']}** `{f['requirement_id']}` [{f['level']}] expected {f['expected']}{observed}{detail}"
                   f" — {f['document']} {f['clause']}")
    out += ["", "## Schools", ""]
    for school in data["schools"]:
        counts = ", ".join(f"{k} {v}" for k, v in school["counts"].items() if v)
        out.append(f"### {md_text(school['school_id'])} {md_text(school['school_name'])}".rstrip())
        out.append("")
        out.append(f"- {counts}")
        for miss in school["required_not_met"]:
            out.append(f"- not met (required): `{miss['requirement_id']}` expected {miss['expected']}, observed "
                       f"{md_text(miss['observed'])} — {miss['document']} {miss['clause']}")
        out.append("")
    changes = data["changes"]
    if changes is not None:
        out += [f"## Changes since run {changes['from_run']}", ""]
        if not changes["total"]:
            out.append("_No finding changed status._")
        for key, count in changes["summary"].items():
            out.append(f"- {key}: {count}")
        if changes["changed"]:
            out.append("")
        for change in changes["changed"]:
            who = md_text(change["school_id"]) if change["school_id"] else "(region)"
            out.append(f"- {who} `{change['requirement_id']}`: {change['before']} → {change['after']}")
        if changes["truncated"]:
            out.append(f"- … {changes['total'] - len(changes['changed'])} more")
    return "\n".join(out).rstrip() + "\n"


def render_report_csv(data: dict[str, Any]) -> str:
    """One row per school: counts by status and the required items not met;
    a cell a spreadsheet would run as a formula is neutralised."""
    buffer = io.StringIO()
    writer = SafeWriter(buffer, lineterminator="\n")
    writer.writerow(["run_id", "school_id", "school_name", *STATUSES, "required_not_met"])
    for school in data["schools"]:
        writer.writerow([
            data["run"]["id"], school["school_id"], school["school_name"],
            *(school["counts"][s] for s in STATUSES),
            ";".join(m["requirement_id"] for m in school["required_not_met"]),
        ])
    return buffer.getvalue()


#: Lists written one item per line (they grow with the number of schools).
LONG_LISTS = ("requirements", "schools")


def render_report_json_chunks(data: dict[str, Any]) -> Iterator[str]:
    """The report as JSON, piece by piece: the top-level keys indented, each
    school and requirement on one line of its own.  ``data["schools"]`` may
    be an iterator, so a province's report is written without holding it
    whole, and each item is encoded by the json module's C encoder."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    yield "{\n"
    keys = list(data)
    for index, key in enumerate(keys):
        yield f"  {json.dumps(key)}: "
        value = data[key]
        if key in LONG_LISTS and value is not None:
            first = True
            for item in value:
                yield ("[\n    " if first else ",\n    ") + encode(item)
                first = False
            yield "[]" if first else "\n  ]"
        else:
            yield json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        yield ",\n" if index < len(keys) - 1 else "\n"
    yield "}\n"
