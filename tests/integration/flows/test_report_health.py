"""Per-source health through the store and the report: shrinking is degraded, empty is broken."""

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.cli.main import app
from pipelines.cli.run import last_run_report
from pipelines.core.config import Paths
from pipelines.core.registry import Registry, load_registry
from pipelines.crawl.runner import CrawlResult
from pipelines.flows.report import report_dict, report_markdown
from pipelines.ingest.source import ingest_source
from pipelines.store import Store
from spiders.items import RawItem

AS_OF = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)
SOURCES = ("steady", "shrinking", "vanishing")


def write_registry(tmp_path: Path) -> Registry:
    text = '[settings]\ncontact_url = "https://example.org/tests"\n'
    for sid in SOURCES:
        text += (f'\n[[source]]\nid = "{sid}"\nname = "{sid}"\n'
                 f'url = "http://127.0.0.1:9/{sid}.ics"\nformat = "ics"\n'
                 'timezone = "America/Chicago"\nregion = "TX"\nallow_private = true\n')
    path = tmp_path / "sources.toml"
    path.write_text(text)
    return load_registry(path)


def crawl(sid: str, count: int) -> CrawlResult:
    items = [
        RawItem(source_id=sid, format="ics", source_url=f"http://127.0.0.1:9/{sid}.ics",
                title=f"Peer consultation group {sid} {n}", uid=f"{sid}-{n}",
                start=f"2026-11-{10 + n:02d}T18:00:00-06:00",
                end=f"2026-11-{10 + n:02d}T19:00:00-06:00", location_text="Online via Zoom")
        for n in range(count)
    ]
    return CrawlResult(source_id=sid, raw_items=items, documents=1)


def record(store: Store, registry: Registry, run: int, counts: dict[str, int]):
    as_of = AS_OF + timedelta(days=run)
    results = [ingest_source(crawl(s.id, counts[s.id]), s, as_of=as_of, settings=registry.settings)
               for s in registry.sources]
    return store.record_run(f"run-{run}", as_of, results)


@pytest.fixture(scope="module")
def last_run(tmp_path_factory):
    """Three runs with 10/10/4 items, then one with 10/4/0."""
    tmp = tmp_path_factory.mktemp("health")
    registry = write_registry(tmp)
    paths = Paths(tmp).ensure()
    with Store(paths.store) as store:
        store.sync_sources(registry.sources)
        for run in range(3):
            record(store, registry, run, {"steady": 10, "shrinking": 10, "vanishing": 4})
        summary = record(store, registry, 3, {"steady": 10, "shrinking": 4, "vanishing": 0})
    report = report_dict(summary, None)
    return paths, {row["source"]: row for row in report["sources"]}, summary


def test_steady_source_is_ok(last_run):
    _, rows, _ = last_run
    assert rows["steady"]["health"] == "ok" and rows["steady"]["parsed"] == 10


def test_count_falling_by_more_than_half_is_degraded(last_run):
    _, rows, _ = last_run
    assert rows["shrinking"]["health"] == "degraded"
    assert "below half" in rows["shrinking"]["reason"]


def test_zero_items_where_there_were_some_is_broken(last_run):
    _, rows, _ = last_run
    assert rows["vanishing"]["health"] == "broken"
    assert rows["vanishing"]["reason"].startswith("0 items")


def test_markdown_report_names_unhealthy_sources(last_run):
    _, _, summary = last_run
    markdown = report_markdown(summary, None)
    assert "**shrinking** (degraded)" in markdown and "**vanishing** (broken)" in markdown


def test_last_run_report_reads_the_newest_run_from_the_store(last_run):
    paths, rows, _ = last_run
    stored = last_run_report(paths)
    assert stored["run_id"] == "run-3"
    assert {r["source"]: r["health"] for r in stored["sources"]} == {
        sid: rows[sid]["health"] for sid in SOURCES}


def test_peermap_report_prints_json_from_the_store(last_run):
    paths, _, _ = last_run
    result = CliRunner().invoke(app, ["report", "--json", "--data-dir", str(paths.data_dir)])
    assert result.exit_code == 0, result.output
    health = {r["source"]: r["health"] for r in json.loads(result.output)["sources"]}
    assert health == {"shrinking": "degraded", "steady": "ok", "vanishing": "broken"}


def test_peermap_report_without_runs_says_so(tmp_path):
    result = CliRunner().invoke(app, ["report", "--data-dir", str(tmp_path)])
    assert result.exit_code == 1 and "no run recorded yet" in result.output
