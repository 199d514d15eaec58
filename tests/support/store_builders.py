"""Builders for the store tests: Listings made directly (no normalizer needed)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pipelines.core.model import Listing, Occurrence
from pipelines.core.registry import Source
from pipelines.core.results import SourceResult

AS_OF = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def src(source_id: str = "assoc") -> Source:
    return Source(id=source_id, name=source_id.title(), url=f"https://{source_id}.example.org/cal",
                  format="ics", terms="public calendar", attribution=f"{source_id} calendar")


def listing(uid: str, title: str = "EMDR Consultation Group", source_id: str = "assoc",
            days: int = 7, city: str | None = "Austin", **fields) -> Listing:
    start = (AS_OF + timedelta(days=days)).replace(hour=0).isoformat()
    values = dict(id=f"{source_id}:{uid}", kind="consult_group", title=title, source_id=source_id,
                  source_url=f"https://{source_id}.example.org/cal", source_uid=uid, city=city,
                  attendance_mode="in_person", start=start,
                  occurrences=[Occurrence(start=start)], organizer="Austin EMDR Network")
    values.update(fields)
    return Listing(**values)


def result(source_id: str, items: list[Listing], ok: bool = True, **kw) -> SourceResult:
    return SourceResult(source=src(source_id), ok=ok, listings=items, fetched=1 if ok else 0,
                        raw_items=[{"uid": i.source_uid, "title": i.title} for i in items], **kw)


