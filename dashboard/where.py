"""Turn the "Where" box (ZIP or "City, ST") into a search centre with PeerMap's offline geocoder.

Never guesses: an ambiguous name ("Kansas City") returns its candidates, a misspelling
("Ashvile, NC") the nearest spellings in that state, and a place not found returns no centre.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from spiders.common.us_states import STATE_TIMEZONES


class _Geocoder(Protocol):
    def geocode(self, query: str, *, exactly_one: bool = True) -> Any: ...


@dataclass(frozen=True)
class Origin:
    """A resolved search centre."""

    lat: float
    lon: float
    label: str
    precision: str = "unknown"
    ambiguous: bool = False
    region: str = ""

    @property
    def timezone(self) -> str | None:
        """The place's zone (its state's most used one); None outside the table."""
        return STATE_TIMEZONES.get(self.region)


@dataclass(frozen=True)
class PlaceAnswer:
    """What the Where box resolved to: a centre, or the places the user may have meant."""

    origin: Origin | None = None
    candidates: tuple[Origin, ...] = ()  # the same name in several states
    suggestions: tuple[str, ...] = field(default=())  # "did you mean" spellings


_ZIP = re.compile(r"^\d{5}(-\d{4})?$")
_geocoder: _Geocoder | None = None
SUGGEST_CUTOFF = 75  # rapidfuzz ratio (0-100); below this a spelling is not offered


def make_geocoder() -> _Geocoder:
    """PeerMap's offline geocoder (geopy interface). Tests replace this function."""
    from pipelines.geocode import OfflineGeocoder

    return OfflineGeocoder()


def _get_geocoder() -> _Geocoder:
    global _geocoder
    if _geocoder is None:
        _geocoder = make_geocoder()
    return _geocoder


def reset_geocoder() -> None:
    global _geocoder
    _geocoder = None


def looks_like_place(text: str) -> bool:
    """A 5-digit ZIP (optionally ZIP+4) or "City, ST"."""
    text = text.strip()
    return bool(_ZIP.match(text)) or bool(re.match(r"^[^,]{1,80},\s*[A-Za-z]{2}$", text))


def _origin(location: Any, text: str) -> Origin:
    raw = getattr(location, "raw", None) or {}
    return Origin(
        lat=float(location.latitude), lon=float(location.longitude),
        label=str(getattr(location, "address", "") or text),
        precision=str(raw.get("precision", "unknown")),
        ambiguous=bool(raw.get("ambiguous", False)), region=str(raw.get("region") or ""),
    )


def suggest_spellings(text: str, limit: int = 3) -> tuple[str, ...]:
    """Close spellings of "City, ST" among the gazetteer's places in that state."""
    city, sep, state = text.rpartition(",")
    state = state.strip().upper()
    if not sep or not re.fullmatch(r"[A-Z]{2}", state) or not city.strip():
        return ()
    from rapidfuzz import fuzz, process

    from pipelines.geocode.gazetteer import load
    from pipelines.geocode.names import name_key

    names = load().place_names_in(state)
    found = process.extract(name_key(city), list(names), scorer=fuzz.ratio, limit=limit,
                            score_cutoff=SUGGEST_CUTOFF)
    return tuple(f"{names[key]}, {state}" for key, _, _ in found)


def resolve_place(text: str) -> PlaceAnswer:
    """The centre for the user's text, or its candidates / suggested spellings."""
    text = (text or "").strip()[:120]
    if not text:
        return PlaceAnswer()
    found = _get_geocoder().geocode(text, exactly_one=False) or []
    origins = tuple(_origin(loc, text) for loc in found)
    if len(origins) == 1 and not origins[0].ambiguous:
        return PlaceAnswer(origin=origins[0])
    if origins:
        return PlaceAnswer(candidates=origins[:8])
    return PlaceAnswer(suggestions=suggest_spellings(text))


def resolve_where(text: str) -> Origin | None:
    """Geocode the user's text; None when it is blank, ambiguous or not found."""
    return resolve_place(text).origin
