"""The pytest fixtures that ``xinli.testing`` provides to every test run.

Both are factories, so one test can build several registries or
checklists.  Their names start with ``xinli_`` so they never clash with a
project's own ``registry`` or ``checklist`` fixtures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

import pytest

from xinli.testing.helpers import checklist_for, load_registry


@pytest.fixture
def xinli_registry() -> Callable[..., Any]:
    """Factory ``xinli_registry(codes=None, extra=())`` returning an isolated
    :class:`~xinli.core.registry.Registry` (see
    :func:`xinli.testing.load_registry`)."""
    return load_registry


@pytest.fixture
def xinli_checklist() -> Callable[..., dict[str, Any]]:
    """Factory ``xinli_checklist(code, as_of=None, *, plugins=None,
    extra=())`` returning region ``code``'s checklist as plain data.

    ``plugins`` and ``extra`` choose what to load, as for
    ``xinli_registry``; by default every installed plugin is loaded once per
    test and reused.
    """
    default: list[Any] = []

    def make(
        code: str,
        as_of: dt.date | str | None = None,
        *,
        plugins: Iterable[str] | None = None,
        extra: Iterable[tuple[str, Any]] = (),
    ) -> dict[str, Any]:
        extra = list(extra)
        if plugins is None and not extra:
            if not default:
                default.append(load_registry())
            registry = default[0]
        else:
            registry = load_registry(plugins, extra)
        return checklist_for(registry, code, as_of)

    return make
