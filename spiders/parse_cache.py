"""Parse once per content: a document's `ParseResult` kept by (content hash, format, parser
version, the context's as_of-free parts), so a 304 or an unchanged body is not parsed again.

Only the ics parser reads `as_of` (it expands recurrences over [as_of - 1 day, as_of + horizon)).
It is run once per WINDOW_DAYS-long epoch over a window that covers every as_of in the epoch,
records each expanded occurrence's span, and every caller gets the result trimmed to its own
window with recurring_ical_events' own inclusion test, so the output equals a direct parse
(tests/unit/spiders/test_parse_cache.py compares them). Site parsers may read the clock in other
ways and are never cached. Entries are zlib-compressed JSON (no pickle): one file per key.
"""

from __future__ import annotations

import hashlib
import json
import os
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import asdict, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from recurring_ical_events.util import time_span_contains_event

from spiders.common.code_version import code_fingerprint
from spiders.formats.registry import MAX_ITEMS_PER_DOCUMENT, parse_document
from spiders.items import ParseContext, ParseResult, RawItem

# The cache format's version, then the parsers' own code: editing any parser or shared rule keys
# every old entry out (a hand-bumped number alone is forgotten).
PARSER_VERSION = "2-" + code_fingerprint("spiders.formats", "spiders.sites", "spiders.common",
                                         "spiders.items")
WINDOW_DAYS = 7
AS_OF_FREE = frozenset({"tribe", "jsonld", "roster"})
WINDOWED = frozenset({"ics"})
AsyncParse = Callable[[str, bytes, ParseContext, int], Awaitable[ParseResult]]
_EPOCH = datetime(1970, 1, 5, tzinfo=UTC)  # a Monday: epochs run Monday to Monday, UTC


def cacheable(fmt: str, ctx: ParseContext) -> bool:
    if fmt in AS_OF_FREE:
        return True
    offset = ctx.as_of.utcoffset()
    return fmt in WINDOWED and offset is not None and not offset  # spans are compared in UTC


def parse_cached(fmt: str, body: bytes, ctx: ParseContext, folder: Path | None
                 ) -> tuple[ParseResult, bool]:
    """(result, reused): the cached parse for these bytes, else a fresh one (then stored)."""
    entry = CacheEntry(fmt, body, ctx, folder)
    stored = entry.lookup()
    if stored is not None:
        return stored, True
    return entry.keep(parse_document(fmt, body, entry.parse_context)), False


async def parse_cached_async(fmt: str, body: bytes, ctx: ParseContext, folder: Path | None,
                             parse: AsyncParse) -> tuple[ParseResult, bool]:
    """`parse_cached` with the parse itself awaited (spiders/parse_pool.py); a cached document
    never reaches `parse`."""
    entry = CacheEntry(fmt, body, ctx, folder)
    stored = entry.lookup()
    if stored is not None:
        return stored, True
    return entry.keep(await parse(fmt, body, entry.parse_context, MAX_ITEMS_PER_DOCUMENT)), False


class CacheEntry:
    """One document's place in the cache: what to parse it with (`parse_context`, wider than
    the caller's for ics), `lookup` the stored parse, `keep` a fresh one."""

    def __init__(self, fmt: str, body: bytes, ctx: ParseContext, folder: Path | None) -> None:
        self.fmt, self.ctx = fmt, ctx
        use = folder is not None and cacheable(fmt, ctx)
        self.parse_context = _wide_context(fmt, ctx) if use else ctx
        self.path = folder / f"{_key(fmt, body, self.parse_context)}.json.z" if (
            use and folder is not None) else None

    def lookup(self) -> ParseResult | None:
        stored = _read(self.path) if self.path is not None else None
        return self._trimmed(stored) if stored is not None else None

    def keep(self, result: ParseResult) -> ParseResult:
        if self.path is None:
            return result
        _write(self.path, result)
        return self._trimmed(result)

    def _trimmed(self, stored: ParseResult) -> ParseResult:
        return _trim(stored, self.ctx) if self.fmt in WINDOWED else stored


def _wide_context(fmt: str, ctx: ParseContext) -> ParseContext:
    if fmt not in WINDOWED:
        return ctx
    epoch = _EPOCH + timedelta(days=WINDOW_DAYS * ((ctx.as_of - _EPOCH).days // WINDOW_DAYS))
    return replace(ctx, as_of=epoch, horizon_days=ctx.horizon_days + WINDOW_DAYS)


def _key(fmt: str, body: bytes, ctx: ParseContext) -> str:
    context = {"fmt": fmt, "version": PARSER_VERSION, "source_id": ctx.source_id, "url": ctx.url,
               "tz": ctx.default_timezone, "region": ctx.default_region,
               "columns": sorted(ctx.columns.items()), "content_type": ctx.content_type,
               "as_of": ctx.as_of.isoformat() if fmt in WINDOWED else None,
               "horizon": ctx.horizon_days if fmt in WINDOWED else None}
    digest = hashlib.blake2b(body, digest_size=16)
    digest.update(json.dumps(context, sort_keys=True).encode())
    return digest.hexdigest()


def _trim(stored: ParseResult, ctx: ParseContext) -> ParseResult:
    """Keep each expanded series' occurrences that recurring_ical_events would have returned
    for [as_of - 1 day, as_of + horizon); everything else is window-independent."""
    start = ctx.as_of - timedelta(days=1)
    stop = ctx.as_of + timedelta(days=ctx.horizon_days)
    items = []
    for index, item in enumerate(stored.items):
        spans = stored.occurrence_spans.get(index)
        if spans is not None:
            kept = [occ for occ, (s, e) in zip(item.occurrences, spans, strict=True)
                    if time_span_contains_event(start, stop, datetime.fromtimestamp(s, UTC),
                                                datetime.fromtimestamp(e, UTC))]
            item = replace(item, occurrences=kept)
        items.append(item)
    return replace(stored, items=items, occurrence_spans={})


def _read(path: Path) -> ParseResult | None:
    try:
        data: dict[str, Any] = json.loads(zlib.decompress(path.read_bytes()))
        return ParseResult(
            items=[RawItem.from_dict(d) for d in data["items"]], errors=list(data["errors"]),
            next_urls=list(data["next_urls"]), events_seen=int(data["events_seen"]),
            occurrence_spans={int(k): [(float(s), float(e)) for s, e in v]
                              for k, v in data["occurrence_spans"].items()},
            repairs={str(k): int(v) for k, v in data.get("repairs", {}).items()})
    except (OSError, ValueError, KeyError, TypeError, zlib.error):
        return None  # missing or unreadable: parse again


def _write(path: Path, result: ParseResult) -> None:
    payload = json.dumps(asdict(result), ensure_ascii=False, default=str).encode()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(zlib.compress(payload, 1))
        os.replace(tmp, path)
    except OSError:
        pass  # a full or read-only disk costs a re-parse next time, nothing else
