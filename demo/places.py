"""Real US city/ZIP/state combinations and fictional venues and people for the demo web.

The cities, ZIP codes and time zones are real so geocoding can be demonstrated; every venue,
organization and person is invented, with example.org addresses and 555-01xx phone numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

FICTIONAL_NOTICE = "Fictional demo data"


@dataclass(frozen=True)
class City:
    name: str
    state: str
    postal_code: str
    timezone: str


@dataclass(frozen=True)
class Venue:
    name: str
    street: str
    city: City


def _city(name: str, state: str, zip_code: str, tz: str) -> City:
    return City(name, state, zip_code, tz)


CENTRAL = "America/Chicago"
EASTERN = "America/New_York"
PACIFIC = "America/Los_Angeles"
MOUNTAIN = "America/Denver"

TEXAS = (
    _city("Austin", "TX", "78701", CENTRAL),
    _city("Houston", "TX", "77002", CENTRAL),
    _city("Dallas", "TX", "75201", CENTRAL),
    _city("San Antonio", "TX", "78205", CENTRAL),
)
HEARTLAND = (
    _city("Des Moines", "IA", "50309", CENTRAL),
    _city("Minneapolis", "MN", "55401", CENTRAL),
    _city("Kansas City", "MO", "64106", CENTRAL),
    _city("Omaha", "NE", "68102", CENTRAL),
    _city("Madison", "WI", "53703", CENTRAL),
)
NORTHWEST = (
    _city("Portland", "OR", "97205", PACIFIC),
    _city("Seattle", "WA", "98101", PACIFIC),
    _city("Spokane", "WA", "99201", PACIFIC),
    _city("Boise", "ID", "83702", "America/Boise"),
    _city("Missoula", "MT", "59801", MOUNTAIN),
)
EAST = (
    _city("Asheville", "NC", "28801", EASTERN),
    _city("Burlington", "VT", "05401", EASTERN),
    _city("Richmond", "VA", "23219", EASTERN),
    _city("Pittsburgh", "PA", "15222", EASTERN),
)
ROCKIES = (
    _city("Denver", "CO", "80202", MOUNTAIN),
    _city("Boulder", "CO", "80302", MOUNTAIN),
    _city("Fort Collins", "CO", "80524", MOUNTAIN),
    _city("Salt Lake City", "UT", "84111", MOUNTAIN),
    _city("Albuquerque", "NM", "87102", MOUNTAIN),
)
SOUTHEAST = (
    _city("Atlanta", "GA", "30303", EASTERN),
    _city("Nashville", "TN", "37203", CENTRAL),
    _city("Charleston", "SC", "29401", EASTERN),
    _city("Birmingham", "AL", "35203", CENTRAL),
)

_VENUE_WORDS = (
    "Riverbend Counseling Center", "Cedar Hall Community Room", "Lantern Wellness Collective",
    "Northside Library Meeting Room B", "Harbor Light Training Center", "Maple Street Commons",
    "Blue Heron Therapy Suites", "Oak & Ivy Conference Room", "Summit Behavioral Health Annex",
)
_STREETS = (
    "Main St", "Oak Ave", "Elm St", "Market St", "Park Ave", "Cedar Ln", "2nd Ave", "Grand Blvd",
    "River Rd", "Lincoln Way",
)

FIRST_NAMES = (
    "Avery", "Jordan", "Maya", "Elena", "Marcus", "Priya", "Daniel", "Rosa", "Samuel", "Leah",
    "Tomás", "Grace", "Noah", "Imani", "Caleb", "Hannah", "Lucía", "Owen", "Keiko", "Ruth",
)
LAST_NAMES = (
    "Whitfield", "Okafor", "Delgado", "Lindqvist", "Brennan", "Nakamura", "Harper", "Castillo",
    "Mendez", "Albright", "Sorensen", "Patel", "Greaves", "Moreno", "Fairchild", "Ellison",
)


def venue_for(city: City, index: int) -> Venue:
    """A stable fictional venue in `city`; `index` picks among a few per city."""
    name = _VENUE_WORDS[(index + len(city.name)) % len(_VENUE_WORDS)]
    number = 100 + (index * 137 + len(city.name) * 41) % 1900
    street = f"{number} {_STREETS[(index + len(city.state)) % len(_STREETS)]}"
    if index % 3 == 0:
        street += f", Suite {200 + index % 7 * 10}"
    return Venue(name=name, street=street, city=city)


def phone(index: int) -> str:
    """A 555-01xx number (reserved for fiction)."""
    return f"(512) 555-01{index % 100:02d}"


def email(local: str) -> str:
    return f"{local}@example.org"
