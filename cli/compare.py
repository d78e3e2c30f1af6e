"""``xinli compare``: what one region requires that another does not."""

from __future__ import annotations

import click

from xinli.cli.errors import UserError, user_errors
from xinli.cli.options import DATE, format_option, lang_option, load_registry, metric_labels, output_option, plugins_option, resolve_format
from xinli.cli.output import emit


@click.command()
@click.argument("regions", nargs=-1)
@click.option("--region", "-r", "region_options", multiple=True, metavar="CODE",
              help="A region to compare (give two: -r A -r B, or A B positionally).")
@format_option(("markdown", "json"), "markdown")
@click.option("--as-of", type=DATE, default=None, help="Rules in force on this date (YYYY-MM-DD).")
@lang_option()
@output_option()
@plugins_option()
@user_errors
def compare(regions: tuple[str, ...], region_options: tuple[str, ...], fmt: str | None, as_of, lang: str, output: str | None,
            plugins: str | None) -> None:
    """Compare REGION_A with REGION_B per domain: requirements only in one,
    and paired requirements that differ in value, period, grades or level,
    with the stricter side where decidable and both sides' citations."""
    import json

    from xinli.core.render.compare import render_compare_markdown
    from xinli.core.views.checklist import build_checklist
    from xinli.core.views.compare import compare_checklists

    given = [*regions, *region_options]
    if len(given) != 2:
        raise UserError(f"compare takes two regions (A B, or -r A -r B); got {len(given)}")
    region_a, region_b = given
    fmt = resolve_format(fmt, output, ("markdown", "json"), "markdown")
    registry = load_registry(plugins)
    data = compare_checklists(build_checklist(registry, region_a, as_of), build_checklist(registry, region_b, as_of))
    if fmt == "json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        text = render_compare_markdown(data, lang, metric_labels(registry))
    emit(text, output)
