"""Versioned schema: `migrations/NNNN_name.sql` files applied in order, recorded in schema_version.

Opening an older store applies only the migrations it has not seen yet, each in its own
transaction, so a failed migration leaves the store at the previous version.
"""

from __future__ import annotations

import re
from importlib import resources
from typing import NamedTuple

import duckdb

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class Migration(NamedTuple):
    version: int
    name: str
    sql: str


def migrations() -> list[Migration]:
    """Every migration shipped with the package, in version order."""
    folder = resources.files("pipelines.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort()
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations must be numbered 0001.. without gaps, found {versions}")
    return found


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_version "
        "(version INTEGER PRIMARY KEY, name VARCHAR)"
    )
    rows = con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchall()
    return int(rows[0][0])


def migrate(con: duckdb.DuckDBPyConnection, upto: int | None = None) -> int:
    """Apply pending migrations (up to `upto`, default all); return the resulting version."""
    version = current_version(con)
    for migration in migrations():
        if migration.version <= version or (upto is not None and migration.version > upto):
            continue
        con.begin()
        try:
            con.execute(migration.sql)
            con.execute(
                "INSERT INTO schema_version (version, name) VALUES (?, ?)",
                [migration.version, migration.name],
            )
            con.commit()
        except Exception:
            con.rollback()
            raise
        version = migration.version
    return version
