"""Start a refresh from the CLI: offline-safe Prefect settings, then the flow, then the report."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from pipelines.config import Paths, apply_prefect_offline_env
from pipelines.registry import Settings, load_registry

HEALTH_STYLE = {"ok": "green", "degraded": "yellow", "broken": "red", "new": "cyan"}


def registry_settings(registry: Path) -> Settings:
    """The registry's [settings] when a registry exists, else defaults (preview of a lone file)."""
    return load_registry(registry).settings if registry.exists() else Settings()


def run_refresh(
    *,
    registry: Path,
    paths: Paths,
    as_of: datetime,
    source_ids: list[str] | None = None,
    export: bool = True,
    fast: bool = False,
    variables: dict[str, str] | None = None,
) -> dict[str, Any]:
    load_registry(registry, variables=variables)  # fail fast with a clear registry error
    paths.ensure()
    apply_prefect_offline_env(paths)
    from pipelines.flows import refresh_flow  # after the env: Prefect reads settings on import

    return refresh_flow(
        registry_path=str(registry), data_dir=str(paths.data_dir), as_of=as_of.isoformat(),
        source_ids=source_ids, fast=fast, export=export, variables=variables,
    )


def print_report(report: dict[str, Any], console: Console | None = None) -> None:
    console = console or Console(width=None if sys.stdout.isatty() else 160)
    table = Table(title=f"PeerMap refresh {report['run_id']} — {report['status']}")
    for column in ("source", "health", "fetched", "parsed", "new", "updated", "unchanged",
                   "linked", "missing", "errors", "seconds"):
        table.add_column(column, justify="left" if column in ("source", "health") else "right")
    for row in report["sources"]:
        style = HEALTH_STYLE.get(row["health"], "")
        table.add_row(
            escape(row["source"]), f"[{style}]{row['health']}[/]",
            *(str(row[c]) for c in ("fetched", "parsed", "new", "updated", "unchanged", "linked",
                                    "missing", "errors", "seconds")),
        )
    console.print(table)
    for row in report["sources"]:
        if row["health"] in ("broken", "degraded"):
            detail = row["reason"] or "; ".join(row["first_errors"])
            console.print(f"[{HEALTH_STYLE[row['health']]}]{escape(row['source'])}[/]: "
                          f"{escape(detail)}", highlight=False)
    published = report.get("published")
    if published:
        console.print(
            f"Published {published['listings']} listings "
            f"({published['occurrences']} occurrences) → {published['path']}"
        )
    if report.get("export"):
        console.print(f"Exported the dataset → {report['export']['folder']}")
