"""The in-person part of a hybrid location: what to geocode when text offers a place *and* video.

"Hybrid: Salem, MA + Zoom" -> "Salem, MA"; "in person in Eugene, OR or by Zoom" -> "Eugene, OR";
"12 Main St, Salem, MA; Zoom link for those who can't make it" -> "12 Main St, Salem, MA".
The online part never reaches a geocoder; its link (if any) is the listing's `online_url`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ONLINE = re.compile(
    r"\b(zoom|online|virtual(ly)?|webinar|webex|microsoft teams|teams (meeting|link)|google meet|"
    r"skype|livestream(ed)?|live ?stream|telehealth|video( ?conference| call| link)?|remote(ly)?|"
    r"by (tele)?phone|conference call|dial-in|link)\b|https?://|www\.", re.IGNORECASE)
# Offering both: "+", "/", "|", ";", " or ", " and ", "&" (lower-case words: "OR" is Oregon).
_JOIN = re.compile(r"\s*(?:\+|/|\||;|&|\n)\s*|\s+(?:or|and|plus)\s+(?:(?:by|via|on|over)\s+)?")
_HYBRID_CUE = re.compile(r"\b(hybrid|in[- ]person|on[- ]site|face[- ]to[- ]face|meets? at|"
                         r"held at|located at)\b", re.IGNORECASE)
_LEAD = re.compile(r"^(?:\(?hybrid\)?\s*[:\-–—]?\s*|(?:in[- ]person|on[- ]site|face[- ]to[- ]face)"
                   r"(?:\s+(?:in|at))?\s*[:\-–—]?\s*|(?:meets?|held|located)\s+(?:in|at)\s+|"
                   r"(?:in|at)\s+)+", re.IGNORECASE)
_TRAIL = re.compile(r"\s*\(?\bhybrid\b\)?\s*$", re.IGNORECASE)
# A place worth geocoding names a capitalised word or a number (a street, a ZIP).
_PLACE_LIKE = re.compile(r"[A-Z][a-z]|\d")
# In free text: "in person in Eugene, OR", "Hybrid: Salem, MA", "meets at 12 Main St, Bend, OR".
_PLACE_IN_TEXT = re.compile(
    r"(?:[Hh]ybrid:?|[Ii]n[- ]person(?: (?:in|at))?|[Mm]eets? (?:in|at)|[Hh]eld (?:in|at)|"
    r"[Ll]ocated (?:in|at))\s+((?:\d+[A-Za-z0-9 .'-]{0,50},\s*)?(?:[A-Z][a-z]+\.?\s){0,3}"
    r"[A-Z][a-z]+,\s+[A-Z]{2}(?:\s+\d{5})?)\b")
_URL = re.compile(r"https?://[^\s<>\"')]+", re.IGNORECASE)


@dataclass(frozen=True)
class HybridParts:
    in_person: str | None  # the place text to geocode, or None
    online: bool  # the text also offers an online option
    url: str | None  # the first http(s) link in the text


def split_hybrid(text: str | None) -> HybridParts:
    """Split a location line into its in-person place and its online option."""
    raw = (text or "").strip()
    if not raw:
        return HybridParts(None, False, None)
    url_match = _URL.search(raw)
    url = url_match.group(0).rstrip(".,;") if url_match else None
    if not _ONLINE.search(raw):
        return HybridParts(raw, False, url)
    without_urls = _URL.sub(" ", raw)
    segments = [s.strip(" ,.-–—:()") for s in _JOIN.split(without_urls)]
    places = [s for s in segments if s and not _ONLINE.search(s)]
    offers_both = bool(places) and (len(places) < len([s for s in segments if s])
                                    or url is not None)
    if not offers_both or not (_HYBRID_CUE.search(raw) or len(segments) > 1):
        return HybridParts(None, True, url)
    place = _TRAIL.sub("", _LEAD.sub("", places[0])).strip(" ,.-–—:")
    return HybridParts(place if _PLACE_LIKE.search(place) else None, True, url)


def in_person_part(text: str | None) -> str | None:
    """The part of a location line to geocode: all of it unless it also offers video."""
    return split_hybrid(text).in_person


def place_in_text(text: str | None) -> str | None:
    """A US place a description names as where it meets ("in person in Eugene, OR")."""
    match = _PLACE_IN_TEXT.search(text or "")
    return match.group(1).strip() if match else None
