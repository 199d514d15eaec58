"""Supervisor rosters (CSV, XLSX, HTML table): one RawItem per supervisor, a standing offer.

Rows have no start date. Facts the data model has no field for (credential, license type,
supervisor designation, accepting, sliding scale, modality, languages, telehealth) go to `extra`.
"""

from __future__ import annotations

import re

from spiders.common.text import clean, safe_url, stable_uid
from spiders.formats.roster_table import RosterReadError, read_table
from spiders.items import ParseContext, ParseResult, RawItem

FORMAT = "roster"
_YES = {"yes", "y", "true", "t", "1", "x", "✓", "✔", "available", "open", "accepting"}
_NO = {"no", "n", "false", "f", "0", "none", "full", "closed", "not accepting", "unavailable",
       "n/a", "na", "waitlist", "wait list", "waitlist only"}
_ONLY_ONLINE = re.compile(r"\b(only|exclusively)\b|^\s*(telehealth|virtual|online|remote)\s*$",
                          re.IGNORECASE)
_LABELS = (
    ("credential", "Credential"), ("job_title", "Title"), ("license_type", "License"),
    ("listing_type", "Type"), ("listing_status", "Status"),
    ("supervisor_designation", "Supervisor designation"), ("modality", "Modality"),
    ("fee", "Fee"), ("sliding_scale", "Sliding scale"), ("telehealth", "Telehealth"),
    ("accepting", "Accepting supervisees"), ("languages", "Languages"), ("address", "Address"),
    ("city", "City"), ("state", "State"), ("zip", "ZIP"), ("notes", "Notes"),
)


def parse(body: bytes, ctx: ParseContext) -> ParseResult:
    result = ParseResult()
    if not body.strip():
        result.errors.append("roster: empty document")
        return result
    try:
        table, problem = read_table(body, ctx.columns, ctx.content_type)
    except RosterReadError as exc:
        result.errors.append(str(exc))
        return result
    except Exception as exc:  # a reader library choking on junk must not crash the crawl
        result.errors.append(f"roster: document does not read as a table ({exc})")
        return result
    if table is None:
        result.errors.append(problem or "roster: no table found")
        return result
    seen: set[str] = set()
    seen_rows: set[tuple[str, ...]] = set()
    for offset, cells in enumerate(table.rows):
        row: dict[str, str | None] = {f: clean(cells[i]) for i, f in table.mapping.items()
                                      if i < len(cells)}
        if not any(row.values()):
            continue  # blank row
        result.events_seen += 1
        line = table.first_row_number + offset
        _join_name(row)
        name = row.get("name")
        if not name or not re.search(r"[A-Za-z]", name):
            result.errors.append(f"roster: row {line} has no supervisor name; skipped")
            continue
        item = _row_to_item({k: v for k, v in row.items() if v}, ctx)
        whole = tuple(c.strip() for c in cells)
        if whole in seen_rows:
            result.errors.append(f"roster: row {line} repeats {name!r}; skipped")
            continue
        seen_rows.add(whole)
        if item.uid in seen:  # same name and key, another row (other domain, office, ...)
            item.uid = "roster:" + stable_uid(item.uid, *whole)[5:]
        seen.add(item.uid or "")
        result.items.append(item)
    return result


_CREDENTIAL_TOKEN = re.compile(r"^(?:[A-Z][A-Za-z]{0,3}\.?){1,4}-?[A-Z]*$")


def _join_name(row: dict[str, str | None]) -> None:
    """Fill `name` from first/last name columns; split "Howard Lader, LCSW" into name and
    credential; a generic `contact` cell becomes the email or the phone."""
    if not row.get("name"):
        joined = " ".join(p for p in (row.get("first_name"), row.get("last_name")) if p)
        row["name"] = joined or None
    name = row.get("name")
    if name and "," in name and not row.get("credential"):
        head, _, tail = name.partition(",")
        tokens = [t for t in re.split(r"[,\s]+", tail) if t]
        if head.strip() and tokens and all(
                _CREDENTIAL_TOKEN.match(t) and sum(c.isupper() for c in t) >= 2 for t in tokens):
            row["name"], row["credential"] = head.strip(), ", ".join(tokens)
    contact = row.get("contact")
    if contact:
        if "@" in contact and not row.get("email"):
            row["email"] = contact
        elif re.search(r"\d{3}\D{0,2}\d{3}\D?\d{4}", contact) and not row.get("phone"):
            row["phone"] = contact


def yes_no(value: str | None) -> bool | None:
    """True/False for yes/no-like cells; None when the cell says something else."""
    if value is None:
        return None
    text = value.strip().lower().rstrip(".!")
    if text in _YES or text.startswith(("yes", "accepting")):
        return True
    if text in _NO or text.startswith(("no ", "no,", "not ")):
        return False
    return None


def _row_to_item(row: dict[str, str], ctx: ParseContext) -> RawItem:
    name = row["name"]
    credential = row.get("credential")
    title = f"Clinical supervision with {name}" + (f", {credential}" if credential else "")
    telehealth = row.get("telehealth")
    has_place = bool(row.get("address") or row.get("city") or row.get("zip"))
    # A lone address/location column holds the whole address: ingest splits it.
    has_parts = bool(row.get("city") or row.get("state") or row.get("zip"))
    online = yes_no(telehealth)
    if telehealth and _ONLY_ONLINE.search(telehealth) and online is not False:
        mode: str | None = "online"
        online = True
    elif online:
        mode = "hybrid" if has_place else "online"
    elif online is False and has_place:
        mode = "in_person"
    else:
        mode = None
    key = row.get("license_type") or credential or ""
    item = RawItem(
        source_id=ctx.source_id, format=FORMAT, source_url=ctx.url, title=title,
        uid="roster:" + stable_uid(_norm(name), _norm(key), row.get("zip", ""),
                                   *([row["row_id"]] if row.get("row_id") else []))[5:],
        organizer=name, description=_describe(row), attendance_mode=mode,
        street=row.get("address") if has_parts else None, city=row.get("city"),
        location_text=None if has_parts else row.get("address"),
        region=row.get("state") or ctx.default_region, postal_code=_zip(row.get("zip")),
        cost_text=row.get("fee"), contact_email=_email(row.get("email")),
        contact_phone=row.get("phone"), contact_url=_website(row.get("website")),
    )
    item.extra = {
        "credential": credential,
        "license_type": row.get("license_type"),
        "supervisor_designation": row.get("supervisor_designation"),
        "accepting": yes_no(row.get("accepting")),
        "accepting_text": row.get("accepting"),
        "sliding_scale": yes_no(row.get("sliding_scale")),
        "telehealth": online,
        "modality": row.get("modality"),
        "languages": [w.strip() for w in re.split(r"[,;/]", row.get("languages", "")) if
                      w.strip()],
        "notes": row.get("notes"),
    }
    return item


def _describe(row: dict[str, str]) -> str:
    lines = [f"Supervisor: {row['name']}"]
    lines += [f"{label}: {row[key]}" for key, label in _LABELS if row.get(key)]
    return "\n".join(lines)


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _zip(value: str | None) -> str | None:
    if value and value.isdigit() and 3 <= len(value) < 5:
        return value.zfill(5)  # spreadsheets drop the leading zeros of New England ZIPs
    return value


def _email(value: str | None) -> str | None:
    if not value:
        return None
    text = value.removeprefix("mailto:").strip()
    return text if re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text) else None


def _website(value: str | None) -> str | None:
    if not value:
        return None
    if re.match(r"^[\w.-]+\.[a-z]{2,}(/\S*)?$", value, re.IGNORECASE):
        value = "https://" + value
    return safe_url(value)
