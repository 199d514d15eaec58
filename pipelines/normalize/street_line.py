"""A street line that runs into its city, with no comma between them.

"5080 Atlantic Avenue Mays Landing" -> ("5080 Atlantic Avenue", "Mays Landing");
"1415 E University Dr. #103A Tempe" -> ("1415 E University Dr. #103A", "Tempe");
"1812 Erie St SE Washington" -> ("1812 Erie St SE", "Washington").

The cut is after the last street-type word (Ave, Street, Dr, ...), its directional and its unit
(Suite 3, #103A, 4th Fl). With no street-type word ("1000 Scotten Detroit") the last word is
read as the city only when the caller knows a state or ZIP follows, and the split says it
guessed (`guessed=True`), so the caller can flag it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HOUSE = re.compile(r"^\d+[A-Za-z]?(?:-\d+)?\s")
_SUFFIX = re.compile(
    r"^(?:st|street|ave|av|avenue|rd|road|blvd|boulevard|dr|drive|ln|lane|way|pl|place|ct|court|"
    r"pkwy|parkway|hwy|highway|ter|terrace|cir|circle|sq|square|trl|trail|pike|tpke|turnpike|"
    r"plz|plaza|row|loop|expy|expressway|fwy|freeway|aly|alley|crk|xing|cv|cove)\.?,?$",
    re.IGNORECASE)
_DIRECTION = re.compile(r"^(?:[NSEW]|NE|NW|SE|SW|north|south|east|west)\.?,?$", re.IGNORECASE)
_UNIT_WORD = re.compile(r"^(?:suite|ste\.?|room|rm\.?|unit|apt\.?|bldg\.?|building|floor|fl\.?)"
                        r",?$", re.IGNORECASE)
_UNIT_VALUE = re.compile(r"^(?:#\s?)?[\w-]{1,6},?$")
_HASH_UNIT = re.compile(r"^#\s?[\w-]{1,6},?$")
_ORDINAL_FLOOR = re.compile(r"^\d+(?:st|nd|rd|th)$", re.IGNORECASE)
_CITY_WORD = re.compile(r"^(?:[A-Z][A-Za-z'.-]*|of|de|la|le|du)$")
_TRAILING_UNIT = re.compile(
    r"\s+(?:(?:suite|ste\.?|room|rm\.?|unit|apt\.?|#)\s*[\w-]{1,6}|\d+(?:st|nd|rd|th)\s+"
    r"(?:fl\.?|floor)|(?:fl\.?|floor)\s+\d+)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class StreetCity:
    street: str
    city: str
    guessed: bool = False  # no street-type word: the city is the last word


def starts_with_house_number(text: str | None) -> bool:
    return bool(text and _HOUSE.match(text.strip()))


def strip_trailing_unit(text: str) -> str:
    """"Cleveland 4th Fl" -> "Cleveland"; "Austin Suite 200" -> "Austin"."""
    return _TRAILING_UNIT.sub("", text).strip()


def split_street_city(text: str | None, *, last_word_ok: bool = False) -> StreetCity | None:
    """(street, city) of "<house number> <street> <city>", or None when no cut is clear."""
    if not text or not starts_with_house_number(text):
        return None
    words = text.split()
    cut = after_street(words)
    guessed = False
    if cut is None:
        if not last_word_ok or len(words) < 3:
            return None
        cut, guessed = len(words) - 1, True
    city_words = words[cut:]
    if not city_words or not all(_CITY_WORD.match(w) for w in city_words) \
            or not city_words[0][0].isupper():
        return None
    street = " ".join(words[:cut]).rstrip(",")
    return StreetCity(street=street, city=" ".join(city_words).rstrip(".,"), guessed=guessed)


def after_street(words: list[str]) -> int | None:
    """Index of the first word after the street (suffix, directional, unit), or None."""
    suffixes = [i for i, w in enumerate(words) if i >= 2 and _SUFFIX.match(w)]
    if not suffixes:
        return None
    cut = suffixes[-1] + 1
    if cut < len(words) and _DIRECTION.match(words[cut]) and words[cut][:1].isupper():
        cut += 1
    while cut < len(words):
        if _HASH_UNIT.match(words[cut]):
            cut += 1
        elif cut + 1 < len(words) and _unit_pair(words[cut], words[cut + 1]):
            cut += 2
        else:
            break
    return cut


def _unit_pair(first: str, second: str) -> bool:
    """"Suite 200", "Ste 4B", "Room 2-101", "4th Fl"."""
    return bool(_UNIT_WORD.match(first) and _UNIT_VALUE.match(second)
                or _ORDINAL_FLOOR.match(first) and _UNIT_WORD.match(second))
