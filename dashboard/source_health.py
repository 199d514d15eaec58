"""The Sources page's table: human column names, readable errors, "broken since"."""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.safe_text import one_line, safe_url

COLUMNS = {  # snapshot column -> what an operator reads
    "name": "Source", "health": "Health", "broken_since": "Broken since",
    "enabled": "Enabled", "last_run_at": "Last run", "last_success_at": "Last success",
    "item_count": "Listings found", "last_error": "Last error", "format": "Format",
    "url": "Feed address", "homepage": "Website", "precision_cap": "Location detail allowed",
    "attribution": "Attribution", "terms": "Terms",
}
ERROR_LIMIT = 160


def readable_error(value: Any) -> str:
    """One line, no traceback noise: the last line of a multi-line error, shortened."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or not str(value).strip():
        return ""
    lines = [line.strip() for line in str(value).splitlines() if line.strip()]
    text = next((line for line in reversed(lines) if not line.startswith(("File ", "^"))),
                lines[-1])
    return one_line(text, ERROR_LIMIT)


def sources_table(sources: pd.DataFrame) -> pd.DataFrame:
    table = sources.copy()
    for column in COLUMNS:
        if column not in table:
            table[column] = None
    for column in ("url", "homepage"):
        table[column] = table[column].map(lambda u: safe_url(u) or "")
    table["last_error"] = table["last_error"].map(readable_error)
    return table[list(COLUMNS)].rename(columns=COLUMNS)


def history_for(history: pd.DataFrame, source_id: str) -> pd.DataFrame:
    """Listings found per run (0 for a failed run) with its outcome, oldest first."""
    rows = history[history["source_id"] == source_id].copy()
    rows["Listings found"] = rows["parsed"].fillna(0).astype(int)
    rows["Outcome"] = rows["ok"].map(lambda ok: "ok" if ok else "broken")
    return rows.rename(columns={"as_of": "Run"})[["Run", "Listings found", "Outcome"]]
