"""`peermap serve --interval 5` on a local Prefect server: a scheduled run fires and completes.

Everything runs in a child process group with its own PREFECT_HOME (its own server database),
so the session's Prefect test harness is untouched; the sources are served on loopback here.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from pipelines.flows.schedule import free_port
from tests.support.fixture_server import FixtureServer, Route
from tests.support.paths import REPO

FEED = ("\r\n".join([
    "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//PeerMap tests//EN", "BEGIN:VEVENT", "UID:s1",
    "DTSTAMP:20261101T000000Z", "DTSTART:20261210T180000Z", "DTEND:20261210T190000Z",
    "SUMMARY:EMDR peer consultation group", "LOCATION:Austin, TX 78701", "END:VEVENT",
    "END:VCALENDAR"]) + "\r\n").encode()
DEADLINE_S = 420  # server start + first scheduled run on a loaded 2-core machine


def child_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PREFECT_", "PEERMAP_"))}
    env.update({
        "PREFECT_HOME": str(tmp_path / "prefect-home"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_TELEMETRY_ENABLE_RESOURCE_METRICS": "false",
        "PREFECT_UI_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": "WARNING",
        # Poll often so a 5-second interval produces a run within seconds, not minutes.
        "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "2",
        "PREFECT_RUNNER_POLL_FREQUENCY": "2",
        "PEERMAP_AS_OF": datetime(2026, 12, 1, tzinfo=UTC).isoformat(),
    })
    return env


def completed_runs(api_url: str) -> list[str]:
    from prefect.client.orchestration import SyncPrefectClient

    with SyncPrefectClient(api_url) as client:
        deployments = {d.id: d.name for d in client.read_deployments()}
        return [deployments.get(run.deployment_id, "?") for run in client.read_flow_runs()
                if run.state_type is not None and run.state_type.value == "COMPLETED"]


def prefect_servers(root: int) -> list[str]:
    """Command lines of every Prefect API server among `root`'s descendants (a temporary
    "ephemeral" one is `uvicorn ... prefect.server...` or `prefect server start`)."""
    children: dict[int, list[int]] = {}
    for task in Path("/proc").glob("[0-9]*"):
        try:
            ppid = int((task / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(task.name))
    found, todo = [], [root]
    while todo:
        for pid in children.get(todo.pop(), []):
            todo.append(pid)
            try:
                cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if "prefect" in cmd and ("server" in cmd or "uvicorn" in cmd):
                found.append(cmd)
    return found


def stop(process: subprocess.Popen) -> None:
    """SIGINT lets `serve` exit through its finally blocks (which stop the server); the group
    kill is the fallback for anything our child left behind."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=40)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


@pytest.mark.issue19(10)
@pytest.mark.timeout(DEADLINE_S + 120)
def test_interval_deployment_fires_and_publishes(tmp_path):
    port = free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    log = (tmp_path / "serve.log").open("wb")
    with FixtureServer({"/feed.ics": Route(FEED, content_type="text/calendar")}) as server:
        registry = tmp_path / "sources.toml"
        registry.write_text(
            '[settings]\ncontact_url = "https://example.org/tests"\nsource_retries = 0\n\n'
            f'[[source]]\nid = "scheduled"\nname = "scheduled"\nurl = "{server.url("/feed.ics")}"\n'
            'format = "ics"\ntimezone = "America/Chicago"\nregion = "TX"\nallow_private = true\n')
        process = subprocess.Popen(
            [sys.executable, "-m", "pipelines.cli.main", "serve", "--interval", "5", "--port", str(port),
             "--sources", str(registry), "--data-dir", str(tmp_path / "var")],
            cwd=REPO, env=child_env(tmp_path), stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )
        try:
            deadline = time.monotonic() + DEADLINE_S
            runs: list[str] = []
            while time.monotonic() < deadline and not runs:
                assert process.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]
                time.sleep(3)
                try:
                    runs = completed_runs(api_url)
                except Exception:  # server not up yet
                    continue
            servers = prefect_servers(process.pid)  # after a run: deployments talked to ours
        finally:
            stop(process)
            log.close()
    assert runs and runs[0] == "peermap-refresh-interval", (tmp_path / "serve.log").read_text()[-3000:]
    # Issue 19, finding 10: one server, the one serve started (never a second, temporary one).
    assert len(servers) == 1 and f"--port {port}" in servers[0], servers
    assert "ephemeral" not in (tmp_path / "serve.log").read_text().lower()
    con = duckdb.connect(str(tmp_path / "var" / "published" / "peermap.duckdb"), read_only=True)
    try:
        titles = [r[0] for r in con.execute("SELECT title FROM listings").fetchall()]
    finally:
        con.close()
    assert titles == ["EMDR peer consultation group"]
