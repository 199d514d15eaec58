"""The classifier check flows through the pipeline: an approved suggestion whose text reads as
another kind is published with the organizer's kind, and the disagreement reaches the operator
(the saved review, the run report). A pending twin of it shows the published listing as a
likely duplicate. Plain stage functions, no Prefect: the flow calls the same ones."""

from __future__ import annotations

from datetime import UTC, datetime

import duckdb
import pytest

from pipelines.core.config import Paths
from pipelines.flows.report import report_markdown
from pipelines.flows.stages import review_stage
from pipelines.submissions.reviews import load_reviews
from pipelines.submissions.store import SubmissionStore
from tests.support.submissions import publish_suggestions, stored

AS_OF = datetime(2026, 3, 3, 15, 0, tzinfo=UTC)
FLAG = "classifier reads this as 'consult_group', the organizer chose 'supervision' (kept)"


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    data = tmp_path_factory.mktemp("kind-check")
    paths = Paths(data)
    approved, _ = stored(paths.submissions, "approved", kind="supervision")
    twin, _ = stored(paths.submissions, "pending")  # the same group, suggested again
    summary, published = publish_suggestions(data, AS_OF)
    review = review_stage(paths, AS_OF)
    return {"paths": paths, "ids": (approved, twin), "summary": summary,
            "published": published, "review": review}


def _rows(paths: Paths) -> list[tuple[str, str, str]]:
    con = duckdb.connect(str(paths.published), read_only=True)
    try:
        return con.execute("SELECT id, kind, source_id FROM listings").fetchall()
    finally:
        con.close()


def test_the_organizers_kind_is_published(run):
    rows = _rows(run["paths"])
    assert [(kind, source) for _, kind, source in rows] == [("supervision", "submissions")]


def test_the_disagreement_is_saved_for_the_operator_page(run):
    approved, twin = run["ids"]
    with SubmissionStore(run["paths"].submissions) as store:
        reviews = load_reviews(store)
        item = store.get(approved)
    assert reviews[approved].kind_flag == FLAG
    assert reviews[approved].classified_kind == "consult_group"
    assert reviews[approved].is_current(item)
    assert reviews[twin].kind_flag is None  # the twin says consult_group, like the classifier


def test_the_pending_twin_shows_the_published_listing_as_a_likely_duplicate(run):
    approved, twin = run["ids"]
    published_id = _rows(run["paths"])[0][0]
    with SubmissionStore(run["paths"].submissions) as store:
        reviews = load_reviews(store)
    assert [d.id for d in reviews[twin].duplicates] == [published_id]
    assert reviews[approved].duplicates == []  # never a duplicate of itself


def test_the_run_report_names_the_disagreement(run):
    approved, _ = run["ids"]
    assert run["review"] == {"checked": 2, "with_duplicates": 1,
                             "kind_flags": [f"#{approved}: {FLAG}"]}
    markdown = report_markdown(run["summary"], run["published"], run["review"])
    assert "## Organizers' suggestions" in markdown
    assert f"- kind check #{approved}: {FLAG}" in markdown


def test_no_suggestions_no_report_section(run):
    markdown = report_markdown(run["summary"], run["published"],
                               {"checked": 0, "with_duplicates": 0, "kind_flags": []})
    assert "Organizers' suggestions" not in markdown

