"""System-level shared start-ups: ONE Chromium per pytest-xdist worker (each test connects and
gets its own fresh context, so nothing but the browser process is shared)."""

import pytest

from tests.support.browser import chromium_server


@pytest.fixture(scope="session")
def chromium():
    """The ws:// endpoint of this worker's Chromium server (skips where Chromium is absent)."""
    with chromium_server() as endpoint:
        yield endpoint
