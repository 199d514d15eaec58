"""spiders/parse_pool.py: parses in worker processes equal in-process parses; a document over
its CPU or memory budget is a named ParseFailed for that document, and the pool goes on."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from spiders.formats.registry import MAX_ITEMS_PER_DOCUMENT, parse_document
from spiders.items import ParseContext
from spiders.parse_cache import parse_cached_async
from spiders.parse_pool import ParseBudget, ParseFailed, ParsePool
from tests.support import budget_formats as budget_parsers
from tests.support.paths import REPO

FIXTURES = REPO / "tests" / "fixtures"
AS_OF = datetime(2026, 5, 4, 12, tzinfo=UTC)
DOCUMENTS = [("ics", FIXTURES / "ics" / "peer_group.ics"),
             ("tribe", FIXTURES / "tribe" / "events_page1.json"),
             ("jsonld", FIXTURES / "jsonld" / "graph_schedule.html"),
             ("roster", FIXTURES / "roster" / "supervisors.csv")]


def _ctx(path: Path) -> ParseContext:
    return ParseContext(source_id="pool", url=f"https://example.org/{path.name}", as_of=AS_OF,
                        default_timezone="America/Chicago", default_region="TX")


@pytest.mark.issue19(1)
def test_pooled_parses_equal_in_process_parses() -> None:
    async def pooled() -> list:
        pool = ParsePool(2)
        try:
            return await asyncio.gather(*(pool.parse(fmt, path.read_bytes(), _ctx(path),
                                                     MAX_ITEMS_PER_DOCUMENT)
                                          for fmt, path in DOCUMENTS))
        finally:
            pool.close()

    results = asyncio.run(pooled())
    for (fmt, path), result in zip(DOCUMENTS, results, strict=True):
        assert result == parse_document(fmt, path.read_bytes(), _ctx(path)), fmt
        assert result.items, fmt


@pytest.mark.issue19(1)
def test_over_budget_documents_fail_by_name_and_the_others_finish() -> None:
    body = (FIXTURES / "ics" / "peer_group.ics").read_bytes()
    ctx = _ctx(FIXTURES / "ics" / "peer_group.ics")

    async def run() -> tuple[list, ParsePool]:
        pool = ParsePool(2, ParseBudget(cpu_s=1, memory_mb=256), plugins=(budget_parsers.MODULE,))
        jobs = [pool.parse(budget_parsers.SPIN, b"", ctx, 10),
                pool.parse(budget_parsers.HOG, b"", ctx, 10),
                *(pool.parse("ics", body, ctx, 10) for _ in range(4))]
        try:
            return await asyncio.gather(*jobs, return_exceptions=True), pool
        finally:
            pool.close()

    started = time.monotonic()
    outcomes, pool = asyncio.run(run())
    assert time.monotonic() - started < 60  # 1 CPU-s budgets; generous for a loaded machine
    spin, hog, *healthy = outcomes
    assert isinstance(spin, ParseFailed)
    assert str(spin).startswith("parse exceeded") and "1 s CPU" in str(spin)  # or wall backstop
    assert isinstance(hog, ParseFailed) and str(hog) == "parse exceeded 256 MB"
    expected = parse_document("ics", body, ctx, 10)
    assert all(result == expected for result in healthy)
    assert pool.replaced == 2 and pool.started >= 3  # both broken workers were replaced


@pytest.mark.issue19(1)
def test_a_cached_document_never_reaches_the_pool(tmp_path: Path) -> None:
    path = FIXTURES / "tribe" / "events_page1.json"
    calls: list[str] = []

    async def parse(fmt: str, body: bytes, ctx: ParseContext, limit: int):  # noqa: ANN202
        calls.append(fmt)
        return parse_document(fmt, body, ctx, limit)

    async def twice() -> list[bool]:
        reused = []
        for _ in range(2):
            _, hit = await parse_cached_async("tribe", path.read_bytes(), _ctx(path), tmp_path,
                                              parse)
            reused.append(hit)
        return reused

    assert asyncio.run(twice()) == [False, True]
    assert calls == ["tribe"]


@pytest.mark.issue19(1)
def test_a_parser_exception_is_a_named_failure_and_the_worker_stays() -> None:
    async def run() -> tuple[BaseException | None, ParsePool]:
        pool = ParsePool(1)
        try:
            with pytest.raises(ParseFailed) as caught:
                await pool.parse("no-such-format", b"", _ctx(Path("x.ics")), 10)
            return caught.value, pool
        finally:
            pool.close()

    error, pool = asyncio.run(run())
    assert "parser failed: KeyError" in str(error)
    assert pool.replaced == 0
