"""Attendance mode: structured hints (schema.org, roster telehealth, an online URL) before text."""

from __future__ import annotations

import re

from pipelines.classify.text import fold

_ONLINE = re.compile(
    r"\b(zoom|zoom\.us|microsoft teams|ms teams|teams meeting|via teams|on teams|google meet|"
    r"webex|gotomeeting|whereby|jitsi|virtual(ly)?|webinar|telesupervision|tele-supervision|"
    r"telehealth(?! (best practices|law|laws|ethics|policy|policies|regulations|across))|"
    r"video ?conference|videoconference|(via|by|secure) video|video calls?|by (tele)?phone|(tele)?phone and zoom|conference call|dial-in|"
    r"livestream(ed)?|live stream|en linea|por zoom|modalidad virtual|remote(ly)?|online)\b"
)
_IN_PERSON = re.compile(
    r"\b(in[- ]person|face[- ]to[- ]face|en persona|presencial|on[- ]site|onsite|on campus|"
    r"in our office|at our office|our office at|meets? at (a|the|our)|held at|located at|"
    r"at the (clinic|studio|library|institute|office|center|university))\b"
)
_NOT_ONLINE = re.compile(r"\b(register|registration|enter|entries|apply|sign up|signup|book|pay|purchase|"
                         r"tickets?|rsvp|enroll|available|posted|details) (online|at)\b|"
                         r"\bonline (registration|payment|store|form|at)\b")
_HYBRID = re.compile(r"\b(hybrid|hibrido|in[- ]person (and|or|&|\+|/) (online|virtual|zoom|via)|"
                     r"(online|virtual|zoom) (and|or|&|\+|/) in[- ]person)\b")
_ONLINE_LOCATION = re.compile(r"^\s*(online|virtual|zoom|web|webinar|microsoft teams|google meet|"
                              r"teams|internet|remote|n/?a)\b", re.IGNORECASE)


def _from_raw(raw_mode: str) -> str | None:
    key = re.sub(r"[^a-z]", "", fold(raw_mode))
    if "mixed" in key or "hybrid" in key or "both" in key:
        return "hybrid"
    if "offline" in key or "inperson" in key:
        return "in_person"
    if "online" in key or "virtual" in key:
        return "online"
    return None


def _telehealth(extra: dict) -> str | None:
    value = extra.get("telehealth")
    if value is None:
        return None
    text = fold(str(value)).strip()
    if text in ("both", "hybrid", "in person and telehealth", "either"):
        return "hybrid"
    if text in ("yes", "y", "true", "1", "telehealth", "online", "virtual", "only", "telehealth only"):
        return "online"
    if text in ("no", "n", "false", "0", "in person", "in-person"):
        return "in_person"
    return None


def classify_mode(
    text: str,
    *,
    raw_mode: str | None,
    online_url: str | None,
    location_text: str | None,
    extra: dict,
) -> str:
    if raw_mode:
        mode = _from_raw(raw_mode)
        if mode:
            return mode
    mode = _telehealth(extra)
    if mode:
        return mode
    folded = _NOT_ONLINE.sub(" ", fold(text))
    location_online = bool(location_text and _ONLINE_LOCATION.match(location_text))
    location_physical = bool(location_text) and not location_online
    if _HYBRID.search(folded):
        return "hybrid"
    online = bool(online_url) or location_online or bool(_ONLINE.search(folded))
    in_person = bool(_IN_PERSON.search(folded)) or location_physical
    if online and in_person:
        return "hybrid"
    if online:
        return "online"
    if in_person:
        return "in_person"
    return "unknown"
