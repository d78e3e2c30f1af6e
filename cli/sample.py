"""``xinli sample``: draw a reproducible spot-check list of schools' self-
inspection items for an inspector, recorded in the database, in the shape
``xinli attest --from`` reads back."""

from __future__ import annotations

import click

from xinli.cli.errors import UserError, user_errors
from xinli.cli.options import check_plugins, lang_option, output_option, plugins_option, resolve_format


@click.command()
@click.option("--db", "db", required=True, type=click.Path(dir_okay=False, exists=True), help="SQLite records file.")
@click.option("--region", "-r", "region", default=None, metavar="CODE",
              help="Draw from the newest run of this region (default: the newest run).")
@click.option("--run", "run_id", type=int, default=None, help="Draw from this run.")
@click.option("--rate", type=float, default=None, help="Share of the run's schools to check, e.g. 0.1 (every item of each).")
@click.option("--per-item", "per_item", type=int, default=None, help="Schools to check for each item.")
@click.option("--seed", type=int, required=True, help="Random seed: the same seed draws the same schools.")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json"]), default=None,
              help="Output format (default: from the --output extension, else csv).")
@lang_option()
@output_option()
@plugins_option()
@user_errors
def sample(db: str, region: str | None, run_id: int | None, rate: float | None, per_item: int | None, seed: int,
           fmt: str | None, lang: str, output: str | None, plugins: str | None) -> None:
    """Draw a spot-check list (抽查) from a run: with --rate R a share R of the
    schools, each with every self-inspection item it answers for; with
    --per-item N, N schools for each item.  The draw depends only on the
    seed and the ids (the same seed gives the same schools) and is recorded
    in DB with its seed and rule, which the list repeats on every row.  An
    inspector fills result, by, on and evidence, and `xinli attest --from`
    records the filled list."""
    import json

    from xinli.core import messages
    from xinli.core.records.database import open_database
    from xinli.core.records.sampling import draw_sample, record_sample, rule_of
    from xinli.core.render.sample import render_sample_csv, render_sample_xlsx, rule_text

    check_plugins(plugins)
    fmt = resolve_format(fmt, output, ("csv", "xlsx", "json"), "csv")
    try:
        rule_of(rate, per_item)
    except Exception as exc:
        raise UserError(str(exc)) from None
    if fmt == "xlsx":
        from xinli.cli.binary import refuse_terminal

        refuse_terminal(output, fmt)
    database = open_database(db, create=False, readonly=False)
    try:
        drawn = draw_sample(database, seed, rate, per_item, run_id, region)
        drawn["number"] = record_sample(database, drawn)
    finally:
        database.close()
    if fmt == "xlsx":
        from xinli.cli.binary import emit_binary

        emit_binary(render_sample_xlsx(drawn, lang), output, fmt)
    elif fmt == "json":
        from xinli.cli.output import emit

        emit(json.dumps(drawn, ensure_ascii=False, indent=2) + "\n", output, fmt)
    else:
        from xinli.cli.output import emit

        emit(render_sample_csv(drawn, lang), output, fmt)
    if output and output != "-":
        click.echo(messages.msg("sampled", lang, schools=drawn["schools"], rows=len(drawn["rows"]), number=drawn["number"],
                                run=drawn["run"]["id"], seed=seed, rule=rule_text(drawn["rule"], lang), path=output),
                   err=True)
