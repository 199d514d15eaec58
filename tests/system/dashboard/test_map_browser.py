"""The offline map in Debian's Chromium: no request leaves 127.0.0.1, the basemap draws with labels,
a stacked pin shows its count, and clicking it selects the cards (and the URL remembers it).

`PEERMAP_UPDATE_SCREENSHOTS=1` writes docs/screenshots/map_labelled*.png for the README."""

from __future__ import annotations

import io
import os
import re
import time
from pathlib import Path

import pytest

from dashboard.map_view import fit_view
from tests.support.browser import (
    click_until_visible,
    map_pixel,
    offline_page,
    outside_requests,
    record_requests,
    wait_for_map,
)
from tests.support.dashboard_samples import PORTLAND, map_sample_listings
from tests.support.paths import REPO

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


def screenshot_dir(tmp_path: Path) -> Path:
    if os.environ.get("PEERMAP_UPDATE_SCREENSHOTS") == "1":
        return REPO / "docs" / "screenshots"
    return tmp_path


PORTLAND_UIDS = ("f-portland", "h-stack")


def in_person_points() -> list[tuple[float, float]]:
    rows = map_sample_listings()
    return [(r.lon, r.lat) for r in rows if r.lat is not None and r.lon is not None]


def pixel_of(lon: float, lat: float, box: dict) -> tuple[float, float]:
    """Where the app's fitted view draws (lon, lat) on the canvas."""
    return map_pixel(fit_view(in_person_points(), None, 25), lon, lat, box)


def dark_pixels(png: bytes) -> int:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    return sum(1 for r, g, b in image.getdata() if r < 80 and g < 80 and b < 80)


@pytest.mark.issue19(9)
@pytest.mark.parametrize("width", [1400, 390])
def test_offline_map_labels_counts_and_pin_selection(sample_dashboard, chromium, tmp_path,
                                                     width):
    from playwright.sync_api import expect

    with offline_page(chromium, width=width, height=1000) as page:
        requested = record_requests(page)
        page.goto(sample_dashboard.url + "/")
        if width < 640:
            page.get_by_role("radio", name="Map", exact=True).click()
        chart = page.locator("[data-testid='stDeckGlJsonChart']").first
        expect(chart).to_be_visible()
        wait_for_map(page)
        chart.scroll_into_view_if_needed()
        # deck.gl draws labels after its font atlas is built: poll for them, with a deadline
        path = str(screenshot_dir(tmp_path) / (
            "map_labelled.png" if width >= 640 else "map_labelled_phone.png"))
        deadline = time.monotonic() + 60
        shot = chart.screenshot(path=path)
        while dark_pixels(shot) <= 100 and time.monotonic() < deadline:
            page.wait_for_timeout(250)
            shot = chart.screenshot(path=path)
        assert dark_pixels(shot) > 100, "no label text drawn on the map"

        canvas = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first
        box = canvas.bounding_box()
        x, y = pixel_of(PORTLAND[1], PORTLAND[0], box)
        page.mouse.move(x, y)
        expect(page.get_by_text("2 listings here", exact=False)).to_be_visible()
        click_until_visible(page, (x, y), page.get_by_text("Selected on the map (2)"))
        picked = page.locator(".st-key-map-selection")
        expect(picked.get_by_text("Portland Supervision Circle")).to_be_visible()
        expect(picked.get_by_text("Portland Consultation Collective")).to_be_visible()
        ids = "|".join(re.escape(sample_dashboard.ids[u]) for u in PORTLAND_UIDS)
        expect(page).to_have_url(re.compile(rf"selected=({ids})\b"))
        page.screenshot(path=str(screenshot_dir(tmp_path) / (
            "map_selected.png" if width >= 640 else "map_selected_phone.png")))

        page.goto(page.url)  # the share link restores the selection
        expect(page.get_by_text("Selected on the map (2)")).to_be_visible()

    assert requested, "no requests were recorded"
    assert outside_requests(requested) == []
