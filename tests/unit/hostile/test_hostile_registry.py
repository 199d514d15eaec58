"""Settings that used to be accepted and then misbehave are one-line errors at load, naming
the file, the entry and the field."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.cli.main import app
from pipelines.core.registry import RegistryError, load_registry

ENTRY = 'id = "feed"\nname = "Feed"\nurl = "https://example.org/feed.ics"\nformat = "ics"\n'


def _write(tmp_path: Path, source_extra: str = "", settings: str = "") -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(f"[settings]\n{settings}\n[[source]]\n{ENTRY}{source_extra}", encoding="utf-8")
    return path


@pytest.mark.parametrize(("line", "field"), [
    ("timeout_s = -5", "timeout_s"),
    ("timeout_s = 0", "timeout_s"),
    ('enabled = "false"', "enabled"),
    ('schedule = "99 99 99 99 99"', "schedule"),
    ('schedule = "H 6 * * *"', "schedule"),
    ('max_pages = "many"', "max_pages"),
    ("max_pages = -1", "max_pages"),
    ('follow_links = "no"', "follow_links"),
    ('allow_private = "yes"', "allow_private"),
    ("max_bytes = 1e12", "max_bytes"),
])
@pytest.mark.issue19(5)
def test_bad_source_field_is_a_one_line_error(tmp_path: Path, line: str, field: str) -> None:
    path = _write(tmp_path, line + "\n")
    with pytest.raises(RegistryError) as err:
        load_registry(path)
    message = str(err.value)
    assert "\n" not in message
    assert str(path) in message and "source #1 ('feed')" in message and f"'{field}'" in message


@pytest.mark.parametrize(("line", "field"), [
    ('concurrency = "four"', "concurrency"),
    ("concurrency = 0", "concurrency"),
    ('download_delay = "fast"', "download_delay"),
    ("download_delay = -1", "download_delay"),
    ("horizon_days = -30", "horizon_days"),
    ("source_retries = -2", "source_retries"),
    ("source_retries = 1000", "source_retries"),
    ('grace_days = "14"', "grace_days"),
])
@pytest.mark.issue19(5)
def test_bad_setting_is_a_one_line_error(tmp_path: Path, line: str, field: str) -> None:
    path = _write(tmp_path, settings=line)
    with pytest.raises(RegistryError) as err:
        load_registry(path)
    message = str(err.value)
    assert "\n" not in message and "[settings]" in message and f"'{field}'" in message


@pytest.mark.issue19(5)
def test_an_int_where_a_float_is_expected_is_fine(tmp_path: Path) -> None:
    registry = load_registry(_write(tmp_path, "timeout_s = 5\n", settings="download_delay = 2"))
    assert registry.sources[0].timeout_s == 5.0 and registry.settings.download_delay == 2.0


@pytest.mark.parametrize("url", ["http://169.254.169.254/latest/meta-data/",
                                 "http://127.0.0.1:8080/feed.ics", "http://[::1]/feed.ics",
                                 "http://10.0.0.5/feed.ics", "http://[fd00::1]/x"])
@pytest.mark.issue19(2)
def test_a_private_literal_url_is_refused_at_load(tmp_path: Path, url: str) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(f'[[source]]\nid = "meta"\nname = "M"\nurl = "{url}"\nformat = "ics"\n')
    with pytest.raises(RegistryError, match="allow_private"):
        load_registry(path)
    path.write_text(path.read_text() + "allow_private = true\n")
    assert load_registry(path).sources[0].allow_private is True


@pytest.mark.issue19(5)
def test_an_empty_registry_is_an_error_for_run(tmp_path: Path) -> None:
    path = _write(tmp_path, "enabled = false\n")
    result = CliRunner().invoke(app, ["run", "--sources", str(path),
                                      "--data-dir", str(tmp_path / "data")])
    assert result.exit_code == 2 and "no enabled sources" in result.stderr
    assert not (tmp_path / "data" / "published").exists()


@pytest.mark.issue19(5)
def test_sources_list_shows_what_will_run(tmp_path: Path) -> None:
    path = _write(tmp_path, "enabled = false\n")
    result = CliRunner().invoke(app, ["sources", "list", "--sources", str(path)])
    assert result.exit_code == 0
    assert "off" in result.stdout and "0 of 1 sources will run" in result.stdout


@pytest.mark.issue19(6)
@pytest.mark.parametrize("command", ["run", "serve"])
def test_an_unusable_data_dir_is_one_line_not_a_server_timeout(tmp_path: Path,
                                                                command: str) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    result = CliRunner().invoke(app, [command, "--sources", str(_write(tmp_path)),
                                      "--data-dir", str(blocker)])
    assert result.exit_code == 2 and "not writable" in result.stderr
