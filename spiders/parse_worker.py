"""One parse worker process: reads jobs on stdin, parses within a CPU and memory budget.

Started by spiders/parse_pool.py as `python -m spiders.parse_worker --cpu-s N --memory-mb N`.
It imports only the parser registry (no Scrapy, no Twisted, nothing inherited from the crawler)
plus any `--plugin` module that registers extra site parsers. Frames are an 8-byte big-endian
length and a pickle, both ways, between this process and the pool that started it:

    job:   (fmt, body, ctx, limit)
    reply: ("ok", ParseResult) | ("budget", "parse exceeded 30 s CPU") | ("error", "Type: text")

Limits: the address space is capped once (RLIMIT_AS); each job gets `cpu_s` seconds of CPU
from the moment it starts (a soft RLIMIT_CPU; SIGXCPU raises `CpuBudgetExceeded`, which no
parser's `except Exception` can swallow). After a "budget" reply the worker exits, so the pool
replaces it with a fresh one. The pool also enforces a wall deadline (code stuck in C never
sees the signal) and kills the worker then. End of stdin (the pool closed, or died) ends it.
"""

from __future__ import annotations

import argparse
import importlib
import math
import os
import pickle
import resource
import signal
import struct
import sys
from types import FrameType
from typing import Any, BinaryIO

HEADER = struct.Struct(">Q")


class CpuBudgetExceeded(BaseException):  # noqa: N818 - a BaseException: parsers catch Exception
    """Raised by the SIGXCPU handler inside whatever the parser was doing."""


def _on_xcpu(signum: int, frame: FrameType | None) -> None:
    raise CpuBudgetExceeded


def read_frame(stream: BinaryIO) -> bytes | None:
    header = stream.read(HEADER.size)
    if len(header) < HEADER.size:
        return None
    size = HEADER.unpack(header)[0]
    payload = stream.read(size)
    return payload if len(payload) == size else None


def frame(payload: bytes) -> bytes:
    return HEADER.pack(len(payload)) + payload


def _cpu_used() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _set_cpu_soft_limit(seconds: float | None) -> None:
    hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
    soft = resource.RLIM_INFINITY if seconds is None else math.ceil(seconds)
    if hard != resource.RLIM_INFINITY and (soft == resource.RLIM_INFINITY or soft > hard):
        soft = hard
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def run_job(job: tuple[Any, ...], cpu_s: int, memory_mb: int) -> tuple[str, Any]:
    """Parse one document; the reply tuple (see the module docstring)."""
    from spiders.formats.registry import parse_document

    fmt, body, ctx, limit = job
    _set_cpu_soft_limit(_cpu_used() + cpu_s)
    try:
        result = parse_document(fmt, body, ctx, limit)
    except CpuBudgetExceeded:
        return "budget", f"parse exceeded {cpu_s} s CPU"
    except MemoryError:
        return "budget", f"parse exceeded {memory_mb} MB"
    except Exception as exc:  # a parser bug: this document's error, the worker stays usable
        return "error", f"{type(exc).__name__}: {exc}"[:500]
    finally:
        _set_cpu_soft_limit(None)
    if any("MemoryError" in error for error in result.errors):
        # A parser's "one odd event" handler caught the MemoryError: the result is not whole.
        return "budget", f"parse exceeded {memory_mb} MB"
    return "ok", result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m spiders.parse_worker")
    parser.add_argument("--cpu-s", type=int, required=True)
    parser.add_argument("--memory-mb", type=int, required=True)
    parser.add_argument("--plugin", action="append", default=[],
                        help="a module to import first (it registers site parsers)")
    args = parser.parse_args(argv)
    import spiders.formats.registry  # noqa: F401 - load the parsers before the memory cap

    for module in args.plugin:
        importlib.import_module(module)
    limit = args.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGXCPU, _on_xcpu)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    # Replies go to a private copy of stdout; a stray print() in a parser goes to stderr.
    stdin, stdout = sys.stdin.buffer, os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    while (payload := read_frame(stdin)) is not None:
        kind, value = run_job(pickle.loads(payload), args.cpu_s, args.memory_mb)
        try:
            reply = pickle.dumps((kind, value), protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            kind, reply = "budget", pickle.dumps(("budget", f"parse exceeded {args.memory_mb} MB"))
        stdout.write(frame(reply))
        stdout.flush()
        if kind == "budget":
            return 0  # a fresh worker for the next document
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
