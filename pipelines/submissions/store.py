"""The submission store: one SQLite file in WAL mode (docs/data-model.md says why).

The dashboard writes it (new suggestions, organizer confirm/edit/remove), the CLI moderates
it, the crawl stage reads approved rows. WAL lets those readers run while one writer commits;
`busy_timeout` makes a second writer wait instead of failing. Every change is one transaction
that updates the row and appends its history, so a crash leaves both or neither.

Manage tokens are 256-bit random values shown once to the organizer; only their SHA-256 is
stored (a token that long needs no slow hash), and lookups compare hashes, never raw tokens.
"""

from __future__ import annotations

import builtins
import hashlib
import json
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipelines.submissions.model import Submission
from pipelines.submissions.states import STATES, TransitionError, next_state

BUSY_TIMEOUT_MS = 10_000
SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    state TEXT NOT NULL CHECK (state IN ('pending','approved','rejected','expired','removed')),
    data TEXT NOT NULL,              -- the Submission as JSON, without the submitter email
    submitter_email TEXT NOT NULL,   -- private: never published, never exported
    token_hash TEXT NOT NULL UNIQUE, -- sha256 of the organizer's manage token
    submitted_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    approved_at TEXT,
    confirmed_at TEXT                -- set on approval and on every organizer confirmation
);
CREATE TABLE IF NOT EXISTS history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    submission_id INTEGER NOT NULL REFERENCES submissions(id),
    at TEXT NOT NULL,
    event TEXT NOT NULL,
    from_state TEXT,
    to_state TEXT NOT NULL,
    actor TEXT NOT NULL,             -- organizer | operator | system
    reason TEXT NOT NULL DEFAULT '',
    data TEXT                        -- the edited Submission (edits only), without the email
);
CREATE INDEX IF NOT EXISTS history_by_submission ON history (submission_id, id);
CREATE INDEX IF NOT EXISTS submissions_by_state ON submissions (state);
CREATE TABLE IF NOT EXISTS reviews (   -- the pipeline's checks, for the operator page (reviews.py)
    submission_id INTEGER PRIMARY KEY REFERENCES submissions(id),
    checked_at TEXT NOT NULL,
    checked_version TEXT NOT NULL,   -- the submission's updated_at when it was checked
    snapshot TEXT NOT NULL,          -- published_at of the snapshot the duplicates came from
    classified_kind TEXT NOT NULL,
    kind_flag TEXT,                  -- set when the classifier disagrees (the organizer's kind is kept)
    duplicates TEXT NOT NULL         -- JSON list of likely duplicates already published
);
"""


class SubmissionError(LookupError):
    """No such submission, or a manage link that matches none."""


@dataclass(frozen=True)
class StoredSubmission:
    id: int
    state: str
    submission: Submission
    submitted_at: str
    updated_at: str
    approved_at: str | None
    confirmed_at: str | None

    @property
    def confirmed_day(self) -> str | None:
        return self.confirmed_at[:10] if self.confirmed_at else None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def iso_time(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("times must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


class SubmissionStore:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.con = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_MS / 1000,
                                   isolation_level=None, check_same_thread=False)
        self.con.row_factory = sqlite3.Row
        self.con.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = self.con.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise RuntimeError(f"{self.path}: SQLite refused WAL mode (got {mode!r})")
        self.con.execute("PRAGMA synchronous = NORMAL")  # durable at checkpoints; safe in WAL
        self.con.execute("PRAGMA foreign_keys = ON")
        self.con.executescript(SCHEMA)

    def __enter__(self) -> SubmissionStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    @contextmanager
    def write_transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; BEGIN IMMEDIATE takes the write lock up front (or waits)."""
        self.con.execute("BEGIN IMMEDIATE")
        try:
            yield self.con
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    # -- writes -------------------------------------------------------------------------------
    def submit(self, submission: Submission, now: datetime) -> tuple[int, str]:
        """Store a new pending submission; return its id and the organizer's manage token."""
        token = secrets.token_urlsafe(32)
        at = iso_time(now)
        with self.write_transaction() as con:
            cur = con.execute(
                "INSERT INTO submissions (state, data, submitter_email, token_hash, submitted_at,"
                " updated_at) VALUES ('pending', ?, ?, ?, ?, ?)",
                [_public_json(submission), submission.submitter_email, hash_token(token), at, at])
            sid = int(cur.lastrowid or 0)
            self._log(con, sid, at, "submitted", None, "pending", "organizer", "", None)
        return sid, token

    def transition(self, sid: int, event: str, now: datetime, *, actor: str,
                   reason: str = "") -> StoredSubmission:
        """Apply one state-machine event (approved, rejected, confirmed, expired, removed)."""
        if event == "edited":
            raise TransitionError("use edit() to change a submission's content")
        at = iso_time(now)
        with self.write_transaction() as con:
            current = self._row(con, sid)
            target = next_state(current["state"], event)
            extra = ""
            if event in ("approved", "confirmed"):
                extra = ", confirmed_at = :at" + (", approved_at = :at" if event == "approved"
                                                  else "")
            con.execute(f"UPDATE submissions SET state = :state, updated_at = :at{extra} "  # noqa: S608
                        "WHERE id = :id", {"state": target, "at": at, "id": sid})
            self._log(con, sid, at, event, current["state"], target, actor, reason, None)
        return self.get(sid)

    def edit(self, sid: int, submission: Submission, now: datetime, *, actor: str = "organizer"
             ) -> StoredSubmission:
        """Replace the content; the submission goes back to moderation (pending)."""
        at = iso_time(now)
        with self.write_transaction() as con:
            current = self._row(con, sid)
            target = next_state(current["state"], "edited")
            data = _public_json(submission)
            con.execute("UPDATE submissions SET state = ?, data = ?, submitter_email = ?, "
                        "updated_at = ? WHERE id = ?",
                        [target, data, submission.submitter_email or current["submitter_email"],
                         at, sid])
            self._log(con, sid, at, "edited", current["state"], target, actor, "", data)
        return self.get(sid)

    @staticmethod
    def _log(con: sqlite3.Connection, sid: int, at: str, event: str, old: str | None, new: str,
             actor: str, reason: str, data: str | None) -> None:
        con.execute("INSERT INTO history (submission_id, at, event, from_state, to_state, actor,"
                    " reason, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [sid, at, event, old, new, actor, reason, data])

    # -- reads --------------------------------------------------------------------------------
    @staticmethod
    def _row(con: sqlite3.Connection, sid: int) -> sqlite3.Row:
        row = con.execute("SELECT * FROM submissions WHERE id = ?", [sid]).fetchone()
        if row is None:
            raise SubmissionError(f"no submission #{sid}")
        return row

    def get(self, sid: int) -> StoredSubmission:
        return _stored(self._row(self.con, sid))

    def by_token(self, token: str) -> StoredSubmission:
        """The submission a manage link points to (by hash; the raw token is never stored)."""
        row = self.con.execute("SELECT * FROM submissions WHERE token_hash = ?",
                               [hash_token(token)]).fetchone()
        if row is None:
            raise SubmissionError("this manage link does not match any submission")
        return _stored(row)

    def list(self, states: tuple[str, ...] | None = None) -> list[StoredSubmission]:
        wanted = tuple(states or STATES)
        bad = set(wanted) - set(STATES)
        if bad:
            raise SubmissionError(f"unknown status {sorted(bad)}; use {', '.join(STATES)}")
        marks = ",".join("?" for _ in wanted)
        rows = self.con.execute(f"SELECT * FROM submissions WHERE state IN ({marks}) "  # noqa: S608
                                "ORDER BY id", list(wanted)).fetchall()
        return [_stored(r) for r in rows]

    def history(self, sid: int) -> builtins.list[dict[str, Any]]:
        rows = self.con.execute("SELECT at, event, from_state, to_state, actor, reason FROM "
                                "history WHERE submission_id = ? ORDER BY id", [sid]).fetchall()
        return [dict(r) for r in rows]

    def submitter_email(self, sid: int) -> str:
        """For the operator only (e.g. to write back); never part of a listing or export."""
        return str(self._row(self.con, sid)["submitter_email"])

    def counts(self) -> dict[str, int]:
        rows = self.con.execute("SELECT state, count(*) FROM submissions GROUP BY state")
        found = {str(state): int(n) for state, n in rows.fetchall()}
        return {state: found.get(state, 0) for state in STATES}


def _public_json(submission: Submission) -> str:
    return json.dumps(submission.public_dict(), sort_keys=True)


def _stored(row: sqlite3.Row) -> StoredSubmission:
    data = json.loads(row["data"])
    data["submitter_email"] = ""  # loaded on purpose only, via submitter_email()
    return StoredSubmission(
        id=int(row["id"]), state=str(row["state"]), submission=Submission.from_dict(data),
        submitted_at=row["submitted_at"], updated_at=row["updated_at"],
        approved_at=row["approved_at"], confirmed_at=row["confirmed_at"])


def removed_ids(path: str | Path) -> frozenset[int]:
    """Ids of removed submissions, read without creating or writing the store (the map's filter:
    a removal is honoured before the next run suppresses the listing). A missing or unreadable
    store hides nothing: the next run's suppression still applies."""
    file = Path(path)
    if not file.exists():
        return frozenset()
    try:
        con = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True,
                              timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            rows = con.execute("SELECT id FROM submissions WHERE state = 'removed'").fetchall()
        finally:
            con.close()
    except sqlite3.Error:
        return frozenset()
    return frozenset(int(r[0]) for r in rows)
