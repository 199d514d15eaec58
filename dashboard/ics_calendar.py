"""iCalendar (.ics) downloads of search results, written by the dataset export's own code.

`pipelines.export.ics_series` turns a listing into its real series (RRULE, EXDATE, the listing's
length) or its dated occurrences; this module only turns DataFrame rows into plain values.
Named ics_calendar, not calendar: `streamlit run dashboard/app.py` puts dashboard/ first on
sys.path, where a `calendar.py` would shadow the standard library module.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import pandas as pd

from pipelines.export.ics_series import calendar_for

CALENDAR_NAME = "PeerMap"


def _plain(value: Any) -> Any:
    """DataFrame cell -> what the export code expects (None, list, aware datetime, str...)."""
    if hasattr(value, "tolist") and not isinstance(value, str | pd.Timestamp):
        return value.tolist()
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        stamp = value if value.tzinfo else value.tz_localize(UTC)
        return stamp.to_pydatetime()
    return value


def plain_row(row: Mapping[str, Any]) -> dict[str, Any]:
    out = {str(k): _plain(v) for k, v in row.items()}
    if not out.get("start") and isinstance(out.get("next_start"), datetime):
        out["start"] = out["next_start"].isoformat()  # a dated listing without a stored start
    return out


def listings_to_ics(rows: Iterable[Mapping[str, Any]],
                    occurrences: Mapping[str, Sequence[Mapping[str, Any]]],
                    as_of: datetime, *, name: str = CALENDAR_NAME, description: str | None = None,
                    refresh: timedelta | None = None, empty_ok: bool = False) -> bytes | None:
    """One calendar for these rows; None when no row has a date (offer no empty calendar),
    unless `empty_ok` (the subscription feed: an empty search is still a calendar)."""
    return calendar_for(name, [plain_row(r) for r in rows], occurrences, as_of,
                        description=description, refresh=refresh, empty_ok=empty_ok)


def frame_to_ics(frame: pd.DataFrame, occurrences: Mapping[str, Sequence[Mapping[str, Any]]],
                 as_of: datetime, **options: Any) -> bytes | None:
    return listings_to_ics(frame.to_dict("records") if not frame.empty else [], occurrences,
                           as_of, **options)
