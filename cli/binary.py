"""Writing binary output (xlsx workbooks): atomically to ``--output``, or to
a pipe, but never onto a terminal."""

from __future__ import annotations

import sys

from xinli.cli.errors import UserError
from xinli.cli.output import write_output


def stdout_is_terminal() -> bool:
    """True when standard output is a terminal."""
    return sys.stdout.isatty()


def refuse_terminal(output: str | None, fmt: str) -> None:
    """Stop with exit 2, before any work, when binary ``fmt`` output would
    go to a terminal."""
    if (output is None or output == "-") and stdout_is_terminal():
        raise UserError(f"{fmt} output is binary; write it to a file with --output FILE.{fmt}")


def emit_binary(data: bytes, output: str | None, fmt: str) -> None:
    """Write ``data`` atomically to ``output``, or to standard output when
    that is not a terminal."""
    if output is None or output == "-":
        refuse_terminal(output, fmt)
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    write_output(output, data, fmt)
