"""Render untrusted (scraped) text safely: Markdown-escaped strings and allow-listed links."""

from __future__ import annotations

import math
import re

from spiders.common.text import safe_url as common_safe_url

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Every ASCII punctuation character may be backslash-escaped in CommonMark; escaping them all also
# defuses Streamlit extensions (`:red[..]`, `:material/..:`, `$latex$`) and raw HTML tags.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&\"'=^%@/])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape_markdown(text: object) -> str:
    """Plain text → Markdown that displays exactly that text (no links, HTML or formatting)."""
    if text is None:
        return ""
    cleaned = _CONTROL.sub(" ", str(text))
    return _MARKDOWN_SPECIALS.sub(r"\\\1", cleaned)


def _absent(text: object) -> bool:
    """None, or pandas' NaN for a missing cell (which must never show as the word "nan")."""
    return text is None or (isinstance(text, float) and math.isnan(text))


def one_line(text: object, limit: int = 400) -> str:
    """Collapse whitespace and cut long scraped text to a readable length."""
    if _absent(text):
        return ""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def few_lines(text: object, limit: int = 300, max_lines: int = 4) -> str:
    """Like one_line, but keeps the source's line breaks (up to max_lines) for readability."""
    if _absent(text):
        return ""
    lines = [" ".join(line.split()) for line in str(text).splitlines()]
    lines = [line for line in lines if line][:max_lines]
    joined = "\n".join(lines)
    return joined if len(joined) <= limit else joined[: limit - 1].rstrip() + "…"


def safe_url(url: object) -> str | None:
    """The URL if it uses an allowed scheme, normalised by the one check (spiders.common.text)."""
    return common_safe_url(url, schemes=tuple(sorted(SAFE_SCHEMES)))
