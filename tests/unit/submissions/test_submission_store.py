"""The SQLite store: WAL, hashed tokens, full history, state machine, expiry, privacy."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from pipelines.submissions.expiry import expire_due
from pipelines.submissions.states import TransitionError, next_state
from pipelines.submissions.store import SubmissionError, SubmissionStore, hash_token
from tests.support.submissions import NOW, SECRET_EMAIL, good_submission, stored


@pytest.fixture
def db(tmp_path):
    return tmp_path / "submissions.sqlite3"


def test_the_store_runs_in_wal_mode_with_a_busy_timeout(db):
    with SubmissionStore(db) as store:
        assert store.con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.con.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_manage_tokens_are_stored_hashed_only(db):
    sid, token = stored(db)
    raw = sqlite3.connect(db).execute("SELECT * FROM submissions").fetchall()
    assert token not in repr(raw) and hash_token(token) in repr(raw)
    with SubmissionStore(db) as store:
        assert store.by_token(token).id == sid
        with pytest.raises(SubmissionError):
            store.by_token(token + "x")


def test_the_submitter_email_is_kept_apart_from_the_content(db):
    sid, _ = stored(db)
    with SubmissionStore(db) as store:
        item = store.get(sid)
        assert item.submission.submitter_email == ""
        assert SECRET_EMAIL not in repr(item)
        assert store.submitter_email(sid) == SECRET_EMAIL
        content = store.con.execute("SELECT data FROM submissions").fetchone()[0]
        assert SECRET_EMAIL not in content


def test_every_change_is_one_history_row(db):
    sid, _ = stored(db)
    with SubmissionStore(db) as store:
        store.transition(sid, "approved", NOW, actor="operator")
        store.edit(sid, good_submission(title="Hill Country DBT Team (Tuesdays)"),
                   NOW + timedelta(days=1))
        store.transition(sid, "rejected", NOW + timedelta(days=2), actor="operator",
                         reason="duplicate of pm_123")
        events = [(h["event"], h["to_state"], h["reason"]) for h in store.history(sid)]
    assert events == [("submitted", "pending", ""), ("approved", "approved", ""),
                      ("edited", "pending", ""), ("rejected", "rejected", "duplicate of pm_123")]


def test_a_refused_transition_changes_nothing(db):
    sid, _ = stored(db, "rejected")
    with SubmissionStore(db) as store:
        with pytest.raises(TransitionError, match="cannot mark a rejected submission approved"):
            store.transition(sid, "approved", NOW, actor="operator")
        assert store.get(sid).state == "rejected"
        assert len(store.history(sid)) == 2


@pytest.mark.parametrize(("state", "event", "target"), [
    ("pending", "approved", "approved"), ("pending", "rejected", "rejected"),
    ("approved", "expired", "expired"),
    ("expired", "confirmed", "approved"), ("approved", "edited", "pending"),
    ("rejected", "removed", "removed"),
])
def test_state_machine_moves(state, event, target):
    assert next_state(state, event) == target


@pytest.mark.parametrize(("state", "event"), [("removed", "confirmed"), ("removed", "edited"),
                                              ("pending", "confirmed"), ("pending", "expired"),
                                              ("approved", "approved")])
def test_state_machine_refuses(state, event):
    with pytest.raises(TransitionError):
        next_state(state, event)


def test_approval_expires_after_the_ttl_unless_confirmed(db):
    sid, _ = stored(db, "approved")
    other, _ = stored(db, "approved")
    with SubmissionStore(db) as store:
        store.transition(other, "confirmed", NOW + timedelta(days=100), actor="organizer")
        assert expire_due(store, NOW + timedelta(days=119), 120) == []
        assert expire_due(store, NOW + timedelta(days=120), 120) == [sid]
        assert store.get(sid).state == "expired" and store.get(other).state == "approved"
        store.transition(sid, "confirmed", NOW + timedelta(days=130), actor="organizer")
        assert store.get(sid).state == "approved"
        assert store.get(sid).confirmed_day == (NOW + timedelta(days=130)).date().isoformat()


def test_list_filters_by_status_and_names_a_bad_one(db):
    stored(db, "approved")
    stored(db, "pending")
    with SubmissionStore(db) as store:
        assert [i.state for i in store.list(("pending",))] == ["pending"]
        assert store.counts()["approved"] == 1
        with pytest.raises(SubmissionError, match="unknown status"):
            store.list(("waiting",))


def test_a_reader_sees_committed_rows_while_another_connection_writes(db):
    stored(db, "approved")
    with SubmissionStore(db) as writer, SubmissionStore(db) as reader:
        writer.con.execute("BEGIN IMMEDIATE")
        writer.con.execute("UPDATE submissions SET state = 'removed'")
        assert [i.state for i in reader.list()] == ["approved"]  # WAL: not blocked, old view
        writer.con.execute("COMMIT")
        assert [i.state for i in reader.list()] == ["removed"]
