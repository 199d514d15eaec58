"""The refresh flow runs every Scrapy crawl of a run in one thread, and retries a failed source
inside its crawl task (issue 19 finding 10: Scrapy in several threads failed healthy sources)."""

import threading
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest
from scrapy.crawler import Crawler

from pipelines.flows import refresh as flows
from pipelines.flows.refresh import refresh_flow
from spiders.spiders.feed import SourceCrawl
from tests.support.fixture_server import FixtureServer, Route

AS_OF = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)
SOURCES = ("alpha", "beta", "gamma", "delta", "flaky")

pytestmark = pytest.mark.issue19(10)


def ics(uid: str, title: str) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//PeerMap tests//EN", "BEGIN:VEVENT",
             f"UID:{uid}", "DTSTAMP:20261101T000000Z", "DTSTART:20261110T180000Z",
             "DTEND:20261110T190000Z", f"SUMMARY:{title}", "LOCATION:Austin, TX 78701",
             "END:VEVENT", "END:VCALENDAR"]
    return ("\r\n".join(lines) + "\r\n").encode()


def write_registry(tmp_path: Path, base: str) -> Path:
    text = ('[settings]\ncontact_url = "https://example.org/tests"\nsource_retries = 1\n'
            'retry_delay_s = 0.1\n')
    for sid in SOURCES:
        text += (f'\n[[source]]\nid = "{sid}"\nname = "{sid}"\nurl = "{base}/{sid}.ics"\n'
                 'format = "ics"\ntimezone = "America/Chicago"\nregion = "TX"\n'
                 'timeout_s = 30.0\nallow_private = true\n')
    path = tmp_path / "sources.toml"
    path.write_text(text)
    return path


def fails_once(server: FixtureServer, path: str, good: bytes) -> Route:
    """A route that answers 404 (not retried by the downloader, so the source's crawl fails)
    to its first request and the real feed to every later one."""
    def body() -> bytes:
        server.routes[path] = Route(good, content_type="text/calendar")
        return b"not yet"

    return Route(body, status=404, conditional=False)


@pytest.fixture(scope="module")
def run(tmp_path_factory, prefect_harness):
    tmp = tmp_path_factory.mktemp("oneloop")
    threads: list[tuple[str, int]] = []
    original_post_init, original_crawler_init = SourceCrawl.__post_init__, Crawler.__init__

    def recording_post_init(self):  # a source's crawl state is made on its crawl's loop
        threads.append((self.spec.source_id, threading.get_ident()))
        original_post_init(self)

    def recording_crawler_init(self, *args, **kwargs):
        threads.append(("<crawler>", threading.get_ident()))
        original_crawler_init(self, *args, **kwargs)

    progress: list[tuple[str, bool, int, int]] = []
    # A short delay on every feed keeps the crawls in flight together, as under load.
    routes = {f"/{sid}.ics": Route(ics(sid, f"EMDR peer consultation {sid}"), delay_s=0.3,
                                   content_type="text/calendar") for sid in SOURCES}
    with FixtureServer(routes) as server:
        server.routes["/flaky.ics"] = fails_once(server, "/flaky.ics",
                                                 ics("flaky", "EMDR peer consultation flaky"))
        mp = pytest.MonkeyPatch()
        mp.setattr(SourceCrawl, "__post_init__", recording_post_init)
        mp.setattr(Crawler, "__init__", recording_crawler_init)
        flows.progress_hooks.append(lambda *args: progress.append(args))
        try:
            report = refresh_flow(registry_path=str(write_registry(tmp, server.base_url)),
                                  data_dir=str(tmp), as_of=AS_OF.isoformat(), fast=True,
                                  export=False)
        finally:
            mp.undo()
            flows.progress_hooks.clear()
    rows = {row["source"]: row for row in report["sources"]}
    return tmp, threads, rows, progress


def test_every_scrapy_crawl_ran_on_one_thread(run):
    _, threads, _, _ = run
    assert {*SOURCES, "<crawler>"} <= {sid for sid, _ in threads}
    assert len({ident for _, ident in threads}) == 1


def test_source_failing_once_is_crawled_again(run):
    _, threads, rows, _ = run
    assert [sid for sid, _ in threads].count("flaky") == 2
    assert rows["flaky"]["attempts"] == 2 and rows["alpha"]["attempts"] == 1


def test_source_failing_once_is_published(run):
    data_dir, _, rows, _ = run
    con = duckdb.connect(str(data_dir / "published" / "peermap.duckdb"), read_only=True)
    try:
        titles = [r[0] for r in con.execute(
            "SELECT title FROM listings WHERE source_id = 'flaky'").fetchall()]
    finally:
        con.close()
    assert titles == ["EMDR peer consultation flaky"] and rows["flaky"]["health"] == "ok"


def test_progress_names_each_source_once_with_its_final_outcome(run):
    _, _, _, progress = run
    assert sorted(p[0] for p in progress) == sorted(SOURCES)
    assert all(ok for _, ok, _, _ in progress)
    assert [done for _, _, done, _ in progress] == [1, 2, 3, 4, 5]
    assert {total for *_, total in progress} == {len(SOURCES)}
