"""Check a filled-in form (pure): a `Submission`, or one clear message per field that is wrong.

Everything here is untrusted text: lengths are capped, URLs must be http/https/mailto, markup is
refused (the map renders text, never HTML), and a filled honeypot refuses the whole form.
`today` is the organizer's date, passed in by the page (the clock edge), never read here.
"""

from __future__ import annotations

import re
from datetime import date, time
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pipelines.submissions.model import (
    ACCEPTING,
    COST_TYPES,
    LICENCES,
    MAX_DESCRIPTION,
    MAX_LINE,
    MAX_LIST_ITEM,
    MAX_LIST_ITEMS,
    MAX_TITLE,
    MAX_URL,
    MODES,
    PATTERNS,
    SUBMISSION_KINDS,
    Submission,
)
from spiders.common.us_states import US_STATES

FORM = "_form"  # the key for messages about the form as a whole
HONEYPOT_MESSAGE = "This form could not be sent. If you are a person, reload the page and try again."
_ZIP = re.compile(r"^\d{5}(-\d{4})?$")
_EMAIL = re.compile(r"^[^@\s<>\"']{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!]|&#?\w+;")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

FormErrors = dict[str, str]


def url_allowed(value: str) -> bool:
    """http/https with a host, or mailto: with an address; nothing else (no javascript:)."""
    if not value or any(c.isspace() for c in value) or _CONTROL.search(value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        return bool(parts.hostname)
    if scheme == "mailto":
        return bool(_EMAIL.match(parts.path))
    return False


def is_email(value: str) -> bool:
    return bool(_EMAIL.match(value)) and len(value) <= 254


class _Checker:
    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values
        self.errors: FormErrors = {}

    def fail(self, name: str, message: str) -> None:
        self.errors.setdefault(name, message)

    def text(self, name: str, cap: int, *, required: bool = False, label: str = "") -> str:
        raw = self.values.get(name)
        text = "" if raw is None else str(raw)
        label = label or name.replace("_", " ")
        if len(text) > cap:
            self.fail(name, f"{label.capitalize()} is too long: {len(text):,} characters, "
                            f"at most {cap:,}.")
            return ""
        text = text.replace("\r\n", "\n").strip()
        if _CONTROL.search(text):
            self.fail(name, f"{label.capitalize()} contains control characters.")
        elif _MARKUP.search(text):
            self.fail(name, f"{label.capitalize()}: please write plain text, without HTML tags "
                            "or entities.")
        elif "\n" in text and cap <= MAX_LINE:
            self.fail(name, f"{label.capitalize()} must be one line.")
        if required and not text:
            self.fail(name, f"{label.capitalize()} is required.")
        return text

    def choice(self, name: str, allowed: tuple[str, ...], default: str | None = None) -> str:
        value = self.values.get(name, default)
        if value not in allowed:
            self.fail(name, f"Choose one of: {', '.join(allowed)}.")
            return allowed[0]
        return str(value)

    def number(self, name: str, low: float, high: float) -> float | None:
        value = self.values.get(name)
        if value is None or value == "":
            return None
        try:
            number = float(value)
        except (TypeError, ValueError):
            self.fail(name, f"{name.replace('_', ' ').capitalize()} must be a number.")
            return None
        if not low <= number <= high:
            self.fail(name, f"{name.replace('_', ' ').capitalize()} must be between "
                            f"{low:g} and {high:g}.")
            return None
        return number

    def words(self, name: str, allowed: tuple[str, ...] | None = None) -> list[str]:
        raw = self.values.get(name) or []
        items = [s.strip() for s in raw.split(",")] if isinstance(raw, str) else [
            str(s).strip() for s in raw]
        items = [s for s in items if s]
        if len(items) > MAX_LIST_ITEMS:
            self.fail(name, f"At most {MAX_LIST_ITEMS} entries.")
            return []
        for item in items:
            if len(item) > MAX_LIST_ITEM or _MARKUP.search(item) or _CONTROL.search(item):
                self.fail(name, f"{item[:40]!r}: plain words of at most {MAX_LIST_ITEM} "
                                "characters, please.")
                return []
            if allowed is not None and item not in allowed:
                self.fail(name, f"{item[:40]!r} is not one of: {', '.join(allowed)}.")
                return []
        return list(dict.fromkeys(items))

    def flag(self, name: str) -> bool:
        return bool(self.values.get(name))


def _date(c: _Checker, pattern: str, today: date) -> str:
    raw = c.values.get("date")
    if isinstance(raw, date):
        day = raw
    else:
        try:
            day = date.fromisoformat(str(raw or "").strip())
        except ValueError:
            c.fail("date", "Give the date as YYYY-MM-DD.")
            return ""
    if pattern == "once" and day < today:
        c.fail("date", f"The date {day.isoformat()} has already passed: a one-off event needs "
                       "a date from today on.")
    elif day.year > today.year + 2:
        c.fail("date", "The date is more than two years away.")
    return day.isoformat()


def _time(c: _Checker) -> str:
    raw = c.values.get("time")
    if isinstance(raw, time):
        return raw.strftime("%H:%M")
    text = str(raw or "").strip()
    try:
        return time.fromisoformat(text).strftime("%H:%M")
    except ValueError:
        c.fail("time", "Give the start time as HH:MM (24-hour), e.g. 12:00.")
        return ""


def _zone(c: _Checker) -> str:
    name = str(c.values.get("timezone") or "").strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        c.fail("timezone", "Choose a time zone such as America/Chicago.")
    return name


def _place(c: _Checker, mode: str) -> dict[str, Any]:
    city = c.text("city", MAX_LINE, required=True)
    region = str(c.values.get("region") or "").strip().upper()
    if region not in US_STATES:
        c.fail("region", "Choose a US state (two letters, e.g. TX).")
    postal = str(c.values.get("postal_code") or "").strip()
    if postal and not _ZIP.match(postal):
        c.fail("postal_code", f"{postal[:20]!r} is not a US ZIP code (5 digits, e.g. 78701).")
    hide = c.flag("hide_address")
    venue = c.text("venue_name", MAX_LINE, label="venue")
    street = c.text("street", MAX_LINE)
    if mode in ("in_person", "hybrid") and not hide and not street:
        c.fail("street", "Give the street address, or tick \"don't show my address\" to show "
                         "the city only.")
    return {"city": city, "region": region, "postal_code": postal, "hide_address": hide,
            "venue_name": "" if hide else venue, "street": "" if hide else street}


def _online(c: _Checker, mode: str) -> dict[str, Any]:
    url = c.text("online_url", MAX_URL, label="online link")
    if url and not (url_allowed(url) and url.lower().startswith(("http://", "https://"))):
        c.fail("online_url", "The online link must start with https:// or http://.")
    return {"online_url": url, "publish_online_url": c.flag("publish_online_url") and bool(url)}


def _cost(c: _Checker) -> dict[str, Any]:
    cost_type = c.choice("cost_type", COST_TYPES, "free")
    low = c.number("cost_min", 0, 10_000)
    high = c.number("cost_max", 0, 10_000)
    if cost_type == "range" and low is None and high is None:
        c.fail("cost_min", "Give the fee (a single amount, or from-to).")
    if low is not None and high is not None and high < low:
        c.fail("cost_max", "The highest fee is lower than the lowest.")
    if cost_type == "free":
        low = high = None
    return {"cost_type": cost_type, "cost_min": low, "cost_max": high}


def _contact(c: _Checker) -> dict[str, Any]:
    contact = c.text("public_contact", MAX_URL, label="public contact")
    if contact and not (is_email(contact) or url_allowed(contact)):
        c.fail("public_contact", "The public contact must be an email address or a link "
                                 "starting with https://, http:// or mailto:.")
    email = c.text("submitter_email", 254, required=True, label="your email")
    if email and not is_email(email):
        c.fail("submitter_email", "Give an email address we can reach you at (kept private).")
    return {"public_contact": contact, "publish_contact": c.flag("publish_contact") and bool(contact),
            "submitter_email": email}


def check_form(values: dict[str, Any], *, today: date, honeypot: str = ""
               ) -> tuple[Submission | None, FormErrors]:
    """The submission the form describes, or None and a message per wrong field."""
    if honeypot.strip():
        return None, {FORM: HONEYPOT_MESSAGE}
    c = _Checker(values)
    kind = c.choice("kind", SUBMISSION_KINDS)
    title = c.text("title", MAX_TITLE, required=True)
    description = c.text("description", MAX_DESCRIPTION)
    pattern = c.choice("pattern", PATTERNS)
    mode = c.choice("attendance_mode", MODES)
    duration = c.number("duration_min", 15, 8 * 60)
    if duration is None and "duration_min" not in c.errors:
        c.fail("duration_min", "Give the length in minutes (15 to 480).")
    fields: dict[str, Any] = {
        "kind": kind, "title": title, "description": description, "pattern": pattern,
        "date": _date(c, pattern, today), "time": _time(c),
        "duration_min": int(duration or 0), "timezone": _zone(c), "attendance_mode": mode,
        **_place(c, mode), **_online(c, mode), **_cost(c),
        "ce_credits": c.number("ce_credits", 0, 100),
        "audience": c.words("audience", LICENCES),
        "associates_welcome": c.flag("associates_welcome"),
        "modalities": c.words("modalities"), "languages": c.words("languages"),
        "accepting_members": c.choice("accepting_members", ACCEPTING, "open"),
        "organizer_name": c.text("organizer_name", MAX_LINE, required=True, label="organizer name"),
        **_contact(c),
        "consent": c.flag("consent"),
    }
    if mode in ("online", "hybrid") and not fields["online_url"] and not fields["public_contact"]:
        c.fail("public_contact", "For an online meeting give the link or a public contact, so "
                                 "people can join.")
    if not fields["consent"]:
        c.fail("consent", "Please confirm you may list this and agree to the terms.")
    if c.errors:
        return None, c.errors
    return Submission(**fields), {}
