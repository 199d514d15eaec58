-- Schema version 7: whether a run's store commit reached the published snapshot.
-- NULL = committed but not (yet) published (publish failed: read-only or full published/);
-- the next successful publish republishes the whole store and stamps every such run.
ALTER TABLE crawl_runs ADD COLUMN published_at TIMESTAMPTZ;
UPDATE crawl_runs SET published_at = finished_at;
