"""iCalendar feeds in the styles real publishers use: Google Calendar, Outlook/Exchange and
The Events Calendar's `?ical=1` export. Written by hand (not with a library) so the quirks
parsers must survive are exactly the ones real feeds have."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from datetime import UTC, datetime

from demo.catalog import DemoEvent
from demo.places import FICTIONAL_NOTICE

CRLF = "\r\n"
# (standard offset, daylight offset, standard abbreviation, daylight abbreviation)
_ZONE_RULES = {
    "America/Chicago": ("-0600", "-0500", "CST", "CDT"),
    "America/New_York": ("-0500", "-0400", "EST", "EDT"),
    "America/Denver": ("-0700", "-0600", "MST", "MDT"),
    "America/Boise": ("-0700", "-0600", "MST", "MDT"),
    "America/Los_Angeles": ("-0800", "-0700", "PST", "PDT"),
}
WINDOWS_CENTRAL = "Central Standard Time"


def escape_text(value: str) -> str:
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    out: list[str] = []
    current, size, limit = "", 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return CRLF.join(out)


def html_to_text(value: str) -> str:
    text = re.sub(r"<script.*?</script>", "", value, flags=re.S | re.I)
    text = re.sub(r"</p>\s*", "\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    return html.unescape(text).strip()


def local_stamp(value: datetime, tz: str | None = None) -> str:
    from zoneinfo import ZoneInfo

    if tz:
        value = value.astimezone(ZoneInfo(tz))
    return value.strftime("%Y%m%dT%H%M%S")


def utc_stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def vtimezone(tzid: str, iana: str, google: bool = True) -> list[str]:
    std, dst, std_name, dst_name = _ZONE_RULES[iana]
    first = "19700308T020000" if google else "16010101T020000"
    second = "19701101T020000" if google else "16010101T020000"
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tzid}"]
    if google:
        lines.append(f"X-LIC-LOCATION:{iana}")
    lines += ["BEGIN:DAYLIGHT", f"TZOFFSETFROM:{std}", f"TZOFFSETTO:{dst}",
              f"TZNAME:{dst_name}", f"DTSTART:{first}", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
              "END:DAYLIGHT", "BEGIN:STANDARD", f"TZOFFSETFROM:{dst}", f"TZOFFSETTO:{std}",
              f"TZNAME:{std_name}", f"DTSTART:{second}", "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
              "END:STANDARD", "END:VTIMEZONE"]
    return lines


def location_text(event: DemoEvent) -> str | None:
    if event.venue is None:
        return "Zoom" if event.online_url and "zoom" in event.online_url else "Online"
    v = event.venue
    return f"{v.name}, {v.street}, {v.city.name}, {v.city.state} {v.city.postal_code}, USA"


def _render(lines: Iterable[str]) -> bytes:
    return (CRLF.join(fold(line) for line in lines) + CRLF).encode("utf-8")


def _description(event: DemoEvent) -> str:
    text = event.description_html
    if event.online_url:
        text += f"<p>Join: <a href=\"{event.online_url}\">{event.online_url}</a></p>"
    return text


def google_calendar(events: list[DemoEvent], name: str, tz: str, as_of: datetime) -> bytes:
    """A Google Calendar public feed: X-WR-TIMEZONE, HTML descriptions, UTC one-off times."""
    lines = ["BEGIN:VCALENDAR", "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
             "VERSION:2.0", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", f"X-WR-CALNAME:{name}",
             f"X-WR-TIMEZONE:{tz}",
             f"X-WR-CALDESC:{escape_text(FICTIONAL_NOTICE + ' for the PeerMap demo.')}"]
    lines += vtimezone(tz, tz)
    stamp = utc_stamp(as_of)
    for event in events:
        title = event.title
        head = ["BEGIN:VEVENT"]
        if event.rrule:
            head += [f"DTSTART;TZID={tz}:{local_stamp(event.start, tz)}",
                     f"DTEND;TZID={tz}:{local_stamp(event.end, tz)}", f"RRULE:{event.rrule}"]
            head += [f"EXDATE;TZID={tz}:{local_stamp(x, tz)}" for x in event.exdates]
        else:
            head += [f"DTSTART:{utc_stamp(event.start)}", f"DTEND:{utc_stamp(event.end)}"]
        lines += head + _common(event, stamp, title, google=True)
        for change in event.changes:
            start = change.start or change.recurrence_id
            lines += ["BEGIN:VEVENT", f"DTSTART;TZID={tz}:{local_stamp(start, tz)}",
                      f"DTEND;TZID={tz}:{local_stamp(start + event.duration, tz)}",
                      f"RECURRENCE-ID;TZID={tz}:{local_stamp(change.recurrence_id, tz)}"]
            status = "CANCELLED" if change.cancelled else None
            lines += _common(event, stamp, change.title or title, google=True, status=status,
                             sequence=1)
    lines.append("END:VCALENDAR")
    return _render(lines)


def _common(event: DemoEvent, stamp: str, title: str, google: bool,
            status: str | None = None, sequence: int = 0) -> list[str]:
    status = status or ("CANCELLED" if event.status == "cancelled" else "CONFIRMED")
    created = utc_stamp(event.start.replace(year=event.start.year - 1))
    lines = [f"DTSTAMP:{stamp}", f"UID:{event.key}@demo.example.org", f"CREATED:{created}"]
    if google:
        lines.append(f"DESCRIPTION:{escape_text(_description(event))}")
    else:
        lines.append(f"DESCRIPTION;LANGUAGE=en-US:{escape_text(html_to_text(_description(event)))}")
        lines.append(f"X-ALT-DESC;FMTTYPE=text/html:{escape_text(_description(event))}")
    lines.append(f"LAST-MODIFIED:{created}")
    location = location_text(event)
    if location and not google and event.venue is None:
        location = "Microsoft Teams Meeting"
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    if event.online_url and not google:
        lines.append(f"URL:{event.online_url}")
    lines += [f"SEQUENCE:{sequence}", f"STATUS:{status}", f"SUMMARY:{escape_text(title)}",
              "TRANSP:OPAQUE"]
    if event.contact_email:
        lines.append(f'ORGANIZER;CN="{event.organizer}":mailto:{event.contact_email}')
    if not google:
        lines += ["CLASS:PUBLIC", "PRIORITY:5", "X-MICROSOFT-CDO-BUSYSTATUS:BUSY",
                  "X-MICROSOFT-CDO-IMPORTANCE:1", "X-MICROSOFT-DISALLOW-COUNTER:FALSE"]
    return lines + ["END:VEVENT"]


def outlook_calendar(events: list[DemoEvent], name: str, as_of: datetime) -> bytes:
    """An Exchange/Outlook published calendar: Windows TZID, EXDATEs on one line."""
    tz = WINDOWS_CENTRAL
    lines = ["BEGIN:VCALENDAR", "METHOD:PUBLISH", "PRODID:Microsoft Exchange Server 2010",
             "VERSION:2.0", f"X-WR-CALNAME:{name} — {FICTIONAL_NOTICE}"]
    lines += vtimezone(tz, "America/Chicago", google=False)
    stamp = utc_stamp(as_of)
    for event in events:
        iana = event.timezone
        assert iana == "America/Chicago", "Outlook demo calendar is Central time only"
        lines += ["BEGIN:VEVENT", f"DTSTART;TZID={tz}:{local_stamp(event.start, iana)}",
                  f"DTEND;TZID={tz}:{local_stamp(event.end, iana)}"]
        if event.rrule:
            lines.append(f"RRULE:{event.rrule};WKST=SU")
        if event.exdates:
            stamps = ",".join(local_stamp(x, iana) for x in event.exdates)
            lines.append(f"EXDATE;TZID={tz}:{stamps}")
        lines += _common(event, stamp, event.title, google=False)
    lines.append("END:VCALENDAR")
    return _render(lines)


def tec_ical_export(events: list[DemoEvent], site_name: str, site_url: str,
                    as_of: datetime) -> bytes:
    """What The Events Calendar serves at `/events/?ical=1`: one VTIMEZONE per zone used."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0",
             f"PRODID:-//{site_name} - ECPv6.8.0//NONSGML v1.0//EN", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{site_name}", f"X-ORIGINAL-URL:{site_url}",
             f"X-WR-CALDESC:{escape_text(FICTIONAL_NOTICE)}"]
    for zone in sorted({e.timezone for e in events}):
        lines += vtimezone(zone, zone)
    stamp = utc_stamp(as_of)
    for event in events:
        tz = event.timezone
        lines += ["BEGIN:VEVENT", f"DTSTART;TZID={tz}:{local_stamp(event.start, tz)}",
                  f"DTEND;TZID={tz}:{local_stamp(event.end, tz)}"]
        lines += _common(event, stamp, event.title, google=True)
    lines.append("END:VCALENDAR")
    return _render(lines)
