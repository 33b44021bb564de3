"""Small helpers shared by the benchmarks: timing, percentiles and a printed table."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def timings(action: Callable[[int], object], runs: int) -> list[float]:
    """Seconds per call of action(i), for i in range(runs)."""
    result = []
    for i in range(runs):
        start = time.perf_counter()
        action(i)
        result.append(time.perf_counter() - start)
    return result


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summary(values: list[float]) -> dict[str, float]:
    return {"p50": percentile(values, 50), "p99": percentile(values, 99), "mean": statistics.fmean(values)}


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.3f} ms"
