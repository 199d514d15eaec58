"""The source registry: `sources.toml`, one `[[source]]` table per public source.

Operators edit it by hand or with `peermap sources add`. A malformed entry is a `RegistryError`
that names the entry and the field, never a traceback.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pipelines.core.registry_schema import DEFAULT_SCHEDULE, SettingsSchema, SourceSchema, one_line
from spiders.common.address_policy import is_private, literal_address

FETCHED_FORMATS = ("ics", "tribe", "jsonld", "roster")  # parsed by spiders/formats
LOCAL_FORMATS = ("submissions",)  # read from the local submission store, never fetched
FORMATS = (*FETCHED_FORMATS, *LOCAL_FORMATS)
SITE_PREFIX = "site:"  # `format = "site:<name>"`: the parser in spiders/sites/<name>.py
_SITE_NAME = re.compile(r"^[a-z0-9_]+$")
ROSTER_FIELDS = (
    "name", "credential", "license_type", "supervisor_designation", "city", "state", "zip",
    "modality", "fee", "sliding_scale", "telehealth", "accepting", "email", "phone", "website",
    "address", "languages", "notes",
)
_VAR = re.compile(r"\{(\w+)\}")


class RegistryError(ValueError):
    """sources.toml cannot be used as it is; the message names the entry and the field."""


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    url: str
    format: str
    timezone: str | None = None
    region: str | None = None
    terms: str = ""
    attribution: str = ""
    enabled: bool = True
    schedule: str = DEFAULT_SCHEDULE
    precision_cap: str | None = None
    max_pages: int = 50
    timeout_s: float = 60.0
    max_bytes: int = 20 * 1024 * 1024
    follow_links: bool = True
    columns: dict[str, str] = field(default_factory=dict)
    # The source's page for people (the feed `url` is often a raw .ics/.csv): cards link here
    # when a listing has no page of its own.
    homepage: str | None = None
    allow_private: bool = False  # loopback/private/link-local targets: demo and tests only


@dataclass(frozen=True)
class Settings:
    contact_url: str = "https://github.com/peermap/peermap"
    user_agent: str = "PeerMap/0.1 (+{contact_url}; peer consultation finder)"
    horizon_days: int = 90
    grace_days: int = 14
    concurrency: int = 4
    download_delay: float = 1.0
    source_retries: int = 1  # whole-source retries after a failed crawl (requests retry too)
    retry_delay_s: float = 10.0  # first whole-source retry delay; then x4
    submission_ttl_days: int = 120  # an organizer's listing expires unless re-confirmed
    parse_workers: int = 0  # parse worker processes; 0: one per core
    parse_cpu_s: int = 30  # CPU seconds one document's parse may take
    parse_memory_mb: int = 1024  # address space of one parse worker

    @property
    def user_agent_string(self) -> str:
        return self.user_agent.format(contact_url=self.contact_url)


@dataclass(frozen=True)
class Registry:
    path: Path | None
    settings: Settings
    sources: tuple[Source, ...]
    geocode: dict[str, Any] = field(default_factory=dict)  # [geocode]: online backends, opt-in

    def enabled(self) -> list[Source]:
        return [s for s in self.sources if s.enabled]

    def get(self, source_id: str) -> Source:
        for source in self.sources:
            if source.id == source_id:
                return source
        raise RegistryError(f"no source with id {source_id!r} in {self.path}")


def load_registry(path: str | Path, variables: dict[str, str] | None = None) -> Registry:
    """Read and validate `sources.toml`.

    `{name}` placeholders in URLs are filled from `[vars]`, then from environment variables
    `PEERMAP_VAR_<NAME>`, then from `variables` (highest priority).
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise RegistryError(f"source registry not found: {path}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"{path}: not valid TOML: {exc}") from exc
    return parse_registry(data, path=path, variables=variables)


def parse_registry(
    data: dict[str, Any], path: Path | None = None, variables: dict[str, str] | None = None
) -> Registry:
    env_vars = {
        k.removeprefix("PEERMAP_VAR_").lower(): v
        for k, v in os.environ.items() if k.startswith("PEERMAP_VAR_")
    }
    values = {**{k: str(v) for k, v in data.get("vars", {}).items()}, **env_vars,
              **(variables or {})}
    settings = _parse_settings(data.get("settings", {}), path)
    entries = data.get("source", [])
    if not isinstance(entries, list):
        raise RegistryError(f"{path}: use [[source]] tables for sources")
    sources: list[Source] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries, start=1):
        source = parse_source(entry, label=f"{path}: source #{index}", variables=values)
        if source.id in seen:
            raise RegistryError(f"{path}: source #{index}: duplicate id {source.id!r}")
        seen.add(source.id)
        sources.append(source)
    geocode = data.get("geocode", {})
    if not isinstance(geocode, dict):
        raise RegistryError(f"{path}: [geocode] must be a table")
    unknown_tables = set(data) - {"vars", "settings", "source", "geocode"}
    if unknown_tables:
        raise RegistryError(f"{path}: unknown top-level keys {sorted(unknown_tables)}")
    return Registry(path=path, settings=settings, sources=tuple(sources), geocode=geocode)


def _parse_settings(raw: Any, path: Path | None) -> Settings:
    if not isinstance(raw, dict):
        raise RegistryError(f"{path}: [settings] must be a table")
    try:
        checked = SettingsSchema.model_validate(raw)
    except ValidationError as exc:
        raise RegistryError(one_line(exc, f"{path}: [settings]")) from None
    return Settings(**checked.model_dump())


def parse_source(entry: Any, label: str = "source", variables: dict[str, str] | None = None) -> Source:
    if not isinstance(entry, dict):
        raise RegistryError(f"{label}: expected a table")
    sid = entry.get("id")
    where = f"{label} ({sid!r})" if sid else label
    for key in ("url", "homepage"):  # both may name the host through {vars}
        if isinstance(value := entry.get(key), str):
            entry = {**entry, key: _fill(value, variables or {}, where, key)}
    try:
        checked = SourceSchema.model_validate(entry)
    except ValidationError as exc:
        raise RegistryError(one_line(exc, where)) from None
    _check_format(checked.format, where)
    bad_cols = set(checked.columns) - set(ROSTER_FIELDS)
    if bad_cols:
        raise RegistryError(f"{where}: unknown roster fields {sorted(bad_cols)}; use {ROSTER_FIELDS}")
    address = literal_address(checked.url)
    fetched = checked.format not in LOCAL_FORMATS  # a local store is read, never fetched
    if fetched and address is not None and is_private(address) and not checked.allow_private:
        raise RegistryError(
            f"{where}: 'url' points at {address}, a private/loopback/link-local address; "
            "set allow_private = true only for a local demo or test source")
    return Source(**checked.model_dump())


def _check_format(fmt: str, where: str) -> None:
    if fmt in FORMATS:
        return
    if not fmt.startswith(SITE_PREFIX):
        raise RegistryError(
            f"{where}: 'format' must be one of {FORMATS} or 'site:<name>', not {fmt!r}")
    name = fmt.removeprefix(SITE_PREFIX)
    if not _SITE_NAME.match(name):
        raise RegistryError(
            f"{where}: 'format' {fmt!r}: the site name must be lowercase a-z, 0-9 and '_'")
    # Imported here, not at the top: the parsers are only needed to check site formats, and
    # spiders.formats must never need this module (no import cycle either way).
    from spiders.formats.registry import PARSERS

    if fmt not in PARSERS:
        known = sorted(k for k in PARSERS if k.startswith(SITE_PREFIX)) or "none"
        raise RegistryError(
            f"{where}: 'format' {fmt!r}: no site parser {name!r}; add spiders/sites/{name}.py "
            f"with parse(body, ctx) and register it in spiders/sites/__init__.py (known: {known})")


def _fill(url: str, variables: dict[str, str], where: str, key: str = "url") -> str:
    def sub(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in variables:
            raise RegistryError(f"{where}: {key} uses {{{name}}} but no [vars] {name} is set")
        return variables[name].rstrip("/")
    return _VAR.sub(sub, url)
