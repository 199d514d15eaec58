"""Current results as CSV and GeoJSON downloads."""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import pandas as pd

from dashboard.safe_text import safe_url

EXPORT_COLUMNS = (
    "id", "kind", "title", "attendance_mode", "next_start", "schedule_text", "timezone",
    "distance_mi", "venue_name", "street", "city", "region", "postal_code", "lat", "lon",
    "is_free", "sliding_scale", "cost_min", "cost_max", "currency", "ce_credits", "audience",
    "modalities", "languages", "serves_regions", "organizer", "source_url", "url", "last_seen",
    "accepting_members",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _plain(value: Any) -> Any:
    if isinstance(value, list | tuple | np.ndarray):
        return "; ".join(str(v) for v in list(value))
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return value


def _export_frame(frame: pd.DataFrame) -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame(columns=list(EXPORT_COLUMNS))
    columns = [c for c in EXPORT_COLUMNS if c in frame.columns]
    out = pd.DataFrame(index=frame.index)
    for column in columns:
        # Built as object Series so None stays None (a float column would turn it back to NaN).
        out[column] = pd.Series([_plain(v) for v in frame[column]], index=frame.index,
                                dtype=object)
    for column in ("source_url", "url"):
        if column in out.columns:
            out[column] = pd.Series([safe_url(v) for v in out[column]], index=out.index,
                                    dtype=object)
    return out


def _defuse_formula(value: Any) -> Any:
    # Spreadsheet apps execute cells starting with = + - @; scraped text must stay text.
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(frame: pd.DataFrame) -> bytes:
    out = _export_frame(frame)
    for column in out.columns:
        if column not in {"lat", "lon", "distance_mi", "cost_min", "cost_max", "ce_credits"}:
            out[column] = pd.Series([_defuse_formula(v) for v in out[column]],
                                    index=out.index, dtype=object)
    return out.to_csv(index=False).encode("utf-8")


def to_geojson(frame: pd.DataFrame) -> bytes:
    """A FeatureCollection; listings without coordinates get a null geometry (online ones)."""
    features = []
    for record in _export_frame(frame).to_dict("records"):
        lat, lon = record.get("lat"), record.get("lon")
        geometry = None
        if lat is not None and lon is not None:
            geometry = {"type": "Point", "coordinates": [float(lon), float(lat)]}
        props = {k: v for k, v in record.items() if k not in {"lat", "lon"}}
        features.append({"type": "Feature", "id": record["id"], "geometry": geometry,
                         "properties": props})
    return json.dumps({"type": "FeatureCollection", "features": features},
                      default=str, ensure_ascii=False).encode("utf-8")
