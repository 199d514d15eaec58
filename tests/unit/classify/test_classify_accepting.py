"""accepting_members from listing text and roster columns (docs/labelling.md §6)."""

from __future__ import annotations

import pytest

from pipelines.classify import classify


@pytest.mark.parametrize(("description", "expected"), [
    ("Now accepting new supervisees for individual and group supervision toward the LPC.",
     "open"),
    ("Two openings available in the Thursday group; email to schedule a brief interview.",
     "open"),
    ("The Tuesday group is currently full. Email me to be added to the waitlist.", "waitlist"),
    ("This group is currently full and not accepting new members this year.", "closed"),
    ("Group supervision for AMFTs on Wednesdays, $45 per session.", "unknown"),
])
def test_supervision_text(description, expected):
    c = classify("Group Supervision for Associates", description)
    assert c.kind == "supervision"
    assert c.accepting_members == expected


def test_consult_group_waitlist():
    c = classify("EMDR Consultation Group", "Bring cases toward EMDRIA certification. "
                 "Join the waitlist for the fall cohort.")
    assert (c.kind, c.accepting_members) == ("consult_group", "waitlist")


def test_peer_event_is_always_unknown():
    c = classify("Annual Conference for Counselors", "Registration now open, spots available.")
    assert c.kind == "peer_event"
    assert c.accepting_members == "unknown"


@pytest.mark.parametrize(("cell", "expected"), [
    ("Yes", "open"), ("No", "closed"), ("Waitlist", "waitlist"), (True, "open"),
])
def test_roster_accepting_column(cell, expected):
    c = classify("Jane Doe, LPC-S", "", extra={"format": "roster", "accepting_text": cell}
                 if isinstance(cell, str) else {"format": "roster", "accepting": cell})
    assert c.accepting_members == expected
    assert "roster accepting column" in c.why["accepting_members"]
