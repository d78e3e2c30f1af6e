"""``xinli show``: one jurisdiction, or one requirement with its quote."""

from __future__ import annotations

import click

from xinli.cli.errors import UserError, user_errors
from xinli.cli.options import DATE, lang_option, load_registry, plugins_option


@click.command()
@click.argument("region")
@click.option("--item", "item_id", default=None, metavar="ID", help="Print one requirement with its quote.")
@click.option("--as-of", type=DATE, default=None, help="Rules in force on this date (YYYY-MM-DD).")
@lang_option()
@plugins_option()
@user_errors
def show(region: str, item_id: str | None, as_of, lang: str, plugins: str | None) -> None:
    """Show REGION: the jurisdiction, its chain of parents, its documents
    and the number of requirements per domain."""
    from xinli.core import vocabulary as vocab
    from xinli.core.render.markdown import render_item, t
    from xinli.core.views.checklist import build_checklist

    registry = load_registry(plugins)
    checklist = build_checklist(registry, region, as_of)
    if item_id is not None:
        for item in checklist["items"]:
            if item["id"] == item_id:
                click.echo("\n".join(render_item(item, lang)))
                return
        known = ", ".join(i["id"] for i in checklist["items"][:5])
        raise UserError(f"no requirement {item_id!r} in region {region!r} (ids look like: {known}, …)")
    reg = checklist["region"]
    click.echo(f"{t(reg['name'], lang)}  [{reg['code']}]  {vocab.label(vocab.JURISDICTION_LEVELS, reg['level'], lang)}")
    chain = []
    for p in reg["parents"]:
        name = t(p["name"], lang)
        if p.get("installed", True):
            chain.append(f"{name} [{p['code']}]")
        else:
            chain.append(f"{p['code']} (not installed)" if name == p["code"] else f"{name}: {p['code']} (not installed)")
    click.echo(f"parents: {' → '.join(chain) if chain else '-'}")
    click.echo("documents:")
    for doc in checklist["documents"]:
        state = "" if doc["encoded"] else "  (not encoded)"
        click.echo(f"  {doc['number']}  {t(doc['title'], lang)}  {t(doc['issuer'], lang)}  {doc['date'] or ''}{state}")
    click.echo("requirements per domain:")
    for domain, info in checklist["domains"].items():
        label = vocab.label(vocab.DOMAINS, domain, lang)
        count = str(info["count"]) if info["specified"] else _not_specified(lang, info.get("encoded", True))
        click.echo(f"  {domain:11} {label}: {count}")
    for warning in checklist["warnings"]:
        click.echo(f"warning: {t(warning['message'], lang)}")


def _not_specified(lang: str, encoded: bool = True) -> str:
    if not encoded:
        return {"zh": "尚未编码", "en": "not yet encoded"}.get(lang, "尚未编码 / not yet encoded")
    return {"zh": "本文件未作规定", "en": "not specified by this document"}.get(
        lang, "本文件未作规定 / not specified by this document"
    )
