"""The pipeline's checks of each suggestion, kept in the submission store for the operator page.

The classifier and the dedup rules are pipeline stages; the dashboard does not run them
(docs/architecture.md). Each run (after publish) and every `peermap submissions list`/`show`
check the live suggestions and save one `Review` per submission here: the classifier's kind and
its disagreement flag, and the likely duplicates already in the published snapshot. The page
reads them back and says when a review is missing or older than the submission's last edit.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from pipelines.submissions.store import StoredSubmission, SubmissionStore


@dataclass(frozen=True)
class Duplicate:
    id: str
    title: str
    city: str
    source_id: str
    score: float


@dataclass(frozen=True)
class Review:
    submission_id: int
    checked_at: str
    checked_version: str  # the submission's updated_at at check time
    snapshot: str  # published_at of the snapshot compared against ("" when none)
    classified_kind: str
    kind_flag: str | None
    duplicates: list[Duplicate] = field(default_factory=list)

    def is_current(self, item: StoredSubmission) -> bool:
        """False when the submission changed (an edit, a move) after it was checked."""
        return self.checked_version == item.updated_at


def save_reviews(store: SubmissionStore, reviews: list[Review]) -> None:
    """Replace the reviews of these submissions, in one transaction."""
    with store.write_transaction() as con:
        con.executemany(
            "INSERT OR REPLACE INTO reviews (submission_id, checked_at, checked_version, "
            "snapshot, classified_kind, kind_flag, duplicates) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [[r.submission_id, r.checked_at, r.checked_version, r.snapshot, r.classified_kind,
              r.kind_flag, json.dumps([asdict(d) for d in r.duplicates])] for r in reviews])


def load_reviews(store: SubmissionStore) -> dict[int, Review]:
    rows = store.con.execute("SELECT * FROM reviews").fetchall()
    return {int(r["submission_id"]): Review(
        submission_id=int(r["submission_id"]), checked_at=str(r["checked_at"]),
        checked_version=str(r["checked_version"]), snapshot=str(r["snapshot"]),
        classified_kind=str(r["classified_kind"]), kind_flag=r["kind_flag"],
        duplicates=[Duplicate(**d) for d in json.loads(r["duplicates"])]) for r in rows}
