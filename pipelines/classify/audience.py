"""Who a listing is for: license families and career stage (codes from pipelines.core.model.AUDIENCES)."""

from __future__ import annotations

import re

from pipelines.classify.text import fold

# Matched on the original text (case matters for acronyms) and on folded text for words.
_ACRONYMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("counselor", re.compile(r"\b(LPCC|LPC|LPCA|LMHC|LCPC|LPCMH|LCMHC|LPC-S|LPC-MHSP|NCC|CMHC)s?\b")),
    ("mft", re.compile(r"\b(LMFT|AMFT|MFT|LMFT-A|MFTI|LMFTA|LAMFT)s?\b")),
    ("social_worker", re.compile(r"\b(LCSW|LMSW|LLMSW|LICSW|LSW|ASW|ACSW|MSW|LCSW-C|LGSW|LISW|LISW-S)s?\b")),
    ("psychologist", re.compile(r"\b(PsyD|Psy\.D\.|Psychologists?)\b")),
    ("associate", re.compile(r"\b(LPC-?As?|LPC-Associates?|LPCAs?|AMFTs?|ASWs?|LMFT-?As?|MFTIs?|"
                             r"LMHC-?As?|LCMHC-?As?|LGPCs?|LAPCs?|LMHCAs?|APCCs?|RMHCIs?|LSWs?|LACs?|ACMHCs?|LLMSWs?|"
                             r"CSW-?PIPs?|LPCC-?As?|LAMFTs?|LPC ?Interns?)\b")),
)
_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("counselor", re.compile(r"\b(counsell?ors?|professional counseling|mental health counseling|"
                             r"consejer[oa]s?)\b(?! (association|education program))")),
    ("mft", re.compile(r"\b(marriage (and|&) family therap(ists?|y)|family therapists|mfts?)\b")),
    ("social_worker", re.compile(r"\b(social workers?|clinical social work|trabajador(es|as)? "
                                 r"social(es)?)\b")),
    ("psychologist", re.compile(r"\b(psychologists?|psicolog[oa]s?)\b")),
    ("associate", re.compile(r"\b(pre-?licensed|prelicensure|pre-licensure|associates?|"
                             r"(counseling |therapist |clinical )?interns?|registered associates?|"
                             r"provisionally licensed|license-eligible|licensure candidates?|"
                             r"pre-licensed|working towards? licensure|toward licensure|"
                             r"early[- ]career|newly licensed|post-?grad(uate)? clinicians|"
                             r"asociad[oa]s?|residents? in counseling)\b")),
    ("student", re.compile(r"\b(students?|grad(uate)? students?|practicum|trainees?|"
                           r"estudiantes?|grad school|[a-z]+-in-training)\b")),
)
_NOT_ASSOCIATE = re.compile(r"\b(associate (professor|director|dean|editor|member)s?|"
                            r"associated|associates? degree|(and|&) associates\b|"
                            r"(nurse|medical) interns?)\b")
_NOT_STUDENT = re.compile(r"\b(student loans?|student debt|students? (with|who have) (adhd|"
                          r"anxiety|autism|disabilities)|college students|high school students|"
                          r"student athletes?|working with students|school counselors? who)\b")
_NOT_PSYCH = re.compile(r"\b(school psychologist referral|see a psychologist)\b")


def classify_audience(text: str) -> list[str]:
    found: set[str] = set()
    for code, pattern in _ACRONYMS:
        if pattern.search(text):
            found.add(code)
    folded = fold(text)
    cleaned = _NOT_ASSOCIATE.sub(" ", folded)
    cleaned = _NOT_STUDENT.sub(" ", cleaned)
    cleaned = _NOT_PSYCH.sub(" ", cleaned)
    for code, pattern in _WORDS:
        if pattern.search(cleaned):
            found.add(code)
    return [code for code in ("counselor", "mft", "social_worker", "psychologist", "associate",
                              "student") if code in found]
