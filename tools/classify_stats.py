"""Confidence intervals for the classifier reports: Wilson for proportions, bootstrap for macros."""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
Z95 = 1.959963984540054
BOOTSTRAP_REPS = 1000
BOOTSTRAP_SEED = 14  # fixed, so the generated report is reproducible byte for byte


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """95% Wilson score interval for successes/n; (0, 1) when n is 0 (nothing is known)."""
    if n <= 0:
        return 0.0, 1.0
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def bootstrap(items: Sequence[T], statistic: Callable[[Sequence[T]], tuple[float, ...]],
              reps: int = BOOTSTRAP_REPS, seed: int = BOOTSTRAP_SEED
              ) -> list[tuple[float, float]]:
    """Percentile 95% intervals, one per value `statistic` returns, resampling items."""
    if not items:
        return []
    rng = random.Random(seed)
    n = len(items)
    samples: list[tuple[float, ...]] = []
    for _ in range(reps):
        resample = [items[rng.randrange(n)] for _ in range(n)]
        samples.append(statistic(resample))
    out = []
    for column in zip(*samples, strict=True):
        ordered = sorted(column)
        out.append((ordered[int(0.025 * (reps - 1))], ordered[int(math.ceil(0.975 * (reps - 1)))]))
    return out
