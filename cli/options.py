"""Options shared by several commands."""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

LANGS = ("zh", "en", "both")


def lang_option(default: str = "zh") -> Any:
    """``--lang zh|en|both``: the language of human-readable output; the
    ``XINLI_LANG`` environment variable sets the default."""
    return click.option("--lang", type=click.Choice(LANGS), default=default, envvar="XINLI_LANG", show_default=True,
                        show_envvar=True, help="Output language.")


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


def check_plugins(plugins: str | None) -> None:
    """For a command that loads no rules but takes ``--plugins`` like every
    other: an unknown code in it (or in $XINLI_PLUGINS) is still refused."""
    import os

    if plugins or os.environ.get("XINLI_PLUGINS"):
        load_registry(plugins)


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


def region_option(required: bool = True) -> Any:
    """``--region/-r CODE``: the jurisdiction a command works on."""
    return click.option("--region", "-r", "region", required=required, metavar="CODE",
                        help="Jurisdiction code (see `xinli regions`).")


#: File extensions and the output format each implies.
EXTENSIONS = {
    ".md": "markdown", ".markdown": "markdown", ".json": "json", ".csv": "csv", ".html": "html", ".htm": "html",
    ".xlsx": "xlsx", ".ics": "ics", ".toml": "toml", ".mmd": "mermaid", ".dot": "dot", ".gv": "dot", ".txt": "text",
}


#: The usual extension of each format.
SUFFIX_OF = {"markdown": "md", "text": "txt", "mermaid": "mmd"}


def resolve_format(fmt: str | None, output: str | None, formats: tuple[str, ...], default: str) -> str:
    """The output format: ``--format`` if given, else the one ``--output``'s
    extension names, else ``default``.  A ``--format`` that contradicts the
    extension, or an extension naming a format the command cannot write, is
    refused (exit 2) before any work."""
    from pathlib import Path

    from xinli.cli.errors import UserError

    implied = None
    if output and output != "-":
        path = Path(output)
        suffix = path.suffix.lower()
        implied = EXTENSIONS.get(suffix)
        # an existing file of another kind (a database, say) is left to the
        # output guard, which names what it is
        if suffix and implied is None and fmt is None and not path.exists():
            raise UserError(f"cannot tell the format from {output!r}; give --format ({'|'.join(formats)})")
        if implied is not None and implied not in formats and fmt is None:
            raise UserError(f"this command cannot write {implied} ({output!r}); formats: {', '.join(formats)}")
    if fmt is not None and implied is not None and implied in formats and fmt != implied:
        raise UserError(f"--output {output!r} does not end in .{SUFFIX_OF.get(fmt, fmt)} (the extension of --format {fmt}); "
                        "use a matching extension or leave out --format")
    return fmt or (implied if implied in formats else None) or default


def format_option(formats: tuple[str, ...], default: str) -> Any:
    """``--format``: one of ``formats``; when absent it follows the
    ``--output`` extension, else ``default``."""
    return click.option("--format", "fmt", type=click.Choice(formats), default=None,
                        help=f"Output format (default: from the --output extension, else {default}).")


def progress(iterable: Any, length: int, label: str) -> Any:
    """A progress bar on stderr when stderr is a terminal; the plain
    iterable otherwise (pipes, files, tests)."""
    import sys

    if not sys.stderr.isatty():
        return _plain(iterable)
    return _bar(iterable, length, label)


def _plain(iterable: Any) -> Any:
    yield from iterable


def _bar(iterable: Any, length: int, label: str) -> Any:
    import sys

    with click.progressbar(iterable, length=length, label=label, file=sys.stderr) as bar:
        yield from bar


def check_plugin_codes(codes: list[str], registry: Any) -> None:
    """Refuse a plugin code that ``registry`` neither loaded nor failed to
    load (so nothing installed provides it), suggesting the nearest."""
    import difflib
    from importlib import metadata

    from xinli.cli.errors import UserError
    from xinli.core.registry import ENTRY_POINT_GROUP

    seen = set(getattr(registry, "available", registry.plugins)) | {p.name for p in registry.problems}
    for code in codes:
        if code not in seen:
            installed = sorted({ep.name for ep in metadata.entry_points(group=ENTRY_POINT_GROUP)} | seen)
            near = difflib.get_close_matches(code, installed, n=1)
            hint = f"did you mean {near[0]!r}? " if near else ""
            raise UserError(f"--plugins/$XINLI_PLUGINS names {code!r}, which is not installed; {hint}"
                            f"installed: {', '.join(installed) or '(none)'}")


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
    from xinli.core.registry import load_plugins, selected_codes

    def language() -> str:
        here = click.get_current_context(silent=True)
        lang = (here.params.get("lang") or (here.obj or {}).get("lang")) if here is not None else None
        return lang if lang in ("zh", "en", "both") else "zh"

    def warn(problem: Any) -> None:
        from xinli.core.messages import localise_error, msg

        lang = language()
        dist = f" ({localise_error(problem.distribution, lang)})" if problem.distribution else ""
        click.echo(msg("plugin_not_loaded", lang, name=repr(problem.name), dist=dist, reason=localise_error(problem.reason, lang)),
                   err=True)

    only = plugins.split(",") if plugins else None
    chosen = selected_codes(only)
    ctx = click.get_current_context(silent=True)
    rules = ctx.find_root().meta.get("xinli.rules") if ctx is not None else None
    registry = load_plugins(only=only, lazy=True, on_problem=warn, **({"rules_path": rules} if rules else {}))
    if chosen:
        check_plugin_codes(sorted(chosen), registry)

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
        loading = None
        if sys.stderr.isatty() and len(registry.pending) > PROGRESS_FROM:
            def loading(names: Any, total: int) -> Any:
                from xinli.core.messages import msg

                label = msg("loading_plugins", language())
                with click.progressbar(names, length=total, label=label, file=sys.stderr) as bar:
                    yield from bar
        registry.load_all(loading)
    return registry


def xinli_version() -> str:
    """The installed xinli version."""
    from importlib import metadata

    try:
        return metadata.version("xinli")
    except metadata.PackageNotFoundError:
        return "unknown"


def print_info(registry: Any, checklist: dict[str, Any]) -> dict[str, Any]:
    """What a printed page states about itself: the print date (today, or
    ``SOURCE_DATE_EPOCH`` for reproducible files) and the versions of xinli
    and of the plugins whose rules it holds."""
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    printed = dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date() if epoch and epoch.isdigit() else dt.date.today()
    codes = [checklist["region"]["code"], *(p["code"] for p in checklist["region"]["parents"])]
    plugins = {code: registry.plugins[code].version or "-" for code in codes if code in registry.plugins}
    return {"printed": printed.isoformat(), "xinli": xinli_version(), "plugins": plugins}


def metric_labels(registry: Any) -> dict[str, dict[str, str]]:
    """Every metric's ``{zh, en}`` label, for output that names metrics in
    words rather than by key."""
    from xinli.core.assessment.metrics import collect_metrics

    return {key: {"zh": m.label.zh, "en": m.label.en} for key, m in collect_metrics(registry).items()}
