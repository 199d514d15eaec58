"""The operator page's checks of each suggestion: likely duplicates already on the map and the
classifier's reading of the kind, as the pipeline saved them (pipelines/submissions/reviews.py).

The dashboard does not run the classifier or the dedup rules (docs/architecture.md): it shows
the last saved review and says plainly when there is none yet or it predates the last edit.
Titles and cities come from organizers and crawled pages: shown with st.text, never as HTML.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from dashboard.safe_text import escape_markdown, one_line
from pipelines.submissions.model import KIND_LABELS
from pipelines.submissions.reviews import Review
from pipelines.submissions.store import StoredSubmission

RECHECK = "re-check with `peermap submissions list` or wait for the next refresh"
NOT_CHECKED = ("Not checked yet: likely duplicates and the classifier check are computed after "
               f"each refresh; {RECHECK}.")


@dataclass(frozen=True)
class ReviewView:
    """What the page shows for one suggestion (plain data, so it is testable without Streamlit)."""

    status: str  # missing | stale | current
    note: str  # when it was checked, or why there is no check
    kind_flag: str | None  # the classifier disagrees: the organizer's kind is kept
    kind_ok: str | None  # the classifier agrees
    duplicates: list[str]  # one plain-text line per likely duplicate


def review_view(item: StoredSubmission, review: Review | None) -> ReviewView:
    if review is None:
        return ReviewView("missing", NOT_CHECKED, None, None, [])
    status = "current" if review.is_current(item) else "stale"
    against = f" against the snapshot published {review.snapshot}" if review.snapshot else \
        " (no published snapshot yet)"
    note = f"Checked {review.checked_at}{against}."
    if status == "stale":
        note = f"Checked {review.checked_at}, before the last change: {RECHECK}."
    kind_ok = None
    if review.kind_flag is None:
        label = KIND_LABELS.get(review.classified_kind, review.classified_kind)
        kind_ok = f"Kind check: the classifier agrees ({label})."
    lines = [f"Likely duplicate of {d.id} ({one_line(d.source_id, 60)}): "
             f"{one_line(d.title, 120)} — {one_line(d.city, 60)}" for d in review.duplicates]
    return ReviewView(status, note, review.kind_flag, kind_ok, lines)


def approval_reason(view: ReviewView) -> str:
    """The history line an approval keeps (like `peermap submissions approve`)."""
    return (view.kind_flag or "") if view.status == "current" else ""


def show_review(view: ReviewView) -> None:
    if view.status == "current":
        st.caption(escape_markdown(view.note))
    else:
        st.info(view.note)
    if view.kind_flag:
        st.warning("Kind check: " + escape_markdown(view.kind_flag) +
                   escape_markdown(" — the organizer's kind is what gets published."))
    elif view.kind_ok:
        st.caption(escape_markdown(view.kind_ok))
    if view.duplicates:
        st.warning("Likely already on the map: consider rejecting as a duplicate "
                   "(\"duplicate of pm\\_…\") instead of approving.")
        st.text("\n".join(view.duplicates))
    elif view.status != "missing":
        st.caption("No likely duplicate on the map.")
