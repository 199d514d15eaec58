"""The one parser registry: format name -> pure `parse(body, ctx) -> ParseResult`.

`PARSERS` holds the four generic formats plus one `site:<name>` key per site-specific parser
listed in `spiders.sites.SITES` (explicit, no scanning: a typo in sources.toml is a clear
error). This module imports the formats and the sites; neither imports it, so there is no cycle.
`parser_for` looks one up; `detect_format` picks a generic one for `--format auto` from the
bytes, the URL and the Content-Type (never a site parser).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from spiders.formats import ics, jsonld, roster, tribe
from spiders.items import ParseContext, ParseResult
from spiders.sites import SITES

Parser = Callable[[bytes, ParseContext], ParseResult]

GENERIC_FORMATS = ("ics", "tribe", "jsonld", "roster")
SITE_PREFIX = "site:"
SITE_NAME = re.compile(r"^[a-z0-9_]+$")

PARSERS: dict[str, Parser] = {
    "ics": ics.parse,
    "tribe": tribe.parse,
    "jsonld": jsonld.parse,
    "roster": roster.parse,
}


def register_site(name: str, parser: Parser) -> None:
    """Make `parser` the format `site:<name>` (the sites in `spiders.sites.SITES`, or a plugin)."""
    if not SITE_NAME.match(name):
        raise ValueError(f"site parser name {name!r} must match [a-z0-9_]+")
    PARSERS[SITE_PREFIX + name] = parser


for _name, _parser in SITES.items():
    register_site(_name, _parser)


MAX_ITEMS_PER_DOCUMENT = 5000  # items kept from one document; the rest are counted


def parser_for(fmt: str) -> Parser:
    """The parser for a registry format name (`ics`, ..., `site:<name>`); KeyError names the rest.

    """
    try:
        return PARSERS[fmt]
    except KeyError:
        raise KeyError(f"unknown format {fmt!r}; use one of {sorted(PARSERS)}") from None


def parse_document(fmt: str, body: bytes, ctx: ParseContext,
                   limit: int = MAX_ITEMS_PER_DOCUMENT) -> ParseResult:
    """One document parsed, keeping at most `limit` items and saying how many were dropped
    (a `document_capped` error), so one document's work stays bounded downstream."""
    result = parser_for(fmt)(body, ctx)
    if len(result.items) > limit:
        result.errors.append(f"document_capped: {len(result.items)} items, the first {limit} kept")
        del result.items[limit:]
    return result


_TRIBE_URL = re.compile(r"/wp-json/tribe/events/v1/events\b|[?&]rest_route=/tribe/events/v1/events")


def detect_format(body: bytes, url: str, content_type: str | None) -> str | None:
    """The format name whose parser fits this document, or None when none does."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    head = body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    path = url.split("?")[0].split("#")[0].lower()
    if head[:15].upper().startswith(b"BEGIN:VCALENDAR") or ctype == "text/calendar":
        return "ics"
    if head.startswith(b"PK\x03\x04") or "spreadsheetml" in ctype or path.endswith(".xlsx"):
        return "roster"
    if head[:1] in (b"{", b"["):
        if _TRIBE_URL.search(url) or _looks_like_tribe(body):
            return "tribe"
        return None
    if ctype in ("text/csv", "application/csv") or path.endswith((".csv", ".tsv")):
        return "roster"
    if path.endswith((".ics", ".ical")) and b"BEGIN:VCALENDAR" in body[:65536].upper():
        return "ics"
    if "html" in ctype or head[:1] == b"<":
        lowered = body.lower()
        if b"application/ld+json" in lowered or b"schema.org/" in lowered:
            return "jsonld"
        if b"<table" in lowered:
            return "roster"
    return None


def _looks_like_tribe(body: bytes) -> bool:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return False
    if not isinstance(data, dict):
        return False
    if isinstance(data.get("events"), list):
        return "rest_url" in data or "total_pages" in data or "next_rest_url" in data
    # A single-event response: an event object with TEC's own date fields.
    return "utc_start_date" in data and "global_id" in data

__all__ = ["GENERIC_FORMATS", "PARSERS", "SITE_PREFIX", "Parser", "detect_format", "parse_document",
           "parser_for", "register_site"]
