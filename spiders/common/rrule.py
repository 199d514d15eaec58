"""The one RRULE clean-up every handler uses before a rule is stored or expanded.

Real feeds bend RFC 5545: `BYDAY=MO, TU, WE` (spaces), `freq=weekly` (lower case), a rule folded
mid-part, escaped `\\;`/`\\,` from a library that read the rule as text, a leading `RRULE:`,
or parts no expander knows (`X-NAME=...`). `clean_rrule` repairs what has one reading, drops
unknown parts with a warning, and returns None (with a warning) when the rule still cannot be
read — the caller keeps the event as a single occurrence then, never drops it.
"""

from __future__ import annotations

import re
from datetime import datetime

from dateutil.rrule import rrulestr

KNOWN_PARTS = frozenset({
    "FREQ", "UNTIL", "COUNT", "INTERVAL", "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY",
    "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST",
})
FREQS = frozenset({"SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"})


def clean_rrule(text: str | None) -> tuple[str | None, list[str]]:
    """(cleaned rule without the "RRULE:" prefix, or None; warnings in operator words)."""
    if text is None or not str(text).strip():
        return None, []
    original = str(text)
    value = original.replace("\\;", ";").replace("\\,", ",")
    value = re.sub(r"\r?\n[ \t]?", "", value)  # folded line breaks
    value = re.sub(r"\s+", "", value).strip(";")
    if value.upper().startswith("RRULE:"):
        value = value[6:]
    warnings: list[str] = []
    parts: list[str] = []
    seen: set[str] = set()
    for part in (p for p in value.split(";") if p):
        name, sep, val = part.partition("=")
        name = name.upper()
        if not sep or name not in KNOWN_PARTS:
            warnings.append(f"recurrence rule part {part!r} is not understood; ignored")
            continue
        if name in seen:
            warnings.append(f"recurrence rule repeats {name}; the first value is kept")
            continue
        seen.add(name)
        parts.append(f"{name}={val if name == 'UNTIL' else val.upper()}")
    rule = ";".join(parts)
    if rule != original.strip() and not warnings and rule:
        warnings.append(f"recurrence rule {original.strip()!r} repaired to {rule!r}")
    freq = next((p[5:] for p in parts if p.startswith("FREQ=")), None)
    if freq not in FREQS or not _readable(rule):
        return None, [*warnings, f"recurrence rule {original.strip()!r} cannot be read; the "
                                 "event is kept as a single occurrence"]
    return rule, warnings


def _readable(rule: str) -> bool:
    try:
        rrulestr(rule, dtstart=datetime(2000, 1, 1), forceset=False)
    except (ValueError, TypeError, KeyError, IndexError, OverflowError):
        try:  # an UNTIL with a zone next to a floating DTSTART is fine for the expander
            rrulestr(re.sub(r"UNTIL=[^;]*", "UNTIL=21000101", rule), dtstart=datetime(2000, 1, 1))
        except (ValueError, TypeError, KeyError, IndexError, OverflowError):
            return False
    return True
