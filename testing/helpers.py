"""Building isolated plugin registries and checklists for tests.

Each call builds its own plugin manager through
:func:`xinli.core.registry.load_plugins`, so tests never share or leak
registered plugins.  xinli's core is imported inside the functions, keeping
``import xinli.testing`` (done by pytest at start-up) cheap.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from xinli.core.registry import Registry


def installed_codes() -> list[str]:
    """The names of every plugin registered in the ``xinli`` entry-point
    group, whether or not it loads, and the codes of the rules files in
    ``$XINLI_RULES_PATH`` folders."""
    from importlib import metadata

    from xinli.core.registry import ENTRY_POINT_GROUP
    from xinli.core.rules.folders import load_folder_plugins, rules_folders

    names = {ep.name for ep in metadata.entry_points(group=ENTRY_POINT_GROUP)}
    folders = rules_folders()
    if folders:
        loaded, _failed = load_folder_plugins(folders)
        names |= {code for code, _plugin, _path in loaded}
    return sorted(names)


def load_registry(codes: Iterable[str] | None = None, extra: Iterable[tuple[str, Any]] = ()) -> Registry:
    """An isolated registry: the installed plugins named in ``codes``
    (default: all installed; ``$XINLI_PLUGINS`` is ignored) plus ``extra``
    ``(name, plugin)`` pairs registered after them.

    A plugin that fails to load is left out and listed in the registry's
    ``problems``, exactly as the ``xinli`` command would report it.  List a
    region's ancestors in ``codes`` too, or its parents count as not
    installed.
    """
    from xinli.core.registry import load_plugins

    extra = list(extra)
    wanted = set(installed_codes() if codes is None else codes) | {name for name, _ in extra}
    if not wanted:
        return load_plugins(entry_points=[])
    return load_plugins(only=sorted(wanted), extra=extra)


def as_date(value: dt.date | str | None) -> dt.date | None:
    """``value`` as a date: a date, an ISO ``YYYY-MM-DD`` string, or None."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value)


def checklist_for(registry: Registry, code: str, as_of: dt.date | str | None = None) -> dict[str, Any]:
    """Region ``code``'s checklist from ``registry`` as plain data (the
    ``xinli.checklist/2`` contract of ``xinli checklist --format json``)."""
    from xinli.core.views.checklist import build_checklist

    return build_checklist(registry, code, as_date(as_of))
