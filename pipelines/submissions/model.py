"""What an organizer suggests: one `Submission`, plain data, and the words the form offers."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

SUBMISSION_KINDS: tuple[str, ...] = ("consult_group", "peer_event", "supervision")
KIND_LABELS = {"consult_group": "Peer consultation group", "peer_event": "Peer event",
               "supervision": "Clinical supervision"}
PATTERNS: tuple[str, ...] = ("once", "weekly", "biweekly", "monthly_nth")
PATTERN_LABELS = {"once": "One-off (a single date)", "weekly": "Every week",
                  "biweekly": "Every 2 weeks", "monthly_nth": "Same weekday each month (e.g. 2nd Tuesday)"}
MODES: tuple[str, ...] = ("in_person", "online", "hybrid")
COST_TYPES: tuple[str, ...] = ("free", "sliding", "range")
ACCEPTING: tuple[str, ...] = ("open", "waitlist", "closed")
LICENCES: tuple[str, ...] = ("counselor", "mft", "social_worker", "psychologist", "student")

# Length caps (characters): nothing longer is stored, the form says so per field.
MAX_TITLE = 200
MAX_DESCRIPTION = 4000
MAX_LINE = 200
MAX_URL = 500
MAX_LIST_ITEMS = 12
MAX_LIST_ITEM = 60


@dataclass
class Submission:
    """One suggested listing as the organizer stated it (validated by `validate.check_form`)."""

    kind: str
    title: str
    description: str
    pattern: str  # one of PATTERNS
    date: str  # YYYY-MM-DD: the one-off date, or the first meeting of a series
    time: str  # HH:MM, local to `timezone`
    duration_min: int
    timezone: str  # IANA
    attendance_mode: str
    city: str
    region: str  # US state code
    postal_code: str = ""
    venue_name: str = ""
    street: str = ""
    hide_address: bool = False  # a home office: the map shows the city, never the street
    online_url: str = ""
    publish_online_url: bool = False  # otherwise the card says "contact the organizer"
    cost_type: str = "free"
    cost_min: float | None = None
    cost_max: float | None = None
    ce_credits: float | None = None
    audience: list[str] = field(default_factory=list)  # LICENCES codes
    associates_welcome: bool = False
    modalities: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    accepting_members: str = "open"
    organizer_name: str = ""
    public_contact: str = ""  # an email address or http(s) URL
    publish_contact: bool = False
    submitter_email: str = ""  # private: never published, never exported
    consent: bool = False

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Submission:
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def public_dict(self) -> dict[str, Any]:
        """Everything but the private submitter email (what an operator page may show)."""
        data = self.to_dict()
        data.pop("submitter_email", None)
        return data


SUBMISSION_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Submission))
