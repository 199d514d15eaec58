"""Names of the test-only budget-breaking parsers, and registering them only while a test runs.

`tests/support/budget_parsers.py` registers its parsers when imported, which parse workers do
through PEERMAP_PARSER_PLUGINS. Importing it in the test process itself (at collection, say) would
leave a memory hog among the registered formats for every later test that walks the registry
(the hostile-bytes property test did, and ran it in process until the machine ran out of memory).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import import_module

from spiders.formats.registry import PARSERS

MODULE = "tests.support.budget_parsers"
SPIN = "site:test_spin_forever"
HOG = "site:test_memory_hog"


@contextmanager
def budget_formats_registered() -> Iterator[None]:
    """SPIN and HOG are registered formats in this process for the duration of the block."""
    import_module(MODULE)
    try:
        yield
    finally:
        for name in (SPIN, HOG):
            PARSERS.pop(name, None)
        sys.modules.pop(MODULE, None)
