"""Small helpers the format parsers share: decoding, ISO strings, stable ids, URL hints."""

from __future__ import annotations

import hashlib
import html
import re
from datetime import date, datetime
from urllib.parse import urljoin, urlsplit

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


URL_SCHEMES = ("http", "https", "mailto", "tel")
_URL_CONTROL = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")
_URL_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_URL_UNSAFE = re.compile(r'[\s"<>\\^`{|}]')  # percent-encoded: never raw in an attribute/popup


def safe_url(value: object, base: str | None = None,
             schemes: tuple[str, ...] = URL_SCHEMES) -> str | None:
    """The one URL check: an absolute URL with an allowed scheme, normalised, else None.

    Entities are decoded once, control and zero-width characters dropped, a relative URL
    joined to `base`; `javascript:`, `data:` and every other scheme are refused, http(s)
    needs a host (no user@ part), and `"<>`, whitespace and the other characters that are
    never legal raw in a URL are percent-encoded, so the result is safe in an href, a
    Markdown link, GeoJSON or ICS.
    """
    if not isinstance(value, str):
        return None
    text = _URL_CONTROL.sub("", html.unescape(value)).strip()
    if not text:
        return None
    if base and not _URL_SCHEME.match(text):
        try:
            text = urljoin(base, text)
        except ValueError:
            return None
    match = _URL_SCHEME.match(text)
    if not match or match.group(1).lower() not in schemes:
        return None
    scheme, rest = match.group(1).lower(), text[match.end():]
    rest = _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode()), rest)
    if scheme in ("http", "https"):
        try:
            parts = urlsplit(f"{scheme}:{rest}")
            parts.port  # noqa: B018 - raises on a bad port
        except ValueError:
            return None
        if not rest.startswith("//") or "@" in parts.netloc or "%" in parts.netloc or not (
                parts.hostname and re.search(r"[A-Za-z0-9]", parts.hostname)):
            return None
    elif not rest or rest.startswith("//"):
        return None
    return f"{scheme}:{rest}"


def clean(value: object) -> str | None:
    """A stripped string, or None when empty / not text-like."""
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None
