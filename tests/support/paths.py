"""Where things are, for every test: the repository, fixtures, shared real-world data."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TESTS = REPO / "tests"
FIXTURES = TESTS / "fixtures"
DATA = TESTS / "data"
REALWORLD = REPO.parent / "shared" / "realworld"  # read in place, never copied (shared/README)
DEMO_REGISTRY = REPO / "demo" / "sources.toml"
DASHBOARD = REPO / "dashboard"
