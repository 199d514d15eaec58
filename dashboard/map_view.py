"""The results map: one marker per place (with a count when listings share it), a view fitted to
every result, and a click that selects the listings' cards (remembered in the URL)."""

from __future__ import annotations

import math
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import pydeck as pdk

from dashboard.basemap import KIND_COLORS, KIND_LABELS, LITERAL, SANS, Bounds, View, basemap_layers
from dashboard.safe_text import one_line
from dashboard.where import Origin

MIXED_COLOR = (148, 103, 189)
CONTIGUOUS_US = Bounds(-124.8, 24.5, -66.9, 49.4)
# deck.gl's viewport is not known on the server: fit for a phone-width map so every result is
# on screen on a phone too (a desktop shows more around it).
FIT_WIDTH_PX, FIT_HEIGHT_PX, FIT_PADDING_PX = 360, 520, 36
MIN_ZOOM, MAX_ZOOM = 1.0, 11.0
TOOLTIP_TITLES = 8
MARKER_COLUMNS = ["lon", "lat", "count", "ids", "color", "count_text", "radius", "tooltip"]
MILES_PER_DEGREE_LAT = 69.0


def _mercator_y(lat: float) -> float:
    lat = max(-85.0, min(85.0, lat))
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def zoom_to_fit(bounds: Bounds, width: int = FIT_WIDTH_PX, height: int = FIT_HEIGHT_PX,
                padding: int = FIT_PADDING_PX) -> float:
    """deck.gl (512-px world at zoom 0) zoom at which `bounds` fits inside width×height."""
    dx = max(bounds.east - bounds.west, 1e-6) / 360.0
    dy = max(_mercator_y(bounds.north) - _mercator_y(bounds.south), 1e-6) / (2 * math.pi)
    zoom = math.log2(min((width - 2 * padding) / (512 * dx), (height - 2 * padding) / (512 * dy)))
    return max(MIN_ZOOM, min(MAX_ZOOM, zoom))


def fit_view(points: Iterable[tuple[float, float]], origin: Origin | None,
             radius_mi: int) -> View:
    """A view holding every (lon, lat) result and, for a place search, the search circle."""
    lons, lats = [], []
    for lon, lat in points:
        lons.append(lon)
        lats.append(lat)
    if origin is not None:
        dlat = radius_mi / MILES_PER_DEGREE_LAT
        dlon = dlat / max(math.cos(math.radians(origin.lat)), 0.1)
        lons += [origin.lon - dlon, origin.lon + dlon]
        lats += [origin.lat - dlat, origin.lat + dlat]
    if not lons:
        bounds = CONTIGUOUS_US
    else:
        bounds = Bounds(min(lons), min(lats), max(lons), max(lats))
        if bounds.east - bounds.west < 0.2 and bounds.north - bounds.south < 0.2:
            x, y = (bounds.west + bounds.east) / 2, (bounds.south + bounds.north) / 2
            bounds = Bounds(x - 0.1, y - 0.1, x + 0.1, y + 0.1)  # one place: its town, not street
    centre_y = (_mercator_y(bounds.north) + _mercator_y(bounds.south)) / 2
    latitude = math.degrees(2 * math.atan(math.exp(centre_y)) - math.pi / 2)
    return View(latitude=latitude, longitude=(bounds.west + bounds.east) / 2,
                zoom=zoom_to_fit(bounds), bounds=bounds)


def _tooltip(titles: list[str], kinds: list[str]) -> str:
    """Plain text (deck.gl's `text` tooltip sets innerText, so nothing in it is parsed as HTML)."""
    lines = [f"• {one_line(t, 90)} ({KIND_LABELS.get(k, one_line(k, 30))})"
             for t, k in zip(titles[:TOOLTIP_TITLES], kinds, strict=False)]
    if len(titles) > TOOLTIP_TITLES:
        lines.append(f"…and {len(titles) - TOOLTIP_TITLES} more")
    head = f"{len(titles)} listings here — click to show them" if len(titles) > 1 \
        else "Click to show this listing"
    return "\n".join([head, *lines])


def marker_frame(local: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct point; listings on the same coordinates share a counted marker."""
    if local.empty:
        return pd.DataFrame(columns=MARKER_COLUMNS)
    placed = local.dropna(subset=["lat", "lon"])
    groups: dict[tuple[float, float], list[Mapping[str, Any]]] = {}
    for row in placed.to_dict("records"):
        groups.setdefault((round(float(row["lon"]), 5), round(float(row["lat"]), 5)), []).append(row)
    rows = []
    for (lon, lat), members in groups.items():
        kinds = [str(m.get("kind")) for m in members]
        distinct = Counter(kinds)
        color = KIND_COLORS.get(kinds[0], (127, 127, 127)) if len(distinct) == 1 else MIXED_COLOR
        count = len(members)
        rows.append({"lon": lon, "lat": lat, "count": count,
                     "ids": [str(m["id"]) for m in members], "color": list(color),
                     "count_text": str(count) if count > 1 else "",
                     "radius": 7 if count == 1 else min(9 + 2 * count, 16),
                     "tooltip": _tooltip([str(m.get("title") or "") for m in members], kinds)})
    return pd.DataFrame(rows, columns=MARKER_COLUMNS)


def marker_layers(markers: pd.DataFrame) -> list[pdk.Layer]:
    return [
        pdk.Layer("ScatterplotLayer", data=markers, id="listings", get_position=["lon", "lat"],
                  get_fill_color="color", get_line_color=[255, 255, 255], stroked=True,
                  line_width_min_pixels=1.5, radius_units=LITERAL("pixels"), get_radius="radius",
                  pickable=True, auto_highlight=True),
        pdk.Layer("TextLayer", data=markers[markers["count"] > 1], id="listing-counts",
                  get_position=["lon", "lat"], get_text="count_text", get_size=12,
                  get_color=[255, 255, 255], font_weight=700, font_family=LITERAL(SANS),
                  pickable=False),
    ]


def origin_layer(origin: Origin, radius_mi: int) -> pdk.Layer:
    return pdk.Layer("ScatterplotLayer", data=[{"lon": origin.lon, "lat": origin.lat}],
                     id="origin", get_position=["lon", "lat"], get_radius=radius_mi * 1609.34,
                     filled=False, stroked=True, get_line_color=[90, 90, 90],
                     line_width_min_pixels=1, pickable=False)


def build_deck(local: pd.DataFrame, origin: Origin | None, radius_mi: int) -> pdk.Deck:
    markers = marker_frame(local)
    view = fit_view(zip(markers["lon"], markers["lat"], strict=True), origin, radius_mi)
    layers = basemap_layers(view)
    if origin is not None:
        layers.append(origin_layer(origin, radius_mi))
    layers += marker_layers(markers)
    tiles = os.environ.get("PEERMAP_TILES_URL")
    # Without tiles, map_provider=None and pydeck's own map_style sentinel: Streamlit's frontend
    # swaps a missing (or None / "") map_style for CARTO's style URL, which the browser fetches.
    extra: dict[str, Any] = {"map_provider": "carto", "map_style": tiles} if tiles else \
        {"map_provider": None}
    return pdk.Deck(layers=layers, initial_view_state=pdk.ViewState(
        latitude=view.latitude, longitude=view.longitude, zoom=view.zoom),
        tooltip={"text": "{tooltip}"}, **extra)


def selected_ids(state: Any) -> list[str] | None:
    """Listing ids under the clicked marker; [] when the click cleared it; None if no selection
    data came back (e.g. the chart has not been clicked yet)."""
    try:
        objects = state["selection"]["objects"]
    except (KeyError, TypeError):
        return None
    picked = objects.get("listings") or []
    return [str(i) for i in picked[0].get("ids", [])] if picked else []


def marker_ids_for(markers: pd.DataFrame, listing_id: str) -> list[str]:
    """Every listing sharing the marker of `listing_id` (the URL names one; the card list shows
    the whole marker)."""
    for ids in markers["ids"]:
        if listing_id in ids:
            return list(ids)
    return []
