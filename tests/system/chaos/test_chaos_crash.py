"""Crash safety: `peermap run` killed with SIGKILL at random moments never damages what readers see.

Every trial starts from the same complete snapshot (feed version A), serves version B and kills
the run after a random delay. The published file must then be exactly A or exactly B (never a
mix, never unreadable) and must open read-only; the next run must publish what a run that never
crashed publishes. `make chaos` runs CHAOS_CRASH_TRIALS (default 20); `make test` runs 2.

Random delays land before the publish step (Prefect start-up dominates a run), so the
after-publish trials watch the published file and kill a random moment after its atomic replace,
while the export runs (CHAOS_POST_PUBLISH_TRIALS, default 6, `make chaos` only).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from pipelines.core.config import Paths
from tests.support.chaos_sources import (
    AS_OF,
    ics_feed,
    plain_refresh,
    published_rows,
    write_registry,
)
from tests.support.fixture_server import FixtureServer, Route
from tests.support.outcomes import record

ICS = "text/calendar; charset=utf-8"
SOURCES = ("crash-a", "crash-b", "crash-c")
NEXT_AS_OF = AS_OF + timedelta(hours=6)
FULL_RUN_S = 30.0  # a `peermap run` here publishes at ~23 s (Prefect start-up dominates)
PEERMAP = Path(sys.executable).with_name("peermap")


def _serve(server: FixtureServer, version: str) -> None:
    for slot, sid in enumerate(SOURCES):
        count = 3 if version == "A" else 5
        server.routes[f"/{sid}.ics"] = Route(ics_feed(f"{sid} {version}", count, slot=slot),
                                             content_type=ICS)


@pytest.fixture(scope="module")
def crash_world(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("crash")
    with FixtureServer() as server:
        _serve(server, "A")
        registry = write_registry(tmp / "sources.toml",
                                  [(s, server.url(f"/{s}.ics"), "ics") for s in SOURCES])
        base = tmp / "base"
        plain_refresh(registry, base, AS_OF, "crash-base")
        rows_a = published_rows(base)
        _serve(server, "B")
        reference = tmp / "reference"
        shutil.copytree(base, reference)
        plain_refresh(registry, reference, NEXT_AS_OF, "crash-reference")
        yield {"tmp": tmp, "registry": registry, "base": base, "rows_a": rows_a,
               "rows_b": published_rows(reference)}


def _kill_run_after(data_dir: Path, registry: Path, delay_s: float) -> int | None:
    env = {**os.environ, "PREFECT_HOME": str(data_dir / "prefect")}
    env.pop("PREFECT_API_URL", None)
    proc = subprocess.Popen(
        [str(PEERMAP), "run", "--data-dir", str(data_dir), "--sources", str(registry),
         "--as-of", NEXT_AS_OF.isoformat(), "--fast", "--no-export"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        proc.wait(timeout=delay_s)
        return proc.returncode  # finished before the kill
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the run and the Prefect server it started
        proc.wait()
        return None


def _file_state(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns


def _kill_run_after_publish(data_dir: Path, registry: Path, extra_s: float
                            ) -> tuple[int | None, float | None]:
    """Run with export; SIGKILL `extra_s` after the published file was replaced.
    Returns (exit code or None when killed, seconds from start to the replace)."""
    env = {**os.environ, "PREFECT_HOME": str(data_dir / "prefect")}
    env.pop("PREFECT_API_URL", None)
    published = Paths(data_dir).published
    before = _file_state(published)
    started = time.monotonic()
    with (data_dir / "run.stderr").open("wb") as stderr:
        proc = subprocess.Popen(
            [str(PEERMAP), "run", "--data-dir", str(data_dir), "--sources", str(registry),
             "--as-of", NEXT_AS_OF.isoformat(), "--fast"],
            env=env, stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True,
        )
    publish_s = None
    while proc.poll() is None and time.monotonic() - started < 240:
        if _file_state(published) != before:
            publish_s = time.monotonic() - started
            break
        time.sleep(0.005)
    try:
        proc.wait(timeout=extra_s if publish_s is not None else 0.01)
        return proc.returncode, publish_s
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        return None, publish_s


def _exports_complete(data_dir: Path) -> bool:
    """Every visible export folder is a whole one (datapackage.json is written last); LATEST
    names one of them."""
    out = Paths(data_dir).exports
    if not out.is_dir():
        return True
    folders = [p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")
               and not p.is_symlink()]
    latest = out / "LATEST"
    return all((p / "datapackage.json").is_file() for p in folders) and (
        not latest.exists() or (out / latest.read_text().strip() / "datapackage.json").is_file())


def _trial(world: dict, n: int, delay_s: float, *, after_publish: bool = False) -> dict:
    data_dir = world["tmp"] / f"trial-{n}"
    shutil.copytree(world["base"], data_dir)
    publish_s = None
    if after_publish:
        exit_code, publish_s = _kill_run_after_publish(data_dir, world["registry"], delay_s)
    else:
        exit_code = _kill_run_after(data_dir, world["registry"], delay_s)
    after_kill = published_rows(data_dir)  # read-only open; raises if the file is damaged
    which = ("A" if after_kill == world["rows_a"] else "B" if after_kill == world["rows_b"]
             else "MIXED")
    exports_ok = _exports_complete(data_dir)
    started = time.monotonic()
    plain_refresh(world["registry"], data_dir, NEXT_AS_OF, f"crash-recover-{n}")
    recovered = published_rows(data_dir) == world["rows_b"]
    row = {"delay_s": round(delay_s, 2), "killed": exit_code is None, "exit_code": exit_code,
           "snapshot_after_kill": which, "recovered_equal": recovered,
           "recovery_s": round(time.monotonic() - started, 2), "after_publish": after_publish,
           "publish_seen_s": None if publish_s is None else round(publish_s, 2),
           "exports_complete": exports_ok}
    if exit_code:
        row["stderr_tail"] = (data_dir / "run.stderr").read_text(errors="replace")[-600:]
    record("crash", f"trial-{n:02d}", row)
    shutil.rmtree(data_dir, ignore_errors=True)
    return row


def _check(row: dict) -> None:
    assert row["snapshot_after_kill"] in ("A", "B"), row
    assert row["recovered_equal"] and row["exports_complete"], row


def test_killed_runs_fast_subset(crash_world):
    rng = random.Random(7)
    for n in range(2):
        _check(_trial(crash_world, n, rng.uniform(1.0, 8.0)))


@pytest.mark.chaos
@pytest.mark.timeout(1800)
def test_killed_runs_many_trials(crash_world):
    trials = int(os.environ.get("CHAOS_CRASH_TRIALS", "20"))
    rng = random.Random(20261102)
    rows = [_trial(crash_world, 100 + n, rng.uniform(0.5, FULL_RUN_S)) for n in range(trials)]
    for row in rows:
        _check(row)


@pytest.mark.chaos
@pytest.mark.timeout(1800)
def test_killed_after_the_atomic_replace(crash_world):
    trials = int(os.environ.get("CHAOS_POST_PUBLISH_TRIALS", "6"))
    rng = random.Random(20261126)
    rows = [_trial(crash_world, 200 + n, rng.uniform(0.0, 0.8), after_publish=True)
            for n in range(trials)]
    for row in rows:
        _check(row)
    published = [r for r in rows if r["publish_seen_s"] is not None]
    assert all(r["snapshot_after_kill"] == "B" for r in published)  # replaced = the new one
    assert any(r["killed"] for r in published)  # at least one kill landed after the replace


@pytest.mark.chaos
@pytest.mark.timeout(300)
def test_cli_run_after_a_kill_publishes_the_uncrashed_result(crash_world):
    data_dir = crash_world["tmp"] / "cli-recover"
    shutil.copytree(crash_world["base"], data_dir)
    _kill_run_after(data_dir, crash_world["registry"], 12.0)
    finished = _kill_run_after(data_dir, crash_world["registry"], 240.0)
    record("crash", "cli-recovery", {"exit_code": finished,
                                     "recovered_equal": published_rows(data_dir)
                                     == crash_world["rows_b"]})
    assert finished == 0 and published_rows(data_dir) == crash_world["rows_b"]
