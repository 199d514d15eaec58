"""Deterministic, HTML-safe JSON bytes shared by the GeoJSON, JSON-LD and datapackage writers."""

from __future__ import annotations

import json
from typing import Any


def dumps(obj: Any, *, indent: int | None = None) -> bytes:
    """UTF-8 JSON with insertion-ordered keys; `<`, `>`, `&` as \\u escapes so scraped text can
    never close a <script> block when the file is embedded in a page."""
    text = json.dumps(obj, ensure_ascii=False, allow_nan=False, indent=indent,
                      separators=(",", ": ") if indent else (",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    # U+2028/2029 are legal JSON but break JavaScript string literals.
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return (text + "\n").encode("utf-8")
