"""The calendar feed server: `GET /calendar.ics?<share-link parameters>` answers the search as an
iCalendar subscription that stays current (Streamlit cannot serve a raw file at a stable URL).

    python -m dashboard.feed [--host 127.0.0.1] [--port 8502] [--data-dir var]

(`peermap feed` runs this.) Read-only over the published snapshot; stdlib ThreadingHTTPServer,
bound to loopback by default: put a reverse proxy in front to publish it (docs/operations.md).
"""

from __future__ import annotations

import argparse
import logging
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from dashboard.feed_calendar import Answer, FeedSource, text_answer

log = logging.getLogger("peermap.feed")

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8502
CONCURRENT_SEARCHES = 4  # more requests at once wait; past BUSY_WAIT_S they get a 503
BUSY_WAIT_S = 10.0
REQUEST_TIMEOUT_S = 30  # a client that sends its request this slowly is dropped


class FeedServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, source: FeedSource, host: str = DEFAULT_HOST,
                 port: int = DEFAULT_PORT) -> None:
        self.source = source
        self.slots = threading.BoundedSemaphore(CONCURRENT_SEARCHES)
        if ":" in host:  # an IPv6 literal such as ::1
            self.address_family = socket.AF_INET6
        super().__init__((host, port), FeedHandler)

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        host = host.decode() if isinstance(host, bytes) else str(host)
        return f"http://{f'[{host}]' if ':' in host else host}:{port}"

    def answer(self, target: str, headers: dict[str, str]) -> Answer:
        if not self.slots.acquire(timeout=BUSY_WAIT_S):
            return text_answer(503, "busy; try again in a minute", (("Retry-After", "60"),))
        try:
            return self.source.answer(target, headers)
        except Exception:  # one bad request must not take the server down; the log has it
            log.exception("feed request %s failed", target[:200])
            return text_answer(500, "internal error; the server log has the details")
        finally:
            self.slots.release()


class FeedHandler(BaseHTTPRequestHandler):
    server: FeedServer
    server_version = "PeerMapFeed/1.0"
    protocol_version = "HTTP/1.1"
    timeout = REQUEST_TIMEOUT_S

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._reply(self.server.answer(self.path, dict(self.headers.items())), body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._reply(self.server.answer(self.path, dict(self.headers.items())), body=False)

    def _not_allowed(self) -> None:
        self._reply(text_answer(405, "read-only: use GET or HEAD", (("Allow", "GET, HEAD"),)),
                    body=True)

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _not_allowed  # noqa: N815

    def _reply(self, answer: Answer, body: bool) -> None:
        self.send_response(answer.status)
        for name, value in answer.headers:
            self.send_header(name, value)
        self.send_header("X-Content-Type-Options", "nosniff")
        if answer.status != 304:
            self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        if body and answer.status != 304:
            self.wfile.write(answer.body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        log.info("%s %s", self.address_string(), format % args)


def serve(data_dir: str | Path | None, host: str, port: int) -> None:
    server = FeedServer(FeedSource(data_dir), host, port)
    print(f"PeerMap calendar feed at {server.base_url}/calendar.ics?<search> (Ctrl-C to stop)",
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve PeerMap searches as calendar feeds.")
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--data-dir", help="data folder (default: $PEERMAP_DATA_DIR or ./var)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s %(message)s")
    try:
        serve(args.data_dir, args.host, args.port)
    except OSError as exc:
        parser.exit(2, f"peermap feed: cannot listen on {args.host}:{args.port}: {exc}\n")


if __name__ == "__main__":
    main()
