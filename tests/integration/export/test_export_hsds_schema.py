"""hsds/*.csv validated against Open Referral's published HSDS 3.0 schemas (vendored, CC BY-SA).

Each CSV row becomes an object (empty cells absent, numbers typed per the column) and is checked
with jsonschema against tests/fixtures/hsds/<table>.json: the column names, the required fields,
the types and the formats (uuid, uri, email, date-time). Nested arrays are not part of the
tabular form and are not expected.
"""

from __future__ import annotations

import csv
import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from pipelines.export import ExportSummary
from pipelines.export.hsds import HSDS_TABLES
from tests.support.paths import FIXTURES

SCHEMAS = FIXTURES / "hsds"


def _schema(table: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / f"{table}.json").read_text(encoding="utf-8"))


def _typed(value: str, kind: str | None) -> Any:
    if kind in ("number", "integer"):
        number = float(value)
        return int(number) if number.is_integer() else number
    return value


def _rows(exported: ExportSummary, table: str) -> list[dict[str, str]]:
    with (exported.folder / "hsds" / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("table", sorted(HSDS_TABLES))
def test_every_exported_column_is_an_hsds_field(exported: ExportSummary, table: str) -> None:
    fields = set(_schema(table)["properties"])
    header = list(_rows(exported, table)[0]) if _rows(exported, table) else list(
        HSDS_TABLES[table])
    assert set(header) <= fields, sorted(set(header) - fields)


@pytest.mark.parametrize("table", sorted(HSDS_TABLES))
def test_every_row_validates_against_the_hsds_schema(exported: ExportSummary,
                                                     table: str) -> None:
    schema = _schema(table)
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    types = {name: prop.get("type") for name, prop in schema["properties"].items()}
    rows = _rows(exported, table)
    problems = []
    for n, row in enumerate(rows):
        record = {k: _typed(v, types.get(k)) for k, v in row.items() if v != ""}
        problems += [f"row {n}: {e.message}" for e in validator.iter_errors(record)]
    assert not problems, problems[:10]


def test_the_vendored_schemas_are_what_the_readme_names() -> None:
    names = {p.stem for p in SCHEMAS.glob("*.json")}
    assert names == set(HSDS_TABLES)
    assert "Attribution Share-Alike 4.0" in (SCHEMAS / "LICENSE").read_text(encoding="utf-8")
