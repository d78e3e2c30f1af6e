"""Making user and plugin text safe in spreadsheets and Markdown: the one
place that decides what a cell or a line may start with.

Spreadsheet programs run a CSV cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return as a formula (OWASP's "CSV injection").
:func:`neutralise` prefixes such a text cell with an apostrophe, which
Excel and WPS show as plain text; numbers are left alone.  xlsx cells are
written as typed strings instead (:func:`xlsx_row`), so their text stays
exactly as it was.  :func:`md_text` keeps a value from becoming Markdown
structure (headings, links, images, HTML, table cells).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from typing import Any

#: A text cell starting with one of these is a formula to a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Characters escaped in inline text: those that start emphasis, code, links and images, HTML,
#: entities, table cells or a heading's closing sequence.  Parentheses need no escape once
#: brackets are escaped, and a line never starts with the value, so list markers are safe.
_MD_SPECIAL = re.compile(r"([\\`*{}\[\]<>#!|~&])")
#: An underscore opens or closes emphasis only next to a non-word character.
_MD_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x00-\x1f\x7f]+")


def neutralise(value: Any) -> Any:
    """``value`` with an apostrophe in front when it is text a spreadsheet
    would run as a formula; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """A :func:`csv.writer` whose every cell goes through :func:`neutralise`."""

    def __init__(self, buffer: Any, **options: Any) -> None:
        self._writer = csv.writer(buffer, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        """Write one row, neutralised."""
        return self._writer.writerow([neutralise(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        """Write many rows, neutralised."""
        for row in rows:
            self.writerow(row)


def safe_dict_rows(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> Iterable[list[Any]]:
    """Dictionaries as lists in ``columns`` order (missing keys empty), for :class:`SafeWriter`."""
    for row in rows:
        yield [row.get(column, "") for column in columns]


def md_text(value: Any) -> str:
    """``value`` as inline Markdown text: line breaks and control
    characters become one space, and characters Markdown (or HTML inside
    it) would act on are backslash-escaped, so a school name cannot start
    a heading, a link, an image, a tag or a new table cell."""
    text = "" if value is None else str(value)
    text = _MD_SPECIAL.sub(r"\\\1", _LINE_BREAKS.sub(" ", text))
    return _MD_UNDERSCORE.sub(r"\\_", text)


def md_code(value: Any) -> str:
    """``value`` as an inline code span (an id): nothing inside a code span
    is Markdown or HTML, so only a backtick (which would end it) and line
    breaks are replaced."""
    text = "" if value is None else str(value)
    return "`" + _LINE_BREAKS.sub(" ", text).replace("`", "'") + "`"


def xlsx_row(ws: Any, values: Iterable[Any]) -> list[Any]:
    """Cells for ``ws.append`` in which text is always a string, never a
    formula (openpyxl would otherwise turn ``"=..."`` into one)."""
    from openpyxl.cell import WriteOnlyCell

    out = []
    for value in values:
        if isinstance(value, str) and value.startswith("="):
            cell = WriteOnlyCell(ws, value=value)
            cell.data_type = "s"
            out.append(cell)
        else:
            out.append(value)
    return out


def xlsx_no_formulas(workbook: Any) -> None:
    """Turn every formula cell of a (non-streaming) workbook back into the
    text it was given as, before saving."""
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
