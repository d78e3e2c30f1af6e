"""Shell completion of the values a user types most: region codes (every
``--region``/``-r`` and positional region) and requirement ids (``show
--item``, ``attest --requirement``), for ``_XINLI_COMPLETE=bash_source
xinli`` (and zsh, fish).

Region codes come from the installed plugins' entry-point names and the
rules files on ``XINLI_RULES_PATH``, without importing a plugin;
requirement ids from the checklist of the region already on the command
line.  A completion never fails: on any problem it offers nothing.
"""

from __future__ import annotations

import click
from click.shell_completion import CompletionItem

#: Parameter names that take a region code, and those that take a requirement id.
REGION_PARAMS = {"region", "region_option", "region_options", "regions", "codes"}
REQUIREMENT_PARAMS = {"item_id", "requirement_id"}


def region_codes() -> list[str]:
    """Every region code known without importing a plugin: installed
    entry points and the rules files on ``XINLI_RULES_PATH``."""
    import os
    from importlib import metadata
    from pathlib import Path

    from xinli.core.registry import ENTRY_POINT_GROUP

    codes = {ep.name for ep in metadata.entry_points(group=ENTRY_POINT_GROUP)}
    for folder in filter(None, os.environ.get("XINLI_RULES_PATH", "").split(os.pathsep)):
        try:
            codes |= {path.stem for path in Path(folder).glob("*.toml")}
            codes |= {path.parent.name for path in Path(folder).glob("*/rules.toml")}
        except OSError:
            continue
    return sorted(codes)


def complete_region(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Region codes starting with ``incomplete``."""
    try:
        return [CompletionItem(code) for code in region_codes() if code.startswith(incomplete)]
    except Exception:  # completion must never break the shell
        return []


def complete_requirement(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """Requirement ids of the region given on the command line (or the
    region part of ``incomplete``, ``nanchang.…``) starting with
    ``incomplete``."""
    try:
        region = next((ctx.params.get(name) for name in ("region", "region_option") if ctx.params.get(name)), None)
        region = region or incomplete.split(".", 1)[0]
        if region not in region_codes():
            return []
        from xinli.core.registry import load_plugins
        from xinli.core.views.checklist import build_checklist

        checklist = build_checklist(load_plugins(), region)
        return [CompletionItem(item["id"]) for item in checklist["items"] if item["id"].startswith(incomplete)]
    except Exception:  # completion must never break the shell
        return []


def attach(command: click.Command) -> None:
    """Give every region and requirement parameter under ``command`` its
    completion (unless it has one)."""
    for param in command.params:
        if getattr(param, "_custom_shell_complete", None) is not None:
            continue
        if param.name in REGION_PARAMS:
            param._custom_shell_complete = complete_region  # type: ignore[attr-defined]
        elif param.name in REQUIREMENT_PARAMS:
            param._custom_shell_complete = complete_requirement  # type: ignore[attr-defined]
    for sub in getattr(command, "commands", {}).values():
        attach(sub)
