"""Real-browser test support: Streamlit on a loopback port, Debian's Chromium, no network."""

from __future__ import annotations

import contextlib
import json
import math
import os
import queue
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.support.paths import REPO

CHROMIUM = Path("/usr/bin/chromium")
ROOT = REPO
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            # a slow answer on a loaded machine is not "down": the deadline decides, not this
            with urllib.request.urlopen(url + "/_stcore/health", timeout=10) as resp:  # noqa: S310
                if resp.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"streamlit did not become healthy within {timeout:.0f}s")


def require_browser() -> None:
    """Skip with a clear message where Chromium is absent; CI sets PEERMAP_REQUIRE_BROWSER=1."""
    if not CHROMIUM.exists():
        if os.environ.get("PEERMAP_REQUIRE_BROWSER") == "1":
            pytest.fail("/usr/bin/chromium is required here but missing")
        pytest.skip("/usr/bin/chromium is not installed (apt-get install chromium)")
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


@contextlib.contextmanager
def streamlit_server(data_dir: Path, as_of: str):
    """`streamlit run dashboard/app.py` on a free loopback port over `data_dir`."""
    require_browser()
    port = free_port()
    env = {**os.environ, "PEERMAP_DATA_DIR": str(data_dir), "PEERMAP_AS_OF": as_of}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard" / "app.py"),
         "--server.address", "127.0.0.1", "--server.port", str(port),
         "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def local_only(route) -> None:
    if route.request.url.startswith(("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")):
        route.continue_()
    else:
        route.abort()  # the map must be readable with no network


def _first_line(stream, timeout: float) -> str:
    """The first line a child prints, or "" if it prints none before the deadline. The rest is
    read and dropped, so a chatty child never blocks on a full pipe."""
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        lines.put(stream.readline())
        for _ in stream:
            pass

    threading.Thread(target=read, daemon=True).start()
    try:
        return lines.get(timeout=timeout).strip()
    except queue.Empty:
        return ""


@contextlib.contextmanager
def chromium_server(timeout: float = 120) -> Iterator[str]:
    """ONE Chromium for many tests: Playwright's browser server (`playwright launch-server`)
    runs Debian's binary once and yields its ws:// endpoint; each test connects to it and
    gets a fresh context. (A session-long `sync_playwright()` in the test process is not an
    option: it marks an asyncio loop as running, and every later `asyncio.run()` there fails.)"""
    require_browser()
    options = {"executablePath": str(CHROMIUM), "args": LAUNCH_ARGS, "host": "127.0.0.1",
               "port": 0}
    with tempfile.TemporaryDirectory(prefix="peermap-chromium-") as folder:
        config = Path(folder) / "launch-server.json"
        config.write_text(json.dumps(options))
        proc = subprocess.Popen(
            [sys.executable, "-m", "playwright", "launch-server", "--browser", "chromium",
             "--config", str(config)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
            text=True, start_new_session=True)  # its own group: the driver and Chromium
        try:
            endpoint = _first_line(proc.stdout, timeout)
            if not endpoint.startswith("ws://127.0.0.1:"):
                raise RuntimeError(f"the Chromium server did not start within {timeout:.0f}s "
                                   f"(exit code {proc.poll()}, said {endpoint!r})")
            yield endpoint
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)


@contextlib.contextmanager
def offline_page(chromium: str, width: int = 1400, height: int = 1000,
                 timeout_ms: int = 60_000):
    """A fresh context and page on the shared Chromium (`chromium`, a `chromium_server`
    endpoint) that can reach only 127.0.0.1, with generous timeouts."""
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.connect(chromium, timeout=timeout_ms)
        try:
            context = browser.new_context(viewport={"width": width, "height": height},
                                          accept_downloads=True)
            context.route("**/*", local_only)
            page = context.new_page()
            page.set_default_timeout(timeout_ms)
            expect.set_options(timeout=timeout_ms)
            yield page
        finally:
            browser.close()  # connected, not launched: closes our contexts and disconnects


def downloaded(download, folder: Path) -> bytes:
    """The bytes of a finished download (saved through the connection: the browser runs in
    the Chromium server, so the download has no local path)."""
    target = folder / (download.suggested_filename or "download")
    download.save_as(target)
    return target.read_bytes()


def wait_for_map(page) -> None:
    """Wait until deck.gl has sized its canvas (it starts at the 300×150 default)."""
    page.wait_for_function(
        "() => [...document.querySelectorAll(\"[data-testid='stDeckGlJsonChart'] canvas\")]"
        ".some(c => c.clientWidth > 200 && c.clientHeight > 200)")


def map_pixel(view, lon: float, lat: float, box: dict) -> tuple[float, float]:
    """Where deck.gl's Web Mercator view (`dashboard.map_view.View`, as the app fits it) draws
    (lon, lat) on a canvas whose page bounding box is `box`."""
    scale = 512 * 2 ** view.zoom

    def world(lo: float, la: float) -> tuple[float, float]:
        y = math.log(math.tan(math.pi / 4 + math.radians(la) / 2))
        return scale * (lo + 180) / 360, scale * (math.pi - y) / (2 * math.pi)

    cx, cy = world(view.longitude, view.latitude)
    px, py = world(lon, lat)
    return box["x"] + box["width"] / 2 + (px - cx), box["y"] + box["height"] / 2 + (py - cy)


def outside_requests(urls: list[str]) -> list[str]:
    """The recorded request URLs that went to any host but the loopback Streamlit server."""
    return sorted({u for u in urls if urlsplit(u).scheme not in {"data", "blob"}
                   and urlsplit(u).hostname not in {"127.0.0.1", "localhost"}})


def record_requests(page) -> list[str]:
    """Every request (and websocket) the page's context makes, recorded from now on."""
    requested: list[str] = []
    page.context.on("request", lambda r: requested.append(r.url))
    page.on("websocket", lambda ws: requested.append(ws.url))
    return requested


def click_until_visible(page, point: tuple[float, float], target, attempts: int = 3) -> None:
    """Click the pin until its cards show: a click that lands while deck.gl is still attaching
    its handlers to a just-redrawn canvas is lost (seen at phone width), so it is repeated."""
    from playwright.sync_api import expect

    for attempt in range(attempts):
        page.mouse.click(*point)
        try:
            expect(target).to_be_visible(timeout=60_000)
            return
        except AssertionError:
            if attempt == attempts - 1:
                raise


def slide_to(page, slider, value: int, url_pattern, attempts: int = 3) -> None:
    """Press ArrowRight until the slider shows `value` and the URL says so. Counting presses is
    not enough: a press that lands while Streamlit reruns the page for the previous one can be
    lost (seen under load: radius=45 after five presses from 25), so the slider's own
    value (an <input type=range>) decides, and a value the rerun reset is pressed again."""
    from playwright.sync_api import expect

    for attempt in range(attempts):
        slider.focus()
        for _ in range(100):  # a bound, should the slider never reach `value`
            if float(slider.input_value() or "nan") >= value:
                break
            slider.press("ArrowRight")
        try:
            expect(page).to_have_url(url_pattern)
            return
        except AssertionError:
            if attempt == attempts - 1:
                raise
