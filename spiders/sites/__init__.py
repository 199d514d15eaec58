"""Site-specific parsers: one module per site whose pages no generic format fits.

Each module `spiders/sites/<name>.py` provides a pure `parse(body, ctx) -> ParseResult` and is
registered below as the registry format `site:<name>`. The registration is explicit (no
scanning), so a typo in sources.toml is a clear `RegistryError`, not a silent skip.

Import order: `spiders.formats` imports this package at its end, and this package imports
`spiders.formats` first, so whichever is imported first, every site parser ends up in
`spiders.formats.PARSERS` before anyone reads it.
"""

from __future__ import annotations

from spiders.formats import register_site
from spiders.sites import peer_groups_directory

register_site("peer_groups_directory", peer_groups_directory.parse)
