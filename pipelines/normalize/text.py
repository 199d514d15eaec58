"""Pure normalizers for untrusted scraped values: HTML -> text, URLs, email, phone, titles, times.

Everything here is text in, text out; nothing is rendered as HTML and only http(s)/mailto/tel
URLs survive.
"""

from __future__ import annotations

import html
import re
import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo

import phonenumbers
from selectolax.lexbor import LexborHTMLParser, LexborNode

# Re-exported: the one lenient ISO reader lives in spiders/common/dates.py.
from spiders.common.dates import parse_iso as parse_iso
from spiders.common.text import safe_url as common_safe_url
from spiders.common.timezones import zone_info

_DROP_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "object", "head"})
_BLOCK_TAGS = frozenset({
    "p", "div", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "article", "blockquote", "dd", "dt", "dl", "header", "footer", "pre", "hr",
})
_LOOKS_LIKE_HTML = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>|&[#a-zA-Z0-9]+;")
# Control, zero-width and bidi embedding/override/isolate characters (U+202A-E, U+2066-9):
# scraped text must not be able to reorder what a reader sees ("Trojan Source").
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)
_URL_CONTROL = re.compile(r"[\x00-\x20\x7f\u200b-\u200f\u2028\u2029\ufeff]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")

# ---------------------------------------------------------------- HTML -> text


def _walk(node: LexborNode, out: list[str]) -> None:
    child = node.child
    while child is not None:
        tag = child.tag
        if child.is_text_node:
            out.append(child.text_content or "")
        elif tag in _DROP_TAGS or tag == "-comment" or child.is_comment_node:
            pass
        elif tag == "br":
            out.append("\n")
        elif tag == "a":
            label_parts: list[str] = []
            _walk(child, label_parts)
            label = re.sub(r"\s+", " ", "".join(label_parts)).strip()
            href = safe_url(child.attributes.get("href"))
            if href and href.lower().startswith(("http://", "https://")) and href != label:
                out.append(f"{label} ({href})" if label else href)
            else:
                out.append(label)
        elif tag == "li":
            out.append("\n- ")
            _walk(child, out)
        elif tag in _BLOCK_TAGS:
            out.append("\n")
            _walk(child, out)
            out.append("\n")
        else:
            _walk(child, out)
        child = child.next


def _tidy(text: str) -> str:
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " "))
    lines = [re.sub(r"[ \t\f\v]+", " ", line).strip() for line in text.split("\n")]
    joined = re.sub(r"\n{2,}- ", "\n- ", "\n".join(lines))
    return re.sub(r"\n{3,}", "\n\n", joined).strip()


_TAG_START = re.compile(r"</?[a-zA-Z]|<[!?]")  # what a browser's tokenizer opens a tag on


def html_to_text(value: str | None) -> str:
    """Plain text from untrusted HTML (or plain text): entities decoded, scripts dropped.

    Entities are decoded first, then tags stripped, then the result is checked again: text
    nodes decode their own entities, so `&lt;script&gt;` inside a `<p>` would otherwise come
    out as a live `<script>` tag. What still looks like a tag after a few rounds is removed.
    `<br>`, `<p>` and `<li>` become line breaks; a link keeps its label plus "(url)" only when
    the href is http(s).
    """
    if not value:
        return ""
    text = value
    for _ in range(4):
        text = _unescape_fully(text)
        if not _TAG_START.search(text):
            return _tidy(text)
        tree = LexborHTMLParser(text)
        root = tree.body or tree.root
        if root is None:
            break
        parts: list[str] = []
        _walk(root, parts)
        text = "".join(parts)
    text = re.sub(r"<[^<>]*>", "", _unescape_fully(text))
    return _tidy(_TAG_START.sub(lambda m: m.group(0)[1:], text))  # drop the "<"


def _unescape_fully(text: str, rounds: int = 3) -> str:
    """Entities decoded until nothing changes ("&amp;lt;" is a "<" too, two rounds later)."""
    for _ in range(rounds):
        if "&" not in text:
            break
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return text


# ---------------------------------------------------------------- URLs, email, phone

# The one URL check lives in spiders.common.text; re-exported here for the stages.
safe_url = common_safe_url


def normalize_email(value: object) -> str | None:
    """A lower-cased address (a leading "mailto:" removed), or None when it is not one."""
    if not isinstance(value, str):
        return None
    text = _URL_CONTROL.sub("", value).strip().strip("<>")
    if text.lower().startswith("mailto:"):
        text = text[7:].split("?", 1)[0]
    if not _EMAIL.match(text):
        return None
    local, domain = text.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


def normalize_phone(value: object, default_region: str = "US") -> str | None:
    """E.164 ("+15125550100") for a valid number, else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.lower().startswith("tel:"):
        text = text[4:]
    try:
        number = phonenumbers.parse(text, default_region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# ---------------------------------------------------------------- titles

_STATUS_WORDS: dict[str, str] = {
    "cancelled": "cancelled", "canceled": "cancelled", "cancelado": "cancelled",
    "cancelada": "cancelled", "postponed": "postponed", "rescheduled": "rescheduled",
    "tentative": "tentative", "tbc": "tentative",
}
_WORD = r"(cancell?ed|cancelad[oa]|postponed|rescheduled|tentative|tbc)"
_PREFIX = re.compile(
    rf"^\s*(?:[\[(*]\s*{_WORD}\s*[\])*]|{_WORD}(?:\s*[!:\-–—|]+|\s*$))\s*[:\-–—|]*\s*",
    re.IGNORECASE,
)
_SUFFIX = re.compile(
    rf"\s*(?:[\[(]\s*{_WORD}\s*[\])]|[:\-–—|]+\s*{_WORD}!?)\s*$",
    re.IGNORECASE,
)


def clean_title(title: str | None) -> tuple[str, str | None, str | None]:
    """(title without a status marker, status or None, the marker text as evidence).

    "CANCELLED - Peer Group" -> ("Peer Group", "cancelled", "CANCELLED -").
    """
    text = _tidy(html_to_text(title)).replace("\n", " ") if title else ""
    for pattern in (_PREFIX, _SUFFIX):
        match = pattern.search(text)
        if match:
            word = next(g for g in match.groups() if g)
            rest = (text[: match.start()] + text[match.end():]).strip()
            if rest:
                return rest, _STATUS_WORDS[word.lower()], match.group(0).strip()
    return text, None, None


# ---------------------------------------------------------------- times


def zone(name: str | None) -> ZoneInfo | None:
    """ZoneInfo for an IANA name (Windows and UTC+N names mapped), None when unknown."""
    return zone_info(name)


def to_aware(value: str | None, tz: str | None) -> datetime | None:
    """An aware datetime: naive times are read in `tz` (UTC when the zone is unknown)."""
    parsed = parse_iso(value)
    if parsed is None:
        return None
    if not isinstance(parsed, datetime):
        parsed = datetime(parsed.year, parsed.month, parsed.day)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone(tz) or ZoneInfo("UTC"))
    return parsed


def to_local_iso(value: str | None, tz: str | None) -> str | None:
    """ISO with offset in the event's zone (kept as given when the zone is unknown)."""
    aware = to_aware(value, tz)
    if aware is None:
        return None
    local = zone(tz)
    return (aware.astimezone(local) if local else aware).isoformat()


def to_utc_iso(value: str | None, tz: str | None) -> str | None:
    """ISO in UTC ("+00:00"); a naive value is read in `tz`."""
    aware = to_aware(value, tz)
    return aware.astimezone(ZoneInfo("UTC")).isoformat() if aware else None


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
