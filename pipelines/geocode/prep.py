"""Pre-processing of location text before geocoding: attendance mode and noise removal.

"Zoom" / "Microsoft Teams Meeting" -> online, no place; "Chicago (hybrid)" -> hybrid + "Chicago";
"1601 Congress Ave, Suite 200, Austin, TX" -> "1601 Congress Ave, Austin, TX".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.normalize.place import split_hybrid

_ONLINE = re.compile(
    r"\b(zoom|online|virtual(?:ly)?|webinar|web\s*ex|microsoft\s+teams(?:\s+meeting)?|teams\s+meeting"
    r"|google\s+meet|meet\.google\.com|skype|livestream(?:ed)?|live\s*stream|remote(?:ly)?"
    r"|telehealth|video\s*conference|conference\s+call|by\s+phone|tele-?conference)\b",
    re.IGNORECASE,
)
_URL = re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)
_HYBRID = re.compile(r"\bhybrid\b|\bin[-\s]person\s+(?:and|or|&|/|\+)\s+|"
                     r"\s(?:and|or|&|/|\+)\s+in[-\s]person\b", re.IGNORECASE)
_IN_PERSON = re.compile(r"\bin[-\s]person\b", re.IGNORECASE)
_TBD = re.compile(r"^(?:tba|tbd|to be (?:announced|determined)|n/?a|none|various|see (?:below|"
                  r"description|website)|location|address)\.?$", re.IGNORECASE)
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# Sub-premise notes: "Suite 200", "Ste. 4B", "Room 12", "Floor 3", "3rd floor", "#5", "Unit B".
_IDENT = r"(?:(?!\d{5}\b)(?=[\w-]{0,5}\d)[\w-]{1,6}|[A-Za-z])"  # "200", "4B", "B"; never a ZIP
_SUBPREMISE = re.compile(
    r"(?:^|,\s*|\s+)(?:(?:suite|ste\.?|room|rm\.?|floor|fl\.?|unit|apt\.?|apartment|bldg\.?"
    r"|building|office|dept\.?|mailstop)\s*#?\s*" + _IDENT
    + r"|#\s*[\w-]{1,6}|\d+(?:st|nd|rd|th)\s+(?:floor|fl\.?))\b",
    re.IGNORECASE,
)
# Case-sensitive on purpose: "OR" and "ON" are a state and a province, not glue words.
_GLUE = r"(?:[Oo]nly|[Mm]eeting|[Vv]ia|[Oo]n|[Aa]nd|[Oo]r|[Aa]t|&)"
_GLUE_END = re.compile(r"(?<![\w&])" + _GLUE + r"(?![\w&])(?=\s*(?:[,;:()\-]|$))")
_GLUE_START = re.compile(r"^" + _GLUE + r"\s+")
_NOISY = re.compile(r"[(\[#]|https?:|www\.|\bin[-\s]person\b|\d+(?:st|nd|rd|th)\s|\b(?:suite|ste"
                    r"|room|rm|floor|fl|unit|apt|apartment|bldg|building|office|dept|mailstop)\b",
                    re.IGNORECASE)
_ANY_CUE = re.compile("|".join(f"(?:{p.pattern})" for p in (_ONLINE, _HYBRID, _NOISY, _URL)),
                      re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_EDGE_PUNCT = " ,;:-–—/|"


@dataclass(frozen=True)
class Prepared:
    text: str  # what is left to geocode ("" when nothing is)
    attendance_mode: str  # in_person | online | hybrid | unknown


def strip_noise(text: str) -> str:
    """Drop parentheticals, URLs, sub-premise notes and stray punctuation."""
    text = _URL.sub(" ", text)
    text = _PARENS.sub(" ", text)
    text = _SUBPREMISE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = re.sub(r"\s*,\s*(?:,\s*)*", ", ", text)
    return text.strip(_EDGE_PUNCT)


def prepare(text: str | None) -> Prepared:
    """Classify attendance from the location text and return the part worth geocoding."""
    raw = (text or "").strip()
    if not raw:
        return Prepared("", "unknown")
    if not _ANY_CUE.search(raw):  # fast path, one regex pass: "Austin, TX", "78701"
        text = _SPACES.sub(" ", raw).strip(_EDGE_PUNCT)
        if not text or not re.search(r"[A-Za-z0-9]", text) or _TBD.match(text):
            return Prepared("", "unknown")
        return Prepared(text, "in_person")
    parts = split_hybrid(raw)  # "Hybrid: Salem, MA + Zoom": geocode the in-person part only
    if parts.online and parts.in_person:
        place = strip_noise(parts.in_person)
        if place and not _TBD.match(place):
            return Prepared(place, "hybrid")
    hybrid = bool(_HYBRID.search(raw))
    online = bool(_ONLINE.search(raw)) or bool(_URL.search(raw) and not _has_letters_left(raw))
    cleaned = _HYBRID.sub(" ", _URL.sub(" ", raw))
    cleaned = _IN_PERSON.sub(" ", cleaned)
    cleaned = _ONLINE.sub(" ", cleaned)
    if online or hybrid:  # drop the glue words left around "online"/"in person"
        cleaned = _GLUE_END.sub(" ", cleaned)
    cleaned = strip_noise(cleaned)
    if online or hybrid:
        cleaned = _GLUE_START.sub("", cleaned).strip(_EDGE_PUNCT)
    if not re.search(r"[A-Za-z0-9]", cleaned) or _TBD.match(cleaned):
        cleaned = ""
    in_person = bool(_IN_PERSON.search(raw))
    if hybrid or (online and in_person):
        mode = "hybrid"
    elif online:
        mode = "online"  # leftover place text ("Zoom - Chicago") is kept but not a venue
    elif cleaned:
        mode = "in_person"
    else:
        mode = "unknown"
    return Prepared(cleaned, mode)


def _has_letters_left(raw: str) -> bool:
    return bool(re.search(r"[A-Za-z]{3}", _URL.sub(" ", raw)))
