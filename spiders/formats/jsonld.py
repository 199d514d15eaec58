"""schema.org Events in HTML pages: JSON-LD (incl. @graph, ItemList, arrays) and microdata.

Events that carry a url but no date (listing pages) are not emitted; their urls go to
next_urls so the crawler fetches the detail pages. Only Event / ItemList urls on the same site
are ever followed, never arbitrary links on the page.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from spiders.common.text import decode_text, safe_url
from spiders.formats.event_copies import merge_copies
from spiders.formats.html_data import jsonld_blocks, microdata_items
from spiders.formats.jsonld_event import event_to_item, text_of
from spiders.items import ParseContext, ParseResult

FORMAT = "jsonld"
EVENT_TYPES = frozenset({
    "Event", "BusinessEvent", "ChildrensEvent", "ComedyEvent", "CourseInstance", "DanceEvent",
    "DeliveryEvent", "EducationEvent", "EventSeries", "ExhibitionEvent", "Festival", "FoodEvent",
    "Hackathon", "LiteraryEvent", "MusicEvent", "PublicationEvent", "SaleEvent", "ScreeningEvent",
    "SocialEvent", "SportsEvent", "TheaterEvent", "VisualArtsEvent", "OnDemandEvent",
    "BroadcastEvent",
})
_MAX_DEPTH = 40


def parse(body: bytes, ctx: ParseContext) -> ParseResult:
    result = ParseResult()
    text = decode_text(body)
    if not text.strip():
        result.errors.append("jsonld: empty page")
        return result
    try:
        tree = LexborHTMLParser(text)
    except Exception as exc:  # lexbor is forgiving; this is a last resort
        result.errors.append(f"jsonld: page does not parse as HTML ({exc})")
        return result
    blocks, errors, repairs = jsonld_blocks(tree)
    result.errors.extend(errors)
    result.add_repairs({f"jsonld_{kind}": count for kind, count in repairs.items()})
    events: list[dict[str, Any]] = []
    links: list[str] = []
    for block in blocks:
        index = _id_index(block)
        _collect(block, events, links, index, depth=0)
    for node in microdata_items(tree):
        _collect(node, events, links, {}, depth=0)
    for event in events:
        result.events_seen += 1
        if not _has_date(event):
            url = safe_url(text_of(event.get("url")), base=ctx.url)
            if url:
                links.append(url)
            else:
                result.errors.append(
                    f"jsonld: event {text_of(event.get('name'))!r} has no startDate and no url")
            continue
        try:
            item = event_to_item(event, ctx)
        except Exception as exc:  # one odd object must not sink the page
            result.errors.append(f"jsonld: event skipped ({type(exc).__name__}: {exc})")
            continue
        result.errors.extend(item.extra.pop("warnings", []))
        result.items.append(item)
    result.items, merged = merge_copies(result.items)  # JSON-LD + microdata of one event
    if merged:
        result.add_repairs({"merged_copies": merged})
    result.next_urls = _same_site_links(links, ctx.url)
    return result


def _types(node: dict[str, Any]) -> set[str]:
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {str(v).rstrip("/").rsplit("/", 1)[-1] for v in values if v}


def is_event(node: Any) -> bool:
    return isinstance(node, dict) and bool(_types(node) & EVENT_TYPES)


def _id_index(block: Any) -> dict[str, dict[str, Any]]:
    """@id -> node for @graph documents, so {"@id": ...} references can be resolved."""
    index: dict[str, dict[str, Any]] = {}
    graph = block.get("@graph") if isinstance(block, dict) else None
    for node in graph if isinstance(graph, list) else []:
        if isinstance(node, dict) and isinstance(node.get("@id"), str) and len(node) > 1:
            index[node["@id"]] = node
    return index


def _resolve(node: Any, index: dict[str, dict[str, Any]]) -> Any:
    if isinstance(node, dict) and set(node) == {"@id"} and node["@id"] in index:
        return index[node["@id"]]
    if isinstance(node, list) and index:
        return [_resolve(child, index) if isinstance(child, dict) else child for child in node]
    return node


def _collect(node: Any, events: list[dict[str, Any]], links: list[str],
             index: dict[str, dict[str, Any]], depth: int) -> None:
    if depth > _MAX_DEPTH:
        return
    node = _resolve(node, index)
    if isinstance(node, list):
        for child in node:
            _collect(child, events, links, index, depth + 1)
        return
    if not isinstance(node, dict):
        return
    if is_event(node):
        resolved = {k: _resolve(v, index) for k, v in node.items()}
        events.append(resolved)
        for sub in ("subEvent", "subEvents"):
            _collect(node.get(sub), events, links, index, depth + 1)
        return
    if "ItemList" in _types(node):
        for element in _as_list(node.get("itemListElement")):
            element = _resolve(element, index)
            target = element.get("item") if isinstance(element, dict) and "item" in element \
                else element
            target = _resolve(target, index)
            if isinstance(target, str):
                links.append(target)
            elif isinstance(target, dict) and not is_event(target) and not _types(target) - {
                    "ListItem"} and isinstance(target.get("url"), str):
                links.append(target["url"])  # a summary-page list: urls to event pages
            else:
                _collect(target, events, links, index, depth + 1)
        return
    for key, value in node.items():
        if key in ("@context", "breadcrumb", "potentialAction"):
            continue
        if isinstance(value, (dict, list)):
            _collect(value, events, links, index, depth + 1)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _has_date(event: dict[str, Any]) -> bool:
    return bool(text_of(event.get("startDate")) or event.get("eventSchedule"))


def _same_site_links(links: list[str], page_url: str) -> list[str]:
    host = urlsplit(page_url).hostname
    out: list[str] = []
    for link in links:
        url = safe_url(link, base=page_url)
        if not url or not url.lower().startswith(("http://", "https://")):
            continue
        if host and urlsplit(url).hostname != host:
            continue
        if url.split("#")[0].rstrip("/") == page_url.split("#")[0].rstrip("/") or url in out:
            continue
        out.append(url)
    return out
