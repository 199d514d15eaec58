"""The map over the real demo pipeline's snapshot, in Debian's Chromium, with no network.

Also takes the README's screenshots (docs/screenshots/map.png, results.png)."""

import os
import re
from pathlib import Path

import icalendar
import pytest

from tests.support.browser import downloaded, offline_page, wait_for_map
from tests.support.paths import REPO

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]
README_SCREENSHOTS = REPO / "docs" / "screenshots"


def screenshot_dir(tmp_path: Path) -> Path:
    """The README's folder under `make screenshots` (PEERMAP_UPDATE_SCREENSHOTS=1), else tmp:
    an ordinary test run must not rewrite tracked files."""
    return README_SCREENSHOTS if os.environ.get("PEERMAP_UPDATE_SCREENSHOTS") == "1" else tmp_path


def near_you_count(page) -> int:
    text = page.get_by_text("Near you (").first.inner_text()
    return int(text.split("(")[1].split(")")[0])


def test_demo_map_search_and_calendar(demo_dashboard, chromium, tmp_path):
    from playwright.sync_api import expect

    with offline_page(chromium) as page:
        page.goto(demo_dashboard + "/?where=80302&radius=250")

        expect(page.get_by_text("Near you (").first).to_be_visible()
        assert near_you_count(page) >= 8  # Boulder, Fort Collins, Denver… within 250 miles
        canvas = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first
        expect(canvas).to_be_visible()
        wait_for_map(page)
        if os.environ.get("PEERMAP_UPDATE_SCREENSHOTS") == "1":
            page.wait_for_timeout(1500)  # README pictures only: let deck.gl finish drawing
        shots = screenshot_dir(tmp_path)
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / "results.png"))
        page.locator("[data-testid='stDeckGlJsonChart']").first.screenshot(
            path=str(shots / "map.png"))

        expect(page.get_by_text("Boulder, CO").first).to_be_visible()
        where = page.get_by_label("Where (ZIP or City, ST)")
        where.fill("Boise, ID")
        where.press("Enter")
        expect(page.get_by_text("Boise, ID").first).to_be_visible()
        expect(page.get_by_text("Boulder, CO")).to_have_count(0)
        expect(page).to_have_url(re.compile(r"where=Boise"))

        with page.expect_download() as download_info:
            page.get_by_role("button", name="Add all to calendar (.ics)").click()
        calendar = icalendar.Calendar.from_ical(downloaded(download_info.value, tmp_path))
        assert len(list(calendar.walk("VEVENT"))) >= 1
