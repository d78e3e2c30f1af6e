"""How expected errors reach the user: one line on stderr, exit code 2.

Exit code 1 is left to real bugs (uncaught exceptions); click's own usage
errors already exit 2.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


class UserError(click.ClickException):
    """An expected error with a one-line message; exits 2."""

    exit_code = 2

    def show(self, file: Any = None) -> None:
        from xinli.cli.i18n import invocation_lang
        from xinli.core.messages import localise_error, msg

        lang = invocation_lang()
        click.echo(msg("error_line", lang, message=localise_error(self.format_message(), lang)), err=True)


def command_lang() -> str:
    """The running command's ``--lang`` (Chinese when it has none)."""
    ctx = click.get_current_context(silent=True)
    lang = ctx.params.get("lang") if ctx is not None else None
    return lang if lang in ("zh", "en", "both") else "zh"


def user_errors(func: F) -> F:
    """Turn :class:`xinli.core.registry.XinliError` raised by a command into
    a :class:`UserError`, so no traceback reaches the user."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from xinli.core.errors import XinliError

        try:
            return func(*args, **kwargs)
        except XinliError as exc:
            raise UserError(exc.in_lang(command_lang())) from exc
        except BrokenPipeError:
            raise  # the reader went away (``| head``): the command group ends quietly
        except OSError as exc:
            raise UserError(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": ")) from exc
        except Exception as exc:
            # a damaged database met while reading it (sqlite3 is imported only by commands that use it)
            sqlite3 = sys.modules.get("sqlite3")
            if sqlite3 is None or not isinstance(exc, sqlite3.DatabaseError):
                raise
            db = click.get_current_context().params.get("db") or "the records database"
            raise UserError(f"{db}: cannot read the database: {exc}") from exc

    return wrapper  # type: ignore[return-value]
