"""The manage page's edit form checks like the suggest form: a bad edit gets a clear message per
field and changes nothing (content, state and history stay as they were, so nothing new is
published); a good edit goes back to moderation."""

from __future__ import annotations

import pytest

from pipelines.submissions.store import SubmissionStore
from tests.support.apptest import PAGES, run_app
from tests.support.submissions import stored

PAGE = PAGES / "4_Manage_your_listing.py"


@pytest.fixture
def approved(tmp_path, monkeypatch):
    monkeypatch.setenv("PEERMAP_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PEERMAP_AS_OF", "2026-03-02T16:00:00+00:00")
    path = tmp_path / "submissions.sqlite3"
    sid, token = stored(path, "approved")
    return path, sid, token


def _edit(token: str, **fields: str):
    at = run_app({"token": token}, script=PAGE)
    for key, value in fields.items():
        widget = at.text_area(key=key) if key == "edit_description" else at.text_input(key=key)
        widget.input(value)
    return next(b for b in at.button if b.label == "Save changes").click().run()


def _snapshot(path, sid):
    with SubmissionStore(path) as store:
        return store.get(sid), store.history(sid)


@pytest.mark.parametrize(("fields", "name", "words"), [
    ({"edit_title": ""}, "title", "required"),
    ({"edit_contact": "javascript:alert(1)"}, "public contact", "https://"),
    ({"edit_description": "x" * 100_000}, "description", "too long"),
    ({"edit_time": "25:99"}, "time", ""),
])
def test_a_bad_edit_is_refused_with_a_field_message_and_changes_nothing(approved, fields, name,
                                                                        words):
    path, sid, token = approved
    before = _snapshot(path, sid)
    at = _edit(token, **fields)
    messages = [w.value for w in at.warning]
    assert any(m.startswith(name) and words in m for m in messages), messages
    assert not at.success
    assert _snapshot(path, sid) == before  # still approved, same content, no history row


def test_a_good_edit_goes_back_to_moderation(approved):
    path, sid, token = approved
    at = _edit(token, edit_title="Hill Country DBT Consultation Team (Tuesdays)")
    assert at.success and "review" in at.success[0].value
    item, history = _snapshot(path, sid)
    assert item.state == "pending" and item.submission.title.endswith("(Tuesdays)")
    assert history[-1]["event"] == "edited"
