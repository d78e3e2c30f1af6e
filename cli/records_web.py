"""The small Datasette plugin behind ``xinli serve --db`` in Chinese (this
module is the plugin, registered in-process once): on the pages of a
records database's tables and views, a status, provenance, requirement
level or scope -- stored as a key (``met``) or a code (``1``) -- is shown
as its words (符合), with the stored value kept in the cell's tooltip for
filtering.  Canned queries already show words (their SQL does).
Everything it writes is escaped.  Imported only when serving, so it may
import Datasette."""

from __future__ import annotations

import sys
from typing import Any

from datasette import hookimpl

PLUGIN_NAME = "xinli-records"
#: the records databases (file stems) and the language their pages are shown in
RECORDS: dict[str, str] = {}
#: the columns whose stored keys or codes are shown as words
WORDED = {"status", "provenance", "level", "scope"}


def shown_word(column: str, value: Any, lang: str) -> str | None:
    """The words for a stored ``value`` of ``column`` in ``lang``, or None
    when it is not one of xinli's keys or codes."""
    from xinli.core import messages
    from xinli.core import vocabulary as vocab
    from xinli.core.assessment.statuses import PROVENANCE_NAMES, STATUS_NAMES

    if isinstance(value, int) and not isinstance(value, bool):
        names = STATUS_NAMES if column == "status" else PROVENANCE_NAMES if column == "provenance" else {}
        value = names.get(value)
    if not isinstance(value, str):
        return None
    if column == "status" and value in messages.STATUS_LABELS:
        return messages.status(value, lang)
    if column == "provenance" and value in messages.PROVENANCE_LABELS:
        return messages.provenance(value, lang)
    if column == "level" and value in vocab.LEVELS:
        return vocab.label(vocab.LEVELS, value, lang)
    if column == "scope" and value in messages.SCOPES:
        return messages.pick(messages.SCOPES[value], lang)
    return None


@hookimpl
def render_cell(value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
    """A worded cell of a records table or view; None (Datasette's own
    rendering) for anything else, for other databases, and under English."""
    lang = RECORDS.get(database)
    if lang is None or lang == "en" or table is None or column not in WORDED:
        return None
    words = shown_word(column, value, lang)
    if words is None:
        return None
    from markupsafe import Markup

    return Markup('<span title="{}">{}</span>').format(str(value), words)


def register(databases: set[str], lang: str) -> None:
    """Register this module with Datasette's plugin manager (once per
    process) for the records databases named ``databases``, shown in ``lang``."""
    from datasette.plugins import pm

    RECORDS.update(dict.fromkeys(databases, lang))
    if pm.get_plugin(PLUGIN_NAME) is None:
        pm.register(sys.modules[__name__], name=PLUGIN_NAME)
