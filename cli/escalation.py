"""``xinli escalation``: a region's reporting and intervention chain as a
flowchart (Mermaid, Graphviz DOT), plain text or JSON."""

from __future__ import annotations

import click

from xinli.cli.errors import user_errors
from xinli.cli.options import (
    DATE,
    format_option,
    lang_option,
    load_registry,
    output_option,
    plugins_option,
    region_option,
    resolve_format,
)
from xinli.cli.output import emit

FORMATS = ("mermaid", "dot", "text", "json")


@click.command()
@region_option()
@format_option(FORMATS, "mermaid")
@click.option("--as-of", type=DATE, default=None, help="Rules in force on this date (YYYY-MM-DD).")
@click.option("--procedure", default=None, metavar="KEY",
              help="Draw only this procedure (e.g. routine, emergency; see --format json).")
@lang_option()
@output_option()
@plugins_option()
@user_errors
def escalation(region: str, fmt: str | None, as_of, lang: str, procedure: str | None, output: str | None, plugins: str | None) -> None:
    """Print REGION's reporting and intervention procedures, each as its
    own flowchart (routine reporting and referral; the emergency response
    to an incident...): its trigger, steps in the document's order with
    role, action and conditions (such as parents' consent before referral),
    steps at the same time side by side, "acts under the guidance of" apart
    from "reports to", ending at the referral partners.  mermaid is one
    `flowchart TD` with a subgraph per procedure; dot is one digraph with a
    cluster per procedure, so `dot -Tsvg` makes one SVG."""
    import json

    from xinli.core.errors import XinliError
    from xinli.core.render.flowchart import render_dot, render_mermaid, render_text
    from xinli.core.views.checklist import build_checklist
    from xinli.core.views.escalation import escalation_chain

    fmt = resolve_format(fmt, output, FORMATS, "mermaid")

    chain = escalation_chain(build_checklist(load_registry(plugins), region, as_of))
    keys = [p["key"] for p in chain["procedures"]]
    if procedure is not None and procedure not in keys:
        raise XinliError(f"{region} has no procedure {procedure!r}; its procedures: {', '.join(keys) or 'none'}")
    if procedure is not None:
        chain["procedures"] = [p for p in chain["procedures"] if p["key"] == procedure]
        chain["steps"] = [s for s in chain["steps"] if s["procedure"] == procedure]
    if fmt == "json":
        text = json.dumps(chain, ensure_ascii=False, indent=2) + "\n"
    else:
        text = {"mermaid": render_mermaid, "dot": render_dot, "text": render_text}[fmt](chain, lang)
    emit(text, output)
