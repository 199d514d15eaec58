"""Chaos (make chaos): a whole `peermap run` against hostile sources and a SIGKILL.

- The RRULE bomb (secondly in all but name, and hourly from 1900) next to healthy sources:
  the run ends in bounded time, the healthy sources are published, the bomb says series_capped.
- SIGKILL of `peermap run` takes the Prefect API server it started down with it.
Only 127.0.0.1 servers are used.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.support.chaos_sources import ics_feed, write_registry
from tests.support.fixture_server import FixtureServer, Route
from tests.support.paths import REPO

pytestmark = pytest.mark.chaos

H = ",".join(str(h) for h in range(24))
M = ",".join(str(m) for m in range(60))
BOMB = (f"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:bomb-secondly\r\nSUMMARY:Peer consultation\r\n"
        f"DTSTART:19000101T000000Z\r\nRRULE:FREQ=DAILY;BYHOUR={H};BYMINUTE={M};BYSECOND={M}\r\n"
        f"END:VEVENT\r\nBEGIN:VEVENT\r\nUID:bomb-hourly\r\nSUMMARY:Peer consultation hourly\r\n"
        f"DTSTART:19000101T000000Z\r\nRRULE:FREQ=HOURLY\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        ).encode()
ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def _peermap(*args: str) -> list[str]:
    return [sys.executable, "-m", "pipelines.cli.main", *args]


@pytest.mark.issue19(1)
def test_rrule_bomb_is_bounded_and_healthy_sources_publish(tmp_path: Path) -> None:
    routes = {f"/ok{i}.ics": Route(ics_feed(f"ok{i}", 5, slot=i + 1),
                                   content_type="text/calendar")
              for i in range(3)}
    routes["/bomb.ics"] = Route(BOMB, content_type="text/calendar")
    with FixtureServer(routes) as server:
        sources = [(f"ok{i}", server.url(f"/ok{i}.ics"), "ics") for i in range(3)]
        sources.append(("bomb", server.url("/bomb.ics"), "ics"))
        registry = write_registry(tmp_path / "sources.toml", sources, timeout_s=30.0)
        started = time.monotonic()
        done = subprocess.run(_peermap("run", "--json", "--no-export", "--sources", str(registry),
                                       "--data-dir", str(tmp_path / "data")),
                              env=ENV, capture_output=True, text=True, timeout=900)
        elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    rows = {row["source"]: row for row in report["sources"]}
    assert all(rows[f"ok{i}"]["health"] == "ok" for i in range(3))
    bomb_errors = " ".join(rows["bomb"]["first_errors"])
    assert "series_capped" in bomb_errors
    with duckdb.connect(str(tmp_path / "data" / "published" / "peermap.duckdb"),
                        read_only=True) as con:
        kept = con.execute("SELECT rrule FROM listings WHERE source_id = 'bomb'").fetchall()
        healthy = dict(con.execute("SELECT source_id, count(*) FROM listings "
                                   "WHERE source_id LIKE 'ok%' GROUP BY 1").fetchall())
    assert sorted(healthy) == ["ok0", "ok1", "ok2"] and all(healthy.values())
    assert any("BYSECOND" in (r[0] or "") for r in kept)  # the capped series keeps its rule
    assert elapsed < 600  # the old code did not finish in 1,200 s


def _children(pid: int) -> set[int]:
    out: set[int] = set()
    for task in Path("/proc").glob("[0-9]*"):
        try:
            stat = (task / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            out.add(int(task.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.issue19(8)
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux")
def test_sigkill_of_run_takes_its_prefect_server_down(tmp_path: Path) -> None:
    slow = Route(ics_feed("slow", 3), content_type="text/calendar", drip_s=1.0,
                 conditional=False)
    with FixtureServer({"/slow.ics": slow}) as server:
        registry = write_registry(tmp_path / "sources.toml",
                                  [("slow", server.url("/slow.ics"), "ics")], timeout_s=600.0)
        proc = subprocess.Popen(_peermap("run", "--sources", str(registry), "--data-dir",
                                         str(tmp_path / "data")), env=ENV,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 600
            while not server.paths() and time.monotonic() < deadline:
                assert proc.poll() is None, "run ended before crawling"
                time.sleep(0.5)
            servers = _children(proc.pid)
            assert servers, "no Prefect server child found"
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        deadline = time.monotonic() + 60
        while any(_alive(p) for p in servers) and time.monotonic() < deadline:
            time.sleep(0.5)
    assert not any(_alive(p) for p in servers)
