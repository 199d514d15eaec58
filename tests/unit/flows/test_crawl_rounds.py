"""Retry rounds of the flow's crawl stage, with a scripted crawl in place of Scrapy."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipelines.core.registry import Settings, Source
from pipelines.crawl.result import CrawlResult
from pipelines.flows.crawl_rounds import crawl_with_retries, retry_delays
from pipelines.flows.crawl_stage import make_batches

AS_OF = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)
SETTINGS = Settings(source_retries=2, retry_delay_s=10.0)

pytestmark = pytest.mark.issue19(10)


def source(sid: str) -> Source:
    return Source(id=sid, name=sid, url=f"http://127.0.0.1:9/{sid}.ics", format="ics")


class ScriptedCrawl:
    """Fails each source for its first `failures[sid]` crawls; records every call."""

    def __init__(self, failures: dict[str, int], crash_first: bool = False) -> None:
        self.failures, self.crash_first = dict(failures), crash_first
        self.calls: list[list[str]] = []

    def __call__(self, sources, settings, data_dir, *, as_of, fast=False, on_done=None):
        ids = [s.id for s in sources]
        self.calls.append(ids)
        if self.crash_first and len(self.calls) == 1:
            raise RuntimeError("runner blew up")
        out = {}
        for sid in ids:
            result = CrawlResult(source_id=sid, documents=1)
            if self.failures.get(sid, 0) > 0:
                self.failures[sid] -= 1
                result.fail("HTTP 503")
            if on_done:
                on_done(result)
            out[sid] = result
        return out


def run(crawl, sources, settings=SETTINGS, **kwargs):
    waits: list[float] = []
    finals: list[tuple[str, bool, int]] = []
    results = crawl_with_retries(
        sources, settings, Path("/nonexistent"), as_of=AS_OF, crawl=crawl, sleep=waits.append,
        on_final=lambda r: finals.append((r.source_id, r.ok, r.attempts)), **kwargs)
    return results, waits, finals


def test_only_failed_sources_are_crawled_again():
    crawl = ScriptedCrawl({"b": 1})
    run(crawl, [source("a"), source("b"), source("c")])
    assert crawl.calls == [["a", "b", "c"], ["b"]]


def test_retried_source_keeps_its_attempt_count_and_last_result():
    results, _, _ = run(ScriptedCrawl({"b": 1}), [source("a"), source("b")])
    assert (results["a"].attempts, results["b"].attempts, results["b"].ok) == (1, 2, True)


def test_retry_rounds_wait_with_backoff():
    _, waits, _ = run(ScriptedCrawl({"b": 5}), [source("b")])
    assert waits == [10.0, 40.0]


def test_source_failing_every_round_ends_failed_after_all_retries():
    results, _, finals = run(ScriptedCrawl({"b": 5}), [source("b")])
    assert (results["b"].ok, results["b"].attempts, results["b"].error_reason) == (
        False, 3, "HTTP 503")
    assert finals == [("b", False, 3)]


def test_each_source_is_reported_once_when_final():
    _, _, finals = run(ScriptedCrawl({"b": 1}), [source("a"), source("b")])
    assert finals == [("a", True, 1), ("b", True, 2)]


def test_results_come_back_in_source_order():
    results, _, _ = run(ScriptedCrawl({"a": 1}), [source("a"), source("b")])
    assert list(results) == ["a", "b"]


def test_crashed_crawl_fails_its_sources_with_the_reason():
    crawl = ScriptedCrawl({}, crash_first=True)
    results, _, _ = run(crawl, [source("a")], settings=Settings(source_retries=0))
    assert results["a"].error_reason == "crawler crashed: RuntimeError: runner blew up"


def test_sources_of_a_crashed_crawl_are_retried():
    results, _, _ = run(ScriptedCrawl({}, crash_first=True), [source("a")])
    assert (results["a"].ok, results["a"].attempts) == (True, 2)


def test_no_retries_means_one_round():
    crawl = ScriptedCrawl({"a": 1})
    results, waits, _ = run(crawl, [source("a")], settings=Settings(source_retries=0))
    assert (crawl.calls, waits, results["a"].ok) == ([["a"]], [], False)


def test_fast_mode_keeps_retries_with_short_waits():
    assert retry_delays(SETTINGS, fast=True) == [0.2, 0.8]


def test_batches_split_in_registry_order():
    batches = make_batches([source(s) for s in "abcde"], 2)
    assert [[s.id for s in b.sources] for b in batches] == [["a", "b"], ["c", "d"], ["e"]]
    assert batches[2].name == "3/3 (1 sources)"


def test_no_batch_size_means_one_batch():
    assert [len(b.sources) for b in make_batches([source(s) for s in "abc"], None)] == [3]
