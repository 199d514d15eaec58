"""GeocoderChain order, the DuckDB cache, the precision cap and locate_listing."""

from __future__ import annotations

import duckdb
import pytest
from geopy.exc import GeocoderServiceError

from pipelines.cli.geocode import geocode_batch, geocode_one
from pipelines.core.model import Listing
from pipelines.geocode.cache import GeocodeCache
from pipelines.geocode.chain import GeocoderChain
from pipelines.geocode.locate import apply_precision_cap, locate_listing
from pipelines.geocode.lookup import OfflineLookup
from pipelines.geocode.resolve import GeoResult


class CountingBackend:
    """An online backend double that records every call."""

    attribution = "test"

    def __init__(self, name: str, answers: dict[str, GeoResult] | None = None,
                 fail: bool = False) -> None:
        self.name = name
        self.answers = answers or {}
        self.fail = fail
        self.calls: list[str] = []

    def lookup(self, text: str) -> GeoResult:
        self.calls.append(text)
        if self.fail:
            raise GeocoderServiceError("down")
        return self.answers.get(text, GeoResult(source=self.name))


STREET = "1601 Congress Ave, Austin, TX 78701"
POINT = GeoResult(30.2747, -97.7404, "address", "1601 Congress Ave", "fake", "TX", "US", "78701")


def listing(**kw: object) -> Listing:
    return Listing(id="l1", kind="consult_group", title="Group", source_id="s",
                   source_url="https://example.org", **kw)  # type: ignore[arg-type]


@pytest.fixture()
def con() -> duckdb.DuckDBPyConnection:
    return duckdb.connect(":memory:")


def test_cache_creates_its_table(con: duckdb.DuckDBPyConnection) -> None:
    GeocodeCache(con)
    assert con.execute("SELECT count(*) FROM geocode_cache").fetchone() == (0,)


def test_online_answer_is_not_asked_twice_across_chains(con, offline) -> None:
    backend = CountingBackend("fake", {STREET: POINT})
    first = GeocoderChain(offline, [backend], GeocodeCache(con)).resolve(STREET)
    second = GeocoderChain(offline, [backend], GeocodeCache(con)).resolve(STREET)
    assert (first.via, second.via, len(backend.calls)) == ("fake", "cache", 1)


def test_negative_answer_is_cached(con, offline) -> None:
    backend = CountingBackend("fake")
    GeocoderChain(offline, [backend], GeocodeCache(con)).resolve("Nowhereville Xyz")
    answer = GeocoderChain(offline, [backend], GeocodeCache(con)).resolve("Nowhereville Xyz")
    assert not answer.result.found and len(backend.calls) == 1


def test_negative_is_retried_when_a_new_backend_is_configured(con, offline) -> None:
    GeocoderChain(offline, [CountingBackend("a")], GeocodeCache(con)).resolve("Nowhereville Xyz")
    b = CountingBackend("b")
    GeocoderChain(offline, [CountingBackend("a"), b], GeocodeCache(con)).resolve("Nowhereville Xyz")
    assert len(b.calls) == 1


def test_backend_failure_is_not_cached(con, offline) -> None:
    down = CountingBackend("fake", fail=True)
    GeocoderChain(offline, [down], GeocodeCache(con)).resolve("Nowhereville Xyz")
    assert len(GeocodeCache(con)) == 0


def test_source_coordinates_win_over_text(offline) -> None:
    backend = CountingBackend("fake")
    answer = GeocoderChain(offline, [backend]).resolve("Austin, TX", source_point=(40.0, -75.0))
    assert answer.via == "source" and answer.result.lat == 40.0 and backend.calls == []


def test_offline_answers_before_online(offline) -> None:
    backend = CountingBackend("fake")
    answer = GeocoderChain(offline, [backend]).resolve("Austin, TX")
    assert answer.via == "offline" and backend.calls == []


def test_street_address_goes_online_first_when_configured(offline) -> None:
    backend = CountingBackend("fake", {STREET: POINT})
    assert GeocoderChain(offline, [backend]).resolve(STREET).result.precision == "address"


def test_street_address_falls_back_to_offline_zip(offline) -> None:
    answer = GeocoderChain(offline, [CountingBackend("fake")]).resolve(STREET)
    assert (answer.via, answer.result.precision) == ("offline", "postal_code")


def test_ambiguous_is_never_sent_online(offline) -> None:
    backend = CountingBackend("fake")
    answer = GeocoderChain(offline, [backend]).resolve("Springfield")
    assert answer.result.ambiguous and backend.calls == []


def test_in_memory_lru_skips_repeat_work(offline) -> None:
    backend = CountingBackend("fake")
    chain = GeocoderChain(offline, [backend])
    chain.resolve("Nowhereville Xyz")
    chain.resolve("Nowhereville Xyz")
    assert len(backend.calls) == 1


def test_cap_coarsens_address_to_zip_centroid() -> None:
    lat, lon, precision = apply_precision_cap(30.2747, -97.7404, "address", "postal_code",
                                              postal_code="78701")
    assert precision == "postal_code" and (lat, lon) != (30.2747, -97.7404)


def test_cap_city_coarsens_to_city_centroid() -> None:
    assert apply_precision_cap(30.2747, -97.7404, "address", "city")[2] == "city"


def test_cap_leaves_coarser_points_alone() -> None:
    assert apply_precision_cap(30.27, -97.74, "city", "postal_code") == (30.27, -97.74, "city")


def test_cap_drops_points_far_from_any_centroid() -> None:
    assert apply_precision_cap(0.5, -30.0, "address", "city") == (None, None, "none")


def test_locate_online_listing_gets_no_point(offline) -> None:
    item = listing(attendance_mode="online", city="Austin", region="TX")
    locate_listing(item, GeocoderChain(offline))
    assert (item.lat, item.geo_precision) == (None, "none")


def test_locate_uses_structured_address(offline) -> None:
    item = listing(street="1601 Congress Ave", city="Austin", region="TX", postal_code="78701")
    locate_listing(item, GeocoderChain(offline))
    assert item.geo_precision == "postal_code" and item.lat is not None


def test_locate_keeps_source_coordinates(offline) -> None:
    item = listing(lat=30.2747, lon=-97.7404, geo_precision="source")
    locate_listing(item, GeocoderChain(offline))
    assert (item.lat, item.lon, item.geo_precision) == (30.2747, -97.7404, "source")


def test_locate_drops_zero_zero_and_geocodes_text(offline) -> None:
    item = listing(lat=0.0, lon=0.0, geo_precision="source", city="Austin", region="TX")
    locate_listing(item, GeocoderChain(offline))
    assert item.geo_precision == "city" and item.lat != 0.0


def test_locate_caps_home_supervisor_address(offline) -> None:
    item = listing(lat=30.2747, lon=-97.7404, geo_precision="source", postal_code="78701")
    locate_listing(item, GeocoderChain(offline), precision_cap="city")
    assert item.geo_precision == "city" and item.lat != 30.2747


def test_locate_ambiguous_venue_gets_no_point(offline) -> None:
    item = listing(venue_name="Springfield")
    locate_listing(item, GeocoderChain(offline))
    assert (item.lat, item.geo_precision) == (None, "none")


def test_locate_venue_text_marks_hybrid(offline) -> None:
    item = listing(venue_name="Chicago (hybrid)")
    locate_listing(item, GeocoderChain(offline))
    assert item.attendance_mode == "hybrid" and item.geo_precision == "city"


def test_cli_geocode_one_shape(offline) -> None:
    out = geocode_one("Chicago (hybrid)", GeocoderChain(offline))
    assert {"lat", "lon", "precision", "label", "attendance_mode", "ambiguous"} <= set(out)
    assert out["attendance_mode"] == "hybrid"


def test_cli_geocode_batch_skips_blank_lines(offline) -> None:
    rows = list(geocode_batch(["78701", "", "Springfield"], GeocoderChain(offline)))
    assert [r["ambiguous"] for r in rows] == [False, True]


def test_from_config_offline_only_needs_no_network() -> None:
    chain = GeocoderChain.from_config({"online": []})
    assert isinstance(chain.offline, OfflineLookup) and chain.online == []


def test_locate_canadian_listing_with_postcode(offline) -> None:
    item = listing(street="290 Bremner Blvd", city="Toronto", region="ON",
                   postal_code="M5V 3L9", country="CA")
    locate_listing(item, GeocoderChain(offline))
    assert item.geo_precision == "city" and 43 < item.lat < 44


def test_locate_iso_country_is_not_read_as_a_state(offline) -> None:
    item = listing(city="Berlin", country="DE")  # Germany, not Delaware
    locate_listing(item, GeocoderChain(offline))
    assert item.lon is not None and item.lon > 0
