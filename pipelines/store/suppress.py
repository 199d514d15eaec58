"""Opt-out rules (pure): does a listing match a suppression by id, organizer, email, domain or URL?"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fnmatch import fnmatchcase
from typing import Any
from urllib.parse import urlsplit

from pipelines.dedup.rules import normalize_text

SUPPRESSION_KINDS = ("listing_id", "organizer", "email", "domain", "url_pattern")
URL_FIELDS = ("url", "source_url", "contact_url", "online_url")
MATCH_COLUMNS = ("id", "organizer", "contact_email") + URL_FIELDS


class SuppressionError(ValueError):
    pass


def normalize_rule(kind: str, value: str) -> str:
    if kind not in SUPPRESSION_KINDS:
        raise SuppressionError(f"suppression kind must be one of {SUPPRESSION_KINDS}, not {kind!r}")
    value = value.strip()
    if not value:
        raise SuppressionError("suppression value is empty")
    if kind == "organizer":
        return normalize_text(value)
    if kind in ("email", "url_pattern"):
        return value.casefold()
    if kind == "domain":
        host = value.casefold().lstrip("@")
        host = urlsplit(host).hostname or host if "://" in host else host
        return host.removeprefix("www.").rstrip(".")
    return value


def _hosts(row: Mapping[str, Any]) -> set[str]:
    hosts = set()
    for name in URL_FIELDS:
        try:
            host = urlsplit(row.get(name) or "").hostname
        except ValueError:
            host = None
        if host:
            hosts.add(host.casefold())
    email = row.get("contact_email") or ""
    if "@" in email:
        hosts.add(email.rsplit("@", 1)[1].casefold())
    return hosts


def matches(kind: str, value: str, row: Mapping[str, Any]) -> bool:
    """`value` as stored (already normalized by `normalize_rule`)."""
    if kind == "listing_id":
        return row.get("id") == value
    if kind == "organizer":
        return bool(row.get("organizer")) and normalize_text(row.get("organizer")) == value
    if kind == "email":
        return (row.get("contact_email") or "").strip().casefold() == value
    if kind == "domain":
        return any(h == value or h.endswith("." + value) for h in _hosts(row))
    if kind == "url_pattern":
        pattern = value if any(c in value for c in "*?[") else value + "*"
        return any(fnmatchcase((row.get(f) or "").casefold(), pattern) for f in URL_FIELDS
                   if row.get(f))
    return False


def is_suppressed(row: Mapping[str, Any], rules: Iterable[tuple[str, str]]) -> bool:
    return any(matches(kind, value, row) for kind, value in rules)
