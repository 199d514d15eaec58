"""Ingest: each raw item becomes a validated `Listing` in one pass — normalize's rules (text,
times, zones, addresses, recurrence), then classify's (kind, mode, cost, audience, status).

One pass, not two, because classification feeds the listing it classifies (a cancelled series
cancels its occurrences; an online listing drops its coordinates).
"""
