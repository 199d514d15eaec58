"""The caches' code fingerprint changes when any file of the fingerprinted code changes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from spiders.common.code_version import code_fingerprint


@pytest.fixture
def rules_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    package = tmp_path / "fingerprinted_rules"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "title.py").write_text("RULE = 'a'\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield package
    sys.modules.pop("fingerprinted_rules", None)


def test_same_code_same_fingerprint(rules_package: Path) -> None:
    first = code_fingerprint.__wrapped__("fingerprinted_rules")
    assert code_fingerprint.__wrapped__("fingerprinted_rules") == first


def test_editing_a_rule_changes_the_fingerprint(rules_package: Path) -> None:
    before = code_fingerprint.__wrapped__("fingerprinted_rules")
    (rules_package / "title.py").write_text("RULE = 'b'\n")
    assert code_fingerprint.__wrapped__("fingerprinted_rules") != before


def test_adding_a_module_changes_the_fingerprint(rules_package: Path) -> None:
    before = code_fingerprint.__wrapped__("fingerprinted_rules")
    (rules_package / "dates.py").write_text("")
    assert code_fingerprint.__wrapped__("fingerprinted_rules") != before


def test_the_parse_cache_key_carries_the_parsers_fingerprint() -> None:
    from spiders.parse_cache import PARSER_VERSION

    assert PARSER_VERSION.endswith(code_fingerprint("spiders.formats", "spiders.sites",
                                                    "spiders.common", "spiders.items"))
