"""ONE Streamlit server per worker over the browser tests' sample snapshot (they only read it)."""

from types import SimpleNamespace

import pytest

from tests.support.browser import streamlit_server
from tests.support.dashboard_samples import AS_OF, map_sample_listings, publish_sample


@pytest.fixture(scope="session")
def sample_dashboard(tmp_path_factory):
    """`url` of the dashboard over map_sample_listings(); `ids` maps sample uid → published id."""
    folder = tmp_path_factory.mktemp("sample-dashboard")
    published = publish_sample(folder / "published" / "peermap.duckdb", map_sample_listings())
    with streamlit_server(folder, AS_OF.isoformat()) as url:
        yield SimpleNamespace(url=url, ids=published.ids)
