"""What a single value in a facts or waivers file may be: the limits and
refusals every reader applies before a value is parsed or stored.

A value is refused (with its row and column, and never echoed in full)
when it is a list or table where one value belongs, holds a NUL or other
control character, is longer than its column's cap, or looks like
personal data (a resident ID-card number with a valid GB 11643 checksum, or
a mainland mobile number).  ``school_id`` and ``school_name`` must be text
or whole numbers.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from xinli.core.personal_data import personal_data_kind

#: Longest text accepted, in characters, per column (others: DEFAULT_CAP).
TEXT_CAPS = {"school_id": 64, "school_name": 200, "grades": 40, "requirement_id": 200, "justification": 1000,
             "approved_by": 200}
DEFAULT_CAP = 200
#: Largest count or number accepted (a school-level fact is never larger).
MAX_NUMBER = 10**9
#: Longest number written as text (digits, sign, point, exponent).
MAX_NUMBER_TEXT = 32
#: Control characters refused in any text: all but tab and line breaks, and
#: the bidirectional overrides and isolates (they reorder what is shown).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
#: In ``school_id`` and ``school_name`` line breaks are refused too, and
#: the invisible characters that make two names look alike or reorder what
#: is shown: zero-width characters and bidirectional controls (U+202E...).
_CONTROL_IN_NAME = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
                              r"\ufeff\u061c\u180e]")
#: The shortest text that can hold personal data (a mobile number: 11
#: digits); every column's cap is longer, so shorter printable text passes.
SHORTEST_PERSONAL = 11
assert min(DEFAULT_CAP, *TEXT_CAPS.values()) >= SHORTEST_PERSONAL


def plainly_fine(value: Any) -> bool:
    """True for the common cell :func:`check_value` would pass without a
    look: printable text (no control or line-break character) too short to
    hold personal data.  A fast path for readers of large files."""
    return type(value) is str and len(value) < SHORTEST_PERSONAL and value.isprintable()


def shown(value: Any, limit: int = 24) -> str:
    """A value as it may appear in an error: at most ``limit`` characters."""
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


def masked(text: str) -> str:
    """Personal data as it may appear in an error: its first three
    characters only."""
    return text[:3] + "…"


def check_value(column: str, value: Any, identifier: bool = False) -> tuple[str | None, str] | None:
    """Why ``value`` in ``column`` is refused, as ``(shown value or None,
    reason)``; None when it may be parsed.  ``identifier`` columns
    (``school_id``, ``school_name``) take only text or whole numbers."""
    if value is None or plainly_fine(value):
        return None
    if isinstance(value, list | tuple | dict | set):
        return None, ("a list or table where one value belongs; xinli keeps one school-level value per cell "
                      "(student records are refused)")
    if identifier and (isinstance(value, bool) or not isinstance(value, str | int)):
        return shown(value), f"{column} must be text or a whole number, not {_kind(value)}"
    if isinstance(value, float) and not math.isfinite(value):
        return shown(value), "not a finite number"
    if isinstance(value, dt.time):
        return shown(value), "a time of day where a value belongs"
    if identifier and isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        return None
    control = _CONTROL_IN_NAME.search(value) if identifier else _CONTROL.search(value)
    if control:
        return None, f"contains the control character U+{ord(control.group(0)):04X}; remove it"
    cap = TEXT_CAPS.get(column, DEFAULT_CAP)
    if len(value) > cap:
        return shown(value), f"longer than {cap} characters ({len(value)})"
    kind = personal_data_kind(value)
    if kind is not None:
        return masked(value.strip()), (f"looks like a {kind} (personal data); xinli keeps school-level facts "
                                       "only and stores nothing about a person")
    return None


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, dt.date):
        return "a date"
    return type(value).__name__
