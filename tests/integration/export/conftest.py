"""Fixtures for export tests: a small published snapshot with rows every filter must drop."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.export import ExportSummary, export_snapshot
from tests.support.export_samples import AS_OF, SOURCES, sample_listings
from tests.support.export_snapshot import build_snapshot


@pytest.fixture
def published_db(tmp_path: Path) -> Path:
    """A snapshot that (wrongly) still holds a kind-other row, a suppressed row and a
    street-level supervisor address, so every defensive filter has something to do."""
    return build_snapshot(tmp_path / "published" / "peermap.duckdb", sample_listings(), SOURCES,
                          as_of=AS_OF, suppressed_ids={"zz-suppressed"})


@pytest.fixture
def exported(published_db: Path, tmp_path: Path) -> ExportSummary:
    return export_snapshot(published_db, tmp_path / "downloads", as_of=AS_OF)
