"""A fingerprint of the source code a cached result was computed with.

The parse cache and the ingest cache reuse results for unchanged inputs; a hand-bumped version
number is forgotten as soon as someone edits a rule. Keying the caches by a hash of the code of
the packages that compute the result retires every old entry on any change of that code.
"""

from __future__ import annotations

import hashlib
import importlib.util
from functools import cache
from pathlib import Path


def _source_files(module: str) -> list[Path]:
    spec = importlib.util.find_spec(module)
    if spec is None:
        raise ModuleNotFoundError(module)
    if spec.submodule_search_locations:
        return sorted(path for folder in spec.submodule_search_locations
                      for path in Path(folder).rglob("*.py"))
    return [Path(spec.origin)] if spec.origin else []


@cache
def code_fingerprint(*modules: str) -> str:
    """Short hash of every `.py` file of the given modules/packages (names and bytes)."""
    digest = hashlib.blake2b(digest_size=8)
    for module in modules:
        for path in _source_files(module):
            digest.update(f"{module}:{path.name}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
