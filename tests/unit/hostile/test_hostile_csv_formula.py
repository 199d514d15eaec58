"""CSV exports neutralise spreadsheet formulas in text cells (OWASP CSV injection guidance)."""

from __future__ import annotations

import csv
import io

import pytest

from pipelines.export.tabular import csv_cell, neutralise_formula, render_csv


@pytest.mark.parametrize("text", ['=HYPERLINK("https://evil.example/","x")', "+cmd|' /C calc'!A0",
                                  "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"])
def test_text_cell_starting_with_a_formula_character_is_quoted(text):
    assert csv_cell(text, "string") == "'" + text


@pytest.mark.parametrize("text", ["Austin peer group", "a=b", "+15125550100", "-12.5", ""])
def test_ordinary_text_and_plain_numbers_in_text_stay_as_they_are(text):
    assert neutralise_formula(text) == text


def test_number_columns_keep_their_sign():
    assert csv_cell(-97.74, "number") == "-97.74"


def test_list_cell_starting_with_a_formula_is_quoted():
    assert csv_cell(["=1+1", "DBT"], "list") == "'=1+1; DBT"


def test_rendered_csv_reads_back_as_literal_text_and_is_deterministic():
    rows = [{"title": "=cmd()", "lon": -97.7, "tags": ["@x"]}]
    columns = {"title": "string", "lon": "number", "tags": "list"}
    data = render_csv(rows, columns)
    assert data == render_csv(rows, columns)
    row = next(csv.DictReader(io.StringIO(data.decode("utf-8"))))
    assert row == {"title": "'=cmd()", "lon": "-97.7", "tags": "'@x"}
