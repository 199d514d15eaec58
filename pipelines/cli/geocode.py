"""Plain functions behind `peermap geocode "TEXT"` and `peermap geocode --batch FILE`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pipelines.geocode.chain import GeocoderChain


def geocode_one(text: str, chain: GeocoderChain) -> dict[str, Any]:
    """One JSON-ready answer: lat, lon, precision, label, attendance_mode, ambiguous (+ extras)."""
    answer = chain.resolve(text)
    r = answer.result
    out: dict[str, Any] = {
        "query": text,
        "lat": r.lat,
        "lon": r.lon,
        "precision": r.precision if r.found else "none",
        "label": r.label if r.found else None,
        "attendance_mode": answer.attendance_mode,
        "ambiguous": r.ambiguous,
        "region": r.region,
        "country": r.country,
        "postal_code": r.postal_code,
        "po_box": r.po_box,
        "via": answer.via,
    }
    if r.ambiguous:
        out["candidates"] = [f"{c['name']}, {c['region']}" for c in r.candidates]
    return out


def geocode_batch(lines: Iterable[str], chain: GeocoderChain) -> Iterator[dict[str, Any]]:
    """One answer per non-blank input line, in input order (JSON Lines friendly)."""
    for line in lines:
        text = line.strip()
        if text:
            yield geocode_one(text, chain)
