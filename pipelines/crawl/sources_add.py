"""`peermap sources add URL`: fetch a page once, detect its feeds, append a registry entry."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import tomlkit

from pipelines.core.registry import RegistryError, load_registry, parse_source
from pipelines.crawl.fetch_page import FetchError, fetch_page
from spiders.discover import check_target_allowed, discover

FORMAT_PREFERENCE = ("tribe", "ics", "jsonld", "roster")
PLACEHOLDER_TERMS = "Check the site's terms before publishing; added by `peermap sources add`."


class SourceAddError(ValueError):
    """The URL cannot become a source; the message says why."""


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return (slug or "source")[:50]


def add_source(
    url: str,
    registry_path: Path,
    *,
    source_id: str | None = None,
    name: str | None = None,
    allow_private: bool = False,
    dry_run: bool = False,
    echo: Callable[[str], Any] = print,
    fetch: Callable[[str, str], tuple[bytes, str | None]] | None = None,
    timeout_s: float = 20.0,
) -> dict[str, Any]:
    try:
        check_target_allowed(url, allow_private=allow_private)
    except ValueError as exc:
        raise SourceAddError(str(exc)) from exc
    registry = load_registry(registry_path) if registry_path.exists() else None
    user_agent = registry.settings.user_agent_string if registry else "PeerMap/0.1"
    try:
        if fetch is not None:
            body, ctype = fetch(url, user_agent)
        else:
            body, ctype = fetch_page(url, user_agent, allow_private=allow_private,
                                     timeout_s=timeout_s)
    except FetchError as exc:
        raise SourceAddError(str(exc)) from exc
    found = discover(body, url, ctype)
    if not found:
        raise SourceAddError(f"no calendar feed, events or roster found at {url}")
    for item in found:
        echo(f"found {item.format:<7} {item.url}  ({item.reason})")
    best = min(found, key=lambda f: FORMAT_PREFERENCE.index(f.format)
               if f.format in FORMAT_PREFERENCE else 99)
    try:
        check_target_allowed(best.url, allow_private=allow_private)
    except ValueError as exc:
        raise SourceAddError(f"discovered feed refused: {exc}") from exc
    for known in registry.sources if registry else ():
        if _same_url(known.url, best.url) or _same_url(known.url, url):
            raise SourceAddError(f"{best.url} is already in the registry as source "
                                 f"{known.id!r}; nothing added")
    host = urlparse(best.url).hostname or "source"
    existing = {s.id for s in registry.sources} if registry else set()
    sid = source_id or _unique(_slug(f"{host}-{best.format}"), existing)
    if sid in existing:
        raise SourceAddError(f"a source with id {sid!r} already exists")
    entry = {
        "id": sid,
        "name": name or getattr(best, "title", None) or host,
        "url": best.url,
        "format": best.format,
        "terms": PLACEHOLDER_TERMS,
        # Off until a person has read the site's terms: a new source is never crawled unreviewed.
        "enabled": False,
    }
    if allow_private:
        entry["allow_private"] = True
    try:
        parse_source(entry, label="new source")
    except RegistryError as exc:
        raise SourceAddError(str(exc)) from exc
    if not dry_run:
        _append(registry_path, entry)
    return entry


def next_steps(entry: dict[str, Any], registry_path: Path) -> list[str]:
    """What the operator does before the new (disabled) source is crawled."""
    return [
        f"next: read the site's terms and write them in `terms` of [[source]] id = "
        f"{entry['id']!r} in {registry_path}",
        f"next: try it with `peermap preview {entry['url']} --format {entry['format']}`",
        "next: set `enabled = true` there, then `peermap run --source " + entry["id"] + "`",
    ]


def _same_url(a: str, b: str) -> bool:
    return a.rstrip("/").lower() == b.rstrip("/").lower()


def _unique(base: str, existing: set[str]) -> str:
    candidate, n = base, 2
    while candidate in existing:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _append(path: Path, entry: dict[str, Any]) -> None:
    doc = tomlkit.parse(path.read_text(encoding="utf-8")) if path.exists() else tomlkit.document()
    if "source" not in doc:
        doc["source"] = tomlkit.aot()
    table = tomlkit.table()
    for key, value in entry.items():
        table[key] = value
    doc["source"].append(table)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(tomlkit.dumps(doc), encoding="utf-8")
    try:
        load_registry(tmp)  # never replace a working registry with one that doesn't load
    except RegistryError:
        tmp.unlink()
        raise
    tmp.replace(path)
