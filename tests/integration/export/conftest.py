"""Fixtures for export tests: a small published snapshot with rows every filter must drop."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.export import ExportSummary, export_snapshot
from tests.support.export_samples import AS_OF, SOURCES, sample_listings
from tests.support.snapshots import Published, leak_withheld_listings, publish_listings

WITHHELD = ("zz-other", "zz-suppressed")  # kind other; opted out


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> Published:
    """The real publish of the samples, then a simulated faulty publish: the kind-other and the
    suppressed row leak back in (with a `suppressed` column), and the supervisor keeps its
    street-level address, so every defensive filter of the exporter has something to do.
    Built once per module: tests only read it (they export into their own tmp folders)."""
    folder = tmp_path_factory.mktemp("export-snapshot")
    published = publish_listings(folder / "published" / "peermap.duckdb", sample_listings(),
                                 SOURCES, as_of=AS_OF, suppressed_uids={"zz-suppressed"})
    leak_withheld_listings(published, WITHHELD, as_of=AS_OF, with_suppressed_column=True)
    return published


@pytest.fixture
def published_db(snapshot: Published) -> Path:
    return snapshot.path


@pytest.fixture
def ids(snapshot: Published) -> dict[str, str]:
    """Sample uid -> published listing id."""
    return snapshot.ids


@pytest.fixture(scope="module")
def exported(snapshot: Published, tmp_path_factory: pytest.TempPathFactory) -> ExportSummary:
    """One export per module; tests read its folder and never change it."""
    return export_snapshot(snapshot.path, tmp_path_factory.mktemp("downloads"), as_of=AS_OF)
