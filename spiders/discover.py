"""Find the feeds a page offers (`peermap sources add <url>` / `--format auto`), and refuse
targets a crawler must not fetch.

`discover` is pure (bytes in, list out). `check_target_allowed` does a DNS lookup and is meant
for the CLI/crawler edge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from selectolax.lexbor import LexborHTMLParser

from spiders.common.address_policy import check_url
from spiders.common.text import decode_text, safe_url
from spiders.formats import jsonld
from spiders.formats.registry import detect_format
from spiders.formats.roster_table import read_table
from spiders.items import ParseContext

TEC_EVENTS_PATH = "/wp-json/tribe/events/v1/events"
_TEC_BASE = re.compile(r"^(.*?/wp-json/tribe/events/v1)(?:/|$)")
_ICAL_HREF = re.compile(r"([?&](ical|ics)=1\b|\.ics(\?|$)|^webcals?:)", re.IGNORECASE)
_UTC = ZoneInfo("UTC")


@dataclass(frozen=True)
class Found:
    format: str  # ics | tribe | jsonld | roster
    url: str
    title: str | None = None
    reason: str = ""


def discover(body: bytes, url: str, content_type: str | None) -> list[Found]:
    """Feeds this document is or links to, best first (TEC API, iCal, JSON-LD, roster)."""
    kind = detect_format(body, url, content_type)
    if kind == "ics":
        name = re.search(rb"^X-WR-CALNAME:(.*?)\r?$", body[:65536], re.MULTILINE)
        title = decode_text(name.group(1)).strip() if name else None
        return [Found("ics", url, title, "the document is an iCalendar feed")]
    if kind == "tribe":
        return [Found("tribe", url, None, "the document is The Events Calendar REST API JSON")]
    if kind == "roster" and not _is_html(body, content_type):
        return [Found("roster", url, None, "the document is a CSV/XLSX table with a Name column")
                ] if _roster_ok(body, content_type) else []
    if not _is_html(body, content_type):
        return []
    tree = LexborHTMLParser(decode_text(body))
    title_node = tree.css_first("title")
    page_title = " ".join(title_node.text().split()) if title_node is not None else None
    found: list[Found] = []
    tec = _tec_endpoint(tree, url)
    if tec:
        found.append(Found("tribe", tec, page_title, "The Events Calendar site (REST API)"))
    found.extend(_ical_links(tree, url))
    events = _jsonld_event_count(body, url)
    if events:
        found.append(Found("jsonld", url, page_title, f"{events} schema.org event(s) on the page"))
    if _roster_ok(body, "text/html"):
        found.append(Found("roster", url, page_title, "an HTML table with a Name column"))
    unique: dict[tuple[str, str], Found] = {}
    for item in found:
        unique.setdefault((item.format, item.url), item)
    return list(unique.values())


def _is_html(body: bytes, content_type: str | None) -> bool:
    head = body[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return "html" in (content_type or "").lower() or head.startswith((b"<!doctype", b"<html")) \
        or b"<head" in head or b"<body" in head


def _tec_endpoint(tree: LexborHTMLParser, url: str) -> str | None:
    for node in tree.css("link[href], a[href]"):
        href = safe_url(node.attributes.get("href"), base=url)
        match = _TEC_BASE.match(href or "")
        if match:
            return match.group(1) + "/events"
    meta = {(m.attributes.get("name") or "").lower(): m.attributes.get("content") or ""
            for m in tree.css("meta[name]")}
    if "tec-api-version" in meta or "tec-api-origin" in meta:
        origin = safe_url(meta.get("tec-api-origin"), base=url) or url
        parts = urlsplit(origin)
        return f"{parts.scheme}://{parts.netloc}{TEC_EVENTS_PATH}"
    return None


def _ical_links(tree: LexborHTMLParser, url: str) -> list[Found]:
    out: list[Found] = []
    for node in tree.css("link[href], a[href]"):
        href = (node.attributes.get("href") or "").strip()
        ctype = (node.attributes.get("type") or "").lower()
        if ctype != "text/calendar" and not _ICAL_HREF.search(href):
            continue
        if href.lower().startswith("webcal"):
            href = "http" + href[len("webcal"):]  # webcal:// is http:// by convention
        target = safe_url(href, base=url)
        if not target or not target.lower().startswith(("http://", "https://")):
            continue
        title = node.attributes.get("title") or " ".join((node.text() or "").split()) or None
        how = "iCal alternate link" if ctype == "text/calendar" else "iCal link"
        out.append(Found("ics", target, title, how))
    return out


def _jsonld_event_count(body: bytes, url: str) -> int:
    ctx = ParseContext(source_id="discover", url=url, as_of=datetime(2000, 1, 1, tzinfo=_UTC))
    return len(jsonld.parse(body, ctx).items)


def _roster_ok(body: bytes, content_type: str | None) -> bool:
    try:
        table, _ = read_table(body, {}, content_type)
    except Exception:
        return False
    return table is not None and len(table.mapping) >= 3 and bool(table.rows)


def check_target_allowed(url: str, allow_private: bool,
                         remedy: str = "pass --allow-private") -> None:
    """Raise ValueError for file: URLs and for hosts on private/loopback/link-local networks
    (the one policy in spiders.common.address_policy); `remedy` is what the caller can do."""
    if urlsplit(url.strip()).scheme.lower() == "file":
        raise ValueError(f"refusing file: URL {url!r}: only http(s) sources can be crawled")
    check_url(url, allow_private=allow_private, remedy=remedy)


__all__ = ["Found", "check_target_allowed", "discover"]
