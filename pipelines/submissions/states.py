"""The submission state machine (pure): which event may move a submission from which state.

pending → approved | rejected (operator); approved → expired (no re-confirmation within
`submission_ttl_days`); approved | expired → approved (organizer confirms "still meeting");
any live state → pending (organizer edits: back to moderation); any state but removed →
removed (organizer or operator). Every move is one row of history; nothing is ever deleted.
"""

from __future__ import annotations

STATES: tuple[str, ...] = ("pending", "approved", "rejected", "expired", "removed")
EVENTS: tuple[str, ...] = ("submitted", "edited", "approved", "rejected", "confirmed", "expired",
                           "removed")

# event -> (states it may leave, state it reaches)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "edited": (frozenset({"pending", "approved", "expired", "rejected"}), "pending"),
    "approved": (frozenset({"pending"}), "approved"),
    "rejected": (frozenset({"pending"}), "rejected"),
    "confirmed": (frozenset({"approved", "expired"}), "approved"),
    "expired": (frozenset({"approved"}), "expired"),
    "removed": (frozenset({"pending", "approved", "rejected", "expired"}), "removed"),
}


class TransitionError(ValueError):
    """An event that the submission's current state does not allow; the message says why."""


def next_state(state: str, event: str) -> str:
    if event not in TRANSITIONS:
        raise TransitionError(f"unknown event {event!r}; events: {', '.join(TRANSITIONS)}")
    sources, target = TRANSITIONS[event]
    if state not in sources:
        allowed = ", ".join(sorted(sources))
        raise TransitionError(f"cannot mark a {state} submission {event} (only from: {allowed})")
    return target
