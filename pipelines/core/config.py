"""Run-time configuration at the edge: data directory, reference time, offline-safe Prefect.

Everything below the CLI/flow edge receives these values explicitly; nothing else reads the
environment or the clock.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

DEFAULT_DATA_DIR = "./var"
DEFAULT_REGISTRY = "sources.toml"


class ConfigError(ValueError):
    """A configuration value that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Paths:
    data_dir: Path

    @property
    def store(self) -> Path:
        return self.data_dir / "store.duckdb"

    @property
    def published(self) -> Path:
        return self.data_dir / "published" / "peermap.duckdb"

    @property
    def submissions(self) -> Path:
        """Organizers' suggestions (SQLite, WAL): the one file the dashboard writes."""
        return self.data_dir / "submissions.sqlite3"

    @property
    def exports(self) -> Path:
        return self.data_dir / "exports"

    @property
    def raw(self) -> Path:
        return self.data_dir / "raw"

    @property
    def ingest_cache(self) -> Path:
        """Normalized, classified listing parts by raw-item hash (pipelines/ingest/reuse.py)."""
        return self.data_dir / "ingestcache"

    @property
    def prefect_home(self) -> Path:
        return self.data_dir / "prefect"

    def ensure(self) -> Paths:
        for folder in (self.data_dir, self.published.parent, self.exports, self.raw):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def resolve_data_dir(value: str | os.PathLike[str] | None = None) -> Paths:
    raw = value or os.environ.get("PEERMAP_DATA_DIR") or DEFAULT_DATA_DIR
    return Paths(Path(raw).expanduser().resolve())


def resolve_registry(value: str | os.PathLike[str] | None = None) -> Path:
    return Path(value or os.environ.get("PEERMAP_SOURCES") or DEFAULT_REGISTRY)


def parse_as_of(text: str) -> datetime:
    """An ISO 8601 instant; a naive value is taken as UTC, a bare date as its UTC midnight."""
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError as exc:
        raise ConfigError(f"--as-of {text!r} is not an ISO 8601 date or time") from exc
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def resolve_as_of(value: str | None = None) -> datetime:
    """The run's reference time: --as-of, else PEERMAP_AS_OF, else now (the only clock read)."""
    text = value or os.environ.get("PEERMAP_AS_OF")
    return parse_as_of(text) if text else datetime.now(UTC).replace(microsecond=0)


def prefect_offline_env(paths: Paths) -> dict[str, str]:
    """Prefect settings that keep it local and quiet: home inside the data dir, no telemetry."""
    return {
        "PREFECT_HOME": str(paths.prefect_home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",  # the cross-tool opt-out Prefect also honours
        "PREFECT_TELEMETRY_ENABLE_RESOURCE_METRICS": "false",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
        "PREFECT_LOGGING_LEVEL": os.environ.get("PREFECT_LOGGING_LEVEL", "WARNING"),
        "PREFECT_UI_ENABLED": os.environ.get("PREFECT_UI_ENABLED", "true"),
    }


def apply_prefect_offline_env(paths: Paths) -> None:
    """Set offline defaults unless the operator already configured them (e.g. PREFECT_API_URL)."""
    for key, value in prefect_offline_env(paths).items():
        os.environ.setdefault(key, value)
    paths.prefect_home.mkdir(parents=True, exist_ok=True)
