"""A corrupt or truncated published snapshot shows the calm page, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.apptest import run_app


@pytest.mark.issue19(6)
@pytest.mark.parametrize("garbage", [b"not a database at all" * 50, b"DUCK" + b"\0" * 4000])
def test_an_unreadable_snapshot_shows_the_calm_page(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    garbage: bytes) -> None:
    published = tmp_path / "published" / "peermap.duckdb"
    published.parent.mkdir(parents=True)
    published.write_bytes(garbage)
    monkeypatch.setenv("PEERMAP_DATA_DIR", str(tmp_path))
    at = run_app()
    assert not at.exception
    assert "being refreshed" in at.info[0].value
