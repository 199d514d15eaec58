"""The operator page's gate: PEERMAP_OPERATOR_TOKEN, compared in constant time, never logged,
never put in a URL (entered in a password field, remembered only in the session)."""

from __future__ import annotations

import hmac
import os

ENV = "PEERMAP_OPERATOR_TOKEN"


def operator_token() -> str | None:
    value = os.environ.get(ENV, "")
    return value if value.strip() else None


def token_matches(entered: str, expected: str | None) -> bool:
    if not expected or not entered:
        return False
    return hmac.compare_digest(entered.encode("utf-8"), expected.encode("utf-8"))
