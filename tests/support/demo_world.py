"""The whole pipeline over the embedded demo web, ONCE per test session, run through the real
`peermap demo --no-serve` command (shared by the CLI integration tests and the e2e system tests).

The only liberty taken: the crawl runs with `fast=True` (no politeness delays or whole-source
retry waits), which matters on real sites and only costs wall-clock time on loopback. Tests that
change the data (suppress, republish) work on `DemoWorld.copy_to(tmp)`, never on the shared one.
"""

from __future__ import annotations

import functools
import os
import pickle
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest
from filelock import FileLock

from demo.catalog import build_catalog
from pipelines.core.config import Paths
from pipelines.normalize.text import clean_title
from tests.support.paths import DEMO_REGISTRY

AS_OF = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
REGISTRY = DEMO_REGISTRY


@dataclass
class DemoWorld:
    data_dir: Path
    report: dict[str, Any]
    truth: list[dict[str, Any]]
    base_url: str
    cli_output: str
    cli_exit_code: int

    def published(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        return _query(Paths(self.data_dir).published, sql, params)

    def store(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        return _query(Paths(self.data_dir).store, sql, params)

    def copy_to(self, folder: Path) -> Path:
        """A private copy of the data folder for a test that changes it."""
        shutil.copytree(self.data_dir, folder, ignore=shutil.ignore_patterns("*.wal", "*.tmp"))
        return folder


def _query(path: Path, sql: str, params: list[Any] | None) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def title_key(title: str) -> str:
    return re.sub(r"\W+", " ", clean_title(title)[0].lower()).strip()


def build_demo_world(data_dir: Path) -> DemoWorld:
    """`peermap demo --no-serve` into data_dir; the report the command printed is kept too."""
    from typer.testing import CliRunner

    import pipelines.cli.demo as demo_command
    from pipelines.cli.main import app

    reports: list[dict[str, Any]] = []

    def keep_and_print(report: dict[str, Any], *args: Any, **kwargs: Any) -> None:
        reports.append(report)
        real_print_report(report, *args, **kwargs)

    real_print_report = demo_command.print_report
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(demo_command, "run_refresh",
                      functools.partial(demo_command.run_refresh, fast=True))
        patch.setattr(demo_command, "print_report", keep_and_print)
        result = CliRunner().invoke(app, ["demo", "--no-serve", "--data-dir", str(data_dir),
                                          "--as-of", AS_OF.isoformat(), "--port", "0"])
    output = result.output
    assert reports, f"`peermap demo --no-serve` printed no report:\n{output[-3000:]}"
    base = re.search(r"Demo web \(fictional data\) at (\S+)", output)
    return DemoWorld(data_dir, reports[-1], build_catalog(AS_OF).truth(),
                     base.group(1) if base else "", output, result.exit_code)


def shared_demo_world(run_root: Path, build: Callable[[Path], DemoWorld]) -> DemoWorld:
    """One demo world per test run, also across pytest-xdist workers: the first worker to get the
    lock builds it into the run's shared temp folder, later ones load what it pickled there."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return build(run_root / "demo-world")  # no workers: run_root is this session's own
    world_file = run_root / "demo-world.pickle"
    with FileLock(str(run_root / "demo-world.lock")):
        if world_file.exists():
            world: DemoWorld = pickle.loads(world_file.read_bytes())
            return world
        world = build(run_root / "demo-world")
        world_file.write_bytes(pickle.dumps(world))
        return world
