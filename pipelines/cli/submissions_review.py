"""What an operator sees before approving: likely duplicates already on the map (the dedup
rules against the published snapshot) and the classifier's check of the organizer's kind."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pipelines.classify import classify
from pipelines.dedup.rules import DedupIndex, DedupRecord, match_score, record_from_fields
from pipelines.ingest.listing import raw_to_listing
from pipelines.ingest.submitted import kind_disagreement
from pipelines.normalize.text import html_to_text
from pipelines.store.merge import new_listing_id
from pipelines.submissions.store import StoredSubmission
from pipelines.submissions.to_raw import SOURCE_ID, to_raw_item
from spiders.items import RawItem

REVIEW_URL = "https://peermap.invalid/suggest"  # placeholder source page for the review only


@dataclass(frozen=True)
class Duplicate:
    id: str
    title: str
    city: str
    source_id: str
    score: float


def load_published(path: Path) -> tuple[list[DedupRecord], dict[str, dict[str, str]]]:
    """Dedup records for every published listing, and a few fields to show for each."""
    if not path.exists():
        return [], {}
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        cur = con.execute("SELECT id, title, organizer, start, city, attendance_mode, "
                          "online_url, source_id, source_ids FROM listings")
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    finally:
        con.close()
    shown = {str(r["id"]): {"title": str(r["title"] or ""), "city": str(r["city"] or ""),
                            "source_id": str(r["source_id"] or "")} for r in rows}
    return [record_from_fields(r) for r in rows], shown


class Reviewer:
    def __init__(self, published: Path, as_of: datetime) -> None:
        records, self.shown = load_published(published)
        self.index = DedupIndex(records)
        self.as_of = as_of

    def raw(self, item: StoredSubmission) -> RawItem:
        return to_raw_item(item, SOURCE_ID, REVIEW_URL)

    def duplicates(self, item: StoredSubmission, limit: int = 3) -> list[Duplicate]:
        listing = raw_to_listing(self.raw(item), as_of=self.as_of)
        record = record_from_fields(listing.to_dict())
        own = new_listing_id(SOURCE_ID, f"submission-{item.id}", set())  # itself, once published
        found: dict[str, float] = {}
        for other in self.index.candidates(record):
            if other.id == own:
                continue
            score = match_score(record, other)
            if score > 0:
                found[other.id] = max(score, found.get(other.id, 0.0))
        best = sorted(found.items(), key=lambda kv: -kv[1])[:limit]
        return [Duplicate(i, self.shown.get(i, {}).get("title", ""),
                          self.shown.get(i, {}).get("city", ""),
                          self.shown.get(i, {}).get("source_id", ""), s) for i, s in best]

    def kind_check(self, item: StoredSubmission) -> str | None:
        raw = self.raw(item)
        cls = classify(raw.title, html_to_text(raw.description), organizer=raw.organizer,
                       online_url=raw.online_url, raw_mode=raw.attendance_mode,
                       is_free=raw.is_free, cost_min=raw.cost_min, cost_max=raw.cost_max,
                       default_region=raw.region)
        return kind_disagreement(raw, cls.kind)
