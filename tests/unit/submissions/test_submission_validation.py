"""The form's checks: each bad input gets a message on its own field; good input passes."""

from __future__ import annotations

import pytest

from pipelines.submissions.validate import FORM, check_form, url_allowed
from tests.support.submissions import TODAY, good_form


def _errors(**changes):
    sub, errors = check_form(good_form(**changes), today=TODAY)
    assert sub is None
    return errors


def test_a_complete_form_becomes_a_submission():
    sub, errors = check_form(good_form(), today=TODAY)
    assert errors == {}
    assert sub is not None and sub.title == "Hill Country DBT Consultation Team"
    assert sub.audience == ["counselor", "social_worker"]


def test_missing_title_is_named():
    assert _errors(title="  ")["title"] == "Title is required."


def test_a_one_off_date_in_the_past_is_refused():
    message = _errors(pattern="once", date="2026-03-01")["date"]
    assert "already passed" in message


def test_a_series_may_have_started_before_today():
    sub, errors = check_form(good_form(date="2026-01-06"), today=TODAY)
    assert errors == {} and sub is not None


@pytest.mark.parametrize("zip_code", ["7862", "ABCDE", "78624-12", "786245"])
def test_invalid_zip_is_refused(zip_code):
    assert "ZIP" in _errors(postal_code=zip_code)["postal_code"]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x",
                                 "ftp://example.org", "https:// spaced.example"])
def test_only_http_https_mailto_links(url):
    assert "public_contact" in _errors(public_contact=url)
    assert "online_url" in _errors(online_url=url, attendance_mode="online")


def test_mailto_and_https_links_pass():
    assert url_allowed("mailto:dana@example.org")
    assert url_allowed("https://example.org/group")
    assert not url_allowed("mailto:javascript:alert(1)")


def test_a_100_kb_description_is_refused_with_its_length():
    message = _errors(description="x" * 100_000)["description"]
    assert "too long" in message and "100,000" in message


def test_html_is_refused_not_rendered():
    assert "plain text" in _errors(description="Join <script>alert(1)</script>")["description"]
    assert "plain text" in _errors(title="<b>Bold</b> group")["title"]


def test_a_filled_honeypot_refuses_the_whole_form():
    sub, errors = check_form(good_form(), today=TODAY, honeypot="http://spam.example")
    assert sub is None and list(errors) == [FORM]


def test_in_person_needs_a_street_unless_the_address_is_hidden():
    assert "street" in _errors(street="")
    sub, errors = check_form(good_form(street="", venue_name="My office", hide_address=True),
                             today=TODAY)
    assert errors == {} and sub is not None and sub.venue_name == "" and sub.hide_address


def test_consent_and_private_email_are_required():
    errors = _errors(consent=False, submitter_email="not-an-email")
    assert "consent" in errors and "submitter_email" in errors


def test_unknown_zone_state_and_kind():
    errors = _errors(timezone="Mars/Olympus", region="ZZ", kind="party")
    assert {"timezone", "region", "kind"} <= set(errors)


def test_fee_range_must_be_ordered():
    assert "cost_max" in _errors(cost_type="range", cost_min=80, cost_max=20)


def test_unknown_licence_code_is_refused():
    assert "audience" in _errors(audience=["counselor", "wizard"])
