"""listings/occurrences as CSV (lists "; "-joined) and Parquet (real lists), deterministically."""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipelines.core.model import LIST_FIELDS, LISTING_FIELDS, Listing

LIST_SEPARATOR = "; "
# Spreadsheet formula injection (OWASP "CSV Injection"): a text cell starting with one of these
# is evaluated by Excel/LibreOffice/Sheets; a leading single quote makes it literal text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def _listing_types() -> dict[str, str]:
    types: dict[str, str] = {}
    for f in dataclasses.fields(Listing):
        if f.name not in LISTING_FIELDS:
            continue
        text = str(f.type)
        if f.name in LIST_FIELDS:
            types[f.name] = "list"
        elif text.startswith("float"):
            types[f.name] = "number"
        elif text.startswith("bool"):
            types[f.name] = "boolean"
        else:
            types[f.name] = "string"
    types["next_start"] = "datetime"
    return types


# Column name -> logical type (string, number, boolean, datetime, list); shared with datapackage.
LISTING_COLUMNS: dict[str, str] = _listing_types()
OCCURRENCE_COLUMNS: dict[str, str] = {
    "listing_id": "string", "start": "datetime", "end": "datetime", "status": "string",
    "title": "string",
}
_ARROW = {
    "string": pa.string(), "number": pa.float64(), "boolean": pa.bool_(),
    "datetime": pa.timestamp("us", tz="UTC"), "list": pa.list_(pa.string()),
}


def iso_utc(value: datetime | None) -> str:
    return "" if value is None else value.strftime("%Y-%m-%dT%H:%M:%SZ")


def neutralise_formula(text: str) -> str:
    """Prefix "'" to text a spreadsheet would run as a formula; plain numbers (+15125550100)
    stay as they are."""
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_cell(value: Any, kind: str) -> str:
    """One CSV cell; text (string and list) cells are neutralised against formula injection,
    numbers, booleans and datetimes are written as they are."""
    if value is None:
        return ""
    if kind == "list":
        return neutralise_formula(LIST_SEPARATOR.join(str(v) for v in value))
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "number":
        return repr(float(value))
    if kind == "datetime":
        return iso_utc(value)
    if kind == "string":
        return neutralise_formula(str(value))
    return str(value)


def render_csv(rows: list[dict[str, Any]], columns: dict[str, str]) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(list(columns))
    for row in rows:
        writer.writerow([csv_cell(row.get(name), kind) for name, kind in columns.items()])
    return buf.getvalue().encode("utf-8")


def write_csv(path: Path, rows: list[dict[str, Any]], columns: dict[str, str]) -> None:
    path.write_bytes(render_csv(rows, columns))


def write_parquet(path: Path, rows: list[dict[str, Any]], columns: dict[str, str]) -> None:
    schema = pa.schema([pa.field(name, _ARROW[kind]) for name, kind in columns.items()])
    data = {name: [_arrow_value(row.get(name), kind) for row in rows]
            for name, kind in columns.items()}
    table = pa.Table.from_pydict(data, schema=schema)
    # Fixed codec, no per-write metadata: the same rows always produce the same bytes.
    pq.write_table(table, path, compression="zstd", compression_level=3,
                   write_statistics=True, use_dictionary=True)


def _arrow_value(value: Any, kind: str) -> Any:
    if value is None:
        return [] if kind == "list" else None
    if kind == "number":
        return float(value)
    if kind == "boolean":
        return bool(value)
    if kind == "string":
        return str(value)
    return value


def write_tables(folder: Path, listings: list[dict[str, Any]],
                 occurrences: list[dict[str, Any]]) -> None:
    write_csv(folder / "listings.csv", listings, LISTING_COLUMNS)
    write_parquet(folder / "listings.parquet", listings, LISTING_COLUMNS)
    write_csv(folder / "occurrences.csv", occurrences, OCCURRENCE_COLUMNS)
    write_parquet(folder / "occurrences.parquet", occurrences, OCCURRENCE_COLUMNS)
