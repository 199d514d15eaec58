"""What an operator sees before approving: likely duplicates already on the map (the dedup
rules against the published snapshot) and the classifier's check of the organizer's kind.

It runs after each publish (the flow's `review` step) and from `peermap submissions list/show`,
and saves its findings into the submission store (pipelines/submissions/reviews.py), where the
dashboard's operator page reads them: the dashboard itself never runs the classifier or dedup.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pipelines.dedup.rules import DedupIndex, DedupRecord, match_score, record_from_fields
from pipelines.ingest.classified import classify_raw
from pipelines.ingest.listing import raw_to_listing
from pipelines.ingest.submitted import kind_disagreement
from pipelines.store.merge import new_listing_id
from pipelines.submissions.reviews import Duplicate, Review, save_reviews
from pipelines.submissions.store import StoredSubmission, SubmissionStore, iso_time
from pipelines.submissions.to_raw import SOURCE_ID, to_raw_item
from spiders.items import RawItem

REVIEW_URL = "https://peermap.invalid/suggest"  # placeholder source page for the review only
REVIEWED_STATES = ("pending", "approved")  # before approving, and the live listings' check

__all__ = ["Duplicate", "Reviewer", "review_submissions"]


def load_published(path: Path) -> tuple[list[DedupRecord], dict[str, dict[str, str]], str]:
    """Dedup records for every published listing, a few fields to show for each, and the
    snapshot's published_at ("" when there is no snapshot yet)."""
    if not path.exists():
        return [], {}, ""
    import duckdb

    con = duckdb.connect(str(path), read_only=True)
    try:
        cur = con.execute("SELECT id, title, organizer, start, city, attendance_mode, "
                          "online_url, source_id, source_ids FROM listings")
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
        meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    finally:
        con.close()
    shown = {str(r["id"]): {"title": str(r["title"] or ""), "city": str(r["city"] or ""),
                            "source_id": str(r["source_id"] or "")} for r in rows}
    return [record_from_fields(r) for r in rows], shown, str(meta.get("published_at") or "")


class Reviewer:
    def __init__(self, published: Path, as_of: datetime) -> None:
        records, self.shown, self.snapshot = load_published(published)
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

    def classified_kind(self, item: StoredSubmission) -> str:
        """The kind the ingest stage's classifier reads from the text (the same call)."""
        return classify_raw(self.raw(item)).kind

    def kind_check(self, item: StoredSubmission) -> str | None:
        return kind_disagreement(self.raw(item), self.classified_kind(item))

    def review(self, item: StoredSubmission) -> Review:
        raw = self.raw(item)
        kind = self.classified_kind(item)
        return Review(submission_id=item.id, checked_at=iso_time(self.as_of),
                      checked_version=item.updated_at, snapshot=self.snapshot,
                      classified_kind=kind, kind_flag=kind_disagreement(raw, kind),
                      duplicates=self.duplicates(item))

    def save(self, store: SubmissionStore, items: list[StoredSubmission]) -> list[Review]:
        """Review the live items among `items` and save their reviews for the operator page."""
        reviews = [self.review(i) for i in items if i.state in REVIEWED_STATES]
        if reviews:
            save_reviews(store, reviews)
        return reviews


def review_submissions(submissions: Path, published: Path, as_of: datetime) -> list[Review]:
    """Check every pending and approved suggestion against the published snapshot and save the
    reviews (the flow's step after publish). A missing submission store is no work."""
    if not submissions.exists():
        return []
    reviewer = Reviewer(published, as_of)
    with SubmissionStore(submissions) as store:
        return reviewer.save(store, store.list(REVIEWED_STATES))
