"""Recorded outcomes of the reliability suite: one JSON file per observation.

Tests write what they observed (not what they hoped) under var/reliability/<section>/<name>.json
(or $PEERMAP_RELIABILITY_DIR); tests/chaos/report.py turns the latest files into
docs/reliability.md.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from tests.support.paths import REPO


def outcomes_dir() -> Path:
    return Path(os.environ.get("PEERMAP_RELIABILITY_DIR", REPO / "var" / "reliability"))


def record(section: str, name: str, row: dict[str, Any]) -> None:
    """Store one observation; a rerun of the same test overwrites its previous row."""
    folder = outcomes_dir() / section
    folder.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)[:80]
    tmp = folder / f".{safe}.tmp"
    tmp.write_text(json.dumps({"name": name, **row}, indent=1, default=str, sort_keys=True))
    tmp.replace(folder / f"{safe}.json")


def load(section: str) -> list[dict[str, Any]]:
    folder = outcomes_dir() / section
    if not folder.is_dir():
        return []
    return [json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))]


def load_one(section: str, name: str) -> dict[str, Any]:
    return next(row for row in load(section) if row["name"] == name)
