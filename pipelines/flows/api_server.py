"""The Prefect API server a `peermap run` uses, started by PeerMap so that it dies with it.

Prefect would otherwise start a temporary ("ephemeral") server itself, as a child PeerMap
cannot bind to its own lifetime: after a SIGKILL that server (~250 MB) kept running. This starts
the same server the same way (uvicorn, Prefect's app factory, UI and services off), bound with
PR_SET_PDEATHSIG and its own process group (pipelines.core.child_process), and points this
process at it before Prefect is imported. With a configured PREFECT_API_URL, or inside an
already-configured Prefect context (tests' harness), nothing is started.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.util import find_spec
from pathlib import Path

from pipelines.core.child_process import spawn_bound, stop_group
from pipelines.core.config import Paths, apply_prefect_offline_env
from pipelines.flows.schedule import free_port


def _configured() -> bool:
    if os.environ.get("PREFECT_API_URL"):
        return True
    # Prefect fixes its settings when first imported: once loaded (a test harness, an embedding
    # program), it has chosen its server and a later PREFECT_API_URL would not be seen.
    return "prefect" in sys.modules


def _healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:  # noqa: S310
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def bound_api_server(paths: Paths, timeout_s: float = 180.0) -> Iterator[str | None]:
    """Yield the API URL of a server bound to this process (None when one is configured)."""
    if _configured():
        yield None
        return
    apply_prefect_offline_env(paths)
    spec = find_spec("prefect")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("Prefect is not installed")
    app_dir = Path(next(iter(spec.submodule_search_locations))).parent
    port = free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1",
           "PREFECT__SERVER_FINAL": "1"}
    log = (paths.data_dir / "prefect-server.log").open("ab")
    process = spawn_bound(
        [sys.executable, "-m", "uvicorn", "--app-dir", str(app_dir), "--factory",
         "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "error", "--lifespan", "on"],
        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
    os.environ["PREFECT_API_URL"] = api_url
    os.environ["PREFECT_SERVER_EPHEMERAL_ENABLED"] = "false"
    try:
        deadline = time.monotonic() + timeout_s
        while not _healthy(api_url):
            if process.poll() is not None:
                raise RuntimeError(f"the Prefect API server exited early; see {log.name}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the Prefect API server was not up after {timeout_s:.0f} s; "
                                   f"see {log.name}")
            time.sleep(0.25)
        yield api_url
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        os.environ.pop("PREFECT_SERVER_EPHEMERAL_ENABLED", None)
        stop_group(process)
        log.close()
