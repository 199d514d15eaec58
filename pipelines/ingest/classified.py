"""One raw item's classification as ingest sees it: cleaned text, roster extras, online link.

`raw_to_listing` builds the listing from it; `peermap preview` shows its per-field `why`.
"""

from __future__ import annotations

from pipelines.classify import Classification, classify
from pipelines.normalize.attendance import attendance_hint
from pipelines.normalize.text import html_to_text, safe_url
from spiders.common.text import find_online_url
from spiders.items import RawItem


def text_or_none(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


MAX_ADDRESS_FIELD = 200  # no real venue, street or city name is longer


def one_line(value: object) -> str | None:
    """One line of plain text from an untrusted field (tags dropped, entities decoded, capped)."""
    if value is None:
        return None
    text = " ".join(html_to_text(str(value)[: MAX_ADDRESS_FIELD * 20]).split())
    return text_or_none(text[:MAX_ADDRESS_FIELD])


def place_cell(value: object, kind: str) -> str | None:
    """A city or state cell tidied: trailing commas dropped, "chicago" -> "Chicago", "Il" -> "IL"."""
    text = one_line(value)
    if text is None:
        return None
    text = text.strip(" ,;") or None
    if text and kind == "region" and len(text) == 2 and text.isalpha():
        return text.upper()
    if text and kind == "city" and text.islower():
        return text.title()
    return text


def has_physical_address(raw: RawItem) -> bool:
    if raw.street or raw.postal_code:
        return True
    return bool(raw.lat is not None and raw.venue_name and raw.city)


def http_url(value: object) -> str | None:
    url = safe_url(value)
    return url if url and url.lower().startswith(("http://", "https://")) else None


def description_and_extra(raw: RawItem) -> tuple[str, dict]:
    description = html_to_text(raw.description)
    extra = dict(raw.extra or {})
    if raw.format == "roster":
        extra["format"] = "roster"
        if not description and extra.get("notes"):
            description = html_to_text(str(extra["notes"]))
    return description, extra


def raw_region(raw: RawItem, extra: dict) -> str | None:
    return place_cell(raw.region, "region")


def raw_online_url(raw: RawItem) -> str | None:
    return (http_url(raw.online_url) or http_url(find_online_url(raw.description))
            or http_url(find_online_url(raw.location_text)))


def classify_raw(raw: RawItem, *, default_region: str | None = None) -> Classification:
    """The classification `raw_to_listing` uses, with `why` per field (also for preview)."""
    description, extra = description_and_extra(raw)
    roster = raw.format == "roster"
    online_url = raw_online_url(raw)
    hint = None if raw.attendance_mode else attendance_hint(raw)  # venue/location evidence
    cls = classify(
        raw.title, description, categories=raw.categories, organizer=raw.organizer,
        location_text=raw.location_text, online_url=online_url,
        raw_mode=raw.attendance_mode or hint,
        raw_status=raw.status, cost_text=raw.cost_text,
        is_free=raw.is_free, cost_min=raw.cost_min, cost_max=raw.cost_max,
        currency=raw.currency, extra=extra, default_region=default_region or raw_region(raw, extra),
    )
    if hint and cls.attendance_mode == hint:
        where = raw.location_text or raw.venue_name or "the description"
        cls.why["attendance_mode"] = f"location hint {hint!r} from {where!r}"
    if roster:
        cls.kind, cls.why["kind"] = "supervision", "roster: a supervisor directory row"
    if cls.attendance_mode == "unknown" and not online_url and has_physical_address(raw):
        cls.attendance_mode = "in_person"  # a street address or ZIP with no online hint
        cls.why["attendance_mode"] = "the source gives a street address or ZIP, no online hint"
    return cls
