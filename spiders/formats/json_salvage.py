"""Read the JSON that real pages put in `application/ld+json` scripts, and count every repair.

`salvage_json(text)` returns a `Salvage`: the data (a list when several objects were
concatenated), the repairs made by kind, and why it failed when nothing could be read. Each
repair has one reading and never changes a value the author wrote correctly:

- `html_comment` — `<!-- … -->` or `<![CDATA[ … ]]>` (also `//<![CDATA[`) around the script;
- `js_comment` — `//` and `/* */` comments outside strings;
- `php_escape` — `\\'` inside a string (PHP's `addslashes`), read as `'`;
- `raw_control` — an unescaped newline, tab or other control character inside a string;
- `trailing_comma` — a comma before `}` or `]`;
- `concatenated` — one more object after the first (`{…}{…}` or `{…};{…}`);
- `trailing_text` — text after the last object that is not JSON, dropped.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

REPAIR_KINDS = ("html_comment", "js_comment", "php_escape", "raw_control", "trailing_comma",
                "concatenated", "trailing_text")
_WRAP_START = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)")
_WRAP_END = re.compile(r"(?://\s*)?(?:-->|\]\]>)\s*$")
_CONTROL_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_SEPARATOR = re.compile(r"[\s;,]*")
_MAX_OBJECTS = 500


@dataclass
class Salvage:
    data: Any = None
    repairs: Counter[str] = field(default_factory=Counter)
    problem: str | None = None  # set when nothing could be read

    def describe(self) -> str:
        """`2 php_escape, 1 trailing_comma` (kinds in a fixed order)."""
        return ", ".join(f"{self.repairs[k]} {k}" for k in REPAIR_KINDS if self.repairs[k])


def salvage_json(text: str) -> Salvage:
    try:
        return Salvage(data=json.loads(text))
    except (json.JSONDecodeError, RecursionError) as exc:
        first_error = str(exc)
    repairs: Counter[str] = Counter()
    cleaned = text.strip()
    unwrapped = _WRAP_END.sub("", _WRAP_START.sub("", cleaned)).strip()
    if unwrapped != cleaned:
        repairs["html_comment"] += 1
    cleaned = _scan(unwrapped, repairs)
    try:
        values = _decode_all(cleaned, repairs)
    except (json.JSONDecodeError, RecursionError):
        return Salvage(problem=first_error)
    data = values[0] if len(values) == 1 else values
    return Salvage(data=data, repairs=+repairs)


def _decode_all(text: str, repairs: Counter[str]) -> list[Any]:
    """Every JSON value in `text`, one after another; raises when the first cannot be read."""
    decoder = json.JSONDecoder()
    values: list[Any] = []
    position = _SEPARATOR.match(text, 0)
    index = position.end() if position else 0
    while index < len(text) and len(values) < _MAX_OBJECTS:
        try:
            value, index = decoder.raw_decode(text, index)
        except json.JSONDecodeError:
            if not values:
                raise
            repairs["trailing_text"] += 1
            break
        values.append(value)
        gap = _SEPARATOR.match(text, index)
        index = gap.end() if gap else index
    if not values:
        raise json.JSONDecodeError("no JSON value", text, 0)
    repairs["concatenated"] += len(values) - 1
    return values


def _scan(text: str, repairs: Counter[str]) -> str:
    """One pass: fix strings (\\' and raw control characters), drop comments and trailing
    commas outside strings."""
    out: list[str] = []
    i, n = 0, len(text)
    in_string = False
    while i < n:
        ch = text[i]
        if in_string:
            if ch == "\\" and i + 1 < n:
                if text[i + 1] == "'":
                    out.append("'")
                    repairs["php_escape"] += 1
                else:
                    out.append(text[i:i + 2])
                i += 2
                continue
            if ch == '"':
                in_string = False
                out.append(ch)
            elif ch < " ":
                out.append(_CONTROL_ESCAPES.get(ch, f"\\u{ord(ch):04x}"))
                repairs["raw_control"] += 1
            else:
                out.append(ch)
            i += 1
            continue
        if ch == '"':
            in_string = True
            out.append(ch)
            i += 1
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end == -1 else end
            repairs["js_comment"] += 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end == -1 else end + 2
            repairs["js_comment"] += 1
        elif ch < " " and ch not in "\t\r\n":
            repairs["raw_control"] += 1  # not even whitespace to JSON
            i += 1
        elif ch == "," and _closes_next(text, i + 1):
            repairs["trailing_comma"] += 1
            i += 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _closes_next(text: str, start: int) -> bool:
    """True when the next character after whitespace and comments closes an object or array."""
    j, n = start, len(text)
    while j < n:
        if text[j] in " \t\r\n":
            j += 1
        elif text.startswith("//", j):
            end = text.find("\n", j)
            j = n if end == -1 else end
        elif text.startswith("/*", j):
            end = text.find("*/", j + 2)
            j = n if end == -1 else end + 2
        else:
            return text[j] in "}]"
    return False
