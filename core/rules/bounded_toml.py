"""Reading rules files (TOML) within bounds: a file nested deeper than any
rules file needs is refused as one problem of that file, never a
``RecursionError`` that stops every command (``regions`` included).
"""

from __future__ import annotations

import tomllib
from typing import Any

#: The deepest nesting of tables and arrays a rules file may have (the
#: rules format needs fewer than ten levels).
MAX_DEPTH = 32


class TooDeep(tomllib.TOMLDecodeError):
    """A TOML document nested deeper than :data:`MAX_DEPTH`."""


def _depth_ok(value: Any, limit: int) -> bool:
    """True when ``value`` nests tables and arrays at most ``limit`` deep
    (walked without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return False
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return True


def loads(text: str) -> dict[str, Any]:
    """``tomllib.loads(text)``, refusing (:class:`TooDeep`, a
    ``TOMLDecodeError``) a document nested more than :data:`MAX_DEPTH` deep."""
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise TooDeep(f"nested too deeply (more than {MAX_DEPTH} levels of tables and arrays)") from None
    if not _depth_ok(data, MAX_DEPTH):
        raise TooDeep(f"nested too deeply (more than {MAX_DEPTH} levels of tables and arrays)")
    return data
