"""The gazetteer's marshal cache gives the same indexes as decoding the data file."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipelines.geocode import gazetteer


def test_cached_load_equals_fresh_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEERMAP_CACHE_DIR", str(tmp_path))
    fresh = gazetteer.load.__wrapped__(gazetteer.DATA_FILE)
    written = list((tmp_path / "peermap").glob("gazetteer-*.marshal"))
    assert len(written) == 1
    cached = gazetteer.load.__wrapped__(gazetteer.DATA_FILE)
    assert cached._zips == fresh._zips and cached._places == fresh._places
    assert cached.place("austin", "TX") == fresh.place("austin", "TX") is not None


def test_a_corrupt_cache_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEERMAP_CACHE_DIR", str(tmp_path))
    gazetteer.load.__wrapped__(gazetteer.DATA_FILE)
    (cache_file,) = (tmp_path / "peermap").glob("gazetteer-*.marshal")
    cache_file.write_bytes(b"\x00garbage")
    again = gazetteer.load.__wrapped__(gazetteer.DATA_FILE)
    assert again.zip("78701") is not None
    assert cache_file.stat().st_size > 1000  # rewritten
