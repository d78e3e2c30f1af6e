"""``xinli new-plugin``: scaffold a plugin for a new jurisdiction at any
level (province, city, county, district) as an installable package, or as
a rules file in a rules folder (``--rules-folder``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    pass

from xinli.cli.errors import UserError, user_errors
from xinli.cli.options import lang_option, plugins_option

LEVELS = ["county", "district", "city", "province"]


@click.command("new-plugin")
@click.argument("code")
@click.option("--parent", default=None, metavar="CODE",
              help="Code of the jurisdiction above (installed, or described with --parent-name-zh/-en; "
                   "'national' needs no names). Optional for a province.")
@click.option("--parent-name-zh", default=None, help="The parent's name in Chinese, when it is not installed.")
@click.option("--parent-name-en", default=None, help="The parent's name in English, when it is not installed.")
@click.option("--parent-level", type=click.Choice(["national", "province", "city", "county"]), default=None,
              help="The parent's level, when it is not installed.")
@click.option("--ancestor", "ancestors", multiple=True, metavar="CODE[:LEVEL:名称:NAME]",
              help="A further ancestor above the parent, nearest first (repeatable); an installed one needs only its code.")
@click.option("--name-zh", required=True, help="The jurisdiction's name in Chinese, e.g. 示例县.")
@click.option("--name-en", required=True, help="The jurisdiction's name in English, e.g. 'Demo County'.")
@click.option("--level", type=click.Choice(LEVELS), default="county", show_default=True,
              help="Administrative level of the jurisdiction.")
@click.option("--document-number", default=None, metavar="N",
              help="The document number (文号) as printed; a 待填写 placeholder when omitted.")
@click.option("--directory", "directory", type=click.Path(file_okay=False), default=None, metavar="DIR",
              help="Directory to create (default: ./xinli-CODE); it must not exist.")
@click.option("--rules-folder", "rules_folder", type=click.Path(file_okay=False), default=None, metavar="DIR",
              help="Write only CODE/rules.toml and CODE/source.txt into the rules folder DIR, made if missing "
                   "(no package; load it with XINLI_RULES_PATH=DIR or `xinli --rules DIR`).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@lang_option()
@plugins_option()
@user_errors
def new_plugin(code: str, parent: str | None, parent_name_zh: str | None, parent_name_en: str | None,
               parent_level: str | None, ancestors: tuple[str, ...], name_zh: str, name_en: str, level: str,
               document_number: str | None, directory: str | None, rules_folder: str | None, fmt: str, lang: str,
               plugins: str | None) -> None:
    """Write a plugin for jurisdiction CODE: rules.toml (the rules as data,
    with one example requirement to replace), a placeholder source.txt, a
    bilingual README, a two-line plugin.py, pyproject.toml with the `xinli`
    entry point, and tests using xinli.testing.  It inherits every rule of
    its installed ancestors; ancestors nobody installed are declared and
    listed as not encoded.  As generated it installs with `pip install
    ./xinli-CODE` and passes `xinli plugins check CODE`; `--strict` fails
    until every placeholder is replaced.
    """
    from pathlib import Path

    from xinli.cli.assess import _check_plugins
    from xinli.core.rules import scaffold

    _check_plugins(plugins)  # checked like everywhere; the new code is compared with every installed plugin
    directory = Path(directory) if directory is not None else None
    rules_folder = Path(rules_folder) if rules_folder is not None else None
    scaffold.check_code(code)
    parent = parent.strip() or None if parent is not None else None
    if parent is not None:
        scaffold.check_code(parent, "--parent")
    if rules_folder is not None:
        target = rules_folder / code
        # a rules folder not made yet is made with the region in it (as --directory makes its directory),
        # when the folder holding it exists
        if not rules_folder.is_dir() and (rules_folder.exists() or not rules_folder.parent.is_dir()):
            raise UserError(f"rules folder {rules_folder} does not exist, nor does {rules_folder.parent}"
                            if not rules_folder.exists() else f"rules folder {rules_folder} is not a directory")
    else:
        target = directory if directory is not None else Path(scaffold.default_directory(code))
    if target.exists() or target.is_symlink():
        raise UserError(f"{target} already exists; choose another --directory or remove it")
    facts = _line_facts(code, level, parent, parent_name_zh, parent_name_en, parent_level, ancestors)
    spec = scaffold.ScaffoldSpec(code=code, name_zh=name_zh, name_en=name_en, level=level, document_number=document_number,
                                 directory_name=target.name, **facts)
    if rules_folder is not None:
        files = {path.split("/", 1)[1]: text for path, text in scaffold.render_rules_folder(spec).items()}
    else:
        files = scaffold.render(spec)
    if rules_folder is not None and not rules_folder.exists():
        scaffold.write_tree({f"{code}/{path}": text for path, text in files.items()}, rules_folder)
    else:
        scaffold.write_tree(files, target)
    from xinli.core.messages import msg

    if rules_folder is not None:
        steps = [("step_encode_folder", {"source": target / "source.txt", "rules": target / "rules.toml"}),
                 (None, f"xinli --rules {rules_folder} plugins check --strict {code}"),
                 (None, f"xinli --rules {rules_folder} checklist --region {code}")]
    else:
        package = target / scaffold.package_name(code)
        steps = [("step_source", {"source": package / "source.txt"}), ("step_rules", {"rules": package / "rules.toml"}),
                 (None, f"pip install ./{target.name}"), (None, f"xinli plugins check --strict {code}"),
                 (None, f"xinli checklist --region {code}"),
                 (None, f"cd {target} && python -m pytest -q")]
    if fmt == "json":
        import json

        words = [msg(key, lang, **value) if key else value for key, value in steps]
        click.echo(json.dumps({"schema": "xinli.new-plugin/1", "code": code, "level": level, "parent": parent,
                               "target": str(target), "kind": "rules-folder" if rules_folder is not None else "package",
                               "files": [str(target / relative) for relative in files], "next_steps": words},
                              ensure_ascii=False, indent=2))
        return
    key = "created_under" if parent else "created_plugin"
    click.echo(msg(key, lang, target=f"{target}/", code=repr(code), parent=repr(parent)))
    for relative in files:
        click.echo(f"  {target / relative}")
    click.echo(msg("next_steps", lang))
    if rules_folder is not None:
        click.echo("  1. " + msg("step_encode_folder", lang, source=target / "source.txt", rules=target / "rules.toml"))
        click.echo(f"  2. xinli --rules {rules_folder} plugins check --strict {code}")
        click.echo(f"  3. xinli --rules {rules_folder} checklist --region {code}")
        return
    package = target / scaffold.package_name(code)
    click.echo("  1. " + msg("step_source", lang, source=package / "source.txt"))
    click.echo("     " + msg("step_rules", lang, rules=package / "rules.toml"))
    click.echo(f"  2. pip install ./{target.name}        " + msg("step_editable", lang))
    click.echo(f"  3. xinli plugins check --strict {code}")
    click.echo(f"  4. xinli checklist --region {code}")
    click.echo(f"  5. cd {target} && python -m pytest -q")


def _ancestor(text: str, plugins: dict[str, Any]) -> Any:
    """``CODE`` (installed or known) or ``CODE:LEVEL:名称:NAME``."""
    from xinli.core.rules import scaffold

    parts = text.split(":")
    code = parts[0].strip()
    scaffold.check_code(code, "--ancestor")
    if len(parts) == 4:
        return scaffold.AncestorSpec(code, parts[2].strip(), parts[3].strip(), parts[1].strip() or None)
    if len(parts) != 1:
        raise UserError(f"--ancestor {text!r}: write CODE or CODE:LEVEL:名称:NAME")
    if code in plugins:
        j = plugins[code].jurisdiction
        return scaffold.AncestorSpec(code, j.name.zh, j.name.en, j.level)
    if code in scaffold.KNOWN_ANCESTORS:
        zh, en, lvl = scaffold.KNOWN_ANCESTORS[code]
        return scaffold.AncestorSpec(code, zh, en, lvl)
    raise UserError(f"ancestor {code!r} is not installed: write it as {code}:LEVEL:名称:NAME")


def _line_facts(code: str, level: str, parent: str | None, name_zh: str | None, name_en: str | None,
                parent_level: str | None, ancestors: tuple[str, ...]) -> dict[str, Any]:
    """Refuse an installed ``code``; work out the parent's names and
    documents (from its plugin when installed) and the further ancestors."""
    import datetime as dt
    from importlib import metadata

    from xinli.core.registry import ENTRY_POINT_GROUP, load_plugins
    from xinli.core.rules import scaffold

    installed = sorted({ep.name for ep in metadata.entry_points(group=ENTRY_POINT_GROUP)})
    registry = load_plugins()
    known = sorted(set(installed) | set(registry.codes))
    if code in known:
        raise UserError(f"jurisdiction {code!r} is already installed; choose another code")
    today = dt.date.today()
    facts: dict[str, Any] = {"parent": parent, "today": today, "xinli_version": _xinli_version()}
    facts["ancestors"] = [_ancestor(a, registry.plugins) for a in ancestors]
    if parent is None:
        if level != "province":
            raise UserError(f"a {level} needs --parent (only a province may have none)")
        if ancestors:
            raise UserError("--ancestor continues the line above --parent; give --parent first")
        return facts
    scaffold.check_code(parent, "--parent")
    if parent in registry.plugins:
        jurisdiction = registry.plugins[parent].jurisdiction
        documents = [doc for doc in jurisdiction.documents if doc.in_force(today)] or list(jurisdiction.documents)
        facts.update(parent_name_zh=jurisdiction.name.zh, parent_name_en=jurisdiction.name.en, parent_level=jurisdiction.level,
                     parent_documents=[scaffold.ParentDocument(d.number, d.title.zh, d.issuer.zh) for d in documents])
        return facts
    if parent in installed:
        reason = "; ".join(p.reason for p in registry.problems if p.name == parent) or "it did not load"
        raise UserError(f"parent {parent!r} is installed but cannot be loaded: {reason}")
    if parent in scaffold.KNOWN_ANCESTORS and not (name_zh or name_en):
        name_zh, name_en, parent_level = scaffold.KNOWN_ANCESTORS[parent]
    if not (name_zh and name_en):
        raise UserError(f"parent {parent!r} is not installed; describe it with --parent-name-zh and --parent-name-en "
                        f"(installed: {', '.join(known) or 'none'})")
    facts.update(parent_name_zh=name_zh, parent_name_en=name_en, parent_level=parent_level)
    return facts


def _xinli_version() -> str:
    """The installed xinli's version, as the scaffold's minimum."""
    from importlib import metadata

    try:
        return metadata.version("xinli")
    except metadata.PackageNotFoundError:
        return "0.1"
