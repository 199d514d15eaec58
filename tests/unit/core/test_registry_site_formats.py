"""`format = "site:<name>"` in sources.toml: a registered site parser loads; others are named errors."""

from __future__ import annotations

import pytest

from pipelines.core.registry import RegistryError, parse_source


def entry(fmt: str) -> dict[str, str]:
    return {"id": "wy-directory", "name": "Directory", "url": "https://example.org/groups.html",
            "format": fmt}


def test_registered_site_format_loads():
    source = parse_source(entry("site:peer_groups_directory"))
    assert source.format == "site:peer_groups_directory"


def test_unknown_site_name_names_the_entry_and_the_missing_file():
    with pytest.raises(RegistryError) as caught:
        parse_source(entry("site:no_such_site"), label="sources.toml: source #3")
    message = str(caught.value)
    assert "source #3 ('wy-directory')" in message
    assert "spiders/sites/no_such_site.py" in message


@pytest.mark.parametrize("fmt", ["site:Peer-Groups", "site:", "site:../etc", "site:a b"])
def test_bad_site_name_is_rejected(fmt):
    with pytest.raises(RegistryError, match="site name must be lowercase"):
        parse_source(entry(fmt))


def test_unknown_plain_format_mentions_site_formats():
    with pytest.raises(RegistryError, match=r"'site:<name>'"):
        parse_source(entry("rss"))
