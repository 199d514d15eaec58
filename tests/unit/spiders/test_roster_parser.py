"""Supervisor roster parser: CSV, XLSX (built in tmp_path) and HTML table fixtures."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from spiders.formats import roster
from spiders.items import ParseResult, RawItem
from tests.support.parser_fixtures import fixture_bytes, make_ctx

URL = "https://board.example.org/supervisors.csv"


@pytest.fixture(scope="module")
def csv_result() -> ParseResult:
    return roster.parse(fixture_bytes("roster/supervisors.csv"), make_ctx(URL))


def by_name(result: ParseResult, name: str) -> RawItem:
    return next(i for i in result.items if i.organizer == name)


def test_csv_semicolon_delimiter_sniffed(csv_result: ParseResult) -> None:
    assert [i.organizer for i in csv_result.items] == ["Ana Ruiz", "Bo Li", "Cy Doe"]


def test_blank_rows_skipped_nameless_rows_counted(csv_result: ParseResult) -> None:
    assert csv_result.events_seen == 4
    assert csv_result.errors == ["roster: row 6 has no supervisor name; skipped"]


def test_title_organizer_and_no_start(csv_result: ParseResult) -> None:
    ana = by_name(csv_result, "Ana Ruiz")
    assert ana.title == "Clinical supervision with Ana Ruiz, PhD, LPC-S"
    assert ana.start is None and ana.occurrences == []


def test_place_and_fee(csv_result: ParseResult) -> None:
    ana = by_name(csv_result, "Ana Ruiz")
    assert (ana.city, ana.region, ana.postal_code, ana.cost_text) == (
        "Austin", "TX", "78701", "$80 per hour")


def test_extra_facts(csv_result: ParseResult) -> None:
    extra = by_name(csv_result, "Ana Ruiz").extra
    assert (extra["credential"], extra["license_type"], extra["supervisor_designation"]) == (
        "PhD, LPC-S", "LPC", "LPC-S")
    assert (extra["accepting"], extra["sliding_scale"], extra["languages"]) == (
        True, True, ["English", "Spanish"])


def test_telehealth_yes_with_a_place_is_hybrid(csv_result: ParseResult) -> None:
    assert by_name(csv_result, "Ana Ruiz").attendance_mode == "hybrid"


def test_telehealth_only_is_online(csv_result: ParseResult) -> None:
    assert by_name(csv_result, "Bo Li").attendance_mode == "online"


def test_not_accepting_rows_still_emitted(csv_result: ParseResult) -> None:
    assert by_name(csv_result, "Bo Li").extra["accepting"] is False
    assert by_name(csv_result, "Cy Doe").extra["accepting"] is False  # "Waitlist"


def test_contacts_validated(csv_result: ParseResult) -> None:
    ana, cy = by_name(csv_result, "Ana Ruiz"), by_name(csv_result, "Cy Doe")
    assert (ana.contact_email, ana.contact_url) == ("ana@example.org",
                                                    "https://www.anaruiz.example.org")
    assert (cy.contact_email, cy.contact_url) == (None, None)  # junk email, javascript: URL


def test_description_is_plain_facts(csv_result: ParseResult) -> None:
    text = by_name(csv_result, "Bo Li").description or ""
    assert "Supervisor: Bo Li" in text and "Accepting supervisees: No" in text


def test_uid_stable_across_row_order() -> None:
    body = fixture_bytes("roster/supervisors.csv")
    lines = body.decode().splitlines()
    reordered = "\n".join([lines[0], lines[4], lines[1]]).encode()
    first = {i.organizer: i.uid for i in roster.parse(body, make_ctx(URL)).items}
    second = {i.organizer: i.uid for i in roster.parse(reordered, make_ctx(URL)).items}
    assert first["Ana Ruiz"] == second["Ana Ruiz"] and first["Cy Doe"] == second["Cy Doe"]


def test_configured_columns_mapping() -> None:
    body = b"Supervisor Full Name,Lic.,Town\nDee Park,LPC,Tulsa\n"
    ctx = make_ctx(URL, columns={"name": "supervisor full name", "license_type": "LIC.",
                                 "city": " Town "}, default_region="OK")
    (item,) = roster.parse(body, ctx).items
    assert (item.organizer, item.extra["license_type"], item.city, item.region) == (
        "Dee Park", "LPC", "Tulsa", "OK")


def test_latin1_csv() -> None:
    body = "Name,City\nJosé Núñez,San Antonio\n".encode("latin-1")
    assert roster.parse(body, make_ctx(URL)).items[0].organizer == "José Núñez"


def test_utf8_bom_csv() -> None:
    body = "\ufeffName,City\nAmy Wu,Austin\n".encode()
    assert roster.parse(body, make_ctx(URL)).items[0].organizer == "Amy Wu"


def test_xlsx_first_sheet_with_header_row(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "About"
    notes.append(["This workbook lists approved supervisors."])
    sheet = book.create_sheet("Roster")
    sheet.append(["State board roster"])
    sheet.append(["Name", "License", "ZIP", "Accepting"])
    sheet.append(["Fay Ng", "LPC", 2134, "yes"])
    sheet.append([None, None, None, None])
    path = tmp_path / "roster.xlsx"
    book.save(path)
    result = roster.parse(path.read_bytes(), make_ctx("https://board.example.org/r.xlsx"))
    (item,) = result.items
    assert (item.organizer, item.postal_code, item.extra["accepting"]) == ("Fay Ng", "02134",
                                                                           True)


def test_html_table_matching_headers() -> None:
    result = roster.parse(fixture_bytes("roster/supervisors.html"),
                          make_ctx("https://board.example.org/roster.html"))
    assert [(i.organizer, i.city, i.postal_code) for i in result.items] == [
        ("Dee Park", "Tulsa", "74103"), ("Eli Stone", "Norman", "73069")]
    assert result.items[1].attendance_mode == "in_person"


def test_no_name_column_is_a_clear_error() -> None:
    result = roster.parse(b"City,State\nAustin,TX\n", make_ctx(URL))
    assert result.items == [] and "Name" in result.errors[0]


def test_corrupt_xlsx_is_a_clear_error() -> None:
    result = roster.parse(b"PK\x03\x04garbage", make_ctx(URL))
    assert result.items == [] and result.errors[0].startswith("roster:")


def test_html_linked_name_keeps_the_name_not_the_url():
    from spiders.formats.roster_table import _html_grids

    html = ('<table><tr><th>Name</th><th>Website</th></tr><tr>'
            '<td><a href="https://jane.example.org">Jane Doe</a></td>'
            '<td><a href="https://jane.example.org">Visit website</a></td></tr></table>')
    assert _html_grids(html)[0][1] == ["Jane Doe", "https://jane.example.org"]
