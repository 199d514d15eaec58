"""A state association's "peer consultation groups directory": HTML cards, no JSON-LD, no feed.

Each group is an `<article class="group">` with an `<h3>` title, a `<dl>` of When / Where / Fee /
Contact / Audience and a description paragraph. City Scrapers style: one `_parse_<field>`
function per field. "When" phrases ("2nd Tuesday of each month, 12:00–13:00", "1st & 3rd
Thursday, 7–8:30 pm", "Last Friday of the month, noon–1 pm", "Every Wednesday, 8:00-9:00 AM")
become an RRULE plus the first start at or after `ctx.as_of`, in the card's zone ("… pm CT") or
`ctx.default_timezone`. A When that cannot be read keeps the item, without a start, and counts
an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from selectolax.lexbor import LexborHTMLParser, LexborNode

from spiders.common.rrule_bounds import first_after
from spiders.common.text import clean, decode_text, safe_url, stable_uid
from spiders.common.timezones import zone_info
from spiders.items import ParseContext, ParseResult, RawItem

FORMAT = "site:peer_groups_directory"
_DAYS = {"mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR", "sat": "SA", "sun": "SU"}
_ORDINALS = {"1st": 1, "first": 1, "2nd": 2, "second": 2, "3rd": 3, "third": 3, "4th": 4,
             "fourth": 4, "5th": 5, "fifth": 5, "last": -1}
_ORD = r"(?:1st|2nd|3rd|4th|5th|first|second|third|fourth|fifth|last)"
_DAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*"
_MONTHLY = re.compile(
    rf"^(?P<ords>{_ORD}(?:\s*(?:,|&|and)\s*{_ORD})*)\s+(?P<day>{_DAY})"
    r"(?:\s+(?:of\s+)?(?:each|every|the)\s+month|\s+monthly)?\b", re.IGNORECASE)
_WEEKLY = re.compile(rf"^(?:every|each|weekly\s+on)\s+(?P<day>{_DAY})\b|^(?P<plural>{_DAY})s\b",
                     re.IGNORECASE)
_CLOCK = r"(?:noon|midnight|\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?)"
_TIMES = re.compile(rf"(?P<start>{_CLOCK})(?:\s*(?:–|—|-|to)\s*(?P<end>{_CLOCK}))?"
                    r"(?:\s+\(?(?P<zone>ET|CT|MT|PT|Eastern|Central|Mountain|Pacific)(?:\s+time)?\)?)?",
                    re.IGNORECASE)
_ZONES = {"e": "America/New_York", "c": "America/Chicago", "m": "America/Denver",
          "p": "America/Los_Angeles"}
_ONLINE_ONLY = re.compile(r"^\s*(online|virtual|zoom|microsoft teams|teams|google meet)\b",
                          re.IGNORECASE)
_HYBRID = re.compile(r"^\s*hybrid\b\s*[:—–-]?\s*", re.IGNORECASE)
_ONLINE_TAIL = re.compile(r"[\s,;]*\(?\s*(?:(?:and|&|\+|or)\s+)?(?:on\s+|via\s+)?"
                          r"(?:zoom|online|teams|microsoft teams|google meet)\s*\)?\s*$",
                          re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@dataclass
class When:
    rrule: str
    start: time
    end: time | None
    timezone: str | None


def parse(body: bytes, ctx: ParseContext) -> ParseResult:
    result = ParseResult()
    tree = LexborHTMLParser(decode_text(body))
    cards = tree.css("article.group")
    if not cards:
        result.errors.append(f"{ctx.url}: no <article class=\"group\"> cards on the page")
        return result
    organizer = _parse_organizer(tree)
    for card in cards:
        result.events_seen += 1
        title = _parse_title(card)
        if not title:
            result.errors.append(f"{ctx.url}: a group card without an <h3> title was skipped")
            continue
        fields = _definitions(card)
        item = RawItem(
            source_id=ctx.source_id, format=FORMAT, source_url=ctx.url, title=title,
            uid=_parse_uid(card, title), url=_parse_url(card, ctx.url),
            description=_parse_description(card, fields.get("audience")),
            organizer=organizer, timezone=ctx.default_timezone,
            cost_text=_parse_fee(fields.get("fee")),
        )
        item.extra["audience"] = _node_text(fields.get("audience"))
        _apply_where(item, fields.get("where"), ctx.url)
        _apply_contact(item, fields.get("contact"), ctx.url)
        when_text = _node_text(fields.get("when"))
        when = _parse_when(when_text, ctx.default_timezone)
        if when is None:
            result.errors.append(f"{title!r}: cannot read When {when_text or '(missing)'!r}")
        else:
            _apply_when(item, when, ctx.as_of)
        result.items.append(item)
    return result


# --- one function per field ------------------------------------------------------------------
def _parse_title(card: LexborNode) -> str | None:
    node = card.css_first("h3")
    return clean(" ".join(node.text().split())) if node is not None else None


def _parse_uid(card: LexborNode, title: str) -> str:
    card_id = clean(card.attributes.get("id"))
    return card_id if card_id and re.match(r"^[\w.:-]{1,128}$", card_id) else stable_uid(title)


def _parse_url(card: LexborNode, page_url: str) -> str | None:
    card_id = clean(card.attributes.get("id"))
    if card_id and re.match(r"^[\w.:-]{1,128}$", card_id):
        return f"{page_url.split('#')[0]}#{card_id}"
    return None


def _parse_organizer(tree: LexborHTMLParser) -> str | None:
    node = tree.css_first('meta[property="og:site_name"]')
    return clean(node.attributes.get("content")) if node is not None else None


def _parse_description(card: LexborNode, audience: LexborNode | None) -> str | None:
    paragraphs = [" ".join(p.text().split()) for p in card.css("p")]
    text = "\n\n".join(p for p in paragraphs if p)
    audience_text = _node_text(audience)
    if audience_text:  # the classifier reads audience words ("LPCs") from the description
        text = f"{text}\n\nAudience: {audience_text}".strip()
    return text or None


def _parse_fee(node: LexborNode | None) -> str | None:
    return _node_text(node)


def _parse_where(node: LexborNode | None) -> tuple[str | None, str | None]:
    """(attendance hint, location text) from the Where line."""
    text = _node_text(node)
    if not text:
        return None, None
    if _ONLINE_ONLY.match(text):
        return "online", None
    if _HYBRID.match(text):
        return "hybrid", clean(_ONLINE_TAIL.sub("", _HYBRID.sub("", text, count=1))) or None
    if _ONLINE_TAIL.search(text):
        return "hybrid", clean(_ONLINE_TAIL.sub("", text))
    return None, text


def _parse_when(text: str | None, default_timezone: str | None) -> When | None:
    if not text:
        return None
    head, _, rest = text.partition(",")
    rule = _parse_rule(head.strip())
    times = _TIMES.fullmatch(rest.strip().rstrip(".")) if rule else None
    if rule is None or times is None:
        return None
    start = _parse_clock(times.group("start"))
    end = _parse_clock(times.group("end")) if times.group("end") else None
    if start is None or (times.group("end") and end is None):
        return None
    start, end = _infer_meridiem(times.group("start"), start, times.group("end"), end)
    zone_word = times.group("zone")
    tz = _ZONES[zone_word[0].lower()] if zone_word else default_timezone
    return When(rule, start, end, tz)


def _parse_rule(phrase: str) -> str | None:
    weekly = _WEEKLY.match(phrase)
    if weekly and weekly.end() == len(phrase):
        day = weekly.group("day") or weekly.group("plural")
        return f"FREQ=WEEKLY;BYDAY={_DAYS[day[:3].lower()]}"
    monthly = _MONTHLY.match(phrase)
    if monthly and monthly.end() == len(phrase):
        day = _DAYS[monthly.group("day")[:3].lower()]
        ords = re.findall(_ORD, monthly.group("ords"), re.IGNORECASE)
        numbers = sorted({_ORDINALS[o.lower()] for o in ords}, key=lambda n: (n < 0, n))
        return "FREQ=MONTHLY;BYDAY=" + ",".join(f"{n}{day}" for n in numbers)
    return None


def _apply_where(item: RawItem, node: LexborNode | None, page_url: str) -> None:
    item.attendance_mode, item.location_text = _parse_where(node)
    if node is not None:
        for link in node.css("a"):
            url = safe_url(link.attributes.get("href"), page_url)
            if url and url.lower().startswith(("http://", "https://")):
                item.online_url = url
                break


def _apply_contact(item: RawItem, node: LexborNode | None, page_url: str) -> None:
    if node is None:
        return
    for link in node.css("a"):
        url = safe_url(link.attributes.get("href"), page_url)  # drops javascript:, data:
        if url is None:
            continue
        lowered = url.lower()
        if lowered.startswith("mailto:") and item.contact_email is None:
            address = url[7:].split("?")[0].strip()
            item.contact_email = address if _EMAIL.fullmatch(address) else None
        elif lowered.startswith("tel:") and item.contact_phone is None:
            item.contact_phone = url[4:].strip() or None
        elif lowered.startswith(("http://", "https://")) and item.contact_url is None:
            item.contact_url = url
    if item.contact_email is None:
        found = _EMAIL.search(_node_text(node) or "")
        item.contact_email = found.group(0) if found else None


def _apply_when(item: RawItem, when: When, as_of: datetime) -> None:
    item.rrule = when.rrule
    item.timezone = when.timezone or item.timezone
    start = _first_start(when, as_of)
    item.start = start.isoformat()
    if when.end is not None:
        end = datetime.combine(start.date(), when.end, tzinfo=start.tzinfo)
        if end <= start:
            end += timedelta(days=1)
        item.end = end.isoformat()


# --- helpers ---------------------------------------------------------------------------------
def _definitions(card: LexborNode) -> dict[str, LexborNode]:
    """`<dt>` label (lowercase) -> the `<dd>` after it."""
    out: dict[str, LexborNode] = {}
    label: str | None = None
    for node in card.css("dl > dt, dl > dd"):
        if node.tag == "dt":
            label = " ".join(node.text().split()).rstrip(":").lower() or None
        elif node.tag == "dd" and label and label not in out:
            out[label] = node
    return out


def _node_text(node: LexborNode | None) -> str | None:
    return clean(" ".join(node.text().split())) if node is not None else None


def _parse_clock(text: str) -> time | None:
    word = text.strip().lower().replace(".", "")
    if word == "noon":
        return time(12, 0)
    if word == "midnight":
        return time(0, 0)
    match = re.match(r"^(\d{1,2})(?::(\d{2}))?\s*([ap]m)?$", word)
    if not match:
        return None
    hour, minute, meridiem = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _infer_meridiem(start_text: str, start: time, end_text: str | None,
                    end: time | None) -> tuple[time, time | None]:
    """"7–8:30 pm": the start borrows the end's pm, unless that would put it after the end."""
    if end is None or end_text is None or re.search(r"[ap]\.?m|noon|midnight", start_text, re.I):
        return start, end
    if re.search(r"p\.?m", end_text, re.I) and start.hour < 12:
        shifted = time(start.hour + 12, start.minute)
        if shifted < end:
            return shifted, end
    return start, end


def _first_start(when: When, as_of: datetime) -> datetime:
    """The first occurrence starting at or after `as_of`, aware in the group's zone."""
    tz = zone_info(when.timezone) or as_of.tzinfo
    local_as_of = as_of.astimezone(tz)
    anchor = datetime.combine(local_as_of.date() - timedelta(days=1), when.start)
    after = anchor
    for _ in range(8):  # the wall-clock candidate may sit just before as_of's instant
        candidate = first_after(when.rrule, anchor, after)
        if candidate is None:
            break
        aware = _aware(candidate.date(), when.start, tz)
        if aware >= as_of:
            return aware
        after = candidate + timedelta(seconds=1)
    raise ValueError(f"rule {when.rrule!r} has no occurrence after {as_of:%Y-%m-%d} "
                     "within the expansion cap")


def _aware(day: date, clock: time, tz: object) -> datetime:
    # fold=0: a time repeated when clocks fall back means its first (daylight) instance.
    return datetime.combine(day, clock, tzinfo=tz)  # type: ignore[arg-type]


