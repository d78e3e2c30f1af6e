"""Writing command output: to stdout, or atomically to a file that is never
one of the user's inputs.

Every ``--output`` goes through :func:`guard_output` and
:func:`write_atomic`: an existing file is replaced only when it looks like a
previous output of the same kind (not an SQLite database, not an input of
the command, ending in the format's extension), unless ``--force``; the
write goes through a temporary file and a rename, keeps an existing file's
mode (a new file gets 0644 under the usual umask) and writes through a
symbolic link rather than replacing it.  Errors name the user's path, never
the temporary file.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

import click

from xinli.core.errors import XinliError

if TYPE_CHECKING:
    from pathlib import Path

#: File-name endings an existing ``--output`` file may have, per format.
EXTENSIONS: dict[str, tuple[str, ...]] = {
    "markdown": (".md", ".markdown", ".txt"),
    "json": (".json",),
    "csv": (".csv",),
    "html": (".html", ".htm"),
    "xlsx": (".xlsx",),
    "toml": (".toml",),
    "ics": (".ics",),
    "mermaid": (".mmd", ".mermaid", ".md", ".txt"),
    "dot": (".dot", ".gv"),
    "svg": (".svg",),
    "text": (".txt",),
}
#: Commands whose output an existing file must never silently replace: an
#: existing facts template may already hold the user's filled-in facts.
NEVER_REPLACE = {"facts-template"}
FORCE_KEY = "xinli.force"
#: The first bytes of every SQLite database (also in xinli.core.records.database,
#: which the CLI does not import just to guard an output path).
SQLITE_MAGIC = b"SQLite format 3\x00"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | os.PathLike[str], data: str | bytes | Iterable[str]) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same
    directory and an atomic rename, so a reader never sees half a file and
    a failure leaves any previous file untouched.

    A symbolic link is written through (the link stays); an existing file
    keeps its mode; a new one gets ``0644`` less the umask.  Errors raise
    :class:`XinliError` naming ``path``.  ``data`` may be an iterable of
    text pieces, written as they come (a streamed report)."""
    shown = os.fspath(path)
    import tempfile
    from pathlib import Path

    target = Path(os.path.realpath(path))
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o644 & ~_umask()
    except OSError as exc:
        raise XinliError(f"{shown}: cannot write: {exc.strerror or exc}") from None
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            if isinstance(payload, bytes):
                handle.write(payload)
            else:
                for chunk in payload:
                    handle.write(chunk.encode("utf-8"))
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise XinliError(f"{shown}: cannot write: {exc.strerror or exc}") from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


def _same_file(a: Path, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _context_inputs(ctx: click.Context | None) -> list[str]:
    """Files the running command reads: every path-like parameter naming an
    existing file, other than ``--output`` itself."""
    if ctx is None:
        return []
    found = []
    for name, value in ctx.params.items():
        if name == "output":
            continue
        for item in (value if isinstance(value, list | tuple) else [value]):
            if isinstance(item, str | os.PathLike) and os.fspath(item) not in ("", "-") and os.path.isfile(item):
                found.append(os.fspath(item))
    return found


def guard_output(output: str, fmt: str | None = None, inputs: Iterable[str] | None = None,
                 new_data: bytes | None = None) -> None:
    """Refuse (:class:`XinliError`, exit 2) to replace ``output`` unless it
    looks like a previous output of format ``fmt``, or ``--force`` was given.

    Refused whatever ``--force`` says: a directory, and an input of the
    running command (its facts, waivers or database).  Refused without
    ``--force``: an SQLite database, a file not ending in the format's
    extension, and for ``facts-template`` any existing file that differs
    from what would be written (it may hold filled-in facts)."""
    ctx = click.get_current_context(silent=True)
    force = bool(ctx is not None and ctx.find_root().meta.get(FORCE_KEY))
    from pathlib import Path

    target = Path(output)
    if not target.exists() and not target.is_symlink():
        return
    if target.is_dir():
        raise XinliError(f"{output}: is a directory; --output needs a file name")
    real = Path(os.path.realpath(target))
    for source in (_context_inputs(ctx) if inputs is None else inputs):
        if _same_file(real, source):
            raise XinliError(f"{output}: is an input of this command ({source}); refusing to overwrite it")
    if force or not real.exists():
        return
    hint = "; choose another file name, or add --force to replace it"
    try:
        with open(real, "rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        raise XinliError(f"{output}: cannot read: {exc.strerror or exc}") from None
    if head == SQLITE_MAGIC:
        raise XinliError(f"{output}: is an SQLite database, not a previous output{hint}")
    fmt = fmt or (ctx.params.get("fmt") if ctx is not None else None)
    endings = EXTENSIONS.get(fmt or "", ())
    if endings and not real.name.lower().endswith(endings):
        raise XinliError(f"{output}: exists and does not end in {' or '.join(endings)}, "
                         f"so it is not a previous {fmt} output{hint}")
    command = ctx.command.name if ctx is not None else None
    if command in NEVER_REPLACE and _may_hold_facts(real, new_data):
        raise XinliError(f"{output}: exists and may hold filled-in facts{hint}")


def _may_hold_facts(path: Path, new_data: bytes | None) -> bool:
    """False only for a file that is surely an unfilled template: the same
    bytes as the new one, a CSV of one header line, or a workbook whose
    facts sheet holds nothing below its header."""
    data = path.read_bytes()
    if new_data is not None and data == new_data:
        return False
    name = path.name.lower()
    if name.endswith(".csv"):
        lines = data.decode("utf-8-sig", errors="replace").splitlines()
        return sum(1 for line in lines if line.strip(", \t")) > 1
    if name.endswith(".xlsx"):
        try:
            import io

            import openpyxl

            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
            for sheet in workbook.worksheets:
                rows = [r for r in sheet.iter_rows(values_only=True) if any(c not in (None, "") for c in r)]
                if sheet.title != "facts-help" and len(rows) > 1:
                    return True
            return False
        except Exception:  # unreadable: it may be anything, so keep it
            return True
    return True


def emit(text: str, output: str | None, fmt: str | None = None) -> None:
    """Print ``text`` to stdout, or write it atomically to ``output`` once
    :func:`guard_output` allows it."""
    if output is None or output == "-":
        click.echo(text, nl=not text.endswith("\n"))
    else:
        write_output(output, text.encode("utf-8"), fmt)


def write_output(output: str, data: bytes, fmt: str | None = None) -> None:
    """Guard, then write ``data`` atomically to ``output`` and say so on stderr."""
    guard_output(output, fmt, new_data=data)
    write_atomic(output, data)
    _say_wrote(output)


def emit_chunks(chunks: Iterable[str], output: str | None, fmt: str | None = None) -> None:
    """Like :func:`emit` for text produced piece by piece: printed or
    written as it comes (to a temporary file renamed into place at the end,
    once :func:`guard_output` allows it), never held whole."""
    if output is None or output == "-":
        for chunk in chunks:
            click.echo(chunk, nl=False)
        return
    guard_output(output, fmt)
    write_atomic(output, chunks)
    _say_wrote(output)


def _say_wrote(output: str) -> None:
    """Tell stderr where the output went, in the running command's
    ``--lang`` (Chinese when it has none)."""
    from xinli.core import messages

    ctx = click.get_current_context(silent=True)
    lang = (ctx.params.get("lang") if ctx is not None else None) or "zh"
    click.echo(messages.msg("wrote", lang, path=output), err=True)
