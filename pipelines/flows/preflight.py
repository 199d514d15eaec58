"""Before anything is crawled: the data folder is writable with room to spare, the store and
the published snapshot can be read, and what a crash left behind is swept away.

A broken data folder used to surface as a misleading "timed out starting the Prefect server"
after 305 s (its home is in the data folder), or as a traceback after crawling everything.
Recovery for each case is in docs/reliability.md ("Storage faults").
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
from dataclasses import dataclass, field

import duckdb

from pipelines.core.config import ConfigError, Paths

MIN_FREE_MB = 64  # a store commit, a snapshot copy and an export need room to be written
STALE_AFTER_S = 3600.0  # temp files older than this belong to a crashed run, not a live one


class PreflightError(ConfigError):
    """The data folder cannot hold a run; the one-line message says what to do."""


@dataclass
class Preflight:
    swept: list[str] = field(default_factory=list)  # leftovers removed
    notes: list[str] = field(default_factory=list)  # what the report should mention


def check_writable(paths: Paths, min_free_mb: int = MIN_FREE_MB) -> None:
    for folder in (paths.data_dir, paths.published.parent, paths.exports):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            probe = folder / f".peermap-write-test-{uuid.uuid4().hex}"
            probe.write_bytes(b"ok")
            probe.unlink()
        except OSError as exc:
            raise PreflightError(
                f"data folder {folder} is not writable ({exc.strerror or exc}); fix its "
                "permissions or pass --data-dir / PEERMAP_DATA_DIR") from None
        free_mb = shutil.disk_usage(folder).free // (1024 * 1024)
        if free_mb < min_free_mb:
            raise PreflightError(
                f"only {free_mb} MB free for {folder} (need {min_free_mb} MB); free some space "
                "or move the data folder")


def check_store(paths: Paths) -> None:
    """A store that exists must open and answer; the run would fail after crawling otherwise."""
    if not paths.store.exists():
        return
    try:
        con = duckdb.connect(str(paths.store), read_only=True)
        try:
            con.execute("SELECT count(*) FROM crawl_runs").fetchall()
        finally:
            con.close()
    except duckdb.Error as exc:
        text = str(exc).splitlines()[0]
        if "lock" in text.lower():
            raise PreflightError(f"store {paths.store} is in use by another PeerMap process "
                                 f"({text[:120]}); wait for it or stop it") from None
        raise PreflightError(
            f"store {paths.store} is unreadable ({text[:160]}); recovery: move it aside "
            f"(mv {paths.store} {paths.store}.corrupt) and run again — sources are re-crawled, "
            "first_seen dates restart; see docs/reliability.md") from None


def check_snapshot(paths: Paths, report: Preflight) -> None:
    """An unreadable published snapshot is moved aside: this run publishes a fresh one."""
    snapshot = paths.published
    if not snapshot.exists():
        return
    try:
        con = duckdb.connect(str(snapshot), read_only=True)
        try:
            con.execute("SELECT count(*) FROM listings").fetchall()
        finally:
            con.close()
    except duckdb.Error as exc:
        if "lock" in str(exc).lower():
            return
        aside = snapshot.with_name(f"{snapshot.name}.corrupt-{int(time.time())}")
        os.replace(snapshot, aside)
        report.notes.append(f"published snapshot was unreadable ({str(exc).splitlines()[0][:100]});"
                            f" moved to {aside.name}, this run republishes it")


def sweep_leftovers(paths: Paths, report: Preflight, older_than_s: float = STALE_AFTER_S) -> None:
    """Temp snapshot files (`.peermap.duckdb.<hex>.tmp[.wal]`) and export staging folders
    (`exports/.tmp-*`) a crashed run left; young ones may belong to a live run and stay."""
    cutoff = time.time() - older_than_s
    candidates = [*paths.published.parent.glob(f".{paths.published.name}.*.tmp*"),
                  *paths.exports.glob(".tmp-*")]
    for path in candidates:
        try:
            if path.stat().st_mtime > cutoff:
                continue
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
        except OSError:
            continue
        report.swept.append(str(path.relative_to(paths.data_dir)))


def preflight(paths: Paths) -> Preflight:
    """All checks, in order; raises PreflightError with a one-line reason."""
    report = Preflight()
    check_writable(paths)
    check_store(paths)
    check_snapshot(paths, report)
    sweep_leftovers(paths, report)
    return report
