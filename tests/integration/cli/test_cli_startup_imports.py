"""Start-up cost, measured structurally: which heavy packages a command loads (not a timing).

`peermap --help` and `peermap preview <local file>` must not import the crawler, the flow
engine, the dashboard, the dataframe stack or the store; `preview` of a URL may load Scrapy.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.support.paths import FIXTURES, REPO

HEAVY = ("scrapy", "twisted", "prefect", "streamlit", "pandas", "duckdb", "geopy", "pyarrow")

_PROBE = """
import json, runpy, sys
args, watched = json.loads(sys.argv[1]), set(json.loads(sys.argv[2]))
sys.argv = ["peermap", *args]
try:
    runpy.run_module("pipelines.cli.main", run_name="__main__")
except SystemExit as exc:
    code = exc.code
else:
    code = 0
heavy = sorted({m.split(".")[0] for m in sys.modules} & watched)
print(json.dumps({"code": code, "heavy": heavy}), file=sys.stderr)
"""


def _loaded(args: list[str], tmp_path: Path) -> dict[str, object]:
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(args), json.dumps(HEAVY)],
        cwd=REPO, capture_output=True, text=True, timeout=300,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
             "PEERMAP_DATA_DIR": str(tmp_path / "var")},
    )
    last = proc.stderr.strip().splitlines()[-1]
    return json.loads(last)


def test_help_loads_no_heavy_package(tmp_path: Path) -> None:
    seen = _loaded(["--help"], tmp_path)
    assert seen == {"code": 0, "heavy": []}


def test_preview_of_a_local_file_loads_no_heavy_package(tmp_path: Path) -> None:
    seen = _loaded(["preview", str(FIXTURES / "ics" / "peer_group.ics"),
                    "--as-of", "2026-03-01T00:00:00+00:00"], tmp_path)
    assert seen == {"code": 0, "heavy": []}


def test_preview_of_a_local_file_still_prints_its_listings(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pipelines.cli.main", "preview",
         str(FIXTURES / "ics" / "peer_group.ics"), "--as-of", "2026-03-01T00:00:00+00:00"],
        cwd=REPO, capture_output=True, text=True, timeout=300,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
             "PEERMAP_DATA_DIR": str(tmp_path / "var")},
    )
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert rows and all(row["title"] for row in rows)
