"""Name keys and code tables shared by the gazetteer build and the query parser.

A name key folds the spelling differences between USPS, GeoNames and people: accents, case,
punctuation, spaces ("Mc Lean" = "McLean"), and leading St/Ste/Mt/Ft abbreviations.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from spiders.common.us_states import US_STATES

# Canadian provinces: postal abbreviation -> GeoNames admin1 code.
CA_PROVINCES: dict[str, str] = {
    "AB": "01", "BC": "02", "MB": "03", "NB": "04", "NL": "05", "NS": "07", "ON": "08",
    "PE": "09", "QC": "10", "SK": "11", "YT": "12", "NT": "13", "NU": "14",
}
CA_PROVINCE_NAMES: dict[str, str] = {
    "alberta": "AB", "britishcolumbia": "BC", "manitoba": "MB", "newbrunswick": "NB",
    "newfoundlandandlabrador": "NL", "newfoundland": "NL", "novascotia": "NS", "ontario": "ON",
    "princeedwardisland": "PE", "quebec": "QC", "saskatchewan": "SK", "yukon": "YT",
    "northwestterritories": "NT", "nunavut": "NU",
}

# Common ways to write a country that GeoNames' country names do not cover.
COUNTRY_ALIASES: dict[str, str] = {
    "uk": "GB", "unitedkingdom": "GB", "greatbritain": "GB", "england": "GB", "scotland": "GB",
    "wales": "GB", "northernireland": "GB", "britain": "GB", "usa": "US", "us": "US",
    "unitedstates": "US", "unitedstatesofamerica": "US", "america": "US", "canada": "CA",
    "southkorea": "KR", "korea": "KR", "russia": "RU", "uae": "AE", "holland": "NL",
    "czechia": "CZ", "ireland": "IE", "mexico": "MX",
}

_PREFIXES = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point"}
_PUNCT = re.compile(r"[^a-z0-9 ]+")


@lru_cache(maxsize=200_000)
def name_key(text: str) -> str:
    """Fold a place name to its lookup key: 'St. Louis' and 'Saint  louis' -> 'saintlouis'."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = _PUNCT.sub(" ", text.lower().replace("&", " and ")).split()
    if words and words[0] in _PREFIXES:
        words[0] = _PREFIXES[words[0]]
    return "".join(words)


STATE_BY_KEY: dict[str, str] = {name_key(n): c for c, n in US_STATES.items()}
STATE_BY_KEY.update({"washingtondc": "DC", "virginislands": "VI", "usvirginislands": "VI"})
