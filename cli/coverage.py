"""``xinli coverage``: what each jurisdiction's documents specify per
domain, and what its plugin has not encoded yet."""

from __future__ import annotations

import click

from xinli.cli.errors import user_errors
from xinli.cli.options import format_option, lang_option, load_registry, output_option, plugins_option, resolve_format


@click.command()
@click.option("--region", "-r", "region_codes", multiple=True, metavar="CODE",
              help="Only this region (repeatable); default: every installed or rules-folder plugin.")
@format_option(("markdown", "json"), "markdown")
@lang_option()
@output_option()
@plugins_option()
@user_errors
def coverage(region_codes: tuple[str, ...], fmt: str | None, lang: str, output: str | None, plugins: str | None) -> None:
    """Count, per jurisdiction and domain, the items its own documents give
    (inherited items not counted): "not specified" where a document is
    silent, "not yet encoded" where the plugin says it has not encoded a
    domain yet.  `xinli coverage --lang en` for the bundled plugins is
    docs/coverage.md."""
    import json

    from xinli.cli.output import emit
    from xinli.core.render.coverage import render_coverage_markdown
    from xinli.core.views.coverage import coverage_rows

    fmt = resolve_format(fmt, output, ("markdown", "json"), "markdown")
    registry = load_registry(plugins, everything=not region_codes)
    codes = list(dict.fromkeys(region_codes)) if region_codes else registry.codes
    rows = coverage_rows(registry, codes)
    if fmt == "json":
        emit(json.dumps({"schema": "xinli.coverage/1", "regions": rows}, ensure_ascii=False, indent=2) + "\n", output)
    else:
        emit(render_coverage_markdown(rows, lang), output)
