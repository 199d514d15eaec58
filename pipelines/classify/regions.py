"""US states a listing serves ("open to Texas-licensed clinicians", "TX LPC-Associates").

A state named only as the venue's address is not a service area; empty means anywhere.
"""

from __future__ import annotations

import re

from pipelines.classify.text import fold

STATES: dict[str, str] = {
    "alabama": "AL", "alaska": "AK", "arizona": "AZ", "arkansas": "AR", "california": "CA",
    "colorado": "CO", "connecticut": "CT", "delaware": "DE", "florida": "FL", "georgia": "GA",
    "hawaii": "HI", "idaho": "ID", "illinois": "IL", "indiana": "IN", "iowa": "IA",
    "kansas": "KS", "kentucky": "KY", "louisiana": "LA", "maine": "ME", "maryland": "MD",
    "massachusetts": "MA", "michigan": "MI", "minnesota": "MN", "mississippi": "MS",
    "missouri": "MO", "montana": "MT", "nebraska": "NE", "nevada": "NV", "new hampshire": "NH",
    "new jersey": "NJ", "new mexico": "NM", "new york": "NY", "north carolina": "NC",
    "north dakota": "ND", "ohio": "OH", "oklahoma": "OK", "oregon": "OR", "pennsylvania": "PA",
    "rhode island": "RI", "south carolina": "SC", "south dakota": "SD", "tennessee": "TN",
    "texas": "TX", "utah": "UT", "vermont": "VT", "virginia": "VA", "washington": "WA",
    "west virginia": "WV", "wisconsin": "WI", "wyoming": "WY", "district of columbia": "DC",
}
CODES = frozenset(STATES.values())
_NAME = "|".join(sorted(STATES, key=len, reverse=True))
_WHO = (r"(licensed|licensees?|licensure|clinicians?|therapists?|counsell?ors?|social workers?|"
        r"psychologists?|providers?|practitioners?|associates?|interns?|supervisees?|residents|"
        r"students|members|mfts?|lpcs?|lcsws?|lmfts?|amfts?|lmhcs?|lpc-?as?|lmsws?|asws?|"
        r"counseling association|psychological association|chapter|board|bbs|"
        r"supervisors?|professionals|requirements?|hours)")
_FOLDED = (
    re.compile(rf"\b(?<!west )({_NAME})[- ](?:state[- ])?(?:licensed |based |approved |"
               rf"registered |qualified )?{_WHO}\b"),
    re.compile(rf"\blicensed (?:to practice )?in (?:the state of )?(?<!west )({_NAME})\b"),
    re.compile(rf"\b(?:practicing|practice|licensure|license|licenses|registered|residents?|"
               rf"located|clinicians|therapists|counselors|associates|providers) (?:anywhere )?"
               rf"in (?:the state of )?(?<!west )({_NAME})\b(?! (street|avenue|ave|st|blvd))"),
    re.compile(rf"\b(?:for|serving|open to|across|throughout) (?:all )?(?:of )?(?<!west )({_NAME})"
               rf"(?:'s)? (?:{_WHO}|mental health)"),
    re.compile(rf"\b(?<!west )({_NAME}) (?:bbs|bhec|board of)\b"),
)
_ACRONYM = re.compile(
    r"\b([A-Z]{2})[- ](?:licensed |based )?(?:LPC|LPCC|LPC-?As?|LPC-Associates?|LMFT|AMFT|LCSW|"
    r"LMSW|ASW|LMHC|LCPC|LICSW|LPCs|LCSWs|LMFTs|AMFTs|LMHCs|LISW|associates|clinicians|"
    r"licensees|licensed|supervisees|therapists|counselors)\b"
)
_TIED_TO_HOME = re.compile(r"\b(in-state|in state licens|our state|this state|state-licensed|"
                           r"licensed in the state|state licensure|state board)\b")


def classify_regions(text: str, *, online: bool, default_region: str | None) -> list[str]:
    folded = fold(text)
    found: list[str] = []
    for pattern in _FOLDED:
        for match in pattern.finditer(folded):
            code = STATES[match.group(1)]
            if code not in found:
                found.append(code)
    for match in _ACRONYM.finditer(text):
        code = match.group(1)
        if code in CODES and code not in found:
            found.append(code)
    if not found and online and default_region and _TIED_TO_HOME.search(folded):
        found.append(default_region.upper())
    return sorted(found)
