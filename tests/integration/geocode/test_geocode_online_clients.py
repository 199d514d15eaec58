"""Online backends against a fake geocoder on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import duckdb
import pytest
from geopy.exc import ConfigurationError, GeocoderServiceError

from pipelines.geocode.census import CensusGeocoder
from pipelines.geocode.chain import GeocoderChain
from pipelines.geocode.online import GeocodeConfig, build_backend
from tests.support.geocode_fakes import FakeGeocoderServer, json_route

UA = "peermap-tests/1.0 (ops@example.org)"
ADDRESS = "1601 Congress Ave, Austin, TX 78701"
NOMINATIM_HIT = [{
    "lat": "30.2747", "lon": "-97.7404", "display_name": "1601, Congress Avenue, Austin",
    "addresstype": "building", "type": "yes",
    "address": {"postcode": "78701", "country_code": "us", "ISO3166-2-lvl4": "US-TX"},
}]
PHOTON_HIT = {"type": "FeatureCollection", "features": [{
    "geometry": {"type": "Point", "coordinates": [-97.7404, 30.2747]},
    "properties": {"type": "house", "name": "Texas Capitol", "countrycode": "US",
                   "postcode": "78701", "state": "Texas"},
}]}
PELIAS_HIT = {"type": "FeatureCollection", "features": [{
    "geometry": {"type": "Point", "coordinates": [-97.7404, 30.2747]},
    "properties": {"layer": "address", "name": "1601 Congress Ave", "region_a": "TX",
                   "country_code": "US", "postalcode": "78701"},
}]}
CENSUS_HIT = {"result": {"input": {}, "addressMatches": [{
    "matchedAddress": "1601 CONGRESS AVE, AUSTIN, TX, 78701",
    "coordinates": {"x": -97.7404, "y": 30.2747},
    "addressComponents": {"zip": "78701", "city": "AUSTIN", "state": "TX"},
}]}}


def backend(kind: str, server: FakeGeocoderServer, **extra: object):
    return build_backend(GeocodeConfig.from_dict(
        {"online": [{"backend": kind, "url": server.url, "user_agent": UA, **extra}]}).online[0])


def test_nominatim_answer_is_address_precision(fake_server: FakeGeocoderServer) -> None:
    fake_server.routes["/search"] = json_route(NOMINATIM_HIT)
    result = backend("nominatim", fake_server).lookup(ADDRESS)
    assert (result.precision, result.region, result.postal_code) == ("address", "TX", "78701")


def test_nominatim_sends_identifying_user_agent(fake_server: FakeGeocoderServer) -> None:
    fake_server.routes["/search"] = json_route(NOMINATIM_HIT)
    backend("nominatim", fake_server).lookup(ADDRESS)
    _, query, headers = fake_server.requests[0]
    assert headers["User-Agent"] == UA and query["q"] == [ADDRESS]


def test_nominatim_rate_limit_is_at_least_one_second(fake_server: FakeGeocoderServer) -> None:
    nominatim = backend("nominatim", fake_server, min_delay_seconds=0.1)
    assert nominatim._geocode.min_delay_seconds >= 1.0
    assert "OpenStreetMap" in nominatim.attribution


def test_nominatim_empty_answer_is_not_found(fake_server: FakeGeocoderServer) -> None:
    fake_server.routes["/search"] = json_route([])
    assert not backend("nominatim", fake_server).lookup("Nowhere").found


def test_photon_by_url(fake_server: FakeGeocoderServer) -> None:
    fake_server.routes["/api"] = json_route(PHOTON_HIT)
    result = backend("photon", fake_server, min_delay_seconds=0).lookup(ADDRESS)
    assert (result.lat, result.lon, result.precision) == (30.2747, -97.7404, "address")


def test_pelias_by_url(fake_server: FakeGeocoderServer) -> None:
    fake_server.routes["/v1/search"] = json_route(PELIAS_HIT)
    result = backend("pelias", fake_server, min_delay_seconds=0).lookup(ADDRESS)
    assert (result.precision, result.region) == ("address", "TX")


def test_census_one_line_address(fake_server: FakeGeocoderServer) -> None:
    fake_server.routes["/geocoder/locations/onelineaddress"] = json_route(CENSUS_HIT)
    result = CensusGeocoder(fake_server.url, user_agent=UA).lookup(ADDRESS)
    assert (result.lat, result.lon, result.precision) == (30.2747, -97.7404, "address")


def test_census_no_match(fake_server: FakeGeocoderServer) -> None:
    fake_server.routes["/geocoder/locations/onelineaddress"] = json_route(
        {"result": {"addressMatches": []}})
    assert not CensusGeocoder(fake_server.url, user_agent=UA).lookup("nowhere").found


def test_census_batch(fake_server: FakeGeocoderServer) -> None:
    answer = ('"1","1601 Congress Ave, Austin, TX, 78701","Match","Exact",'
              '"1601 CONGRESS AVE, AUSTIN, TX, 78701","-97.7404,30.2747","1","L"\n'
              '"2","1 Nowhere Rd, Austin, TX, 78701","No_Match"\n')
    fake_server.routes["/geocoder/locations/addressbatch"] = (
        lambda _q, body: ("text/csv", answer.encode()) if b"Congress" in body else ("", b""))
    results = CensusGeocoder(fake_server.url, user_agent=UA).lookup_batch(
        [("1", "1601 Congress Ave", "Austin", "TX", "78701"),
         ("2", "1 Nowhere Rd", "Austin", "TX", "78701")])
    assert results["1"].lat == 30.2747 and not results["2"].found


def test_census_server_error_raises(fake_server: FakeGeocoderServer) -> None:
    with pytest.raises(GeocoderServiceError):
        CensusGeocoder(fake_server.url, user_agent=UA).lookup(ADDRESS)  # no route: 404


def test_chain_with_census_caches_the_answer(fake_server: FakeGeocoderServer, offline) -> None:
    fake_server.routes["/geocoder/locations/onelineaddress"] = json_route(CENSUS_HIT)
    con = duckdb.connect(":memory:")
    config = {"online": [{"backend": "census", "url": fake_server.url, "user_agent": UA}]}
    for _ in range(2):
        answer = GeocoderChain.from_config(config, con).resolve(ADDRESS)
        assert answer.result.precision == "address"
    assert fake_server.hits("/geocoder/locations/onelineaddress") == 1


def test_backend_needs_a_user_agent() -> None:
    with pytest.raises(ConfigurationError):
        build_backend(GeocodeConfig.from_dict({"online": [{"backend": "nominatim"}]}).online[0])


def test_unknown_config_key_is_rejected() -> None:
    with pytest.raises(ValueError):
        GeocodeConfig.from_dict({"online": [{"backend": "nominatim", "uesr_agent": UA}]})
