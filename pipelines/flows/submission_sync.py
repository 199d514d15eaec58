"""Keep the store's suppressions in step with the submission store, once per run.

A submission that was removed (by its organizer or an operator), expired or rejected must leave
the map at this publish, not after the missing-listing grace period: its listing gets a
`listing_id` suppression whose reason names the submission. A confirmed (approved again)
submission has that suppression lifted. Removal is final, so its rule is never lifted.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pipelines.store import Store
from pipelines.submissions.store import SubmissionStore

WITHDRAWN = {"removed": "removed", "expired": "expired (not re-confirmed)",
             "rejected": "rejected by an operator"}


def _reason_prefix(sid: int) -> str:
    return f"submission #{sid}:"


def sync_submission_suppressions(store: Store, submissions_path: Path, source_ids: list[str],
                                 as_of: datetime) -> dict[str, int]:
    """Add/lift suppressions for submissions' listings; return {'added': n, 'lifted': n}."""
    counts = {"added": 0, "lifted": 0}
    if not source_ids or not submissions_path.exists():
        return counts
    marks = ",".join("?" for _ in source_ids)
    links = store.con.execute(
        f"SELECT source_uid, listing_id FROM listing_sources WHERE source_id IN ({marks})",  # noqa: S608
        source_ids).fetchall()
    listing_of: dict[str, set[str]] = {}
    for uid, listing_id in links:
        listing_of.setdefault(str(uid), set()).add(str(listing_id))
    existing = {(r["value"]): str(r.get("reason") or "") for r in store.suppressions()
                if r["kind"] == "listing_id"}
    with SubmissionStore(submissions_path) as subs:
        items = subs.list()
    for item in items:
        for listing_id in sorted(listing_of.get(f"submission-{item.id}", ())):
            reason = existing.get(listing_id)
            ours = reason is not None and reason.startswith(_reason_prefix(item.id))
            if item.state in WITHDRAWN and reason is None:
                store.suppress("listing_id", listing_id,
                               f"{_reason_prefix(item.id)} {WITHDRAWN[item.state]}", as_of)
                counts["added"] += 1
            elif item.state == "approved" and ours and "removed" not in (reason or ""):
                store.unsuppress("listing_id", listing_id)
                counts["lifted"] += 1
    return counts
