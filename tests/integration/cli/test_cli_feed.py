"""`peermap feed`: the thin command starts the calendar feed server (python -m dashboard.feed)
over the data folder, and a SIGTERM to the command stops the server too."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import icalendar
import pytest

import pipelines.cli.demo as demo_command
from pipelines.core.config import Paths
from tests.support.dashboard_samples import AS_OF, build_sample_snapshot
from tests.support.paths import REPO

START_DEADLINE_S = 120  # generous: the child imports pandas and DuckDB on a shared machine


def _start(data_dir: Path) -> tuple[subprocess.Popen[str], str]:
    command = [sys.executable, "-m", "pipelines.cli.main", "feed", "--data-dir", str(data_dir),
               "--port", "0"]
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "PEERMAP_AS_OF": AS_OF.isoformat()}
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    line = process.stdout.readline()  # blocks until the server printed its address (or exited)
    found = re.search(r"(http://127\.0\.0\.1:\d+)/calendar\.ics", line)
    if not found:
        process.kill()
        pytest.fail(f"peermap feed did not start: {line!r}")
    return process, found.group(1)


def test_feed_command_serves_the_published_snapshot_and_stops_on_sigterm(tmp_path):
    build_sample_snapshot(tmp_path)
    process, base = _start(tmp_path)
    try:
        with urllib.request.urlopen(f"{base}/calendar.ics", timeout=60) as response:  # noqa: S310
            assert response.status == 200
            calendar = icalendar.Calendar.from_ical(response.read())
        assert calendar.walk("VEVENT")
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=START_DEADLINE_S)
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"{base}/calendar.ics", timeout=5)  # noqa: S310


def test_feed_command_refuses_a_port_that_is_not_one(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pipelines.cli.main", "feed", "--data-dir", str(tmp_path),
         "--port", "70000"], cwd=REPO, capture_output=True, text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)}, timeout=START_DEADLINE_S)
    assert result.returncode == 2
    assert "not a TCP port" in result.stderr and "Traceback" not in result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_demo_starts_the_feed_beside_the_dashboard_and_points_the_page_at_it(tmp_path,
                                                                            monkeypatch):
    """`peermap demo` serving: the feed subprocess answers, the dashboard gets PEERMAP_FEED_URL,
    and the feed stops with the dashboard."""
    build_sample_snapshot(tmp_path)
    port = _free_port()
    feed = demo_command.start_feed(Paths(tmp_path), port=port)
    try:
        url = f"http://127.0.0.1:{port}/calendar.ics"
        deadline = time.monotonic() + START_DEADLINE_S
        while True:
            try:
                with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
                    assert response.status == 200
                    break
            except urllib.error.URLError:
                assert feed.poll() is None, "the feed server exited"
                assert time.monotonic() < deadline, "the feed server never answered"
                time.sleep(0.5)
        seen: dict[str, str] = {}
        monkeypatch.setattr(demo_command.subprocess, "call",
                            lambda command, env, cwd: seen.update(env) or 0)
        demo_command.serve_dashboard(Paths(tmp_path), feed_url=f"http://127.0.0.1:{port}")
        assert seen["PEERMAP_FEED_URL"] == f"http://127.0.0.1:{port}"
    finally:
        demo_command.stop_feed(feed)
    assert feed.returncode is not None
