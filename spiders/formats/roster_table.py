"""Read a roster document (CSV, XLSX, HTML table) into a header -> field mapping and rows.

`read_table` finds the first table/sheet whose header row maps a `name` column; the mapping is
ctx.columns (field -> header text) when given, else a guess from common header words.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from spiders.common.text import decode_text

GUESSES: dict[str, tuple[str, ...]] = {
    "name": ("name", "supervisor", "supervisor name", "full name", "provider", "clinician",
             "provider name", "therapist", "organization", "organization name",
             "organisation", "organisation name", "contact name", "display name"),
    # A person's name split in two columns; joined when the row has no full name.
    "first_name": ("first name", "first", "given name", "firstname"),
    "last_name": ("last name", "last", "surname", "family name", "lastname"),
    "credential": ("credential", "credentials", "degree", "degrees"),
    "job_title": ("title", "job title", "position", "role"),
    "contact": ("contact", "contact info", "contact information"),
    "listing_type": ("type", "provider type", "listing type"),
    "listing_status": ("status",),
    "row_id": ("id", "row id", "record id"),
    "license_type": ("license", "license type", "licensure", "licenses", "license types"),
    "supervisor_designation": ("supervisor designation", "designation", "approved supervisor",
                               "supervisor status", "supervisor credential"),
    "city": ("city", "town"),
    "state": ("state", "st", "province"),
    "zip": ("zip", "zip code", "zipcode", "postal code", "postcode"),
    "modality": ("modality", "modalities", "supervision format", "format", "individual/group"),
    "fee": ("fee", "fees", "rate", "cost", "price", "hourly rate"),
    "sliding_scale": ("sliding scale", "sliding"),
    "telehealth": ("telehealth", "telesupervision", "virtual", "online", "remote"),
    "accepting": ("accepting", "accepting supervisees", "accepting new supervisees",
                  "availability", "available", "openings"),
    "email": ("email", "e-mail", "email address"),
    "phone": ("phone", "telephone", "phone number"),
    "website": ("website", "web site", "web", "url"),
    "address": ("address", "street", "street address", "office address", "location"),
    "languages": ("languages", "language"),
    "notes": ("notes", "comments", "specialties", "details"),
}
_MAX_HEADER_SCAN = 10


@dataclass
class Table:
    mapping: dict[int, str]  # column index -> field name
    rows: list[list[str]] = field(default_factory=list)
    first_row_number: int = 2  # 1-based line/row of rows[0] in the source, for messages


def normalize_header(text: str) -> str:
    return re.sub(r"[\s_]+", " ", re.sub(r"[*:?#()\[\]]", " ", text)).strip().lower()


def map_headers(headers: list[str], columns: dict[str, str]) -> dict[int, str]:
    norm = [normalize_header(h) for h in headers]
    mapping: dict[int, str] = {}
    if columns:
        for field_name, header in columns.items():
            target = normalize_header(header)
            if target in norm and norm.index(target) not in mapping:
                mapping[norm.index(target)] = field_name
        return mapping
    taken: set[str] = set()
    for index, header in enumerate(norm):  # exact matches first
        for field_name, words in GUESSES.items():
            if field_name not in taken and header in words:
                mapping[index] = field_name
                taken.add(field_name)
                break
    pairs = sorted(((w, f) for f, ws in GUESSES.items() for w in ws if len(w) > 3),
                   key=lambda p: -len(p[0]))
    for word, field_name in pairs:  # then whole-word containment, longest words first
        if field_name in taken:
            continue
        for index, header in enumerate(norm):
            if index not in mapping and re.search(rf"\b{re.escape(word)}\b", header):
                mapping[index] = field_name
                taken.add(field_name)
                break
    return mapping


def read_table(body: bytes, columns: dict[str, str], content_type: str | None
               ) -> tuple[Table | None, str | None]:
    """(table, None) or (None, why not)."""
    kind = sniff_kind(body, content_type)
    if kind == "xlsx":
        return _from_grids(_xlsx_grids(body), columns, "spreadsheet")
    text = decode_text(body)
    if kind == "html":
        return _from_grids(_html_grids(text), columns, "HTML table")
    return _from_grids([_csv_rows(text)], columns, "CSV")


def sniff_kind(body: bytes, content_type: str | None) -> str:
    ctype = (content_type or "").lower()
    if body.startswith(b"PK\x03\x04") or "spreadsheetml" in ctype:
        return "xlsx"
    head = body[:2048].lstrip().lower()
    if "html" in ctype or head.startswith((b"<!doctype", b"<html", b"<table", b"<?xml")) \
            or b"<table" in body[:200_000].lower():
        return "html"
    return "csv"


def _from_grids(grids: list[list[list[str]]], columns: dict[str, str], label: str
                ) -> tuple[Table | None, str | None]:
    for grid in grids:
        for offset, header in enumerate(grid[:_MAX_HEADER_SCAN]):
            mapping = map_headers(header, columns)
            fields = set(mapping.values())
            if "name" in fields or {"first_name", "last_name"} <= fields:
                return Table(mapping, grid[offset + 1:], offset + 2), None
    if not any(grid for grid in grids):
        return None, f"roster: empty {label}"
    wanted = f"the configured columns {sorted(columns.values())}" if columns \
        else "a 'Name' column"
    return None, f"roster: no header row with {wanted} found in the {label}"


def _csv_rows(text: str) -> list[list[str]]:
    delimiter = sniff_delimiter(text[:8192])
    try:
        return [[c.strip() for c in row]
                for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error:
        return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]


def sniff_delimiter(sample: str, candidates: str = ",;\t|") -> str:
    """The delimiter whose count (outside double quotes) is most consistent across the first
    lines, in linear time. csv.Sniffer is not used: its doublequote regex backtracks
    catastrophically (a line of a few hundred quote characters takes seconds to minutes)."""
    lines = [line for line in sample.splitlines() if line.strip()][:_MAX_HEADER_SCAN + 5]
    best, best_score = ",", (0, 0)
    for delimiter in candidates:
        counts = [_count_unquoted(line, delimiter) for line in lines]
        most = max(counts, default=0)
        if most == 0:
            continue
        score = (sum(c == most for c in counts), most)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _count_unquoted(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            count += 1
    return count


def _xlsx_grids(body: bytes) -> list[list[list[str]]]:
    import openpyxl  # imported here: only roster spreadsheets need it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(body), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise RosterReadError(f"roster: spreadsheet does not open ({exc})") from exc
    grids: list[list[list[str]]] = []
    try:
        for sheet in workbook.worksheets:
            grid = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
            grids.append(grid)
    finally:
        workbook.close()
    return grids


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _html_grids(text: str) -> list[list[list[str]]]:
    tree = LexborHTMLParser(text)
    grids: list[list[list[str]]] = []
    for table in tree.css("table"):
        grid = []
        for tr in table.css("tr"):
            cells = [_html_cell(c) for c in tr.css("th, td")]
            if any(cells):
                grid.append(cells)
        grids.append(grid)
    return grids


def _html_cell(cell: LexborNode) -> str:
    text = " ".join((cell.text(deep=True) or "").split())
    link = cell.css_first("a[href]")
    href = (link.attributes.get("href") or "").strip() if link is not None else ""
    if href.lower().startswith("mailto:") and "@" not in text:
        return href[7:]
    if href.lower().startswith(("http://", "https://")) and (
        not text or _LINK_LABEL.match(text)
    ):
        return href  # a "Website" / "Visit" label: the address is in href
    return text  # a linked name stays a name


_LINK_LABEL = re.compile(
    r"^(visit\b.*|(my |our )?(web ?site|site|home ?page|page|profile|link)|more( info)?|details|"
    r"www|web|click here|here)\.?$",
    re.IGNORECASE,
)


class RosterReadError(ValueError):
    """The roster document cannot be opened at all."""
