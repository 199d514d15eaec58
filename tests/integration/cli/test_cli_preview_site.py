"""`peermap preview --format site:<name>` runs a site-specific parser on a saved page."""

import json
from pathlib import Path

from typer.testing import CliRunner

from pipelines.cli.main import app
from tests.support.paths import FIXTURES

FIXTURE = FIXTURES / "sites" / "peer_groups_directory.html"
AS_OF = "2026-10-30T20:00:00Z"


def _run(tmp_path: Path, fmt: str):
    return CliRunner().invoke(app, [
        "preview", str(FIXTURE), "--format", fmt, "--as-of", AS_OF, "--timezone",
        "America/Denver", "--region", "WY", "--data-dir", str(tmp_path)])


def test_preview_with_a_site_format_prints_every_card(tmp_path):
    result = _run(tmp_path, "site:peer_groups_directory")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(rows) == 5
    assert {r["attendance_mode"] for r in rows} == {"in_person", "online", "hybrid"}


def test_preview_with_an_unknown_site_format_fails_clearly(tmp_path):
    result = _run(tmp_path, "site:no_such_site")
    assert result.exit_code != 0
    assert "unknown format 'site:no_such_site'" in result.output
