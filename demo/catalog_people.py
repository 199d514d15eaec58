"""Fictional clinical supervisors for the two roster sources (CSV and HTML table)."""

from __future__ import annotations

import random
import unicodedata

from demo.catalog import ROSTER_CSV, ROSTER_HTML, DemoSupervisor
from demo.catalog_factory import MODALITIES
from demo.places import FIRST_NAMES, LAST_NAMES, ROCKIES, SOUTHEAST, City, email, venue_for

_CREDENTIALS = (
    ("LPC-S", "LPC", "Board-approved LPC Supervisor"),
    ("LMFT-S", "LMFT", "AAMFT Approved Supervisor"),
    ("LCSW", "LCSW", "Board-qualified clinical supervisor"),
    ("PhD, Licensed Psychologist", "Psychologist", "Licensed psychologist supervisor"),
    ("LPC, ACS", "LPC", "Approved Clinical Supervisor (ACS)"),
)
_FEES = (
    ("$40/hr, sliding scale", True),
    ("$60 per session", False),
    ("Sliding scale $25–$70", True),
    ("$75/hr individual, $35/hr group", False),
    ("Free for agency staff; $50 otherwise", False),
    ("$30 for associates, $60 licensed", False),
)
_AREA_CODES = {"CO": "303", "UT": "801", "NM": "505", "GA": "404", "TN": "615", "SC": "843",
               "AL": "205"}


def build_supervisors(seed: int) -> list[DemoSupervisor]:
    rng = random.Random(seed * 31 + 5)
    people: list[DemoSupervisor] = []
    used: set[str] = set()
    for source_id, cities, count in ((ROSTER_CSV, ROCKIES, 24), (ROSTER_HTML, SOUTHEAST, 22)):
        for index in range(count):
            name = _unique_name(rng, used)
            people.append(_supervisor(rng, source_id, index, name, rng.choice(cities)))
    return people


def _unique_name(rng: random.Random, used: set[str]) -> str:
    while True:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if name not in used:
            used.add(name)
            return name


def _supervisor(rng: random.Random, source_id: str, index: int, name: str,
                city: City) -> DemoSupervisor:
    credential, license_type, designation = rng.choice(_CREDENTIALS)
    fee_text, sliding = rng.choice(_FEES)
    home_based = rng.random() < 0.4
    address = None if home_based else venue_for(city, index).street
    spanish = index % 7 == 3
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    local = ascii_name.lower().replace(" ", ".")
    mods = tuple(rng.sample(MODALITIES, rng.choice((1, 2, 3))))
    notes = "Home office; address shared after intake." if home_based else ""
    if spanish:
        notes = (notes + " Supervisión clínica en español disponible.").strip()
    return DemoSupervisor(
        key=f"{source_id.removeprefix('demo-')}-{index + 1:03d}",
        source_id=source_id, name=name, credential=credential, license_type=license_type,
        designation=designation, city=city, address=address, modalities=mods,
        fee_text=fee_text, sliding_scale=sliding, telehealth=rng.random() < 0.6,
        accepting=rng.random() < 0.75, email=email(local),
        phone=f"({_AREA_CODES[city.state]}) 555-01{(index * 3 + len(city.name)) % 100:02d}",
        website=None if index % 4 == 0 else f"https://{local.replace('.', '')}.example.org",
        languages=("English", "Spanish") if spanish else ("English",), notes=notes,
        audience=("associate", "student") if index % 5 == 0 else ("associate",),
    )
