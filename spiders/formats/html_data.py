"""Structured data out of HTML: JSON-LD script blocks (with repair) and schema.org microdata.

`jsonld_blocks` returns the parsed JSON of every `application/ld+json` script plus an error
string for each script that could not be recovered. `microdata_items` returns top-level itemscope
elements as JSON-LD-like dicts (`@type`, properties, nested items as dicts).
"""

from __future__ import annotations

import json
import re
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_URL_ATTRS = {"a": "href", "link": "href", "area": "href", "img": "src", "audio": "src",
              "video": "src", "source": "src", "iframe": "src", "embed": "src", "object": "data"}
_MAX_ITEMS = 2000


def jsonld_blocks(tree: LexborHTMLParser) -> tuple[list[Any], list[str]]:
    blocks: list[Any] = []
    errors: list[str] = []
    for index, script in enumerate(tree.css("script")):
        kind = (script.attributes.get("type") or "").strip().lower()
        if kind.split(";")[0].strip() != "application/ld+json":
            continue
        text = script.text(deep=True) or ""
        if not text.strip():
            continue
        data, problem = load_lenient(text)
        if problem:
            errors.append(f"jsonld: script #{index + 1} is not valid JSON and could not be "
                          f"recovered ({problem})")
        else:
            blocks.append(data)
    return blocks, errors


def load_lenient(text: str) -> tuple[Any, str | None]:
    """Parse JSON the way browsers' users wish it were written; (data, None) or (None, why)."""
    try:
        return json.loads(text), None
    except (json.JSONDecodeError, RecursionError) as exc:
        first_error = str(exc)
    cleaned = text.strip()
    cleaned = re.sub(r"^\s*(<!--|<!\[CDATA\[)", "", cleaned)
    cleaned = re.sub(r"(-->|\]\]>)\s*$", "", cleaned).strip()
    cleaned = _strip_js_comments(cleaned)
    cleaned = _TRAILING_COMMA.sub(r"\1", cleaned)
    decoder = json.JSONDecoder(strict=False)  # strict=False: raw control characters in strings
    for candidate in (cleaned, _CONTROL.sub(" ", cleaned)):
        try:
            data, _end = decoder.raw_decode(candidate)  # ignores trailing garbage
            return data, None
        except (json.JSONDecodeError, RecursionError):
            continue
    return None, first_error


def _strip_js_comments(text: str) -> str:
    """Remove // and /* */ comments that sit outside JSON strings."""
    out: list[str] = []
    i, n = 0, len(text)
    in_string = False
    while i < n:
        ch = text[i]
        if in_string:
            out.append(ch)
            if ch == "\\" and i + 1 < n:
                out.append(text[i + 1])
                i += 2
                continue
            if ch == '"':
                in_string = False
            i += 1
            continue
        if ch == '"':
            in_string = True
            out.append(ch)
            i += 1
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end == -1 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end == -1 else end + 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


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
