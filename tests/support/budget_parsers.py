"""Test-only site parsers that break their budget: one spins on the CPU, one eats memory.

Imported by every parse worker through PEERMAP_PARSER_PLUGINS / `ParsePool(plugins=...)`, so the
crawl can name them as formats; a test process registers them only inside
`tests.support.budget_formats.budget_formats_registered()` (never at import or collection).
"""

from __future__ import annotations

from spiders.formats.registry import register_site
from spiders.items import ParseContext, ParseResult
from tests.support.budget_formats import HOG, SPIN


def spin_forever(body: bytes, ctx: ParseContext) -> ParseResult:
    """A parser that never ends (pure Python, so SIGXCPU reaches it); a `except Exception`
    around the loop must not be able to keep it alive."""
    counter = 0
    while True:
        try:
            counter += 1
        except Exception:  # noqa: BLE001 - on purpose: the budget is not an Exception
            continue


def memory_hog(body: bytes, ctx: ParseContext) -> ParseResult:
    """A parser that keeps allocating until the address-space cap stops it."""
    hoard = []
    while True:
        hoard.append(bytearray(64 * 1024 * 1024))


register_site(SPIN.removeprefix("site:"), spin_forever)
register_site(HOG.removeprefix("site:"), memory_hog)
