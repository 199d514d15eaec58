"""The Scrapy command line works from the project root (scrapy.cfg), as docs/sources.md shows:
`scrapy list`, `scrapy check feed` (the contracts over saved fixtures) and `scrapy crawl feed -a
url=file:///… -a format=… -O out.jsonl` (one JSON line per raw item). Real subprocesses, no
network: the crawl reads fixtures through file:// URLs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from spiders.formats.registry import parser_for
from spiders.items import ParseContext
from tests.support.paths import FIXTURES, REPO

AS_OF = datetime(2025, 1, 1, 12, 0, tzinfo=UTC)
CONTRACTS = 15  # five callbacks (ics, tribe, jsonld, roster, site) x three checks each


def scrapy(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """`scrapy ARGS` with this interpreter's Scrapy (the `scrapy` script runs the same entry).

    SCRAPY_* variables are dropped: an earlier crawl in this process sets
    SCRAPY_SETTINGS_MODULE, and the commands must find the project by scrapy.cfg alone."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCRAPY_")}
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)
    return subprocess.run([sys.executable, "-m", "scrapy", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300, check=False)


def test_scrapy_list_names_the_feed_spider():
    done = scrapy("list")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["feed"]


def test_scrapy_check_runs_every_contract_and_passes():
    done = scrapy("check", "feed")
    assert done.returncode == 0, done.stderr[-3000:]
    ran = re.search(r"Ran (\d+) contracts?", done.stderr)
    assert ran, done.stderr[-2000:]
    assert int(ran.group(1)) == CONTRACTS
    assert re.search(r"^OK\s*$", done.stderr, re.MULTILINE)


@pytest.mark.parametrize("fixture, fmt", [("ics/peer_group.ics", "ics"),
                                          ("roster/supervisors.csv", "roster")])
def test_scrapy_crawl_writes_one_line_per_raw_item(tmp_path, fixture, fmt):
    path = FIXTURES / fixture
    out = tmp_path / "out.jsonl"
    done = scrapy("crawl", "feed", "-a", f"url={path.as_uri()}", "-a", f"format={fmt}",
                  "-a", f"as_of={AS_OF.isoformat()}", "-O", str(out),
                  "-s", f"HTTPCACHE_DIR={tmp_path / 'httpcache'}")  # keep the checkout clean
    assert done.returncode == 0, done.stderr[-3000:]
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expected = parser_for(fmt)(path.read_bytes(), ParseContext(
        source_id="cli", url=path.as_uri(), as_of=AS_OF)).items
    assert expected, "the fixture must hold raw items for this check to mean anything"
    assert [(r["uid"], r["title"], r["format"]) for r in lines] == \
        [(i.uid, i.title, fmt) for i in expected]
    assert all(r["source_url"] == path.as_uri() for r in lines)


def test_scrapy_commands_need_the_project_root(tmp_path):
    """Outside the project root there is no scrapy.cfg: `list` is refused, not silently empty."""
    done = scrapy("list", cwd=tmp_path)
    assert done.returncode != 0
    assert "only available from within a project" in done.stdout + done.stderr
