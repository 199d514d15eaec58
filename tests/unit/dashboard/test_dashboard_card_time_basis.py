"""A card whose times are a UTC guess (time_basis assumed_utc) says "time zone not stated"."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.cards import TIME_ZONE_NOT_STATED, card_text
from tests.support.dashboard_samples import result_row

START = [datetime(2025, 3, 4, 18, 0, tzinfo=UTC)]


def test_assumed_utc_card_says_time_zone_not_stated() -> None:
    row = result_row("u1", "Peer consultation", time_basis="assumed_utc")
    assert card_text(row, START, "America/New_York").time_note == TIME_ZONE_NOT_STATED


@pytest.mark.parametrize("basis", ["explicit", "venue", "source", None])
def test_card_with_a_known_zone_has_no_time_note(basis: str | None) -> None:
    row = result_row("u2", "Peer consultation", time_basis=basis)
    assert card_text(row, START, "America/New_York").time_note == ""


def _render_one_card(time_basis: str) -> None:
    from datetime import UTC, datetime

    from dashboard.cards import render_card
    from tests.support.dashboard_samples import result_row

    row = result_row("u3", "Peer consultation", time_basis=time_basis)
    render_card(row, [datetime(2025, 3, 4, 18, tzinfo=UTC)], "America/New_York",
                datetime(2025, 3, 1, tzinfo=UTC), "t")


def test_rendered_card_shows_the_line() -> None:
    at = AppTest.from_function(_render_one_card, args=("assumed_utc",), default_timeout=30).run()
    assert not at.exception
    assert TIME_ZONE_NOT_STATED in [c.value for c in at.caption]
