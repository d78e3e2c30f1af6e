"""``xinli regions``: the installed jurisdictions, all of them or those a
search names (``xinli regions 渠县``, ``--under henan``)."""

from __future__ import annotations

from typing import Any

import click

from xinli.cli.errors import user_errors
from xinli.cli.options import lang_option, load_registry, plugins_option


def region_line(code: str, known: dict[str, Any]) -> list[str]:
    """The codes above ``code``, nearest first: its declared ancestors,
    continued by the last installed one's own declaration (as
    :func:`xinli.core.layering.lineage` walks it, from identities alone)."""
    line: list[str] = []
    queue = list(known[code].listing["ancestors"])
    while queue:
        ancestor = queue.pop(0)
        if ancestor in line or ancestor == code:
            break  # a cycle: the commands that layer rules report it
        line.append(ancestor)
        if not queue and ancestor in known:
            queue = list(known[ancestor].listing["ancestors"])
    return line


def _names(code: str, known: dict[str, Any]) -> list[str]:
    """What a search for a region compares with: its code and both names."""
    name = known[code].listing["name"]
    return [code, name["zh"], name["en"]]


def matches(query: str, code: str, known: dict[str, Any]) -> bool:
    """True when ``query`` (case-insensitive, any part) is in the region's
    code or its Chinese or English name, or in its parent's code or names
    (the parent's names as the region declares them when the parent is not
    installed)."""
    needle = query.casefold().strip()
    region = known[code].listing
    words = _names(code, known)
    parent = region["parent"]
    if parent:
        words.append(parent)
        if parent in known:
            words += _names(parent, known)
        elif region["parent_name"] is not None:
            words += [region["parent_name"]["zh"], region["parent_name"]["en"]]
    return any(needle in word.casefold() for word in words)


def regions_data(registry: Any, query: str | None = None, under: str | None = None) -> list[dict[str, Any]]:
    """One record per installed jurisdiction, sorted by code; ``query``
    keeps those whose code, name or parent contains it, ``under`` those
    whose declared line includes that code.  Built from each region's
    listing (:func:`xinli.core.dicts.identity_dict`), which the identity
    cache keeps: no jurisdiction is built for a region read from it."""
    known = registry.identities()
    out = []
    for code, region in known.items():
        if query and not matches(query, code, known):
            continue
        line = region_line(code, known)
        if under and under not in line:
            continue
        listing = region.listing
        parent = listing["parent"]
        out.append(
            {
                "code": listing["code"],
                "name": listing["name"],
                "level": listing["level"],
                "parent": parent,
                "parent_installed": parent in known if parent else None,
                "ancestors": line,
                "documents": listing["documents"],
                "distribution": region.distribution,
                "version": region.version,
            }
        )
    return out


@click.command()
@click.argument("query", required=False)
@click.option("--under", metavar="CODE", default=None,
              help="Only the regions below CODE (a province or city, installed or only declared).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@lang_option()
@plugins_option()
@user_errors
def regions(query: str | None, under: str | None, fmt: str, lang: str, plugins: str | None) -> None:
    """List every installed jurisdiction with its level, parent, documents
    and the distribution that provided it; QUERY keeps those whose code,
    Chinese or English name, or parent contains it (`xinli regions 渠县`)."""
    import gc

    # thousands of regions' listings are small acyclic objects the cyclic collector would walk again and again
    collecting = gc.isenabled()
    gc.disable()
    try:
        _regions(query, under, fmt, lang, plugins)
    finally:
        if collecting:
            gc.enable()


def _regions(query: str | None, under: str | None, fmt: str, lang: str, plugins: str | None) -> None:
    import json

    from xinli.cli.tables import table
    from xinli.core import messages
    from xinli.core import vocabulary as vocab

    registry = load_registry(plugins)
    data = regions_data(registry, query, under)
    if not data and (query or under):
        click.echo(messages.msg("regions_none", lang, query=" ".join(filter(None, [query, under and f"--under {under}"])))
                   + _folder_hint(query or under or "", lang), err=True)
    if fmt == "json":
        # one region a line: readable, and written by the C encoder (indenting is pure Python)
        encode = json.JSONEncoder(ensure_ascii=False).encode  # one encoder for every line
        click.echo("[\n" + ",\n".join(map(encode, data)) + ("\n]" if data else "]"))
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
    if rows or not (query or under):
        click.echo(table(headers, rows))


def _folder_hint(query: str, lang: str) -> str:
    """A hint naming rules files in or below the working folder that hold
    the region searched for but were not loaded (no --rules given)."""
    from xinli.core.rules.folders import unloaded_rules_files

    found = unloaded_rules_files(query)
    if not found:
        return ""
    from xinli.core import messages

    return messages.msg("in_unloaded_folder", lang, files=", ".join(str(p) for p, _folder in found[:3]),
                        folder=str(found[0][1]))
