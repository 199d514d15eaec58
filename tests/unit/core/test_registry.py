"""The source registry: valid entries load, malformed ones name the entry and the field."""

from pathlib import Path

import pytest

from pipelines.core.registry import RegistryError, load_registry, parse_registry

GOOD = """
[vars]
demo = "http://127.0.0.1:8765"

[settings]
contact_url = "https://example.org/peermap"

[[source]]
id = "tx-ics"
name = "Texas consult groups"
url = "{demo}/tx.ics"
format = "ics"
timezone = "America/Chicago"
region = "TX"
allow_private = true

[[source]]
id = "roster"
name = "Roster"
url = "https://example.org/roster.csv"
format = "roster"
precision_cap = "postal_code"
enabled = false
columns = { name = "Supervisor", zip = "ZIP" }
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_loads_sources_and_fills_url_variables(tmp_path):
    registry = load_registry(write(tmp_path, GOOD))
    assert registry.get("tx-ics").url == "http://127.0.0.1:8765/tx.ics"


def test_variables_argument_overrides_vars_table(tmp_path):
    registry = load_registry(write(tmp_path, GOOD), variables={"demo": "http://127.0.0.1:9/"})
    assert registry.get("tx-ics").url == "http://127.0.0.1:9/tx.ics"


def test_enabled_excludes_disabled_sources(tmp_path):
    assert [s.id for s in load_registry(write(tmp_path, GOOD)).enabled()] == ["tx-ics"]


def test_user_agent_names_contact_url(tmp_path):
    settings = load_registry(write(tmp_path, GOOD)).settings
    assert "https://example.org/peermap" in settings.user_agent_string
    assert settings.user_agent_string.startswith("PeerMap/")


def test_roster_columns_are_kept(tmp_path):
    assert load_registry(write(tmp_path, GOOD)).get("roster").columns == {
        "name": "Supervisor", "zip": "ZIP"}


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"id": "a b", "name": "x", "url": "http://x", "format": "ics"}, "'id'"),
        ({"id": "ok", "url": "http://x", "format": "ics"}, "'name' is required"),
        ({"id": "ok", "name": "x", "url": "ftp://x", "format": "ics"}, "'url'"),
        ({"id": "ok", "name": "x", "url": "http://x", "format": "rss"}, "'format'"),
        ({"id": "ok", "name": "x", "url": "http://x", "format": "ics", "timezone": "Mars/Base"},
         "'timezone'"),
        ({"id": "ok", "name": "x", "url": "http://x", "format": "ics", "region": "Texas"},
         "'region'"),
        ({"id": "ok", "name": "x", "url": "http://x", "format": "ics", "schedule": "daily"},
         "'schedule'"),
        ({"id": "ok", "name": "x", "url": "http://x", "format": "ics", "colour": "red"},
         "unknown keys"),
        ({"id": "ok", "name": "x", "url": "{nope}/x", "format": "ics"}, "{nope}"),
    ],
)
def test_malformed_entry_names_entry_and_field(entry, message):
    with pytest.raises(RegistryError) as err:
        parse_registry({"source": [entry]}, path=Path("sources.toml"))
    assert message in str(err.value)
    assert "source #1" in str(err.value)


def test_duplicate_ids_are_refused():
    entry = {"id": "dup", "name": "x", "url": "http://x", "format": "ics"}
    with pytest.raises(RegistryError, match="duplicate id 'dup'"):
        parse_registry({"source": [entry, entry]})


def test_invalid_toml_is_a_registry_error(tmp_path):
    with pytest.raises(RegistryError, match="not valid TOML"):
        load_registry(write(tmp_path, "[[source]\nid="))


def test_missing_file_is_a_registry_error(tmp_path):
    with pytest.raises(RegistryError, match="not found"):
        load_registry(tmp_path / "absent.toml")


def test_homepage_is_optional_and_kept():
    from pipelines.core.registry import parse_source

    base = {"id": "assoc", "name": "Assoc", "url": "https://example.org/events.ics",
            "format": "ics"}
    assert parse_source(base).homepage is None
    assert parse_source({**base, "homepage": "https://example.org/events"}).homepage == \
        "https://example.org/events"


def test_homepage_variables_are_filled_like_the_url():
    from pipelines.core.registry import parse_source

    entry = {"id": "assoc", "name": "Assoc", "url": "{demo}/events.ics", "format": "ics",
             "homepage": "{demo}/about/"}
    found = parse_source(entry, variables={"demo": "https://demo.example.org/"})
    assert found.homepage == "https://demo.example.org/about/"


def test_homepage_with_an_unset_variable_names_the_field():
    from pipelines.core.registry import parse_source

    with pytest.raises(RegistryError, match="homepage uses {site} but no"):
        parse_source({"id": "assoc", "name": "Assoc", "url": "https://example.org/e.ics",
                      "format": "ics", "homepage": "{site}/about/"})


@pytest.mark.parametrize(("value", "message"), [
    ("javascript:alert(1)", "'homepage' must be an http"),
    ("example.org", "'homepage' must be an http"),
    (5, "'homepage' Input should be a valid string"),
])
def test_homepage_must_be_a_web_address(value, message):
    from pipelines.core.registry import parse_source

    with pytest.raises(RegistryError, match=message):
        parse_source({"id": "assoc", "name": "Assoc", "url": "https://example.org/e.ics",
                      "format": "ics", "homepage": value})
