"""Builders for submission tests: a valid form, a stored submission, a registry with the source."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pipelines.core.results import PublishSummary, RunSummary
from pipelines.submissions.model import Submission
from pipelines.submissions.store import SubmissionStore
from pipelines.submissions.validate import check_form

TODAY = date(2026, 3, 2)  # a Monday
NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
SECRET_EMAIL = "private.submitter@example.net"
# A registry with only the submissions source (format "submissions").
REGISTRY = """
[settings]
submission_ttl_days = 120

[[source]]
id = "submissions"
name = "Suggested by organizers"
url = "https://peermap.example.org/Suggest_a_listing"
format = "submissions"
terms = "Submitted by the organizers, with their consent."
"""


def good_form(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "kind": "consult_group", "title": "Hill Country DBT Consultation Team",
        "description": "A weekly DBT consultation team for clinicians in rural Texas.",
        "pattern": "weekly", "date": "2026-03-10", "time": "12:00", "duration_min": 60,
        "timezone": "America/Chicago", "attendance_mode": "in_person",
        "venue_name": "Library meeting room", "street": "100 Main St", "city": "Fredericksburg",
        "region": "TX", "postal_code": "78624", "hide_address": False,
        "online_url": "", "publish_online_url": False, "cost_type": "free",
        "ce_credits": None, "audience": ["counselor", "social_worker"],
        "associates_welcome": True, "modalities": ["DBT"], "languages": ["en"],
        "accepting_members": "open", "organizer_name": "Dana Ortiz, LPC",
        "public_contact": "dana@example.org", "publish_contact": True,
        "submitter_email": SECRET_EMAIL, "consent": True,
    }
    values.update(changes)
    return values


def good_submission(**changes: Any) -> Submission:
    sub, errors = check_form(good_form(**changes), today=TODAY)
    assert errors == {} and sub is not None, errors
    return sub


def stored(path: Path, state: str = "pending", **changes: Any) -> tuple[int, str]:
    """A submission stored and moved to `state`; returns (id, manage token)."""
    with SubmissionStore(path) as store:
        sid, token = store.submit(good_submission(**changes), NOW)
        if state in ("approved", "expired"):
            store.transition(sid, "approved", NOW, actor="operator")
        if state == "expired":
            store.transition(sid, "expired", NOW, actor="system")
        if state in ("rejected", "removed"):
            store.transition(sid, state, NOW, actor="operator", reason="test")
    return sid, token


def publish_suggestions(data: Path, as_of: datetime, run_id: str = "run-1"
                        ) -> tuple[RunSummary, PublishSummary]:
    """One refresh of the REGISTRY's submissions source through the plain stage functions (the
    flow calls the same ones): read approved rows, ingest, geocode, store, publish."""
    from pipelines.core.config import Paths
    from pipelines.core.registry import load_registry
    from pipelines.crawl.submissions_source import crawl_submission_sources
    from pipelines.flows.stages import store_and_publish
    from pipelines.ingest.source import ingest_source

    (data / "sources.toml").write_text(REGISTRY)
    registry = load_registry(data / "sources.toml")
    crawls, _ = crawl_submission_sources(registry.sources, registry.settings, data, as_of=as_of)
    results = [ingest_source(crawls[s.id], s, as_of=as_of, settings=registry.settings)
               for s in registry.sources]
    return store_and_publish(Paths(data), run_id, as_of, results, registry=registry)
