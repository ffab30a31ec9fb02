"""Small statistics helpers: percentiles of timing samples, in one place."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any


def percentile(samples: Sequence[float], pct: float) -> float:
    """The pct-th percentile with linear interpolation between closest ranks."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * pct / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass(frozen=True)
class Summary:
    """Timings of one measured operation, in milliseconds."""

    n: int
    mean: float
    p50: float
    p95: float
    p99: float
    max: float
    min: float
    total: float

    @classmethod
    def of(cls, samples_ms: Sequence[float]) -> Summary:
        return cls(
            n=len(samples_ms),
            mean=statistics.fmean(samples_ms),
            p50=percentile(samples_ms, 50),
            p95=percentile(samples_ms, 95),
            p99=percentile(samples_ms, 99),
            max=max(samples_ms),
            min=min(samples_ms),
            total=sum(samples_ms),
        )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
