"""The miss classes of issue 14, each on a realistic listing text (one behaviour per test)."""

from __future__ import annotations

from pipelines.classify import classify

# ---------------------------------------------------------------- kind

def test_associates_peer_support_circle_is_a_peer_event():
    c = classify(
        "Associates' Peer Support Circle",
        "A monthly space for pre-licensed clinicians (LPC Associates, AMFTs, ASWs) to talk "
        "about burnout, imposter syndrome and the licensure grind. No case presentations; "
        "just colleagues who get it. Second Tuesdays, 6:30-8pm on Zoom. Free.",
    )
    assert c.kind == "peer_event"
    assert "peer support" in c.why["kind"]


def test_exam_prep_study_group_is_a_peer_event():
    c = classify(
        "NCMHCE Study Group",
        "Preparing for the NCMHCE this spring? Join our weekly study group: we work through "
        "practice vignettes together and share study plans. Open to counseling graduates.",
    )
    assert c.kind == "peer_event"


def test_aswb_exam_prep_workshop_is_a_peer_event():
    c = classify("ASWB Clinical Exam Prep", "Four Saturday sessions for LMSWs sitting the LCSW "
                 "exam. Practice questions, test-taking strategy, Q&A.")
    assert c.kind == "peer_event"


def test_support_group_that_also_brings_cases_stays_a_consult_group():
    c = classify(
        "Therapists' Support Group",
        "Half the hour is peer support; in the second half members bring cases for "
        "consultation. Licensed clinicians only.",
    )
    assert c.kind == "consult_group"


def test_practice_free_consultation_call_is_other():
    c = classify(
        "Book a Free 15-Minute Consultation Call",
        "Not sure if therapy is right for you? Schedule a free 15-minute phone consultation "
        "with one of our licensed therapists to see if we're a good fit for you.",
    )
    assert c.kind == "other"
    assert c.audience == []
    assert "free consultation" in c.why["kind"]


def test_peer_consultation_group_for_therapists_is_not_mistaken_for_marketing():
    c = classify("Free Peer Consultation Group", "A free monthly peer consultation group for "
                 "therapists in private practice. Bring a case.")
    assert c.kind == "consult_group"


def test_cancelled_networking_mixer_keeps_its_kind():
    c = classify("CANCELLED: Spring Networking Mixer for LPC Associates",
                 "Our quarterly mixer for LPC-Associates and their supervisors at Cedar "
                 "Brewing. Light appetizers provided.")
    assert (c.kind, c.status) == ("peer_event", "cancelled")


def test_cancelled_consult_group_keeps_its_kind():
    c = classify("[CANCELLED] Monthly Peer Consultation Group", "Bring a de-identified case.")
    assert (c.kind, c.status) == ("consult_group", "cancelled")


def test_counseling_association_conference_is_a_peer_event_for_counselors():
    c = classify("2025 Annual Conference", "Wyoming Counseling Association Annual Conference, "
                 "October 5-8, Casper, WY. Keynotes, breakout sessions and an exhibit hall.")
    assert c.kind == "peer_event"
    assert c.audience == ["counselor"]


# ---------------------------------------------------------------- attendance mode

def test_hybrid_city_plus_zoom():
    c = classify("Monthly Consultation Group", "Hybrid: Salem, MA + Zoom. Third Fridays.")
    assert c.attendance_mode == "hybrid"


def test_in_person_in_a_city_or_by_zoom_is_hybrid():
    c = classify("EMDR Consultation Group", "We meet in person in Eugene, OR or by Zoom, "
                 "first Monday of the month, 12-1:30.")
    assert c.attendance_mode == "hybrid"


def test_office_plus_zoom_link_for_absent_members_is_hybrid():
    c = classify("DBT Consultation Team", "The team meets at the office; Zoom link for those "
                 "who can't make it in person.")
    assert c.attendance_mode == "hybrid"


def test_city_with_a_video_link_hint_is_hybrid():
    c = classify("Peer Consultation for Play Therapists", "Meets in Bend, OR each month.",
                 online_url="https://zoom.us/j/123456789")
    assert c.attendance_mode == "hybrid"
    assert "place named" in c.why["attendance_mode"]


def test_hybrid_location_text_hint_is_hybrid():
    c = classify("Consultation Group", "Monthly.", location_text="Hybrid: Salem, MA + Zoom")
    assert c.attendance_mode == "hybrid"


def test_virtual_title_overrides_an_organizer_city():
    c = classify("Virtual Peer Consultation", "Hosted by the Dallas chapter in Dallas, TX. "
                 "Join on Zoom.")
    assert c.attendance_mode == "online"


def test_supervisor_city_alone_is_not_in_person():
    c = classify("Clinical Supervision", "LPC-S in Austin, TX offering supervision.")
    assert c.attendance_mode == "unknown"


# ---------------------------------------------------------------- audience

def test_postdoctoral_fellows_are_psychologists():
    c = classify("Group Supervision for Postdoctoral Fellows",
                 "Weekly group supervision for postdoctoral fellows accruing hours toward "
                 "licensure. Assessment and therapy cases.")
    assert "psychologist" in c.audience
    assert "associate" in c.audience


def test_counseling_association_event_is_for_counselors():
    c = classify("Fall Networking Breakfast", "Hosted by the Texas Counseling Association "
                 "Central Chapter. Meet colleagues over coffee.")
    assert c.kind == "peer_event"
    assert "counselor" in c.audience


def test_dyad_for_lpc_associates_is_counselor_and_associate():
    c = classify("Supervision Dyad for LPC Associates",
                 "Dyadic supervision for two LPC Associates at a time, toward full LPC "
                 "licensure. $60 per person.")
    assert c.kind == "supervision"
    assert c.audience == ["counselor", "associate"]


def test_amfts_imply_mft_track():
    c = classify("Triadic supervision", "Triadic supervision for AMFTs registered with the BBS.")
    assert c.audience == ["mft", "associate"]


def test_supervision_toward_a_licence_implies_associates():
    c = classify("Clinical Supervision for Social Workers",
                 "LCSW offering supervision toward the LCSW for social workers in Maryland.")
    assert c.audience == ["social_worker", "associate"]
    assert "implies associates" in c.why["audience"]


def test_why_names_each_field():
    c = classify("Monthly Consultation Group", "Hybrid: Salem, MA + Zoom. For LCSWs.")
    assert set(c.why) >= {"kind", "attendance_mode", "audience", "accepting_members"}
    assert "LCSW" in c.why["audience"]
