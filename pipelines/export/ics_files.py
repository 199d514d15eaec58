"""The dataset's calendars: listings.ics, ics/kind-<kind>.ics and ics/state-<ST>.ics.

Each listing is written by the same code as a card's "Add to calendar" (ics_series.py): a
recurring listing is ONE series VEVENT in its own zone (RRULE, EXDATE for dropped or cancelled
dates, RDATE for moved ones, its real length) with a VTIMEZONE; anything else one VEVENT per
upcoming occurrence (UTC, or dates for all-day listings). A listing's blocks are built once and
shared by every file it appears in.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from pipelines.core.model import PUBLISHED_KINDS
from pipelines.export.ics import listing_states
from pipelines.export.ics_series import ListingBlocks, assemble, blocks_for

CALENDAR_NAME = "PeerMap"


def calendar_occurrences(occurrences: Iterable[dict[str, Any]], as_of: datetime
                         ) -> dict[str, list[dict[str, Any]]]:
    """listing id -> its occurrences not yet over (cancelled ones too: they become EXDATEs),
    the rows the dashboard's calendars get (dashboard/listed_occurrences.py)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for occ in occurrences:
        if (occ.get("end") or occ["start"]) >= as_of:
            out.setdefault(str(occ["listing_id"]), []).append(occ)
    return out


def _write(folder: Path, rel: str, name: str, parts: list[ListingBlocks],
           as_of: datetime) -> str:
    body = assemble(name, parts, as_of, empty_ok=True)
    (folder / rel).write_bytes(body or b"")  # empty_ok: always a calendar
    return rel


def write_calendars(folder: Path, listings: list[dict[str, Any]],
                    occurrences: list[dict[str, Any]], as_of: datetime) -> list[str]:
    """Write listings.ics and ics/*.ics; return the relative paths written."""
    upcoming = calendar_occurrences(occurrences, as_of)
    parts = {str(row["id"]): blocks_for(row, upcoming.get(str(row["id"]), []), as_of)
             for row in listings}
    written = [_write(folder, "listings.ics", CALENDAR_NAME, list(parts.values()), as_of)]
    (folder / "ics").mkdir(exist_ok=True)
    for kind in PUBLISHED_KINDS:
        subset = [parts[str(row["id"])] for row in listings if row.get("kind") == kind]
        written.append(_write(folder, f"ics/kind-{kind}.ics", f"{CALENDAR_NAME} — {kind}",
                              subset, as_of))
    states_of = {str(row["id"]): listing_states(row) for row in listings}
    for state in sorted(set().union(*states_of.values())):
        subset = [parts[str(row["id"])] for row in listings if state in states_of[str(row["id"])]]
        written.append(_write(folder, f"ics/state-{state}.ics", f"{CALENDAR_NAME} — {state}",
                              subset, as_of))
    return written
