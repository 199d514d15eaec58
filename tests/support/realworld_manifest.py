"""Walk tests/fixtures/realworld/manifest.json through PeerMap's real parse path; tally facts.

Pure helper shared by tests/unit/realworld/test_realworld_manifest.py and
tools/realworld_report.py. Each file is parsed with the registry parser for its format, its raw
items get the same address fill as `pipelines.ingest.source.ingest_source`, then
`pipelines.ingest.listing.raw_items_to_listings` makes listings. Facts are checked against the
listings (and, for matching by title, against the raw item each listing came from).

as_of (fixed per file, never the clock): 00:00 UTC on the day before the earliest date any fact
of that file names (a start_utc/local_start value, an occurrences_between `from`, a cancelled
`date`), so every occurrence a fact talks about is in the window; 2000-01-01 when a file has no
dated fact (event counts, places and people do not depend on as_of). The horizon reaches two
days past the latest date a fact names (at least 90 days).
"""

from __future__ import annotations

import html
import json
import re
import traceback
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from pipelines.core.model import Listing
from pipelines.ingest.listing import raw_items_to_listings
from pipelines.normalize.address import fill_address_from_location
from spiders.common.timezones import zone_info
from spiders.formats.registry import parser_for
from spiders.items import ParseContext, RawItem
from tests.support.paths import FIXTURES

CORPUS = FIXTURES / "realworld"
MANIFEST = CORPUS / "manifest.json"
TARGET = 0.95
# Item errors that name one of these are Python internals leaking out: counted as tracebacks.
_INTERNAL = re.compile(r"\b(AttributeError|TypeError|KeyError|IndexError|NameError|"
                       r"UnboundLocalError|RecursionError|ZeroDivisionError|AssertionError)\b")


@dataclass
class FactOutcome:
    file: str
    split: str
    fact: dict[str, Any]
    ok: bool
    detail: str  # what PeerMap produced, for a miss


@dataclass
class FileRun:
    file: str
    split: str
    as_of: datetime
    pairs: list[tuple[RawItem, Listing | None]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    tracebacks: list[str] = field(default_factory=list)

    @property
    def listings(self) -> list[Listing]:
        return [listing for _, listing in self.pairs if listing is not None]


@dataclass
class Tally:
    outcomes: list[FactOutcome] = field(default_factory=list)
    tracebacks: list[str] = field(default_factory=list)

    def counts(self, split: str | None = None) -> tuple[int, int]:
        chosen = [o for o in self.outcomes if split is None or o.split == split]
        return sum(o.ok for o in chosen), len(chosen)

    def misses(self, split: str | None = None) -> list[FactOutcome]:
        return [o for o in self.outcomes if not o.ok and (split is None or o.split == split)]

    def summary(self) -> str:
        lines = []
        for label, split in (("all", None), ("dev", "dev"), ("test", "test")):
            ok, total = self.counts(split)
            share = ok / total if total else 0.0
            lines.append(f"{label:>4}: {ok}/{total} facts hold ({share:.1%})")
        lines.append(f"tracebacks: {len(self.tracebacks)}")
        return "\n".join(lines)


def load_manifest(path: Path = MANIFEST) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _fact_dates(facts: list[dict[str, Any]]) -> list[date]:
    days: list[date] = []
    for fact in facts:
        for key in ("from", "to", "date"):
            if key in fact:
                days.append(date.fromisoformat(fact[key]))
        if fact["fact"] in ("start_utc", "local_start"):
            days.append(date.fromisoformat(fact["value"][:10]))
    return days


def window_for(facts: list[dict[str, Any]]) -> tuple[datetime, int]:
    """(as_of, horizon_days) for one file's facts, as the module docstring describes."""
    days = _fact_dates(facts)
    if not days:
        return datetime(2000, 1, 1, tzinfo=UTC), 90
    first, last = min(days), max(days)
    as_of = datetime(first.year, first.month, first.day, tzinfo=UTC) - timedelta(days=1)
    return as_of, max(90, (last - first).days + 3)


def run_file(entry: dict[str, Any]) -> FileRun:
    as_of, horizon = window_for(entry["facts"])
    run = FileRun(file=entry["file"], split=entry["split"], as_of=as_of)
    body = (CORPUS / entry["file"]).read_bytes()
    ctx = ParseContext(source_id="realworld", url=f"https://example.org/{entry['file']}",
                       as_of=as_of, horizon_days=horizon)
    try:
        result = parser_for(entry["format"])(body, ctx)
    except Exception:  # noqa: BLE001 - a crash is what this walk counts
        run.tracebacks.append(f"{entry['file']}: parser raised\n{traceback.format_exc()}")
        return run
    run.errors.extend(result.errors)
    for raw in result.items:
        try:
            fill_address_from_location(raw)
            listings, errors = raw_items_to_listings(
                [raw], as_of=as_of, horizon_days=horizon)
        except Exception:  # noqa: BLE001
            run.tracebacks.append(f"{entry['file']}: normalizer raised\n{traceback.format_exc()}")
            run.pairs.append((raw, None))
            continue
        run.errors.extend(errors)
        run.tracebacks.extend(f"{entry['file']}: {e}" for e in errors if _INTERNAL.search(e))
        run.pairs.append((raw, listings[0] if listings else None))
    run.tracebacks.extend(f"{entry['file']}: {e}" for e in result.errors if _INTERNAL.search(e))
    return run


def _norm_title(text: str | None) -> str:
    return " ".join(html.unescape(text or "").split())


def _find(run: FileRun, fact: dict[str, Any]) -> tuple[RawItem, Listing] | None:
    want = _norm_title(fact.get("title"))
    matches = [(raw, listing) for raw, listing in run.pairs if listing is not None and (
        _norm_title(raw.title) == want or _norm_title(listing.title) == want or (
            want == "" and raw.title == "(untitled)"))]
    nth = int(fact.get("nth", 0))
    return matches[nth] if nth < len(matches) else None


def _aware(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed


def _local_day(value: str) -> str:
    return value[:10]


def _digits(value: str | None) -> str:
    return re.sub(r"\D", "", value or "")[-10:]


def _person(run: FileRun, fact: dict[str, Any]) -> tuple[bool, str]:
    name = fact["name"].strip().lower()
    found = [listing for listing in run.listings if (listing.organizer or "").strip().lower() ==
             name]
    if not found:
        return False, f"no roster listing named {fact['name']!r}"
    listing = found[0]
    field_name, want = fact["field"], fact["value"]
    got: str | None
    if field_name == "phone":
        got = listing.contact_phone
        return _digits(got) == _digits(want) and bool(got), f"phone={got!r}"
    if field_name == "email":
        got = listing.contact_email
        return (got or "").lower() == want.lower(), f"email={got!r}"
    if field_name == "city":
        got = listing.city
    elif field_name == "state":
        got = listing.region
    else:  # credentials: shown in the title and the description
        ok = listing.title.endswith(f", {want}") or f"Credential: {want}" in listing.description
        return ok, f"title={listing.title!r}"
    return (got or "").strip().lower() == want.lower(), f"{field_name}={got!r}"


def check_fact(run: FileRun, fact: dict[str, Any]) -> tuple[bool, str]:
    """(holds, what PeerMap produced) for one manifest fact."""
    kind = fact["fact"]
    if kind == "event_count":
        got = len(run.listings)
        return got == fact["value"], f"{got} listings"
    if kind == "person":
        return _person(run, fact)
    found = _find(run, fact)
    if found is None:
        titles = sorted({_norm_title(raw.title) for raw, _ in run.pairs})[:6]
        return False, f"no listing titled {fact.get('title')!r} (have {titles})"
    raw, listing = found
    if kind == "start_utc":
        start = _aware(listing.start)
        if start is None or start.tzinfo is None:
            return False, f"start={listing.start!r}"
        got = start.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return got == fact["value"], f"start={listing.start!r} -> {got}"
    if kind == "local_start":
        start = _aware(listing.start)
        got = start.replace(tzinfo=None).isoformat() if start else None
        return got == fact["value"], f"start={listing.start!r}"
    if kind == "all_day":
        return listing.all_day, f"all_day={listing.all_day} start={listing.start!r}"
    if kind == "cancelled":
        return _cancelled(raw, listing, fact)
    if kind == "occurrences_between":
        days = [_local_day(o.start) for o in listing.occurrences if o.status != "cancelled"]
        got = sum(fact["from"] <= d <= fact["to"] for d in days)
        return got == fact["value"], f"{got} occurrences in range ({days[:12]})"
    if kind in ("city", "state", "country", "url", "mode"):
        attr = {"state": "region", "mode": "attendance_mode"}.get(kind, kind)
        value = getattr(listing, attr)
        return (value or "") == fact["value"], f"{attr}={value!r}"
    return False, f"unknown fact kind {kind!r}"


def _exdate_days(raw: RawItem, listing: Listing) -> set[str]:
    """Local dates of the raw item's EXDATEs, in the listing's zone."""
    days: set[str] = set()
    zone = zone_info(listing.timezone)
    for text in raw.exdates:
        moment = _aware(text)
        if moment is not None and moment.tzinfo is not None and zone is not None:
            moment = moment.astimezone(zone)
        days.add(moment.date().isoformat() if moment else text[:10])
    return days


def _cancelled(raw: RawItem, listing: Listing, fact: dict[str, Any]) -> tuple[bool, str]:
    day = fact["date"]
    on_day = [o for o in listing.occurrences if _local_day(o.start) == day]
    statuses = [o.status for o in on_day]
    if fact["scope"] == "event" and listing.status == "cancelled":
        return True, "listing cancelled"
    if any(s == "cancelled" for s in statuses):
        return True, "occurrence cancelled"
    if fact["scope"] == "occurrence" and not on_day and day in _exdate_days(raw, listing):
        return True, "occurrence removed (EXDATE)"
    return False, f"status={listing.status} occurrences on {day}: {statuses}"


def walk(entries: list[dict[str, Any]] | None = None) -> Tally:
    tally = Tally()
    for entry in entries if entries is not None else load_manifest():
        run = run_file(entry)
        tally.tracebacks.extend(run.tracebacks)
        for fact in entry["facts"]:
            try:
                ok, detail = check_fact(run, fact)
            except Exception:  # noqa: BLE001
                tally.tracebacks.append(f"{entry['file']}: checking {fact}\n"
                                        f"{traceback.format_exc()}")
                ok, detail = False, "checker raised"
            tally.outcomes.append(FactOutcome(entry["file"], entry["split"], fact, ok, detail))
    return tally


def describe(outcome: FactOutcome) -> str:
    fact = {k: v for k, v in outcome.fact.items() if k != "note"}
    return f"[{outcome.split}] {outcome.file}: {json.dumps(fact, ensure_ascii=False)} -> " \
           f"{outcome.detail}"
