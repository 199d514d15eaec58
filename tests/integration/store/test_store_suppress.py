from __future__ import annotations

from datetime import timedelta

import duckdb
import pytest

from pipelines.publish import publish_store
from pipelines.store import SuppressionError
from tests.support.store_builders import AS_OF, listing, result

ITEMS = [
    listing("u1", organizer="Austin EMDR Network", contact_email="Jo@EMDR-Austin.org",
            url="https://www.emdr-austin.org/events/dec"),
    listing("u2", title="DBT Team", organizer="Dallas DBT", city="Dallas",
            contact_email="team@dbt.example", url="https://dbt.example/meet"),
]


def _visible(store, tmp_path):
    dest = tmp_path / "pub.duckdb"
    publish_store(store, dest, AS_OF)
    with duckdb.connect(str(dest), read_only=True) as con:
        return {r[0] for r in con.execute("SELECT title FROM listings").fetchall()}


@pytest.mark.parametrize(("kind", "value"), [
    ("organizer", "austin  emdr network"),
    ("email", "jo@emdr-austin.org"),
    ("domain", "emdr-austin.org"),
    ("url_pattern", "https://www.emdr-austin.org/events/*"),
])
def test_each_kind_hides_the_matching_listing(store, tmp_path, kind, value):
    store.record_run("r1", AS_OF, [result("assoc", ITEMS)])
    assert store.suppress(kind, value, "opt-out request") == 1
    assert _visible(store, tmp_path) == {"DBT Team"}


def test_suppression_by_listing_id(store, tmp_path):
    store.record_run("r1", AS_OF, [result("assoc", ITEMS)])
    target = next(x.id for x in store.listings() if x.title == "DBT Team")
    store.suppress("listing_id", target, "asked by organizer")
    assert _visible(store, tmp_path) == {"EMDR Consultation Group"}


def test_suppressed_listing_stays_hidden_when_recrawled(store, tmp_path):
    store.record_run("r1", AS_OF, [result("assoc", ITEMS)])
    store.suppress("domain", "dbt.example", "opt-out")
    store.record_run("r2", AS_OF + timedelta(hours=1), [result("assoc", ITEMS)])
    assert _visible(store, tmp_path) == {"EMDR Consultation Group"}


def test_suppression_applies_to_listings_first_seen_later(store, tmp_path):
    store.suppress("organizer", "Dallas DBT", "opt-out")
    store.record_run("r1", AS_OF, [result("assoc", ITEMS)])
    assert _visible(store, tmp_path) == {"EMDR Consultation Group"}


def test_unsuppress_brings_it_back(store, tmp_path):
    store.record_run("r1", AS_OF, [result("assoc", ITEMS)])
    store.suppress("email", "team@dbt.example", "opt-out")
    assert store.unsuppress("email", "TEAM@dbt.example") is True
    assert _visible(store, tmp_path) == {"EMDR Consultation Group", "DBT Team"}


def test_unknown_kind_is_refused(store):
    with pytest.raises(SuppressionError):
        store.suppress("phone", "555", "nope")
