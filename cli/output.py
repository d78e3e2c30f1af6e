"""Writing command output: to stdout, or atomically to a file that is never
one of the user's inputs.

Every file xinli writes (``--output``, the per-school sheets of ``report
--by-school``) goes through :func:`guard_output` and :func:`write_atomic`.
Never, even with ``--force``: a write through a symbolic link or onto a file
with other names (hard links), onto a device, FIFO or socket, or onto an
input of the command.  Without ``--force`` an existing file is replaced only
when it is a previous xinli output of the same kind: the marker file beside
it (:data:`MARKER`) records what xinli wrote there, and the file still has
those bytes; not an SQLite database, ending in the format's extension.  The
write goes through a temporary file in the same directory and a rename,
keeps an existing file's mode (a new file gets 0644 under the usual umask).
Errors name the user's path, never the temporary file.
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


#: The marker beside xinli's outputs: a small JSON file in the output's
#: directory naming each file xinli wrote there with the SHA-256 of what it
#: wrote.  An existing file is a previous xinli output only while its bytes
#: still have that hash (a filled-in or edited file is the user's).
MARKER = ".xinli-outputs.json"


def _digest_of(path: str | os.PathLike[str]) -> str | None:
    import hashlib

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    import stat

    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None
        digest = hashlib.sha256()
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _read_marker(directory: str) -> dict[str, str]:
    """The marker of ``directory`` (empty when absent, a link, or unreadable)."""
    import json

    path = os.path.join(directory, MARKER)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return {}
    try:
        import stat

        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return {}
            data = json.loads(handle.read(64 << 20).decode("utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    return {k: v for k, v in files.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(files, dict) else {}


def written_by_xinli(path: str | os.PathLike[str]) -> bool:
    """True when the marker beside ``path`` records it with its current bytes."""
    directory, name = os.path.split(os.path.abspath(path))
    recorded = _read_marker(directory).get(name)
    return recorded is not None and recorded == _digest_of(path)


def record_outputs(directory: str | os.PathLike[str], digests: dict[str, str]) -> None:
    """Add ``{file name: sha256}`` to the marker of ``directory``.  Best
    effort: a marker that cannot be written only means the next run asks
    for ``--force``."""
    import json
    import tempfile

    directory = os.fspath(directory) or "."
    path = os.path.join(directory, MARKER)
    if os.path.islink(path) or (os.path.exists(path) and not os.path.isfile(path)):
        return
    files = _read_marker(directory)
    files.update(digests)
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{MARKER}.", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump({"written_by": "xinli", "files": files}, handle, ensure_ascii=False, indent=0, sort_keys=True)
        os.chmod(tmp, 0o644 & ~_umask())
        os.replace(tmp, path)
        tmp = None
    except OSError:
        pass
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


def write_atomic(path: str | os.PathLike[str], data: str | bytes | Iterable[str], record: bool = True) -> str:
    """Write ``data`` to ``path`` through a temporary file in the same
    directory and an atomic rename, so a reader never sees half a file and
    a failure leaves any previous file untouched; return the SHA-256 of
    what was written.

    The rename replaces the name itself: a symbolic link or a hard link at
    ``path`` is never written through (:func:`guard_output` refuses them
    first).  An existing file keeps its mode; a new one gets ``0644`` less
    the umask.  With ``record`` the file is added to the directory's
    marker (:data:`MARKER`), so a later run may replace it.  Errors raise
    :class:`XinliError` naming ``path``.  ``data`` may be an iterable of
    text pieces, written as they come (a streamed report)."""
    import hashlib
    import stat
    import tempfile
    from pathlib import Path

    shown = os.fspath(path)
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        info = target.lstat()
        mode = info.st_mode & 0o7777 if stat.S_ISREG(info.st_mode) else 0o644 & ~_umask()
    except FileNotFoundError:
        mode = 0o644 & ~_umask()
    except OSError as exc:
        raise XinliError(f"{shown}: cannot write: {exc.strerror or exc}") from None
    tmp: str | None = None
    digest = hashlib.sha256()
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as handle:
            if isinstance(payload, bytes):
                handle.write(payload)
                digest.update(payload)
            else:
                for chunk in payload:
                    piece = chunk.encode("utf-8")
                    handle.write(piece)
                    digest.update(piece)
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
    if record:
        record_outputs(target.parent, {target.name: digest.hexdigest()})
    return digest.hexdigest()


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
    """Refuse (:class:`XinliError`, exit 2) to write ``output`` unless it is
    new or a previous xinli output of format ``fmt``, or ``--force`` was given.

    Refused whatever ``--force`` says: a symbolic link (xinli never writes
    through one), a file with other names (hard links), a directory, a
    device, FIFO or socket, and an input of the running command (its facts,
    waivers or database).  Refused without ``--force``: an SQLite database,
    a file not ending in the format's extension, for ``facts-template`` any
    existing file that may hold filled-in facts, and any other non-empty
    file that the marker (:data:`MARKER`) does not record as xinli's with
    its current bytes."""
    import stat

    from xinli.core.errors import Refusal

    ctx = click.get_current_context(silent=True)
    force = bool(ctx is not None and ctx.find_root().meta.get(FORCE_KEY))
    from pathlib import Path

    target = Path(output)
    try:
        info = target.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise XinliError(f"{output}: cannot write: {exc.strerror or exc}") from None
    if stat.S_ISLNK(info.st_mode):
        raise Refusal("output_symlink", path=output)
    if stat.S_ISDIR(info.st_mode):
        raise XinliError(f"{output}: is a directory; --output needs a file name")
    if not stat.S_ISREG(info.st_mode):
        raise Refusal("output_special", path=output)
    for source in (_context_inputs(ctx) if inputs is None else inputs):
        if _same_file(target, source):
            raise XinliError(f"{output}: is an input of this command ({source}); refusing to overwrite it")
    if info.st_nlink > 1:
        raise Refusal("output_hard_link", path=output, links=info.st_nlink)
    if force:
        return
    hint = "; choose another file name, or add --force to replace it"
    try:
        fd = os.open(target, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise Refusal("output_special", path=output)
            head = handle.read(16)
    except OSError as exc:
        raise XinliError(f"{output}: cannot read: {exc.strerror or exc}") from None
    if head == SQLITE_MAGIC:
        raise XinliError(f"{output}: is an SQLite database, not a previous output{hint}")
    fmt = fmt or (ctx.params.get("fmt") if ctx is not None else None)
    endings = EXTENSIONS.get(fmt or "", ())
    if endings and not target.name.lower().endswith(endings):
        raise XinliError(f"{output}: exists and does not end in {' or '.join(endings)}, "
                         f"so it is not a previous {fmt} output{hint}")
    command = ctx.command.name if ctx is not None else None
    if command in NEVER_REPLACE:
        if _may_hold_facts(target, new_data):
            raise XinliError(f"{output}: exists and may hold filled-in facts{hint}")
        return
    if info.st_size == 0 or written_by_xinli(target):
        return
    if new_data is not None and _digest_of(target) == __import__("hashlib").sha256(new_data).hexdigest():
        return
    raise Refusal("output_not_ours", path=output)


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
                if sheet.title not in ("facts-help", "填报说明") and len(rows) > 1:
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
