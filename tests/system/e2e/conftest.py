import pytest

from tests.support.demo_world import build_demo_world


@pytest.fixture(scope="session")
def demo_world(tmp_path_factory, prefect_harness):
    return build_demo_world(tmp_path_factory.mktemp("demo-world"))
