"""`peermap bench`: refresh, re-run, ingest and dashboard-query benchmarks over a synthetic web."""
