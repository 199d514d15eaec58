"""The fictional dated listings of the four event sources: hand-written edge cases plus a
generated body of ordinary groups, events and supervision offers."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from demo.catalog import (
    GOOGLE_ICS,
    JSONLD_PAGES,
    OUTLOOK_ICS,
    TEC_API,
    DemoEvent,
    OccurrenceChange,
)
from demo.catalog_factory import EventFactory
from demo.directory_page import directory_events
from demo.places import EAST, HEARTLAND, NORTHWEST, TEXAS

LONESTAR = "Lone Star Peer Consultation Network (fictional)"
HEARTLAND_ORG = "Heartland Counseling Association (fictional)"
NW_GUILD = "Pacific Northwest Therapists Guild (fictional)"
CONNECT = "Clinician Connect Events (fictional)"
SCRIPT = "<script>document.title='injected';alert('this must never run')</script>"

FREE = {"cost_text": "Free", "is_free": True, "cost_min": 0.0, "cost_max": 0.0}
CE3 = {"ce_credits": 3.0, "cost_text": "$45", "is_free": False, "cost_min": 45.0,
       "cost_max": 45.0}
TIERED = {"cost_text": "$30 for associates, $60 licensed", "is_free": False,
          "cost_min": 30.0, "cost_max": 60.0}


def build_events(as_of: datetime, seed: int) -> list[DemoEvent]:
    f = EventFactory(as_of, seed)
    events = _lonestar(f) + _heartland(f) + _northwest(f) + _connect(f)
    events += _duplicates(f)
    events += f.generated(GOOGLE_ICS, TEXAS, 26, LONESTAR, recurring_share=0.8, past_share=0.1)
    events += f.generated(OUTLOOK_ICS, HEARTLAND, 24, HEARTLAND_ORG, recurring_share=0.7,
                          past_share=0.1)
    events += f.generated(TEC_API, NORTHWEST, 38, NW_GUILD, recurring_share=0.0)
    events += f.generated(JSONLD_PAGES, EAST, 20, CONNECT, recurring_share=0.0,
                          past_share=0.05)
    events += directory_events(f)  # last: it changes no key or random draw of those above
    return events


def _lonestar(f: EventFactory) -> list[DemoEvent]:
    austin, houston, dallas, san_antonio = TEXAS
    emdr = f.make(
        GOOGLE_ICS, "consult_group", "EMDR Peer Consultation Group — Austin", austin,
        f.series_start(austin, "FREQ=MONTHLY;BYDAY=2TH,4TH", 12), 90, "in_person",
        ["Meets the 2nd &amp; 4th Thursday at noon.",
         "For <b>EMDRIA-trained</b> LPCs, LMFTs &amp; LCSWs. Free; bring lunch."],
        LONESTAR, rrule="FREQ=MONTHLY;BYDAY=2TH,4TH", schedule_text="2nd & 4th Thursday",
        audience=("counselor", "mft", "social_worker"), modalities=("EMDR",),
        categories=("Consultation",), **FREE,
    )
    nxt = f.upcoming(emdr, 5)
    emdr = replace(emdr, exdates=(nxt[1],), changes=(
        OccurrenceChange(nxt[2], start=nxt[2] + timedelta(days=1),
                         title="EMDR Peer Consultation Group — Austin (moved to Friday)"),
        OccurrenceChange(nxt[3], cancelled=True),
    ))
    return [
        emdr,
        f.make(GOOGLE_ICS, "supervision", "Associates' Group Supervision (Houston)", houston,
               f.series_start(houston, "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", 18), 120, "hybrid",
               ["Group supervision every other Monday for LPC Associates and LMFT "
                "Associates.", "<b>$30 for associates, $60 licensed.</b>"],
               LONESTAR, rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=MO",
               schedule_text="every other Monday", audience=("associate",), **TIERED),
        f.make(GOOGLE_ICS, "consult_group", "DBT Consultation Team (online)", dallas,
               f.series_start(dallas, "FREQ=MONTHLY;BYDAY=-1FR", 12), 60, "online",
               ["Last Friday of the month on Zoom.",
                "Open to Texas-licensed clinicians practicing DBT."],
               LONESTAR, rrule="FREQ=MONTHLY;BYDAY=-1FR", schedule_text="last Friday",
               online_url="https://zoom.us/j/5550100201",
               audience=("counselor", "social_worker"), modalities=("DBT",), **FREE),
        f.make(GOOGLE_ICS, "consult_group", "Grupo de consulta clínica en español",
               san_antonio, f.series_start(san_antonio, "FREQ=MONTHLY;BYDAY=1WE", 19), 90,
               "online",
               ["Grupo de consulta entre colegas para terapeutas que atienden en español.",
                "Primer miércoles de cada mes por Zoom. Gratis. Abierto a profesionales "
                "con licencia en Texas."],
               LONESTAR, rrule="FREQ=MONTHLY;BYDAY=1WE", schedule_text="primer miércoles",
               online_url="https://zoom.us/j/5550100202",
               languages=("es",), audience=("counselor", "mft", "social_worker"), **FREE),
        f.make(GOOGLE_ICS, "consult_group", "CANCELLED - Play Therapy Case Consultation",
               austin, f.on_day(austin, 12, 17), 90, "in_person",
               ["This session is cancelled; we will announce a new date."],
               LONESTAR, status="cancelled", modalities=("Play Therapy",),
               audience=("counselor",), **FREE),
        f.make(GOOGLE_ICS, "other", "Community Yoga in the Park", austin,
               f.series_start(austin, "FREQ=WEEKLY;BYDAY=SA", 9), 60, "in_person",
               ["All-levels yoga on the lawn. Bring a mat and water. Everyone welcome!"],
               LONESTAR, rrule="FREQ=WEEKLY;BYDAY=SA", schedule_text="every Saturday", **FREE),
        f.make(GOOGLE_ICS, "peer_event", "Therapist Networking Breakfast — Dallas", dallas,
               f.on_day(dallas, 9, 8), 90, "in_person",
               ["Coffee, tacos &amp; referrals for private-practice clinicians.", SCRIPT],
               LONESTAR, audience=("counselor", "mft"), **FREE),
        f.make(GOOGLE_ICS, "peer_event", "Fall Therapist Mixer", houston,
               f.on_day(houston, -10, 18), 120, "in_person",
               ["Our fall social for counselors and social workers."],
               LONESTAR, audience=("counselor", "social_worker"), **FREE),
    ]


def _heartland(f: EventFactory) -> list[DemoEvent]:
    des_moines, minneapolis, kansas_city, omaha, _madison = HEARTLAND
    ifs = f.make(
        OUTLOOK_ICS, "consult_group", "IFS-Informed Consultation Group", kansas_city,
        f.series_start(kansas_city, "FREQ=WEEKLY;BYDAY=WE", 12), 60, "online",
        ["Weekly IFS-informed peer consultation on Microsoft Teams.",
         "For LMFTs and LCSWs licensed in Missouri."],
        HEARTLAND_ORG, rrule="FREQ=WEEKLY;BYDAY=WE", schedule_text="every Wednesday",
        online_url="https://teams.microsoft.com/l/meetup-join/demo-ifs-0142",
        audience=("mft", "social_worker"), modalities=("IFS",), **FREE,
    )
    rural = f.make(
        OUTLOOK_ICS, "consult_group", "Rural Clinicians Peer Support Circle", omaha,
        f.series_start(omaha, "FREQ=MONTHLY;BYDAY=2TH,4TH", 16), 90, "hybrid",
        ["Peer support for clinicians in rural practice, in person and on Teams."],
        HEARTLAND_ORG, rrule="FREQ=MONTHLY;BYDAY=2TH,4TH", schedule_text="2nd & 4th Thursday",
        audience=("counselor", "social_worker"), **FREE,
    )
    ifs = replace(ifs, exdates=tuple(f.upcoming(ifs, 6)[2:5]))
    rural = replace(rural, exdates=tuple(f.upcoming(rural, 4)[1:3]))
    return [
        ifs, rural,
        f.make(OUTLOOK_ICS, "supervision", "CANCELLED - LCSW Supervision Hour", minneapolis,
               f.on_day(minneapolis, 15, 12), 60, "in_person",
               ["Cancelled: the supervisor is unavailable this month."],
               HEARTLAND_ORG, status="cancelled", audience=("social_worker", "associate"),
               **FREE),
        f.make(OUTLOOK_ICS, "peer_event", "Heartland Clinicians Fall Potluck",
               des_moines, f.on_day(des_moines, -20, 17), 180, "in_person",
               ["Thanks to everyone who came!"], HEARTLAND_ORG, **FREE),
    ]


def _northwest(f: EventFactory) -> list[DemoEvent]:
    portland, seattle, _spokane, boise, missoula = NORTHWEST
    return [
        f.make(TEC_API, "consult_group", "CANCELLED – Perinatal Mental Health Peer Consult",
               seattle, f.on_day(seattle, 18, 12), 90, "in_person",
               ["Cancelled this month. See you in the new year."],
               NW_GUILD, status="cancelled", modalities=("Perinatal Mental Health",),
               audience=("counselor", "mft"), **FREE),
        f.make(TEC_API, "other", "Saturday Farmers Market", missoula,
               f.on_day(missoula, 4, 9), 240, "in_person",
               ["Local produce, crafts &amp; live music downtown."], NW_GUILD, **FREE),
        f.make(TEC_API, "peer_event", "Couples & Family Therapists Meetup", portland,
               f.on_day(portland, 27, 18, 30), 120, "in_person",
               ["Informal meetup for LMFTs &amp; couples therapists.", SCRIPT],
               NW_GUILD, audience=("mft",), modalities=("Gottman Method", "EFT"), **FREE),
        f.make(TEC_API, "supervision", "Free Dyad Supervision for Associates (online)", boise,
               f.on_day(boise, 11, 17), 60, "online",
               ["Two associates, one supervisor, on Zoom. Open to Idaho-licensed "
                "clinicians."], NW_GUILD, audience=("associate",),
               online_url="https://zoom.us/j/5550100203", **FREE),
    ]


def _connect(f: EventFactory) -> list[DemoEvent]:
    asheville, burlington, richmond, pittsburgh = EAST
    return [
        f.make(JSONLD_PAGES, "consult_group", "CANCELLED - Gottman Level 1 Study Group",
               burlington, f.on_day(burlington, 21, 18), 90, "in_person",
               ["This study group has been cancelled."], CONNECT, status="cancelled",
               modalities=("Gottman Method",), audience=("mft",), **FREE),
        f.make(JSONLD_PAGES, "consult_group", "Winter Peer Consultation Retreat", asheville,
               f.on_day(asheville, 24, 9), 360, "in_person",
               ["A day of case consultation for LPCs and LCSWs in the mountains."], CONNECT,
               status="cancelled", audience=("counselor", "social_worker"), **FREE),
        f.make(JSONLD_PAGES, "supervision", "Sandtray Supervision Intensive", richmond,
               f.on_day(richmond, 19, 10), 180, "hybrid",
               ["Group supervision for associates using sandtray. New date to be announced."],
               CONNECT, status="postponed", modalities=("Sandtray",), audience=("associate",),
               **TIERED),
        f.make(JSONLD_PAGES, "other", "Kids' Craft Day at the Library", asheville,
               f.on_day(asheville, 6, 10), 120, "in_person",
               ["Paper lanterns &amp; glitter for ages 5–10. Parents welcome."], CONNECT,
               **FREE),
        f.make(JSONLD_PAGES, "peer_event", "Taller de ética para consejeros (3 horas CE)",
               richmond, f.on_day(richmond, 33, 9), 180, "online",
               ["Taller en español sobre ética profesional. <b>3 horas CE, aprobado por "
                "NBCC.</b>", "Abierto a consejeros con licencia en Virginia."], CONNECT,
               languages=("es",), audience=("counselor",), **CE3),
        f.make(JSONLD_PAGES, "peer_event", "Play Therapy Networking Social", pittsburgh,
               f.on_day(pittsburgh, 40, 18), 120, "hybrid",
               ["Network with play therapists &amp; students.", SCRIPT], CONNECT,
               audience=("counselor", "student"), modalities=("Play Therapy",), **FREE),
    ]


def _duplicates(f: EventFactory) -> list[DemoEvent]:
    """Six events listed by two sources each: same event, slightly different wording."""
    austin, houston = TEXAS[0], TEXAS[1]
    des_moines, minneapolis = HEARTLAND[0], HEARTLAND[1]
    portland, boise = NORTHWEST[0], NORTHWEST[3]
    pairs = [
        (f.make(GOOGLE_ICS, "peer_event", "Play Therapy Peer Meetup: Sandtray Techniques",
                austin, f.on_day(austin, 20, 18, 30), 90, "in_person",
                ["Hands-on sandtray practice with fellow play therapists."], LONESTAR,
                modalities=("Play Therapy", "Sandtray"), audience=("counselor",), **FREE),
         "Play Therapy Peer Meetup - Sandtray Techniques", 0),
        (f.make(GOOGLE_ICS, "peer_event", "Ethics for LPC Associates (3 CE hours)", houston,
                f.on_day(houston, 25, 9), 180, "in_person",
                ["<b>3 CE hours, NBCC approved.</b> Ethics for associates."], LONESTAR,
                audience=("associate", "counselor"), **CE3),
         "Ethics for LPC Associates — 3 CE Hours", 0),
        (f.make(OUTLOOK_ICS, "peer_event", "IFS Consultation Circle: Open House", des_moines,
                f.on_day(des_moines, 14, 17), 90, "in_person",
                ["Meet the IFS consultation circle before it opens to new members."],
                HEARTLAND_ORG, modalities=("IFS",), audience=("mft", "social_worker"), **FREE),
         "IFS Consultation Circle Open House", 5),
        (f.make(OUTLOOK_ICS, "consult_group", "DBT Skills Consultation Team — Open Meeting",
                minneapolis, f.on_day(minneapolis, 30, 12), 90, "hybrid",
                ["An open meeting of our DBT consultation team."], HEARTLAND_ORG,
                modalities=("DBT",), audience=("counselor", "social_worker"), **FREE),
         "DBT Skills Consultation Team Open Meeting", -5),
        (f.make(TEC_API, "peer_event", "Trauma-Informed Care CE Workshop – 3 CE Hours",
                portland, f.on_day(portland, 16, 9), 180, "in_person",
                ["<b>3 CE hours, NBCC approved.</b> For LPCs, LMFTs &amp; LCSWs."], NW_GUILD,
                audience=("counselor", "mft", "social_worker"), **CE3),
         "Trauma-Informed Care CE Workshop (3 CE hours)", 0),
        (f.make(TEC_API, "peer_event", "Rural Clinicians Networking Night", boise,
                f.on_day(boise, 8, 18), 120, "in_person",
                ["Meet other clinicians serving rural Idaho."], NW_GUILD,
                audience=("counselor", "social_worker", "mft"), **FREE),
         "Rural Clinicians Networking Night — Boise", 10),
    ]
    out: list[DemoEvent] = []
    for number, (event, other_title, shift) in enumerate(pairs, start=1):
        out.extend(f.twin(event, JSONLD_PAGES, other_title, shift, f"dup-{number}"))
    return out
