"""One run's listings merged into the stored state, in memory: ids, links, changes, missing.

The store loads what a run can touch, `RunMerge` decides, and the store writes the outcome in
one transaction. Id resolution for a listing from source S with uid U:
  1. the link (S, U) already exists -> its listing;
  2. S rewrote its UID: an unclaimed listing of S whose old uid vanished, with the same normalized
     title and the same start (or, without a start, the same city) -> that listing, relinked;
  3. another source already holds the same event (pipelines.dedup.rules) -> link S to it;
  4. otherwise a new id, deterministic for the first sighting: "pm_" + 12 hex of sha256(S, U).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pipelines.core.model import Listing
from pipelines.core.results import SourceResult, SourceRunSummary
from pipelines.dedup.rules import DedupIndex, normalize_text, record_from_fields
from pipelines.store.rows import COMPARED_FIELDS, is_upcoming, iso, listing_to_row, start_key


@dataclass
class Link:
    listing_id: str
    source_id: str
    source_uid: str
    source_url: str | None
    first_seen: str | None
    last_seen: str | None
    missing_since: str | None = None


@dataclass
class Change:
    listing_id: str
    field: str
    old: str | None
    new: str | None


def new_listing_id(source_id: str, uid: str, taken: set[str]) -> str:
    seed = f"{source_id}\x1f{uid}"
    for attempt in range(1000):
        digest = hashlib.sha256(f"{seed}\x1f{attempt}".encode() if attempt else seed.encode())
        candidate = "pm_" + digest.hexdigest()[:12]
        if candidate not in taken:
            return candidate
    raise RuntimeError("could not find a free listing id")  # 1000 collisions of 48-bit ids


def _title_keys(row: dict[str, Any]) -> list[tuple[str, str]]:
    title = normalize_text(row.get("title"))
    if row.get("start"):
        return [(title, "start:" + (start_key(row["start"]) or ""))]
    return [(title, "city:" + normalize_text(row.get("city")))]


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, sort_keys=True)


class RunMerge:
    def __init__(
        self,
        run_id: str,
        as_of: datetime,
        rows: dict[str, dict[str, Any]],
        links: list[Link],
        index: DedupIndex,
        taken_ids: set[str],
        fetch_row: Callable[[str], dict[str, Any]],
    ) -> None:
        self.run_id, self.as_of, self.now = run_id, as_of, iso(as_of)
        self.rows, self.index, self.taken = rows, index, taken_ids
        self.fetch_row = fetch_row
        self.links: dict[tuple[str, str], Link] = {(k.source_id, k.source_uid): k for k in links}
        self.touched: set[str] = set()
        self.changes: list[Change] = []
        self.ok_sources: set[str] = set()

    # -- per source ---------------------------------------------------------------------------
    def apply(self, result: SourceResult) -> SourceRunSummary:
        sid = result.source.id
        summary = SourceRunSummary(
            source_id=sid, ok=result.ok, fetched=result.fetched, parsed=len(result.listings),
            errors=len(result.errors), error_sample=list(result.errors[:5]),
            duration_s=result.duration_s,
            assumed_utc=sum(item.time_basis == "assumed_utc" for item in result.listings),
        )
        if not result.ok:
            return summary  # a failed fetch proves nothing: keep every listing as it is
        self.ok_sources.add(sid)
        batch_uids = {self._uid(item) for item in result.listings}
        rewrite_pool = self._rewrite_pool(sid, batch_uids)
        seen: set[str] = set()
        for item in result.listings:
            uid = self._uid(item)
            if uid in seen:
                continue  # a feed repeating an entry is one listing
            seen.add(uid)
            outcome = self._place(sid, uid, item, rewrite_pool)
            setattr(summary, outcome, getattr(summary, outcome) + 1)
        for (link_sid, uid), link in self.links.items():
            if link_sid != sid or uid in seen or link.missing_since is not None:
                continue
            row = self.rows.get(link.listing_id) or self._load(link.listing_id)
            if is_upcoming(row, self.as_of):
                link.missing_since = self.now
                summary.missing += 1
                self.touched.add(link.listing_id)
        return summary

    @staticmethod
    def _uid(item: Listing) -> str:
        return item.source_uid or item.id

    def _load(self, listing_id: str) -> dict[str, Any]:
        if listing_id not in self.rows:
            self.rows[listing_id] = self.fetch_row(listing_id)
        return self.rows[listing_id]

    def _rewrite_pool(self, sid: str, batch_uids: set[str]) -> dict[tuple[str, str], list[Link]]:
        pool: dict[tuple[str, str], list[Link]] = defaultdict(list)
        for (link_sid, uid), link in self.links.items():
            if link_sid == sid and uid not in batch_uids:
                for key in _title_keys(self._load(link.listing_id)):
                    pool[key].append(link)
        return pool

    def _place(self, sid: str, uid: str, item: Listing, pool: dict) -> str:
        fresh = listing_to_row(item)
        link = self.links.get((sid, uid))
        if link is None:
            for key in _title_keys(fresh):
                if pool.get(key):
                    old = pool[key].pop(0)
                    del self.links[(sid, old.source_uid)]
                    link = Link(old.listing_id, sid, uid, item.source_url, old.first_seen, None)
                    self.links[(sid, uid)] = link
                    break
        outcome = "unchanged"
        if link is None:
            record = record_from_fields({**fresh, "source_ids": [sid]}, "candidate")
            linked_to = self.index.find(record, skip=lambda lid: (sid, lid) in self._linked())
            if linked_to is not None:
                self._load(linked_to)
                outcome = "linked"
            else:
                linked_to = new_listing_id(sid, uid, self.taken)
                self.taken.add(linked_to)
                self.rows[linked_to] = {**fresh, "id": linked_to, "source_id": sid, "first_seen": self.now,
                                        "last_seen": self.now, "last_changed": self.now,
                                        "missing_since": None, "source_ids": [sid]}
                self.index.add(record_from_fields(self.rows[linked_to]))
                outcome = "new"
            link = Link(linked_to, sid, uid, item.source_url, self.now, None)
            self.links[(sid, uid)] = link
            if self._linked_cache is not None:  # keep the set current: rebuilding it per new
                self._linked_cache.add((sid, linked_to))  # listing made a run quadratic
        link.last_seen, link.missing_since, link.source_url = self.now, None, item.source_url
        row = self._load(link.listing_id)
        self.touched.add(link.listing_id)
        if outcome == "unchanged" and row.get("source_id") == sid and self._update(row, fresh):
            outcome = "updated"
        return outcome

    _linked_cache: set[tuple[str, str]] | None = None

    def _linked(self) -> set[tuple[str, str]]:
        if self._linked_cache is None:
            self._linked_cache = {(k.source_id, k.listing_id) for k in self.links.values()}
        return self._linked_cache

    def _update(self, row: dict[str, Any], fresh: dict[str, Any]) -> bool:
        changed = False
        for name in COMPARED_FIELDS:
            old, new = row.get(name), fresh.get(name)
            if old != new:
                label = "occurrences" if name == "occurrences_json" else name
                self.changes.append(Change(row["id"], label,
                                           old if name == "occurrences_json" else _dump(old),
                                           new if name == "occurrences_json" else _dump(new)))
                row[name] = new
                changed = True
        if changed:
            row["last_changed"] = self.now
        return changed

    # -- after all sources --------------------------------------------------------------------
    def finish(self) -> list[dict[str, Any]]:
        """Roll link state up to the touched listings; return their rows, ready to write."""
        by_listing: dict[str, list[Link]] = defaultdict(list)
        for link in self.links.values():
            if link.listing_id in self.touched:
                by_listing[link.listing_id].append(link)
        out = []
        for listing_id in sorted(self.touched):
            row, links = self.rows[listing_id], by_listing[listing_id]
            seen = [k.last_seen for k in links if k.last_seen]
            row["last_seen"] = max(seen) if seen else row.get("last_seen")
            present = [k for k in links if k.missing_since is None]
            row["missing_since"] = None if present else max(
                (k.missing_since for k in links if k.missing_since), default=None)
            others = sorted({k.source_id for k in links} - {row["source_id"]})
            row["source_ids"] = [row["source_id"], *others]
            out.append(row)
        return out

    def links_of(self, source_ids: set[str]) -> list[Link]:
        return [k for k in self.links.values() if k.source_id in source_ids]
