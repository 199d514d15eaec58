"""What a listing is: consult_group | peer_event | supervision | other (not for therapists)."""

from __future__ import annotations

import re

from pipelines.classify.text import fold

_CONSULT = re.compile(
    r"\b(consult(ation)? groups?|peer consult(ation)?|case consult(ation)?|consultation (circle|"
    r"call|hour|meeting|series)|peer (supervision|support) (group|circle)|intervision|"
    r"clinical consultation|consult call|peer group for (therapists|clinicians|counselors)|"
    r"grupo de consulta|consulta (entre pares|clinica)|case conference|peer review group|"
    r"process group for (therapists|clinicians)|clinician(s')? (support|peer) (group|circle)|"
    r"therapists?'? (support|peer|process) (group|circle)|(dbt|emdr|ifs) consult(ation)? team|"
    r"consultation team|peer consultation|consult group|study group)\b"
)
_SUPERVISION = re.compile(
    r"\b(clinical supervision|supervision (for|hours|toward|towards|available|openings?|spots?|"
    r"group)|(group|individual|low[- ]cost|reduced[- ]fee|sliding[- ]scale|licensure|"
    r"affordable) supervision|tele-?supervision|supervisor (available|accepting)|"
    r"accepting (new )?supervisees|board[- ]approved supervisor|approved supervisor|"
    r"lpc-s\b|lcsw-s\b|supervision clinica|supervisora?s? clinic|supervision for (associates|"
    r"interns|pre-licensed)|(for|offering|offer|offers|providing|provide|ofrece) (group |"
    r"individual )?supervision|supervisor for|superivsion|supervison|supervsion|"
    r"^(group |individual |clinical )?supervision\b|supervision$)"
)
_SUPERVISION_WORD = re.compile(r"\bsupervision\b|\bsupervision clinica\b")
_CONSULT_TITLE = re.compile(r"\bconsult(ation|ing)?\b|\bconsulta\b")
_NOT_A_LISTING = re.compile(r"\b(we are hiring|we're hiring|now hiring|job opening|job posting|"
                            r"position available|apply (online|now|today)|salary)\b")
_NOT_SUPERVISION = re.compile(r"\bsupervision (training|course|certificate|ce)\b|"
                              r"\b(becoming|become) a (clinical )?supervisor\b|"
                              r"\bsupervisor training\b|\bethics of supervision\b")
_PROFESSIONAL = re.compile(
    r"\b(therapists?|clinicians?|counsell?ors|psychotherapists?|psychologists|social workers|"
    r"mental health (professionals|providers|practitioners|clinicians|workers)|practitioners|"
    r"lpcs?|lcsws?|lmfts?|amfts?|lmhcs?|lpccs?|lcpcs?|lmsws?|mfts?|psyd|ce credits?|ceus?|ces|"
    r"ce hours?|contact hours|continuing education|nbcc|aswb|clinical|private practice|"
    r"caseload|supervisees?|licensure|terapeutas|clinicos|profesionales|psicologos|"
    r"providers|trainees|graduate students|practicum|ethics|peer network|peer consult\w*)\b"
)
_PUBLIC = re.compile(
    r"\b(for (parents|families|kids|children|teens|seniors|survivors|caregivers|moms|dads|"
    r"the public|community members|adults (living|with|who))|support group for|"
    r"(led|facilitated|run) by (a |an |our )?(licensed )?(therapist|counselor|clinician|lcsw|lpc|"
    r"social worker)|ages \d|all ages|kids|toddlers|family[- ]friendly|open to the public|"
    r"bring the whole family|for anyone (grieving|struggling|living)|(grief|bereavement|"
    r"divorce|cancer|addiction|recovery) support group|al-anon|aa meeting|na meeting|"
    r"yoga|zumba|concert|farmers market|book sale|craft|storytime|story time|"
    r"potluck|fundraiser gala|5k|bingo|trivia night|for (adolescents|adults|teens|girls|boys|"
    r"women|men|individuals|new moms)|insurance accepted|covered by (most )?insurance|"
    r"your partner|per couple|for couples who)\b"
)
_FOR_PROFESSIONALS = re.compile(
    r"\b(for (licensed |practicing |fellow |new |early[- ]career )?(therapists|clinicians|"
    r"counsell?ors|psychotherapists|mental health (professionals|providers|clinicians)|"
    r"social workers|psychologists|mfts|lpcs|lcsws|providers|practitioners)|ce credits?|ceus?|"
    r"\d(\.\d)? ces?\b|contact hours|nbcc|aswb|for professionals|professionals only|"
    r"clinicians only|therapists only|continuing education)\b"
)


def classify_kind(text: str, *, categories: tuple[str, ...] = (), roster: bool = False) -> str:
    if roster:
        return "supervision"
    folded = fold(text + "\n" + " ".join(categories))
    if _NOT_A_LISTING.search(folded):
        return "other"
    title = folded.split("\n", 1)[0]
    professional = bool(_PROFESSIONAL.search(folded))
    public = bool(_PUBLIC.search(folded))
    for_pros = bool(_FOR_PROFESSIONALS.search(folded))
    if public and not for_pros and not _CONSULT.search(title) and not (
        _SUPERVISION.search(title) and not _NOT_SUPERVISION.search(title)
    ):
        return "other"
    consult_title = bool(_CONSULT.search(title) or _CONSULT_TITLE.search(title))
    supervision_title = bool(_SUPERVISION.search(title) or _SUPERVISION_WORD.search(title)) and (
        not _NOT_SUPERVISION.search(title))
    if supervision_title and not consult_title:
        return "supervision"
    if consult_title:
        return "consult_group"
    supervision = bool(_SUPERVISION.search(folded)) and not _NOT_SUPERVISION.search(folded)
    consult = bool(_CONSULT.search(folded))
    if consult:
        return "consult_group"
    if supervision:
        return "supervision"
    if professional or for_pros:
        return "peer_event"
    return "other"
