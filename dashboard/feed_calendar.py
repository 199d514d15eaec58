"""What the calendar feed answers to one request: `GET /calendar.ics?<share-link parameters>`.

The search is the page's own (dashboard/page_search.py: same parsing, place gate, zone, lists
and withdrawn suggestions) and the calendar the "Add all to calendar" code
(dashboard/ics_calendar.py -> pipelines/export/ics_series.py). A response is a function of the
snapshot file, the search, the removed suggestions and the hour it is asked at; its ETag is a
digest of exactly those, so a poll of an unchanged feed is a 304 without running the search.
No HTTP here (dashboard/feed.py serves it), so every answer can be tested without a socket.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import duckdb

from dashboard import page_search, queries
from dashboard.ics_calendar import frame_to_ics
from dashboard.search_state import Search, from_query_params, to_query_params
from dashboard.snapshot_reader import ConnectionHolder, Snapshot, reference_time
from dashboard.where import Origin, PlaceAnswer, resolve_place
from pipelines.core.config import resolve_data_dir
from pipelines.submissions.store import removed_ids

log = logging.getLogger("peermap.feed")

FEED_PATH = "/calendar.ics"
LISTING_CAP = 500  # listings in one feed, at most (each recurring one is a single VEVENT)
MAX_QUERY_CHARS = 2048
MAX_FIELDS = 64
AS_OF_RESOLUTION = timedelta(hours=1)  # the feed's clock edge: its body changes at most hourly
REFRESH = timedelta(hours=6)  # what subscribing apps are asked to poll at
CAP_HEADER = "X-PeerMap-Listing-Cap"
LISTED_HEADER = "X-PeerMap-Listings"
MATCHED_HEADER = "X-PeerMap-Listings-Matched"
CALENDAR_TYPE = "text/calendar; charset=utf-8"
TEXT_TYPE = "text/plain; charset=utf-8"
NOT_FOUND = f"not found: this server answers only GET {FEED_PATH}?<search parameters>"

Headers = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    headers: Headers = ()


def text_answer(status: int, message: str, extra: Headers = ()) -> Answer:
    """A one-line plain-text answer (errors): never HTML, never cached."""
    return Answer(status, (message.splitlines()[0] if message else "").encode() + b"\n",
                  (("Content-Type", TEXT_TYPE), ("Cache-Control", "no-store"), *extra))


def not_modified(headers: Mapping[str, str], etag: str, last_modified: datetime) -> bool:
    """RFC 9110 13.1: If-None-Match wins over If-Modified-Since when both are sent."""
    if (tags := headers.get("If-None-Match")) is not None:
        sent = {t.strip().removeprefix("W/") for t in tags.split(",")}
        return "*" in sent or etag in sent
    if since := headers.get("If-Modified-Since"):
        try:
            when = parsedate_to_datetime(since)
        except (TypeError, ValueError, IndexError):
            return False
        when = when if when.tzinfo else when.replace(tzinfo=UTC)
        return last_modified <= when
    return False


def calendar_name(search: Search, origin: Origin | None) -> str:
    where = f"within {search.radius} mi of {origin.label}" if origin else "all places"
    what = ", ".join(k.replace("_", " ") for k in search.kinds) or "all listings"
    words = f" matching “{search.q}”" if search.q else ""
    return f"PeerMap: {what}{words}, {where}"


def calendar_description(listed: int, matched: int, published_at: str) -> str:
    head = (f"The PeerMap search behind this link, as published {published_at}: "
            f"{listed} listings with their meeting dates")
    if matched > listed:
        return (f"{head} — only the first {listed} of the {matched} the search lists (a feed "
                f"holds at most {LISTING_CAP} listings): narrow the search to see the rest.")
    return f"{head} (a feed holds at most {LISTING_CAP} listings)."


def etag_for(snapshot: Snapshot, search: Search, as_of: datetime,
             removed: frozenset[int]) -> str:
    key = repr((snapshot.identity, search.cache_key(), as_of.isoformat(), sorted(removed)))
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'


def last_modified_for(snapshot: Snapshot, as_of: datetime) -> datetime:
    published = datetime.fromtimestamp(snapshot.identity[1] / 1e9, UTC)
    return max(published, as_of).replace(microsecond=0)


class FeedSource:
    """The feed over one data folder: the published snapshot (reopened when replaced), the
    submission store's removals, the clock, and the place resolver (cached)."""

    def __init__(self, data_dir: str | Path | None = None,
                 resolve: Callable[[str], PlaceAnswer] = resolve_place,
                 clock: Callable[[timedelta], datetime] = reference_time) -> None:
        paths = resolve_data_dir(data_dir)
        self.holder = ConnectionHolder(queries.snapshot_path(paths.data_dir))
        self.submissions = paths.submissions
        self.clock = clock
        self.resolve = lru_cache(maxsize=512)(resolve)

    def answer(self, target: str, headers: Mapping[str, str]) -> Answer:
        parts = urlsplit(target)
        if parts.path != FEED_PATH:
            return text_answer(404, NOT_FOUND)
        if len(parts.query) > MAX_QUERY_CHARS:
            return text_answer(414, f"the search parameters are longer than "
                                    f"{MAX_QUERY_CHARS} characters")
        try:
            params = parse_qs(parts.query, keep_blank_values=True, max_num_fields=MAX_FIELDS)
        except ValueError:
            return text_answer(400, f"more than {MAX_FIELDS} search parameters")
        search = from_query_params(params)  # invalid values fall back to defaults, as on the page
        try:
            snapshot = self.holder.current()
        except duckdb.Error as exc:
            return self._unreadable(exc)
        if snapshot is None:
            return text_answer(503, "no data published yet; try again later",
                               (("Retry-After", "3600"),))
        answer = self.resolve(search.where)
        if (problem := page_search.place_problem(search, answer)) is not None:
            return text_answer(400, problem)
        try:
            return self._calendar(snapshot, page_search.zoned(search, answer.origin),
                                  answer.origin, headers)
        except duckdb.Error as exc:
            return self._unreadable(exc)

    def _calendar(self, snapshot: Snapshot, search: Search, origin: Origin | None,
                  headers: Mapping[str, str]) -> Answer:
        as_of = self.clock(AS_OF_RESOLUTION)
        removed = removed_ids(self.submissions)
        etag = etag_for(snapshot, search, as_of, removed)
        modified = last_modified_for(snapshot, as_of)
        validators: Headers = (("ETag", etag),
                               ("Last-Modified", format_datetime(modified, usegmt=True)),
                               ("Cache-Control", f"max-age={int(REFRESH.total_seconds())}"))
        if not_modified(headers, etag, modified):
            return Answer(304, b"", validators)
        results = page_search.run(snapshot.con, search, origin, as_of, removed)
        listed = page_search.shown_frame(results, search)
        feed = listed.head(LISTING_CAP)
        published_at = queries.load_meta(snapshot.con).get("published_at", "at an unknown time")
        body = frame_to_ics(feed, results.calendar, as_of, name=calendar_name(search, origin),
                            description=calendar_description(len(feed), len(listed),
                                                             published_at),
                            refresh=REFRESH, empty_ok=True)
        return Answer(200, body or b"", (  # empty_ok: always a calendar
            ("Content-Type", CALENDAR_TYPE),
            ("Content-Disposition", 'inline; filename="peermap-search.ics"'),
            *validators, (CAP_HEADER, str(LISTING_CAP)), (LISTED_HEADER, str(len(feed))),
            (MATCHED_HEADER, str(len(listed)))))

    def _unreadable(self, exc: Exception) -> Answer:
        log.error("published snapshot %s is unreadable: %s: %s", self.holder.path,
                  type(exc).__name__, str(exc).splitlines()[0] if str(exc) else "")
        return text_answer(503, "the published data is being refreshed or is unreadable; "
                                "try again in a few minutes", (("Retry-After", "300"),))


def subscribe_urls(base_url: str, search: Search) -> tuple[str, str] | None:
    """(http(s) URL, webcal:// URL) of this search's feed on the server at `base_url`, or None
    when base_url is not an http(s) address (a misconfigured PEERMAP_FEED_URL)."""
    base = base_url.strip().rstrip("/")
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    query = urlencode(to_query_params(search))
    url = f"{base}{FEED_PATH}" + (f"?{query}" if query else "")
    return url, "webcal" + url[len(parts.scheme):]
