"""Start a refresh from the CLI: offline-safe Prefect settings, then the flow, then the report."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipelines.core.config import Paths, apply_prefect_offline_env
from pipelines.core.registry import Registry, RegistryError, load_registry

HEALTH_STYLE = {"ok": "green", "degraded": "yellow", "empty": "yellow", "broken": "red",
                "new": "cyan"}


def run_refresh(
    *,
    registry: Path,
    paths: Paths,
    as_of: datetime,
    source_ids: list[str] | None = None,
    export: bool = True,
    fast: bool = False,
    variables: dict[str, str] | None = None,
    dask_address: str | None = None,
    progress: bool | None = None,
) -> dict[str, Any]:
    """Refresh with threads (Settings.concurrency) or on a Dask cluster (`dask_address`, else env
    PEERMAP_DASK_ADDRESS). `progress=None` shows a bar only when stderr is a terminal."""
    loaded = load_registry(registry, variables=variables)  # fail fast, clearly
    settings = loaded.settings
    if not loaded.enabled():
        raise RegistryError(f"{registry}: no enabled sources; nothing to refresh (enable one, "
                            "or add one with `peermap sources add URL`)")
    plan = crawl_plan(loaded, source_ids)
    from pipelines.flows.preflight import preflight

    preflight(paths)  # before Prefect starts: its home is in the data folder
    paths.ensure()
    apply_prefect_offline_env(paths)
    from pipelines.flows.api_server import bound_api_server

    with bound_api_server(paths):  # dies with this process, even on SIGKILL
        from pipelines.flows.refresh import (
            refresh_flow_for,  # after the env: Prefect reads it on import
        )

        flow = refresh_flow_for(settings.concurrency,
                                dask_address or os.environ.get("PEERMAP_DASK_ADDRESS") or None)
        show = sys.stderr.isatty() if progress is None else progress
        with crawl_progress(enabled=show, plan=plan):
            return flow(
                registry_path=str(registry), data_dir=str(paths.data_dir), as_of=as_of.isoformat(),
                source_ids=source_ids, fast=fast, export=export, variables=variables,
            )


def crawl_plan(registry: Registry, source_ids: list[str] | None) -> list[str]:
    """The ids a run will crawl; RegistryError (one line) for an id the registry lacks."""
    if not source_ids:
        return [s.id for s in registry.enabled()]
    known = {s.id for s in registry.sources}
    unknown = [i for i in source_ids if i not in known]
    if unknown:
        raise RegistryError(f"unknown source id(s) {', '.join(map(repr, unknown))}; "
                            "`peermap sources list` shows the registry's ids")
    return list(dict.fromkeys(source_ids))


@contextmanager
def crawl_progress(enabled: bool, console: Console | None = None,
                   plan: list[str] | None = None) -> Iterator[Progress | None]:
    """The plan at once, then a 'sources crawled / total' bar on stderr fed by the flow's
    progress hooks (each finished source named, ok or failed)."""
    if not enabled:
        yield None
        return
    from pipelines.flows.refresh import progress_hooks

    console = console or Console(stderr=True)
    if plan is not None:
        shown = ", ".join(plan[:12]) + (f" and {len(plan) - 12} more" if len(plan) > 12 else "")
        console.print(f"crawling {len(plan)} source(s): {escape(shown)}", highlight=False)
    bar = Progress(TextColumn("crawling"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.description}"), TimeElapsedColumn(),
                   console=console, transient=True)
    task_id = bar.add_task("starting", total=len(plan) if plan is not None else None)

    def advance(source_id: str, ok: bool, done: int, total: int) -> None:
        bar.update(task_id, completed=done, total=total,
                   description=f"{escape(source_id)} {'ok' if ok else 'failed'}")

    progress_hooks.append(advance)
    try:
        with bar:
            yield bar
    finally:
        if advance in progress_hooks:
            progress_hooks.remove(advance)


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
        if row["health"] in ("broken", "degraded", "empty"):
            detail = row["reason"] or "; ".join(row["first_errors"])
            console.print(f"[{HEALTH_STYLE[row['health']]}]{escape(row['source'])}[/]: "
                          f"{escape(detail)}", highlight=False)
    for row in report["sources"]:
        if row.get("attempts", 1) > 1:
            console.print(f"{escape(row['source'])}: crawled {row['attempts']} times "
                          f"(retried in this run), {row['health']}", highlight=False)
    published = report.get("published")
    if published:
        console.print(
            f"Published {published['listings']} listings "
            f"({published['occurrences']} occurrences) → {published['path']}"
        )
    if report.get("unpublished"):
        console.print(f"[red]NOT PUBLISHED[/]: {escape(report['unpublished'])} — the store has "
                      "this run; the next successful run republishes it", highlight=False)
    for note in report.get("preflight", []):
        console.print(f"note: {escape(note)}", highlight=False)
    review = report.get("submissions_review") or {}
    for flag in review.get("kind_flags", []):
        console.print(f"suggestion kind check {escape(flag)}", highlight=False)
    if review.get("error"):
        console.print(f"[yellow]suggestion review failed[/]: {escape(review['error'])}",
                      highlight=False)
    if report.get("export"):
        console.print(f"Exported the dataset → {report['export']['folder']}")


def last_run_report(paths: Paths) -> dict[str, Any] | None:
    """The newest run recorded in the store, as the same report dict a refresh returns (plus its
    Markdown), or None before the first run. Publish counts come from the current snapshot."""
    if not paths.store.exists():
        return None
    from pipelines.core.results import RunSummary, SourceRunSummary
    from pipelines.flows.report import report_dict, report_markdown
    from pipelines.store import Store

    with Store(paths.store) as store:
        runs = store.con.execute(
            "SELECT run_id, strftime(as_of, '%Y-%m-%dT%H:%M:%SZ'), status FROM crawl_runs "
            "ORDER BY as_of DESC, finished_at DESC LIMIT 1").fetchall()
        if not runs:
            return None
        run_id, as_of, status = runs[0]
        unpublished = run_id in store.unpublished_runs()
        fields = [f for f in SourceRunSummary.__dataclass_fields__]
        rows = store.con.execute(
            f"SELECT {', '.join(fields)} FROM source_runs WHERE run_id = ? "  # noqa: S608
            "ORDER BY source_id", [run_id]).fetchall()
    sources = [SourceRunSummary(**dict(zip(fields, row, strict=True))) for row in rows]
    for source in sources:
        source.error_sample = list(source.error_sample or [])
    summary = RunSummary(run_id=run_id, as_of=as_of, status=status, sources=sources)
    report = report_dict(summary, None)
    report["published"] = _published_counts(paths)
    if unpublished:
        report["unpublished"] = "the store committed this run but its publish failed"
    return {**report, "markdown": report_markdown(summary, None)}


def _published_counts(paths: Paths) -> dict[str, Any] | None:
    if not paths.published.exists():
        return None
    import duckdb

    try:
        con = duckdb.connect(str(paths.published), read_only=True)
        try:
            listings = con.execute("SELECT count(*) FROM listings").fetchall()[0][0]
            occurrences = con.execute("SELECT count(*) FROM occurrences").fetchall()[0][0]
        finally:
            con.close()
    except duckdb.Error as exc:  # never claim a count that could not be read
        return {"path": str(paths.published), "listings": "unreadable",
                "occurrences": "unreadable", "error": str(exc).splitlines()[0][:160]}
    return {"path": str(paths.published), "listings": listings, "occurrences": occurrences}
