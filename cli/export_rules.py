"""``xinli export-rules``: an installed plugin written out as data."""

from __future__ import annotations

import click

from xinli.cli.errors import user_errors
from xinli.cli.options import load_registry, output_option, plugins_option, region_option
from xinli.cli.output import emit


@click.command("export-rules")
@region_option()
@click.option("--format", "fmt", type=click.Choice(["toml"]), default="toml", show_default=True)
@output_option()
@plugins_option()
@user_errors
def export_rules(region: str, fmt: str, output: str | None, plugins: str | None) -> None:
    """Write REGION's own rules (identity, requirements, overrides and
    exclusions) as a TOML rules file that xinli.core.rules.toml_plugin.TomlPlugin
    loads, so a policy officer can maintain them without Python."""
    from xinli.core.rules.toml_export import export_rules_toml

    emit(export_rules_toml(load_registry(plugins), region), output)
