"""The refresh flow over loopback sources: failures are isolated, reported, and lose nothing."""

from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from pipelines.flows.refresh import refresh_flow
from tests.support.fixture_server import FixtureServer, Route

AS_OF = datetime(2026, 11, 2, 12, 0, tzinfo=UTC)


def ics(*events: tuple[str, str, str]) -> bytes:
    body = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//PeerMap tests//EN"]
    for uid, day, title in events:
        body += ["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20261101T000000Z",
                 f"DTSTART:202611{day}T180000Z", f"DTEND:202611{day}T190000Z",
                 f"SUMMARY:{title}", "LOCATION:Austin, TX 78701", "END:VEVENT"]
    return ("\r\n".join([*body, "END:VCALENDAR"]) + "\r\n").encode()


HEALTHY = ics(("h1", "10", "EMDR peer consultation group"),
              ("h2", "12", "DBT consultation team for clinicians"),
              ("h3", "20", "LPC-Associate group supervision, sliding scale"))
FLAKY = ics(("f1", "11", "Play therapy peer consultation"),
            ("f2", "13", "Couples therapists peer support group"))
SLOW = ics(("s1", "14", "IFS peer consultation circle"))


def registry(tmp_path: Path, base: str, slow_timeout_s: float = 30.0) -> Path:
    """Generous per-source timeouts (a loaded machine must not fail a healthy source); only the
    run that tests the timeout gives the slow source a short one."""
    path = tmp_path / "sources.toml"
    entries = [("healthy", "/healthy.ics"), ("flaky", "/flaky.ics"), ("slow", "/slow.ics")]
    text = '[settings]\ncontact_url = "https://example.org/tests"\nsource_retries = 0\n'
    for sid, route in entries:
        text += (f'\n[[source]]\nid = "{sid}"\nname = "{sid}"\nurl = "{base}{route}"\n'
                 f'format = "ics"\ntimezone = "America/Chicago"\nregion = "TX"\n'
                 f'timeout_s = {slow_timeout_s if sid == "slow" else 30.0}\nallow_private = true\n')
    path.write_text(text)
    return path


def published_titles(data_dir: Path, source_id: str) -> set[str]:
    con = duckdb.connect(str(data_dir / "published" / "peermap.duckdb"), read_only=True)
    try:
        rows = con.execute("SELECT title FROM listings WHERE source_id = ?", [source_id]).fetchall()
    finally:
        con.close()
    return {r[0] for r in rows}


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory, prefect_harness):
    """Run 1: every source healthy. Run 2: one answers 500, one times out."""
    tmp = tmp_path_factory.mktemp("flow")
    routes = {"/healthy.ics": Route(HEALTHY), "/flaky.ics": Route(FLAKY), "/slow.ics": Route(SLOW)}
    with FixtureServer(routes) as server:
        reg = registry(tmp, server.base_url)
        first = refresh_flow(registry_path=str(reg), data_dir=str(tmp), as_of=AS_OF.isoformat(),
                             fast=True, export=False)
        server.routes["/flaky.ics"] = Route(b"boom", status=500)
        server.routes["/slow.ics"] = Route(SLOW, delay_s=3.0)
        reg = registry(tmp, server.base_url, slow_timeout_s=1.0)
        second = refresh_flow(registry_path=str(reg), data_dir=str(tmp),
                              as_of=AS_OF.replace(hour=18).isoformat(), fast=True, export=False)
    return tmp, first, {row["source"]: row for row in second["sources"]}, second


def test_first_run_publishes_every_source(two_runs):
    _, first, _, _ = two_runs
    assert first["published"]["listings"] == 6


def test_healthy_source_is_published_in_full(two_runs):
    data_dir, _, _, _ = two_runs
    assert published_titles(data_dir, "healthy") == {
        "EMDR peer consultation group", "DBT consultation team for clinicians",
        "LPC-Associate group supervision, sliding scale"}


def test_failing_sources_keep_previous_listings(two_runs):
    data_dir, _, _, _ = two_runs
    assert len(published_titles(data_dir, "flaky")) == 2
    assert published_titles(data_dir, "slow") == {"IFS peer consultation circle"}


def test_report_marks_500_broken_with_reason(two_runs):
    _, _, rows, _ = two_runs
    assert rows["flaky"]["health"] == "broken"
    assert "HTTP 500" in rows["flaky"]["reason"]


def test_report_marks_timeout_broken_with_reason(two_runs):
    _, _, rows, _ = two_runs
    assert rows["slow"]["health"] == "broken"
    assert "timeout" in rows["slow"]["reason"].lower() or "timed out" in rows["slow"]["reason"]


def test_run_status_is_partial_not_failed(two_runs):
    _, _, rows, second = two_runs
    assert second["status"] == "partial" and rows["healthy"]["health"] == "ok"


def test_report_markdown_names_each_failure(two_runs):
    _, _, _, second = two_runs
    assert "**flaky** (broken)" in second["markdown"] and "**slow** (broken)" in second["markdown"]
