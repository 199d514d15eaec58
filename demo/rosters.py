"""Supervisor rosters: one CSV download and one HTML table, each with its own column headers.

The `*_COLUMNS` mappings (registry field -> header) are what sources.toml declares for them.
"""

from __future__ import annotations

import csv
import html
import io

from demo.catalog import DemoSupervisor
from demo.places import FICTIONAL_NOTICE

CSV_PATH = "/directory/rocky-mountain-supervisors.csv"
HTML_PATH = "/supervisors/southeast-registry.html"

CSV_COLUMNS: dict[str, str] = {
    "name": "Supervisor Name", "credential": "Credentials", "license_type": "License Type",
    "supervisor_designation": "Supervisor Designation", "city": "City", "state": "State",
    "zip": "ZIP", "modality": "Specialties", "fee": "Fee", "telehealth": "Telehealth",
    "accepting": "Accepting Supervisees", "email": "Email", "phone": "Phone",
    "website": "Website", "address": "Office Address", "languages": "Languages",
    "notes": "Notes",
}
HTML_COLUMNS: dict[str, str] = {
    "name": "Supervisor", "credential": "Licensure", "license_type": "License",
    "supervisor_designation": "Approved As", "city": "City", "state": "St.",
    "modality": "Focus Areas", "fee": "Rate", "sliding_scale": "Sliding Scale",
    "telehealth": "Virtual Sessions", "accepting": "Open to New Supervisees",
    "email": "Contact Email", "phone": "Telephone", "languages": "Languages Spoken",
    "notes": "Notes",
}


def _yes_no(value: bool, capital: bool = False) -> str:
    word = "yes" if value else "no"
    return word.capitalize() if capital else word


def _values(person: DemoSupervisor, capital: bool) -> dict[str, str]:
    return {
        "name": person.name, "credential": person.credential,
        "license_type": person.license_type, "supervisor_designation": person.designation,
        "city": person.city.name, "state": person.city.state, "zip": person.city.postal_code,
        "modality": "; ".join(person.modalities), "fee": person.fee_text,
        "sliding_scale": _yes_no(person.sliding_scale, capital),
        "telehealth": _yes_no(person.telehealth, capital),
        "accepting": _yes_no(person.accepting, capital), "email": person.email,
        "phone": person.phone, "website": person.website or "",
        "address": person.address or "", "languages": ", ".join(person.languages),
        "notes": f"{person.notes} ({FICTIONAL_NOTICE})".strip(),
    }


def roster_csv(people: list[DemoSupervisor]) -> bytes:
    """A spreadsheet export: a comment-free header row, CRLF rows, UTF-8 with BOM (as Excel)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS.values())
    for person in people:
        values = _values(person, capital=False)
        writer.writerow(values[f] for f in CSV_COLUMNS)
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")


def roster_html(people: list[DemoSupervisor], title: str) -> bytes:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in HTML_COLUMNS.values())
    rows = []
    for person in people:
        values = _values(person, capital=True)
        cells = []
        for field in HTML_COLUMNS:
            text = html.escape(values[field])
            if field == "email":
                text = f'<a href="mailto:{text}">{text}</a>'
            elif field == "name" and person.website:
                text = f'<a href="{html.escape(person.website)}">{text}</a>'
            cells.append(f"<td>{text}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    body = "\n".join(rows)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title></head>
<body>
<p class="notice"><strong>{FICTIONAL_NOTICE}.</strong> Every supervisor listed here is invented
for the PeerMap demo; addresses are withheld for home-based practices.</p>
<h1>{html.escape(title)}</h1>
<table id="supervisors" class="roster">
<thead><tr>{head}</tr></thead>
<tbody>
{body}
</tbody>
</table>
</body></html>
""".encode()
