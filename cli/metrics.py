"""``xinli metrics``: the metric names a check may use, with type, unit
and labels (all registered metrics, or those a region's checks use)."""

from __future__ import annotations

import click

from xinli.cli.errors import user_errors
from xinli.cli.options import lang_option, load_registry, plugins_option


def metrics_rows(registry, region: str | None) -> list[dict]:
    """One record per metric: key, type, unit, zh/en label, help and who
    defines it; with ``region``, only the metrics its checks use, in the
    facts template's order."""
    from xinli.core.assessment.metrics import builtin_metrics, collect_metrics
    from xinli.core.rules.toml_export import plugin_metrics

    chain = None
    if region is not None:
        from xinli.core.layering import chain_of

        chain = chain_of(registry, region)[0]  # a region's metrics come from its chain only
    metrics = collect_metrics(registry, chain)
    owner = dict.fromkeys(builtin_metrics(), "xinli")
    for code in [p.code for p in chain] if chain is not None else registry.codes:
        for metric in plugin_metrics(registry, code):
            owner.setdefault(metric.key, code)
    keys = list(metrics)
    if region is not None:
        from xinli.core.views.checklist import build_checklist

        keys = []
        for item in build_checklist(registry, region)["items"]:
            if item["check"] and item["check"]["metric"] not in keys:
                keys.append(item["check"]["metric"])
    return [
        {"key": key, "type": metrics[key].type, "unit": metrics[key].unit,
         "label": {"zh": metrics[key].label.zh, "en": metrics[key].label.en},
         "help": {"zh": metrics[key].help.zh, "en": metrics[key].help.en}, "defined_by": owner.get(key, "xinli")}
        for key in keys if key in metrics
    ]


@click.command("metrics")
@click.option("--region", "-r", default=None, help="Only the metrics this region's checks use.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@lang_option()
@plugins_option()
@user_errors
def metrics(region: str | None, fmt: str, lang: str, plugins: str | None) -> None:
    """List the metrics a check can compare: key, type, unit and zh/en
    labels, built-in ones and those plugins or rules files declare."""
    import json

    rows = metrics_rows(load_registry(plugins, everything=region is None), region)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from xinli.cli.tables import table
    from xinli.core import messages
    from xinli.core import vocabulary as vocab

    lines = []
    for row in rows:
        unit = vocab.label(vocab.UNITS, row["unit"], lang) if row["unit"] else "-"
        kind = messages.pick(messages.FACT_TYPES[row["type"]], lang) if row["type"] in messages.FACT_TYPES else row["type"]
        lines.append((row["key"], kind, unit, vocab.localize(row["label"], lang)
                      + ("" if row["defined_by"] == "xinli" else f"  [{row['defined_by']}]")))
    click.echo(table([messages.msg(k, lang) for k in ("column", "type", "unit", "label")], lines))
