"""Storage faults are found before crawling, with a clear message and a recovery; a publish
that fails after the store committed leaves the run marked unpublished until the next one."""

from __future__ import annotations

import os
import shutil
import time
from collections import namedtuple
from pathlib import Path

import pytest

from pipelines.cli.run import last_run_report
from pipelines.core.config import Paths
from pipelines.core.registry import Registry, Settings
from pipelines.flows.preflight import PreflightError, preflight
from pipelines.flows.stages import publish_stage, store_stage
from pipelines.store import Store
from tests.support.store_builders import AS_OF, listing, result, src

REGISTRY = Registry(path=None, settings=Settings(), sources=(src("assoc"),))


@pytest.mark.issue19(6)
def test_a_data_dir_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(PreflightError, match="not writable") as err:
        preflight(Paths(blocker))
    assert str(blocker) in str(err.value) and "\n" not in str(err.value)


@pytest.mark.issue19(6)
def test_a_full_disk_is_found_before_crawling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                              ) -> None:
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _: usage(10**9, 10**9 - 10**6, 10**6))
    with pytest.raises(PreflightError, match="only 0 MB free"):
        preflight(Paths(tmp_path))


@pytest.mark.issue19(6)
def test_a_garbage_store_is_detected_with_a_recovery(tmp_path: Path) -> None:
    paths = Paths(tmp_path)
    paths.store.write_bytes(b"this is not a database" * 100)
    with pytest.raises(PreflightError, match="unreadable") as err:
        preflight(paths)
    assert f"mv {paths.store} {paths.store}.corrupt" in str(err.value)


@pytest.mark.issue19(6)
def test_a_truncated_snapshot_is_moved_aside_and_noted(tmp_path: Path) -> None:
    paths = Paths(tmp_path).ensure()
    paths.published.write_bytes(b"DUCK" + b"\0" * 100)
    report = preflight(paths)
    assert not paths.published.exists()
    assert any("republishes" in note for note in report.notes)
    assert list(paths.published.parent.glob("peermap.duckdb.corrupt-*"))


@pytest.mark.issue19(8)
def test_stale_temp_files_and_staging_folders_are_swept(tmp_path: Path) -> None:
    paths = Paths(tmp_path).ensure()
    old_tmp = paths.published.parent / ".peermap.duckdb.0123abcd.tmp"
    old_wal = paths.published.parent / ".peermap.duckdb.0123abcd.tmp.wal"
    old_stage = paths.exports / ".tmp-v20261102-xyz"
    live_stage = paths.exports / ".tmp-v20261103-live"
    for path in (old_tmp, old_wal):
        path.write_bytes(b"partial")
    old_stage.mkdir()
    (old_stage / "listings.csv").write_text("id\n")
    live_stage.mkdir()
    long_ago = time.time() - 2 * 3600
    for path in (old_tmp, old_wal, old_stage):
        os.utime(path, (long_ago, long_ago))
    report = preflight(paths)
    assert not old_tmp.exists() and not old_wal.exists() and not old_stage.exists()
    assert live_stage.exists()  # young: may belong to a run in progress
    assert len(report.swept) == 3


@pytest.mark.issue19(6)
def test_publish_failure_marks_the_run_unpublished_and_the_next_run_republishes(
        tmp_path: Path) -> None:
    paths = Paths(tmp_path).ensure()
    paths.published.mkdir()  # a folder where the snapshot file goes: the swap fails
    store_stage(paths, "r1", AS_OF, [result("assoc", [listing("u1")])], registry=REGISTRY)
    with pytest.raises(OSError):
        publish_stage(paths, AS_OF, registry=REGISTRY)
    with Store(paths.store) as store:
        assert store.unpublished_runs() == ["r1"]
    assert "publish failed" in (last_run_report(paths) or {}).get("unpublished", "")
    paths.published.rmdir()
    store_stage(paths, "r2", AS_OF, [result("assoc", [listing("u1")])], registry=REGISTRY)
    summary = publish_stage(paths, AS_OF, registry=REGISTRY)
    assert summary.listings == 1
    with Store(paths.store) as store:
        assert store.unpublished_runs() == []


@pytest.mark.issue19(6)
def test_report_never_claims_a_count_it_could_not_read(tmp_path: Path) -> None:
    paths = Paths(tmp_path).ensure()
    store_stage(paths, "r1", AS_OF, [result("assoc", [listing("u1")])], registry=REGISTRY)
    paths.published.write_bytes(b"garbage" * 100)
    report = last_run_report(paths) or {}
    assert report["published"]["listings"] == "unreadable"
