"""A therapist's path over the real demo pipeline's snapshot, in Debian's Chromium, at desktop and
phone width: search a ZIP with a radius and read the supervisors' cards, search a city, click its
map pin, add the picked group to a calendar, share the link. No request leaves 127.0.0.1.

Cards are always open (no expander): "opening" one is finding it by its key, st-key-card-….
The pin is clicked on the canvas where the app's own fitted view (`fit_view`) draws it."""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta
from typing import Any

import icalendar
import pytest
from dateutil.rrule import rruleset, rrulestr

from dashboard.map_view import fit_view
from dashboard.where import resolve_place
from tests.support.browser import (
    click_until_visible,
    downloaded,
    map_pixel,
    offline_page,
    outside_requests,
    record_requests,
    slide_to,
    wait_for_map,
)
from tests.support.demo_world import AS_OF

pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]
RADIUS = 50  # the slider's default 25, five steps right
SUPERVISOR = "Clinical supervision with Grace Harper, LPC, ACS"  # capped at ZIP: no street
WEBSITE_SUPERVISOR = "Clinical supervision with Rosa Delgado, LPC-S"
GROUP = "EMDR Peer Consultation Group — Austin"  # 2nd & 4th Thursday, 90 min, one cancelled


def listing_id(world, title: str) -> str:
    (row,) = world.published("SELECT id FROM listings WHERE title = ?", [title])
    return str(row[0])


def miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(
        math.radians(lon2 - lon1) / 2) ** 2
    return 3958.8 * 2 * math.asin(math.sqrt(a))


def pin_pixel(world, where: str, lat: float, lon: float, box: dict) -> tuple[float, float]:
    """The view the app fits to this search (every mapped result and the search circle)."""
    origin = resolve_place(where).origin
    assert origin is not None, where
    points = [(x, y) for y, x in world.published(
        "SELECT lat, lon FROM listings WHERE lat IS NOT NULL AND attendance_mode <> 'online'")
        if miles(origin.lat, origin.lon, y, x) <= RADIUS]
    return map_pixel(fit_view(points, origin, RADIUS), lon, lat, box)


def search_for(page, where: str) -> None:
    from playwright.sync_api import expect

    box = page.get_by_label("Where (ZIP or City, ST)")
    box.fill(where)
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"where=" + re.escape(where.split(",")[0])))


def series_starts(event: Any, until: datetime) -> list[datetime]:
    """The meetings a calendar app shows for this VEVENT, from now to `until`."""
    start = event.decoded("DTSTART")
    rules = rruleset()
    rules.rrule(rrulestr(event["RRULE"].to_ical().decode(), dtstart=start))
    for prop, add in (("EXDATE", rules.exdate), ("RDATE", rules.rdate)):
        values = event.get(prop, [])
        for value in values if isinstance(values, list) else [values]:
            for moment in value.dts:
                add(moment.dt)
    return rules.between(AS_OF, until, inc=True)


def assert_supervisor_cards(page, world) -> None:
    from playwright.sync_api import expect

    card = page.locator(f".st-key-card-local-{listing_id(world, SUPERVISOR)}")
    expect(card).to_contain_text("Boulder, CO 80302")
    expect(card).not_to_contain_text("935 2nd Ave")  # the roster's precision_cap is the ZIP
    expect(card).to_contain_text("Fee: $0–$50 · Sliding scale: not stated · Telehealth: no · "
                                 "Accepting supervisees: yes")
    expect(card.get_by_role("link", name="grace.harper@example.org")).to_have_attribute(
        "href", "mailto:grace.harper@example.org")
    expect(card.get_by_role("link", name="+13035550119")).to_have_attribute(
        "href", "tel:+13035550119")
    # no event page: the link is the source's page for people (registry `homepage`), not the CSV
    expect(card.get_by_role("link", name="Source's website")).to_have_attribute(
        "href", re.compile(r"/about/rocky-mountain-supervisors/$"))
    expect(card.get_by_role("link", name="Source data (raw feed)")).to_have_count(0)
    expect(card.get_by_text("No date to add to a calendar")).to_be_visible()
    expect(card.get_by_role("button", name="Add to calendar (.ics)")).to_have_count(0)

    other = page.locator(f".st-key-card-local-{listing_id(world, WEBSITE_SUPERVISOR)}")
    expect(other).to_contain_text("Fee: $40, sliding scale · Sliding scale: yes · "
                                  "Telehealth: no · Accepting supervisees: yes")
    expect(other.get_by_role("link", name="Website", exact=True)).to_have_attribute(
        "href", "https://rosadelgado.example.org")


def assert_group_card(card) -> None:
    from playwright.sync_api import expect

    expect(card).to_contain_text("Oak & Ivy Conference Room, 483 Market St, Austin, TX 78701")
    expect(card.get_by_role("link", name="events1@example.org")).to_have_attribute(
        "href", "mailto:events1@example.org")
    expect(card.get_by_role("link", name="Source's website")).to_have_attribute(
        "href", re.compile(r"/about/lonestar-peer-consult/$"))
    # ONE time line, in the searched place's zone (Central), the schedule text beside it
    expect(card).to_contain_text("Next: Thu Nov 26, 12:00 PM CST")
    lines = card.inner_text().splitlines()
    assert [line for line in lines if line.startswith("Next:")] == [
        next(line for line in lines if line.startswith("Next:"))]
    assert "(2nd & 4th Thursday, 12:00–13:30 Central)" in next(
        line for line in lines if line.startswith("Next:"))
    assert not any(re.search(r"\bE[SD]T\b", line) for line in lines)  # not New York time


def assert_calendar(world, group: str, data: bytes) -> None:
    calendar = icalendar.Calendar.from_ical(data)
    (event,) = calendar.walk("VEVENT")  # one series, not a list of expanded dates
    (start_text, end_text, rrule), = world.published(
        'SELECT start, "end", rrule FROM listings WHERE id = ?', [group])
    length = datetime.fromisoformat(end_text) - datetime.fromisoformat(start_text)
    assert length == timedelta(minutes=90)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == length  # not a fixed hour
    assert event.decoded("DTSTART").tzinfo is not None
    assert str(event["DTSTART"].params["TZID"]) == "America/Chicago"
    assert event["RRULE"] == icalendar.vRecur.from_ical(rrule)
    occurrences = world.published(
        "SELECT start, status FROM occurrences WHERE listing_id = ? AND start >= ? "
        "ORDER BY start", [group, AS_OF])
    cancelled = [s for s, status in occurrences if status == "cancelled"]
    assert cancelled, "the demo group has a cancelled meeting"
    excluded = {moment.dt for value in (event["EXDATE"] if isinstance(event["EXDATE"], list)
                                        else [event["EXDATE"]]) for moment in value.dts}
    assert set(cancelled) <= excluded
    # the series a calendar app expands is exactly the stored meetings (moved, dropped ones too)
    scheduled = [s for s, status in occurrences if status != "cancelled"]
    assert series_starts(event, occurrences[-1][0]) == scheduled


@pytest.mark.parametrize(("width", "height"), [(1400, 1000), (390, 844)])
def test_a_therapist_searches_reads_picks_adds_to_calendar_and_shares(
        demo_world, demo_dashboard, chromium, tmp_path, width, height):
    from playwright.sync_api import expect

    world = demo_world
    group = listing_id(world, GROUP)
    (austin_lat, austin_lon), = world.published(
        "SELECT lat, lon FROM listings WHERE id = ?", [group])
    phone = width < 640
    with offline_page(chromium, width=width, height=height, timeout_ms=180_000) as page:
        requested = record_requests(page)
        page.goto(demo_dashboard + "/")
        switch = page.get_by_role("radio", name="Map", exact=True)
        expect(switch).to_be_visible()
        if phone:  # the map/list switch is on the first screen, above every card
            top = switch.bounding_box()
            heading = page.get_by_text(re.compile(r"^In person \(\d+\)$"))
            assert top is not None and top["y"] < height
            assert top["y"] < heading.bounding_box()["y"]

        search_for(page, "80302")
        slide_to(page, page.get_by_role("slider").first, RADIUS,  # 25 → 50 miles, step 5
                 re.compile(rf"radius={RADIUS}\b"))
        assert_supervisor_cards(page, world)

        search_for(page, "Austin, TX")
        assert_group_card(page.locator(f".st-key-card-local-{group}"))

        if phone:  # map only: the list goes, the map is redrawn where it was
            switch.click()
            expect(page.locator(f".st-key-card-local-{group}")).to_have_count(0)
        canvas = page.locator("[data-testid='stDeckGlJsonChart'] canvas").first
        expect(canvas).to_be_visible()
        wait_for_map(page)
        canvas.scroll_into_view_if_needed()
        box = canvas.bounding_box()
        assert box is not None
        x, y = pin_pixel(world, "Austin, TX", austin_lat, austin_lon, box)
        page.mouse.move(x, y)
        expect(page.get_by_text("listings here", exact=False)).to_be_visible()
        picked = page.locator(f".st-key-card-picked-{group}")
        click_until_visible(page, (x, y), picked)
        expect(page).to_have_url(re.compile(r"selected=pm_\w+"))
        assert_group_card(picked)

        with page.expect_download() as download:
            picked.get_by_role("button", name="Add to calendar (.ics)").click()
        assert_calendar(world, group, downloaded(download.value, tmp_path))

        shared = page.url  # "Share this search: copy the page address"
        friend = page.context.new_page()
        friend.goto(shared)
        expect(friend.get_by_label("Where (ZIP or City, ST)")).to_have_value("Austin, TX")
        expect(friend.get_by_role("slider", name="Radius (miles)")).to_have_value(str(RADIUS))
        expect(friend.locator(f".st-key-card-picked-{group}")).to_be_visible()
        expect(friend.locator(f".st-key-card-local-{group}")).to_be_visible()

    assert requested, "no requests were recorded"
    assert outside_requests(requested) == []
