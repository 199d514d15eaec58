"""Normalize and classify once per content: the as_of-free part of each listing kept by a hash
of its raw item (occurrences excluded) and the source's defaults, one file per source.

An unchanged document (304 or same body) yields the same raw items, so a re-run reuses their
`listing_base` and redoes only `dated_listing` (occurrences for the new as_of, next dates). The
file holds only the entries the last run used, so it does not grow with history. Entries are
zlib-compressed JSON (no pickle); an unreadable file costs a full ingest, nothing else.
"""

from __future__ import annotations

import hashlib
import json
import os
import zlib
from datetime import datetime
from pathlib import Path
from typing import Any

from pipelines.core.model import Listing
from pipelines.ingest.listing import dated_listing, item_error, listing_base, raw_to_listing
from pipelines.ingest.submitted import FORMAT
from spiders.common.code_version import code_fingerprint
from spiders.items import RawItem

# The cache format's version, then the code of the rules listing_base applies: editing any
# normalize/classify/ingest rule keys every old entry out.
INGEST_VERSION = "1-" + code_fingerprint("pipelines.core.model", "pipelines.normalize",
                                         "pipelines.classify", "pipelines.ingest", "spiders.common")


def base_key(raw: dict[str, Any], default_timezone: str | None,
             default_region: str | None) -> str:
    """Hash of the raw item without its occurrences (they depend on as_of) plus the defaults."""
    payload = {k: v for k, v in raw.items() if k != "occurrences"}
    text = json.dumps([INGEST_VERSION, default_timezone, default_region, payload],
                      sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def reusable(raw: dict[str, Any]) -> bool:
    return raw.get("format") != FORMAT  # submissions carry stated fields applied late


class BaseCache:
    """One source's stored bases: `get` on a hit, `put` on a miss, `save` after the run."""

    def __init__(self, folder: Path | None, source_id: str) -> None:
        name = hashlib.blake2b(source_id.encode(), digest_size=12).hexdigest()
        self.path = folder / f"{name}.json.z" if folder is not None else None
        self._stored: dict[str, dict[str, Any]] = self._read()
        self._used: dict[str, dict[str, Any]] = {}
        self.hits = 0

    def _read(self) -> dict[str, dict[str, Any]]:
        if self.path is None:
            return {}
        try:
            data = json.loads(zlib.decompress(self.path.read_bytes()))
        except (OSError, ValueError, zlib.error):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, key: str) -> Listing | None:
        data = self._stored.get(key)
        if data is None:
            return None
        try:
            listing = Listing.from_dict(data)
        except (TypeError, ValueError):
            return None
        self._used[key] = data
        self.hits += 1
        return listing

    def put(self, key: str, listing: Listing) -> None:
        self._used[key] = listing.to_dict()

    def save(self) -> None:
        if self.path is None or self._used.keys() == self._stored.keys():
            return
        payload = json.dumps(self._used, ensure_ascii=False, default=str).encode()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(zlib.compress(payload, 1))
            os.replace(tmp, self.path)
        except OSError:
            pass  # a full or read-only disk costs a full ingest next time


def ingest_items(raws: list[RawItem], dicts: list[dict[str, Any]], cache: BaseCache, *,
                 as_of: datetime, horizon_days: int, default_timezone: str | None,
                 default_region: str | None) -> tuple[list[Listing], list[str]]:
    """`raw_items_to_listings` with each item's as_of-free part taken from `cache` when its
    raw item (`dicts`, the same items as dicts) was seen before; the output is the same."""
    listings: list[Listing] = []
    errors: list[str] = []
    for index, (raw, data) in enumerate(zip(raws, dicts, strict=True)):
        try:
            if as_of.tzinfo is None:
                raise ValueError("as_of must be timezone-aware")
            if not reusable(data):
                listings.append(raw_to_listing(
                    raw, as_of=as_of, horizon_days=horizon_days,
                    default_timezone=default_timezone, default_region=default_region,
                    notes=errors))
                continue
            key = base_key(data, default_timezone, default_region)
            base = cache.get(key)
            if base is None:
                base = listing_base(raw, default_timezone=default_timezone,
                                    default_region=default_region)
                cache.put(key, base)
            listings.append(dated_listing(base, raw, as_of=as_of, horizon_days=horizon_days,
                                          notes=errors))
        except Exception as exc:  # noqa: BLE001 - one bad item must not stop the batch
            errors.append(item_error(index, raw, exc))
    return listings, errors
