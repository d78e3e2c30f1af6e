"""``xinli regions``: the installed jurisdictions."""

from __future__ import annotations

import click

from xinli.cli.errors import user_errors
from xinli.cli.options import lang_option, load_registry, plugins_option


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
@lang_option()
@plugins_option()
@user_errors
def regions(fmt: str, lang: str, plugins: str | None) -> None:
    """List every installed jurisdiction with its level, parent, documents
    and the distribution that provided it."""
    import json

    from xinli.cli.tables import table
    from xinli.core import messages
    from xinli.core import vocabulary as vocab

    registry = load_registry(plugins, everything=True)
    data = regions_data(registry)
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    headers = [messages.msg(k, lang) for k in ("code", "name", "jurisdiction_level", "parents_line", "documents_line",
                                                  "distribution")]
    not_installed = messages.msg("not_installed", lang)
    rows = [
        (
            r["code"],
            vocab.localize(r["name"], lang),
            vocab.label(vocab.JURISDICTION_LEVELS, r["level"], lang),
            (r["parent"] or "-") + ("" if r["parent_installed"] or not r["parent"] else f" ({not_installed})"),
            "; ".join(d["number"] for d in r["documents"]),
            f"{r['distribution']} {r['version']}" if r["distribution"] else "-",
        )
        for r in data
    ]
    click.echo(table(headers, rows))
