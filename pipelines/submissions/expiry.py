"""Freshness: an approved listing the organizer has not re-confirmed in `ttl_days` expires.

Expired submissions leave the map (they are no longer read by the crawl stage, and the store
stage suppresses their listing) but keep their whole history; a confirmation brings them back.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pipelines.submissions.store import StoredSubmission, SubmissionStore

DEFAULT_TTL_DAYS = 120


def expires_on(item: StoredSubmission, ttl_days: int) -> datetime | None:
    if item.state != "approved" or not item.confirmed_at:
        return None
    return datetime.fromisoformat(item.confirmed_at) + timedelta(days=ttl_days)


def is_due(item: StoredSubmission, now: datetime, ttl_days: int) -> bool:
    deadline = expires_on(item, ttl_days)
    return deadline is not None and deadline <= now


def expire_due(store: SubmissionStore, now: datetime, ttl_days: int) -> list[int]:
    """Mark every approved submission past its deadline expired; return their ids."""
    if ttl_days < 1:
        raise ValueError(f"submission_ttl_days must be at least 1, not {ttl_days}")
    expired = []
    for item in store.list(("approved",)):
        if is_due(item, now, ttl_days):
            store.transition(item.id, "expired", now, actor="system",
                             reason=f"not re-confirmed within {ttl_days} days")
            expired.append(item.id)
    return expired
