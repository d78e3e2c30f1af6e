"""The documents' own words: cleaning extracted text and finding quotes in it.

A plugin ships its document as ``source.txt``; every requirement's
``citation.quote`` must occur in that text once all white space is ignored,
because PDF extraction breaks lines mid-sentence.
"""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

PAGE_NUMBER = re.compile(r"^\s*[-－—]?\s*\d{1,3}\s*[-－—]?\s*$")
WHITESPACE = re.compile(r"\s+")


def clean(text: str) -> str:
    """Drop form feeds, page-number lines and trailing blanks from text
    extracted from a PDF, keeping every other character as it was."""
    lines = []
    for line in text.replace("\f", "\n").splitlines():
        if PAGE_NUMBER.match(line) and line.strip():
            continue
        lines.append(line.rstrip())
    cleaned = "\n".join(lines)
    cleaned = re.sub(r"\n{3,}", "\n\n", cleaned)
    return cleaned.strip() + "\n"


def squash(text: str) -> str:
    """Remove all white space, so quotes match across broken lines."""
    return WHITESPACE.sub("", text)


def read_utf8(path: Any, shown: str | None = None) -> str:
    """The text of ``path`` (a file or an importlib resource) as UTF-8; a
    file in another encoding (a GBK ``source.txt``) is a :class:`Refusal`
    naming that file and the first byte that is not UTF-8."""
    from xinli.core.errors import Refusal

    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Refusal("not_utf8", path=shown or str(path), byte=f"{data[exc.start]:02X}", pos=exc.start) from None


def quote_found(quote: str, source: str) -> bool:
    """True when ``quote`` occurs in ``source``, white space ignored."""
    return squash(quote) in squash(source)


def plugin_source(package: str) -> str:
    """The ``source.txt`` shipped inside a plugin package (e.g.
    ``xinli.plugins.henan``)."""
    return resources.files(package).joinpath("source.txt").read_text(encoding="utf-8")
