"""Injection payloads, and an ICS feed that puts them in every text and URL field."""

from __future__ import annotations

PAYLOADS: dict[str, str] = {
    "script-tag": "<script>alert('pm-xss-1')</script>",
    "img-onerror": "<img src=x onerror=alert('pm-xss-2')>",
    "svg-onload": "<svg onload=alert('pm-xss-3')>",
    "javascript-url": "javascript:alert('pm-xss-4')",
    "data-url": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "markdown-link": "[click me](javascript:alert('pm-xss-5'))",
    "markdown-image": "![x](data:image/svg+xml,<svg onload=alert('pm-xss-6')>)",
    "rtl-override": "peer group \u202egnp.exe\u202c consult",
    "csv-formula": "=HYPERLINK(\"https://evil.example/\",\"pm-csv\")",
    "very-long": "consultation " + "A" * 20000,
    # Browser markers: if any of these ever runs, window.__pwned is set and PWNED is logged.
    "pwned-img": "<img src=x onerror=\"window.__pwned=1;console.log('PWNED')\">",
    "pwned-script": "<script>window.__pwned=1;console.log('PWNED')</script>",
    "pwned-iframe": "<iframe srcdoc=\"<script>parent.__pwned=1</script>\"></iframe>",
    "streamlit-markup": ":red[pm-xss] :material/warning: $\\href{javascript:alert(1)}{x}$",
}
URL_PAYLOADS = ("javascript:alert('pm-xss-7')", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
                "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
                "java\tscript:alert(1)", "javascript:window.__pwned=1;console.log('PWNED')")
MARKER = "pm-xss"
PWNED = "PWNED"


def _escape_ics(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def hostile_ics(slot_hour: int = 6) -> bytes:
    """One event per payload: the payload in SUMMARY, DESCRIPTION, LOCATION, ORGANIZER, CONTACT;
    a hostile URL in URL and in the description's link."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//PeerMap hostile//EN"]
    for n, (name, payload) in enumerate(PAYLOADS.items()):
        url = URL_PAYLOADS[n % len(URL_PAYLOADS)]
        text = _escape_ics(f"{payload} peer consultation {name}")
        lines += [
            "BEGIN:VEVENT", f"UID:hostile-{name}@hostile.test", "DTSTAMP:20261101T000000Z",
            f"DTSTART:202611{5 + n:02d}T{slot_hour:02d}0000Z",
            f"DTEND:202611{5 + n:02d}T{slot_hour + 1:02d}0000Z",
            f"SUMMARY:{text}",
            f"DESCRIPTION:{_escape_ics(payload + ' <a href=' + url + '>join</a> ' + url)}",
            f"LOCATION:{_escape_ics(payload)} Austin\\, TX 78701",
            f"ORGANIZER;CN={_escape_ics(payload)[:60]}:mailto:x@example.org",
            f"CONTACT:{text}", f"URL:{url}", "END:VEVENT",
        ]
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()
