"""The one ISO 8601 reader PeerMap uses, lenient about what real plugins write.

Repairs, each with a single reading: unpadded fields (`2019-9-20T8:30`), a space for `T`,
`+0:00`/`+0100`/`+01` offsets, `Z`, the basic format (`20030515T183000`), and dashes in the
time (`T08-30-00`, EventON's `T08-08-30-00` = 24-hour, 12-hour, minute, second). Anything else
is None — callers keep the original text for the operator.
"""

from __future__ import annotations

import re
from datetime import date, datetime

_DATE = r"(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})"
_BASIC = re.compile(r"^(?P<y>\d{4})(?P<mo>\d{2})(?P<d>\d{2})(?:T(?P<h>\d{2})(?P<mi>\d{2})"
                    r"(?P<s>\d{2})?)?(?P<z>Z)?$", re.IGNORECASE)
_EXTENDED = re.compile(
    rf"^{_DATE}(?:[T ](?P<time>[\d:.\-]+?)\s*(?P<off>Z|[+-]\d{{1,2}}(?::?\d{{2}})?)?)?$",
    re.IGNORECASE)
_COLON_TIME = re.compile(r"^(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.(?P<f>\d{1,6}))?)?$")
_DASH_TIME = re.compile(r"^(?P<a>\d{1,2})-(?P<b>\d{2})(?:-(?P<c>\d{2}))?(?:-(?P<e>\d{2}))?$")


def repair_iso(value: object) -> str | None:
    """A strict ISO 8601 string for a lenient one ("2024-5-28T16:30+0:00" ->
    "2024-05-28T16:30:00+00:00"); a date stays a date; None when it cannot be read."""
    parsed = parse_iso(value)
    return parsed.isoformat() if parsed is not None else None


def parse_iso(value: object) -> datetime | date | None:
    """A datetime (aware when an offset is given, else naive) or a date; None when unreadable."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    basic = _BASIC.match(text)
    if basic:
        return _build(basic["y"], basic["mo"], basic["d"], basic["h"], basic["mi"], basic["s"],
                      None, "Z" if basic["z"] else None)
    match = _EXTENDED.match(text)
    if not match:
        return _fallback(text)
    if match["time"] is None:
        return _build(match["y"], match["mo"], match["d"], None, None, None, None, None)
    clock = _clock(match["time"], match["off"])
    if clock is None:
        return _fallback(text)
    hour, minute, second, fraction, offset = clock
    return _build(match["y"], match["mo"], match["d"], hour, minute, second, fraction, offset)


def _clock(time_text: str, offset: str | None) -> tuple[str, str, str | None, str | None,
                                                        str | None] | None:
    colon = _COLON_TIME.match(time_text)
    if colon:
        return colon["h"], colon["mi"], colon["s"], colon["f"], offset
    dash = _DASH_TIME.match(time_text + (offset or ""))  # "-00" here is a field, not a zone
    if dash:
        offset = None
    else:
        dash = _DASH_TIME.match(time_text)
    if not dash:
        return None
    a, b, c, e = dash["a"], dash["b"], dash["c"], dash["e"]
    if e is not None:  # H-h-i-s: the 12-hour hour must agree with the 24-hour one
        if int(b) != (int(a) % 12 or 12):
            return None
        return a, c, e, None, offset
    return a, b, c, None, offset


def _build(y: str, mo: str, d: str, h: str | None, mi: str | None, s: str | None,
           fraction: str | None, offset: str | None) -> datetime | date | None:
    try:
        if h is None:
            return date(int(y), int(mo), int(d))
        micro = int((fraction or "0").ljust(6, "0")[:6])
        naive = datetime(int(y), int(mo), int(d), int(h), int(mi or 0), int(s or 0), micro)
    except ValueError:
        return None
    if offset is None:
        return naive
    return _with_offset(naive, offset)


def _with_offset(naive: datetime, offset: str) -> datetime | None:
    if offset.upper() == "Z":
        text = "+00:00"
    else:
        sign, digits = offset[0], offset[1:].replace(":", "")
        if ":" in offset[1:]:
            hours, minutes = offset[1:].split(":", 1)
        elif len(digits) <= 2:
            hours, minutes = digits, "00"
        else:
            hours, minutes = digits[:-2], digits[-2:]
        if int(hours) > 14 or int(minutes) > 59:
            return None
        text = f"{sign}{int(hours):02d}:{int(minutes):02d}"
    try:
        return datetime.fromisoformat(naive.isoformat() + text)
    except ValueError:
        return None


def _fallback(text: str) -> datetime | date | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
