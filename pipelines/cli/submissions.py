"""`peermap submissions …`: moderate what organizers suggested (list, show, approve, reject,
remove). Reads and writes the submission store; a change reaches the map at the next run.
`list` and `show` also save their checks (duplicates, classifier) for the operator page."""

from __future__ import annotations

from typing import Annotated

import typer

from pipelines.cli.options import AsOf, DataDir, fail
from pipelines.core.config import resolve_as_of, resolve_data_dir

submissions_app = typer.Typer(help="Moderate listings suggested by organizers.",
                              no_args_is_help=True)
SubmissionId = Annotated[int, typer.Argument(help="The submission number (see `list`).")]


def _open(data_dir: str | None):  # noqa: ANN202 - a SubmissionStore, imported lazily
    from pipelines.submissions.store import SubmissionStore

    return SubmissionStore(resolve_data_dir(data_dir).submissions)


def _when(item) -> str:  # noqa: ANN001
    sub = item.submission
    return f"{sub.pattern} from {sub.date} {sub.time} {sub.timezone}"


@submissions_app.command("list")
def submissions_list(
    status: Annotated[list[str] | None, typer.Option(
        "--status", help="pending, approved, rejected, expired or removed (repeatable).")] = None,
    data_dir: DataDir = None,
    as_of: AsOf = None,
) -> None:
    """One line per submission; pending ones show likely duplicates already on the map."""
    from pipelines.publish.submission_review import Reviewer
    from pipelines.submissions.store import SubmissionError

    paths = resolve_data_dir(data_dir)
    with _open(data_dir) as store:
        try:
            items = store.list(tuple(status) if status else None)
        except SubmissionError as exc:
            fail(str(exc))
        reviewer = Reviewer(paths.published, resolve_as_of(as_of)) if any(
            i.state == "pending" for i in items) else None
        reviews = {r.submission_id: r for r in reviewer.save(store, items)} if reviewer else {}
    if not items:
        typer.echo("no submissions" + (f" with status {', '.join(status)}" if status else ""))
    for item in items:
        sub = item.submission
        typer.echo(f"#{item.id:<5} {item.state:<9} {sub.kind:<14} {sub.title[:50]:<50} "
                   f"{sub.city}, {sub.region}  submitted {item.submitted_at[:10]}")
        if item.state == "pending" and item.id in reviews:
            for dup in reviews[item.id].duplicates:
                typer.echo(f"        likely duplicate of {dup.id} ({dup.source_id}): "
                           f"{dup.title[:60]} — {dup.city}")


@submissions_app.command("show")
def submissions_show(submission_id: SubmissionId, data_dir: DataDir = None,
                     as_of: AsOf = None) -> None:
    """Everything an operator needs to decide, without the submitter's private email."""
    from pipelines.publish.submission_review import Reviewer
    from pipelines.submissions.reviews import save_reviews
    from pipelines.submissions.store import SubmissionError

    paths = resolve_data_dir(data_dir)
    with _open(data_dir) as store:
        try:
            item = store.get(submission_id)
        except SubmissionError as exc:
            fail(str(exc))
        history = store.history(submission_id)
        review = Reviewer(paths.published, resolve_as_of(as_of)).review(item)
        save_reviews(store, [review])
    typer.echo(f"#{item.id} {item.state}  confirmed {item.confirmed_day or 'never'}")
    typer.echo(f"when: {_when(item)}, {item.submission.duration_min} min")
    for key, value in item.submission.public_dict().items():
        typer.echo(f"  {key}: {value}")
    typer.echo(f"check: {review.kind_flag or f'the classifier agrees ({review.classified_kind})'}")
    for dup in review.duplicates:
        typer.echo(f"likely duplicate of {dup.id} ({dup.source_id}): {dup.title} — {dup.city}; "
                   "consider rejecting it as a duplicate instead of approving")
    typer.echo("history:")
    for event in history:
        why = f" — {event['reason']}" if event["reason"] else ""
        typer.echo(f"  {event['at']}  {event['event']:<9} {event['from_state'] or '-'} → "
                   f"{event['to_state']} by {event['actor']}{why}")


def _move(submission_id: int, event: str, reason: str, data_dir: str | None,
          as_of: str | None) -> None:
    from pipelines.submissions.states import TransitionError
    from pipelines.submissions.store import SubmissionError

    with _open(data_dir) as store:
        try:
            item = store.transition(submission_id, event, resolve_as_of(as_of), actor="operator",
                                    reason=reason)
        except (SubmissionError, TransitionError) as exc:
            fail(str(exc))
    typer.echo(f"#{item.id} is now {item.state}; the map changes at the next `peermap run`")


@submissions_app.command("approve")
def submissions_approve(submission_id: SubmissionId, data_dir: DataDir = None,
                        as_of: AsOf = None) -> None:
    """Approve a pending submission: it is published by the next run."""
    from pipelines.publish.submission_review import Reviewer

    with _open(data_dir) as store:
        try:
            item = store.get(submission_id)
        except LookupError as exc:
            fail(str(exc))
    flag = Reviewer(resolve_data_dir(data_dir).published, resolve_as_of(as_of)).kind_check(item)
    if flag:
        typer.echo(f"check: {flag}")
    _move(submission_id, "approved", flag or "", data_dir, as_of)


@submissions_app.command("reject")
def submissions_reject(
    submission_id: SubmissionId,
    why: Annotated[str, typer.Option("--why", help="The reason (kept in the history).")],
    data_dir: DataDir = None,
    as_of: AsOf = None,
) -> None:
    """Reject a pending submission, with a reason."""
    if not why.strip():
        fail("--why needs a reason")
    _move(submission_id, "rejected", why.strip(), data_dir, as_of)


@submissions_app.command("remove")
def submissions_remove(
    submission_id: SubmissionId,
    why: Annotated[str, typer.Option("--why", help="The reason (kept in the history).")] = "",
    data_dir: DataDir = None,
    as_of: AsOf = None,
) -> None:
    """Remove a submission; its listing is suppressed at the next run."""
    _move(submission_id, "removed", why.strip() or "removed by an operator", data_dir, as_of)
