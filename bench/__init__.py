"""Benchmarks (not packaged): refresh, re-run, ingest and dashboard queries over a synthetic web.

`python -m bench` (make bench) writes docs/benchmarks.md.
"""
