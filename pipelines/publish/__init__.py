"""Publish: the store's visible listings as one read-only snapshot file, swapped in atomically."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from pipelines.core.results import PublishSummary
from pipelines.publish.snapshot import publish
from pipelines.store import Store


def publish_store(store: Store, dest: str | Path, as_of: datetime,
                  published_at: datetime | None = None) -> PublishSummary:
    """Write the published snapshot (docs/data-model.md) of `store` atomically to `dest`."""
    cutoff = as_of - timedelta(days=store.grace_days)
    return publish(store.con, Path(dest), as_of, cutoff, store.schema_version,
                   published_at or as_of)


__all__ = ["publish_store"]
