"""Cross-source duplicate detection (pure): the same event listed by two sources becomes one listing.

Two dated records match when their starts are within ±15 minutes, they are in the same city (or
both online), their titles say the same thing once generic words ("consultation", "group",
"monthly", ...) are set aside, and their organizers do not contradict each other. Standing offers
(no start) match on organizer/name + city. `DedupIndex` blocks candidates by start date or by city,
so a lookup touches only a few records even with 100k listings.

`python -m tools.dedup_quality` measures precision/recall on tests/data/dedup_eval.jsonl and writes
docs/quality-dedup.md.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from rapidfuzz import fuzz

from spiders.common.dates import parse_iso

START_TOLERANCE = timedelta(minutes=15)
TITLE_MIN = 80.0  # distinctive-title similarity needed on its own
TITLE_MIN_SAME_ORGANIZER = 60.0  # ... when the organizers agree
ORGANIZER_SAME = 85.0
ORGANIZER_CONFLICT = 55.0  # below this, two named organizers are different people
STANDING_TITLE_MIN = 90.0

# Words that say what kind of thing an event is, not which one it is.
_GENERIC = """
    a an the of for and or with in on at to by our your
    consultation consultations consult consulting group groups peer peers monthly weekly
    biweekly quarterly meeting meetings meetup session sessions supervision supervisory clinical
    virtual online zoom free ce ceu ceus series call calls circle gathering night lunch
    hour chapter event events
"""
GENERIC_WORDS = frozenset(_GENERIC.split())
_ABBREVIATIONS = {"st": "saint", "ft": "fort", "mt": "mount", "&": "and", "+": "and"}
_NON_WORD = re.compile(r"[^0-9a-z&+]+")


def normalize_text(text: str | None) -> str:
    """Casefold, strip accents and punctuation, expand a few abbreviations, collapse spaces."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    words = _NON_WORD.sub(" ", plain.replace("&", " & ").replace("+", " + ")).split()
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)


def distinctive_words(title: str) -> str:
    words = normalize_text(title).split()
    kept = [w for w in words if w not in GENERIC_WORDS and w != "and"]
    return " ".join(kept)


def parse_start(value: str | None) -> datetime | date | None:
    """ISO 8601 datetime (with or without offset) or date; None when absent or unreadable."""
    return parse_iso(value)


@dataclass(frozen=True)
class DedupRecord:
    id: str
    source_ids: frozenset[str]
    title: str
    organizer: str  # normalized
    start: datetime | date | None
    city: str  # normalized
    online: bool
    in_person: bool

    @property
    def block_keys(self) -> list[tuple[str, str]]:
        """Keys under which the record is filed (one per day its start could fall on)."""
        if self.start is None:
            return [("standing", self.city or ("online" if self.online else ""))]
        day = self.start.date() if isinstance(self.start, datetime) else self.start
        return [("day", day.isoformat())]

    @property
    def probe_keys(self) -> list[tuple[str, str]]:
        """Keys to look under for possible duplicates (±1 day covers the 15-min tolerance)."""
        if self.start is None:
            return self.block_keys
        day = self.start.date() if isinstance(self.start, datetime) else self.start
        return [("day", (day + timedelta(days=d)).isoformat()) for d in (-1, 0, 1)]


def record_from_fields(data: Mapping[str, Any], record_id: str | None = None) -> DedupRecord:
    """Build a record from a Listing-shaped mapping (Listing.to_dict(), a store row, a JSON pair)."""
    mode = data.get("attendance_mode") or "unknown"
    city = normalize_text(data.get("city"))
    online = mode == "online" or (mode == "unknown" and not city and bool(data.get("online_url")))
    sources = data.get("source_ids") or [data.get("source_id") or ""]
    return DedupRecord(
        id=record_id or str(data.get("id") or ""),
        source_ids=frozenset(s for s in sources if s),
        title=data.get("title") or "",
        organizer=normalize_text(data.get("organizer")),
        start=parse_start(data.get("start")),
        city=city,
        online=online,
        in_person=mode == "in_person",
    )


def title_similarity(a: str, b: str) -> float:
    """0-100: how much the titles agree on what makes them distinctive."""
    da, db = distinctive_words(a), distinctive_words(b)
    if da and db:
        return fuzz.token_set_ratio(da, db)
    return fuzz.token_sort_ratio(normalize_text(a), normalize_text(b))


def organizer_similarity(a: str, b: str) -> float | None:
    """0-100 for two named organizers, None when either is unknown."""
    if not a or not b:
        return None
    return fuzz.token_set_ratio(a, b)


def _same_start(a: datetime | date, b: datetime | date) -> bool:
    if isinstance(a, datetime) != isinstance(b, datetime):
        return False  # an all-day entry and a timed one are different events
    if isinstance(a, datetime) and isinstance(b, datetime):
        if (a.tzinfo is None) != (b.tzinfo is None):
            a, b = a.replace(tzinfo=None), b.replace(tzinfo=None)
        return abs(a - b) <= START_TOLERANCE
    return a == b


def _place(a: DedupRecord, b: DedupRecord) -> str:
    """'same', 'different' or 'unknown'."""
    if a.online and b.online:
        return "same"
    if (a.online and b.in_person) or (b.online and a.in_person):
        return "different"
    if a.city and b.city:
        same = a.city == b.city or fuzz.ratio(a.city, b.city) >= 92
        return "same" if same else "different"
    return "unknown"


def match_score(a: DedupRecord, b: DedupRecord) -> float:
    """0 when `a` and `b` are not the same event; otherwise a confidence above 0 (higher = surer)."""
    if (a.start is None) != (b.start is None):
        return 0.0
    if a.start is not None and b.start is not None and not _same_start(a.start, b.start):
        return 0.0
    place = _place(a, b)
    if place == "different":
        return 0.0
    org = organizer_similarity(a.organizer, b.organizer)
    if org is not None and org < ORGANIZER_CONFLICT:
        return 0.0
    same_org = org is not None and org >= ORGANIZER_SAME
    title = title_similarity(a.title, b.title)
    if a.start is None:  # standing offers: who + where (a supervisor's offer is the person)
        if place != "same":
            return 0.0
        ok = same_org or title >= STANDING_TITLE_MIN
    else:
        needed = TITLE_MIN_SAME_ORGANIZER if same_org else TITLE_MIN
        if place == "unknown":
            needed = max(needed, STANDING_TITLE_MIN)
        ok = title >= needed
    return title + (10.0 if same_org else 0.0) if ok else 0.0


def is_duplicate(a: DedupRecord, b: DedupRecord) -> bool:
    return match_score(a, b) > 0


class DedupIndex:
    """Records filed by block key; `find` returns the best duplicate from another source."""

    def __init__(self, records: Iterable[DedupRecord] = ()) -> None:
        self._blocks: dict[tuple[str, str], list[DedupRecord]] = defaultdict(list)
        for record in records:
            self.add(record)

    def add(self, record: DedupRecord) -> None:
        for key in record.block_keys:
            self._blocks[key].append(record)

    def candidates(self, record: DedupRecord) -> Iterable[DedupRecord]:
        for key in record.probe_keys:
            yield from self._blocks.get(key, ())

    def find(
        self, record: DedupRecord, skip: Callable[[str], bool] | None = None
    ) -> str | None:
        best_id, best = None, 0.0
        for other in self.candidates(record):
            if other.id == record.id or other.source_ids & record.source_ids:
                continue  # one source never lists the same event twice on purpose
            if skip is not None and skip(other.id):
                continue
            score = match_score(record, other)
            if score > best:
                best_id, best = other.id, score
        return best_id


def cluster(records: Iterable[DedupRecord]) -> dict[str, str]:
    """Map every record id to the id of the first record (in input order) it duplicates."""
    index = DedupIndex()
    canonical: dict[str, str] = {}
    for record in records:
        match = index.find(record)
        if match is None:
            canonical[record.id] = record.id
            index.add(record)
        else:
            canonical[record.id] = canonical[match]
    return canonical
