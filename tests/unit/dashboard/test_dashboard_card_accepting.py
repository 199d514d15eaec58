"""A card says whether a group or supervisor takes new members, and says nothing when unknown."""

from __future__ import annotations

import pytest

from dashboard.cards import card_text
from tests.support.dashboard_samples import result_row


@pytest.mark.parametrize(("value", "line"), [
    ("open", "Openings: taking new members"),
    ("waitlist", "Openings: waitlist"),
    ("closed", "Openings: currently full"),
])
def test_card_shows_accepting_members(value, line):
    row = result_row("s1", "Group supervision for AMFTs", "supervision", accepting_members=value)
    assert line in card_text(row, [], "America/New_York").details


def test_card_is_silent_when_unknown():
    row = result_row("s2", "Group supervision for AMFTs", "supervision")
    assert "Openings" not in card_text(row, [], "America/New_York").details
