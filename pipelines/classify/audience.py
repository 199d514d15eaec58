"""Who a listing is for: license families and career stage (codes from pipelines.core.model.AUDIENCES)."""

from __future__ import annotations

import re

from pipelines.classify.text import fold

# Matched on the original text (case matters for acronyms) and on folded text for words.
_ACRONYMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("counselor", re.compile(r"\b(LPCC|LPC|LPCA|LMHC|LCPC|LPCMH|LCMHC|LPC-S|LPC-MHSP|NCC|CMHC|APCC|"
                             r"LGPC|LAPC|RMHCI|AMHCA)s?\b")),
    ("mft", re.compile(r"\b(LMFT|AMFT|MFT|LMFT-A|MFTI|LMFTA|LAMFT|AAMFT|CAMFT)s?\b")),
    ("social_worker", re.compile(r"\b(LCSW|LMSW|LLMSW|LICSW|LSW|ASW|ACSW|MSW|LCSW-C|LGSW|LISW|LISW-S|"
                                 r"NASW|CSWA|GWSCSW)s?\b")),
    ("psychologist", re.compile(r"\b(PsyD|Psy\.D\.|Psychologists?)\b")),
    ("associate", re.compile(r"\b(LPC-?As?|LPC-Associates?|LPCAs?|AMFTs?|ASWs?|LMFT-?As?|MFTIs?|"
                             r"LMHC-?As?|LCMHC-?As?|LGPCs?|LAPCs?|LMHCAs?|APCCs?|RMHCIs?|LSWs?|LACs?|ACMHCs?|LLMSWs?|"
                             r"CSW-?PIPs?|LPCC-?As?|LAMFTs?|LPC ?Interns?)\b")),
)
_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("counselor", re.compile(r"\b(counsell?ors?|professional counseling|mental health counseling|"
                             r"consejer[oa]s?|counseling (association|society|chapter)|"
                             r"association for [a-z ,&]{0,60}counsel\w*|residents? in counseling|"
                             r"counselor education|career development association|aca members?)\b(?! education program)")),
    # labelling §5 names the licence ("marriage and family therapist"); a "family therapist"
    # alone is a way of working, not the MFT licence
    ("mft", re.compile(r"\b(marriage (and|&) family therap(ists?|y)|mfts?)\b")),
    ("social_worker", re.compile(r"\b(social workers?|(clinical )?social work|trabajador(es|as)? "
                                 r"social(es)?)\b")),
    ("psychologist", re.compile(r"\b(psychologists?|psicolog[oa]s?|post-?doc(toral)? (fellow(s|ship)?|"
                                r"residents?|residency|psychology)|psychological association|"
                                r"apa'?s? (annual )?convention|psychology (postdoc|internship)|"
                                # labelling §5: PsyD/PhD psychology trainees
                                r"doctoral (students?|interns?|candidates?|trainees?) in "
                                r"(clinical |counseling )?psychology|psychology (pre-?doctoral |"
                                r"doctoral )?(interns?|trainees?|fellows?)|ph\.?d\.? (in )?"
                                r"(clinical |counseling )?psychology|"
                                r"(association|society) (of|for) ([a-z&,'-]+ ){0,3}psycholog\w*)\b")),
    ("associate", re.compile(r"\b(pre-?licensed|prelicensure|pre-licensure|associates?|"
                             r"(counseling |therapist |clinical )?interns?|registered associates?|"
                             r"provisionally licensed|license-eligible|licensure candidates?|"
                             r"pre-licensed|working towards? licensure|toward licensure|(on the )?path to licensure|"
                             r"post-?grad(uate)? clinicians|"
                             r"asociad[oa]s?|residents? in counseling)\b")),
    # "Trainee" is not a stage of its own (labelling §5 lists graduate students only): a
    # "trainee psychotherapist" or a Florida "intern and trainee" is licensed or pre-licensed.
    # (Ohio's "Counselor Trainee" registration is for graduate students in practicum.)
    ("student", re.compile(r"\b(students?|grad(uate)? students?|practicum|counselor trainees?|"
                           r"estudiantes?|grad school|(?!consult)[a-z]+-in-training)\b")),
)
_NOT_ASSOCIATE = re.compile(r"\b(associate (professor|director|dean|editor|member)s?|"
                            r"associated|associates? degree|(and|&) associates\b|"
                            r"(nurse|medical) interns?)\b")
_NOT_STUDENT = re.compile(r"\b(student loans?|student debt|students? (with|who have) (adhd|"
                          r"anxiety|autism|disabilities)|college students|high school students|"
                          r"student athletes?|working with students|school counselors? who)\b")
_NOT_PSYCH = re.compile(r"\b(school psychologist referral|see a psychologist)\b")


ORDER = ("counselor", "mft", "social_worker", "psychologist", "associate", "student")
# A licence-track associate names the profession too (labelling §5: "AMFTs" -> associate + mft).
_TRACK: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("counselor", re.compile(r"\b(LPC-?As?|LPC-Associates?|LPCAs?|APCCs?|LGPCs?|LAPCs?|LMHC-?As?|"
                             r"LCMHC-?As?|RMHCIs?|LPC ?Interns?|LPCC-?As?)\b")),
    ("mft", re.compile(r"\b(AMFTs?|LMFT-?As?|LAMFTs?|MFTIs?|MFT [Ii]nterns?)\b")),
    ("social_worker", re.compile(r"\b(ASWs?|LMSWs?|LLMSWs?|LGSWs?)\b")),
)
# Postdoctoral fellows are psychologists still completing licensure hours.
# Supervision toward a licence: its supervisees are associates (labelling §5).
# ("toward AAMFT Approved Supervisor" is a supervisor credential, not a licence: not a cue.)
_TOWARD_LICENCE = re.compile(r"\b(licens(ure|ing)|supervisees?|hours|pursuing|towards? (the |a |"
                             r"full |independent )?l[a-z]{2,5}\b|"
                             r"candidates?|applicants?|seeking (the |your )?(l|full)|"
                             r"(lpc|lcsw|lmft|lmhc|lcpc|lpcc)-s|(approved|qualified|board[- ]"
                             r"approved) supervisors?)\b")
# Supervision of licensed clinicians (toward a supervisor credential, post-licensure) has no
# associates: the credential words there are not a licence track.
_LICENSED_SUPERVISEES = re.compile(r"\b(post-?licensure|supervision of supervision|"
                                   r"(pursuing|toward|towards) (the )?(aamft )?approved "
                                   r"supervisor( designation)?)\b")
# A credential after a person's name names a leader or presenter, not the audience
# ("The team is led by Josh Smith, LMSW"; labelling §5). Matched on the original text.
_NAMED_CREDENTIAL = re.compile(r"\b[A-Z][a-z]+(?: [A-Z]\.)?(?: [A-Z][a-z'-]+){1,2},\s?"
                               r"(?:[A-Z]{2,}[A-Z-]*|Ph\.?D|Psy\.?D|Ed\.?D)\b"
                               r"(?:,\s?(?:[A-Z]{2,}[A-Z-]*|Ph\.?D|Psy\.?D|Ed\.?D)\b){0,3}")
# Professions listed as the staff who teach or supervise are not whom the listing is for.
_STAFF_LIST = re.compile(r"\b(staff|faculty|supervisors|team members)( members)?,? (including|such as|"
                         r"made up of) [^.;:]{0,160}")
_POSTDOC = re.compile(r"\bpost-?doc(toral)? (fellow(s|ship)?|residents?|residency)\b")


def classify_audience(text: str) -> list[str]:
    return explain_audience(text)[0]


def explain_audience(text: str, *, supervision: bool = False) -> tuple[list[str], str]:
    """(audience codes, why). With `supervision`, a named licence track implies its associates."""
    found: dict[str, str] = {}
    if not supervision:  # a supervisor's own licence does name the track (labelling §5)
        text = _NAMED_CREDENTIAL.sub(" ", text)
    for code, pattern in _ACRONYMS:
        if code not in found and (m := pattern.search(text)):
            found[code] = m.group(0)
    for code, pattern in _TRACK:
        if code not in found and (m := pattern.search(text)):
            found[code] = f"{m.group(0)} (licence track)"
    folded = fold(text)
    cleaned = _NOT_ASSOCIATE.sub(" ", folded)
    cleaned = _NOT_STUDENT.sub(" ", cleaned)
    cleaned = _NOT_PSYCH.sub(" ", cleaned)
    cleaned = _STAFF_LIST.sub(" ", cleaned)
    for code, pattern in _WORDS:
        if code not in found and (m := pattern.search(cleaned)):
            found[code] = m.group(0)
    if "associate" not in found and (m := _POSTDOC.search(cleaned)):
        found["associate"] = m.group(0)
    if (supervision and "associate" not in found and "student" not in found
            and any(c in found for c in ORDER[:4]) and not _LICENSED_SUPERVISEES.search(cleaned)
            and (m := _TOWARD_LICENCE.search(cleaned))):
        found["associate"] = f"supervision toward a licence ({m.group(0)!r}) implies associates"
    codes = [code for code in ORDER if code in found]
    why = "; ".join(f"{code}: {found[code]!r}" for code in codes) or "no licence or role named"
    return codes, why
