"""Organizer-suggested listings (format "submissions"): what the organizer stated wins.

The classifier still runs on every submission, as a check: when its kind disagrees with the
organizer's, `kind_disagreement` says so for the operator (`peermap submissions show`), and the
organizer's kind is kept. Audience, modalities, languages and CE credits the organizer ticked
replace what the classifier guessed from the text.
"""

from __future__ import annotations

from typing import Any

from pipelines.core.model import AUDIENCES, KINDS, Listing
from spiders.items import RawItem

FORMAT = "submissions"


def _stated(raw: RawItem) -> dict[str, Any]:
    stated = (raw.extra or {}).get("stated")
    return stated if isinstance(stated, dict) else {}


def apply_stated(listing: Listing, raw: RawItem) -> Listing:
    """The listing with the organizer's stated facts and the provenance line applied."""
    stated = _stated(raw)
    if stated.get("kind") in KINDS:
        listing.kind = stated["kind"]
    listing.audience = [a for a in stated.get("audience") or [] if a in AUDIENCES]
    listing.modalities = [str(m) for m in stated.get("modalities") or []]
    listing.languages = [str(m) for m in stated.get("languages") or []] or listing.languages
    if isinstance(stated.get("ce_credits"), (int, float)):
        listing.ce_credits = float(stated["ce_credits"])
    if stated.get("sliding_scale"):
        listing.sliding_scale = True
    listing.provenance = str(stated.get("provenance") or "") or None
    listing.confirmed_at = str(stated.get("confirmed_at") or "") or None
    return listing


def kind_disagreement(raw: RawItem, classified_kind: str) -> str | None:
    """A one-line flag when the classifier reads the text as another kind than stated."""
    stated = _stated(raw).get("kind")
    if stated and classified_kind != stated:
        return (f"classifier reads this as {classified_kind!r}, the organizer chose "
                f"{stated!r} (kept)")
    return None
