"""The map: a bundled US-states outline (readable offline) plus one marker per in-person result."""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import pydeck as pdk

from dashboard.safe_text import one_line
from dashboard.where import Origin

OUTLINE_PATH = Path(__file__).resolve().parent / "data" / "us_states_outline.geojson"
KIND_COLORS: dict[str, tuple[int, int, int]] = {
    "consult_group": (31, 119, 180),
    "peer_event": (255, 127, 14),
    "supervision": (44, 160, 44),
}
KIND_LABELS = {"consult_group": "Consult group", "peer_event": "Peer event",
               "supervision": "Supervision"}
# Streamlit Markdown colours matching KIND_COLORS (text, so they render without emoji fonts).
KIND_SWATCHES = {"consult_group": ":blue[●]", "peer_event": ":orange[●]", "supervision": ":green[●]"}
US_CENTER = (39.5, -98.35)


@lru_cache(maxsize=1)
def states_outline() -> dict[str, Any]:
    return json.loads(OUTLINE_PATH.read_text(encoding="utf-8"))


def outline_layer() -> pdk.Layer:
    return pdk.Layer(
        "GeoJsonLayer", data=states_outline(), id="us-states", stroked=True, filled=True,
        get_fill_color=[238, 238, 232], get_line_color=[120, 120, 120], line_width_min_pixels=1,
        pickable=False,
    )


def marker_frame(local: pd.DataFrame) -> pd.DataFrame:
    """Only what the map needs; titles are shown through deck.gl's text tooltip (never HTML)."""
    if local.empty:
        return pd.DataFrame(columns=["lon", "lat", "color", "title", "kind_label"])
    placed = local.dropna(subset=["lat", "lon"])
    return pd.DataFrame({
        "lon": placed["lon"].astype(float),
        "lat": placed["lat"].astype(float),
        "color": [list(KIND_COLORS.get(k, (127, 127, 127))) for k in placed["kind"]],
        "title": [one_line(t, 120) for t in placed["title"]],
        "kind_label": [KIND_LABELS.get(k, str(k)) for k in placed["kind"]],
    })


def _zoom_for_radius(radius_mi: int) -> float:
    if radius_mi <= 10:
        return 10.0
    if radius_mi <= 30:
        return 8.5
    if radius_mi <= 75:
        return 7.0
    if radius_mi <= 150:
        return 6.0
    return 5.0


def build_deck(local: pd.DataFrame, origin: Origin | None, radius_mi: int) -> pdk.Deck:
    markers = marker_frame(local)
    layers = [outline_layer(), pdk.Layer(
        "ScatterplotLayer", data=markers, id="listings", get_position=["lon", "lat"],
        get_fill_color="color", get_line_color=[255, 255, 255], stroked=True,
        line_width_min_pixels=1, radius_min_pixels=6, radius_max_pixels=14, get_radius=800,
        pickable=True,
    )]
    if origin:
        layers.append(pdk.Layer(
            "ScatterplotLayer", data=[{"lon": origin.lon, "lat": origin.lat}], id="origin",
            get_position=["lon", "lat"], get_radius=radius_mi * 1609.34, filled=False,
            stroked=True, get_line_color=[90, 90, 90], line_width_min_pixels=1,
        ))
        view = pdk.ViewState(latitude=origin.lat, longitude=origin.lon,
                             zoom=_zoom_for_radius(radius_mi))
    else:
        view = pdk.ViewState(latitude=US_CENTER[0], longitude=US_CENTER[1], zoom=3)
    tiles = os.environ.get("PEERMAP_TILES_URL")
    return pdk.Deck(
        layers=layers, initial_view_state=view,
        map_provider="carto" if tiles else None, map_style=tiles or None,
        tooltip={"text": "{title}\n{kind_label}"},
    )


def legend_markdown() -> str:
    return "  ·  ".join(f"{KIND_SWATCHES[k]} {KIND_LABELS[k]}" for k in KIND_COLORS)
