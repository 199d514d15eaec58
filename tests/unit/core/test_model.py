"""The data model contract: enumerations enforced, round trip through dicts, precision caps."""

import pytest

from pipelines.core.model import LISTING_FIELDS, Listing, ModelError, Occurrence, precision_allowed

CONTRACT = (
    "id kind title description organizer attendance_mode status start end all_day timezone rrule "
    "schedule_text next_occurrences venue_name street city region postal_code country lat lon "
    "geo_precision online_url is_free sliding_scale cost_min cost_max currency ce_credits audience "
    "modalities languages contact_email contact_url contact_phone source_id source_url first_seen "
    "last_seen"
).split()


def make(**kw):
    base = {"id": "x1", "kind": "consult_group", "title": "EMDR consult", "source_id": "s",
            "source_url": "https://example.org/feed.ics"}
    return Listing(**{**base, **kw})


def test_every_contract_field_exists():
    assert set(CONTRACT) <= set(LISTING_FIELDS)


def test_unknown_kind_is_refused():
    with pytest.raises(ModelError, match="kind"):
        make(kind="yoga").validate()


def test_unknown_audience_code_is_refused():
    with pytest.raises(ModelError, match="audience"):
        make(audience=["therapist"]).validate()


def test_half_a_coordinate_is_refused():
    with pytest.raises(ModelError, match="lat and lon"):
        make(lat=30.0).validate()


def test_round_trip_keeps_occurrences():
    listing = make(occurrences=[Occurrence(start="2026-12-01T18:00:00-06:00", status="cancelled")])
    again = Listing.from_dict(listing.to_dict())
    assert again == listing


@pytest.mark.parametrize(
    ("precision", "cap", "allowed"),
    [("address", "postal_code", False), ("city", "postal_code", True),
     ("source", "city", False), ("address", None, True), ("none", "city", True)],
)
def test_precision_cap(precision, cap, allowed):
    assert precision_allowed(precision, cap) is allowed
