"""Issue 13 regressions at the normalize/ingest layer: time_basis, countries, places, modes.
Reduced real samples (quoted in each test), a frozen as_of, one behaviour per test."""

from __future__ import annotations

from datetime import UTC, datetime

from pipelines.ingest.listing import raw_to_listing
from pipelines.normalize.address import fill_address_from_location
from pipelines.normalize.countries import country_code
from spiders.items import RawItem

AS_OF = datetime(2024, 1, 1, tzinfo=UTC)


def raw(**kw: object) -> RawItem:
    base: dict[str, object] = {"source_id": "t", "format": "jsonld",
                               "source_url": "https://example.org/p", "title": "Board meeting"}
    return RawItem(**{**base, **kw})  # type: ignore[arg-type]


def listing(item: RawItem, **kw: object):  # noqa: ANN201 - a Listing
    fill_address_from_location(item)
    return raw_to_listing(item, as_of=AS_OF, **kw)  # type: ignore[arg-type]


# ---------------------------------------------------------------- time_basis (class 1)
def test_floating_start_with_a_kansas_venue_is_read_in_central_time() -> None:
    out = listing(raw(start="2024-01-11T10:00:00", city="Wichita", region="KS"))
    assert out.time_basis == "venue" and out.start == "2024-01-11T10:00:00-06:00"


def test_floating_start_with_nothing_known_is_marked_assumed_utc() -> None:
    out = listing(raw(start="2024-01-11T10:00:00"))
    assert out.time_basis == "assumed_utc" and out.start == "2024-01-11T10:00:00+00:00"


def test_registry_zone_is_the_source_basis() -> None:
    out = listing(raw(start="2024-01-11T10:00:00"), default_timezone="America/Denver")
    assert out.time_basis == "source" and out.start.endswith("-07:00")


def test_explicit_offset_is_the_explicit_basis() -> None:
    out = listing(raw(start="2024-01-11T10:00:00-05:00", region="CA"))
    assert out.time_basis == "explicit" and out.start == "2024-01-11T10:00:00-05:00"


def test_split_state_is_not_guessed_from_the_venue() -> None:
    out = listing(raw(start="2024-01-11T10:00:00", city="Knoxville", region="TN"))
    assert out.time_basis == "assumed_utc"


def test_listing_without_times_has_no_time_basis() -> None:
    out = listing(raw(format="roster", title="Clinical supervision with A B"))
    assert out.time_basis is None


# ---------------------------------------------------------------- country (class 10)
def test_country_names_become_iso_alpha2() -> None:
    assert [country_code(c) for c in ("United States", "US", "UK", "Netherlands")] == [
        "US", "US", "GB", "NL"]


def test_foreign_location_gives_country_and_city() -> None:
    # ics/icalendar_sixt_rental.ics LOCATION
    out = listing(raw(format="ics", start="2024-01-11T10:00:00Z", location_text=(
        "Sixt Genève Aéroport secteur France, AP de Genève Cointrin Sect(F), "
        "01210 Ferney-Voltaire, FR")))
    assert (out.city, out.country) == ("Ferney-Voltaire", "FR")


# ---------------------------------------------------------------- places (class 8)
def test_city_cell_trailing_comma_and_case_are_tidied() -> None:
    out = listing(raw(start="2024-01-11T10:00:00Z", city="Detroit,", region="Il"))
    assert (out.city, out.region) == ("Detroit", "IL")


# ---------------------------------------------------------------- attendance (class 9)
def test_venue_named_virtual_is_online() -> None:
    # tribe/cityscrapers_atl_beltline_events_list.json: venue "Virtual", city Atlanta
    out = listing(raw(format="tribe", start="2022-08-10T16:00:00Z", venue_name="Virtual",
                      city="Atlanta"))
    assert out.attendance_mode == "online"


def test_voice_chat_server_as_location_is_online() -> None:
    # ics/rie_hackerpublicradio_rdate.ics LOCATION
    out = listing(raw(format="ics", start="2013-08-03T19:00:00Z",
                      location_text="mumble.openspeak.cc port: 64747"))
    assert out.attendance_mode == "online"


def test_and_online_suffix_is_hybrid() -> None:
    out = listing(raw(start="2024-01-11T10:00:00Z",
                      location_text="Nashville, TN 37211 & Online"))
    assert out.attendance_mode == "hybrid"


def test_street_in_description_only_is_in_person() -> None:
    # jsonld/cityscrapers_cook_landbank_detail.html description (reduced)
    out = listing(raw(start="2024-09-13T10:00:00-05:00", description=(
        "The Land Transactions Committee will convene at the location of 69 W. Washington St., "
        "22nd Floor, Conference Room 'B', Chicago, Illinois")))
    assert out.attendance_mode == "in_person"


def test_and_online_suffix_stays_out_of_the_address() -> None:
    out = listing(raw(start="2024-01-11T10:00:00Z",
                      location_text="Nashville, TN 37211 & Online"))
    assert (out.city, out.region, out.postal_code, out.street) == (
        "Nashville", "TN", "37211", None)
