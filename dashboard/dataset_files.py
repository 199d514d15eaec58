"""The files of the latest dataset export (`peermap export` / the flow's export step)."""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipelines.export import dashboard_latest

DESCRIPTIONS = {
    "listings.csv": "Listings (CSV, the data-model fields)",
    "listings.parquet": "Listings (Parquet)",
    "occurrences.csv": "Occurrences (CSV)",
    "occurrences.parquet": "Occurrences (Parquet)",
    "listings.geojson": "In-person and hybrid listings as points (GeoJSON)",
    "listings.ics": "All upcoming meetings (iCalendar; a recurring group is one series)",
    "listings.jsonld": "schema.org Events (JSON-LD)",
    "datapackage.json": "Frictionless data package: schemas, licence, sources, row counts",
    "SHA256SUMS": "Checksums of every file",
}
MIME = {".csv": "text/csv", ".parquet": "application/vnd.apache.parquet",
        ".geojson": "application/geo+json", ".ics": "text/calendar",
        ".jsonld": "application/ld+json", ".json": "application/json"}


@dataclass(frozen=True)
class DatasetFile:
    path: Path
    name: str  # relative to the snapshot folder, e.g. "hsds/service.csv"
    label: str
    size: int
    mime: str


def exports_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    base = data_dir if data_dir is not None else os.environ.get("PEERMAP_DATA_DIR", "var")
    return Path(base) / "exports"


FIRST = tuple(DESCRIPTIONS)  # listings.csv first, then the other main files, then the rest


def _order(name: str) -> tuple[int, str]:
    return (FIRST.index(name) if name in FIRST else len(FIRST), name)


def empty_calendar(path: Path) -> bool:
    """An .ics file with no event (e.g. a state with no upcoming meeting)."""
    return path.suffix == ".ics" and b"BEGIN:VEVENT" not in path.read_bytes()


def latest_files(out_dir: Path) -> tuple[Path | None, list[DatasetFile]]:
    """The latest export's files, listings.csv first; calendars without events left out."""
    folder = dashboard_latest(out_dir)
    if folder is None:
        return None, []
    files = []
    for path in (p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        if empty_calendar(path):
            continue
        label = DESCRIPTIONS.get(name) or _label(name)
        files.append(DatasetFile(path, name, label, path.stat().st_size,
                                 MIME.get(path.suffix, "text/plain")))
    return folder, sorted(files, key=lambda f: _order(f.name))


def zip_all(folder: Path) -> bytes:
    """Every file of the export (empty calendars included: the checksums name them) as a zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            archive.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")
    return buffer.getvalue()


def row_count(path: Path) -> int | None:
    """Records in a CSV (header excluded) or events in a calendar; None for other files."""
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as fh:
            return max(0, sum(1 for _ in csv.reader(fh)) - 1)
    if path.suffix == ".ics":
        return path.read_bytes().count(b"BEGIN:VEVENT")
    return None


def _label(name: str) -> str:
    if name.startswith("hsds/"):
        return f"Open Referral HSDS table: {name.removeprefix('hsds/')}"
    if name.startswith("ics/state-"):
        return f"Meetings in {name.removeprefix('ics/state-').removesuffix('.ics')} (iCalendar)"
    if name.startswith("ics/kind-"):
        kind = name.removeprefix("ics/kind-").removesuffix(".ics").replace("_", " ")
        return f"Meetings: {kind} (iCalendar)"
    return name


def package_summary(folder: Path) -> dict[str, Any]:
    """Licence, creation time and row counts from datapackage.json (empty when unreadable)."""
    try:
        package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    licences = package.get("licenses") or []
    return {
        "created": package.get("created"),
        "licence": licences[0].get("title") or licences[0].get("name") if licences else None,
        "rows": {key: r.get("count") or r.get("stats", {}).get("rows")
                 for r in package.get("resources", [])
                 for key in (r.get("name"), r.get("path")) if key},
    }


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"
