"""`peermap serve`: deployments with cron schedules from sources.toml, on a Prefect server.

Sources are grouped by their `schedule` (default daily at 06:00); each group becomes one
deployment of the refresh flow limited to those sources. Schedules need a real Prefect server
(the ephemeral one cannot schedule): when PREFECT_API_URL is not set, a local
`prefect server start` is launched on 127.0.0.1 and stopped on exit.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipelines.core.child_process import spawn_bound, stop_group
from pipelines.core.config import Paths, apply_prefect_offline_env
from pipelines.core.registry import Registry


@dataclass(frozen=True)
class SchedulePlan:
    name: str
    cron: str | None
    interval_s: float | None
    source_ids: tuple[str, ...]


def plan_schedules(registry: Registry, interval_s: float | None = None) -> list[SchedulePlan]:
    """One plan per distinct cron among enabled sources (or one interval plan for testing)."""
    if interval_s is not None:
        ids = tuple(s.id for s in registry.enabled())
        return [SchedulePlan("peermap-refresh-interval", None, interval_s, ids)]
    groups: dict[str, list[str]] = defaultdict(list)
    for source in registry.enabled():
        groups[source.schedule].append(source.id)
    plans = []
    for index, (cron, members) in enumerate(sorted(groups.items())):
        suffix = "daily" if index == 0 and len(groups) == 1 else f"group-{index + 1}"
        plans.append(SchedulePlan(f"peermap-refresh-{suffix}", cron, None, tuple(members)))
    return plans


def build_deployments(
    plans: list[SchedulePlan], *, registry_path: Path, paths: Paths,
    variables: dict[str, str] | None = None, concurrency: int = 4,
    dask_address: str | None = None,
) -> list[Any]:
    """Served deployments run this process's flow object, so the task runner chosen here
    (threads = Settings.concurrency, or Dask) is the one their runs use."""
    from pipelines.flows.refresh import refresh_flow_for

    refresh_flow = refresh_flow_for(concurrency, dask_address)
    deployments = []
    for plan in plans:
        params = {
            "registry_path": str(registry_path.resolve()),
            "data_dir": str(paths.data_dir),
            "source_ids": list(plan.source_ids),
            "variables": variables,
        }
        schedule = {"cron": plan.cron} if plan.cron else {"interval": plan.interval_s}
        deployments.append(
            refresh_flow.to_deployment(name=plan.name, parameters=params, **schedule,
                                       description=f"Refresh {len(plan.source_ids)} sources")
        )
    return deployments


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url.rstrip('/')}/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def local_prefect_server(paths: Paths, port: int = 4200, timeout_s: float = 180) -> Iterator[str]:
    """Start `prefect server start` on 127.0.0.1 unless PREFECT_API_URL is set; yield the API URL.

    port=0 picks a free port. The server is a child process with its own SQLite database under
    PREFECT_HOME (the data dir's prefect/ unless set); it is stopped on exit, also on errors."""
    configured = os.environ.get("PREFECT_API_URL")
    if configured:
        yield configured
        return
    apply_prefect_offline_env(paths)
    port = port or free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    log = (paths.data_dir / "prefect-server.log").open("ab")
    # The server gets the environment without PREFECT_API_URL; this process gets it before
    # Prefect is first imported, and may never fall back to a temporary (ephemeral) server.
    server_env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    process = spawn_bound(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
         "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, env=server_env, stdin=subprocess.DEVNULL,
    )
    os.environ["PREFECT_API_URL"] = api_url
    os.environ["PREFECT_SERVER_EPHEMERAL_ENABLED"] = "false"
    try:
        deadline = time.monotonic() + timeout_s
        while not _healthy(api_url):
            if process.poll() is not None:
                raise RuntimeError(f"prefect server exited early; see {log.name}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"prefect server not healthy after {timeout_s:.0f} s")
            time.sleep(0.5)
        yield api_url
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        os.environ.pop("PREFECT_SERVER_EPHEMERAL_ENABLED", None)
        stop_group(process)
        log.close()


def serve_schedules(
    registry: Registry, *, registry_path: Path, paths: Paths, port: int = 4200,
    interval_s: float | None = None, limit: int | None = 1,
    variables: dict[str, str] | None = None, dask_address: str | None = None,
) -> None:
    """Block serving the deployments until interrupted.

    `limit` caps concurrent flow runs: 1 by default because the store is a single-writer DuckDB
    file, so a run that outlasts its interval makes the next one wait instead of failing on the
    file lock."""
    with local_prefect_server(paths, port=port) as api_url:
        from prefect import serve  # only now: Prefect reads PREFECT_API_URL when first imported

        ui = api_url.removesuffix("/api")
        print(f"Prefect UI: {ui}  (API {api_url})", flush=True)
        plans = plan_schedules(registry, interval_s=interval_s)
        for plan in plans:
            when = plan.cron or f"every {plan.interval_s:g} s"
            print(f"  {plan.name}: {when} — {', '.join(plan.source_ids)}", flush=True)
        if dask_address:
            print(f"  tasks run on the Dask cluster at {dask_address}", flush=True)
        serve(*build_deployments(plans, registry_path=registry_path, paths=paths,
                                 variables=variables, concurrency=registry.settings.concurrency,
                                 dask_address=dask_address), limit=limit)
