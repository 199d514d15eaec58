"""In Chromium: fill and send the form → pending in the CLI → approve → run → on the map with
its provenance, exported without the submitter email → manage link confirms and removes it."""

from __future__ import annotations

import re

import duckdb
import pytest
from typer.testing import CliRunner

from pipelines.cli.main import app
from tests.support.browser import offline_page, streamlit_server

# Three `peermap run`s, a Prefect harness and a Streamlit server: more than the suite default.
pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]
AS_OF = "2026-03-02T15:00:00+00:00"
TITLE = "Prairie Peer Consultation Circle"
EMAIL = "only.for.the.operator@private.example"
REGISTRY = """
[[source]]
id = "submissions"
name = "Suggested by organizers"
url = "https://peermap.example.org/Suggest_a_listing"
format = "submissions"
"""


def _cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output + (result.stderr or "")
    return result.output


def _pick(page, label: str, option: str) -> None:
    box = page.locator("[data-testid='stSelectbox']").filter(has_text=label).first
    box.click()
    page.keyboard.type(option)
    page.keyboard.press("Enter")


def test_suggest_approve_run_map_manage(tmp_path, prefect_harness, chromium):
    registry = tmp_path / "sources.toml"
    registry.write_text(REGISTRY)
    data = str(tmp_path)
    _cli("run", "--sources", str(registry), "--data-dir", data, "--as-of", AS_OF)
    with streamlit_server(tmp_path, AS_OF) as url, offline_page(chromium) as page:
        page.goto(url + "/Suggest_a_listing")
        page.get_by_label("Title").fill(TITLE)
        page.get_by_label("Street address").fill("100 Main St")
        page.get_by_label("City", exact=True).fill("Fredericksburg")
        _pick(page, "State", "TX")
        page.get_by_label("ZIP code").fill("78624")
        page.get_by_label("Organizer name").fill("Dana Ortiz")
        page.get_by_label("Public contact (email or https:// link)").fill("dana@example.org")
        page.get_by_label(re.compile("^Your email")).fill(EMAIL)
        page.get_by_text("I run or help run this group").click()
        page.get_by_role("button", name="Check and preview").click()
        page.get_by_role("button", name="Send").click()
        page.get_by_text("is waiting for review").wait_for()
        code = page.locator("[data-testid='stCode']").inner_text()
        token = code.split("token=", 1)[1].strip()

        assert TITLE in _cli("submissions", "list", "--status", "pending", "--data-dir", data)
        sid = re.search(r"#(\d+)", _cli("submissions", "list", "--data-dir", data)).group(1)
        _cli("submissions", "approve", sid, "--data-dir", data, "--as-of", AS_OF)
        _cli("run", "--sources", str(registry), "--data-dir", data, "--as-of", AS_OF)

        page.goto(url)
        page.get_by_text(TITLE).first.wait_for()
        page.get_by_text("Suggested by the organizer, confirmed on 2026-03-02").first.wait_for()
        folder = next((tmp_path / "exports").iterdir())
        for name in ("listings.csv", "listings.geojson", "listings.ics"):
            text = (folder / name).read_text("utf-8")
            assert TITLE in text.replace("\r\n ", "") and EMAIL not in text

        page.goto(f"{url}/Manage_your_listing?token={token}")
        page.get_by_role("button", name="Still meeting: confirm").click()
        page.get_by_text("Thank you: confirmed").wait_for()
        page.get_by_text("Yes, remove this listing from PeerMap").click()
        page.get_by_role("button", name="Remove").click()
        page.get_by_text("Removed: it is off the map now").wait_for()
        page.goto(url)  # no run since the removal: the snapshot still holds it, the map does not
        page.get_by_text("Data published").wait_for()
        assert page.get_by_text(TITLE).count() == 0

    _cli("run", "--sources", str(registry), "--data-dir", data, "--as-of", AS_OF)
    con = duckdb.connect(str(tmp_path / "published" / "peermap.duckdb"), read_only=True)
    assert con.execute("SELECT count(*) FROM listings").fetchone()[0] == 0
    con.close()
