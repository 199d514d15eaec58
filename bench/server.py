"""Serve a benchmark `World` from many loopback addresses, in a child process.

One aiohttp server (one event loop) listens on 127.0.0.2, 127.0.0.3, … (only loopback
addresses, never 0.0.0.0), answers robots.txt, sends ETag/Last-Modified and honours
If-None-Match / If-Modified-Since with 304. It runs in its own process so serving does not share
the crawler's GIL: the server plays "the internet", and its RSS is not PeerMap's.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing as mp
import socket
from collections import Counter
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

from bench.world import World, hosts
from demo.generate import DemoResource


def _not_modified(resource: DemoResource, headers: Any) -> bool:
    tags = headers.get("If-None-Match")
    if tags is not None:
        return resource.etag in {t.strip().removeprefix("W/") for t in tags.split(",")}
    since = headers.get("If-Modified-Since")
    if not since:
        return False
    try:
        when = parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False
    return resource.last_modified <= (when if when.tzinfo else when.replace(tzinfo=UTC))


def _serve(params: dict[str, Any], conn: Any) -> None:
    from aiohttp import web

    state: dict[str, Any] = {"world": World(**params), "counts": Counter()}
    etags: dict[int, str] = {}

    async def handle(request: web.Request) -> web.StreamResponse:
        host = request.transport.get_extra_info("sockname")[0] if request.transport else ""
        res = state["world"].lookup(host, request.path, request.query_string)
        if res is None:
            state["counts"][404] += 1
            return web.Response(status=404, text="Not Found\n")
        etag = etags.get(id(res.body)) or etags.setdefault(id(res.body), res.etag)
        headers = {"ETag": etag, "Last-Modified": format_datetime(res.last_modified, usegmt=True)}
        if _not_modified(res, request.headers):
            state["counts"][304] += 1
            return web.Response(status=304, headers=headers)
        state["counts"][200] += 1
        return web.Response(body=res.body, headers={**headers, "Content-Type": res.content_type})

    async def main() -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", handle)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        for address in hosts(params["n_sources"]):
            await web.TCPSite(runner, address, params["port"], backlog=1024).start()
        loop = asyncio.get_running_loop()
        conn.send(("ready", sum(1 for _ in state["world"].documents())))
        while True:
            command, arg = await loop.run_in_executor(None, conn.recv)
            if command == "stop":
                break
            if command == "mutate":
                world = await loop.run_in_executor(None, lambda a=arg: World(**{**params, "changed_share": a}))
                etags.clear()
                state["world"] = world
                conn.send(("ok", None))
            elif command == "counts":
                conn.send(("ok", dict(state["counts"])))
                state["counts"] = Counter()
        await runner.cleanup()
        conn.send(("stopped", None))

    asyncio.run(main())


def free_port(host: str = "127.0.0.2") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


class WorldServer:
    """`with WorldServer(n_sources, n_events, as_of) as server:` … `server.world` (a parent-side
    copy for URLs), `server.mutate(0.01)`, `server.counts()`."""

    def __init__(self, n_sources: int, n_events: int, as_of: datetime, seed: int = 11) -> None:
        self.port = free_port()
        self.params = {"n_sources": n_sources, "n_events": n_events, "as_of": as_of,
                       "port": self.port, "seed": seed}
        self._conn, child = mp.get_context("spawn").Pipe()
        self._proc = mp.get_context("spawn").Process(
            target=_serve, args=(self.params, child), name="peermap-bench-web", daemon=True)
        self.documents = 0

    @property
    def pid(self) -> int | None:
        return self._proc.pid

    def _call(self, command: str, arg: Any = None, timeout: float = 600) -> Any:
        self._conn.send((command, arg))
        if not self._conn.poll(timeout):
            raise TimeoutError(f"benchmark web did not answer {command!r}")
        return self._conn.recv()[1]

    def start(self) -> WorldServer:
        self._proc.start()
        if not self._conn.poll(900):
            raise TimeoutError("benchmark web did not start")
        status, self.documents = self._conn.recv()
        if status != "ready":
            raise RuntimeError(f"benchmark web failed: {status}")
        return self

    def mutate(self, changed_share: float) -> None:
        self._call("mutate", changed_share)

    def counts(self) -> dict[int, int]:
        return self._call("counts")

    def stop(self) -> None:
        if self._proc.is_alive():
            with contextlib.suppress(TimeoutError, OSError, EOFError):
                self._call("stop", timeout=10)
            self._proc.join(5)
            if self._proc.is_alive():
                self._proc.terminate()

    def __enter__(self) -> WorldServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
