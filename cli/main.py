"""The ``xinli`` command group.  Subcommands live in their own modules and
import the core lazily, so ``xinli --help`` stays fast."""

from __future__ import annotations

from typing import Any

import click

from xinli.cli.assess import assess, facts_template, report, runs
from xinli.cli.attest import attest
from xinli.cli.catalog import catalog
from xinli.cli.checklist import checklist
from xinli.cli.compare import compare
from xinli.cli.coverage import coverage
from xinli.cli.escalation import escalation
from xinli.cli.export_rules import export_rules
from xinli.cli.metrics import metrics
from xinli.cli.new_plugin import new_plugin
from xinli.cli.plugins_cmd import plugins
from xinli.cli.regions import regions
from xinli.cli.rollup import rollup
from xinli.cli.sample import sample
from xinli.cli.schedule import schedule
from xinli.cli.serve import serve
from xinli.cli.show import show
from xinli.cli.vocab import vocab

#: Exit status when standard output's reader went away: 128 + SIGPIPE, as
#: git and other tools killed by the signal report it.
BROKEN_PIPE = 141


def quiet_stdout() -> None:
    """Point standard output at the null device, so the final flush at exit
    finds no broken pipe to complain about."""
    import os
    import sys

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (a test runner's buffer)
        pass


class XinliGroup(click.Group):
    """The command group, turning Ctrl-C into exit 130 with one line: every
    command writes in one transaction or one atomic rename, so an
    interrupted command has written nothing.  It speaks the invocation's
    language (``--lang``, else ``XINLI_LANG``, else Chinese) from the first
    word: click's own messages and every help text (:mod:`xinli.cli.i18n`)."""

    def main(self, args: Any = None, *extra: Any, **kwargs: Any) -> Any:
        """Run the command line in the invocation's language."""
        from xinli.cli import i18n

        i18n.remember_args(args)
        i18n.install()
        i18n.localise(self, i18n.invocation_lang())
        try:
            return super().main(args, *extra, **kwargs)
        except SystemExit:
            import sys

            try:  # what is still buffered goes out now, not in a flush at exit that would complain
                sys.stdout.flush()
            except BrokenPipeError:
                quiet_stdout()
                raise SystemExit(BROKEN_PIPE) from None
            raise

    def invoke(self, ctx: click.Context) -> object:
        words = [*getattr(ctx, "_protected_args", ()), *ctx.args]
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # the reader of standard output went away (``xinli report | head``): stop quietly, as git does
            quiet_stdout()
            ctx.exit(BROKEN_PIPE)
        except KeyboardInterrupt:
            from xinli.cli import i18n
            from xinli.core.messages import msg

            lang = next((words[n + 1] for n, w in enumerate(words[:-1]) if w == "--lang"), None)
            lang = next((w.split("=", 1)[1] for w in words if w.startswith("--lang=")), lang)
            click.echo(msg("interrupted", lang if lang in ("zh", "en", "both") else i18n.invocation_lang()), err=True)
            ctx.exit(130)


@click.group(cls=XinliGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version=None, package_name="xinli", prog_name="xinli", message="%(prog)s %(version)s")
@click.option("--rules", "rules", multiple=True, metavar="DIR", type=click.Path(file_okay=False, exists=True),
              help="Also load every *.toml rules file in DIR (repeatable; added to $XINLI_RULES_PATH).")
@click.pass_context
def cli(ctx: click.Context, rules: tuple[str, ...]) -> None:
    """xinli: school mental-health crisis-intervention policy as code.

    Each jurisdiction's notice is a plugin; these commands list them and
    print what a region requires of its schools.
    """
    ctx.meta["xinli.rules"] = list(rules)


cli.add_command(regions)
cli.add_command(show)
cli.add_command(checklist)
cli.add_command(schedule)
cli.add_command(escalation)
cli.add_command(plugins)
cli.add_command(export_rules)
cli.add_command(new_plugin)
cli.add_command(compare)
cli.add_command(coverage)
cli.add_command(facts_template)
cli.add_command(assess)
cli.add_command(attest)
cli.add_command(sample)
cli.add_command(runs)
cli.add_command(report)
cli.add_command(rollup)
cli.add_command(serve)
cli.add_command(metrics)
cli.add_command(vocab)
cli.add_command(catalog)

# region codes and requirement ids complete in the shell
from xinli.cli.completion import attach as _attach_completion  # noqa: E402

_attach_completion(cli)
