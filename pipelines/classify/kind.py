"""What a listing is: consult_group | peer_event | supervision | other (not for therapists)."""

from __future__ import annotations

import re

from pipelines.classify.text import fold

_CONSULT = re.compile(
    r"\b(consult(ation)? groups?|peer consult(ation)?|case consult(ation)?|consultation (circle|"
    r"hour|meeting|series)|peer supervision (group|circle)|intervision|"
    r"clinical consultation|consult call|peer group for (therapists|clinicians|counselors)|"
    r"grupo de consulta|consulta (entre pares|clinica)|case conference|peer review group|"
    r"clinician(s')? peer (group|circle)|therapists?'? peer (group|circle)|"
    r"(dbt|emdr|ifs) consult(ation)? team|dbt teams?|consultation team|peer consultation|consult group)\b"
)
_SUPERVISION = re.compile(
    r"\b(clinical supervision|supervision (for|hours|toward|towards|available|openings?|spots?|"
    r"group)|(group|individual|low[- ]cost|reduced[- ]fee|sliding[- ]scale|licensure|"
    r"affordable) supervision|tele-?supervision|supervisor (available|accepting)|"
    r"accepting (new )?supervisees|board[- ]approved supervisor|approved supervisor|"
    r"qualified supervisors?|"
    r"lpc-s\b|lcsw-s\b|supervision clinica|supervisora?s? clinic|supervision for (associates|"
    r"interns|pre-licensed)|(for|offering|offer|offers|providing|provide|ofrece) (group |"
    r"individual )?supervision|supervisor for|superivsion|supervison|supervsion|"
    r"^(group |individual |clinical )?supervision\b|supervision$)"
)
# Peer support, process and study groups for clinicians are peer events, not case consultation
# (docs/labelling.md §1), unless the text also says cases are brought and discussed.
_PEER_SUPPORT = re.compile(
    r"\b(peer support (group|circle)s?|support (group|circle)s? for (therapists|clinicians|"
    r"counsell?ors|associates|interns|pre-licensed|new (therapists|clinicians))|"
    r"(clinicians?|therapists?|associates?)'?s?'? (support|process) (group|circle)s?|"
    r"process group for (therapists|clinicians)|study groups?|exam[- ]prep|"
    r"(nce|ncmhce|aswb|lcsw|lmsw|lpc|mft|amft|licens(ing|ure)) exam)\b"
)
_CASES = re.compile(r"(?<!no )(?<!not )\b(case (consultation|presentations?|discussions?|review)|bring (your |a )?"
                    r"cases?|discuss (your |our )?cases|present (a )?cases?|cases? (are|is) "
                    r"(presented|discussed)|consultation on cases)\b")
# A practice's "free consultation" is a client intake call (marketing), not case consultation.
_CLIENT_CONSULT = re.compile(
    r"\b(free (initial |introductory |phone |video |\d+(-\d+)?[- ]minute |no[- ]cost )*"
    r"(consult(ation)?s?|call)( call)?|\d+(-\d+)?[- ]minute (free |phone |initial )*"
    r"(consult(ation)?|call)|(book|schedule|request) (a|your) (free |complimentary )?"
    r"(consult(ation)?|call)|complimentary consult(ation)?|potential clients?|"
    r"looking for a therapist|therapy bios?|good fit for you)\b"
)
_PEER_CONSULT = re.compile(r"\b(peer consult\w*|consultation groups?|consult groups?|"
                           r"case consult\w*|consultation team|for (therapists|clinicians))\b")
# Client-facing therapy groups and classes (labelling §1 `other`): a group *of clients* run by a
# therapist, not a gathering of clinicians.
_CLIENT_GROUP = re.compile(r"\b(group (counseling|therapy)|therapy groups?|psychoeducation(al)? "
                           r"groups?|\w+-week group)\b")
_CLIENTS = re.compile(r"\bclients?\b")
# Continuing education or certification for other occupations (yoga teachers, first aid, CPR):
# not for therapists even when it says "CEUs" or "healthcare providers".
_OTHER_FIELD = re.compile(r"\b(yoga alliance|yoga teachers?|cpr|bls|acls|pals|first aid|aed|"
                          r"real estate|realtors?|notary|food handlers?)\b")
_THERAPIST_WORD = re.compile(r"\b(therapists?|counsell?ors?|psychologists?|social workers?|"
                             r"mental health|psychotherapists?|lpcs?|lcsws?|lmfts?|nbcc|aswb)\b")
# A professional association's event is for its members (labelling §1: association meetings).
_ASSOCIATION = re.compile(
    r"\b((counseling|counselors'?|career development|psychological|psychology|social work(ers)?|marriage (and|&) "
    r"family therap(y|ists)|play therapy|psychotherapy|school counselor) (association|society|"
    r"chapter|division|sig|special interest group)|association for [a-z ,&]{0,60}counsel\w*|counselor education and "
    r"supervision|nasw|amhca|aca members?|aamft|camft|apa'?s? (annual )?convention|(annual|regional|"
    r"national|state) (counseling|psychology) conference|(chapter|association) (meeting|"
    r"breakfast|luncheon|conference|convention|event|trivia|social)s?|pre-licensed members|"
    # spelled out: "National Association of Social Workers", "Society for Clinical Social Work"
    r"(association|society|academy|council|federation|alliance) (of|for) ([a-z&,'-]+ ){0,4}"
    r"(counsel\w*|psycholog\w*|psychotherap\w*|social work\w*|family therap\w*|play therap\w*)|"
    r"psychoanalytic (society|association|center|institute))\b"
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
    r"mental health (professionals|providers|practitioners|clinicians|workers)|"
    r"lpcs?|lcsws?|lmfts?|amfts?|lmhcs?|lpccs?|lcpcs?|lmsws?|mfts?|psyd|ce credits?|ceus?|ces|"
    r"ce hours?|contact hours|continuing education|nbcc|aswb|clinical (practice|work|skills|"
    r"supervision|consultation|social work|psychology|mental health|questions|members)|"
    r"behavioral health(care)?|counselor supervisors?|private practice|"
    r"caseload|supervisees?|licensure|terapeutas|clinicos|profesionales|psicologos|"
    r"(mental health|behavioral health|health ?care|healthcare) providers|trainees|"
    r"graduate students|practicum|ethics|peer network|peer consult\w*|"
    r"lpc[- ]associates?|amfts?|asws?|pre-licensed|qualified supervisors?|"
    r"ce (course|workshop|training|event|webinar)s?|(clinical )?supervisor training|"
    r"supervision (training|course|certificate))\b"
)
# A training whose package includes consultation hours or calls is the training (labelling §1:
# "EMDR Basic Training incl. 10 consultation hours" -> peer_event).
_TRAINING_TITLE = re.compile(r"\b(training|workshop|course|bootcamp|intensive|institute|"
                             r"certificate program)\b")
_INCLUDED_CONSULT = re.compile(
    r"\b((incl(\.|udes?|uding)?|with|plus) (\d+(\.\d+)? )?(hours of |follow-up |group )?"
    r"consultation|(\d+ )?(follow-up )?consultation (hours|calls) (are )?(included|incl)|"
    r"follow-up consultation calls)\b"
)
_GROUP_TITLE = re.compile(r"\b(consult(ation)? (group|team|circle)s?|peer consult\w*)\b")
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
    r"your partner|per couple|for couples who|mutual aid|(space|open|welcom\w*) (for|to) "
    r"(all|everyone)\b(?! ([a-z-]+ )?(clinicians|therapists|counsel\w+|members|professionals|"
    r"social workers|psycholog\w+|associates|students|levels)))\b"
)
_FOR_PROFESSIONALS = re.compile(
    r"\b(for (licensed |practicing |fellow |new |early[- ]career )?(therapists|clinicians|"
    r"counsell?ors|psychotherapists|mental health (professionals|providers|clinicians)|"
    r"social workers|psychologists|mfts|lpcs|lcsws|providers|practitioners)|ce credits?|ceus?|"
    r"\d(\.\d)? ces?\b|contact hours|nbcc|aswb|for professionals|professionals only|"
    r"clinicians only|therapists only|continuing education)\b"
)


# An event the text calls public ("a community event", "open to the public") is for the public
# even when an association hosts it, unless professionals or CE are targeted (labelling §1,
# mixed audiences).
_COMMUNITY_EVENT = re.compile(r"\b(community (event|forum|gathering|conversation|night)|"
                              r"public (event|forum|lecture|talk)|open to the (public|community)|"
                              r"free and open to (all|everyone|the public))\b")


def classify_kind(text: str, *, categories: tuple[str, ...] = (), roster: bool = False) -> str:
    return explain_kind(text, categories=categories, roster=roster)[0]


def _quote(match: re.Match[str] | None) -> str:
    return f" ({match.group(0)!r})" if match else ""


def explain_kind(text: str, *, categories: tuple[str, ...] = (), roster: bool = False
                 ) -> tuple[str, str]:
    """(kind, why): `text` starts with the title line; `why` names the rule that decided."""
    if roster:
        return "supervision", "roster: a supervisor directory row"
    folded = fold(text + "\n" + " ".join(categories))
    if m := _NOT_A_LISTING.search(folded):
        return "other", "job posting" + _quote(m)
    title = folded.split("\n", 1)[0]
    association = _ASSOCIATION.search(folded)
    professional = _PROFESSIONAL.search(folded)
    public = _PUBLIC.search(folded)
    for_pros = _FOR_PROFESSIONALS.search(folded) or association
    peer_consult = _PEER_CONSULT.search(folded)
    client_consult = _CLIENT_CONSULT.search(folded)
    # A "free consultation" in the title is the listing's subject: only peer-consultation words
    # there (not a passing "for therapists" in the body) make it case consultation.
    if client_consult and (not peer_consult or (
            _CLIENT_CONSULT.search(title) and not _PEER_CONSULT.search(title)
            and not _CASES.search(folded))):
        return "other", "client intake 'free consultation' (practice marketing)" + _quote(
            client_consult)
    if (m := _OTHER_FIELD.search(folded)) and not _THERAPIST_WORD.search(folded):
        return "other", "training for another occupation" + _quote(m)
    if ((m := _CLIENT_GROUP.search(folded)) and _CLIENTS.search(folded) and not for_pros
            and not _CONSULT.search(folded) and not _SUPERVISION.search(folded)):
        return "other", "a therapy group for clients" + _quote(m)
    if ((m := _COMMUNITY_EVENT.search(folded)) and not _FOR_PROFESSIONALS.search(folded)
            and not _CONSULT.search(folded) and not _SUPERVISION.search(folded)):
        return "other", "a public event" + _quote(m)
    if public and not for_pros and not _CONSULT.search(title) and not (
        _SUPERVISION.search(title) and not _NOT_SUPERVISION.search(title)
    ):
        return "other", "for the public" + _quote(public)
    support = _PEER_SUPPORT.search(folded)
    if support and not _SUPERVISION.search(title):
        if cases := _CASES.search(folded):
            return "consult_group", "peer support with case consultation" + _quote(cases)
        return "peer_event", "peer support / study group, no case discussion" + _quote(support)
    if (_TRAINING_TITLE.search(title) and (included := _INCLUDED_CONSULT.search(folded))
            and not _GROUP_TITLE.search(title)):
        return "peer_event", "a training that includes consultation" + _quote(included)
    consult_title = _CONSULT.search(title) or _CONSULT_TITLE.search(title)
    supervision_title = (_SUPERVISION.search(title) or _SUPERVISION_WORD.search(title))
    if supervision_title and not _NOT_SUPERVISION.search(title) and not consult_title:
        return "supervision", "supervision in the title" + _quote(supervision_title)
    if consult_title:
        return "consult_group", "consultation in the title" + _quote(consult_title)
    supervision = _SUPERVISION.search(folded)
    if supervision and _NOT_SUPERVISION.search(folded):
        supervision = None
    if m := _CONSULT.search(folded):
        return "consult_group", "consultation in the text" + _quote(m)
    if supervision:
        return "supervision", "supervision in the text" + _quote(supervision)
    if association:
        return "peer_event", "professional association event" + _quote(association)
    if professional or for_pros:
        return "peer_event", "for professionals" + _quote(professional or for_pros)
    return "other", "no professional audience named"
