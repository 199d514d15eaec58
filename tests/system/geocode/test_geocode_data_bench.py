"""The embedded data file and the benchmark's helpers."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from bench.geocode import main, place_name
from tests.support.paths import REALWORLD
from tools.geocode_build import DATA_FILE, columnar

REALWORLD = REALWORLD


def test_data_file_is_small() -> None:
    assert DATA_FILE.stat().st_size < 3_000_000


def test_data_file_has_no_zero_zero_points() -> None:
    data = json.loads(gzip.decompress(DATA_FILE.read_bytes()))
    lats, lons = data["zips"][1], data["zips"][2]
    assert not any(abs(a) < 1e-6 and abs(b) < 1e-6 for a, b in zip(lats, lons, strict=True))


@pytest.mark.parametrize(("census", "query"), [
    ("Abanda CDP", "Abanda"), ("Boise City city", "Boise City"),
    ("Nashville-Davidson metropolitan government (balance)", "Nashville-Davidson"),
    ("Adjuntas zona urbana", "Adjuntas"),
])
def test_place_name_drops_legal_suffix(census: str, query: str) -> None:
    assert place_name(census) == query


def test_bench_refuses_missing_truth(tmp_path: Path) -> None:
    assert main(["--gazetteer", str(tmp_path), "--out", str(tmp_path / "x.md")]) == 2


@pytest.mark.slow
def test_build_reproduces_the_committed_file() -> None:
    """`python -m tools.geocode_build` from the pinned packages gives the committed data."""
    from tools.geocode_build import build

    committed = json.loads(gzip.decompress(DATA_FILE.read_bytes()))
    rebuilt = json.loads(json.dumps(columnar(build()), ensure_ascii=False))
    assert rebuilt == committed


@pytest.mark.slow
@pytest.mark.skipif(not (REALWORLD / "gazetteer").exists(),
                    reason="Census gazetteer truth files (../shared/realworld/gazetteer) absent")
def test_bench_writes_a_report(tmp_path: Path) -> None:
    out = tmp_path / "geocoding.md"
    assert main(["--gazetteer", str(REALWORLD / "gazetteer"), "--out", str(out)]) == 0
    assert "ZIPs within 5 km" in out.read_text()
