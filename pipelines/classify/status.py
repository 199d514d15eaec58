"""Series status: structured status first, then title markers, then explicit sentences.

A "cancelled" inside an unrelated sentence (a cancellation policy, billed late-cancelled
sessions, "if the group is cancelled") must not cancel the listing.
"""

from __future__ import annotations

import re

from pipelines.classify.text import fold, sentences
from pipelines.normalize.text import clean_title

_RAW: tuple[tuple[str, str], ...] = (
    ("cancel", "cancelled"), ("postpone", "postponed"), ("reschedul", "rescheduled"),
    ("tentative", "tentative"), ("movedonline", "scheduled"), ("scheduled", "scheduled"),
    ("confirmed", "scheduled"),
)
_STATE = r"(cancell?ed|postponed|rescheduled|suspended|called off|cancelad[oa]|pospuest[oa])"
_EXPLICIT = (
    re.compile(rf"\b(has|have|had)\s+(now\s+)?been\s+{_STATE}\b"),
    re.compile(rf"\b(is|are|was|were)\s+(now\s+)?{_STATE}\b"),
    re.compile(rf"^\s*(\*+\s*)?{_STATE}(\s*$|\s*[-:!.,]|\s+(due|until|for|this|today|"
               rf"tonight|until|to|on|indefinitely))"),
    re.compile(rf"\b(event|meeting|group|session|workshop|training|consultation|webinar|"
               rf"class|gathering|conference|series)\s+{_STATE}\b"),
    re.compile(r"\bwill\s+(no\s+longer|not)\s+(be\s+)?(meet|meeting|held|take place|taking place)\b"),
    re.compile(r"\b(ha sido|fue|queda)\s+(cancelad[oa]|pospuest[oa])\b"),
    re.compile(r"\bmoved to (a )?new date\b|\bnew date:"),
)
_SHOUTED = re.compile(r"\b(CANCELL?ED|POSTPONED)\b")
_TENTATIVE = re.compile(r"\btentative(ly)?\b|\bdate (tbc|tbd|to be confirmed)\b|\bpending confirmation\b")
_GUARD = re.compile(
    r"\b(if|unless|policy|policies|may|might|could|should|fee|fees|billed|bill|charged|refund|"
    r"refunds|no-shows?|late[- ]cancel\w*|in case|in the event|whether|rarely|never|not been|"
    r"not cancel\w*|sessions? (that|which))\b"
)


def _word_to_status(word: str) -> str:
    w = fold(word)
    if "cancel" in w or "suspend" in w or "called off" in w:
        return "cancelled"
    if "postpone" in w or "pospuest" in w:
        return "postponed"
    if "reschedul" in w or "new date" in w:
        return "rescheduled"
    return "cancelled"


def status_from_raw(raw_status: str | None) -> str | None:
    if not raw_status:
        return None
    key = re.sub(r"[^a-z]", "", fold(raw_status))
    for needle, status in _RAW:
        if needle in key:
            return status
    return None


def classify_status(
    title: str, description: str, raw_status: str | None
) -> tuple[str, str | None]:
    """(status, evidence): evidence quotes the raw value, title marker or sentence."""
    structured = status_from_raw(raw_status)
    if structured is not None:
        return structured, f"status: {raw_status}"
    _, title_status, marker = clean_title(title)
    if title_status:
        return title_status, f"title: {marker}"
    # A title may state it as a sentence ("Storytime is cancelled today") or shout it mid-line
    # ("Spring Mixer CANCELLED due to weather"): labelling §2.
    if shout := _SHOUTED.search(title or ""):
        return _word_to_status(shout.group(0)), f"title: {shout.group(0)}"
    for sentence in [title or "", *sentences(description or "")]:
        folded = fold(sentence)
        if _GUARD.search(folded):
            continue
        for pattern in _EXPLICIT:
            match = pattern.search(folded)
            if match:
                return _word_to_status(match.group(0)), sentence.strip()[:200]
        if _TENTATIVE.search(folded) and "agenda" not in folded:
            return "tentative", sentence.strip()[:200]
    return "scheduled", None
