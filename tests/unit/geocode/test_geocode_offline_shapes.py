"""One behaviour per input shape the offline geocoder must understand."""

from __future__ import annotations

import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from pipelines.geocode.gazetteer import haversine_km
from pipelines.geocode.offline import OfflineGeocoder


def near(loc: Location, lat: float, lon: float, km: float) -> bool:
    return haversine_km(loc.latitude, loc.longitude, lat, lon) <= km


def test_is_a_geopy_geocoder(offline: OfflineGeocoder) -> None:
    assert isinstance(offline, Geocoder)


def test_returns_geopy_location_with_raw_fields(offline: OfflineGeocoder) -> None:
    loc = offline.geocode("Austin, TX")
    assert isinstance(loc, Location)
    assert {"precision", "ambiguous", "source", "region", "po_box"} <= set(loc.raw)
    assert loc.raw["region"] == "TX" and loc.raw["ambiguous"] is False


def test_exactly_one_false_returns_a_list(offline: OfflineGeocoder) -> None:
    locs = offline.geocode("Austin, TX", exactly_one=False)
    assert isinstance(locs, list) and len(locs) == 1


def test_zip(offline: OfflineGeocoder) -> None:
    loc = offline.geocode("78701")
    assert loc.raw["precision"] == "postal_code"
    assert near(loc, 30.27, -97.74, 3)


def test_zip_plus_four(offline: OfflineGeocoder) -> None:
    loc = offline.geocode("78701-1234")
    assert loc.raw["postal_code"] == "78701"


def test_unknown_zip_is_not_found(offline: OfflineGeocoder) -> None:
    assert offline.geocode("00000") is None


def test_city_with_state_code(offline: OfflineGeocoder) -> None:
    loc = offline.geocode("Portland, OR")
    assert loc.raw["precision"] == "city" and near(loc, 45.52, -122.68, 10)


def test_city_with_state_name(offline: OfflineGeocoder) -> None:
    loc = offline.geocode("Portland, Maine")
    assert loc.raw["region"] == "ME" and near(loc, 43.66, -70.26, 10)


def test_city_state_without_comma(offline: OfflineGeocoder) -> None:
    assert offline.geocode("Kansas City Missouri").raw["region"] == "MO"


def test_saint_abbreviation(offline: OfflineGeocoder) -> None:
    assert near(offline.geocode("St. Louis, MO"), 38.63, -90.20, 10)


def test_borough_usps_city_name(offline: OfflineGeocoder) -> None:
    loc = offline.geocode("Brooklyn, NY")
    assert loc.raw["precision"] == "city" and near(loc, 40.65, -73.95, 10)


def test_county(offline: OfflineGeocoder) -> None:
    loc = offline.geocode("Lancaster County, PA")
    assert loc.raw["precision"] == "county" and near(loc, 40.04, -76.25, 25)


def test_state_name(offline: OfflineGeocoder) -> None:
    loc = offline.geocode("Texas")
    assert loc.raw["precision"] == "region" and loc.raw["region"] == "TX"


def test_state_code(offline: OfflineGeocoder) -> None:
    assert offline.geocode("TX").raw["precision"] == "region"


def test_canadian_city(offline: OfflineGeocoder) -> None:
    loc = offline.geocode("Toronto, ON")
    assert loc.raw["country"] == "CA" and near(loc, 43.70, -79.42, 15)


def test_world_city_with_country_alias(offline: OfflineGeocoder) -> None:
    loc = offline.geocode("London, UK")
    assert loc.raw["country"] == "GB" and near(loc, 51.51, -0.13, 10)


def test_street_address_is_zip_precision_not_address(offline: OfflineGeocoder) -> None:
    loc = offline.geocode("1601 Congress Ave, Suite 200, Austin, TX 78701")
    assert loc.raw["precision"] == "postal_code" and loc.raw["postal_code"] == "78701"


def test_street_address_without_zip_is_city_precision(offline: OfflineGeocoder) -> None:
    assert offline.geocode("1601 Congress Ave, Austin, TX").raw["precision"] == "city"


def test_zip_from_another_state_is_ignored(offline: OfflineGeocoder) -> None:
    loc = offline.geocode("Austin, TX 10001")  # 10001 is Manhattan
    assert loc.raw["region"] == "TX" and loc.raw["precision"] == "city"


@pytest.mark.parametrize("text", ["Zoom", "Online", "Microsoft Teams Meeting", "Virtual"])
def test_online_only_gets_no_point(offline: OfflineGeocoder, text: str) -> None:
    assert offline.geocode(text) is None


def test_hybrid_with_city(offline: OfflineGeocoder) -> None:
    loc = offline.geocode("Chicago (hybrid)")
    assert loc.raw["attendance_mode"] == "hybrid" and near(loc, 41.88, -87.63, 10)


def test_bare_ambiguous_name_has_no_point(offline: OfflineGeocoder) -> None:
    assert offline.geocode("Springfield") is None


def test_ambiguous_candidates_are_listed(offline: OfflineGeocoder) -> None:
    locs = offline.geocode("Springfield", exactly_one=False)
    assert len(locs) > 3 and all(loc.raw["ambiguous"] for loc in locs)
    assert {"IL", "MA", "MO"} <= {loc.raw["region"] for loc in locs}


def test_state_resolves_same_name(offline: OfflineGeocoder) -> None:
    assert offline.geocode("Springfield, IL").raw["region"] == "IL"


def test_po_box_zip_is_marked(offline: OfflineGeocoder) -> None:
    po_zip = next(z for z in ("10008", "20013", "60690", "94126")
                  if offline.gazetteer.zip(z) and offline.gazetteer.zip(z).type == "P")
    assert offline.geocode(po_zip).raw["po_box"] is True


def test_standard_zip_is_not_po_box(offline: OfflineGeocoder) -> None:
    assert offline.geocode("78701").raw["po_box"] is False


def test_structured_query_dict(offline: OfflineGeocoder) -> None:
    assert offline.geocode({"city": "Austin", "state": "TX"}).raw["region"] == "TX"


def test_reverse_nearest_city(offline: OfflineGeocoder) -> None:
    loc = offline.reverse("30.27, -97.74")
    assert loc.raw["precision"] == "city" and loc.raw["region"] == "TX"


def test_reverse_in_the_ocean_is_none(offline: OfflineGeocoder) -> None:
    assert offline.reverse("0, -30") is None
