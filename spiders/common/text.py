"""Small helpers the format parsers share: decoding, ISO strings, stable ids, URL hints."""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime
from urllib.parse import urljoin

from spiders.common.dates import repair_iso

_ONLINE_URL = re.compile(
    r"https?://[^\s\"'<>)\]]*(?:zoom\.us|zoomgov\.com|teams\.microsoft\.com|teams\.live\.com|"
    r"meet\.google\.com|webex\.com|gotomeeting\.com|meet\.goto\.com|whereby\.com|"
    r"meet\.jit\.si)[^\s\"'<>)\]]*",
    re.IGNORECASE,
)
_ONLINE_WORDS = re.compile(
    r"\b(zoom|microsoft teams|teams meeting|google meet|webex|gotomeeting|online|virtual)\b",
    re.IGNORECASE,
)


def decode_text(body: bytes) -> str:
    """UTF-8 (with or without BOM), falling back to cp1252/Latin-1; never raises."""
    if body.startswith(b"\xef\xbb\xbf"):
        body = body[3:]
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return body.decode("cp1252")
    except UnicodeDecodeError:
        return body.decode("latin-1")


def iso(value: date | datetime | str | None) -> str | None:
    """ISO 8601: a date stays a date; a datetime keeps its offset (none when floating); text
    (a value a library left undecoded) goes through the one lenient reader, None if unreadable."""
    if value is None:
        return None
    if isinstance(value, str):
        return repair_iso(value)
    return value.isoformat()


def stable_uid(*parts: object) -> str:
    """A deterministic id from content, for records the source gave no identifier."""
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:20]


def find_online_url(*texts: str | None) -> str | None:
    """The first Zoom/Teams/Meet/... link in the given texts."""
    for text in texts:
        if text:
            match = _ONLINE_URL.search(text)
            if match:
                return match.group(0).rstrip(".,;")
    return None


def mentions_online(text: str | None) -> bool:
    return bool(text and _ONLINE_WORDS.search(text))


def safe_url(value: object, base: str | None = None) -> str | None:
    """An absolute http(s)/mailto/tel URL, or None (javascript:, data:, junk)."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    if base and not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", text):
        try:
            text = urljoin(base, text)
        except ValueError:
            return None
    if re.match(r"^(https?://|mailto:|tel:)", text, re.IGNORECASE):
        return text
    return None


def clean(value: object) -> str | None:
    """A stripped string, or None when empty / not text-like."""
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None
