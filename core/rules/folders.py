"""Rules kept as files in folders, loaded without packaging.

``XINLI_RULES_PATH`` (folders separated by ``os.pathsep``, like ``PATH``)
and ``xinli --rules DIR`` name folders; every ``*.toml`` rules file in a
folder or one level below it is loaded as a plugin whose code is its
``[jurisdiction] code``, with the ``source.txt`` beside it (or
``<name>.source.txt`` when several rules files share a folder) as the
document text.  A TOML file with neither a ``[jurisdiction]`` table nor
``[[requirements]]`` (a facts file, ``pyproject.toml``) is not a rules
file and is skipped.  The same file goes into a package unchanged later.
"""

from __future__ import annotations

import itertools
import os
import re
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from xinli.core.rules import bounded_toml

RULES_PATH_ENV = "XINLI_RULES_PATH"


def rules_folders(extra: Iterable[str | Path] = ()) -> list[Path]:
    """The folders to load rules files from: ``extra`` first, then
    ``$XINLI_RULES_PATH``; empty entries are ignored."""
    env = os.environ.get(RULES_PATH_ENV, "")
    names = [str(e) for e in extra] + [p for p in env.split(os.pathsep) if p.strip()]
    seen: list[Path] = []
    for name in names:
        path = Path(name).expanduser()
        if path not in seen:
            seen.append(path)
    return seen


def rules_files(folders: Iterable[Path]) -> Iterator[Path]:
    """Every candidate ``*.toml`` in ``folders`` and their direct
    sub-folders, in a stable order (``pyproject.toml`` skipped)."""
    for folder in folders:
        if not folder.is_dir():
            continue
        found = sorted(folder.glob("*.toml")) + sorted(folder.glob("*/*.toml"))
        for path in found:
            if path.name != "pyproject.toml" and not any(part.startswith(".") for part in path.relative_to(folder).parts):
                yield path


def source_beside(path: Path) -> Path:
    """The document text for rules file ``path``: ``<stem>.source.txt`` if
    present, else ``source.txt`` in the same folder."""
    own = path.with_name(f"{path.stem}.source.txt")
    return own if own.exists() else path.with_name("source.txt")


#: A ``[jurisdiction]`` or ``[[requirements]]`` header line: a rules file, known without parsing it twice.
_RULES_HEADER = re.compile(r"^[ \t]*\[(?:[ \t]*jurisdiction[ \t]*|\[[ \t]*requirements[ \t]*\])\]", re.M)


def is_rules_file(path: Path) -> bool:
    """True when ``path`` parses as TOML with a ``[jurisdiction]`` table or
    ``[[requirements]]``; a file that does not parse counts as one (so its
    error is reported rather than hidden).  A file with such a header line
    is one without being parsed here (its plugin parses it)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return path.suffix == ".toml"
    if _RULES_HEADER.search(text):
        return True
    try:
        data = bounded_toml.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return path.suffix == ".toml"
    return "jurisdiction" in data or "requirements" in data


#: From this many rules files on, a folder's files are parsed in parallel
#: (a province's counties: parsing TOML is most of loading them).
PARALLEL_FROM = 200


def _parse_or_none(text: str | None) -> dict[str, Any] | None:
    """``text`` parsed within bounds, or None when it does not parse (the
    plugin then parses it again and reports the error as usual)."""
    if text is None:
        return None
    try:
        return bounded_toml.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        return None


def _parsed_in_parallel(texts: list[str | None], workers: int | None = None) -> Iterator[dict[str, Any] | None]:
    """Each text parsed in a pool of processes (one per core), yielded in
    order as soon as it is ready, so the caller builds plugins while the
    pool parses the rest; None for each text left when no pool can be had
    (each file is then parsed in turn by its plugin)."""
    from concurrent.futures.process import BrokenProcessPool

    workers = workers or os.cpu_count() or 1
    done = 0
    if workers >= 2 and texts:
        try:
            from concurrent.futures import ProcessPoolExecutor

            with ProcessPoolExecutor(max_workers=workers) as pool:
                for parsed in pool.map(_parse_or_none, texts, chunksize=16):
                    yield parsed
                    done += 1
        except (OSError, ImportError, RuntimeError, BrokenProcessPool):  # no processes here (a sandbox, a frozen app)
            pass
    yield from (None for _text in texts[done:])


def load_folder_plugins(folders: Iterable[Path], parallel_from: int = PARALLEL_FROM,
                        workers: int | None = None) -> tuple[list[tuple[str, Any, str]], list[tuple[str, str, str]]]:
    """Load the rules files in ``folders``: ``(code, plugin, path)`` for
    each that loaded and ``(name, path, reason)`` for each that did not.
    From ``parallel_from`` files on, the texts are parsed in ``workers``
    processes first (default: one per core); every file is still built,
    checked and reported here, in the same order and with the same errors."""
    from xinli.core.errors import XinliError
    from xinli.core.rules.sourcetext import read_utf8
    from xinli.core.rules.toml_plugin import TomlPlugin

    loaded: list[tuple[str, Any, str]] = []
    failed: list[tuple[str, str, str]] = []
    paths = [path for path in rules_files(folders) if is_rules_file(path)]
    texts: list[str | None] = []
    for path in paths:
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            texts.append(None)  # read again below, where the error is reported
    parsed = _parsed_in_parallel(texts, workers) if len(paths) >= parallel_from else iter([None] * len(paths))
    for path, text, data in zip(paths, texts, parsed, strict=True):
        source = source_beside(path)
        try:
            if text is None:
                text = path.read_text(encoding="utf-8")
            plugin = TomlPlugin(text, read_utf8(source) if source.exists() else None, str(path), parsed=data)
        except (OSError, UnicodeDecodeError, XinliError) as exc:
            failed.append((declared_code(path), str(path), str(exc)))
            continue
        loaded.append((plugin.jurisdiction.code, plugin, str(path)))
    return loaded, failed


_CODE_LINE = re.compile(r"""^[ \t]*code[ \t]*=[ \t]*["']([a-z][a-z0-9_]*)["']""", re.M)
_FIRST_OTHER_HEADER = re.compile(r"""^[ \t]*\[(?![\[ \t]*["']?jurisdiction["']?[ \t]*[.\]])""", re.M)


def _head(text: str) -> str:
    """The part of a rules file before its first table other than
    ``[jurisdiction]`` (where the code and names are)."""
    found = _FIRST_OTHER_HEADER.search(text)
    return text[:found.start()] if found else text


def declared_code(path: Path) -> str:
    """The jurisdiction code a rules file declares, read from its text even
    when it does not parse (``code = "..."`` in its ``[jurisdiction]``
    part); else the folder's name for a ``rules.toml``, else the file's
    stem.  A broken file is reported under this name, so ``-r CODE`` says
    why the region did not load."""
    try:
        found = _CODE_LINE.search(_head(path.read_text(encoding="utf-8", errors="replace")))
    except OSError:
        found = None
    if found:
        return found.group(1)
    return path.parent.name if path.name == "rules.toml" and path.parent.name else path.stem


#: At most this many files are read when looking for a region in folders nobody loaded.
SCAN_LIMIT = 500


def unloaded_rules_files(query: str, start: str | Path | None = None,
                         loaded: Iterable[Path] | None = None) -> list[tuple[Path, Path]]:
    """Rules files in or below ``start`` (default: the working folder),
    two levels deep, whose jurisdiction has the code ``query`` or whose
    ``[jurisdiction]`` part contains it (a name), in folders that were not
    loaded (``loaded``, default the ``$XINLI_RULES_PATH`` folders).  Each is
    given with the folder to pass to ``--rules``.  Used only to explain a
    region that was not found, so it reads a few hundred files at most."""
    base = Path(start) if start is not None else Path(".")  # relative paths read best in a hint
    skip = {p.resolve() for p in (rules_folders() if loaded is None else loaded)}
    needle = query.strip()
    if not needle:
        return []
    found: list[tuple[Path, Path]] = []
    def first(pattern: str) -> list[Path]:
        return sorted(itertools.islice(base.glob(pattern), SCAN_LIMIT))  # a big working folder is not walked whole

    candidates = [(base, p) for p in first("*.toml") + first("*/*.toml")]
    candidates += [(p.parent.parent, p) for p in first("*/*/*.toml")]
    for folder, path in candidates[:SCAN_LIMIT]:
        if path.name == "pyproject.toml" or any(part.startswith(".") for part in path.relative_to(base).parts):
            continue
        if folder.resolve() in skip:
            continue
        try:
            head = _head(path.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            continue
        if "[jurisdiction" not in head:
            continue
        code = _CODE_LINE.search(head)
        if (code and code.group(1) == needle) or (not re.fullmatch(r"[a-z0-9_]+", needle) and needle in head):
            found.append((path, folder))
    return found
