"""Shared text helpers for the classifiers: one lower-cased, accent-folded haystack per listing."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=65536)  # every classifier folds the same joined text: do it once
def fold(text: str) -> str:
    """Lower-case, accents removed, typographic dashes/quotes made plain."""
    if text.isascii():  # most listing text: nothing to decompose
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return (text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2019", "'")
            .replace("\u2018", "'").lower())


def join(*parts: str | None) -> str:
    return "\n".join(p for p in parts if p)


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?;])\s+|\n+", text) if s.strip()]


def any_match(patterns: tuple[re.Pattern[str], ...], text: str) -> re.Match[str] | None:
    for pattern in patterns:
        match = pattern.search(text)
        if match:
            return match
    return None
