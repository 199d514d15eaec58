"""The Operator page in Streamlit's AppTest: the token gate, and each pending suggestion's saved
review (likely duplicates already on the map, the classifier's kind check)."""

from __future__ import annotations

import pytest

from pipelines.submissions.reviews import Duplicate, Review, save_reviews
from pipelines.submissions.store import SubmissionStore
from tests.support.apptest import PAGES, run_app
from tests.support.submissions import NOW, SECRET_EMAIL, stored

PAGE = PAGES / "5_Operator.py"
TOKEN = "s3cret-operator-token-for-tests"
FLAG = "classifier reads this as 'consult_group', the organizer chose 'supervision' (kept)"
DUPLICATE = Duplicate("pm_0123456789ab", "Hill Country DBT Consultation Team <b>",
                      "Fredericksburg", "hill-country-ics", 0.9)


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.setenv("PEERMAP_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PEERMAP_AS_OF", "2026-03-02T16:00:00+00:00")
    monkeypatch.setenv("PEERMAP_OPERATOR_TOKEN", TOKEN)
    return tmp_path / "submissions.sqlite3"


def _review(path, sid: int, *, flag: str | None, duplicates: list[Duplicate]) -> None:
    with SubmissionStore(path) as store:
        item = store.get(sid)
        save_reviews(store, [Review(sid, "2026-03-02T15:30:00+00:00", item.updated_at,
                                    "2026-03-02T15:00:00+00:00", "consult_group", flag,
                                    duplicates)])


def _enter(token: str):
    at = run_app(script=PAGE)
    at.text_input(key="operator_entered").input(token)
    return next(b for b in at.button if b.label == "Enter").click().run()


def _texts(at) -> str:
    return "\n".join(t.value for t in at.text)


def test_the_page_is_off_without_the_variable(data, monkeypatch):
    monkeypatch.delenv("PEERMAP_OPERATOR_TOKEN")
    stored(data, "pending")
    at = run_app(script=PAGE)
    assert at.info and "PEERMAP_OPERATOR_TOKEN" in at.info[0].value
    assert not at.subheader and not at.text_input


def test_a_wrong_token_shows_nothing_of_the_queue(data):
    sid, _ = stored(data, "pending")
    _review(data, sid, flag=FLAG, duplicates=[DUPLICATE])
    at = _enter("not-the-token")
    assert at.error and "not the operator token" in at.error[0].value
    assert not at.subheader and "pm_0123456789ab" not in _texts(at)
    assert not any(FLAG in w.value for w in at.warning)


def test_a_pending_suggestion_shows_its_likely_duplicate_and_the_kind_flag(data):
    sid, _ = stored(data, "pending", kind="supervision")
    _review(data, sid, flag=FLAG, duplicates=[DUPLICATE])
    at = _enter(TOKEN)
    assert not at.error, [e.value for e in at.error]
    assert f"#{sid}" in [s.value for s in at.subheader]
    warnings = [w.value for w in at.warning]
    assert any("Kind check" in w and "organizer" in w and "supervision" in w for w in warnings)
    assert any("Likely already on the map" in w for w in warnings)
    texts = _texts(at)
    assert ("Likely duplicate of pm_0123456789ab (hill-country-ics): Hill Country DBT "
            "Consultation Team <b> — Fredericksburg") in texts  # as text, never as HTML
    assert SECRET_EMAIL not in texts + "\n".join(m.value for m in at.markdown)


def test_approving_keeps_the_kind_flag_in_the_history_and_the_organizers_kind(data):
    sid, _ = stored(data, "pending", kind="supervision")
    _review(data, sid, flag=FLAG, duplicates=[])
    at = _enter(TOKEN)
    at = next(b for b in at.button if b.key == f"approve-{sid}").click().run()
    assert at.success and "approved" in at.success[0].value
    with SubmissionStore(data) as store:
        item = store.get(sid)
        history = store.history(sid)
    assert item.state == "approved" and item.submission.kind == "supervision"
    assert history[-1]["event"] == "approved" and history[-1]["reason"] == FLAG


def test_a_suggestion_with_no_review_yet_says_how_to_get_one(data):
    stored(data, "pending")
    at = _enter(TOKEN)
    assert any("Not checked yet" in i.value and "peermap submissions list" in i.value
               for i in at.info)
    assert not at.warning


def test_a_review_older_than_the_last_edit_is_marked_stale(data):
    sid, _ = stored(data, "pending")
    _review(data, sid, flag=None, duplicates=[])
    with SubmissionStore(data) as store:
        item = store.get(sid)
        store.edit(sid, item.submission, NOW.replace(hour=16))
    at = _enter(TOKEN)
    assert any("before the last change" in i.value for i in at.info)


def test_an_agreeing_classifier_and_no_duplicate_are_said_plainly(data):
    sid, _ = stored(data, "pending")
    _review(data, sid, flag=None, duplicates=[])
    at = _enter(TOKEN)
    captions = [c.value for c in at.caption]
    assert any("the classifier agrees" in c for c in captions)
    assert "No likely duplicate on the map." in captions
    assert not at.warning
