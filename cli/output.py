"""Writing command output: to stdout, or atomically to a file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import click


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same
    directory and an atomic rename, so a reader never sees half a file and
    a failure leaves any previous file untouched."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def emit(text: str, output: str | None) -> None:
    """Print ``text`` to stdout, or write it atomically to ``output``."""
    if output is None or output == "-":
        click.echo(text, nl=not text.endswith("\n"))
    else:
        write_atomic(output, text)
        click.echo(f"wrote {output}", err=True)


def emit_chunks(chunks: Iterable[str], output: str | None) -> None:
    """Like :func:`emit` for text produced piece by piece: written as it
    comes (to a temporary file renamed into place at the end), never held
    whole."""
    if output is None or output == "-":
        for chunk in chunks:
            click.echo(chunk, nl=False)
        return
    target = Path(output)
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    click.echo(f"wrote {output}", err=True)
