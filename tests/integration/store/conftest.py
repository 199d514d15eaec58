from __future__ import annotations

import pytest

from pipelines.store import Store


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "store.duckdb") as s:
        yield s
