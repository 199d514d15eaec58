"""One event, one listing per page: merge the JSON-LD, microdata and RDFa copies of an event.

Pages often describe one event twice (a JSON-LD script and microdata around the visible
text). Two items are copies when their starts give the same wall-clock minute (offsets equal,
or one of them floating) and either their normalized titles agree, their urls agree, or one of
them has no title. The copies become one item, field by field, the richest value winning:
a stated value over none, a start with an offset over a floating one, the longer text, the
union of lists. The first copy's identity (uid) is kept, so listing ids stay stable.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import datetime
from typing import Any

from spiders.common.dates import parse_iso
from spiders.items import RawItem

UNTITLED = "(untitled)"
_SPACE = re.compile(r"\s+")
_OFFSET = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})$", re.IGNORECASE)
# Decided by the merge itself, not by "richest value".
_KEEP_FIRST = frozenset({"source_id", "format", "source_url", "uid", "all_day", "extra",
                         "start", "end", "lat", "lon", "status"})
_CALLED_OFF = re.compile(r"cancel|postpon|resched", re.IGNORECASE)


def merge_copies(items: list[RawItem]) -> tuple[list[RawItem], int]:
    """(items with copies merged, in first-seen order; how many copies were folded in)."""
    kept: list[RawItem] = []
    by_minute: dict[str, list[RawItem]] = {}  # candidates share a wall-clock minute
    merged = 0
    for item in items:
        key = _start_key(item.start)
        if key is None:
            kept.append(item)
            continue
        bucket = by_minute.setdefault(key[0], [])
        twin = next((k for k in bucket if are_copies(k, item)), None)
        if twin is None:
            kept.append(item)
            bucket.append(item)
            continue
        merge_into(twin, item)
        merged += 1
    return kept, merged


def _title_key(title: str | None) -> str | None:
    if not title or title == UNTITLED:
        return None
    return _SPACE.sub(" ", title).strip().casefold()


def _url_key(url: str | None) -> str | None:
    return url.split("#")[0].rstrip("/").casefold() if url else None


def _start_key(start: str | None) -> tuple[str, str | None] | None:
    """(wall-clock minute or date, UTC offset or None) of a start."""
    parsed = parse_iso(start)
    if parsed is None:
        return None
    if not isinstance(parsed, datetime):
        return parsed.isoformat(), None
    offset = parsed.utcoffset()
    return parsed.strftime("%Y-%m-%dT%H:%M"), str(offset) if offset is not None else None


def are_copies(a: RawItem, b: RawItem) -> bool:
    start_a, start_b = _start_key(a.start), _start_key(b.start)
    if start_a is None or start_b is None or start_a[0] != start_b[0]:
        return False
    if start_a[1] is not None and start_b[1] is not None and start_a[1] != start_b[1]:
        return False
    title_a, title_b = _title_key(a.title), _title_key(b.title)
    if title_a and title_b and title_a == title_b:
        return True
    url_a, url_b = _url_key(a.url), _url_key(b.url)
    if url_a and url_b:
        return url_a == url_b
    return title_a is None or title_b is None


def _richer(current: Any, other: Any) -> Any:
    if current in (None, "", UNTITLED):
        return other if other not in (None, "") else current
    if isinstance(current, str) and isinstance(other, str) and len(other) > len(current):
        return other
    if isinstance(current, list) and isinstance(other, list):
        return current + [v for v in other if v not in current]
    return current


def _richer_time(current: str | None, other: str | None) -> str | None:
    if not current:
        return other
    if other and not _OFFSET.search(current) and _OFFSET.search(other):
        return other  # the copy that states its zone
    return current


def merge_into(target: RawItem, copy: RawItem) -> None:
    """Fold `copy` into `target` in place, field by field (the richest value wins)."""
    for spec in dataclasses.fields(RawItem):
        if spec.name in _KEEP_FIRST:
            continue
        setattr(target, spec.name, _richer(getattr(target, spec.name),
                                           getattr(copy, spec.name)))
    start = _richer_time(target.start, copy.start)
    if start is not target.start:
        target.start, target.end = start, copy.end or target.end
    else:
        target.end = target.end or copy.end
    target.all_day = bool(target.start and "T" not in target.start)
    if target.lat is None or target.lon is None:
        target.lat, target.lon = copy.lat, copy.lon
    if copy.status and (not target.status or (_CALLED_OFF.search(copy.status)
                                              and not _CALLED_OFF.search(target.status))):
        target.status = copy.status  # a copy that says "cancelled" is not outvoted
    target.uid = target.uid or copy.uid
    for key, value in copy.extra.items():
        target.extra.setdefault(key, value)
    target.extra["copies"] = int(target.extra.get("copies", 1)) + 1
