"""Test doubles for the geocoding tests: a fake HTTP geocoder's recorded state."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class FakeGeocoderServer:
    """Answers like Nominatim (/search), Photon (/api) and the Census geocoder, on 127.0.0.1."""

    url: str = ""
    requests: list[tuple[str, dict[str, list[str]], dict[str, str]]] = field(default_factory=list)
    routes: dict[str, Callable[[dict[str, list[str]], bytes], tuple[str, bytes]]] = field(
        default_factory=dict)

    def hits(self, path: str) -> int:
        return sum(1 for p, _, _ in self.requests if p == path)



def json_route(payload: object) -> Callable[[dict[str, list[str]], bytes], tuple[str, bytes]]:
    return lambda _q, _b: ("application/json", json.dumps(payload).encode())
