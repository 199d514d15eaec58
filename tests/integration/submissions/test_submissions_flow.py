"""Approved submission → `peermap run` → published with provenance, exported without the
submitter email; pending shows duplicates; the manage link confirms and removes it."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from pipelines.cli.main import app
from pipelines.submissions.reviews import load_reviews
from pipelines.submissions.store import SubmissionStore
from tests.support.submissions import NOW, REGISTRY, SECRET_EMAIL, stored

AS_OF = "2026-03-03T15:00:00Z"
PROVENANCE = "Suggested by the organizer, confirmed on 2026-03-03"  # approved on AS_OF


def _cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output + (result.stderr or "")
    return result.output


def _published(data: Path) -> list[dict]:
    con = duckdb.connect(str(data / "published" / "peermap.duckdb"), read_only=True)
    try:
        cur = con.execute("SELECT * FROM listings ORDER BY title")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
    finally:
        con.close()


@pytest.fixture(scope="module")
def world(tmp_path_factory, prefect_harness):
    data = tmp_path_factory.mktemp("submissions-flow")
    registry = data / "sources.toml"
    registry.write_text(REGISTRY)
    db = data / "submissions.sqlite3"
    approved, token = stored(db, "pending")
    pending, _ = stored(db, "pending", title="Hill Country DBT Consultation Team",
                        organizer_name="Dana Ortiz, LPC")
    rejected, _ = stored(db, "rejected", title="Spam group", city="Austin",
                         street="1 Congress Ave", postal_code="78701")
    _cli("submissions", "approve", str(approved), "--data-dir", str(data), "--as-of", AS_OF)
    output = _cli("run", "--sources", str(registry), "--data-dir", str(data), "--as-of", AS_OF)
    return {"data": data, "registry": registry, "ids": (approved, pending, rejected),
            "token": token, "run_output": output}


def test_the_approved_submission_is_published_with_provenance(world):
    rows = _published(world["data"])
    assert [r["title"] for r in rows] == ["Hill Country DBT Consultation Team"]
    row = rows[0]
    assert row["source_id"] == "submissions" and row["provenance"] == PROVENANCE
    assert row["kind"] == "consult_group" and row["lat"] is not None
    assert SECRET_EMAIL not in json.dumps(rows, default=str)


def test_every_export_carries_provenance_and_never_the_submitter_email(world):
    folder = next((world["data"] / "exports").iterdir())
    texts = {p.relative_to(folder).as_posix(): p.read_text("utf-8", errors="replace")
             for p in folder.rglob("*") if p.is_file() and p.suffix != ".parquet"}
    assert texts, "no export written"
    for name, text in texts.items():
        assert SECRET_EMAIL not in text, name
    assert PROVENANCE in texts["listings.csv"] and "confirmed_at" in texts["listings.csv"]
    assert PROVENANCE in texts["listings.geojson"]
    ics = texts["listings.ics"].replace("\r\n ", "")  # unfold RFC 5545 lines
    assert "Suggested by the organizer\\, confirmed on 2026-03-03" in ics
    assert PROVENANCE in texts["listings.jsonld"]
    assert PROVENANCE in texts["hsds/service.csv"]


def test_the_run_saves_each_live_suggestions_review_for_the_operator_page(world):
    approved, pending, rejected = world["ids"]  # before `list`, which saves them too
    with SubmissionStore(world["data"] / "submissions.sqlite3") as store:
        reviews = load_reviews(store)
    published_id = _published(world["data"])[0]["id"]
    assert [d.id for d in reviews[pending].duplicates] == [published_id]
    assert reviews[approved].duplicates == [] and rejected not in reviews


def test_list_shows_states_and_a_likely_duplicate_of_the_published_listing(world):
    output = _cli("submissions", "list", "--data-dir", str(world["data"]), "--as-of", AS_OF)
    approved, pending, rejected = world["ids"]
    assert f"#{approved:<5} approved" in output and f"#{rejected:<5} rejected" in output
    assert f"#{pending:<5} pending" in output and "likely duplicate of pm_" in output
    only = _cli("submissions", "list", "--status", "pending", "--data-dir", str(world["data"]))
    assert "approved" not in only and f"#{pending}" in only


def test_show_has_the_history_and_no_private_email(world):
    approved = world["ids"][0]
    output = _cli("submissions", "show", str(approved), "--data-dir", str(world["data"]),
                  "--as-of", AS_OF)
    assert "submitted pending → approved" not in output  # one line per event, not merged
    assert "approved  pending → approved by operator" in output
    assert SECRET_EMAIL not in output


def test_reject_needs_a_reason_and_bad_moves_are_clear_errors(world):
    data = str(world["data"])
    result = CliRunner().invoke(app, ["submissions", "reject", str(world["ids"][2]), "--why",
                                      "again", "--data-dir", data])
    assert result.exit_code == 2 and "cannot mark a rejected submission rejected" in result.stderr
    result = CliRunner().invoke(app, ["submissions", "show", "999", "--data-dir", data])
    assert result.exit_code == 2 and "no submission #999" in result.stderr


def test_manage_link_confirm_then_remove_takes_it_off_the_map(world):
    data, token = world["data"], world["token"]
    with SubmissionStore(data / "submissions.sqlite3") as store:
        item = store.by_token(token)
        store.transition(item.id, "confirmed", NOW.replace(day=4), actor="organizer")
    later = "2026-03-04T15:00:00Z"
    _cli("run", "--sources", str(world["registry"]), "--data-dir", str(data), "--as-of", later)
    assert _published(data)[0]["provenance"].endswith("confirmed on 2026-03-04")
    with SubmissionStore(data / "submissions.sqlite3") as store:
        store.transition(store.by_token(token).id, "removed", NOW.replace(day=4),
                         actor="organizer", reason="group ended")
    _cli("run", "--sources", str(world["registry"]), "--data-dir", str(data), "--as-of", later)
    assert _published(data) == []
    listed = _cli("suppress", "list", "--data-dir", str(data))
    assert "submission #" in listed and "removed" in listed
