"""The small Datasette plugin behind ``xinli serve --catalog`` (this module
is the plugin, registered in-process once): on each region's page (a row
of a catalogue's ``jurisdictions``) the ``checklist`` cell becomes a link
to that region's checklist (the canned query ``region_checklist``).
Everything it writes is escaped.  Imported only when serving, so it may
import Datasette."""

from __future__ import annotations

import sys
from typing import Any
from urllib.parse import urlencode

from datasette import hookimpl

PLUGIN_NAME = "xinli-catalog"
#: the database names (file stems) that are catalogues
CATALOGS: set[str] = set()


@hookimpl
def render_cell(value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
    """The ``checklist`` cell of a catalogue's ``jurisdictions`` as a link
    to the region's checklist; None (Datasette's own rendering) otherwise."""
    if database not in CATALOGS or table != "jurisdictions" or column != "checklist" or not value:
        return None
    from markupsafe import Markup, escape

    url = datasette.urls.database(database) + "/region_checklist?" + urlencode({"region": str(value)})
    return Markup('<a href="{}">{}</a>').format(url, escape(f"{value} 的清单"))


def register(catalogs: set[str]) -> None:
    """Register this module with Datasette's plugin manager (once per
    process) for the catalogue databases named ``catalogs``."""
    from datasette.plugins import pm

    CATALOGS.update(catalogs)
    if pm.get_plugin(PLUGIN_NAME) is None:
        pm.register(sys.modules[__name__], name=PLUGIN_NAME)
