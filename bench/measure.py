"""Measuring helpers: a peak-RSS sampler over a process tree, and timed phases."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import psutil


class RssSampler:
    """Samples the RSS of this process plus its children (minus `exclude` pids) every `every` s
    in a daemon thread; `peak_mb` is the largest total seen since the last `reset()`."""

    def __init__(self, every: float = 0.05, exclude: set[int] | None = None) -> None:
        self.every = every
        self.exclude = exclude or set()
        self._peak = 0
        self._stop = threading.Event()
        self._me = psutil.Process()
        self._thread = threading.Thread(target=self._loop, name="rss-sampler", daemon=True)

    def _sample(self) -> int:
        total = 0
        try:
            procs = [self._me, *self._me.children(recursive=True)]
        except psutil.Error:
            procs = [self._me]
        for proc in procs:
            if proc.pid in self.exclude:
                continue
            try:
                total += proc.memory_info().rss
            except psutil.Error:
                continue
        return total

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._peak = max(self._peak, self._sample())
            self._stop.wait(self.every)

    def start(self) -> RssSampler:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(2)

    def reset(self) -> None:
        self._peak = self._sample()

    @property
    def peak_mb(self) -> float:
        return max(self._peak, self._sample()) / 2**20


@dataclass
class Timer:
    """Named wall-clock phases: `with timer.phase("crawl"): …`; `timer.seconds["crawl"]`."""

    seconds: dict[str, float] = field(default_factory=dict)
    log: Callable[[str], object] | None = None  # told each phase as it ends (long runs)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started
            if self.log:
                self.log(f"    {name}: {self.seconds[name]:.1f} s")

    @property
    def total(self) -> float:
        return sum(self.seconds.values())
