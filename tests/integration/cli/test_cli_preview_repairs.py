"""`peermap preview` says what it had to repair to read a page (counts by kind, on stderr)."""

from pathlib import Path

from typer.testing import CliRunner

from pipelines.cli.main import app

PAGE = ('<html><head><script type="application/ld+json">\n<!--\n'
        '{"@type": "Event", "name": "Therapists\\\' peer consultation",\n'
        ' "startDate": "2025-03-04T18:00:00-05:00",}\n-->\n</script></head><body></body></html>')


def test_preview_summary_counts_jsonld_repairs(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(app, ["preview", str(page), "--as-of", "2025-03-01T00:00:00Z",
                                      "--data-dir", str(tmp_path / "data")])
    assert result.exit_code == 0, result.output
    assert ("repaired to read it: jsonld_html_comment 1, jsonld_php_escape 1, "
            "jsonld_trailing_comma 1") in result.stderr
