"""The store links the same event listed by two sources, and keeps the link on later runs."""

from __future__ import annotations

from datetime import timedelta

from tests.support.store_builders import AS_OF, listing, result


def test_store_links_the_same_event_from_two_sources(store):
    store.record_run("r1", AS_OF, [
        result("assoc", [listing("u1")]),
        result("eventbrite", [listing("e1", source_id="eventbrite",
                                      title="EMDR Consult Group | Austin")]),
    ])
    merged = store.listings()
    assert len(merged) == 1
    assert merged[0].source_ids == ["assoc", "eventbrite"]
    later = AS_OF + timedelta(days=1)
    store.record_run("r2", later, [result("eventbrite", [listing(
        "e1", source_id="eventbrite", title="EMDR Consult Group | Austin")])])
    assert [x.id for x in store.listings()] == [merged[0].id]
