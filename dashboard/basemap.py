"""The offline basemap: water, land, lakes, state and county lines, state and place labels.

Everything is drawn from files in dashboard/data/ (built once by tools/build_basemap.py; provenance
in dashboard/data/README.md) as pydeck layers, so the browser needs no tile or style server.
Labels use deck.gl's CollisionFilterExtension: where two overlap, the bigger place wins, so a
national view shows the big cities and zooming in reveals towns.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pydeck as pdk

DATA = Path(__file__).resolve().parent / "data"
BASEMAP_PATH, PLACES_PATH = DATA / "basemap.json", DATA / "places.json"
KIND_COLORS: dict[str, tuple[int, int, int]] = {
    "consult_group": (31, 119, 180),
    "peer_event": (255, 127, 14),
    "supervision": (44, 160, 44),
}
KIND_LABELS = {"consult_group": "Consult group", "peer_event": "Peer event",
               "supervision": "Supervision"}
# Streamlit Markdown colours matching KIND_COLORS (text, so they render without emoji fonts).
KIND_SWATCHES = {"consult_group": ":blue[●]", "peer_event": ":orange[●]", "supervision": ":green[●]"}
WATER, LAND, NEIGHBOUR = (170, 205, 230), (246, 244, 238), (228, 226, 220)
COUNTY_MIN_ZOOM = 5.0  # county lines only where they help (a region or a city)
MAX_PLACE_LABELS = 1500
# (zoom below which, smallest population labelled): more, smaller places as the view closes in.
LABEL_POPULATION_BY_ZOOM = ((4.0, 100_000), (5.5, 25_000), (7.0, 10_000), (8.5, 3_000))
SMALLEST_LABELLED = 1_000
BIG_CITY, STATE_LABEL_SIZE = 300_000, 13
SANS = "Helvetica Neue, Helvetica, Arial, sans-serif"
COLLIDE = [{"@@type": "CollisionFilterExtension"}]
# pydeck turns every plain string into a JSON expression ("@@=…"); constants must be wrapped.
LITERAL = pdk.types.String


@dataclass(frozen=True)
class Bounds:
    west: float
    south: float
    east: float
    north: float

    def padded(self, factor: float) -> Bounds:
        dx, dy = (self.east - self.west) * factor, (self.north - self.south) * factor
        return Bounds(self.west - dx, max(-85.0, self.south - dy), self.east + dx,
                      min(85.0, self.north + dy))

    def contains(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north

    def overlaps(self, other: Bounds) -> bool:
        return not (other.west > self.east or other.east < self.west
                    or other.south > self.north or other.north < self.south)


@dataclass(frozen=True)
class View:
    """What the map opens on: deck.gl's centre and zoom, and the box it was fitted to."""

    latitude: float
    longitude: float
    zoom: float
    bounds: Bounds


def line_bounds(line: list[list[float]]) -> Bounds:
    lons, lats = [p[0] for p in line], [p[1] for p in line]
    return Bounds(min(lons), min(lats), max(lons), max(lats))


@lru_cache(maxsize=1)
def basemap_data() -> dict[str, Any]:
    data = json.loads(BASEMAP_PATH.read_text(encoding="utf-8"))
    data["county_bounds"] = [line_bounds(line) for line in data["county_lines"]]
    return data


@lru_cache(maxsize=1)
def places() -> list[tuple[str, str, float, float, int]]:
    """(name, state, lat, lon, population), most populous first."""
    cols = json.loads(PLACES_PATH.read_text(encoding="utf-8"))
    return list(zip(cols["name"], cols["state"], cols["lat"], cols["lon"], cols["population"],
                    strict=True))


def min_population(zoom: float) -> int:
    for below, population in LABEL_POPULATION_BY_ZOOM:
        if zoom < below:
            return population
    return SMALLEST_LABELLED


def label_size(population: int) -> int:
    return 15 if population >= 1_000_000 else 13 if population >= 250_000 else \
        12 if population >= 50_000 else 11


def _pixel(lon: float, lat: float, zoom: float) -> tuple[float, float]:
    scale = 512 * 2 ** zoom
    y = math.log(math.tan(math.pi / 4 + math.radians(max(-85.0, min(85.0, lat))) / 2))
    return scale * (lon + 180) / 360, scale * (math.pi - y) / (2 * math.pi)


class _Declutter:
    """Greedy label placement in screen pixels at one zoom: a label that would overlap one
    already placed (bigger place first) is left out. Buckets keep it linear."""

    CELL = 64.0

    def __init__(self, zoom: float) -> None:
        self.zoom = zoom
        self.cells: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}

    def place(self, lon: float, lat: float, text: str, size: int) -> bool:
        x, y = _pixel(lon, lat, self.zoom)
        half_w, half_h = 0.3 * size * len(text) + 3, 0.6 * size + 2
        rect = (x - half_w, y - half_h, x + half_w, y + half_h)
        keys = [(i, j) for i in range(int(rect[0] // self.CELL), int(rect[2] // self.CELL) + 1)
                for j in range(int(rect[1] // self.CELL), int(rect[3] // self.CELL) + 1)]
        for key in keys:
            for other in self.cells.get(key, ()):
                if rect[0] < other[2] and other[0] < rect[2] and rect[1] < other[3] \
                        and other[1] < rect[3]:
                    return False
        for key in keys:
            self.cells.setdefault(key, []).append(rect)
        return True


def _label(name: str, lon: float, lat: float, size: int, priority: int) -> dict[str, Any]:
    return {"name": name, "lon": lon, "lat": lat, "size": size, "priority": priority}


def view_labels(view: View) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(state labels, place labels) worth showing around this view — the box and as much again
    on every side, so a little panning still finds names — none overlapping at the opening
    zoom: cities over BIG_CITY first, then state names, then smaller places down to the zoom's
    population floor (deck.gl's collision filter thins them further as the reader zooms out)."""
    box, smallest = view.bounds.padded(1.0), min_population(view.zoom)
    free = _Declutter(view.zoom)
    candidates = [(n, lat, lon, p) for n, _s, lat, lon, p in places()
                  if p >= smallest and box.contains(lon, lat)][:MAX_PLACE_LABELS]
    chosen: list[dict[str, Any]] = []
    for name, lat, lon, population in candidates:
        if population < BIG_CITY:
            break
        if free.place(lon, lat, name, label_size(population)):
            chosen.append(_label(name, lon, lat, label_size(population),
                                 round(100 * math.log10(population))))
    states = [s for s in sorted(basemap_data()["state_labels"], key=lambda s: -s["area"])
              if free.place(s["lon"], s["lat"], s["name"], STATE_LABEL_SIZE)]
    for name, lat, lon, population in candidates:
        if population >= BIG_CITY:
            continue
        if free.place(lon, lat, name, label_size(population)):
            chosen.append(_label(name, lon, lat, label_size(population),
                                 round(100 * math.log10(max(population, 1)))))
    return states, chosen


def county_lines(view: View) -> list[dict[str, Any]]:
    if view.zoom < COUNTY_MIN_ZOOM:
        return []
    data, box = basemap_data(), view.bounds.padded(1.5)
    return [{"path": line} for line, b in zip(data["county_lines"], data["county_bounds"],
                                               strict=True) if box.overlaps(b)]


def _polygons(rings_list: list[Any]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": p}}
        for p in rings_list]}


def _paths(layer_id: str, lines: list[dict[str, Any]], color: list[int], width: float) -> pdk.Layer:
    return pdk.Layer("PathLayer", data=lines, id=layer_id, get_path="path", get_color=color,
                     width_units=LITERAL("pixels"), get_width=width, width_min_pixels=width,
                     pickable=False)


def basemap_layers(view: View) -> list[pdk.Layer]:
    data = basemap_data()
    state_labels, place_labels = view_labels(view)
    water = [{"polygon": [[-250, -80], [-20, -80], [-20, 84], [-250, 84]]}]
    return [
        pdk.Layer("SolidPolygonLayer", data=water, id="water", get_polygon="polygon",
                  get_fill_color=list(WATER), pickable=False),
        pdk.Layer("GeoJsonLayer", data=_polygons(data["neighbours"]), id="neighbours",
                  filled=True, stroked=False, get_fill_color=list(NEIGHBOUR), pickable=False),
        pdk.Layer("GeoJsonLayer", data=_polygons(data["land"]), id="us-land", filled=True,
                  stroked=True, get_fill_color=list(LAND), get_line_color=[150, 170, 185],
                  line_width_min_pixels=1, pickable=False),
        pdk.Layer("GeoJsonLayer", data=_polygons(data["lakes"]), id="lakes", filled=True,
                  stroked=False, get_fill_color=list(WATER), pickable=False),
        _paths("county-lines", county_lines(view), [200, 196, 205], 0.6),
        _paths("state-lines", [{"path": p} for p in data["state_lines"]], [140, 130, 150], 1.2),
        pdk.Layer("TextLayer", data=state_labels, id="state-labels",
                  get_position=["lon", "lat"], get_text="name", get_size=STATE_LABEL_SIZE,
                  get_color=[120, 110, 130, 200], font_family=LITERAL(SANS), font_weight=600,
                  character_set=LITERAL("auto"), extensions=COLLIDE, collision_group=LITERAL("states"),
                  get_collision_priority="area", pickable=False),
        pdk.Layer("TextLayer", data=place_labels, id="place-labels",
                  get_position=["lon", "lat"], get_text="name", get_size="size",
                  get_color=[40, 40, 40], font_family=LITERAL(SANS), character_set=LITERAL("auto"),
                  font_settings={"sdf": True}, outline_width=4,
                  outline_color=[255, 255, 255, 230], extensions=COLLIDE,
                  collision_group=LITERAL("places"), get_collision_priority="priority",
                  pickable=False),
    ]


def legend_markdown() -> str:
    parts = [f"{KIND_SWATCHES[k]} {KIND_LABELS[k]}" for k in KIND_COLORS]
    return "  ·  ".join([*parts, ":violet[●] Several kinds at one place (number = how many)"])
