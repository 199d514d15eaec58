"""`peermap demo`, `peermap dashboard` and `peermap feed`: the fictional demo web, the pipeline,
the map and its calendar feed server (the dashboard processes run as subprocesses)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from rich.console import Console

from pipelines.cli.run import print_report, run_refresh
from pipelines.core.config import Paths

REPO = Path(__file__).resolve().parents[2]
DASHBOARD_APP = REPO / "dashboard" / "app.py"
DEMO_DIR = REPO / "demo"  # not packaged: `peermap demo` runs from a source checkout
DEMO_REGISTRY = DEMO_DIR / "sources.toml"
FEED_PORT = 8502


class DemoUnavailable(RuntimeError):
    """The fictional demo web ships with the source checkout, not with the wheel."""


def _import_demo() -> None:
    if not (DEMO_DIR / "server.py").exists():
        raise DemoUnavailable(
            "peermap demo needs a source checkout (the demo web is not in the wheel): "
            "clone the repository and run `make demo`")
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))


def run_demo(
    *, paths: Paths, as_of: datetime, port: int, serve: bool, dashboard_port: int,
    registry: Path | None = None, fast: bool = False, feed_port: int = 8502,
) -> int:
    """Serve demo/ on 127.0.0.1:port, refresh over it, then (unless serve=False) show the map."""
    _import_demo()
    from demo.generate import seed_submissions, site_builder
    from demo.server import DemoServer

    console = Console(stderr=True)
    registry = registry or DEMO_REGISTRY
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    if seeded := seed_submissions(paths.submissions, as_of):
        console.print(f"Seeded {seeded} fictional organizer suggestions into {paths.submissions}")
    with DemoServer(site_builder(as_of), host="127.0.0.1", port=port) as server:
        console.print(f"Demo web (fictional data) at {server.base_url}")
        report = run_refresh(
            registry=registry, paths=paths, as_of=as_of, fast=fast,
            variables={"demo": server.base_url},
        )
        print_report(report)
        if report["status"] == "failed":
            return 1
        if not serve:
            return 0
        feed = start_feed(paths, port=feed_port)
        feed_url = f"http://127.0.0.1:{feed_port}"
        console.print(f"Calendar feed at {feed_url}/calendar.ics?<search>")
        console.print(f"Dashboard at http://127.0.0.1:{dashboard_port} (Ctrl-C to stop)")
        try:
            return serve_dashboard(paths, port=dashboard_port, feed_url=feed_url)
        finally:
            stop_feed(feed)


def feed_command(host: str, port: int) -> list[str]:
    """`python -m dashboard.feed`: a subprocess, as the CLI never imports the dashboard."""
    return [sys.executable, "-m", "dashboard.feed", "--host", host, "--port", str(port)]


def start_feed(paths: Paths, *, host: str = "127.0.0.1", port: int = FEED_PORT
               ) -> subprocess.Popen[bytes]:
    """The calendar feed server beside the dashboard (stopped with stop_feed)."""
    env = {**os.environ, "PEERMAP_DATA_DIR": str(paths.data_dir)}
    return subprocess.Popen(feed_command(host, port), env=env, cwd=REPO)


def stop_feed(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def serve_feed(paths: Paths, *, host: str = "127.0.0.1", port: int = FEED_PORT) -> int:
    """`peermap feed`: run the calendar feed server in the foreground; a SIGTERM to this
    process is passed on, so a service manager stopping it leaves no server behind."""
    env = {**os.environ, "PEERMAP_DATA_DIR": str(paths.data_dir)}
    process = subprocess.Popen(feed_command(host, port), env=env, cwd=REPO)
    previous = signal.signal(signal.SIGTERM, lambda signum, _: process.send_signal(signum))
    try:
        while True:
            try:
                return process.wait()
            except KeyboardInterrupt:  # Ctrl-C reached the child too; wait for it to stop
                continue
    finally:
        signal.signal(signal.SIGTERM, previous)


def serve_dashboard(paths: Paths, *, port: int = 8501, feed_url: str | None = None) -> int:
    """Run `streamlit run dashboard/app.py` on 127.0.0.1 over the published snapshot
    (`feed_url`: the calendar feed server the page's Subscribe links point at)."""
    env = {**os.environ, "PEERMAP_DATA_DIR": str(paths.data_dir)}
    if feed_url:
        env["PEERMAP_FEED_URL"] = feed_url
    command = [
        sys.executable, "-m", "streamlit", "run", str(DASHBOARD_APP),
        "--server.address", "127.0.0.1", "--server.port", str(port),
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]
    try:
        return subprocess.call(command, env=env, cwd=DASHBOARD_APP.parent)  # reads .streamlit/
    except KeyboardInterrupt:
        return 0
