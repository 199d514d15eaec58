"""Geocode a batch of listings through one chain (cache → source coordinates → gazetteer → …)."""

from __future__ import annotations

from collections.abc import Iterable

from pipelines.core.model import Listing
from pipelines.core.results import SourceResult
from pipelines.geocode.chain import GeocoderChain
from pipelines.geocode.locate import locate_listing


def geocode_listings(
    listings: Iterable[Listing], chain: GeocoderChain, *, precision_cap: str | None
) -> None:
    for listing in listings:
        locate_listing(listing, chain, precision_cap=precision_cap)


def geocode_results(results: Iterable[SourceResult], chain: GeocoderChain) -> int:
    """Place every listing of every source (each capped at its source's precision); how many."""
    count = 0
    for result in results:
        geocode_listings(result.listings, chain, precision_cap=result.source.precision_cap)
        count += len(result.listings)
    return count
