"""``xinli plugins``: the installed plugins, and ``xinli plugins check``."""

from __future__ import annotations

import click

from xinli.cli.errors import UserError, user_errors
from xinli.cli.options import lang_option, load_registry, plugins_option


def plugins_data(registry) -> list[dict]:
    """One record per plugin: loaded ones with their hooks, then failed ones."""
    rows = [
        {
            "code": p.code,
            "distribution": p.distribution,
            "version": p.version,
            "hooks": list(p.hooks),
            "status": "loaded",
            "error": None,
        }
        for p in (registry.plugins[c] for c in registry.codes)
    ]
    rows += [
        {"code": p.name, "distribution": p.distribution, "version": None, "hooks": [], "status": "error", "error": p.reason}
        for p in registry.problems
    ]
    return rows


@click.group(invoke_without_command=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@lang_option()
@plugins_option()
@click.pass_context
@user_errors
def plugins(ctx: click.Context, fmt: str, lang: str, plugins: str | None) -> None:
    """List installed plugins: code, distribution, version and the hooks
    each implements.  `xinli plugins check` validates them."""
    import json

    ctx.ensure_object(dict)
    ctx.obj["plugins"] = plugins
    ctx.obj["lang"] = lang
    if ctx.invoked_subcommand is not None:
        return
    data = plugins_data(load_registry(plugins, everything=True))
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    from xinli.cli.tables import table
    from xinli.core import messages

    rows = []
    for row in data:
        dist = f"{row['distribution']} {row['version'] or ''}".strip() if row["distribution"] else "-"
        if row["status"] == "error":
            rows.append((row["code"], dist, messages.msg("not_loaded", lang, reason=row["error"])))
        else:
            rows.append((row["code"], dist, ", ".join(h.removeprefix("xinli_") for h in row["hooks"])))
    click.echo(table([messages.msg(k, lang) for k in ("code", "distribution", "hooks")], rows))


@plugins.command()
@click.argument("codes", nargs=-1)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too: placeholders left in, "
              "region targets without a scope, looser overrides.  Notes (ancestors not installed) never fail.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en", "both"]), default=None, envvar="XINLI_LANG",
              help="Output language (default: the group's --lang, zh).")
@plugins_option()
@click.pass_context
@user_errors
def check(ctx: click.Context, codes: tuple[str, ...], strict: bool, fmt: str, lang: str | None, plugins: str | None) -> None:
    """Check plugins (default: all) against every rule the bundled plugins
    obey.  Prints each problem with plugin, item and reason; exits 1 when
    any is found.  Warnings (scaffold placeholders, a region target
    without a scope, a looser override) fail the check only with --strict;
    notes (an ancestor nobody installed) never do."""
    import json

    from xinli.core import messages
    from xinli.core.rules.validate import check_all, plugin_notes

    chosen = plugins if plugins is not None else (ctx.obj.get("plugins") if ctx.obj else None)
    registry = load_registry(chosen, everything=True)
    failed = {p.name for p in registry.problems}
    unknown = [c for c in codes if c not in registry.plugins and c not in failed]
    if unknown:
        raise UserError(f"unknown plugin {unknown[0]!r}; installed: {', '.join(registry.codes) or '(none)'}")
    lang = lang or (ctx.obj or {}).get("lang") or "zh"
    errors, warnings = check_all(registry, list(codes) or None)
    notes = [note for code in codes or registry.codes for note in (plugin_notes(registry, code) if code in registry.plugins else ())]
    checked = len(codes) if codes else len(registry.codes) + len(registry.problems)
    failing = bool(errors or (strict and warnings))
    if fmt == "json":
        def entries(found: list) -> list[dict]:
            return [{"plugin": p.plugin, "item": p.item, "reason": p.words(lang)} for p in found]

        click.echo(json.dumps({"schema": "xinli.plugins-check/1", "checked": checked, "strict": strict, "ok": not failing,
                               "errors": entries(errors), "warnings": entries(warnings), "notes": entries(notes)},
                              ensure_ascii=False, indent=2))
    else:
        for note in notes:
            click.echo(f"{messages.msg('check_note', lang)}{note.words(lang)}")
        for warning in warnings:
            click.echo(f"{messages.msg('check_warning', lang)}{warning.words(lang)}")
        for error in errors:
            click.echo(f"{messages.msg('check_error', lang)}{error.words(lang)}")
        click.echo(messages.msg("check_summary", lang, checked=checked, errors=len(errors), warnings=len(warnings)))
    if failing:
        ctx.exit(1)
