"""ONE Streamlit server per worker over the shared demo world's snapshot (read only)."""

import pytest

from tests.support.browser import streamlit_server
from tests.support.demo_world import AS_OF


@pytest.fixture(scope="session")
def demo_dashboard(demo_world):
    """The URL of the dashboard over the demo pipeline's published snapshot."""
    with streamlit_server(demo_world.data_dir, AS_OF.isoformat()) as url:
        yield url
