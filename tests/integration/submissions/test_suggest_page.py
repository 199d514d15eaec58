"""The "Suggest a listing" page in Streamlit's AppTest: good input is previewed and stored;
bad input gets a clear message and stores nothing."""

from __future__ import annotations

from datetime import date

import pytest

from pipelines.submissions.store import SubmissionStore
from tests.support.apptest import PAGES, run_app
from tests.support.submissions import SECRET_EMAIL

PAGE = PAGES / "3_Suggest_a_listing.py"
AS_OF = "2026-03-02T15:00:00+00:00"


@pytest.fixture
def data(tmp_path, monkeypatch):
    monkeypatch.setenv("PEERMAP_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PEERMAP_AS_OF", AS_OF)
    return tmp_path


def _fill(at, **changes):
    text = {"sub_title": "Hill Country DBT Consultation Team",
            "sub_description": "Weekly DBT consultation for rural clinicians.",
            "sub_street": "100 Main St", "sub_city": "Fredericksburg", "sub_zip": "78624",
            "sub_organizer": "Dana Ortiz", "sub_contact": "dana@example.org",
            "sub_email": SECRET_EMAIL, "sub_time": "12:00"}
    text.update({k: v for k, v in changes.items()
                 if k in text or k in ("sub_website", "sub_online")})
    for key, value in text.items():
        at.text_input(key=key).input(value) if key != "sub_description" else \
            at.text_area(key=key).input(value)
    at.selectbox(key="sub_state").select("TX")
    at.selectbox(key="sub_zone").select("America/Chicago")
    at.selectbox(key="sub_pattern").select(changes.get("pattern", "weekly"))
    if "mode" in changes:
        at.selectbox(key="sub_mode").select(changes["mode"])
    at.date_input(key="sub_date").set_value(changes.get("date", date(2026, 3, 10)))
    at.checkbox(key="sub_consent").check()
    return at


def _press(at, label):
    return next(b for b in at.button if b.label == label).click().run()


def _stored(data) -> int:
    path = data / "submissions.sqlite3"
    if not path.exists():
        return 0
    with SubmissionStore(path) as store:
        return sum(store.counts().values())


def test_good_input_is_previewed_then_sent_with_a_manage_link(data):
    at = _press(_fill(run_app(script=PAGE)), "Check and preview")
    assert not at.error, [e.value for e in at.error]
    assert "Preview" in [s.value for s in at.subheader]
    assert any("Hill Country DBT Consultation Team" in m.value for m in at.markdown)
    assert _stored(data) == 0  # a preview stores nothing
    at = _press(at, "Send")
    assert at.success and "waiting for review" in at.success[0].value
    assert _stored(data) == 1
    assert any("Manage_your_listing?token=" in c.value for c in at.code)


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"sub_title": ""}, "title", "required"),
    ({"pattern": "once", "date": date(2026, 2, 1)}, "date", "already passed"),
    ({"sub_zip": "7862X"}, "postal code", "ZIP"),
    ({"sub_contact": "javascript:alert(1)"}, "public contact", "https://"),
    ({"sub_description": "x" * 100_000}, "description", "too long"),
    ({"mode": "online", "sub_street": "", "sub_online": "javascript:alert(1)"}, "online url",
     "https://"),
])
def test_bad_input_gets_a_field_message_and_nothing_is_stored(data, changes, field, words):
    at = _press(_fill(run_app(script=PAGE), **changes), "Check and preview")
    messages = [w.value for w in at.warning]
    assert any(m.startswith(field) and words in m for m in messages), messages
    assert not [b for b in at.button if b.label == "Send"]
    assert _stored(data) == 0


def test_a_filled_honeypot_is_refused_with_a_clear_message(data):
    at = _press(_fill(run_app(script=PAGE), sub_website="http://spam.example"),
                "Check and preview")
    assert at.error and "could not be sent" in at.error[0].value
    assert not [b for b in at.button if b.label == "Send"]
    assert _stored(data) == 0
