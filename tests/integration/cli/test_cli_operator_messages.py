"""Operator mistakes get one line on stderr and exit 2 (no traceback); progress shows the plan."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from typer.testing import CliRunner

from pipelines.cli.main import app
from pipelines.cli.run import crawl_progress
from tests.support.export_samples import AS_OF, SOURCES, sample_listings
from tests.support.fixture_server import FixtureServer, Route
from tests.support.snapshots import publish_listings

REGISTRY = """[settings]
contact_url = "https://example.org/tests"

[[source]]
id = "one-feed"
name = "One feed"
url = "https://example.org/one.ics"
format = "ics"
terms = "test"
"""


def _one_line_error(result) -> str:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def test_run_with_an_unknown_source_id_is_one_line(tmp_path: Path) -> None:
    registry = tmp_path / "sources.toml"
    registry.write_text(REGISTRY)
    result = CliRunner().invoke(app, ["run", "--source", "nope", "--sources", str(registry),
                                      "--data-dir", str(tmp_path / "var")])
    line = _one_line_error(result)
    assert "unknown source id(s) 'nope'" in line and "peermap sources list" in line
    assert not (tmp_path / "var" / "store").exists()


def test_export_to_a_file_is_one_line(tmp_path: Path) -> None:
    publish_listings(tmp_path / "var" / "published" / "peermap.duckdb", sample_listings(), SOURCES,
                     as_of=AS_OF)
    target = tmp_path / "a-file.txt"
    target.write_text("keep me")
    result = CliRunner().invoke(app, ["export", "--out", str(target), "--data-dir",
                                      str(tmp_path / "var"), "--as-of", AS_OF.isoformat()])
    line = _one_line_error(result)
    assert "is a file" in line
    assert target.read_text() == "keep me"


def test_preview_of_a_homepage_points_to_sources_add_and_site_formats(tmp_path: Path) -> None:
    home = b"<html><body><h1>Peer groups</h1><p>Welcome</p></body></html>"
    registry = tmp_path / "sources.toml"
    registry.write_text('[settings]\ncontact_url = "https://example.org/tests"\n'
                        "download_delay = 0.0\n")
    with FixtureServer({"/": Route(home, content_type="text/html")}) as srv:
        result = CliRunner().invoke(app, ["preview", srv.url("/"), "--allow-private", "--sources", str(registry),
                                          "--data-dir", str(tmp_path / "v"),
                                          "--as-of", AS_OF.isoformat()])
    line = _one_line_error(result)
    assert "peermap sources add" in line and "--format site:" in line


def test_preview_summary_names_the_detected_format(tmp_path: Path, prefect_harness) -> None:
    ics = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n"
           b"UID:1@t\r\nDTSTART:20261210T230000Z\r\nDTEND:20261211T003000Z\r\n"
           b"SUMMARY:Peer consultation group for counselors\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    with FixtureServer({"/cal.ics": Route(ics, content_type="text/calendar")}) as srv:
        registry = tmp_path / "sources.toml"
        registry.write_text('[settings]\ncontact_url = "https://example.org/tests"\n'
                            "download_delay = 0.0\n")
        result = CliRunner().invoke(app, ["preview", srv.url("/cal.ics"), "--allow-private", "--sources",
                                          str(registry), "--data-dir", str(tmp_path / "v"),
                                          "--as-of", AS_OF.isoformat()])
    assert result.exit_code == 0, result.output
    assert "as detected ics" in result.stderr


def test_progress_shows_the_plan_before_any_source_finishes() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=False, width=120)
    with crawl_progress(enabled=True, console=console, plan=["alpha", "beta"]) as bar:
        assert bar is not None
        task = bar.tasks[0]
        assert task.total == 2 and task.completed == 0
    assert "crawling 2 source(s): alpha, beta" in out.getvalue()
