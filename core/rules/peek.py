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
exactly where it was met.  Nothing is cached between runs.
"""

from __future__ import annotations

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


class Peeker:
    """Reads identities for one registry build, remembering what every
    plugin of a distribution shares (its location, its top-level package,
    the ``__init__.py`` files checked)."""

    def __init__(self) -> None:
        self._tops: dict[tuple[str, str], bool] = {}
        self._inits: dict[Path, bool] = {}

    def _top_is_here(self, top: str, base: Path) -> bool:
        key = (top, str(base))
        known = self._tops.get(key)
        if known is None:
            known = self._tops[key] = self._find_top(top, base)
        return known

    @staticmethod
    def _find_top(top: str, base: Path) -> bool:
        module = sys.modules.get(top)
        if module is not None:
            locations = list(getattr(module, "__path__", []) or [])
        else:
            import importlib.util

            try:
                spec = importlib.util.find_spec(top)
            except (ImportError, ValueError):
                return False
            locations = list(spec.submodule_search_locations or []) if spec is not None else []
        return len(locations) == 1 and Path(locations[0]) == base / top

    def _init_is_empty(self, folder: Path) -> bool:
        known = self._inits.get(folder)
        if known is None:
            try:
                lines = _code_lines((folder / "__init__.py").read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                lines = None
            known = self._inits[folder] = lines == []
        return known

    def identity(self, name: str, value: str, dist: Any) -> Jurisdiction | None:
        """The identity of entry point ``name = value`` of distribution
        ``dist``, read from its files; None when it must be imported."""
        found = _ENTRY.match(value)
        locate = getattr(dist, "locate_file", None)
        if found is None or locate is None:
            return None
        package, attr = found.group(1).split("."), found.group(2)
        try:
            base = Path(locate(""))
        except Exception:  # a distribution of an unusual kind: import it instead
            return None
        if not self._top_is_here(package[0], base):
            return None
        folder = base
        for part in package:
            folder = folder / part
            if not self._init_is_empty(folder):
                return None
        try:
            plugin_py = (folder / "plugin.py").read_text(encoding="utf-8")
            rules = (folder / "rules.toml").read_bytes()
        except (OSError, UnicodeDecodeError):
            return None
        if _code_lines(plugin_py) != [line.format(attr=attr) for line in _CANONICAL]:
            return None
        return identity_from_bytes(rules, name)


def identity_from_bytes(rules: bytes, code: str) -> Jurisdiction | None:
    """The jurisdiction in a rules file's ``[jurisdiction]`` part, when it
    can be cut from the rest and its code is ``code``; else None."""
    from xinli.core.rules.toml_plugin import jurisdiction_from_dict, unknown_fields

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
        return None  # the plugin itself reports it when imported
    try:
        return jurisdiction_from_dict(table)
    except (KeyError, TypeError, ValueError):
        return None
