"""The crawl fan-out on a local two-worker Dask cluster: every source's listings are published."""

import pickle
import sys
import types
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from pipelines.core.registry import load_registry
from pipelines.core.results import SourceResult
from pipelines.crawl.runner import CrawlResult
from pipelines.flows.refresh import make_task_runner, refresh_flow_for
from spiders.items import RawItem
from tests.support.fixture_server import FixtureServer, Route

AS_OF = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)


def ics(uid: str, day: str, title: str) -> bytes:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//PeerMap tests//EN", "BEGIN:VEVENT",
             f"UID:{uid}", "DTSTAMP:20261101T000000Z", f"DTSTART:202611{day}T180000Z",
             f"DTEND:202611{day}T190000Z", f"SUMMARY:{title}", "LOCATION:Austin, TX 78701",
             "END:VEVENT", "END:VCALENDAR"]
    return ("\r\n".join(lines) + "\r\n").encode()


FEEDS = {
    "alpha": ics("a1", "10", "EMDR peer consultation group"),
    "beta": ics("b1", "12", "DBT consultation team for clinicians"),
    "gamma": ics("g1", "14", "LPC-Associate group supervision, sliding scale"),
}


def write_registry(tmp_path: Path, base: str) -> Path:
    text = '[settings]\ncontact_url = "https://example.org/tests"\nsource_retries = 0\n'
    for sid in FEEDS:
        text += (f'\n[[source]]\nid = "{sid}"\nname = "{sid}"\nurl = "{base}/{sid}.ics"\n'
                 'format = "ics"\ntimezone = "America/Chicago"\nregion = "TX"\ntimeout_s = 5.0\nallow_private = true\n')
    path = tmp_path / "sources.toml"
    path.write_text(text)
    return path


def test_task_arguments_and_results_pickle(tmp_path):
    registry = load_registry(write_registry(tmp_path, "http://127.0.0.1:9"))
    source = registry.sources[0]
    item = RawItem(source_id=source.id, format="ics", source_url=source.url, title="x")
    crawl = CrawlResult(source_id=source.id, raw_items=[item])
    for value in (registry, registry.settings, source, crawl,
                  SourceResult(source=source, ok=True)):
        assert pickle.loads(pickle.dumps(value)) == value


def test_dask_address_selects_the_dask_runner():
    runner = make_task_runner(2, dask_address="tcp://127.0.0.1:8786")
    assert type(runner).__name__ == "DaskTaskRunner"


def test_two_dask_workers_publish_every_source(tmp_path, prefect_harness, monkeypatch):
    # Worker processes are spawned, and spawn re-imports `__main__` from its file. Earlier tests
    # (Streamlit's AppTest) may have left a dashboard page there; workers must not re-run it.
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    routes = {f"/{sid}.ics": Route(body, content_type="text/calendar") for sid, body in FEEDS.items()}
    cluster = {"n_workers": 2, "threads_per_worker": 1, "processes": True,
               "dashboard_address": None}
    with FixtureServer(routes) as server:
        flow = refresh_flow_for(dask_cluster_kwargs=cluster)
        report = flow(registry_path=str(write_registry(tmp_path, server.base_url)),
                      data_dir=str(tmp_path), as_of=AS_OF.isoformat(), fast=True, export=False)
    con = duckdb.connect(str(tmp_path / "published" / "peermap.duckdb"), read_only=True)
    try:
        published = dict(con.execute(
            "SELECT source_id, count(*) FROM listings GROUP BY source_id").fetchall())
    finally:
        con.close()
    assert published == {"alpha": 1, "beta": 1, "gamma": 1}
    assert {row["source"]: row["health"] for row in report["sources"]} == dict.fromkeys(FEEDS, "ok")
