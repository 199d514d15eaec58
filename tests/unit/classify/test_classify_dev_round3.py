"""Classes of phrasing missed on the independent set's dev split, third round (issue 14).

Each text is written here in the style of its class (not copied from the set); each test pins one
behaviour that a rule in docs/labelling.md justifies.
"""

from __future__ import annotations

from pipelines.classify import classify

# ---------------------------------------------------------------- attendance mode (labelling §3)


def test_a_mode_ruled_out_is_not_evidence_for_it():
    c = classify("Monthly Case Consultation for Play Therapists",
                 "We meet on the second Tuesday. This year we will meet through GoToMeeting "
                 "rather than face-to-face, so colleagues across the state can join.")
    assert c.attendance_mode == "online"


def test_the_office_where_sessions_take_place_is_a_physical_place():
    c = classify("Clinical Supervision toward LMFT Licensure",
                 "Weekly individual supervision, one hour, which can take place at one of our "
                 "practice's office locations or at the supervisor's private office.")
    assert c.attendance_mode == "in_person"


def test_a_workplace_placement_is_not_where_the_group_meets():
    c = classify("Group Supervision for Practicum Students",
                 "Open to counseling students placed at our clinic for their practicum year.")
    assert c.attendance_mode == "unknown"


def test_paying_at_the_door_is_physical_attendance():
    c = classify("Songwriters in the Round",
                 "Three local songwriters trade songs. Tickets are 15 dollars at the door.")
    assert c.attendance_mode == "in_person"


def test_a_venue_named_in_apposition_is_a_venue():
    c = classify("Spring Member Mixer",
                 "Join us at Rosa's Lounge North, a legendary blues club, from 6 to 9 PM.")
    assert c.attendance_mode == "in_person"


def test_a_bar_described_before_its_name_is_a_venue():
    c = classify("Trivia Night Fundraiser",
                 "Teams of four compete at the BEST Irish bar in Boston, The Dubliner!")
    assert c.attendance_mode == "in_person"


def test_a_bar_association_is_not_a_bar():
    c = classify("Ethics Update", "Recorded at the Travis County Bar Association for its member "
                 "library; slides only.")
    assert c.attendance_mode == "unknown"


def test_telehealth_also_available_beside_the_usual_sessions_is_hybrid():
    c = classify("LPC-S accepting LPC Associates",
                 "Individual and group supervision formats are offered. Supervision via "
                 "telehealth is also available for part of the required hours.")
    assert c.attendance_mode == "hybrid"


def test_an_online_only_group_stays_online_without_the_word_also():
    c = classify("Online EMDR Consultation Group",
                 "Telehealth consultation available to clinicians anywhere in Texas.")
    assert c.attendance_mode == "online"


# ---------------------------------------------------------------- cost (labelling §4)


def test_payment_due_without_an_amount_is_paid_with_unknown_numbers():
    c = classify("EMDR Certification Consultation Group",
                 "Six consultees at most. Payment in full is due before the first session "
                 "(cash, check or card).")
    assert (c.is_free, c.cost_min, c.cost_max) == (False, None, None)


def test_rates_that_vary_are_paid():
    c = classify("Clinical Supervision for LPC Associates",
                 "Weekly individual sessions. Supervision rates can vary with your situation; "
                 "email me for details.")
    assert c.is_free is False


def test_a_stated_fee_beside_a_free_offer_leaves_cost_unknown():
    c = classify("Supervision for MFT candidates",
                 "Paid supervision for licensure candidates. Practicum students at our site are "
                 "supervised free of cost.")
    assert c.is_free is None


# ---------------------------------------------------------------- audience (labelling §5)


def test_a_leaders_credential_after_their_name_is_not_the_audience():
    c = classify("DBT Consultation Team",
                 "Our weekly DBT consultation team keeps therapists adherent to the model. "
                 "The team is led by Maria Lopez, LCSW.")
    assert c.kind == "consult_group"
    assert c.audience == []


def test_an_audience_named_beside_a_leaders_credential_is_kept():
    c = classify("Peer Consultation Group for LMFTs",
                 "Bring a case each month. Facilitated by Dana Reyes, PhD, LMFT.")
    assert c.audience == ["mft"]


def test_a_supervisors_own_licence_still_names_the_track():
    c = classify("Clinical Supervision", "Jordan Lee, LPC-S. Individual supervision toward "
                 "licensure, Tuesdays and Thursdays.")
    assert c.kind == "supervision"
    assert "counselor" in c.audience and "associate" in c.audience


def test_professions_listed_as_teaching_staff_are_not_the_audience():
    c = classify("Postdoctoral Fellowship in Health Service Psychology",
                 "Fellows receive weekly individual and group supervision by senior staff, "
                 "including psychologists, social workers, counselors and psychiatrists.")
    assert "social_worker" not in c.audience and "counselor" not in c.audience
    assert "psychologist" in c.audience


# ---------------------------------------------------------------- the guideline's own examples


def test_a_training_that_includes_consultation_hours_is_the_training():
    c = classify("EMDR Basic Training (Weekend 1 & 2)",
                 "Twenty hours of didactic and practicum, incl. 10 consultation hours with an "
                 "EMDRIA Approved Consultant.")
    assert c.kind == "peer_event"


def test_a_consultation_group_for_training_graduates_stays_a_group():
    c = classify("EMDR Consultation Group for Basic Training graduates",
                 "Bring cases; hours count toward certification.")
    assert c.kind == "consult_group"


def test_a_course_on_becoming_a_supervisor_is_a_peer_event():
    c = classify("Supervisor Training CE Course", "Becoming a clinical supervisor: models, "
                 "ethics and documentation. 6 hours.")
    assert c.kind == "peer_event"


def test_a_recording_only_event_is_online():
    c = classify("Ethics Update (recording-only)", "Watch at your own pace; the handout is "
                 "included.")
    assert c.attendance_mode == "online"


def test_an_office_with_a_video_option_is_hybrid():
    c = classify("Monthly Consultation Group", "We meet in our Boulder office, with a video "
                 "option for colleagues out of town.")
    assert c.attendance_mode == "hybrid"


def test_in_office_or_virtual_is_hybrid():
    c = classify("Clinical Supervisor - Austin, TX", "LPC-S. Supervision in office or "
                 "virtual, your choice.")
    assert c.attendance_mode == "hybrid"


# ---------------------------------------------------------------- organizers (labelling §1, §5)


def test_a_spelled_out_association_meeting_is_a_peer_event():
    c = classify("Spring Elections Night",
                 "The Oregon Association for Marriage and Family Therapy invites members to its "
                 "spring elections night.")
    assert c.kind == "peer_event"


def test_an_associations_community_event_is_for_the_public():
    c = classify("Coping After the Flood",
                 "The Vermont Association of Social Workers is hosting a free community event "
                 "at the town library. No registration is required.")
    assert c.kind == "other"
    assert c.audience == []


def test_an_associations_community_event_with_ce_is_a_peer_event():
    c = classify("Coping After the Flood",
                 "The Vermont Association of Social Workers hosts a community event; social "
                 "workers can earn 1.5 CE credits.")
    assert c.kind == "peer_event"


def test_psychology_doctoral_interns_are_psychologists():
    c = classify("Didactic Seminar Series",
                 "Weekly seminars for psychology doctoral interns on "
                 "assessment and ethics.")
    assert "psychologist" in c.audience


def test_family_therapists_without_the_licence_name_are_not_mfts():
    c = classify("Monthly Case Consultation Group",
                 "About a dozen family therapists working with high-conflict divorce cases "
                 "present cases monthly.")
    assert "mft" not in c.audience


def test_someone_elses_free_offer_is_not_this_listings_price():
    c = classify("Supervisee FAQ", "How do I find a qualified supervisor? Some employers offer "
                 "free supervision for registered interns; otherwise ask your program.")
    assert c.is_free is None
