"""Builds `DemoEvent`s: dates relative to `as_of`, generated titles, costs and descriptions."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

from demo.catalog import DemoEvent
from demo.places import FICTIONAL_NOTICE, City, email, phone, venue_for

STATE_NAMES = {
    "TX": "Texas", "IA": "Iowa", "MN": "Minnesota", "MO": "Missouri", "NE": "Nebraska",
    "WI": "Wisconsin", "OR": "Oregon", "WA": "Washington", "ID": "Idaho", "MT": "Montana",
    "NC": "North Carolina", "VT": "Vermont", "VA": "Virginia", "PA": "Pennsylvania",
}
MODALITIES = (
    "EMDR", "DBT", "IFS", "Play Therapy", "CBT", "ACT", "Somatic Experiencing", "Sandtray",
    "Gottman Method", "EFT", "Perinatal Mental Health", "Eating Disorders", "Narrative Therapy",
)
AUDIENCES = {
    "LPCs": ("counselor",), "LMFTs": ("mft",), "LCSWs": ("social_worker",),
    "Psychologists": ("psychologist",), "Associates": ("associate",),
    "Graduate Students": ("student",), "All Licensed Clinicians": (
        "counselor", "mft", "social_worker", "psychologist"),
}
RECURRENCES = (
    ("FREQ=MONTHLY;BYDAY=2TH,4TH", "2nd & 4th Thursday"),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "every other Monday"),
    ("FREQ=MONTHLY;BYDAY=-1FR", "last Friday of the month"),
    ("FREQ=MONTHLY;BYDAY=1WE", "first Wednesday"),
    ("FREQ=WEEKLY;BYDAY=TU", "every Tuesday"),
    ("FREQ=MONTHLY;BYDAY=3SA", "third Saturday"),
)
_GROUP_TITLES = (
    "{mod} Peer Consultation Group", "{aud} Case Consultation Circle",
    "Peer Consult: {mod} for Trauma Clinicians", "{city} {mod} Consultation Group",
)
_EVENT_TITLES = (
    "{mod} CE Workshop for {aud}", "Therapist Networking Night: {city}",
    "Peer Support Circle for {aud}", "Ethics & Boundaries in {mod}: CE Training",
    "New Clinician Meet & Greet ({aud})",
)
_SUPERVISION_TITLES = (
    "Group Supervision for {aud}", "Dyad Supervision: {mod} Focus",
    "Low-Cost Individual Supervision ({mod})",
)


class EventFactory:
    """Deterministic builder for one catalog; `rng` drives every generated choice."""

    def __init__(self, as_of: datetime, seed: int) -> None:
        self.as_of = as_of
        self.rng = random.Random(seed)
        self.counter = 0
        self.used_titles: set[str] = set()

    # --- dates -------------------------------------------------------------------------
    def local_date(self, city: City, days: int) -> date:
        return self.as_of.astimezone(ZoneInfo(city.timezone)).date() + timedelta(days=days)

    def on_day(self, city: City, days: int, hour: int, minute: int = 0) -> datetime:
        day = self.local_date(city, days)
        return datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(city.timezone))

    def series_start(self, city: City, rule: str, hour: int, minute: int = 0) -> datetime:
        """The first occurrence of `rule` on or after ~10 weeks before as_of."""
        anchor = datetime.combine(self.local_date(city, -70), time(hour, minute))
        first = rrulestr(rule, dtstart=anchor)[0]
        return first.replace(tzinfo=ZoneInfo(city.timezone))

    def upcoming(self, event: DemoEvent, count: int) -> list[datetime]:
        """The next `count` occurrences of a series after as_of (aware, local)."""
        assert event.rrule
        tz = ZoneInfo(event.timezone)
        rule = rrulestr(event.rrule, dtstart=event.start.replace(tzinfo=None))
        after = self.as_of.astimezone(tz).replace(tzinfo=None)
        out: list[datetime] = []
        for value in rule:
            if value > after:
                out.append(value.replace(tzinfo=tz))
                if len(out) == count:
                    break
        return out

    # --- construction ------------------------------------------------------------------
    def next_key(self, source_id: str) -> str:
        self.counter += 1
        return f"{source_id.removeprefix('demo-')}-{self.counter:03d}"

    def make(self, source_id: str, kind: str, title: str, city: City, start: datetime,
             minutes: int, mode: str, paragraphs: list[str], organizer: str,
             **fields: Any) -> DemoEvent:
        self.used_titles.add(title)
        key = self.next_key(source_id)
        online_url = fields.pop("online_url", None)
        if mode in ("online", "hybrid") and online_url is None:
            online_url = self.meeting_url()
        venue = fields.pop("venue", None)
        if mode in ("in_person", "hybrid") and venue is None:
            venue = venue_for(city, self.counter)
        if mode == "online":
            venue = None
        serves = fields.pop("serves_regions", (city.state,) if mode != "in_person" else ())
        html = "".join(f"<p>{p}</p>" for p in paragraphs)
        html += f"<p><i>{FICTIONAL_NOTICE}: this organization and event are invented.</i></p>"
        return DemoEvent(
            key=key, source_id=source_id, kind=kind, title=title, description_html=html,
            organizer=organizer, start=start, duration=timedelta(minutes=minutes),
            attendance_mode=mode, city=city, venue=venue, online_url=online_url,
            serves_regions=tuple(serves), numeric_id=4100 + self.counter * 7,
            contact_email=fields.pop("contact_email", email(f"events{self.counter}")),
            contact_phone=fields.pop("contact_phone", phone(self.counter)),
            **fields,
        )

    def meeting_url(self) -> str:
        if self.rng.random() < 0.7:
            return f"https://zoom.us/j/5550100{self.rng.randint(100, 999)}"
        return f"https://teams.microsoft.com/l/meetup-join/demo-{self.rng.randint(1000, 9999)}"

    def cost(self, kind: str) -> dict[str, Any]:
        roll = self.rng.random()
        if kind == "supervision":
            if roll < 0.3:
                return {"cost_text": "Free", "is_free": True, "cost_min": 0.0, "cost_max": 0.0}
            if roll < 0.65:
                return {"cost_text": "$30 for associates, $60 licensed", "is_free": False,
                        "cost_min": 30.0, "cost_max": 60.0}
            return {"cost_text": "Sliding scale $20–$50", "is_free": False,
                    "sliding_scale": True, "cost_min": 20.0, "cost_max": 50.0}
        if kind == "consult_group" and roll < 0.7 or roll < 0.35:
            return {"cost_text": "Free", "is_free": True, "cost_min": 0.0, "cost_max": 0.0}
        price = float(self.rng.choice((10, 15, 25, 45, 60)))
        return {"cost_text": f"${price:.0f}", "is_free": False, "cost_min": price,
                "cost_max": price}

    def generated(self, source_id: str, cities: tuple[City, ...], count: int, organizer: str,
                  recurring_share: float, past_share: float = 0.0) -> list[DemoEvent]:
        events: list[DemoEvent] = []
        for _attempt in range(count * 50):
            event = self._one(source_id, cities, organizer, recurring_share, past_share)
            if event is not None:
                events.append(event)
                if len(events) == count:
                    return events
        raise RuntimeError(f"ran out of distinct titles for {source_id}")

    def _one(self, source_id: str, cities: tuple[City, ...], organizer: str,
             recurring_share: float, past_share: float) -> DemoEvent | None:
        rng = self.rng
        kind = rng.choices(("consult_group", "peer_event", "supervision"), (5, 4, 3))[0]
        mod = rng.choice(MODALITIES)
        aud_label = rng.choice(tuple(AUDIENCES))
        city = rng.choice(cities)
        pool = {"consult_group": _GROUP_TITLES, "peer_event": _EVENT_TITLES,
                "supervision": _SUPERVISION_TITLES}[kind]
        title = rng.choice(pool).format(mod=mod, aud=aud_label, city=city.name)
        if title in self.used_titles:  # unique, so only intended duplicates look alike
            return None
        self.used_titles.add(title)
        mode = rng.choices(("in_person", "online", "hybrid"), (5, 3, 2))[0]
        cost = self.cost(kind)
        ce = None
        if "CE" in title:
            ce = rng.choice((1.5, 3.0, 6.0))
            title = f"{title} ({ce:g} CE hours)"
        paragraphs = [self.blurb(kind, mod, aud_label, ce)]
        if mode != "in_person":
            paragraphs.append(f"Open to {STATE_NAMES[city.state]}-licensed clinicians.")
        paragraphs.append(f"<b>Cost:</b> {cost['cost_text']}")
        fields: dict[str, Any] = {
            **cost, "ce_credits": ce, "audience": AUDIENCES[aud_label],
            "modalities": (mod,), "categories": (kind.replace("_", " ").title(),),
        }
        hour = rng.choice((9, 12, 17, 18, 19))
        minutes = rng.choice((60, 90, 120)) if ce is None else int(ce * 60)
        if kind != "peer_event" and rng.random() < recurring_share:
            rule, text = rng.choice(RECURRENCES)
            start = self.series_start(city, rule, hour)
            fields.update(rrule=rule, schedule_text=text)
            paragraphs.insert(0, f"Meets {text}, {_clock(start)}.")
        elif rng.random() < past_share:
            start = self.on_day(city, -rng.randint(3, 30), hour)
        else:
            start = self.on_day(city, rng.randint(2, 88), hour, rng.choice((0, 30)))
        return self.make(source_id, kind, title, city, start, minutes, mode, paragraphs,
                         organizer, **fields)

    def blurb(self, kind: str, mod: str, aud_label: str, ce: float | None) -> str:
        if kind == "consult_group":
            return (f"A peer consultation group for {aud_label.lower()} using {mod}. Bring a "
                    "de-identified case &amp; your questions; no presentation needed.")
        if kind == "supervision":
            return (f"Clinical supervision toward licensure for {aud_label.lower()}, "
                    f"with a {mod} focus. <b>Board-approved supervisor.</b>")
        if ce:
            return (f"An interactive workshop on {mod} for {aud_label.lower()}. "
                    f"<b>{ce:g} CE hours, NBCC approved.</b>")
        return f"Meet colleagues, share referrals &amp; resources. For {aud_label.lower()}."

    def twin(self, event: DemoEvent, source_id: str, title: str, shift_minutes: int,
             group: str) -> tuple[DemoEvent, DemoEvent]:
        """The same real-world event as listed by a second source (small wording changes)."""
        first = replace(event, duplicate_group=group)
        second = replace(
            event, key=self.next_key(source_id), source_id=source_id, title=title,
            start=event.start + timedelta(minutes=shift_minutes), duplicate_group=group,
            numeric_id=7700 + self.counter * 3,
        )
        return first, second


def _clock(value: datetime) -> str:
    return value.strftime("%I:%M %p").lstrip("0")
