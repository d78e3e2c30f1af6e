"""``xinli vocab``: the controlled vocabularies a rules file writes, with
their Chinese and English labels (``xinli vocab duty-holders`` lists every
duty-holder key; docs/rules-format.md prints the same table)."""

from __future__ import annotations

import click

from xinli.cli.errors import user_errors
from xinli.cli.options import check_plugins, lang_option, plugins_option


def duty_holder_rows() -> list[dict]:
    """Every actor key a rule may name as duty holder (or subject, step
    role, reports_to), with its labels and whether a school answers for it."""
    from xinli.core import vocabulary as vocab

    return [{"key": key, "label": {"zh": zh, "en": en}, "school_side": key in vocab.SCHOOL_SIDE}
            for key, (zh, en) in vocab.ACTORS.items()]


def role_rows() -> list[dict]:
    """The roles of ``duty_holders`` entries."""
    from xinli.core import vocabulary as vocab

    return [{"key": key, "label": {"zh": zh, "en": en}} for key, (zh, en) in vocab.DUTY_ROLES.items()]


def duty_holders_markdown() -> str:
    """The duty-holder vocabulary as the Markdown table docs/rules-format.md
    prints (a test keeps the page equal to it)."""
    lines = ["| key | 中文 | English | answered for by the school |", "|---|---|---|---|"]
    for row in duty_holder_rows():
        lines.append(f"| `{row['key']}` | {row['label']['zh']} | {row['label']['en']} | {'yes' if row['school_side'] else ''} |")
    return "\n".join(lines) + "\n"


@click.group("vocab")
@plugins_option()
@user_errors
def vocab(plugins: str | None) -> None:
    """List the vocabularies a rules file uses (keys with zh/en labels)."""
    check_plugins(plugins)


@vocab.command("duty-holders")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown"]), default="table", show_default=True)
@lang_option()
@plugins_option()
@user_errors
def duty_holders(fmt: str, lang: str, plugins: str | None) -> None:
    """Every duty-holder key (who a rule binds: duty_holder, duty_holders,
    subject, step roles) and the roles of duty_holders entries."""
    import json

    check_plugins(plugins)

    if fmt == "json":
        click.echo(json.dumps({"duty_holders": duty_holder_rows(), "roles": role_rows()}, ensure_ascii=False, indent=2))
        return
    if fmt == "markdown":
        click.echo(duty_holders_markdown(), nl=False)
        return
    from xinli.cli.tables import table
    from xinli.core import messages
    from xinli.core import vocabulary as vocab

    m = lambda key: messages.msg(key, lang)  # noqa: E731
    rows = [(row["key"], vocab.localize(row["label"], lang), m("vocab_school_side") if row["school_side"] else m("vocab_outside"))
            for row in duty_holder_rows()]
    click.echo(table([m("vocab_key"), m("label"), m("vocab_side")], rows))
    click.echo("")
    click.echo(table([m("vocab_key"), m("vocab_role")], [(row["key"], vocab.localize(row["label"], lang)) for row in role_rows()]))
