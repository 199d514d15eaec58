"""The Sources page's table and per-source run history."""

from __future__ import annotations

import pandas as pd

from dashboard.source_health import COLUMNS, history_for, readable_error, sources_table


def test_columns_have_human_names_and_links_are_safe():
    table = sources_table(pd.DataFrame([{
        "id": "a", "name": "A", "health": "broken", "url": "javascript:alert(1)",
        "homepage": "https://example.org/", "last_error": "Traceback...\n  File x\nHTTP 500"}]))
    assert list(table.columns) == list(COLUMNS.values())
    row = table.iloc[0]
    assert row["Feed address"] == "" and row["Website"] == "https://example.org/"
    assert row["Last error"] == "HTTP 500"


def test_readable_error_is_one_short_line():
    assert readable_error(None) == ""
    assert readable_error("x" * 500).endswith("…") and len(readable_error("x" * 500)) <= 160


def test_history_counts_listings_and_outcome_per_run():
    history = pd.DataFrame({"source_id": ["a", "a", "b"], "as_of": [1, 2, 1],
                            "ok": [True, False, True], "health": ["ok", "broken", "ok"],
                            "parsed": [12, None, 3], "errors": [0, 1, 0]})
    runs = history_for(history, "a")
    assert runs["Listings found"].tolist() == [12, 0]
    assert runs["Outcome"].tolist() == ["ok", "broken"]
