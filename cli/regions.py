"""``xinli regions``: the installed jurisdictions."""

from __future__ import annotations

import json

import click

from xinli.cli.errors import user_errors
from xinli.cli.options import load_registry, plugins_option


def regions_data(registry) -> list[dict]:
    """One record per installed jurisdiction, sorted by code."""
    from xinli.core.views.checklist import document_dict, text_dict

    out = []
    for code in registry.codes:
        plugin = registry.plugins[code]
        j = plugin.jurisdiction
        out.append(
            {
                "code": j.code,
                "name": text_dict(j.name),
                "level": j.level,
                "parent": j.parent,
                "parent_installed": j.parent in registry.plugins if j.parent else None,
                "documents": [document_dict(j.code, doc) for doc in j.documents],
                "distribution": plugin.distribution,
                "version": plugin.version,
            }
        )
    return out


@click.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@plugins_option()
@user_errors
def regions(fmt: str, plugins: str | None) -> None:
    """List every installed jurisdiction with its level, parent, documents
    and the distribution that provided it."""
    registry = load_registry(plugins, everything=True)
    data = regions_data(registry)
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    header = ("code", "name", "level", "parent", "documents", "distribution")
    rows = [
        (
            r["code"],
            f"{r['name']['zh']} ({r['name']['en']})",
            r["level"],
            (r["parent"] or "-") + ("" if r["parent_installed"] or not r["parent"] else " (not installed)"),
            "; ".join(d["number"] for d in r["documents"]),
            f"{r['distribution']} {r['version']}" if r["distribution"] else "-",
        )
        for r in data
    ]
    widths = [max(_width(x) for x in col) for col in zip(header, *rows, strict=False)]
    for row in (header, *rows):
        click.echo("  ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip())


def _width(text: str) -> int:
    """Display width, counting CJK characters as two columns."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))
