"""Text classification of a listing: `classify(...) -> Classification`.

Each field has its own module (kind, mode, cost, credits, audience, modalities, languages,
regions, status); this package only combines them. Pure functions, no I/O.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pipelines.classify.accepting import explain_accepting
from pipelines.classify.audience import explain_audience
from pipelines.classify.cost import classify_cost
from pipelines.classify.credits import classify_credits
from pipelines.classify.kind import explain_kind
from pipelines.classify.languages import classify_languages
from pipelines.classify.modalities import MODALITIES, classify_modalities
from pipelines.classify.mode import explain_mode
from pipelines.classify.regions import classify_regions
from pipelines.classify.status import classify_status
from pipelines.classify.text import join
from pipelines.normalize.text import clean_title

__all__ = ["MODALITIES", "Classification", "classify"]


@dataclass
class Classification:
    kind: str = "other"
    attendance_mode: str = "unknown"
    is_free: bool | None = None
    sliding_scale: bool | None = None
    cost_min: float | None = None
    cost_max: float | None = None
    currency: str | None = None
    ce_credits: float | None = None
    ce_approvals: list[str] = field(default_factory=list)
    audience: list[str] = field(default_factory=list)
    modalities: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    serves_regions: list[str] = field(default_factory=list)
    status: str = "scheduled"
    status_evidence: str | None = None
    accepting_members: str = "unknown"  # open | waitlist | closed | unknown
    # field -> the rule that set it (or the model score): shown by `peermap preview`
    why: dict[str, str] = field(default_factory=dict)


def classify(
    title: str,
    description: str,
    *,
    categories: Iterable[str] = (),
    organizer: str | None = None,
    location_text: str | None = None,
    online_url: str | None = None,
    raw_mode: str | None = None,
    raw_status: str | None = None,
    cost_text: str | None = None,
    is_free: bool | None = None,
    cost_min: float | None = None,
    cost_max: float | None = None,
    currency: str | None = None,
    extra: dict[str, Any] | None = None,
    default_region: str | None = None,
) -> Classification:
    """Classify one listing from its plain-text title/description and structured hints.

    Pure, so results are memoized by content: a scheduled worker re-classifies only what changed.
    """
    categories = tuple(categories)
    key = _memo_key(title, description, categories, organizer, location_text, online_url,
                    raw_mode, raw_status, cost_text, is_free, cost_min, cost_max, currency,
                    extra, default_region)
    cached = _MEMO.get(key)
    if cached is not None:
        _MEMO.move_to_end(key)
        return copy.deepcopy(cached)
    result = _classify(title, description, categories=categories, organizer=organizer,
                       location_text=location_text, online_url=online_url, raw_mode=raw_mode,
                       raw_status=raw_status, cost_text=cost_text, is_free=is_free,
                       cost_min=cost_min, cost_max=cost_max, currency=currency, extra=extra,
                       default_region=default_region)
    _MEMO[key] = copy.deepcopy(result)
    if len(_MEMO) > MEMO_SIZE:
        _MEMO.popitem(last=False)
    return result


MEMO_SIZE = 200_000
_MEMO: OrderedDict[str, Classification] = OrderedDict()


def _memo_key(*parts: Any) -> str:
    text = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _classify(
    title: str,
    description: str,
    *,
    categories: Iterable[str],
    organizer: str | None,
    location_text: str | None,
    online_url: str | None,
    raw_mode: str | None,
    raw_status: str | None,
    cost_text: str | None,
    is_free: bool | None,
    cost_min: float | None,
    cost_max: float | None,
    currency: str | None,
    extra: dict[str, Any] | None,
    default_region: str | None,
) -> Classification:
    extra = extra or {}
    cats = tuple(c for c in categories if c)
    roster = bool(extra.get("roster")) or extra.get("format") == "roster"
    extra_text = join(*(f"{k}: {v}" for k, v in extra.items()
                        if k in ("license_type", "credential", "modality", "languages", "notes",
                                 "supervisor_designation", "fee") and v))
    body = join(title, description, cost_text, extra_text)
    with_context = join(body, organizer, location_text, " ".join(cats))
    # A status marker ("CANCELLED: ...") is not part of what the listing is (labelling §2).
    bare_title = clean_title(title)[0] or title
    mode, mode_why = explain_mode(join(bare_title, description, extra_text), raw_mode=raw_mode,
                                  online_url=online_url, location_text=location_text,
                                  extra=extra)
    cost = classify_cost(join(title, description), cost_text=cost_text, is_free=is_free,
                         cost_min=cost_min, cost_max=cost_max, currency=currency, extra=extra)
    credits, approvals = classify_credits(body)
    status, evidence = classify_status(title, description, raw_status)
    kind, kind_why = explain_kind(join(bare_title, description, extra_text, organizer),
                                  categories=cats, roster=roster)
    # Audience codes say which professionals a listing is for; "other" is for none of them
    # (a credential there names the facilitator or a job, not the audience).
    audience, audience_why = (explain_audience(with_context, supervision=kind == "supervision")
                              if kind != "other" else ([], "kind other: no professional audience"))
    roster_accepting = next((extra[k] for k in ("accepting_text", "accepting", "openings")
                             if extra.get(k) is not None), None)
    accepting, accepting_why = explain_accepting(join(bare_title, description, extra_text),
                                                 kind=kind, roster_value=roster_accepting)
    return Classification(
        kind=kind,
        attendance_mode=mode,
        is_free=cost.is_free,
        sliding_scale=cost.sliding_scale,
        cost_min=cost.cost_min,
        cost_max=cost.cost_max,
        currency=cost.currency,
        ce_credits=credits,
        ce_approvals=approvals,
        audience=audience,
        modalities=classify_modalities(body),
        languages=classify_languages(join(title, description, extra_text)),
        serves_regions=classify_regions(with_context, online=mode in ("online", "hybrid"),
                                        default_region=default_region),
        status=status,
        status_evidence=evidence,
        accepting_members=accepting,
        why={"kind": kind_why, "attendance_mode": mode_why, "audience": audience_why,
             "accepting_members": accepting_why},
    )
