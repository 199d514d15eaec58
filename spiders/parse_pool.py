"""A small pool of parse worker processes the crawl awaits without blocking its loop.

Parsing is CPU-bound and was run inside the spider callback, on the crawler's asyncio loop: one
pathological document held up every source and no time budget could stop it. `ParsePool.parse`
sends the document to an idle worker (spiders/parse_worker.py, a fresh `python -m` process that
imports only the parser registry, so no Scrapy/Twisted state is inherited) and awaits the reply
on the loop's own pipes (asyncio subprocess streams, no threads).

Each document gets `ParseBudget.cpu_s` seconds of CPU and `memory_mb` of address space in its
worker; the pool adds a wall deadline for code that never returns to Python. A document over
budget raises `ParseFailed("parse exceeded 30 s CPU")` for that document only: its worker is
killed or exits, a fresh one is started for the next job, and other jobs go on in the other
workers. Workers start lazily (a run whose documents are all in the parse cache starts none).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import pickle
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


class _Worker:
    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process

    @classmethod
    async def start(cls, budget: ParseBudget, plugins: tuple[str, ...]) -> _Worker:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_ROOT, env.get("PYTHONPATH")) if p)
        args = [sys.executable, "-m", "spiders.parse_worker", "--cpu-s", str(budget.cpu_s),
                "--memory-mb", str(budget.memory_mb)]
        for plugin in plugins:
            args += ["--plugin", plugin]
        process = await asyncio.create_subprocess_exec(
            *args, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, env=env)
        return cls(process)

    async def ask(self, job: bytes) -> tuple[str, Any]:
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None and stdout is not None
        stdin.write(frame(job))
        await stdin.drain()
        size = HEADER.unpack(await stdout.readexactly(HEADER.size))[0]
        reply: tuple[str, Any] = pickle.loads(await stdout.readexactly(size))
        return reply

    async def kill(self) -> None:
        if self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()
        await self.process.wait()

    async def close(self) -> None:
        """End of input: the worker exits by itself; killed if it does not within 5 s."""
        if self.process.stdin is not None and not self.process.stdin.is_closing():
            self.process.stdin.close()
        try:
            await asyncio.wait_for(self.process.wait(), timeout=5.0)
        except TimeoutError:
            await self.kill()


class ParsePool:
    """`size` workers (default: one per core), each document within `budget`."""

    def __init__(self, size: int | None = None, budget: ParseBudget | None = None,
                 plugins: tuple[str, ...] = ()) -> None:
        self.size = max(1, size or os.cpu_count() or 1)
        self.budget = budget or ParseBudget()
        self.plugins = tuple(plugins)
        self.started = 0  # workers started, replacements included
        self.replaced = 0  # workers lost to a budget or a crash
        self._idle: asyncio.Queue[_Worker | None] = asyncio.Queue()
        for _ in range(self.size):
            self._idle.put_nowait(None)  # a slot whose worker starts on first use
        self._busy: set[_Worker] = set()
        self._closed = False

    async def parse(self, fmt: str, body: bytes, ctx: ParseContext, limit: int) -> ParseResult:
        """The document parsed in a worker; ParseFailed names why when it could not be."""
        if self._closed:
            raise RuntimeError("parse pool is closed")
        job = pickle.dumps((fmt, body, ctx, limit), protocol=pickle.HIGHEST_PROTOCOL)
        worker = await self._idle.get()
        keep = False
        try:
            if worker is None:
                worker = await _Worker.start(self.budget, self.plugins)
                self.started += 1
            self._busy.add(worker)
            kind, value = await self._ask(worker, job)
            keep = kind != "budget"
            if kind == "ok":
                result: ParseResult = value
                return result
            raise ParseFailed(str(value) if kind == "budget" else f"parser failed: {value}")
        finally:
            if worker is not None:
                self._busy.discard(worker)
                if not keep:
                    self.replaced += 1
                    await asyncio.shield(worker.kill())
            self._idle.put_nowait(worker if keep else None)

    async def _ask(self, worker: _Worker, job: bytes) -> tuple[str, Any]:
        try:
            return await asyncio.wait_for(worker.ask(job), timeout=self.budget.wall_s)
        except TimeoutError:
            return "budget", (f"parse exceeded {self.budget.wall_s:.0f} s wall time "
                              f"(budget {self.budget.cpu_s} s CPU)")
        except (asyncio.IncompleteReadError, ConnectionError, BrokenPipeError):
            code = await worker.process.wait()
            return "budget", self._why_dead(code)

    def _why_dead(self, code: int) -> str:
        import signal

        if code in (-signal.SIGXCPU, -signal.SIGKILL):
            return f"parse exceeded {self.budget.cpu_s} s CPU"
        return f"parse worker died (exit {code}; budget {self.budget.memory_mb} MB)"

    async def close(self) -> None:
        """Stop every worker (idle ones politely, busy ones at once)."""
        self._closed = True
        for busy in list(self._busy):
            await busy.kill()
        while not self._idle.empty():
            idle = self._idle.get_nowait()
            if idle is not None:
                await idle.close()
