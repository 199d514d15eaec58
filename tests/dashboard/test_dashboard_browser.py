"""Real browser: `streamlit run dashboard/app.py` on 127.0.0.1, driven by Debian's Chromium."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import icalendar
import pytest

from tests.dashboard.snapshot_factory import AS_OF, build_sample_snapshot

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as resp:  # noqa: S310
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError("streamlit did not become healthy")


@pytest.fixture
def server(tmp_path: Path):
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    build_sample_snapshot(tmp_path)
    port = _free_port()
    env = {**os.environ, "PEERMAP_DATA_DIR": str(tmp_path), "PEERMAP_AS_OF": AS_OF.isoformat()}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard" / "app.py"),
         "--server.address", "127.0.0.1", "--server.port", str(port),
         "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _local_only(route) -> None:
    if route.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
        route.continue_()
    else:
        route.abort()  # the map must be readable with no network


def test_map_results_search_and_calendar_in_chromium(server):
    from playwright.sync_api import expect, sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                          accept_downloads=True)
            context.route("**/*", _local_only)
            page = context.new_page()
            page.set_default_timeout(60_000)
            expect.set_options(timeout=60_000)
            page.goto(server + "/?where=10001")

            expect(page.get_by_text("Manhattan EMDR Peer Supervision")).to_be_visible()
            expect(page.get_by_text("Online Play Therapy Consult")).to_be_visible()
            map_canvas = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first
            expect(map_canvas).to_be_visible()
            box = map_canvas.bounding_box()
            assert box and box["width"] > 200 and box["height"] > 200
            page.wait_for_timeout(1500)  # let deck.gl draw the outline and markers
            page.locator("[data-testid='stDeckGlJsonChart']").first.screenshot(
                path=str(SCREENSHOTS / "map.png"))
            page.screenshot(path=str(SCREENSHOTS / "results.png"), full_page=False)

            where = page.get_by_label("Where (ZIP or City, ST)")
            where.fill("19103")
            where.press("Enter")
            expect(page.get_by_text("Near you (1)")).to_be_visible()
            expect(page.get_by_text("Manhattan EMDR Peer Supervision")).to_have_count(0)
            assert "where=19103" in page.url

            slider = page.get_by_role("slider").first
            slider.focus()
            for _ in range(15):  # 25 → 100 miles, step 5
                slider.press("ArrowRight")
            expect(page.get_by_text("Manhattan EMDR Peer Supervision")).to_be_visible()
            assert "radius=100" in page.url

            with page.expect_download() as download_info:
                page.get_by_role("button", name="Add all to calendar (.ics)").click()
            data = Path(download_info.value.path()).read_bytes()
            calendar = icalendar.Calendar.from_ical(data)
            summaries = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
            assert "Manhattan EMDR Peer Supervision" in summaries
        finally:
            browser.close()
