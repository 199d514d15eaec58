"""Shared helpers for the parser tests: fixture paths and a fixed reference time."""

from __future__ import annotations

from datetime import UTC, datetime

from spiders.items import ParseContext
from tests.support.paths import FIXTURES

FIXTURES = FIXTURES
AS_OF = datetime(2025, 1, 6, 12, 0, tzinfo=UTC)


def fixture_bytes(relpath: str) -> bytes:
    return (FIXTURES / relpath).read_bytes()


def make_ctx(url: str = "https://example.org/feed", **kw: object) -> ParseContext:
    return ParseContext(source_id="test-source", url=url, as_of=AS_OF, **kw)  # type: ignore[arg-type]
