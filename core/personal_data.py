"""What personal data looks like, in one place: mainland mobile numbers and
resident ID-card numbers (GB 11643).  Plugins are checked for them
(``xinli plugins check``) and facts and waivers refuse them in any value.
"""

from __future__ import annotations

import re

MOBILE_NUMBER = re.compile(r"(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)")
ID_CARD_NUMBER = re.compile(r"(?<!\d)\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dXx])")
#: GB 11643-1999: weights of the first 17 digits and the check characters.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def id_card_checksum_ok(number: str) -> bool:
    """True when an 18-character resident ID-card number's last character is
    the GB 11643 check character of the first 17 digits."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS, strict=True))
    return _CHECK[total % 11] == number[17].upper()


def find_mobile_numbers(text: str) -> list[str]:
    """Substrings of ``text`` shaped like a mainland mobile number."""
    return [m.group(0) for m in MOBILE_NUMBER.finditer(text)]


def find_id_card_numbers(text: str, checksum: bool = True) -> list[str]:
    """Substrings shaped like a resident ID-card number (date-shaped birth
    date; with ``checksum``, only those whose check character is right)."""
    return [m.group(0) for m in ID_CARD_NUMBER.finditer(text) if not checksum or id_card_checksum_ok(m.group(0))]


def personal_data_kind(text: str) -> str | None:
    """``"ID-card number"`` or ``"mobile number"`` when ``text`` holds one
    (an ID-card number only when its checksum is right), else None."""
    if find_id_card_numbers(text):
        return "ID-card number"
    if find_mobile_numbers(text):
        return "mobile number"
    return None
