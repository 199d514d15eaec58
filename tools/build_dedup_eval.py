"""Regenerate tests/data/dedup_eval.jsonl (labelled pairs for pipelines.dedup.rules).

Run: .venv/bin/python tests/store/build_dedup_eval.py. Deterministic (fixed seed). The pairs
are synthetic but modelled on how association calendars and Eventbrite word the same event;
every label was chosen by hand per variant rule below, never by running the matcher.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

OUT = Path(__file__).resolve().parents[1] / "data" / "dedup_eval.jsonl"

# (title, organizer, city, tz, local start "YYYY-MM-DD HH:MM", mode)
BASE = [
    ("EMDR Consultation Group", "Austin EMDR Network", "Austin", "America/Chicago", "2026-12-03 18:00", "in_person"),
    ("DBT Peer Consultation Team", "Portland DBT Collective", "Portland", "America/Los_Angeles", "2026-12-07 12:00", "in_person"),
    ("Perinatal Mental Health Peer Consultation", "Postpartum Support Texas", None, "America/Chicago", "2026-12-10 19:00", "online"),
    ("Ethics in Telehealth: 3 CE Hours", "Houston Chapter NASW", "Houston", "America/Chicago", "2026-12-12 09:00", "in_person"),
    ("Play Therapy Case Consultation", "Georgia Association for Play Therapy", "Atlanta", "America/New_York", "2026-12-04 10:00", "in_person"),
    ("LGBTQ+ Affirming Therapists Peer Group", "Rainbow Clinicians Network", "Denver", "America/Denver", "2026-12-08 17:30", "hybrid"),
    ("Trauma-Informed Care Consultation Circle", "Chicago Trauma Collective", "Chicago", "America/Chicago", "2026-12-15 18:30", "in_person"),
    ("Couples Therapy (Gottman) Study Group", "Bay Area Couples Therapists", "Oakland", "America/Los_Angeles", "2026-12-02 19:00", "in_person"),
    ("New Associate Clinicians Meetup", "Seattle Counseling Association", "Seattle", "America/Los_Angeles", "2026-12-09 18:00", "in_person"),
    ("Eating Disorders Clinical Consultation", "Minnesota Eating Disorders Alliance", None, "America/Chicago", "2026-12-11 12:00", "online"),
    ("Sandtray Therapy Peer Consultation", "Phoenix Play Therapy Association", "Phoenix", "America/Phoenix", "2026-12-05 10:00", "in_person"),
    ("Substance Use Counselors Case Review", "Ohio Addiction Professionals", "Columbus", "America/New_York", "2026-12-14 16:00", "in_person"),
    ("Child & Adolescent Therapists Consultation", "Miami Child Therapy Network", "Miami", "America/New_York", "2026-12-16 12:30", "in_person"),
    ("Grief and Loss Peer Support for Clinicians", "Boston Grief Therapists", "Boston", "America/New_York", "2026-12-01 19:00", "in_person"),
    ("IFS Consultation Group", "Internal Family Systems Circle of Nashville", "Nashville", "America/Chicago", "2026-12-17 18:00", "in_person"),
    ("Black Therapists Peer Consultation", "Black Mental Health Alliance of Georgia", None, "America/New_York", "2026-12-06 11:00", "online"),
    ("Somatic Experiencing Practice Group", "Santa Fe Somatic Collective", "Santa Fe", "America/Denver", "2026-12-18 09:30", "in_person"),
    ("Ethics & Boundaries Workshop", "Kansas Counseling Association", "Wichita", "America/Chicago", "2026-12-19 08:30", "in_person"),
    ("Spanish-Speaking Therapists Consultation", "Red de Terapeutas Latinos", "San Antonio", "America/Chicago", "2026-12-20 10:00", "hybrid"),
    ("OCD & Anxiety Disorders Consultation", "St. Louis OCD Network", "St. Louis", "America/Chicago", "2026-12-21 12:00", "in_person"),
    ("Military & Veteran Clinicians Case Consultation", "Tidewater Counselors Association", "Norfolk", "America/New_York", "2026-12-02 18:00", "in_person"),
    ("Art Therapy Peer Supervision", "Philadelphia Art Therapy Association", "Philadelphia", "America/New_York", "2026-12-03 19:30", "in_person"),
    ("Private Practice Business Consultation", "Private Practice Collective PDX", None, "America/Los_Angeles", "2026-12-04 08:00", "online"),
    ("Autism and Neurodiversity Consultation", "Neurodiversity Affirming Therapists", None, "America/New_York", "2026-12-09 13:00", "online"),
    ("Psychodynamic Case Conference", "San Diego Psychoanalytic Society", "San Diego", "America/Los_Angeles", "2026-12-10 19:30", "in_person"),
    ("Suicide Risk Assessment Training (6 CEUs)", "Utah Mental Health Counselors Association", "Salt Lake City", "America/Denver", "2026-12-11 08:00", "in_person"),
    ("Multicultural Counseling Peer Group", "Detroit Area Counselors", "Detroit", "America/Detroit", "2026-12-12 10:00", "in_person"),
    ("Mindfulness-Based Clinicians Sitting Group", "Asheville Mindful Therapists", "Asheville", "America/New_York", "2026-12-13 07:30", "in_person"),
    ("Clinical Supervisors Roundtable", "Texas Association for Counselor Education and Supervision", "Dallas", "America/Chicago", "2026-12-14 12:00", "in_person"),
    ("EFT Couples Externship Follow-up Consultation", "Twin Cities EFT Community", "Minneapolis", "America/Chicago", "2026-12-15 12:00", "in_person"),
    ("Hoarding Disorder Treatment Consultation", "Pacific Northwest Hoarding Task Force", None, "America/Los_Angeles", "2026-12-16 10:00", "online"),
    ("Rural Therapists Peer Consultation", "Montana Counseling Association", None, "America/Denver", "2026-12-17 19:00", "online"),
    ("Forensic Evaluators Case Discussion", "New Mexico Forensic Psychology Group", "Albuquerque", "America/Denver", "2026-12-18 12:00", "in_person"),
    ("School Counselors Winter Networking", "Louisville School Counselors Association", "Louisville", "America/New_York", "2026-12-08 16:30", "in_person"),
    ("Perinatal Loss Consultation Group", "Heartland Perinatal Network", "Kansas City", "America/Chicago", "2026-12-09 12:00", "hybrid"),
    ("ACT Peer Consultation", "Fort Worth ACT Community", "Fort Worth", "America/Chicago", "2026-12-10 08:00", "in_person"),
]

# Standing offers (no start): (title, organizer, city, mode)
STANDING = [
    ("Clinical Supervision for LPC Associates", "Dr. Maria Gonzalez, LPC-S", "El Paso", "in_person"),
    ("Low-Cost Supervision for MFT Associates", "Jordan Lee, LMFT", "Sacramento", "in_person"),
    ("Sliding Scale LCSW Supervision", "Priya Raman, LCSW", None, "online"),
    ("Group Supervision for Pre-Licensed Clinicians", "Samuel Okafor, LPC-S", "Tulsa", "in_person"),
    ("Board-Approved Supervision (LMHC)", "Hannah Cohen, LMHC, QS", "Tampa", "in_person"),
    ("Clinical Supervision", "Robert Kim, PhD", "Columbus", "in_person"),
    ("Free Peer Supervision Group for New Clinicians", "Columbus Counselors Collective", "Columbus", "in_person"),
    ("EMDR Consultation toward Certification", "Alicia Brown, LCSW, EMDRIA Approved Consultant", None, "online"),
    ("Supervision for Social Work Associates", "Teresa Nguyen, LICSW", "Spokane", "in_person"),
    ("Play Therapy Supervision (RPT-S)", "Kevin Walsh, LPC, RPT-S", "Lexington", "in_person"),
]

TITLE_REWRITES = [
    lambda t, org, city: f"Monthly {t}",
    lambda t, org, city: f"{t} - {city}" if city else f"{t} (Zoom)",
    lambda t, org, city: t.replace("&", "and").replace("Consultation", "Consult"),
    lambda t, org, city: t.upper(),
    lambda t, org, city: f"{org}: {t}",
    lambda t, org, city: t.replace("Consultation", "Consultation Meeting").replace("Group", "Meetup"),
    lambda t, org, city: f"{t} | December",
    lambda t, org, city: t.replace("-", " ").replace(":", "").replace("(", "").replace(")", ""),
]
ORG_REWRITES = [
    lambda o: o,
    lambda o: None,
    lambda o: o.replace("Association", "Assn.").replace("&", "and"),
    lambda o: f"The {o}, Inc.",
]


def event(title, org, city, tz, local, mode, source, shift_min=0, tz_out=None):
    start = datetime.strptime(local, "%Y-%m-%d %H:%M").replace(tzinfo=ZoneInfo(tz))
    start += timedelta(minutes=shift_min)
    if tz_out:
        start = start.astimezone(ZoneInfo(tz_out))
    return {"source_id": source, "title": title, "organizer": org, "city": city,
            "attendance_mode": mode, "start": start.isoformat(),
            "online_url": "https://zoom.us/j/123" if mode != "in_person" else None}


def pairs(rng: random.Random):
    out = []
    for i, (title, org, city, tz, local, mode) in enumerate(BASE):
        a = event(title, org, city, tz, local, mode, "assoc-cal")
        # Two true duplicates per base event, with different rewordings.
        for k in range(2):
            rewrite = TITLE_REWRITES[(i + 3 * k) % len(TITLE_REWRITES)]
            new_org = ORG_REWRITES[(i + k) % len(ORG_REWRITES)](org)
            shift = rng.choice([0, 0, 0, 10, -15, 5])
            tz_out = rng.choice([None, "UTC", "America/New_York"])
            b = event(rewrite(title, org, city), new_org, city.upper() if city and k else city,
                      tz, local, mode, "eventbrite", shift, tz_out)
            out.append({"a": a, "b": b, "duplicate": True,
                        "note": f"reworded title, start shift {shift} min"})
        # Tricky non-duplicates.
        kinds = ["next_month", "other_city", "other_topic", "one_hour_later", "other_mode"]
        for kind in (kinds[i % 5], kinds[(i + 2) % 5]):
            b = _non_duplicate(kind, i, title, org, city, tz, local, mode)
            if b is not None:
                out.append({"a": a, "b": b, "duplicate": False, "note": kind})
    for i, (title, org, city, mode) in enumerate(STANDING):
        a = {"source_id": "state-roster", "title": title, "organizer": org, "city": city,
             "attendance_mode": mode, "start": None}
        b = dict(a, source_id="psychtoday-like",
                 organizer=org.split(",")[0].replace("Dr. ", ""),
                 title=["Clinical Supervision", f"Supervision with {org.split(',')[0]}",
                        title.lower()][i % 3])
        out.append({"a": a, "b": b, "duplicate": True, "note": "standing offer, credentials dropped"})
        other = STANDING[(i + 1) % len(STANDING)]
        c = dict(a, source_id="psychtoday-like", organizer=other[1])
        out.append({"a": a, "b": c, "duplicate": False, "note": "same title, other supervisor"})
        d = dict(a, source_id="psychtoday-like", city="Houston" if city != "Houston" else "Austin",
                 attendance_mode="in_person")
        out.append({"a": a, "b": d, "duplicate": False, "note": "same supervisor, other city"})
    return out


def _non_duplicate(kind, i, title, org, city, tz, local, mode):
    if kind == "next_month":
        return event(title, org, city, tz, local, mode, "eventbrite", shift_min=28 * 24 * 60)
    if kind == "other_city":
        other = BASE[(i + 7) % len(BASE)]
        if other[2] is None or city is None or other[2] == city:
            return event(title, org, "Tucson", tz, local, "in_person", "eventbrite")
        return event(title, None, other[2], tz, local, "in_person", "eventbrite")
    if kind == "other_topic":
        other = BASE[(i + 11) % len(BASE)]
        return event(other[0], None, city, tz, local, mode, "eventbrite")
    if kind == "one_hour_later":
        return event(f"{title} (evening cohort)", org, city, tz, local, mode, "eventbrite", 60)
    if kind == "other_mode":
        if mode == "hybrid":
            return event(title, org, city, tz, local, mode, "eventbrite", shift_min=7 * 24 * 60)
        flipped = "online" if mode == "in_person" else "in_person"
        return event(title, org, city or "Reno", tz, local, flipped, "eventbrite")
    return None


def main() -> None:
    rows = pairs(random.Random(20261126))
    OUT.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in rows), encoding="utf-8")
    dup = sum(r["duplicate"] for r in rows)
    print(f"{len(rows)} pairs ({dup} duplicates) -> {OUT}")


if __name__ == "__main__":
    main()
