"""Listings suggested by organizers: the form's model and validation, the SQLite submission
store (WAL), moderation, expiry, and the conversion of approved rows to `RawItem`s so they go
through the same ingest → geocode → dedup → store → publish → export path as crawled data.

This stage sits right after `core`: the dashboard may write here (never to the flow's DuckDB or
the published snapshot) and the crawl stage reads approved rows from here.
"""
