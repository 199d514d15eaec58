"""Structured data out of HTML: JSON-LD script blocks (with repair) and schema.org microdata.

`jsonld_blocks` returns the parsed JSON of every `application/ld+json` script, an error
string for each script that could not be recovered, and the repairs made by kind
(spiders/formats/json_salvage.py). `microdata_items` returns top-level itemscope
elements as JSON-LD-like dicts (`@type`, properties, nested items as dicts).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from spiders.formats.json_salvage import salvage_json

_URL_ATTRS = {"a": "href", "link": "href", "area": "href", "img": "src", "audio": "src",
              "video": "src", "source": "src", "iframe": "src", "embed": "src", "object": "data"}
_MAX_ITEMS = 2000


def jsonld_blocks(tree: LexborHTMLParser) -> tuple[list[Any], list[str], Counter[str]]:
    """(the JSON of every ld+json script, an error per unreadable script, repairs by kind)."""
    blocks: list[Any] = []
    errors: list[str] = []
    repairs: Counter[str] = Counter()
    for index, script in enumerate(tree.css("script")):
        kind = (script.attributes.get("type") or "").strip().lower()
        if kind.split(";")[0].strip() != "application/ld+json":
            continue
        text = script.text(deep=True) or ""
        if not text.strip():
            continue
        salvage = salvage_json(text)
        if salvage.problem:
            errors.append(f"jsonld: script #{index + 1} is not valid JSON and could not be "
                          f"recovered ({salvage.problem})")
            continue
        repairs.update(salvage.repairs)
        if isinstance(salvage.data, list) and salvage.repairs["concatenated"]:
            blocks.extend(salvage.data)
        else:
            blocks.append(salvage.data)
    return blocks, errors, repairs


def microdata_items(tree: LexborHTMLParser) -> list[dict[str, Any]]:
    """Top-level microdata items (itemscope without itemprop) as dicts."""
    items: list[dict[str, Any]] = []
    for node in tree.css("[itemscope]")[:_MAX_ITEMS]:
        if "itemprop" in node.attributes and _scope_of(node) is not None:
            continue
        items.append(_item(node, depth=0))
    return items


def _scope_of(node: LexborNode) -> LexborNode | None:
    parent = node.parent
    while parent is not None:
        if "itemscope" in (parent.attributes or {}):
            return parent
        parent = parent.parent
    return None


def _item(node: LexborNode, depth: int) -> dict[str, Any]:
    item: dict[str, Any] = {}
    itemtype = (node.attributes.get("itemtype") or "").split()
    if itemtype:
        item["@type"] = [t.rstrip("/").rsplit("/", 1)[-1] for t in itemtype]
    if depth > 12:
        return item
    for prop_node in _properties(node):
        names = (prop_node.attributes.get("itemprop") or "").split()
        if "itemscope" in prop_node.attributes:
            value: Any = _item(prop_node, depth + 1)
        else:
            value = _value(prop_node)
        for name in names:
            if name in item:
                existing = item[name]
                item[name] = (existing if isinstance(existing, list) else [existing]) + [value]
            else:
                item[name] = value
    return item


def _properties(scope: LexborNode) -> list[LexborNode]:
    """Descendants with itemprop whose nearest itemscope ancestor is `scope`."""
    found: list[LexborNode] = []
    stack = list(scope.iter())
    stack.reverse()
    while stack:
        node = stack.pop()
        if "itemprop" in node.attributes:
            found.append(node)
        if "itemscope" not in node.attributes:
            children = list(node.iter())
            children.reverse()
            stack.extend(children)
    return found


def _value(node: LexborNode) -> str:
    attrs = node.attributes
    if attrs.get("content") is not None:
        return (attrs.get("content") or "").strip()
    url_attr = _URL_ATTRS.get(node.tag or "")
    if url_attr and attrs.get(url_attr) is not None:
        return (attrs.get(url_attr) or "").strip()
    if node.tag in ("time", "data", "meter") and (attrs.get("datetime") or attrs.get("value")):
        return (attrs.get("datetime") or attrs.get("value") or "").strip()
    return " ".join((node.text(deep=True) or "").split())
