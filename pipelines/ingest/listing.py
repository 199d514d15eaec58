"""The one path from a parser's `RawItem` to a validated `Listing`.

Used by the flow and by `peermap preview`: clean the title (status markers), HTML -> text,
times -> ISO with offset in the event's zone, recurrence -> schedule text and occurrences,
classification, validated contacts. Geocoding happens later (pipelines/geocode).
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from pipelines.classify.status import status_from_raw
from pipelines.core.model import Listing, Occurrence
from pipelines.ingest.classified import (
    classify_raw,
    description_and_extra,
    http_url,
    one_line,
    place_cell,
    raw_online_url,
    raw_region,
    text_or_none,
)
from pipelines.ingest.submitted import FORMAT, apply_stated
from pipelines.normalize.countries import country_code
from pipelines.normalize.recurrence import expand_series, schedule_text
from pipelines.normalize.text import (
    clean_title,
    html_to_text,
    normalize_email,
    normalize_phone,
    parse_iso,
    safe_url,
    to_aware,
    zone,
)
from pipelines.normalize.timebasis import resolve_zone
from spiders.common.rrule import clean_rrule
from spiders.items import RawItem

_NEXT_COUNT = 5


def provisional_id(raw: RawItem) -> str:
    key = raw.uid or raw.url or f"{raw.title}{raw.start or ''}"
    return hashlib.sha1(f"{raw.source_id}|{key}".encode()).hexdigest()[:16]


def _local(value: str | None, tz: str | None) -> datetime | None:
    aware = to_aware(value, tz)
    local = zone(tz)
    return aware.astimezone(local) if aware is not None and local is not None else aware


def _is_date(value: str | None) -> bool:
    return isinstance(parse_iso(value), date) and not isinstance(parse_iso(value), datetime)


def _occurrence_key(value: str, all_day: bool, tz: str | None) -> datetime | None:
    if all_day or _is_date(value):
        parsed = parse_iso(value)
        if parsed is None:
            return None
        day = parsed if not isinstance(parsed, datetime) else parsed.date()
        return datetime(day.year, day.month, day.day, tzinfo=zone(tz) or ZoneInfo("UTC"))
    return _local(value, tz)


def _from_raw_occurrences(
    raw: RawItem, tz: str | None, series_status: str, as_of: datetime, horizon: datetime
) -> list[Occurrence]:
    out: list[Occurrence] = []
    for occ in raw.occurrences:
        start_key = _occurrence_key(occ.start, raw.all_day, tz)
        if start_key is None or start_key > horizon:
            continue
        end_key = _occurrence_key(occ.end, raw.all_day, tz) if occ.end else None
        if (end_key or start_key) < as_of:
            continue
        day_only = raw.all_day or _is_date(occ.start)
        start = occ.start.strip() if day_only else start_key.isoformat()
        end = None
        if occ.end:
            end = occ.end.strip() if day_only else (end_key.isoformat() if end_key else None)
        status = status_from_raw(occ.status) or series_status
        out.append(Occurrence(start=start, end=end, status=status,  # type: ignore[arg-type]
                              title=clean_title(occ.title)[0] if occ.title else None))
    return sorted(out, key=lambda o: o.start)


def _expanded(
    raw: RawItem, tz: str | None, series_status: str, as_of: datetime, horizon_days: int,
    notes: list[str] | None = None,
) -> list[Occurrence]:
    if raw.all_day:
        start_day = parse_iso(raw.start)
        if start_day is None:
            return []
        day = start_day if not isinstance(start_day, datetime) else start_day.date()
        start = datetime(day.year, day.month, day.day, tzinfo=zone(tz) or ZoneInfo("UTC"))
        end_day = parse_iso(raw.end) if raw.end else None
        end = None
        if end_day is not None:
            e = end_day if not isinstance(end_day, datetime) else end_day.date()
            end = datetime(e.year, e.month, e.day, tzinfo=start.tzinfo)
    else:
        start = _local(raw.start, tz)  # type: ignore[assignment]
        end = _local(raw.end, tz) if raw.end else None
        if start is None:
            return []
    pairs, capped = expand_series(start, end, raw.rrule, raw.exdates, raw.rdates, as_of,
                                  horizon_days)
    if capped and notes is not None:
        notes.append(f"{raw.source_id} series {raw.uid or raw.title!r} ({raw.rrule}): {capped}")
    out = []
    for occ_start, occ_end in pairs:
        if raw.all_day:
            out.append(Occurrence(start=occ_start.date().isoformat(),
                                  end=occ_end.date().isoformat() if occ_end else None,
                                  status=series_status))  # type: ignore[arg-type]
        else:
            out.append(Occurrence(start=occ_start.isoformat(),
                                  end=occ_end.isoformat() if occ_end else None,
                                  status=series_status))  # type: ignore[arg-type]
    return out


def _next_occurrences(occurrences: list[Occurrence], as_of: datetime, tz: str | None) -> list[str]:
    upcoming = []
    for occ in occurrences:
        if occ.status == "cancelled":
            continue
        key = _occurrence_key(occ.start, False, tz)
        if key is not None and key >= as_of - (timedelta(days=1) if _is_date(occ.start) else
                                               timedelta(0)):
            upcoming.append((key, occ.start))
    return [start for _, start in sorted(upcoming)[:_NEXT_COUNT]]


def raw_to_listing(
    raw: RawItem,
    *,
    as_of: datetime,
    horizon_days: int = 90,
    default_timezone: str | None = None,
    default_region: str | None = None,
    notes: list[str] | None = None,
) -> Listing:
    """Normalize, classify and expand one raw item; raises ModelError/ValueError when unusable.

    A series whose rule had more instances than could be expanded keeps its rule, and a
    `series_capped` line is appended to `notes` (the source's counted errors).
    """
    if as_of.tzinfo is None:
        raise ValueError("as_of must be timezone-aware")
    base = listing_base(raw, default_timezone=default_timezone, default_region=default_region)
    return dated_listing(base, raw, as_of=as_of, horizon_days=horizon_days, notes=notes)


def _cleaned(raw: RawItem) -> RawItem:
    if raw.rrule:  # the shared clean-up; an unreadable rule leaves a single occurrence
        return dataclasses.replace(raw, rrule=clean_rrule(raw.rrule)[0])
    return raw


def listing_base(raw: RawItem, *, default_timezone: str | None = None,
                 default_region: str | None = None) -> Listing:
    """Everything of the listing that does not depend on `as_of` (no occurrences, no next
    dates; `status` is the series status, `time_basis` the zone's basis before it is known
    whether there are times). Raises ValueError for an item without a title."""
    roster = raw.format == "roster"
    raw = _cleaned(raw)
    title, _, _ = clean_title(raw.title)
    if not title:
        raise ValueError("item has no title")
    description, extra = description_and_extra(raw)
    tz, time_basis = resolve_zone(raw, default_timezone)
    online_url = raw_online_url(raw)
    region = raw_region(raw, extra)
    cls = classify_raw(raw, default_region=default_region)

    start = end = None
    start_local = end_local = None
    if raw.start:
        if raw.all_day or _is_date(raw.start):
            start, end = text_or_none(raw.start), text_or_none(raw.end)
        else:
            start_local = _local(raw.start, tz)
            end_local = _local(raw.end, tz) if raw.end else None
            start = start_local.isoformat() if start_local else None
            end = end_local.isoformat() if end_local else None
    all_day = bool(raw.all_day or (start and _is_date(start)))

    sched = None
    if raw.rrule and start_local is not None:
        sched = schedule_text(start_local, end_local, raw.rrule, tz)
    elif raw.rrule and all_day and start:
        parsed = parse_iso(start)
        if isinstance(parsed, date):
            sched = schedule_text(datetime(parsed.year, parsed.month, parsed.day), None,
                                  raw.rrule, None)

    online = cls.attendance_mode == "online"
    serves = list(cls.serves_regions)
    if roster and not serves and region and cls.attendance_mode in ("online", "hybrid"):
        serves = [region.upper()]  # a roster supervisor's telehealth follows their state license
    has_coords = raw.lat is not None and raw.lon is not None and not online
    return Listing(
        id=provisional_id(raw),
        kind=cls.kind,  # type: ignore[arg-type]
        title=title,
        source_id=raw.source_id,
        source_url=safe_url(raw.source_url) or raw.source_url,
        description=description,
        organizer=text_or_none(html_to_text(raw.organizer)) if raw.organizer else None,
        attendance_mode=cls.attendance_mode,  # type: ignore[arg-type]
        status=cls.status,  # type: ignore[arg-type]
        start=start,
        end=end,
        all_day=all_day,
        timezone=tz,
        rrule=text_or_none(raw.rrule),
        schedule_text=sched,
        venue_name=one_line(raw.venue_name),
        street=one_line(raw.street),
        city=place_cell(raw.city, "city"),
        region=region,
        postal_code=one_line(raw.postal_code),
        country=country_code(one_line(raw.country)) or one_line(raw.country),
        lat=float(raw.lat) if has_coords else None,  # type: ignore[arg-type]
        lon=float(raw.lon) if has_coords else None,  # type: ignore[arg-type]
        geo_precision="source" if has_coords else "none",
        online_url=online_url,
        is_free=cls.is_free,
        sliding_scale=cls.sliding_scale,
        cost_min=cls.cost_min,
        cost_max=cls.cost_max,
        currency=cls.currency,
        ce_credits=cls.ce_credits,
        audience=cls.audience,
        modalities=cls.modalities,
        languages=cls.languages,
        contact_email=normalize_email(raw.contact_email),
        contact_url=safe_url(raw.contact_url),
        contact_phone=normalize_phone(raw.contact_phone),
        url=http_url(raw.url),
        source_uid=text_or_none(raw.uid),
        serves_regions=serves,
        status_evidence=cls.status_evidence,
        ce_approvals=cls.ce_approvals,
        categories=[c.strip() for c in raw.categories if c and c.strip()],
        source_ids=[raw.source_id],
        time_basis=time_basis,
        accepting_members=cls.accepting_members,  # type: ignore[arg-type]
    )


def dated_listing(base: Listing, raw: RawItem, *, as_of: datetime, horizon_days: int = 90,
                  notes: list[str] | None = None) -> Listing:
    """`base` (from listing_base of the same raw item) with what depends on `as_of`: the
    occurrences in [as_of, as_of + horizon], the next dates, the status they imply."""
    if raw.rrule:  # base.rrule is the cleaned rule (cleaning builds a dateutil rule: not twice)
        raw = dataclasses.replace(raw, rrule=base.rrule)
    tz, series_status = base.timezone, base.status
    horizon = as_of + timedelta(days=horizon_days)
    if raw.occurrences:
        occurrences = _from_raw_occurrences(raw, tz, series_status, as_of, horizon)
    elif raw.start:
        occurrences = _expanded(raw, tz, series_status, as_of, horizon_days, notes)
    else:
        occurrences = []
    status, evidence = series_status, base.status_evidence
    if status == "scheduled" and occurrences and all(o.status == "cancelled" for o in occurrences):
        status, evidence = "cancelled", "every upcoming occurrence is cancelled"
    listing = dataclasses.replace(
        base, status=status, status_evidence=evidence, occurrences=occurrences,
        next_occurrences=_next_occurrences(occurrences, as_of, tz),
        time_basis=base.time_basis if (raw.start or occurrences) else None,
        audience=list(base.audience), modalities=list(base.modalities),
        languages=list(base.languages), serves_regions=list(base.serves_regions),
        ce_approvals=list(base.ce_approvals), categories=list(base.categories),
        source_ids=list(base.source_ids))
    if raw.format == FORMAT:
        listing = apply_stated(listing, raw)
    return listing.validate()


def raw_items_to_listings(
    raws: list[RawItem],
    *,
    as_of: datetime,
    horizon_days: int = 90,
    default_timezone: str | None = None,
    default_region: str | None = None,
) -> tuple[list[Listing], list[str]]:
    """Every item that can become a listing, and one error string per item that cannot."""
    listings: list[Listing] = []
    errors: list[str] = []
    for index, raw in enumerate(raws):
        try:
            listings.append(raw_to_listing(
                raw, as_of=as_of, horizon_days=horizon_days,
                default_timezone=default_timezone, default_region=default_region,
                notes=errors))
        except Exception as exc:  # noqa: BLE001 - one bad item must not stop the batch
            errors.append(item_error(index, raw, exc))
    return listings, errors


def item_error(index: int, raw: RawItem, exc: Exception) -> str:
    """The counted error line for an item that could not become a listing."""
    name = getattr(raw, "uid", None) or getattr(raw, "url", None) or getattr(raw, "title", None)
    source = getattr(raw, "source_id", "?")
    return f"{source} item #{index} ({name!r}): {type(exc).__name__}: {exc}"
