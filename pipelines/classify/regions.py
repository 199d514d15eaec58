"""US states a listing serves ("open to Texas-licensed clinicians", "TX LPC-Associates").

A state named only as the venue's address is not a service area; empty means anywhere.
"""

from __future__ import annotations

import re

from pipelines.classify.text import fold
from spiders.common.us_states import STATE_CODE_BY_NAME

STATES: dict[str, str] = STATE_CODE_BY_NAME
CODES = frozenset(STATES.values())
_NAME = "(?:" + "|".join(sorted(STATES, key=len, reverse=True)) + ")"
# "Montana and Wyoming", "Texas, Oklahoma or Kansas"
_NAMES = rf"{_NAME}(?:(?:,|,? and|,? or|,? &|/) {_NAME})*"
_WHO = (r"(licensed|licensees?|licensure|clinicians?|therapists?|counsell?ors?|social workers?|"
        r"psychologists?|providers?|practitioners?|associates?|interns?|supervisees?|residents|"
        r"students|members|mfts?|lpcs?|lcsws?|lmfts?|amfts?|lmhcs?|lpc-?as?|lmsws?|asws?|"
        r"counseling association|psychological association|chapter|board|bbs|"
        r"supervisors?|professionals|requirements?|hours|registered|candidates|"
        r"mental health|social work|lpc candidates)")
_QUAL = r"(?:(?:rural|northern|southern|eastern|western|central|all of|all|greater) )?"
_FOLDED = (
    re.compile(rf"\b(?<!west )({_NAMES})[- ](?:state[- ])?(?:licensed |based |approved |"
               rf"registered |qualified )?{_WHO}\b"),
    re.compile(rf"\blicensed (?:to practice )?in (?:the state of )?(?<!west )({_NAMES})\b"),
    re.compile(rf"\b(?:practicing|practice|licensure|license|licenses|registered|residents?|"
               rf"clinicians|therapists|counselors|associates|providers|supervisees|interns|"
               rf"candidates|lmsws|lgsws|lsws|lpcs|lpcas|centers|agencies) (?:anywhere )?"
               rf"in (?:the state of )?{_QUAL}(?<!west )({_NAMES})\b"),
    re.compile(rf"\b(?:for|serving|open to|across|throughout|pursuing|toward|towards|meets) "
               rf"(?:all )?(?:of )?(?:the )?(?<!west )({_NAMES})(?:'s)? (?:{_WHO})"),
    re.compile(rf"\b(?:across|throughout) {_QUAL}(?<!west )({_NAMES})\b"),
    re.compile(rf"\b(?<!west )({_NAMES}) (?:bbs|bhec|board of)\b"),
    re.compile(rf"^\s*(?<!west )({_NAMES}) (?:clinicians|therapists|associates|counselors)\b"),
)
# "Utah CMHC", "New Jersey LACs": a state name followed by an upper-case credential.
_NAME_CREDENTIAL = re.compile(rf"(?i:\b({_NAMES}))[- ](?:[A-Z]{{2,6}}(?:-[A-Z]{{1,2}})?s?)\b")
_ACRONYM = re.compile(
    r"\b([A-Z]{2})[- ](?:licensed |based )?(?:LPC|LPCC|LPC-?As?|LPC-Associates?|LMFT|AMFT|LCSW|"
    r"LMSW|ASW|LMHC|LCPC|LICSW|LPCs|LCSWs|LMFTs|AMFTs|LMHCs|LCMHCs?|LISW|associates|clinicians|"
    r"licensees|licensed|supervisees|therapists|counselors)\b"
)
_TIED_TO_HOME = re.compile(r"\b(in-state|in state licens|our state|this state|state-licensed|"
                           r"licensed in the state|state licensure|state board)\b")
_SPLIT = re.compile(rf"(?<!west ){_NAME}")


def _codes(names: str) -> list[str]:
    return [STATES[m.group(0)] for m in _SPLIT.finditer(names.lower())]


def classify_regions(text: str, *, online: bool, default_region: str | None) -> list[str]:
    folded = fold(text)
    found: set[str] = set()
    for pattern in _FOLDED:
        for match in pattern.finditer(folded):
            found.update(_codes(match.group(1)))
    for match in _NAME_CREDENTIAL.finditer(text):
        found.update(_codes(fold(match.group(1))))
    for match in _ACRONYM.finditer(text):
        if match.group(1) in CODES:
            found.add(match.group(1))
    if not found and online and default_region and _TIED_TO_HOME.search(folded):
        found.add(default_region.upper())
    return sorted(found)
