"""What personal data looks like, in one place: mainland mobile numbers and
resident ID-card numbers (GB 11643, 18 characters, and the older 15-digit
form).  Plugins are checked for them (``xinli plugins check``); facts,
waivers, attestations and the file names a run records refuse them.

Text is normalised before it is looked at (:func:`normalise`): Unicode
NFKC (full-width digits become ASCII), spaces, dots and dashes between
digits removed, and a ``+86`` or ``0086`` country prefix dropped, so
``４４０３０５２００８０３１５１２３Ｘ``, ``440305 20080315 123X``,
``139.1234.5678`` and ``008613912345678`` are all found.
"""

from __future__ import annotations

import re
import unicodedata

MOBILE_NUMBER = re.compile(r"(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)")
ID_CARD_NUMBER = re.compile(r"(?<!\d)\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dXx])")
#: The first-generation resident ID card (until 2013): 15 digits, a
#: two-digit birth year, no check character.
ID_CARD_15 = re.compile(r"(?<![\dXx])\d{6}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![\dXx])")
#: After normalisation: a mobile number, with or without its country prefix.
_MOBILE_NORMALISED = re.compile(r"(?<!\d)(?:(?:\+|00)?86)?1[3-9]\d{9}(?!\d)")
#: Separators people put inside numbers: spaces of every width, dots,
#: dashes, hyphens and the middle dot.
_INSIDE_NUMBER = re.compile(r"(?<=[\d+])[\s.\-‐‑‒–—―−·・]+(?=[\dXx])")
#: GB 11643-1999: weights of the first 17 digits and the check characters.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def normalise(text: str) -> str:
    """``text`` as the checks read it: NFKC, then the separators between
    digits (spaces, dots, dashes) removed."""
    return _INSIDE_NUMBER.sub("", unicodedata.normalize("NFKC", text))


def id_card_checksum_ok(number: str) -> bool:
    """True when an 18-character resident ID-card number's last character is
    the GB 11643 check character of the first 17 digits."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS, strict=True))
    return _CHECK[total % 11] == number[17].upper()


def find_mobile_numbers(text: str) -> list[str]:
    """Mainland mobile numbers in ``text``: as written when the plain
    pattern finds them, else as they read once normalised."""
    found = [m.group(0) for m in MOBILE_NUMBER.finditer(text)]
    if found:
        return found
    return [m.group(0) for m in _MOBILE_NORMALISED.finditer(normalise(text))]


def find_id_card_numbers(text: str, checksum: bool = True) -> list[str]:
    """Resident ID-card numbers in ``text`` (normalised first): 18-character
    ones with a date-shaped birth date (with ``checksum``, only those whose
    check character is right) and 15-digit ones."""
    plain = normalise(text)
    found = [m.group(0) for m in ID_CARD_NUMBER.finditer(plain) if not checksum or id_card_checksum_ok(m.group(0))]
    return found + [m.group(0) for m in ID_CARD_15.finditer(plain)]


def find_personal_data(text: str, checksum: bool = False) -> list[str]:
    """Every mobile or ID-card number in ``text`` (see the finders)."""
    return find_mobile_numbers(text) + find_id_card_numbers(text, checksum=checksum)


def personal_data_kind(text: str) -> str | None:
    """``"ID-card number"`` or ``"mobile number"`` when ``text`` holds one
    (an 18-character ID-card number only when its checksum is right), else
    None."""
    if find_id_card_numbers(text):
        return "ID-card number"
    if find_mobile_numbers(text):
        return "mobile number"
    return None
