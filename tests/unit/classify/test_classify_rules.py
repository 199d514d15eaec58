"""One behaviour per test for each classification rule."""

from __future__ import annotations

import pytest

from pipelines.classify import classify

GROUP = "Peer Consultation Group"


# ---------------------------------------------------------------- status

@pytest.mark.parametrize("sentence", [
    "No-shows and late-cancelled sessions are billed at the full fee.",
    "Cancellation policy: 24 hours notice or the fee is charged.",
    "If the group is cancelled we will email you by noon.",
    "Canceled sessions: none so far this year!",
    "Clients who have cancelled therapy often come back.",
])
def test_unrelated_cancelled_sentence_does_not_cancel(sentence):
    assert classify(GROUP, f"Monthly case consultation for therapists. {sentence}").status == (
        "scheduled"
    )


def test_explicit_cancellation_sentence_cancels_with_evidence():
    c = classify(GROUP, "This month's meeting has been cancelled due to weather.")
    assert c.status == "cancelled"
    assert "has been cancelled" in c.status_evidence


def test_structured_status_wins_over_text():
    c = classify(GROUP, "See you Thursday!", raw_status="https://schema.org/EventPostponed")
    assert (c.status, c.status_evidence) == ("postponed", "status: https://schema.org/EventPostponed")


def test_title_marker_sets_status():
    assert classify("CANCELLED - " + GROUP, "").status == "cancelled"


def test_spanish_cancellation():
    assert classify("Grupo de consulta", "La reunión ha sido cancelada.").status == "cancelled"


# ---------------------------------------------------------------- kind

def test_consult_group_kind():
    assert classify("EMDR Consultation Group", "Case consultation for clinicians.").kind == (
        "consult_group"
    )


def test_supervision_kind():
    assert classify("Group supervision for LPC Associates", "$30 per session.").kind == (
        "supervision"
    )


def test_peer_event_kind():
    assert classify("Ethics Workshop", "3 CE hours for counselors.").kind == "peer_event"


@pytest.mark.parametrize(("title", "description"), [
    ("Gentle Yoga", "All levels welcome. $10 drop-in."),
    ("Kids' Craft Day", "Ages 4-10, free."),
    ("Summer Concert in the Park", "Jazz in the bandshell."),
    ("Grief Support Group", "For adults who lost a loved one, facilitated by a licensed therapist."),
])
def test_not_for_therapists_is_other(title, description):
    assert classify(title, description).kind == "other"


def test_supervisor_training_is_an_event_not_supervision():
    c = classify("Becoming a Clinical Supervisor", "The 40-hour supervisor training. 40 CE hours.")
    assert c.kind == "peer_event"


# ---------------------------------------------------------------- attendance mode

def test_structured_mode_first():
    c = classify(GROUP, "Meets in person downtown.", raw_mode="OnlineEventAttendanceMode")
    assert c.attendance_mode == "online"


def test_in_person_and_via_zoom_is_hybrid():
    assert classify(GROUP, "Meets in-person and via Zoom.").attendance_mode == "hybrid"


def test_online_url_means_online():
    assert classify(GROUP, "", online_url="https://zoom.us/j/1").attendance_mode == "online"


def test_register_online_is_not_an_online_meeting():
    c = classify(GROUP, "Register online.", location_text="12 Main St, Austin TX")
    assert c.attendance_mode == "in_person"


def test_roster_telehealth_is_online():
    assert classify("Jane Doe, LPC-S", "", extra={"telehealth": "yes"}).attendance_mode == "online"


def test_no_hint_is_unknown():
    assert classify(GROUP, "Bring a case.").attendance_mode == "unknown"


# ---------------------------------------------------------------- cost

def test_cost_range_from_two_prices():
    c = classify("Group supervision", "$30 for associates, $60 licensed.")
    assert (c.cost_min, c.cost_max, c.currency, c.is_free) == (30, 60, "USD", False)


def test_free_for_members_is_not_free():
    c = classify(GROUP, "Free for members, $15 otherwise.")
    assert (c.is_free, c.cost_min, c.cost_max) == (False, 0, 15)


def test_donation_is_sliding_scale():
    c = classify(GROUP, "By donation.")
    assert (c.sliding_scale, c.is_free) == (True, False)


def test_free_parking_is_not_free():
    c = classify(GROUP, "Free parking. Registration fee $80.")
    assert (c.is_free, c.cost_min) == (False, 80)


def test_free_group():
    c = classify(GROUP, "No cost to attend.")
    assert (c.is_free, c.cost_min, c.cost_max) == (True, 0, 0)


def test_structured_cost_wins():
    c = classify(GROUP, "$500 value!", cost_min=25, cost_max=25, currency="usd")
    assert (c.cost_min, c.cost_max, c.currency) == (25, 25, "USD")


def test_pound_sign_currency():
    assert classify(GROUP, "£15 per session.").currency == "GBP"


# ---------------------------------------------------------------- CE

@pytest.mark.parametrize(("text", "credits"), [
    ("Earn 3 CE hours.", 3.0), ("1.5 CEUs", 1.5), ("6 contact hours", 6.0),
    ("three (3) CE hours", 3.0), ("CE: 2", 2.0), ("3 CE's", 3.0),
])
def test_ce_credits(text, credits):
    assert classify("Workshop for therapists", text).ce_credits == credits


def test_no_ce_number_is_none():
    assert classify("Workshop for therapists", "CE available.").ce_credits is None


def test_ce_approvals():
    c = classify("Workshop", "6 CEUs approved by NBCC and ASWB ACE; NAADAC too.")
    assert c.ce_approvals == ["NBCC", "ASWB ACE", "NAADAC"]


# ---------------------------------------------------------------- audience

def test_audience_license_codes():
    c = classify("Consultation", "For LPCs, LMFTs, LCSWs and psychologists.")
    assert c.audience == ["counselor", "mft", "social_worker", "psychologist"]


def test_pre_licensed_codes_are_associates():
    c = classify("Supervision", "For LPC-Associates and AMFTs.")
    assert c.audience == ["counselor", "mft", "associate"]


def test_counseling_association_is_not_associate():
    c = classify(GROUP, "Members of the Ohio Counseling Association welcome.")
    assert "associate" not in c.audience


def test_students():
    assert classify(GROUP, "Open to graduate students.").audience == ["student"]


# ---------------------------------------------------------------- modalities

def test_modalities_from_vocabulary():
    c = classify("Consultation", "EMDR, DBT and Internal Family Systems cases; sandtray too.")
    assert c.modalities == ["emdr", "dbt", "ifs", "sandtray"]


def test_marriage_and_family_therapists_is_not_family_modality():
    assert "family" not in classify(GROUP, "For marriage and family therapists.").modalities


def test_act_verb_is_not_act_modality():
    assert "act" not in classify(GROUP, "We act as a team.").modalities


# ---------------------------------------------------------------- languages

def test_english_is_the_default():
    assert classify(GROUP, "Monthly case consultation.").languages == ["en"]


def test_se_habla_espanol():
    assert classify(GROUP, "Se habla español.").languages == ["es"]


def test_spanish_speaking():
    assert classify(GROUP, "For Spanish-speaking clinicians.").languages == ["es"]


def test_bilingual_english_spanish():
    assert classify(GROUP, "Bilingual English/Spanish group.").languages == ["en", "es"]


def test_spanish_text():
    c = classify("Grupo de consulta", "Grupo mensual de consulta para terapeutas. Nos reunimos "
                 "por Zoom el primer jueves de cada mes.")
    assert c.languages == ["es"]


# ---------------------------------------------------------------- regions

@pytest.mark.parametrize(("text", "regions"), [
    ("Open to Texas-licensed clinicians.", ["TX"]),
    ("Group supervision for TX LPC-Associates.", ["TX"]),
    ("Telesupervision for California associates.", ["CA"]),
    ("Members of the Ohio Counseling Association.", ["OH"]),
    ("For therapists practicing in rural Montana and Wyoming.", ["MT", "WY"]),
    ("Therapists in Virginia and West Virginia welcome.", ["VA", "WV"]),
])
def test_serves_regions(text, regions):
    assert classify(GROUP, text + " Online.").serves_regions == regions


def test_venue_state_is_not_a_service_area():
    c = classify(GROUP, "In person at our Atlanta, Georgia office.")
    assert c.serves_regions == []


def test_default_region_only_when_text_ties_to_the_state():
    tied = classify(GROUP, "Online; hours count toward licensure in our state.",
                    default_region="OR")
    untied = classify(GROUP, "Online peer consultation.", default_region="OR")
    assert (tied.serves_regions, untied.serves_regions) == (["OR"], [])
