"""`peermap preview` on every real-world feed and page: JSON lines, a summary, no traceback; exit 0
when listings came out, 3 with a one-line reason when a non-empty document yields none."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.cli.main import app
from tests.support.paths import REALWORLD

FILES = sorted([*REALWORLD.glob("ics/*.ics"), *REALWORLD.glob("jsonld/*.html")]) \
    if REALWORLD.exists() else []


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


@pytest.mark.skipif(not FILES, reason="../shared/realworld is absent on this machine")
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_preview_every_realworld_file(runner, tmp_path: Path, path: Path):
    result = runner.invoke(app, ["preview", str(path), "--as-of", "2024-06-01T00:00:00Z",
                                 "--data-dir", str(tmp_path)])
    assert "Traceback" not in result.output
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if lines:
        assert result.exit_code == 0, result.output
    elif path.stat().st_size == 0:
        assert result.exit_code == 2 and "empty (0 bytes)" in result.stderr
    else:
        assert result.exit_code == 3, result.output
        reasons = [x for x in result.stderr.splitlines() if x.startswith("peermap preview: ")]
        assert len(reasons) == 1 and "no listings" in reasons[0]
    for line in lines:
        record = json.loads(line)
        assert record["kind"] in ("consult_group", "peer_event", "supervision", "other")
    assert "events seen" in result.stderr


def test_preview_shows_kind_other_too(runner, tmp_path: Path):
    path = REALWORLD / "ics" / "icalevents__ms_tz.ics"
    if not path.exists():
        pytest.skip("../shared/realworld is absent on this machine")
    result = runner.invoke(app, ["preview", str(path), "--data-dir", str(tmp_path)])
    kinds = {json.loads(line)["kind"] for line in result.stdout.splitlines() if line}
    assert "other" in kinds


def test_preview_missing_file_is_a_clear_error(runner, tmp_path: Path):
    result = runner.invoke(app, ["preview", str(tmp_path / "nope.ics"), "--data-dir",
                                 str(tmp_path)])
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_preview_unknown_format_is_a_clear_error(runner, tmp_path: Path):
    result = runner.invoke(app, ["preview", "x.ics", "--format", "rss", "--data-dir",
                                 str(tmp_path)])
    assert result.exit_code == 2 and "unknown format" in result.stderr
