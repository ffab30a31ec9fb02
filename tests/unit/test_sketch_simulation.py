"""O3 simulation: the merged estimate of distinct persons across an organisation's vans.

Simulated organisations of 3-5 vans over 8 weeks, 30-2,000 persons, 20-60 % of them met by
more than one van; each van sends one sync package (sketches made by the export's own code),
and ``merge`` estimates the distinct persons. Required (SPEC O3, issue 17): the interval holds
the truth in at least 95 % of organisations, and its median width is at most a third of the
[largest van, sum of vans] range that was all a merge could say before.

CI runs 30 organisations; ``REDVAN_SIMULATION=full`` runs the 200 of the requirement and
prints the numbers (``pytest -s``).
"""

from __future__ import annotations

import os
import random
import statistics

from redvan.exchange.merge import Ledger, merge
from redvan.exchange.signing import DeviceKey
from tests.org_packages import package

WEEKS = [f"2026-W{n:02d}" for n in range(10, 18)]
KEYS = [DeviceKey.generate().public for _ in range(5)]


def organisation(rng: random.Random) -> tuple[int, list[dict[str, set[str]]]]:
    """The true number of persons and, per van, the persons it met in each week."""
    vans = rng.randint(3, 5)
    overlap = rng.uniform(0.2, 0.6)
    persons = rng.randint(30, 2000)
    weights = [rng.uniform(0.5, 1.5) for _ in range(vans)]
    met: list[dict[str, set[str]]] = [{w: set() for w in WEEKS} for _ in range(vans)]
    for _ in range(persons):
        token = f"{rng.getrandbits(256):064x}"  # a code token: HMAC-SHA256 hex
        shared = rng.random() < overlap
        chosen = set(rng.choices(range(vans), weights, k=rng.randint(2, vans) if shared else 1))
        if shared and len(chosen) < 2:
            chosen.add((next(iter(chosen)) + 1) % vans)
        for van in chosen:
            for week in rng.sample(WEEKS, rng.randint(1, 3)):
                met[van][week].add(token)
    return persons, met


def simulate(organisations: int, seed: int) -> tuple[float, float, list[float]]:
    rng = random.Random(seed)
    secret = rng.randbytes(32)
    covered, ratios = 0, []
    for _ in range(organisations):
        truth, met = organisation(rng)
        packages = [package(KEYS[v], 1, weeks, secret) for v, weeks in enumerate(met)]
        result = merge(Ledger(), packages)
        assert result.estimate is not None, result.no_estimate
        e, r = result.estimate, result.persons
        assert r.low <= e.low <= e.value <= e.high <= r.high
        covered += e.low <= truth <= e.high
        ratios.append((e.high - e.low) / (r.high - r.low))
    return covered / organisations, statistics.median(ratios), ratios


def test_merged_estimate_covers_the_truth_and_is_narrow() -> None:
    full = os.environ.get("REDVAN_SIMULATION") == "full"
    count = 200 if full else 30
    coverage, median_ratio, ratios = simulate(count, seed=17)
    print(
        f"\nO3 simulation, {count} organisations: coverage {coverage:.1%}, median width "
        f"ratio {median_ratio:.3f} (largest {max(ratios):.3f})"
    )
    assert coverage >= 0.95
    assert median_ratio <= 1 / 3
