"""The command line in the reader's language: click's own messages (Usage,
Error, Missing option, Try … for help, the help headings) and every
command's help text, in Chinese under ``--lang zh`` (the default, or
``XINLI_LANG``) and English under ``--lang en``.

click marks its messages for :mod:`gettext`; :func:`install` gives the
click modules a translator that looks each message up in the catalogue
(:data:`xinli.core.messages.CLICK`).  Help texts are written in English in
the commands; :func:`localise` swaps in the catalogue's Chinese
(:data:`xinli.core.messages.HELP`) for the invocation's language and back.
The language of an invocation is known before its options are parsed
(errors and ``--help`` come first): an explicit ``--lang`` among its
arguments, else ``XINLI_LANG``, else Chinese.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

import click

#: The languages of --lang (as in :mod:`xinli.cli.options`, not imported: it imports the errors that use this module).
LANGS = ("zh", "en", "both")

#: The arguments of the invocation being run (set by the command group).
_ARGS: list[str] = []
_installed = False


def remember_args(args: Sequence[str] | None) -> None:
    """Keep the invocation's arguments (``sys.argv[1:]`` when ``None``) for
    :func:`invocation_lang`."""
    _ARGS[:] = list(sys.argv[1:] if args is None else args)


def invocation_lang() -> str:
    """``zh``, ``en`` or ``both``: the last valid ``--lang`` among the
    invocation's arguments, else ``XINLI_LANG``, else ``zh``."""
    found = None
    for n, word in enumerate(_ARGS):
        if word == "--":
            break
        if word == "--lang" and n + 1 < len(_ARGS):
            found = _ARGS[n + 1]
        elif word.startswith("--lang="):
            found = word.split("=", 1)[1]
    if found in LANGS:
        return found
    env = os.environ.get("XINLI_LANG", "")
    return env if env in LANGS else "zh"


def _translate(message: str) -> str:
    from xinli.core import messages

    pair = messages.CLICK.get(message)
    return message if pair is None else messages.pick(pair, invocation_lang())


def _translate_plural(singular: str, plural: str, n: int) -> str:
    return _translate(singular if n == 1 else plural)


def install() -> None:
    """Give click's modules the catalogue's translator (once)."""
    global _installed
    if _installed:
        return
    import importlib

    for name in ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils", "shell_completion"):
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:  # pragma: no cover - a click without that module
            continue
        if hasattr(module, "_"):
            module._ = _translate  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _translate_plural  # type: ignore[attr-defined]
    # the reasons xinli's own parameter types give (``self.fail(...)``) are English: localise the whole line
    from click import exceptions

    for cls in (exceptions.ClickException, exceptions.UsageError, exceptions.BadParameter, exceptions.MissingParameter,
                exceptions.NoSuchOption, exceptions.BadOptionUsage, exceptions.BadArgumentUsage, exceptions.FileError):
        if "format_message" in vars(cls):
            cls.format_message = _localised(vars(cls)["format_message"])  # type: ignore[method-assign]
    _installed = True


def _localised(format_message: Any) -> Any:
    def localised(self: Any) -> str:
        from xinli.core.messages import localise_error

        return localise_error(format_message(self), invocation_lang())

    return localised


def _english(obj: Any, attr: str) -> str | None:
    """The English text of ``obj.attr`` as the command wrote it (kept the
    first time it is swapped)."""
    key = f"_xinli_en_{attr}"
    if not hasattr(obj, key):
        setattr(obj, key, getattr(obj, attr, None))
    return getattr(obj, key)


def help_text(english: str | None, lang: str) -> str | None:
    """``english`` (a command's or option's help) in ``lang``: the
    catalogue's Chinese under ``zh``, both under ``both``; English when the
    catalogue has no entry."""
    if not english or lang == "en":
        return english
    from xinli.core import messages

    key = " ".join(english.split())
    pair = messages.HELP.get(key)
    if pair is None:
        return english
    import inspect

    return pair[0] if lang == "zh" else f"{pair[0]}\n\n{inspect.cleandoc(english)}"


def localise(command: click.Command, lang: str) -> None:
    """Set the help texts of ``command`` and everything under it to
    ``lang`` (from the English each was written with)."""
    english = _english(command, "help")
    command.help = help_text(english, lang)
    short = _english(command, "short_help")
    if short is None and command.help and command.help != english:
        # click shortens help at spaces, which Chinese has none of: the first sentence
        first = command.help.split("\n\n", 1)[0]
        short = first.split("。", 1)[0] + ("。" if "。" in first else "")
    else:
        short = help_text(short, lang)
    command.short_help = short
    if hasattr(command, "_help_option"):
        command._help_option = None  # click keeps the help option (and its text) once made: make it again
    for param in command.params:
        if isinstance(param, click.Option):
            param.help = help_text(_english(param, "help"), lang)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            localise(sub, lang)
