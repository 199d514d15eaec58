"""A state association's peer consultation groups directory: HTML cards, no JSON-LD, no feed.

The worked example of a site-specific parser (spiders/sites/peer_groups_directory.py): each group
is an `<article class="group">` with an `<h3>`, a `<dl>` of When / Where / Fee / Contact /
Audience and a description. "When" is a phrase ("2nd Tuesday of each month, 12:00–13:00"); times
are Mountain unless the phrase ends in a zone ("… pm CT"). Fictional demo data, in states the
other demo sources barely cover (WY, ND, NM, ME, KY).
"""

from __future__ import annotations

import html

from demo.catalog import PEER_GROUPS_DIRECTORY, DemoEvent
from demo.catalog_factory import EventFactory
from demo.places import FICTIONAL_NOTICE, City

DIRECTORY_PATH = "/directory/peer-groups.html"
ASSOCIATION = "High Plains & Northern Counseling Association (fictional)"
PAGE_ZONE = "America/Denver"  # the registry's timezone for this source
_ZONE_SUFFIX = {"America/Chicago": " CT", "America/New_York": " ET", "America/Denver": ""}

CASPER = City("Casper", "WY", "82601", "America/Denver")
CHEYENNE = City("Cheyenne", "WY", "82001", "America/Denver")
LARAMIE = City("Laramie", "WY", "82070", "America/Denver")
BISMARCK = City("Bismarck", "ND", "58501", "America/Chicago")
FARGO = City("Fargo", "ND", "58102", "America/Chicago")
SANTA_FE = City("Santa Fe", "NM", "87501", "America/Denver")
BANGOR = City("Bangor", "ME", "04401", "America/New_York")
LEXINGTON = City("Lexington", "KY", "40507", "America/New_York")

FREE = {"cost_text": "Free", "is_free": True, "cost_min": 0.0, "cost_max": 0.0}
_AUDIENCE_WORDS = {"counselor": "LPCs", "mft": "LMFTs", "social_worker": "LCSWs",
                   "psychologist": "Psychologists", "associate": "LPC Associates",
                   "student": "Graduate students"}

# (title, kind, city, rule, When phrase without the zone, hour, minute, minutes, mode,
#  paragraphs, extra fields)
_GROUPS: tuple[tuple, ...] = (
    ("EMDR Peer Consultation Group — Casper", "consult_group", CASPER,
     "FREQ=MONTHLY;BYDAY=2TU", "2nd Tuesday of each month, 12:00–13:00", 12, 0, 60, "in_person",
     ["Case consultation for EMDR-trained clinicians. Bring a de-identified case."],
     {"modalities": ("EMDR",), "audience": ("counselor", "social_worker"), **FREE}),
    ("DBT Consultation Team — Bismarck", "consult_group", BISMARCK,
     "FREQ=MONTHLY;BYDAY=1TH,3TH", "1st & 3rd Thursday, 7–8:30 pm", 19, 0, 90, "hybrid",
     ["An adherent DBT consultation team: in the room or on Zoom."],
     {"modalities": ("DBT",), "audience": ("counselor", "social_worker"),
      "cost_text": "$15 per session, sliding scale available", "is_free": False,
      "sliding_scale": True, "cost_min": 15.0, "cost_max": 15.0}),
    ("Perinatal & Postpartum Clinicians Consult Circle (online)", "consult_group", CHEYENNE,
     "FREQ=MONTHLY;BYDAY=-1FR", "Last Friday of the month, noon–1 pm", 12, 0, 60, "online",
     ["Peer consultation for clinicians supporting new and expecting parents, on Zoom."],
     {"modalities": ("Perinatal Mental Health",), "audience": ("counselor", "mft"), **FREE}),
    ("Rural Clinicians Peer Consultation Check-in", "consult_group", LARAMIE,
     "FREQ=WEEKLY;BYDAY=WE", "Every Wednesday, 8:00-9:00 AM", 8, 0, 60, "in_person",
     ["A weekly peer consultation check-in for clinicians in rural and frontier practice."],
     {"audience": ("counselor", "social_worker", "mft"), **FREE}),
    ("Group Supervision for LPC Associates — Santa Fe", "supervision", SANTA_FE,
     "FREQ=MONTHLY;BYDAY=1MO,3MO", "1st & 3rd Monday, 5:30–7 pm", 17, 30, 90, "in_person",
     ["Group clinical supervision toward licensure with a board-approved supervisor."],
     {"audience": ("associate",), "cost_text": "$25 per session", "is_free": False,
      "cost_min": 25.0, "cost_max": 25.0}),
    ("Play Therapy Case Consultation — Bangor", "consult_group", BANGOR,
     "FREQ=MONTHLY;BYDAY=3WE", "3rd Wednesday of the month, 6–7:30 pm", 18, 0, 90, "in_person",
     ["Peer case consultation for play therapists and counselors working with children."],
     {"modalities": ("Play Therapy",), "audience": ("counselor",), **FREE}),
    ("Addiction Counselors Peer Consultation — Lexington", "consult_group", LEXINGTON,
     "FREQ=MONTHLY;BYDAY=-1TU", "Last Tuesday of the month, noon–1 pm", 12, 0, 60, "hybrid",
     ["Peer consultation for substance use counselors, in person and on Zoom."],
     {"audience": ("counselor",), **FREE}),
    ("ACT Peer Consultation Group (Fargo, online)", "consult_group", FARGO,
     "FREQ=WEEKLY;BYDAY=MO", "Every Monday, 7:30-8:30 AM", 7, 30, 60, "online",
     ["Acceptance and Commitment Therapy peer consultation on Zoom before the work day."],
     {"modalities": ("ACT",), "audience": ("counselor", "social_worker"), **FREE}),
    ("Somatic Therapy Peer Consultation — Cheyenne", "consult_group", CHEYENNE,
     "FREQ=MONTHLY;BYDAY=2FR,4FR", "2nd & 4th Friday, 9–10:30 am", 9, 0, 90, "in_person",
     ["Peer consultation for clinicians integrating somatic approaches."],
     {"modalities": ("Somatic Experiencing",), "audience": ("counselor", "mft"),
      "cost_text": "$10 suggested donation", "is_free": False, "cost_min": 10.0,
      "cost_max": 10.0}),
)


def directory_events(f: EventFactory) -> list[DemoEvent]:
    """The directory's groups as ground-truth catalog entries (series starting before as_of)."""
    events = []
    for (title, kind, city, rule, when, hour, minute, minutes, mode, paragraphs,
         fields) in _GROUPS:
        events.append(f.make(
            PEER_GROUPS_DIRECTORY, kind, title, city, f.series_start(city, rule, hour, minute),
            minutes, mode, paragraphs, ASSOCIATION, rrule=rule,
            schedule_text=when + _ZONE_SUFFIX[city.timezone], **fields))
    return events


def directory_page(events: list[DemoEvent]) -> bytes:
    cards = "\n".join(_card(event, index) for index, event in enumerate(events))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta property="og:site_name" content="{html.escape(ASSOCIATION)}">
<title>Peer consultation groups directory — {html.escape(ASSOCIATION)}</title></head>
<body>
<header><h1>Peer consultation groups directory</h1>
<p class="notice"><strong>{FICTIONAL_NOTICE}.</strong> Every group, facilitator and address
below is invented; times are Mountain Time unless a group says otherwise.</p></header>
<main id="groups">
{cards}
</main></body></html>
""".encode()


def _card(event: DemoEvent, index: int) -> str:
    slug = event.key.replace("_", "-")
    contact = f'<a href="mailto:{html.escape(event.contact_email or "")}">Group facilitator</a>'
    if index % 3 == 1:  # some directories hide addresses behind scripts; the parser drops these
        contact += ' · <a href="javascript:void(0)" class="reveal">Show phone</a>'
    audience = ", ".join(_AUDIENCE_WORDS[a] for a in event.audience)
    return f"""<article class="group" id="{html.escape(slug)}">
  <h3>{html.escape(event.title)}</h3>
  <dl>
    <dt>When</dt><dd>{html.escape(event.schedule_text or "")}</dd>
    <dt>Where</dt><dd>{_where(event)}</dd>
    <dt>Fee</dt><dd>{html.escape(event.cost_text or "Free")}</dd>
    <dt>Contact</dt><dd>{contact}</dd>
    <dt>Audience</dt><dd>{html.escape(audience)}</dd>
  </dl>
  {event.description_html}
</article>"""


def _where(event: DemoEvent) -> str:
    zoom = html.escape(event.online_url or "")
    if event.attendance_mode == "online" or event.venue is None:
        return f'Online (<a href="{zoom}">Zoom</a>)'
    city = event.city
    address = html.escape(f"{event.venue.name}, {event.venue.street}, {city.name}, "
                          f"{city.state} {city.postal_code}")
    if event.attendance_mode == "hybrid":
        return f'Hybrid: {address} (and <a href="{zoom}">Zoom</a>)'
    return address
