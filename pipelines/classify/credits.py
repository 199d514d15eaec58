"""Continuing-education credits ("3 CE hours", "1.5 CEUs", "6 contact hours") and approvals."""

from __future__ import annotations

import re

from pipelines.classify.text import fold

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "half": 0.5}
_NUM = r"(\d{1,2}(?:\.\d{1,2})?|\d?\.\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twelve)"
_UNIT = (r"(?:nbcc\s+|aswb\s+|apa\s+|bbs\s+|naadac\s+)?(?:ce|ces|ceu|ceus|ce\s*-?\s*hours?|"
         r"ce credits?|ceu credits?|ce units?|contact hours?|clock hours?|"
         r"continuing education (?:hours?|credits?|units?)|cpd hours?|credit hours?|"
         r"hours? of (?:ce|ceus?|continuing education)|hrs? ce|ce hrs?)")
_BEFORE = re.compile(rf"(?<![\d$.]){_NUM}\s*(?:\(\d+(?:\.\d+)?\)\s*)?-?\s*{_UNIT}\b")
_AFTER = re.compile(rf"\b(?:ce|ceus?|ce credits?|ce hours|contact hours|credits?)\s*[:=]\s*{_NUM}\b")
_APPROVALS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("NBCC", re.compile(r"\bnbcc\b")),
    ("ASWB ACE", re.compile(r"\baswb\b|\bace provider\b|\bace program\b")),
    ("APA", re.compile(r"\bapa[- ]approved\b|\bapproved by the american psychological\b|"
                       r"\bapa (?:ce|sponsor|approved)|american psychological association to sponsor")),
    ("BBS", re.compile(r"\bbbs\b|\bboard of behavioral sciences\b")),
    ("NAADAC", re.compile(r"\bnaadac\b")),
    ("CAMFT", re.compile(r"\bcamft\b")),
    ("NYSED", re.compile(r"\bnysed\b|\bnew york state education department\b")),
    ("state board", re.compile(r"\bstate board\b|\bbhec\b|\bcswmft\b|\bboard of (?:licensed )?"
                               r"(?:professional counselors|social work)")),
)


APPROVALS: tuple[str, ...] = tuple(code for code, _ in _APPROVALS)


def _number(token: str) -> float:
    return float(_WORDS[token]) if token in _WORDS else float(token)


def classify_credits(text: str) -> tuple[float | None, list[str]]:
    folded = fold(text).replace("ce's", "ces")
    found: list[float] = []
    for pattern in (_BEFORE, _AFTER):
        for match in pattern.finditer(folded):
            window = folded[max(0, match.start() - 12): match.start()]
            if re.search(r"(up to|over|minimum of|at least|requires?)\s*$", window) and "up to" not in window:
                continue
            value = _number(match.group(1))
            if 0 < value <= 60:
                found.append(value)
    approvals = [code for code, pattern in _APPROVALS if pattern.search(folded)]
    return (max(found) if found else None), approvals
