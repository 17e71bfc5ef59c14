"""What the benchmarks report of a list of timings."""

from __future__ import annotations


def percentile(values: list[float], share: float) -> float:
    """The value `share` of the way up the sorted values (nearest rank); 0.0 for none."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]
