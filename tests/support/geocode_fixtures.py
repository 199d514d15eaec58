"""Shared fixtures for the geocoding tests: the offline geocoder and a fake HTTP geocoder."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from pipelines.geocode.offline import OfflineGeocoder
from tests.support.geocode_fakes import FakeGeocoderServer


@pytest.fixture(scope="session")
def offline() -> OfflineGeocoder:
    return OfflineGeocoder()


@pytest.fixture()
def fake_server() -> Iterator[FakeGeocoderServer]:
    state = FakeGeocoderServer()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, body: bytes) -> None:
            parts = urlsplit(self.path)
            query = parse_qs(parts.query)
            state.requests.append((parts.path, query, dict(self.headers)))
            route = state.routes.get(parts.path)
            if route is None:
                self.send_response(404)
                self.end_headers()
                return
            content_type, payload = route(query, body)
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def do_GET(self) -> None:
            self._answer(b"")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            self._answer(self.rfile.read(length))

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
