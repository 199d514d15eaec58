"""The whole pipeline over the embedded demo web, once per test session (shared by e2e tests)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from demo.catalog import build_catalog
from demo.generate import site_builder
from demo.server import DemoServer
from pipelines.cli.run import run_refresh
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

    def published(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        con = duckdb.connect(str(Paths(self.data_dir).published), read_only=True)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()

    def store(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        con = duckdb.connect(str(Paths(self.data_dir).store), read_only=True)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()


def title_key(title: str) -> str:
    return re.sub(r"\W+", " ", clean_title(title)[0].lower()).strip()


def build_demo_world(data_dir: Path) -> DemoWorld:
    with DemoServer(site_builder(AS_OF)) as server:
        report = run_refresh(registry=REGISTRY, paths=Paths(data_dir), as_of=AS_OF, fast=True,
                             variables={"demo": server.base_url})
        base = server.base_url
    return DemoWorld(data_dir, report, build_catalog(AS_OF).truth(), base)
