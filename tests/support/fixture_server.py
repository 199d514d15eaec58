"""A loopback HTTP server for tests: fixed routes, conditional requests, faults, a request log.

Tests never touch the internet; when HTTP matters they serve fixtures from 127.0.0.1 with this.
"""

from __future__ import annotations

import hashlib
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

ROBOTS_ALLOW_ALL = b"User-agent: *\nAllow: /\n"


@dataclass
class Route:
    body: bytes | Callable[[], bytes] = b""
    status: int = 200
    content_type: str = "text/plain; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0  # wait before answering (timeouts)
    drip_s: float = 0.0  # pause between 1-byte chunks (slow drip)
    reset: bool = False  # close the connection without an answer
    conditional: bool = True  # ETag + Last-Modified, answers 304 when they match


@dataclass
class LoggedRequest:
    method: str
    path: str
    status: int
    headers: dict[str, str]


class FixtureServer:
    def __init__(self, routes: dict[str, Route] | None = None, robots: bytes | None = ROBOTS_ALLOW_ALL):
        self.routes: dict[str, Route] = dict(routes or {})
        if robots is not None and "/robots.txt" not in self.routes:
            self.routes["/robots.txt"] = Route(robots, conditional=False)
        self.log: list[LoggedRequest] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def paths(self, status: int | None = None) -> list[str]:
        with self._lock:
            return [r.path for r in self.log if status is None or r.status == status]

    def __enter__(self) -> FixtureServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _record(self, entry: LoggedRequest) -> None:
        with self._lock:
            self.log.append(entry)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                route = server.routes.get(self.path) or server.routes.get(self.path.split("?")[0])
                headers = {k: v for k, v in self.headers.items()}
                if route is None:
                    server._record(LoggedRequest("GET", self.path, 404, headers))
                    self._send(404, b"not found", "text/plain", {})
                    return
                if route.delay_s:
                    time.sleep(route.delay_s)
                if route.reset:
                    server._record(LoggedRequest("GET", self.path, 0, headers))
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                               b"\x01\x00\x00\x00\x00\x00\x00\x00")
                    self.connection.close()
                    return
                body = route.body() if callable(route.body) else route.body
                extra = dict(route.headers)
                if route.conditional and route.status == 200:
                    etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                    extra.update({"ETag": etag, "Last-Modified": "Mon, 02 Nov 2026 10:00:00 GMT"})
                    if self.headers.get("If-None-Match") == etag:
                        server._record(LoggedRequest("GET", self.path, 304, headers))
                        self._send(304, b"", route.content_type, extra)
                        return
                server._record(LoggedRequest("GET", self.path, route.status, headers))
                self._send(route.status, body, route.content_type, extra, drip=route.drip_s)

            def _send(self, status: int, body: bytes, ctype: str, extra: dict[str, str],
                      drip: float = 0.0) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", ctype)
                    if status != 304:
                        self.send_header("Content-Length", str(len(body)))
                    for key, value in extra.items():
                        self.send_header(key, value)
                    self.end_headers()
                    if status == 304:
                        return
                    if drip:
                        for i in range(len(body)):
                            self.wfile.write(body[i:i + 1])
                            self.wfile.flush()
                            time.sleep(drip)
                    else:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        return Handler
