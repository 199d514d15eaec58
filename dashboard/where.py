"""Turn the "Where" box (ZIP or "City, ST") into coordinates with PeerMap's offline geocoder."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol


class _Geocoder(Protocol):
    def geocode(self, query: str) -> Any: ...


@dataclass(frozen=True)
class Origin:
    """A resolved search centre."""

    lat: float
    lon: float
    label: str
    precision: str = "unknown"
    ambiguous: bool = False


_ZIP = re.compile(r"^\d{5}(-\d{4})?$")
_geocoder: _Geocoder | None = None


class ZipcodeFallbackGeocoder:
    """Stand-in used only while `pipelines.geocode` is absent: ZIP or "City, ST" via `zipcodes`."""

    def geocode(self, query: str) -> Any:
        import zipcodes
        from geopy.location import Location

        text = query.strip()
        if _ZIP.match(text):
            rows = zipcodes.matching(text[:5])
            precision = "postal_code"
        elif "," in text:
            city, _, state = text.rpartition(",")
            rows = zipcodes.filter_by(city=city.strip().title(), state=state.strip().upper())
            precision = "city"
        else:
            return None
        if not rows:
            return None
        lat = sum(float(r["lat"]) for r in rows) / len(rows)
        lon = sum(float(r["long"]) for r in rows) / len(rows)
        label = f"{rows[0]['city']}, {rows[0]['state']}"
        return Location(label, (lat, lon), {"precision": precision, "ambiguous": False})


def make_geocoder() -> _Geocoder:
    """PeerMap's offline geocoder (geopy interface). Tests replace this function."""
    try:
        from pipelines.geocode import OfflineGeocoder
    except ImportError:
        return ZipcodeFallbackGeocoder()
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


def resolve_where(text: str) -> Origin | None:
    """Geocode the user's text; None when it is blank or not found."""
    text = (text or "").strip()[:120]
    if not text:
        return None
    location = _get_geocoder().geocode(text)
    if location is None:
        return None
    raw = getattr(location, "raw", None) or {}
    return Origin(
        lat=float(location.latitude),
        lon=float(location.longitude),
        label=str(getattr(location, "address", "") or text),
        precision=str(raw.get("precision", "unknown")),
        ambiguous=bool(raw.get("ambiguous", False)),
    )
