"""Cost: structured fields first, then the cost text and description.

Conventions (documented in docs/quality.md): "free for members, $15 otherwise" is not free
(is_free False) with cost_min 0 and cost_max 15; a donation or pay-what-you-can is sliding scale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipelines.classify.text import fold

_CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP"}
_AMOUNT = re.compile(
    r"(?P<sign>[$€£])\s?(?P<a>\d{1,4}(?:,\d{3})*(?:\.\d{1,2})?)"
    r"|(?P<b>\d{1,4}(?:\.\d{1,2})?)\s?(?P<code>usd|dollars|eur|euros?|gbp)\b"
    # a feed's bare "Price: 399.00" (no sign) is a price too
    r"|\b(?:price|admission|registration fee|ticket price)s?:\s?(?P<c>\d{1,4}(?:\.\d{2})?)\b"
)
_FREE = re.compile(
    r"\b(free\b(?! parking| street parking| of (?!charge))(?!-)|free-of-charge|no cost|"
    r"no charge|no fee|free of charge|complimentary|at no cost|gratis|gratuito|sin costo|without charge|pro bono|"
    r"costs? nothing|\$0(?!\d))"
)
_NOT_FREE_CONTEXT = re.compile(
    r"(feel free|free to (ask|reach|contact|call|email|bring|leave)|gluten[- ]free|"
    r"stress[- ]free|barrier[- ]free|free time|free parking|fragrance[- ]free|"
    r"judgment[- ]free|judgement[- ]free|sugar[- ]free|free consultation call|"
    r"scent[- ]free|free-flowing|free flowing|free association|free will|"
    r"free (t-shirts?|gifts?|snacks?|food|pizza|coffee|popcorn|lunch|breakfast|swag|"
    r"refreshments|wifi|childcare|trial|consultation call|screenings?)|"
    # something handed out free (or "complimentary") at a paid-or-unpriced event is not its
    # admission price (labelling §4: only the price of attending counts)
    # someone else's free offer, described: "some employers offer free supervision"
    r"(some|many|most|other) ([a-z]+ ){0,2}(offer|provide)s? free|"
    r"(free|complimentary) ([a-z'-]+ ){0,2}(foods?|breads?|spreads|drinks?|beers?|wine|snacks?|"
    r"meals?|dinner|brunch|tacos|desserts?|treats?|bags?|totes?|"
    r"appetizers|samples?|stuff|prizes?|giveaways?|gifts?|guide(book)?s?|copy|copies|books?|"
    r"raffle|tickets?/|valet)|free tickets?/raise money)"
)
_SLIDING = re.compile(
    r"\b(sliding[- ]?scale|sliding[- ]fee|sliding fees|pay what you can|pay-what-you-can|"
    r"donation|donations|by donation|reduced[- ]fee|reduced rates?|escala movil|"
    r"income[- ]based|low[- ]fee|scholarships? available|pwyc)\b"
)
# A donation that is not a payment for attending: organs, blood, food drives.
_NOT_PAYMENT_DONATION = re.compile(r"\b(organ|blood|plasma|food|clothing|toy|coat|book|"
                                   r"in-kind) donations?\b")
_TRUE_SLIDING = re.compile(r"\b(sliding[- ]?scale|sliding[- ]fee|escala movil|income[- ]based)\b")
_DONATION_WELCOME = re.compile(r"\bdonations? (welcome|appreciated|accepted)\b")
_NOT_FEE = re.compile(
    r"(\$\s?\d[\d,]*(\.\d+)?\s?(k\b|million|billion|in (billing|revenue|grants?)))|"
    r"(raised|grant of|salary|per year|/year|annual income)"
)
# In the same clause as an amount: a price of something other than attending (labelling §4:
# parking and add-ons are ignored; so are drink specials and gift cards handed out).
_NOT_ADMISSION = re.compile(
    r"\b(parking|valet|gift cards?|beers?|drinks?|drink specials|cocktails?|rose|wines? by|"
    r"raffle|merch(andise)?)\b"
)
# A fee stated without its amount: attending is paid, the numbers are unknown (labelling §4:
# "low cost" / "affordable" with no number -> is_free false, numbers null).
_PAID_NO_AMOUNT = re.compile(
    r"\b(payment (in full )?(is )?(due|required)|(supervision |consultation |session |group )?"
    r"(rates?|fees?) (can |may |will )?vary|pay for (your |the |professional |clinical )?"
    r"(supervision|consultation|sessions?|the group)|paid (supervision|consultation)|fee-based|"
    r"(low[- ]cost|affordable) (\w+ ){0,2}(supervision|consultation|groups?|sessions?|rates?|fees?))\b"
)
_ANY_FREE = re.compile(r"\bfree\b(?! to\b)|\bno (cost|charge|fee)\b")
_CLAUSE_END = re.compile(r"[.!?;,\n]")
_ADMISSION = re.compile(r"\b(includes|included|admission|tickets?|entry|cover|registration)\b")


@dataclass
class Cost:
    is_free: bool | None = None
    sliding_scale: bool | None = None
    cost_min: float | None = None
    cost_max: float | None = None
    currency: str | None = None


def _amounts(text: str) -> tuple[list[float], str | None]:
    values: list[float] = []
    currency: str | None = None
    for match in _AMOUNT.finditer(text):
        window = text[max(0, match.start() - 30): match.end() + 25]
        clause = _clause(text, match)
        if _NOT_FEE.search(window) or (_NOT_ADMISSION.search(clause)
                                       and not _ADMISSION.search(clause)):
            continue
        raw = match.group("a") or match.group("b") or match.group("c")
        value = float(raw.replace(",", ""))
        if value > 5000:
            continue
        values.append(value)
        if match.group("sign"):
            currency = currency or _CURRENCY_SIGNS[match.group("sign")]
        elif match.group("code"):
            code = match.group("code")
            currency = currency or ("EUR" if code.startswith("eur") else
                                    "GBP" if code == "gbp" else "USD")
    return values, currency


def _clause(text: str, match: re.Match[str]) -> str:
    """The clause around an amount (at most 60 characters either side)."""
    start = max(0, match.start() - 60)
    before = text[start: match.start()]
    ends = list(_CLAUSE_END.finditer(before))
    if ends:
        before = before[ends[-1].end():]
    after = text[match.end(): match.end() + 60]
    cut = _CLAUSE_END.search(after)
    return before + match.group(0) + (after[: cut.start()] if cut else after)


def _free_mentioned(text: str) -> bool:
    cleaned = _NOT_FREE_CONTEXT.sub(" ", text)
    return bool(_FREE.search(cleaned))


def classify_cost(
    text: str,
    *,
    cost_text: str | None,
    is_free: bool | None,
    cost_min: float | None,
    cost_max: float | None,
    currency: str | None,
    extra: dict,
) -> Cost:
    result = Cost()
    folded_cost = fold(cost_text or "")
    folded = fold(text)
    haystack = _NOT_PAYMENT_DONATION.sub(" ", f"{folded_cost}\n{folded}")
    values, text_currency = _amounts(folded_cost) if folded_cost else ([], None)
    if not values:
        values, text_currency = _amounts(folded)
    free_words = _free_mentioned(haystack)
    if cost_min is not None or cost_max is not None:
        low = cost_min if cost_min is not None else cost_max
        high = cost_max if cost_max is not None else cost_min
        result.cost_min, result.cost_max = float(low), float(high)  # type: ignore[arg-type]
        result.currency = (currency or text_currency or "USD").upper()
    elif values:
        low = 0.0 if free_words else min(values)
        result.cost_min, result.cost_max = low, max(values)
        result.currency = (currency or text_currency or "USD").upper()
    if is_free is not None:
        result.is_free = bool(is_free)
    elif result.cost_max is not None:
        result.is_free = result.cost_max == 0
    elif free_words:
        result.is_free = True
    elif _PAID_NO_AMOUNT.search(haystack) and not _ANY_FREE.search(haystack):
        # weak evidence: any "free" beside it ("paid supervision ... interns free of cost")
        # leaves the cost unknown
        result.is_free = False
    if result.is_free and result.cost_max is None:
        result.cost_min = result.cost_max = 0.0
        result.currency = (currency or "USD").upper()
    sliding = extra.get("sliding_scale")
    if sliding is not None and str(sliding).strip():
        result.sliding_scale = fold(str(sliding)).strip() in ("yes", "y", "true", "1", "sliding scale")
    elif _SLIDING.search(haystack) and not (
        free_words and not _TRUE_SLIDING.search(haystack)
    ) and not (result.is_free and _DONATION_WELCOME.search(haystack)):
        result.sliding_scale = True
        if result.is_free and _SLIDING.search(haystack) and not free_words:
            result.is_free = False
    if result.sliding_scale and result.is_free is None:
        result.is_free = False
    return result
