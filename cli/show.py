"""``xinli show``: one jurisdiction, or one requirement with its quote."""

from __future__ import annotations

import click

from xinli.cli.errors import UserError, user_errors
from xinli.cli.options import DATE, lang_option, load_registry, plugins_option


def pick_region(positional: str | None, option: str | None) -> str:
    """The region given positionally or with -r/--region (not both, unless
    they agree)."""
    if positional and option and positional != option:
        raise UserError(f"two regions given: {positional!r} and --region {option!r}")
    region = positional or option
    if not region:
        raise UserError("give a region: xinli show -r CODE (see `xinli regions`)")
    return region


@click.command()
@click.argument("region", required=False)
@click.option("--region", "-r", "region_option", default=None, metavar="CODE", help="Jurisdiction code (or give it positionally).")
@click.option("--item", "item_id", default=None, metavar="ID", help="Print one requirement with its quote.")
@click.option("--as-of", type=DATE, default=None, help="Rules in force on this date (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@lang_option()
@plugins_option()
@user_errors
def show(region: str | None, region_option: str | None, item_id: str | None, as_of, fmt: str, lang: str,
         plugins: str | None) -> None:
    """Show REGION: the jurisdiction, its chain of parents, its documents
    and the number of requirements per domain."""
    import difflib
    import json

    from xinli.core import vocabulary as vocab
    from xinli.core.messages import msg
    from xinli.core.render.markdown import render_item, t
    from xinli.core.views.checklist import build_checklist

    region = pick_region(region, region_option)
    registry = load_registry(plugins)
    checklist = build_checklist(registry, region, as_of)
    if item_id is not None:
        for item in checklist["items"]:
            if item["id"] == item_id:
                from xinli.cli.options import metric_labels

                if fmt == "json":  # the item as in the checklist's JSON (xinli.checklist/2)
                    click.echo(json.dumps(item, ensure_ascii=False, indent=2, default=str))
                    return

                click.echo("\n".join(render_item(item, lang, metric_labels(registry))))
                return
        ids = [i["id"] for i in checklist["items"]]
        near = difflib.get_close_matches(item_id, ids, n=3, cutoff=0.5)
        hint = f"did you mean {', '.join(repr(n) for n in near)}?" if near else f"ids look like: {', '.join(ids[:5])}, …"
        raise UserError(f"no requirement {item_id!r} in region {region!r}; {hint}")
    if fmt == "json":  # the checklist's own fields (xinli.checklist/2), without its items
        summary = {key: checklist[key] for key in ("schema", "region", "as_of", "documents", "warnings", "domains")}
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2, default=str))
        return
    reg = checklist["region"]
    click.echo(f"{t(reg['name'], lang)}  [{reg['code']}]  {vocab.label(vocab.JURISDICTION_LEVELS, reg['level'], lang)}")
    chain = []
    for p in reg["parents"]:
        name = t(p["name"], lang)
        if p.get("installed", True):
            chain.append(f"{name} [{p['code']}]")
        else:
            missing = msg("not_installed", lang)
            chain.append(f"{p['code']} ({missing})" if name == p["code"] else f"{name}: {p['code']} ({missing})")
    click.echo(f"{msg('parents_line', lang)}: {' → '.join(chain) if chain else '-'}")
    click.echo(f"{msg('documents_line', lang)}:")
    for doc in checklist["documents"]:
        state = "" if doc["encoded"] else f"  ({msg('not_encoded', lang)})"
        click.echo(f"  {doc['number']}  {t(doc['title'], lang)}  {t(doc['issuer'], lang)}  {doc['date'] or ''}{state}")
    click.echo(f"{msg('requirements_line', lang)}:")
    for domain, info in checklist["domains"].items():
        label = vocab.label(vocab.DOMAINS, domain, lang)
        if info["specified"]:
            count = str(info["count"])
        else:
            count = msg("not_specified_short" if info.get("encoded", True) else "not_encoded_yet", lang)
        click.echo(f"  {label}: {count}")
    for warning in checklist["warnings"]:
        click.echo(f"{msg('warning', lang)}: {t(warning['message'], lang)}")
