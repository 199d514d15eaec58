"""A removal through the manage link is honoured at once: the published snapshot still holds the
listing until the next run, but the map and the result lists drop it on the next page load."""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb
import pytest
import streamlit as st

from pipelines.core.config import Paths
from pipelines.submissions.store import SubmissionStore, removed_ids
from tests.support.apptest import PAGES, card_titles, run_app
from tests.support.submissions import NOW, publish_suggestions, stored

AS_OF = datetime(2026, 3, 3, 15, 0, tzinfo=UTC)
KEPT = "Austin Peer Consultation Circle"
REMOVED = "Hill Country DBT Consultation Team"


@pytest.fixture
def data(tmp_path, monkeypatch):
    st.cache_data.clear()
    st.cache_resource.clear()
    monkeypatch.setenv("PEERMAP_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PEERMAP_AS_OF", AS_OF.isoformat())
    paths = Paths(tmp_path)
    _, token = stored(paths.submissions, "approved")
    stored(paths.submissions, "approved", title=KEPT, city="Austin", street="1 Congress Ave",
           postal_code="78701", organizer_name="Sam Lee")
    publish_suggestions(tmp_path, AS_OF)
    return {"paths": paths, "token": token}


def _published_titles(paths: Paths) -> list[str]:
    con = duckdb.connect(str(paths.published), read_only=True)
    try:
        return sorted(r[0] for r in con.execute("SELECT title FROM listings").fetchall())
    finally:
        con.close()


def _remove_through_the_manage_link(token: str) -> None:
    at = run_app({"token": token}, script=PAGES / "4_Manage_your_listing.py")
    at.checkbox(key="manage_sure").check().run()
    at = next(b for b in at.button if b.key == "manage_remove").click().run()
    assert at.success and "Removed" in at.success[0].value


def test_a_removed_listing_leaves_the_map_before_the_next_run(data):
    assert sorted(card_titles(run_app())) == sorted([KEPT, REMOVED])
    _remove_through_the_manage_link(data["token"])
    assert _published_titles(data["paths"]) == sorted([KEPT, REMOVED])  # no run since
    assert card_titles(run_app()) == [KEPT]


def test_the_next_run_suppresses_it_for_good(data):
    _remove_through_the_manage_link(data["token"])
    publish_suggestions(data["paths"].data_dir, AS_OF.replace(day=4), run_id="run-2")
    assert _published_titles(data["paths"]) == [KEPT]
    assert card_titles(run_app()) == [KEPT]


def test_removed_ids_reads_without_creating_a_store(tmp_path):
    missing = tmp_path / "none" / "submissions.sqlite3"
    assert removed_ids(missing) == frozenset() and not missing.parent.exists()
    sid, _ = stored(tmp_path / "s.sqlite3", "approved")
    with SubmissionStore(tmp_path / "s.sqlite3") as store:
        store.transition(sid, "removed", NOW, actor="organizer")
    assert removed_ids(tmp_path / "s.sqlite3") == frozenset({sid})
    (tmp_path / "broken.sqlite3").write_bytes(b"not a database")
    assert removed_ids(tmp_path / "broken.sqlite3") == frozenset()
