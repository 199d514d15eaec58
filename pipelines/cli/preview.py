"""`peermap preview`: every listing a file or URL yields, through the flow's own code path.

A local file is read and parsed; a URL is crawled by the same FeedSpider the flow runs (robots,
User-Agent, limits). Then the same ingest (normalize → classify → geocode) as the flow. Nothing is
stored and nothing is filtered: kind `other` is shown too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from pipelines.core.model import Listing
from pipelines.core.registry import Settings, Source
from pipelines.crawl.result import CrawlResult
from pipelines.geocode.batch import geocode_listings
from pipelines.geocode.chain import GeocoderChain
from pipelines.ingest.classified import classify_raw
from pipelines.ingest.listing import provisional_id
from pipelines.ingest.source import ingest_source
from spiders.formats.registry import PARSERS, detect_format, parse_document
from spiders.items import ParseContext

_URL = re.compile(r"^https?://", re.IGNORECASE)
EXTENSIONS = {".ics": "ics", ".ical": "ics", ".ifb": "ics", ".json": "tribe", ".html": "jsonld",
              ".htm": "jsonld", ".csv": "roster", ".tsv": "roster", ".xlsx": "roster"}


class PreviewError(ValueError):
    """The target cannot be previewed (missing file, unknown format); the message says why."""


@dataclass
class PreviewResult:
    format: str
    listings: list[Listing] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    events_seen: int = 0
    documents: int = 0
    bytes: int = 0
    repairs: dict[str, int] = field(default_factory=dict)  # what was mended to read the input

    @property
    def assumed_utc(self) -> int:
        return sum(listing.time_basis == "assumed_utc" for listing in self.listings)

    # listing id -> field -> why it got its value (the rule that fired)
    why: dict[str, dict[str, str]] = field(default_factory=dict)

    def explained(self, listing: Listing) -> dict:
        """The listing as JSON-ready data with a `why` field (kind, mode, audience, ...)."""
        return {**listing.to_dict(), "why": self.why.get(listing.id, {})}

    def summary(self) -> str:
        text = (
            f"{self.documents} document(s) as {self.format}: {self.events_seen} events seen, "
            f"{len(self.listings)} listings, {len(self.errors)} errors"
        )
        if self.assumed_utc:
            text += f", {self.assumed_utc} with no stated time zone (times read as UTC)"
        if self.repairs:
            kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(self.repairs.items()))
            text += f"; repaired to read it: {kinds}"
        return text

    def empty_reason(self) -> str | None:
        """One line saying why a non-empty document gave no listing; None when it gave some."""
        if self.listings or self.bytes == 0:
            return None
        first = f"; first error: {self.errors[0]}" if self.errors else ""
        return (f"no listings from {self.bytes} bytes read as {self.format} "
                f"({self.events_seen} events seen, {len(self.errors)} errors){first}")


FORMAT_HINT = ("; a homepage is not a feed: `peermap sources add URL` finds the feeds behind "
               "it, and `--format site:<name>` reads a page with a site parser "
               "(spiders/sites/<name>.py)")


def preview(
    target: str,
    *,
    fmt: str = "auto",
    as_of: datetime,
    settings: Settings,
    data_dir: Path,
    timezone: str | None = None,
    region: str | None = None,
    columns: dict[str, str] | None = None,
    fast: bool = False,
    allow_private: bool = False,
) -> PreviewResult:
    if fmt != "auto" and fmt not in PARSERS:
        raise PreviewError(f"unknown format {fmt!r}; use auto or one of {sorted(PARSERS)}")
    source = Source(
        id="preview", name="preview", url=target, format=fmt, timezone=timezone, region=region,
        columns=columns or {}, allow_private=allow_private,
    )
    if _URL.match(target):
        from pipelines.crawl.runner import crawl_sources  # Scrapy only when crawling a URL

        # One operator-watched document: parsed in this process (a worker would add ~0.9 CPU-s
        # of start-up to every try; Ctrl-C stops a runaway parse). Runs use the parse pool.
        crawl = crawl_sources([source], settings, data_dir, as_of=as_of, fast=fast,
                              overrides={"PEERMAP_PARSE_WORKERS": -1})["preview"]
        if not crawl.ok:
            reason = str(crawl.error_reason or "")
            raise PreviewError(f"could not read {target}: {reason}"
                               + (FORMAT_HINT if "cannot tell the format" in reason else ""))
        found = sorted({item.format for item in crawl.raw_items if item.format})
        used = fmt if fmt != "auto" else ("detected " + ", ".join(found) if found
                                          else "auto (nothing detected)")
    else:
        crawl, used = _parse_file(Path(target), source, as_of, settings.horizon_days)
    result = ingest_source(crawl, source, as_of=as_of, settings=settings)
    modes_before = {listing.id: str(listing.attendance_mode) for listing in result.listings}
    geocode_listings(result.listings, GeocoderChain.from_config(None), precision_cap=None)
    return PreviewResult(
        format=used, listings=result.listings, errors=result.errors,
        events_seen=crawl.events_seen, documents=crawl.documents, bytes=crawl.bytes,
        repairs=dict(crawl.repairs), why=_why(crawl, source, result.listings, modes_before),
    )


def _why(crawl: CrawlResult, source: Source, listings: list[Listing],
         modes_before: dict[str, str]) -> dict[str, dict[str, str]]:
    """Each listing's per-field explanations, from the same classification ingest used."""
    wanted = {listing.id: listing for listing in listings}
    out: dict[str, dict[str, str]] = {}
    for raw in crawl.raw_items:
        listing_id = provisional_id(raw)
        listing = wanted.get(listing_id)
        if listing is None or listing_id in out:
            continue
        why = dict(classify_raw(raw, default_region=source.region).why)
        if listing.attendance_mode != modes_before.get(listing_id):
            why["attendance_mode"] = (f"the geocoder read the location text as "
                                      f"{listing.attendance_mode} (the text said nothing)")
        out[listing_id] = why
    return out


def _parse_file(
    path: Path, source: Source, as_of: datetime, horizon_days: int
) -> tuple[CrawlResult, str]:
    try:
        body = path.read_bytes()
    except FileNotFoundError as exc:
        raise PreviewError(f"no such file: {path}") from exc
    except IsADirectoryError as exc:
        raise PreviewError(f"{path} is a folder; preview one file at a time") from exc
    fmt = source.format
    if fmt == "auto":
        # Content first; an empty or broken file still goes to the parser its name promises,
        # which reports a clear, counted error instead of guessing nothing.
        fmt = detect_format(body, path.name, None) or EXTENSIONS.get(path.suffix.lower(), "")
        if fmt not in PARSERS:
            raise PreviewError(
                f"could not tell the format of {path}; pass --format one of {sorted(PARSERS)}"
                + FORMAT_HINT)
    ctx = ParseContext(
        source_id=source.id, url=path.resolve().as_uri(), as_of=as_of,
        default_timezone=source.timezone, default_region=source.region,
        horizon_days=horizon_days, columns=dict(source.columns),
    )
    parsed = parse_document(fmt, body, ctx)
    crawl = CrawlResult(
        source_id=source.id, raw_items=parsed.items, documents=1, bytes=len(body),
        events_seen=parsed.events_seen, errors=list(parsed.errors), repairs=dict(parsed.repairs),
    )
    return crawl, fmt
