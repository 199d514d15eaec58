"""The published snapshot, read-only, without Streamlit: one connection per snapshot file,
reopened when a publish os.replace()s it (the dashboard's pages and the calendar feed server
both read through this), and the clock edge they search at."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb

from dashboard import queries


@dataclass(frozen=True)
class Snapshot:
    path: Path
    identity: tuple[int, int]
    con: duckdb.DuckDBPyConnection


class ConnectionHolder:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.Lock()
        self.identity: tuple[int, int] | None = None
        self.con: duckdb.DuckDBPyConnection | None = None

    def current(self) -> Snapshot | None:
        identity = queries.snapshot_identity(self.path)
        if identity is None:
            return None
        with self.lock:
            if identity != self.identity or self.con is None:
                # The old connection is not closed: another session may still be reading through
                # a cursor on it; it keeps the replaced file's inode alive until collected.
                self.con = queries.open_snapshot(self.path)
                self.identity = identity
            return Snapshot(self.path, identity, self.con)


def reference_time(resolution: timedelta = timedelta(minutes=1)) -> datetime:
    """Now, truncated to `resolution` (so results cache), or the fixed PEERMAP_AS_OF."""
    fixed = os.environ.get("PEERMAP_AS_OF")
    if fixed:
        value = datetime.fromisoformat(fixed)
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    now = datetime.now(UTC)
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    return epoch + ((now - epoch) // resolution) * resolution
