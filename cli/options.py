"""Options shared by several commands."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

LANGS = ("zh", "en", "both")


def lang_option(default: str = "both") -> Any:
    """``--lang zh|en|both``: the language of human-readable output."""
    return click.option("--lang", type=click.Choice(LANGS), default=default, show_default=True, help="Output language.")


def _remember_force(ctx: click.Context, param: Any, value: bool) -> bool:
    if value:
        from xinli.cli.output import FORCE_KEY

        ctx.find_root().meta[FORCE_KEY] = True
    return value


def output_option() -> Any:
    """``--output FILE`` (write to a file, atomically, instead of stdout) and
    ``--force`` (replace an existing file that does not look like a previous
    output of the same kind)."""
    output = click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
                          help="Write to FILE (atomically) instead of standard output; an existing FILE is "
                               "replaced only if it is a previous output of this format.")
    force = click.option("--force", is_flag=True, expose_value=False, callback=_remember_force,
                         help="With --output: replace FILE even if it does not look like a previous output "
                              "(never a file this command reads).")

    def decorate(func: Any) -> Any:
        return output(force(func))

    return decorate


def plugins_option() -> Any:
    """``--plugins a,b``: load only these plugin codes (else $XINLI_PLUGINS)."""
    return click.option("--plugins", "plugins", default=None, metavar="CODES",
                        help="Comma-separated plugin codes to load (default: $XINLI_PLUGINS or all).")


class DateType(click.ParamType):
    """An ISO date (YYYY-MM-DD)."""

    name = "date"

    def convert(self, value: Any, param: Any, ctx: Any) -> dt.date:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} is not a date in the form YYYY-MM-DD", param, ctx)


DATE = DateType()


#: Past this many plugins, loading them all shows a progress bar on a terminal.
PROGRESS_FROM = 50


def load_registry(plugins: str | None, everything: bool = False) -> Any:
    """The plugin registry for a command (imported lazily so ``--help``
    stays fast), warning on stderr about each plugin that could not be
    loaded.

    By default the registry is lazy: a command about one region imports
    only that region's chain of jurisdictions.  ``everything`` imports all
    installed plugins (``regions``, ``plugins``), with a progress bar on a
    terminal when there are more than :data:`PROGRESS_FROM`.
    """
    import sys

    from xinli.core.assessment.metrics import collect_metrics
    from xinli.core.errors import PluginError
    from xinli.core.registry import load_plugins

    def warn(problem: Any) -> None:
        dist = f" ({problem.distribution})" if problem.distribution else ""
        click.echo(f"warning: plugin {problem.name!r}{dist} was not loaded: {problem.reason}", err=True)

    only = plugins.split(",") if plugins else None
    ctx = click.get_current_context(silent=True)
    rules = ctx.find_root().meta.get("xinli.rules") if ctx is not None else None
    registry = load_plugins(only=only, lazy=True, on_problem=warn, **({"rules_path": rules} if rules else {}))

    def check_metrics(plugin: Any) -> None:
        # drops (and records) a plugin whose metrics hook fails, as it is loaded and before any command uses it
        try:
            collect_metrics(registry, [plugin])
        except PluginError:
            pass  # two plugins defining one metric differently: the commands that use metrics say so

    registry.on_load = check_metrics
    for plugin in list(registry.plugins.values()):  # rules-folder and extra plugins, loaded already
        check_metrics(plugin)
    if everything:
        progress = None
        if sys.stderr.isatty() and len(registry.pending) > PROGRESS_FROM:
            def progress(names: Any, total: int) -> Any:
                with click.progressbar(names, length=total, label="loading plugins", file=sys.stderr) as bar:
                    yield from bar
        registry.load_all(progress)
    return registry
