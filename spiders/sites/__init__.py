"""Site-specific parsers: one module per site whose pages no generic format fits.

Each module `spiders/sites/<name>.py` provides a pure `parse(body, ctx) -> ParseResult`; `SITES`
lists them, and `spiders.formats.registry` registers each as the registry format `site:<name>`.
"""

from __future__ import annotations

from collections.abc import Callable

from spiders.items import ParseContext, ParseResult
from spiders.sites import peer_groups_directory

SITES: dict[str, Callable[[bytes, ParseContext], ParseResult]] = {
    "peer_groups_directory": peer_groups_directory.parse,
}
