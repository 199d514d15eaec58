"""Serve the demo web over real HTTP on loopback, with ETag/Last-Modified and 304s.

    python -m demo.server --port 8765 [--as-of 2026-11-26T09:00:00+00:00] [--seed 7]

In tests: `with DemoServer(site_builder(as_of)) as server: ... server.base_url ...`; every
request is recorded in `server.request_log` as (method, path, status, headers).
"""

from __future__ import annotations

import argparse
import socket
import threading
from collections.abc import Mapping
from datetime import UTC, datetime
from email.message import Message
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import NamedTuple
from urllib.parse import urlsplit

from demo.generate import DemoResource, SiteBuilder, resolve, site_builder

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


class RequestRecord(NamedTuple):
    method: str
    path: str  # as requested, query string included
    status: int
    headers: dict[str, str]  # request headers


class DemoServer:
    """A ThreadingHTTPServer in a background thread serving the built demo site."""

    def __init__(self, site_builder: SiteBuilder | Mapping[str, DemoResource],
                 host: str = "127.0.0.1", port: int = 0) -> None:
        if host not in LOOPBACK_HOSTS:
            raise ValueError(f"the demo server serves only on loopback, not {host!r}")
        self._builder = site_builder
        self._host, self._port = host, port
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.request_log: list[RequestRecord] = []
        self.site: Mapping[str, DemoResource] = {}

    @property
    def base_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("DemoServer is not started")
        host, port = self._httpd.server_address[:2]
        host = host.decode() if isinstance(host, bytes) else host
        shown = f"[{host}]" if ":" in str(host) else str(host)
        return f"http://{shown}:{port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def start(self) -> DemoServer:
        if self._httpd is not None:
            return self
        server_class = _IPv6Server if ":" in self._host else ThreadingHTTPServer
        self._httpd = server_class((self._host, self._port), _make_handler(self))
        self._httpd.daemon_threads = True
        builder = self._builder
        self.site = builder if isinstance(builder, Mapping) else builder(self.base_url)
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        name="peermap-demo-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is None:
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd, self._thread = None, None

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def record(self, entry: RequestRecord) -> None:
        with self._lock:
            self.request_log.append(entry)

    def requests_for(self, path_prefix: str) -> list[RequestRecord]:
        with self._lock:
            return [r for r in self.request_log if r.path.startswith(path_prefix)]


class _IPv6Server(ThreadingHTTPServer):
    address_family = socket.AF_INET6


def _not_modified(resource: DemoResource, headers: Message) -> bool:
    """RFC 9110: If-None-Match wins over If-Modified-Since when both are present."""
    if_none_match = headers.get("If-None-Match")
    if if_none_match is not None:
        tags = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        return "*" in tags or resource.etag in tags
    since = headers.get("If-Modified-Since")
    if since:
        try:
            when = parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return resource.last_modified <= when
    return False


def _make_handler(server: DemoServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "PeerMapDemo/1.0"
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self._serve(send_body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._serve(send_body=False)

        def _serve(self, send_body: bool) -> None:
            parts = urlsplit(self.path)
            resource = resolve(server.site, parts.path, parts.query)
            if resource is None:
                self._send(404, b"Not Found\n", "text/plain; charset=utf-8", send_body)
                return
            if resource.status != 200:
                self._send(resource.status, resource.body, resource.content_type, send_body)
                return
            validators = [("ETag", resource.etag),
                          ("Last-Modified", format_datetime(resource.last_modified, usegmt=True))]
            if _not_modified(resource, self.headers):
                self._send(304, b"", None, False, validators)
                return
            self._send(200, resource.body, resource.content_type, send_body,
                       validators + list(resource.headers))

        def _send(self, status: int, body: bytes, ctype: str | None, send_body: bool,
                  extra: list[tuple[str, str]] | None = None) -> None:
            server.record(RequestRecord(self.command, self.path, status, dict(self.headers)))
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            for name, value in extra or []:
                self.send_header(name, value)
            self.end_headers()
            if send_body and body:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            return  # the request log replaces stderr noise

    return Handler


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the fictional PeerMap demo web.")
    parser.add_argument("--host", default="127.0.0.1", choices=LOOPBACK_HOSTS)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--as-of", help="ISO datetime the demo is built around (default: now)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    as_of = datetime.fromisoformat(args.as_of) if args.as_of else datetime.now(UTC)
    if as_of.tzinfo is None:
        as_of = as_of.replace(tzinfo=UTC)
    server = DemoServer(site_builder(as_of, args.seed), host=args.host, port=args.port)
    server.start()
    print(f"PeerMap demo web (fictional demo data) on {server.base_url}/ as of "
          f"{as_of.isoformat()}; Ctrl-C to stop", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


if __name__ == "__main__":
    main()
