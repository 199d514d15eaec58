"""Suite-wide settings: Prefect stays local and quiet; one Prefect test harness per session."""

import os
import sys
import tempfile
from pathlib import Path

import pytest

_PREFECT_HOME = Path(tempfile.mkdtemp(prefix="peermap-prefect-"))
for key, value in {
    "PREFECT_HOME": str(_PREFECT_HOME),
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_TELEMETRY_ENABLE_RESOURCE_METRICS": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
    "PREFECT_LOGGING_LEVEL": "WARNING",
}.items():
    os.environ.setdefault(key, value)
os.environ.pop("PREFECT_API_URL", None)

# Fixtures every folder may use (the geocoders), defined once in tests/support.
pytest_plugins = ["tests.support.geocode_fixtures", "tests.support.findings"]

@pytest.fixture(scope="session")
def prefect_harness():
    """ONE Prefect test harness for the whole session (each one starts a server: seconds)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield


@pytest.fixture(scope="session")
def demo_world(tmp_path_factory, request):
    """The demo pipeline, run ONCE per test run through `peermap demo --no-serve`; shared by the
    CLI integration tests and the e2e system tests (read-only: copy it to change it). Under
    pytest-xdist the first worker that needs it builds it and the others read what it left."""
    from tests.support.demo_world import shared_demo_world

    def build(folder: Path):
        request.getfixturevalue("prefect_harness")  # the demo's flow needs an API server
        from tests.support.demo_world import build_demo_world

        return build_demo_world(folder)

    # Under xdist each worker's basetemp is a popen-gwN folder inside the run's own folder.
    base = tmp_path_factory.getbasetemp()
    return shared_demo_world(base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base, build)


@pytest.fixture(autouse=True)
def _restore_main_module():
    """Streamlit's AppTest runs pages as `__main__` and leaves them there; spawned processes
    (Dask workers, the benchmark web) re-import `__main__` from its file and would re-run a page."""
    main = sys.modules.get("__main__")
    yield
    if main is not None and sys.modules.get("__main__") is not main:
        sys.modules["__main__"] = main


_LEVEL_ORDER = {"system": 0, "integration": 1, "unit": 2}


def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist, start the long tests first (system, then integration, then unit): the
    workers then finish together instead of one worker running the browser tests alone at the
    end. Every worker sorts the same way, as xdist requires; a plain run keeps file order."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return

    def level(item) -> int:
        parts = item.path.relative_to(Path(__file__).parent).parts
        return _LEVEL_ORDER.get(parts[0], 3) if parts else 3

    items.sort(key=level)
