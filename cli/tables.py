"""Plain-text tables for the terminal: a header row and columns aligned by
display width (CJK characters take two columns), drawn by ``tabulate``
with ``wcwidth``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """``rows`` under ``headers`` as an aligned plain-text table."""
    import tabulate

    tabulate.PRESERVE_WHITESPACE = False
    return tabulate.tabulate([list(r) for r in rows], headers=list(headers), tablefmt="simple", disable_numparse=True)
