"""Where a real-browser test spends its time: one page load and one search on the dashboard sample.

    PYTHONPATH=$PWD .venv/bin/python -m tools.browser_profile [extra Chromium flags]

Prints the wall time of each phase (snapshot, Streamlit start, Playwright driver, Chromium
launch, page load, map drawn, the rerun after a search), then the CPU time of the Chromium
processes and of the Streamlit server, so load on a shared machine can be told from work.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.support import browser
from tests.support.dashboard_samples import AS_OF, build_sample_snapshot


class Laps:
    def __init__(self) -> None:
        self.last = time.monotonic()

    def __call__(self, what: str) -> None:
        now = time.monotonic()
        print(f"{now - self.last:7.2f} s  {what}", flush=True)
        self.last = now


def cpu_by_process() -> str:
    """`ps` CPU time of the Chromium and Streamlit processes, largest first."""
    out = subprocess.run(["ps", "-eo", "time,args", "--sort=-time"], capture_output=True,
                         text=True, check=True).stdout
    return "\n".join(line[:120] for line in out.splitlines()
                     if "chromium" in line or "streamlit run" in line)


def main(extra_flags: list[str]) -> None:
    from playwright.sync_api import expect, sync_playwright

    lap = Laps()
    data_dir = Path(tempfile.mkdtemp(prefix="peermap-browser-profile-"))
    build_sample_snapshot(data_dir)
    lap("sample snapshot published")
    with browser.streamlit_server(data_dir, AS_OF.isoformat()) as url:
        lap("Streamlit healthy")
        with sync_playwright() as pw:
            lap("Playwright driver started")
            chromium = pw.chromium.launch(executable_path=str(browser.CHROMIUM),
                                          args=browser.LAUNCH_ARGS + extra_flags)
            lap("Chromium launched")
            page = chromium.new_page(viewport={"width": 1400, "height": 1000})
            page.route("**/*", browser.local_only)
            page.set_default_timeout(300_000)
            page.goto(url + "/?where=10001")
            expect(page.get_by_text("Manhattan EMDR Peer Supervision")).to_be_visible(
                timeout=300_000)
            lap("first script run shown")
            browser.wait_for_map(page)
            lap("map canvas sized")
            where = page.get_by_label("Where (ZIP or City, ST)")
            where.fill("19103")
            where.press("Enter")
            expect(page.get_by_text("Near you (1)")).to_be_visible(timeout=300_000)
            lap("rerun after a search shown")
            print("CPU time so far (ps):\n" + cpu_by_process(), flush=True)
            chromium.close()


if __name__ == "__main__":
    main(sys.argv[1:])
