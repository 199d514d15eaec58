"""Attendance mode: structured hints (schema.org, roster telehealth, an online URL) before text."""

from __future__ import annotations

import re

from pipelines.classify.text import fold
from pipelines.normalize.place import split_hybrid

_ONLINE = re.compile(
    r"\b(zoom|zoom\.us|microsoft teams|ms teams|teams meeting|via teams|on teams|google meet|"
    r"webex|gotomeeting|whereby|jitsi|virtual(ly)?(?! reality)|webinar|telesupervision|tele-supervision|"
    r"telehealth(?! (best practices|law|laws|ethics|policy|policies|regulations|across))|"
    r"video ?conference|videoconference|(via|by|secure) video|video (calls?|chat|meetings?)|"
    r"(video|phone) or (video|phone)|over the phone|by (tele)?phone|(tele)?phone and zoom|conference call|dial-in|"
    r"livestream(ed)?|live stream|en linea|por zoom|modalidad virtual|remote(ly)?|online|"
    # a recording is attended online (labelling §3); so is an offered video option
    r"on[- ]demand|recording[- ]only|recorded (webinar|session|course|training|workshop)s?|"
    r"(video|virtual|zoom) (option|link|attendance))\b"
)
_IN_PERSON = re.compile(
    r"\b(in[- ]person|face[- ]to[- ]face|en persona|presencial|on[- ]site|onsite|on campus|"
    r"in our office|at our office|our office at|meets? at (a|the|our)|held at|located at|"
    r"at the (clinic|studio|library|institute|office|center|university)|"
    # where sessions happen: "at my office", "at the supervisor's private office", "in a clinic"
    r"(at|in) (my|our|a|the|his|her|their) ([\w'-]+ ){0,3}(office|clinic)(?! hours)|in[- ]office|"
    # admission at a door is physical attendance ("tickets $10 at the door")
    r"at the door)\b"
)
# "rather than face-to-face", "no in-person meetings": a mode ruled out is not evidence for it.
_NEGATED_IN_PERSON = re.compile(
    r"\b(rather than|instead of|not|no|no longer|never|without)\s+(?!only\b)(\w+\s+){0,2}"
    r"(in[- ]person|face[- ]to[- ]face|on[- ]site|onsite)\b|"
    r"\b(in[- ]person|face[- ]to[- ]face)( \w+){0,2} (is|are|will be) not\b|"
    # a workplace is not where the listing meets ("students placed at our clinic")
    r"\b(placed|employed|work(s|ing)?|staff(ed)?|interning) (at|in) (my|our|a|the|his|her|their) "
    r"([\w'-]+ ){0,3}(office|clinic)\b"
)
# "Telehealth is also available", "also offered via Zoom": an online option *in addition* to
# the listing's own sessions (labelling §3: both offered -> hybrid).
_ALSO_ONLINE = re.compile(
    r"\b(telehealth|telesupervision|video|zoom|virtual|online|remote)( [\w-]+){0,3} (is|are) "
    r"also (available|offered|an option)|\balso (available|offered) (via|by|over|through) "
    r"(telehealth|video|zoom|phone)|\b(a )?(virtual|online|zoom|telehealth) option (is )?also\b"
)
_NOT_ONLINE = re.compile(r"\b(register|registration|enter|entries|apply|sign up|signup|book|pay|purchase|"
                         r"tickets?|rsvp|enroll|available|posted|details) (online|at)\b|"
                         r"\bonline (registration|payment|store|form|at)\b|"
                         # a product or chore done online is not how the event is attended
                         r"\b(submit(ted)?|feedback|appointments?|book(ed)?|schedule[d]?|"
                         r"apply|order(ed)?|shop|purchased?|paid|available) ((\w+ ){0,3})?online\b|"
                         r"\bonline (submission|application|portal|feedback|assessments?|tests?|"
                         r"quiz(zes)?|shop|directory|profiles?|booking|scheduling|reviews?|presence|"
                         r"marketing|banking|dating)s?\b")
_HYBRID = re.compile(r"\b(hybrid|hibrido|in[- ](person|office) (and|or|&|\+|/) (online|virtual|zoom|"
                     r"via|telehealth|video)|(online|virtual|zoom|telehealth) (and|or|&|\+|/) "
                     r"in[- ](person|office))\b")
# "in Salem, MA", "at Eugene, OR": a named US place (case-sensitive: "OR" is Oregon here).
_PLACE = re.compile(r"\b(?:[Ii]n|[Aa]t|[Mm]eets in|[Hh]ybrid:)\s+(?:[A-Z][a-z]+\.?\s){0,3}"
                    r"[A-Z][a-z]+,\s+[A-Z]{2}\b")
# A street address ("329 N. Dearborn Street") is a venue; so is "doors open".
# ("Doors open at 7" names no place: labelling §3 wants a venue, address or room.)
_STREET = re.compile(r"\b\d{2,5}\s(?:[NSEW]\.?\s)?(?:[A-Z][a-z]+\.?\s){1,3}(?:St|Street|Ave|"
                     r"Avenue|Blvd|Boulevard|Rd|Road|Dr|Drive|Way|Lane|Ln|Pl|Place|Pkwy|Hwy)\b\.?|"
                     # the same in capitals, as flyers and feeds print it ("1366 N MILWAUKEE AVE")
                     r"\b\d{2,5}\s(?:[NSEW]\.?\s)?(?:[A-Z]{2,}\.?\s){1,3}(?:ST|STREET|AVE|AVENUE|"
                     r"BLVD|RD|ROAD|DR|DRIVE|WAY|LANE|LN|PL|PKWY|HWY)\b\.?")
# A gathering that names its city ("conference ... New Orleans, LA", "luncheon in Tucson") meets
# there; a supervisor's city alone does not (labelling §3).
_GATHERING = re.compile(r"\b(conference|convention|summit|expo|luncheon|breakfast|gala|concert|"
                        r"festival|happy hour|awards)\b")
# "in Tucson", "at Latinicity": a capitalised name after in/at, but not a month, weekday,
# pronoun or a field ("in June", "in Your Twenties", "in Counseling").
_NOT_PLACE = (r"(?!(?:January|February|March|April|May|June|July|August|September|October|"
              r"November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
              r"Your|Our|Their|This|That|These|Each|Every|Person|Conference|Convention)\b)"
              r"(?![A-Z][a-z]+ing\b)")
_CITY = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+){0,2},\s[A-Z]{2}\b|\b(?:in|at) (?:the )?"
                   + _NOT_PLACE + r"[A-Z][a-z]{3,}(?: [A-Z][a-z]+)?\b")
# A named venue: "at Blue Pants Brewery", "at the Old Town Library", "@ Moe's Cantina".
_VENUE = re.compile(r"(?:\b[Aa]t|\bAT|@)\s+(?:[Tt]he\s+|THE\s+)?(?:[A-Z][\w'’&.-]*\s+){1,4}"
                    r"(?i:brewery|brewing|pub|tavern|cafe|café|coffeehouse|theater|theatre|church|"
                    r"library|hotel|inn|restaurant|cantina|winery|lounge|ballroom|auditorium|"
                    r"arena|gallery|museum|community center|event center|conference center|"
                    r"recreation center|hall|bar(?! association)|club|nightclub|venue|stadium)\b"
                    # "at Buddy Guy's Legends, a premier blues club": the noun in apposition
                    r"|(?:\b[Aa]t|@)\s+(?:[A-Z][\w'’&.-]*\s+){0,3}[A-Z][\w'’&.-]*,\s+(?:a|an|the)\s+"
                    r"(?:[a-z-]+\s+){0,3}(?:bar|club|nightclub|venue|pub|tavern|cafe|restaurant|"
                    r"brewery|theater|theatre|hotel|lounge|gallery|museum|hall)\b")
_VIRTUAL_TITLE = re.compile(r"\b(virtual|webinar|online|zoom)\b")
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
    return explain_mode(text, raw_mode=raw_mode, online_url=online_url,
                        location_text=location_text, extra=extra)[0]


def explain_mode(
    text: str,
    *,
    raw_mode: str | None,
    online_url: str | None,
    location_text: str | None,
    extra: dict,
) -> tuple[str, str]:
    """(attendance mode, why). `text` starts with the title line."""
    if raw_mode:
        mode = _from_raw(raw_mode)
        if mode:
            return mode, f"source attendance mode {raw_mode!r}"
    mode = _telehealth(extra)
    if mode:
        return mode, f"roster telehealth column {extra.get('telehealth')!r}"
    folded = _NEGATED_IN_PERSON.sub(" ", _NOT_ONLINE.sub(" ", fold(text)))
    located = split_hybrid(location_text)
    if located.online and located.in_person:
        return "hybrid", f"location offers a place and an online option ({location_text!r})"
    location_online = bool(location_text and (_ONLINE_LOCATION.match(location_text)
                                              or located.online))
    location_physical = bool(location_text) and not location_online
    if m := _HYBRID.search(folded):
        return "hybrid", f"hybrid wording ({m.group(0)!r})"
    online_word = _ONLINE.search(folded)
    title = folded.split("\n", 1)[0]
    place = None if _VIRTUAL_TITLE.search(title) else _PLACE.search(text)
    in_person_word = _IN_PERSON.search(folded)
    online = []
    if online_url:
        online.append("an online link")
    if location_online:
        online.append(f"online location {location_text!r}")
    if online_word:
        online.append(f"{online_word.group(0)!r}")
    in_person = []
    if in_person_word:
        in_person.append(f"{in_person_word.group(0)!r}")
    elif online_word and (also := _ALSO_ONLINE.search(folded)):
        in_person.append(f"online offered in addition ({also.group(0)!r})")
    if location_physical:
        in_person.append(f"place {location_text!r}")
    elif street := _STREET.search(text):
        in_person.append(f"venue ({street.group(0)!r})")
    elif venue := _VENUE.search(text):
        in_person.append(f"named venue ({venue.group(0)!r})")
    elif (gathering := _GATHERING.search(folded)) and (city := _CITY.search(text)):
        in_person.append(f"{gathering.group(0)} in a named place ({city.group(0)!r})")
    elif place and online:  # a city alone is not evidence (labelling §3); with a video link it is
        in_person.append(f"place named ({place.group(0)!r})")
    if online and in_person:
        return "hybrid", f"in person ({', '.join(in_person)}) and online ({', '.join(online)})"
    if online:
        return "online", "online: " + ", ".join(online)
    if in_person:
        return "in_person", "in person: " + ", ".join(in_person)
    return "unknown", "no place and no online option named"
