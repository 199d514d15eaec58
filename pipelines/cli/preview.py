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
from pipelines.crawl.runner import CrawlResult, crawl_sources
from pipelines.geocode import GeocoderChain
from pipelines.geocode.batch import geocode_listings
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

    def summary(self) -> str:
        return (
            f"{self.documents} document(s) as {self.format}: {self.events_seen} events seen, "
            f"{len(self.listings)} listings, {len(self.errors)} errors"
        )


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
        crawl = crawl_sources([source], settings, data_dir, as_of=as_of, fast=fast)["preview"]
        if not crawl.ok:
            raise PreviewError(f"could not read {target}: {crawl.error_reason}")
        used = fmt if fmt != "auto" else "auto-detected"
    else:
        crawl, used = _parse_file(Path(target), source, as_of, settings.horizon_days)
    result = ingest_source(crawl, source, as_of=as_of, settings=settings)
    geocode_listings(result.listings, GeocoderChain.from_config(None), precision_cap=None)
    return PreviewResult(
        format=used, listings=result.listings, errors=result.errors,
        events_seen=crawl.events_seen, documents=crawl.documents,
    )


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
            )
    ctx = ParseContext(
        source_id=source.id, url=path.resolve().as_uri(), as_of=as_of,
        default_timezone=source.timezone, default_region=source.region,
        horizon_days=horizon_days, columns=dict(source.columns),
    )
    parsed = parse_document(fmt, body, ctx)
    crawl = CrawlResult(
        source_id=source.id, raw_items=parsed.items, documents=1, bytes=len(body),
        events_seen=parsed.events_seen, errors=list(parsed.errors),
    )
    return crawl, fmt
