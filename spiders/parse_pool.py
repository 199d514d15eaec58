"""A small pool of parse worker processes the crawl awaits without blocking its loop.

Parsing is CPU-bound and was run inside the spider callback, on the crawler's asyncio loop: one
pathological document held up every source and no time budget could stop it. `ParsePool.parse`
hands the document to an idle worker (spiders/parse_worker.py, a fresh `python -m` process that
imports only the parser registry, so no Scrapy/Twisted state is inherited) and awaits the reply:
the blocking pipe I/O runs in one of the pool's own threads (which never touch Scrapy), so any
loop in any thread can use the same pool (the Prefect flow crawls each source on its own loop).

Each document gets `ParseBudget.cpu_s` seconds of CPU and `memory_mb` of address space in its
worker; the pool adds a wall deadline for code that never returns to Python. A document over
budget raises `ParseFailed("parse exceeded 30 s CPU")` for that document only: its worker is
killed or exits, a fresh one is started for the next job, and other jobs go on in the other
workers. Workers start lazily (a run whose documents are all in the parse cache starts none)
and `shared_pool` keeps one pool per process and budget, so a run does not pay start-up per
source; they end with the process (end of their stdin).
"""

from __future__ import annotations

import asyncio
import atexit
import os
import pickle
import queue
import select
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from spiders.items import ParseContext, ParseResult
from spiders.parse_worker import HEADER, frame

_ROOT = str(Path(__file__).resolve().parent.parent)  # the folder holding the spiders package


class ParseFailed(Exception):
    """A document's parse did not finish: over budget, or the parser raised. Message is the
    named, one-line reason the source's report shows."""


@dataclass(frozen=True)
class ParseBudget:
    cpu_s: int = 30  # CPU seconds per document
    memory_mb: int = 1024  # address space per worker

    @property
    def wall_s(self) -> float:
        """The backstop for a worker that never sees SIGXCPU (stuck in C, or starved of CPU
        on a loaded machine: then the CPU budget is the one that should speak first)."""
        return 4.0 * self.cpu_s + 10.0


class _WorkerLost(Exception):
    """The worker ended (or was killed at the wall deadline) before it replied."""


class _Worker:
    def __init__(self, budget: ParseBudget, plugins: tuple[str, ...]) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_ROOT, env.get("PYTHONPATH")) if p)
        args = [sys.executable, "-m", "spiders.parse_worker", "--cpu-s", str(budget.cpu_s),
                "--memory-mb", str(budget.memory_mb)]
        for plugin in plugins:
            args += ["--plugin", plugin]
        self.process = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        env=env, close_fds=True)

    def ask(self, job: bytes, deadline: float) -> tuple[str, Any]:
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None and stdout is not None
        try:
            stdin.write(frame(job))
            stdin.flush()
        except (BrokenPipeError, OSError) as exc:
            raise _WorkerLost from exc
        size = HEADER.unpack(_read_exactly(stdout, HEADER.size, deadline))[0]
        reply: tuple[str, Any] = pickle.loads(_read_exactly(stdout, size, deadline))
        return reply

    def kill(self) -> int:
        if self.process.poll() is None:
            self.process.kill()
        return self.process.wait()

    def close(self) -> None:
        """End of input: the worker exits by itself; killed if it does not within 5 s."""
        try:
            if self.process.stdin is not None:
                self.process.stdin.close()
            self.process.wait(timeout=5.0)
        except (OSError, subprocess.TimeoutExpired):
            self.kill()


def _read_exactly(stream: IO[bytes], size: int, deadline: float) -> bytes:
    chunks, missing, fd = [], size, stream.fileno()
    while missing:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            raise TimeoutError
        chunk = os.read(fd, min(missing, 1 << 20))
        if not chunk:
            raise _WorkerLost
        chunks.append(chunk)
        missing -= len(chunk)
    return b"".join(chunks)


class ParsePool:
    """`size` workers (default: one per core), each document within `budget`."""

    def __init__(self, size: int | None = None, budget: ParseBudget | None = None,
                 plugins: tuple[str, ...] = ()) -> None:
        self.size = max(1, size or os.cpu_count() or 1)
        self.budget = budget or ParseBudget()
        self.plugins = tuple(plugins)
        self.started = 0  # workers started, replacements included
        self.replaced = 0  # workers lost to a budget or a crash
        self._idle: queue.SimpleQueue[_Worker | None] = queue.SimpleQueue()
        for _ in range(self.size):
            self._idle.put(None)  # a slot whose worker starts on first use
        self._busy: set[_Worker] = set()
        self._lock = threading.Lock()
        self._threads = ThreadPoolExecutor(self.size, thread_name_prefix="peermap-parse")
        self._closed = False

    async def parse(self, fmt: str, body: bytes, ctx: ParseContext, limit: int) -> ParseResult:
        """The document parsed in a worker; ParseFailed names why when it could not be."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._threads, self.parse_blocking, fmt, body, ctx,
                                          limit)

    def parse_blocking(self, fmt: str, body: bytes, ctx: ParseContext, limit: int
                       ) -> ParseResult:
        if self._closed:
            raise RuntimeError("parse pool is closed")
        job = pickle.dumps((fmt, body, ctx, limit), protocol=pickle.HIGHEST_PROTOCOL)
        worker = self._idle.get()
        keep = False
        try:
            if worker is None:
                worker = _Worker(self.budget, self.plugins)
                with self._lock:
                    self.started += 1
            with self._lock:
                self._busy.add(worker)
            kind, value = self._ask(worker, job)
            keep = kind != "budget"
            if kind == "ok":
                result: ParseResult = value
                return result
            raise ParseFailed(str(value) if kind == "budget" else f"parser failed: {value}")
        finally:
            if worker is not None:
                with self._lock:
                    self._busy.discard(worker)
                    self.replaced += not keep
                if not keep:
                    worker.kill()
            self._idle.put(worker if keep else None)

    def _ask(self, worker: _Worker, job: bytes) -> tuple[str, Any]:
        try:
            return worker.ask(job, time.monotonic() + self.budget.wall_s)
        except TimeoutError:
            return "budget", (f"parse exceeded {self.budget.wall_s:.0f} s wall time "
                              f"(budget {self.budget.cpu_s} s CPU)")
        except _WorkerLost:
            return "budget", self._why_dead(worker.kill())

    def _why_dead(self, code: int) -> str:
        if code in (-signal.SIGXCPU, -signal.SIGKILL):
            return f"parse exceeded {self.budget.cpu_s} s CPU"
        return f"parse worker died (exit {code}; budget {self.budget.memory_mb} MB)"

    def close(self) -> None:
        """Stop every worker (idle ones politely, busy ones at once)."""
        self._closed = True
        with self._lock:
            busy = list(self._busy)
        for worker in busy:
            worker.kill()
        while True:
            try:
                idle = self._idle.get_nowait()
            except queue.Empty:
                break
            if idle is not None:
                idle.close()
        self._threads.shutdown(wait=False)


_SHARED: dict[tuple[int, ParseBudget, tuple[str, ...]], ParsePool] = {}
_SHARED_LOCK = threading.Lock()


def shared_pool(size: int | None, budget: ParseBudget, plugins: tuple[str, ...] = ()
                ) -> ParsePool:
    """This process's pool for these limits, made on first use and closed at exit."""
    key = (max(1, size or os.cpu_count() or 1), budget, tuple(plugins))
    with _SHARED_LOCK:
        pool = _SHARED.get(key)
        if pool is None or pool._closed:
            pool = _SHARED[key] = ParsePool(*key)
        return pool


@atexit.register
def _close_shared() -> None:
    for pool in list(_SHARED.values()):
        pool.close()
