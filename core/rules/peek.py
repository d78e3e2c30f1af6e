"""Reading an installed pure-data plugin's identity without importing it.

A packaged rules file ships with a two-line ``plugin.py`` (see
:mod:`xinli.core.rules.toml_plugin`); importing thousands of such modules
and registering each with pluggy is what made listing a country's county
plugins slow.  :func:`peek_identity` reads the same ``[jurisdiction]``
table straight from the installed files, and only when importing the
plugin could do nothing else:

- the entry point names ``<package>.plugin:plugin`` of a regular (not
  editable) installation, whose top-level package is the one ``import``
  would find;
- ``plugin.py`` is exactly the two canonical lines (a docstring, comments
  and blank lines aside), and every ``__init__.py`` on the way holds
  nothing but a docstring, comments and blank lines;
- ``rules.toml`` beside it has a ``[jurisdiction]`` table that can be cut
  from the rest (as :func:`~xinli.core.rules.toml_plugin.identity_part`
  cuts it) and whose code is the entry point's name.

Anything else answers None and the caller imports the plugin as before,
so a plugin with code of its own, a broken file or an impostor is met
exactly where it was met.

A top-level namespace package (the bundled plugins' ``xinli``, which has
no ``__init__.py``) counts as empty when ``import`` finds it in that one
place only.

With many plugins (a country's counties) what listing a region needs of
each identity (:func:`xinli.core.dicts.identity_dict`, built from the
validated jurisdiction) is remembered between runs in an identity cache
(:class:`IdentityCache`, ``$XINLI_CACHE_DIR`` or the user's cache folder;
``XINLI_CACHE_DIR=off`` turns it off).  An entry is used only while every
file it was read from (``plugin.py``, ``rules.toml``, the ``__init__.py``
files, a namespace package's missing one) has the same size, modification
time and inode, and only for the code it was read for; anything else is
read again.  The cache is a speed-up only: deleting it changes no answer.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

from xinli.core.model import Jurisdiction

_CANONICAL = ("from xinli.core.rules.toml_plugin import TomlPlugin", "{attr} = TomlPlugin.from_package(__package__)")
_ENTRY = re.compile(r"^\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\.plugin\s*:\s*([A-Za-z_]\w*)\s*$")
#: the first table header that is not ``[jurisdiction]`` or one of its sub-tables (as toml_plugin cuts)
_OTHER_HEADER = re.compile(rb"""^[ \t]*\[(?![\[ \t]*["']?jurisdiction["']?[ \t]*[.\]])""", re.M)
#: a later header reopening the jurisdiction table (the head would then be incomplete)
_JURISDICTION_AGAIN = re.compile(rb"""\n[ \t]*\[[\[ \t]*["']?jurisdiction["']?[ \t]*[.\]]""")


def _code_lines(text: str) -> list[str] | None:
    """The statements of a small module as stripped lines: a leading
    docstring, comments and blank lines left out; None when the text
    cannot be read that simply."""
    body = text.lstrip("\ufeff \t\r\n")
    for quote in ('"""', "'''"):
        if body.startswith(quote):
            end = body.find(quote, 3)
            if end < 0:
                return None
            body = body[end + 3:]
            break
    lines = []
    for line in body.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if line[0] in " \t":
            return None  # an indented line: not the plain statements looked for
        lines.append(stripped)
    return lines


CACHE_ENV = "XINLI_CACHE_DIR"
#: The cache file's format: 2 keeps each region's listing (1 kept ``[jurisdiction]`` tables).
FORMAT = 2


def _stamp(path: str) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino]


class IdentityCache:
    """Identities read from packaged rules files, kept between runs in one
    JSON file per Python environment, each entry valid only while its
    files are unchanged (size, modification time, inode)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.entries: dict[str, Any] = {}
        self.changed = False
        self._stamps: dict[str, list[int] | None] = {}
        if path is not None:
            try:
                with open(path, "rb") as handle:  # bytes decoded at once: a text stream's newline handling is slower
                    loaded = json.loads(handle.read().decode("utf-8"))
                if isinstance(loaded, dict) and loaded.get("format") == FORMAT and isinstance(loaded.get("entries"), dict):
                    self.entries = loaded["entries"]
            except (OSError, ValueError):
                pass  # no cache yet, or a damaged one: read the files

    @classmethod
    def default(cls) -> IdentityCache:
        """The cache of this Python environment (``$XINLI_CACHE_DIR``, else
        ``$XDG_CACHE_HOME/xinli`` or ``~/.cache/xinli``); a cache that
        keeps nothing when ``XINLI_CACHE_DIR=off``."""
        folder = os.environ.get(CACHE_ENV)
        if folder is not None and folder.strip().lower() in ("", "off", "0", "no"):
            return cls(None)
        if not folder:
            base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
            folder = os.path.join(base, "xinli")
        environment = hashlib.sha256(sys.prefix.encode()).hexdigest()[:16]
        return cls(Path(folder) / f"identities-{environment}.json")

    def _stamp(self, path: str) -> list[int] | None:
        """A file's stamp, read once per run (the ``__init__.py`` of a
        package offering thousands of plugins is shared by all)."""
        if path not in self._stamps:
            self._stamps[path] = _stamp(path)
        return self._stamps[path]

    def get(self, key: str, files: list[str]) -> dict[str, Any] | None:
        """The cached identity (:func:`xinli.core.dicts.identity_dict`) for
        ``key`` when every one of ``files`` is as it was when it was read."""
        entry = self.entries.get(key)
        if not isinstance(entry, dict) or entry.get("files") != files:
            return None
        stamps = entry.get("stamps")
        if not isinstance(stamps, list) or len(stamps) != len(files):
            return None
        if [self._stamp(path) for path in files] != stamps:
            return None
        identity = entry.get("identity")
        return identity if isinstance(identity, dict) and identity.get("code") == key.split("=", 1)[0] else None

    def put(self, key: str, files: list[str], identity: dict[str, Any]) -> None:
        """Remember ``identity`` as read from ``files``, when JSON keeps it
        exactly."""
        if json.loads(json.dumps(identity, ensure_ascii=False)) != identity:
            return
        self.entries[key] = {"files": files, "stamps": [self._stamp(f) for f in files], "identity": identity}
        self.changed = True

    def save(self) -> None:
        """Write the cache (atomically) if anything was added; a folder
        that cannot be written is left alone."""
        if self.path is None or not self.changed:
            return
        # entries of files since removed (an uninstalled package) are dropped
        self.entries = {key: entry for key, entry in self.entries.items()
                        if isinstance(entry, dict) and entry.get("files") and os.path.exists(entry["files"][-1])}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            temporary.write_text(json.dumps({"format": FORMAT, "entries": self.entries}, ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError:
            pass
        self.changed = False


class Peeker:
    """Reads identities for one registry build, remembering what every
    plugin of a distribution shares (its location, its top-level package,
    the ``__init__.py`` files checked); ``cache`` keeps the tables read
    between runs."""

    def __init__(self, cache: IdentityCache | None = None) -> None:
        self._tops: dict[tuple[str, str], bool] = {}
        self._inits: dict[str, bool] = {}
        self._bases: dict[int, tuple[Any, str | None]] = {}
        self.cache = cache

    def _base(self, dist: Any) -> str | None:
        """Where a distribution is installed, asked once per distribution."""
        known = self._bases.get(id(dist))
        if known is None or known[0] is not dist:
            try:
                base: str | None = os.fspath(dist.locate_file(""))
            except Exception:  # a distribution of an unusual kind: import its plugins instead
                base = None
            known = self._bases[id(dist)] = (dist, base)
        return known[1]

    def _top_is_here(self, top: str, base: str) -> str | bool:
        """True (or ``"namespace"`` for a namespace package) when ``import``
        finds the top-level package ``top`` in ``base`` and there only."""
        key = (top, base)
        known = self._tops.get(key)
        if known is None:
            known = self._tops[key] = self._find_top(top, base)
        return known

    @staticmethod
    def _find_top(top: str, base: str) -> str | bool:
        module = sys.modules.get(top)
        if module is not None:
            locations = list(getattr(module, "__path__", []) or [])
            namespace = getattr(module, "__file__", None) is None
        else:
            import importlib.util

            try:
                spec = importlib.util.find_spec(top)
            except (ImportError, ValueError):
                return False
            locations = list(spec.submodule_search_locations or []) if spec is not None else []
            namespace = spec is not None and spec.origin in (None, "namespace")
        if len(locations) != 1 or Path(locations[0]) != Path(base) / top:
            return False
        return "namespace" if namespace else True

    def _init_is_empty(self, path: str) -> bool:
        known = self._inits.get(path)
        if known is None:
            try:
                with open(path, encoding="utf-8") as handle:
                    lines = _code_lines(handle.read())
            except (OSError, UnicodeDecodeError):
                lines = None
            known = self._inits[path] = lines == []
        return known

    def _files(self, value: str, dist: Any) -> tuple[list[str], str | None] | None:
        """The files an entry point's identity is read from (the
        ``__init__.py`` files, ``plugin.py``, ``rules.toml``) and the
        top-level ``__init__.py`` a namespace package lacks; None when the
        plugin must be imported."""
        found = _ENTRY.match(value)
        if found is None or getattr(dist, "locate_file", None) is None:
            return None
        package = found.group(1).split(".")
        base = self._base(dist)
        top = self._top_is_here(package[0], base) if base is not None else None
        if base is None or not top:
            return None
        folder = base.rstrip(os.sep)
        inits = []
        for part in package:  # plain string joins: os.path.join is a measurable cost over thousands of plugins
            folder = f"{folder}{os.sep}{part}"
            inits.append(f"{folder}{os.sep}__init__.py")
        # a top-level namespace package (xinli itself: no __init__.py) runs no code of its own; its
        # missing __init__.py is stamped as missing, so one added later is read again
        return [*inits, f"{folder}{os.sep}plugin.py", f"{folder}{os.sep}rules.toml"], \
            inits[0] if top == "namespace" else None

    def _read(self, name: str, value: str, files: list[str], namespace_init: str | None) -> Jurisdiction | None:
        """The identity read from ``files`` when importing the plugin could do
        nothing else (see the module's docstring); else None."""
        *inits, plugin_file, rules_file = files
        if not all(init == namespace_init and not os.path.exists(init) or self._init_is_empty(init) for init in inits):
            return None
        try:
            with open(plugin_file, encoding="utf-8") as handle:
                plugin_py = handle.read()
            with open(rules_file, "rb") as handle:
                rules = handle.read()
        except (OSError, UnicodeDecodeError):
            return None
        attr = value.rsplit(":", 1)[1].strip()
        if _code_lines(plugin_py) != [line.format(attr=attr) for line in _CANONICAL]:
            return None
        table = jurisdiction_table(rules, name)
        return None if table is None else _build(table)

    def identity(self, name: str, value: str, dist: Any) -> Jurisdiction | None:
        """The identity of entry point ``name = value`` of distribution
        ``dist``, read from its files (never from the cache); None when it
        must be imported."""
        located = self._files(value, dist)
        return None if located is None else self._read(name, value, *located)

    def listing(self, name: str, value: str, dist: Any) -> dict[str, Any] | None:
        """What listing the region needs (:func:`xinli.core.dicts.identity_dict`)
        of entry point ``name = value``, from the cache while its files are
        unchanged, else read from them (and cached); None when the plugin
        must be imported."""
        located = self._files(value, dist)
        if located is None:
            return None
        key = f"{name}={value}"
        if self.cache is not None:
            cached = self.cache.get(key, located[0])
            if cached is not None:
                return cached
        jurisdiction = self._read(name, value, *located)
        if jurisdiction is None:
            return None
        from xinli.core.dicts import identity_dict

        identity = identity_dict(jurisdiction)
        if self.cache is not None:
            self.cache.put(key, located[0], identity)
        return identity


def _build(table: dict[str, Any]) -> Jurisdiction | None:
    from xinli.core.rules.toml_plugin import jurisdiction_from_dict

    try:
        return jurisdiction_from_dict(table)
    except (KeyError, TypeError, ValueError):
        return None


def identity_from_bytes(rules: bytes, code: str) -> Jurisdiction | None:
    """The jurisdiction in a rules file's ``[jurisdiction]`` part, when it
    can be cut from the rest and its code is ``code``; else None."""
    table = jurisdiction_table(rules, code)
    return None if table is None else _build(table)


def jurisdiction_table(rules: bytes, code: str) -> dict[str, Any] | None:
    """The parsed ``[jurisdiction]`` table of a rules file, when it can be
    cut from the rest, names no unknown field and its code is ``code``;
    else None (the plugin is then imported and says what is wrong)."""
    from xinli.core.rules.toml_plugin import unknown_fields

    cut = _OTHER_HEADER.search(rules)
    if cut is None or _JURISDICTION_AGAIN.search(rules, max(cut.start() - 1, 0)):
        return None
    try:
        data = tomllib.loads(rules[:cut.start()].decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None
    table = data.get("jurisdiction")
    if set(data) != {"jurisdiction"} or not isinstance(table, dict) or table.get("code") != code:
        return None
    if unknown_fields(data):
        return None
    return table if _build(table) is not None else None
