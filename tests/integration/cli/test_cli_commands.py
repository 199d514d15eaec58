"""The CLI's data commands: demo --no-serve, export, geocode, suppress, run --json.

`peermap demo --no-serve` runs once per session (the `demo_world` fixture, shared with the e2e
system tests); the commands that change data work on a private copy of it."""

import json
from pathlib import Path

import duckdb
from typer.testing import CliRunner

from pipelines.cli.main import app

AS_OF = "2026-11-26T15:00:00Z"


def test_demo_no_serve_publishes_at_least_150(demo_world):
    assert demo_world.cli_exit_code == 0, demo_world.cli_output[-3000:]
    con = duckdb.connect(str(demo_world.data_dir / "published" / "peermap.duckdb"),
                         read_only=True)
    assert con.execute("SELECT count(*) FROM listings").fetchone()[0] >= 150
    con.close()
    assert "Published" in demo_world.cli_output


def test_demo_no_serve_reports_the_broken_source(demo_world):
    output = demo_world.cli_output
    assert "demo-broken-feed" in output and "broken" in output


def test_export_writes_a_versioned_snapshot(demo_world, tmp_path):
    data = demo_world.data_dir
    result = CliRunner().invoke(app, ["export", "--out", str(tmp_path), "--data-dir", str(data),
                                      "--as-of", AS_OF])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "2026-11-26" / "listings.csv").exists()
    assert (tmp_path / "2026-11-26" / "listings.parquet").exists()


def test_export_without_data_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(app, ["export", "--out", str(tmp_path / "o"), "--data-dir",
                                      str(tmp_path)])
    assert result.exit_code == 2 and "nothing published yet" in result.stderr


def test_suppress_withholds_an_organizer_and_republishes(demo_world, tmp_path):
    data = demo_world.copy_to(tmp_path / "data")
    published = data / "published" / "peermap.duckdb"
    con = duckdb.connect(str(published), read_only=True)
    organizer, count = con.execute(
        "SELECT organizer, count(*) FROM listings WHERE organizer IS NOT NULL "
        "GROUP BY 1 ORDER BY 2 DESC LIMIT 1").fetchone()
    con.close()
    result = CliRunner().invoke(app, ["suppress", "add", "organizer", organizer, "--reason",
                                      "opt-out request", "--data-dir", str(data), "--as-of", AS_OF])
    assert result.exit_code == 0, result.output
    con = duckdb.connect(str(published), read_only=True)
    left = con.execute("SELECT count(*) FROM listings WHERE organizer = ?", [organizer]).fetchone()
    con.close()
    assert count > 0 and left[0] == 0


def test_geocode_prints_one_json_object():
    result = CliRunner().invoke(app, ["geocode", "Austin, TX"])
    record = json.loads(result.stdout)
    assert record["precision"] == "city" and abs(record["lat"] - 30.27) < 0.2


def test_geocode_batch_writes_json_lines(tmp_path: Path):
    queries = tmp_path / "q.txt"
    queries.write_text("78701\nZoom\nSpringfield\n")
    result = CliRunner().invoke(app, ["geocode", "--batch", str(queries)])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["attendance_mode"] for r in rows][1] == "online"
    assert rows[2]["ambiguous"] is True and rows[2]["lat"] is None


def test_run_with_a_broken_registry_names_the_entry(tmp_path: Path):
    registry = tmp_path / "sources.toml"
    registry.write_text('[[source]]\nid = "x"\nname = "X"\nurl = "http://x"\nformat = "rss"\n')
    result = CliRunner().invoke(app, ["run", "--sources", str(registry), "--data-dir",
                                      str(tmp_path)])
    assert result.exit_code == 2 and "source #1 ('x')" in result.stderr
