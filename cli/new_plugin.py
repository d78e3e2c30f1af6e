"""``xinli new-plugin``: scaffold an installable plugin package for a new
jurisdiction that inherits an installed parent's rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from xinli.cli.errors import UserError, user_errors


@click.command("new-plugin")
@click.argument("code")
@click.option("--parent", required=True, metavar="CODE", help="Code of the installed jurisdiction whose notice this one implements.")
@click.option("--name-zh", required=True, help="The jurisdiction's name in Chinese, e.g. 示例县.")
@click.option("--name-en", required=True, help="The jurisdiction's name in English, e.g. 'Demo County'.")
@click.option("--level", type=click.Choice(["county", "district", "city", "province"]), default="county", show_default=True,
              help="Administrative level of the jurisdiction.")
@click.option("--document-number", default=None, metavar="N",
              help="The document number (文号) as printed; a 待填写 placeholder when omitted.")
@click.option("--directory", "directory", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="DIR",
              help="Directory to create (default: ./xinli-CODE); it must not exist.")
@user_errors
def new_plugin(code: str, parent: str, name_zh: str, name_en: str, level: str, document_number: str | None,
               directory: Path | None) -> None:
    """Write an installable plugin package for jurisdiction CODE.

    The package (pyproject.toml with the `xinli` entry point, the plugin
    module with one example requirement to replace, a placeholder
    source.txt, a bilingual README and tests using xinli.testing) inherits
    every rule of PARENT.  It installs with `pip install ./xinli-CODE` and
    passes `xinli plugins check CODE` and its own tests as generated.
    """
    from xinli.core.rules import scaffold

    scaffold.check_code(code)
    target = directory if directory is not None else Path(scaffold.default_directory(code))
    if target.exists() or target.is_symlink():
        raise UserError(f"{target} already exists; choose another --directory or remove it")
    spec = scaffold.ScaffoldSpec(
        code=code,
        parent=parent,
        name_zh=name_zh,
        name_en=name_en,
        level=level,
        document_number=document_number,
        directory_name=target.name,
        **_parent_facts(code, parent),
    )
    files = scaffold.render(spec)
    scaffold.write_tree(files, target)
    click.echo(f"created {target}/ for jurisdiction {code!r} under {parent!r}:")
    for relative in files:
        click.echo(f"  {target / relative}")
    click.echo("next steps:")
    click.echo(f"  1. put the document's text in {target / scaffold.package_name(code) / 'source.txt'}")
    click.echo(f"     and encode its rules in {target / scaffold.package_name(code) / 'plugin.py'} (replace the EXAMPLE)")
    click.echo(f"  2. pip install ./{target.name}        (pip install -e to keep editing)")
    click.echo(f"  3. xinli plugins check {code}")
    click.echo(f"  4. xinli checklist --region {code}")
    click.echo(f"  5. cd {target} && python -m pytest -q")


def _parent_facts(code: str, parent: str) -> dict[str, Any]:
    """Refuse an installed ``code`` or an unknown ``parent``; return what the
    scaffold needs to know about the parent (its names and documents)."""
    import datetime as dt
    from importlib import metadata

    from xinli.core.registry import ENTRY_POINT_GROUP, load_plugins
    from xinli.core.rules import scaffold

    installed = sorted({ep.name for ep in metadata.entry_points(group=ENTRY_POINT_GROUP)})
    if code in installed:
        raise UserError(f"jurisdiction {code!r} is already installed; choose another code")
    scaffold.check_code(parent)
    if parent not in installed:
        raise UserError(f"unknown parent {parent!r}; valid codes: {', '.join(installed) or '(none installed)'}")
    registry = load_plugins(only=[parent])
    if parent not in registry.plugins:
        reason = "; ".join(p.reason for p in registry.problems if p.name == parent) or "it did not load"
        raise UserError(f"parent {parent!r} is installed but cannot be loaded: {reason}")
    jurisdiction = registry.plugins[parent].jurisdiction
    today = dt.date.today()
    documents = [doc for doc in jurisdiction.documents if doc.in_force(today)] or list(jurisdiction.documents)
    return {
        "parent_name_zh": jurisdiction.name.zh,
        "parent_name_en": jurisdiction.name.en,
        "parent_documents": [scaffold.ParentDocument(d.number, d.title.zh, d.issuer.zh) for d in documents],
        "today": today,
    }
