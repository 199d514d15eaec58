"""Registry sources with `format = "submissions"` read the local submission store, not HTTP.

Called from `crawl_sources` before any Scrapy crawl: expired approvals are marked first (the
flow is the clock edge: `as_of`), then every approved submission becomes one RawItem. A missing
store is an empty source, not a failure (a fresh deployment has no suggestions yet).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pipelines.core.config import Paths
from pipelines.core.registry import Settings, Source
from pipelines.submissions.expiry import expire_due
from pipelines.submissions.store import SubmissionStore
from pipelines.submissions.to_raw import FORMAT, to_raw_item

if TYPE_CHECKING:
    from pipelines.crawl.runner import CrawlResult

log = logging.getLogger(__name__)


def read_submissions(source: Source, store_path: Path, *, as_of: datetime, ttl_days: int
                     ) -> CrawlResult:
    from pipelines.crawl.runner import CrawlResult

    result = CrawlResult(source_id=source.id)
    started = time.monotonic()
    if not store_path.exists():
        result.duration_s = time.monotonic() - started
        return result
    try:
        with SubmissionStore(store_path) as store:
            expired = expire_due(store, as_of, ttl_days)
            approved = store.list(("approved",))
            for item in approved:
                try:
                    result.raw_items.append(to_raw_item(item, source.id, source.url))
                except (ValueError, KeyError) as exc:
                    result.errors.append(f"submission #{item.id}: {type(exc).__name__}: {exc}")
    except Exception as exc:  # a broken store fails this source only, never the run
        result.fail(f"submission store {store_path.name}: {type(exc).__name__}: {exc}")
        return result
    result.documents = 1
    result.events_seen = len(approved)
    if expired:  # routine, not an error: the history and `submissions list` show it
        log.info("submissions expired (not re-confirmed in %d days): %s", ttl_days,
                 ", ".join(f"#{i}" for i in expired))
    result.duration_s = time.monotonic() - started
    return result


def crawl_submission_sources(
    sources: Iterable[Source], settings: Settings, data_dir: Path, *, as_of: datetime,
    on_done: Callable[[CrawlResult], None] | None = None,
) -> tuple[dict[str, CrawlResult], list[Source]]:
    """Results for the submission-store sources, and the sources left for the HTTP crawl."""
    done: dict[str, CrawlResult] = {}
    rest: list[Source] = []
    store_path = Paths(data_dir).submissions
    for source in sources:
        if source.format != FORMAT:
            rest.append(source)
            continue
        done[source.id] = read_submissions(source, store_path, as_of=as_of,
                                           ttl_days=settings.submission_ttl_days)
        if on_done:
            on_done(done[source.id])
    return done, rest
