"""Real browser: `streamlit run dashboard/app.py` on 127.0.0.1, driven by Debian's Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import icalendar
import pytest

from tests.support.browser import downloaded, offline_page, slide_to, wait_for_map

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]


def test_map_results_search_and_calendar_in_chromium(sample_dashboard, chromium, tmp_path: Path):
    from playwright.sync_api import expect

    with offline_page(chromium) as page:
        page.goto(sample_dashboard.url + "/?where=10001")

        expect(page.get_by_text("Manhattan EMDR Peer Supervision")).to_be_visible()
        expect(page.get_by_text("Online Play Therapy Consult")).to_be_visible()
        map_canvas = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first
        expect(map_canvas).to_be_visible()
        wait_for_map(page)

        where = page.get_by_label("Where (ZIP or City, ST)")
        where.fill("19103")
        where.press("Enter")
        expect(page.get_by_text("Near you (1)")).to_be_visible()
        expect(page.get_by_text("Manhattan EMDR Peer Supervision")).to_have_count(0)
        expect(page).to_have_url(re.compile(r"where=19103\b"))

        slide_to(page, page.get_by_role("slider").first, 100,  # 25 → 100 miles, step 5
                 re.compile(r"radius=100\b"))
        expect(page.get_by_text("Manhattan EMDR Peer Supervision")).to_be_visible()

        with page.expect_download() as download_info:
            page.get_by_role("button", name="Add all to calendar (.ics)").click()
        data = downloaded(download_info.value, tmp_path)
        calendar = icalendar.Calendar.from_ical(data)
        summaries = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
        assert "Manhattan EMDR Peer Supervision" in summaries
