"""Dashboard fixtures: a sample snapshot in tmp_path, a fixed clock and a fake geocoder."""

from __future__ import annotations

from pathlib import Path

import pytest
from geopy.location import Location

from dashboard import where
from tests.support.dashboard_samples import AS_OF, NYC, PHILLY, PORTLAND, build_sample_snapshot

PLACES = {
    "10001": (NYC, "New York, NY 10001", "postal_code"),
    "new york, ny": (NYC, "New York, NY", "city"),
    "19103": (PHILLY, "Philadelphia, PA 19103", "postal_code"),
    "97201": (PORTLAND, "Portland, OR 97201", "postal_code"),
    "59001": ((45.5, -109.5), "Absarokee, MT 59001", "postal_code"),
}
# One name, two states: the geocoder hands back every candidate (exactly_one=False).
AMBIGUOUS = {
    "kansas city": [((39.0997, -94.5786), "Kansas City, MO"), ((39.1142, -94.6275),
                                                               "Kansas City, KS")],
}


class FakeGeocoder:
    """Stands in for pipelines.geocode.OfflineGeocoder (same geopy interface)."""

    def geocode(self, query: str, *, exactly_one: bool = True) -> Location | list | None:
        key = query.strip().lower()
        if key in AMBIGUOUS and not exactly_one:
            return [Location(label, point, {"precision": "city", "ambiguous": True,
                                            "region": label[-2:]})
                    for point, label in AMBIGUOUS[key]]
        hit = PLACES.get(key)
        if hit is None:
            return None if exactly_one else []
        (lat, lon), label, precision = hit
        found = Location(label, (lat, lon), {"precision": precision, "ambiguous": False,
                                             "region": label.split(", ")[1][:2]})
        return found if exactly_one else [found]


@pytest.fixture(autouse=True)
def fake_geocoder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(where, "make_geocoder", FakeGeocoder)
    where.reset_geocoder()
    yield
    where.reset_geocoder()


@pytest.fixture(autouse=True)
def _fresh_streamlit_caches() -> None:
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    build_sample_snapshot(tmp_path)
    monkeypatch.setenv("PEERMAP_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("PEERMAP_AS_OF", AS_OF.isoformat())
    return tmp_path
