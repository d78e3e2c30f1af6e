"""The HTML pages' template engine: one Jinja2 environment with
autoescaping on for every template, so any text a page shows (school
names, ids, evidence, the documents' words) is escaped unless it is a
fragment this package built and marked safe.

User text never reaches a ``<style>`` or ``<script>`` element: the pages
have no script, and their stylesheet is built from the catalogue and fixed
rules only (see :func:`xinli.core.render.paper.page_css`).  The templates
live here as strings (no package data to ship or lose).
"""

from __future__ import annotations

import functools
from typing import Any

from xinli.core.errors import XinliError

#: The whole document around a page's body.
PAGE = """<!DOCTYPE html>
<html lang="{{ code }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>{{ css }}</style>
</head>
<body>
{% for block in body %}{{ block }}
{% endfor %}</body>
</html>
"""

TEMPLATES = {"page.html": PAGE}


@functools.cache
def environment() -> Any:
    """The Jinja2 environment: autoescaping everywhere, undefined names an
    error, the templates of :data:`TEMPLATES`."""
    try:
        import jinja2
    except ImportError:  # a broken install: jinja2 is a runtime dependency
        raise XinliError("HTML pages need the jinja2 library: pip install jinja2") from None
    return jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined,
                              keep_trailing_newline=True)


def render(name: str, **values: Any) -> str:
    """Template ``name`` filled with ``values`` (text escaped; fragments
    passed through :func:`safe` kept as they are)."""
    return environment().get_template(name).render(**values)


def safe(fragment: str) -> Any:
    """Mark an HTML fragment this package built (its texts escaped when it
    was built) as safe to insert unescaped."""
    from markupsafe import Markup

    return Markup(fragment)


def escape(text: Any) -> str:
    """``text`` escaped for HTML (quotes too), the same escaping the
    templates apply."""
    from markupsafe import escape as markup_escape

    return str(markup_escape(str(text)))
