"""Walk tests/fixtures/realworld/manifest.json: every fact checked on PeerMap's real parse path.

Facts were read from the raw bytes by hand (README.md there); this test never edits them. The
as_of of each file is fixed from its own facts (tests/support/realworld_manifest.window_for).
Per-fact outcomes and the misses are printed (run with -s, or `python -m tools.realworld_report`).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.support.realworld_manifest import (
    TARGET,
    Tally,
    check_fact,
    describe,
    load_manifest,
    walk,
    window_for,
)


@pytest.fixture(scope="module")
def tally() -> Tally:
    return walk()


def test_no_tracebacks(tally: Tally) -> None:
    assert tally.tracebacks == []


def test_at_least_95_percent_of_facts_hold(tally: Tally) -> None:
    print("\n" + tally.summary())
    for outcome in tally.misses():
        print("  miss " + describe(outcome))
    ok, total = tally.counts()
    assert total == sum(len(e["facts"]) for e in load_manifest())
    assert ok / total >= TARGET, tally.summary()


def test_every_fact_kind_of_the_vocabulary_is_checked(tally: Tally) -> None:
    kinds = {o.fact["fact"] for o in tally.outcomes}
    assert kinds == {"event_count", "start_utc", "local_start", "all_day", "cancelled",
                     "occurrences_between", "city", "state", "country", "mode", "url", "person"}
    assert all(not o.detail.startswith("unknown fact kind") for o in tally.outcomes)


def test_as_of_is_the_day_before_the_earliest_dated_fact() -> None:
    facts = [{"fact": "start_utc", "title": "a", "value": "2019-04-16T21:30:00Z"},
             {"fact": "occurrences_between", "title": "a", "from": "2019-03-01",
              "to": "2019-09-30", "value": 3}]
    as_of, horizon = window_for(facts)
    assert as_of == datetime(2019, 2, 28, tzinfo=UTC)
    assert as_of.date().isoformat() < "2019-03-01" and horizon >= (
        datetime(2019, 9, 30, tzinfo=UTC) - as_of).days


def test_a_wrong_fact_is_reported_as_a_miss(tally: Tally) -> None:
    from tests.support.realworld_manifest import run_file
    entry = next(e for e in load_manifest() if e["file"].startswith("ics/"))
    count = next(f for f in entry["facts"] if f["fact"] == "event_count")
    ok, detail = check_fact(run_file(entry), {**count, "value": count["value"] + 1})
    assert not ok and "listings" in detail
