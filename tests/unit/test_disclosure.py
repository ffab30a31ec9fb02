"""R2: consistent random rounding to base k with record keys (redvan.core.disclosure)."""

from __future__ import annotations

from datetime import datetime
from fractions import Fraction
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from redvan.core.demo import DemoPlan, generate
from redvan.core.disclosure import (
    MIN_THRESHOLD,
    disclose,
    effective_threshold,
    expected_abs_error,
    hidden_figures,
    publish_cell,
    round_consistently,
)
from redvan.core.weeks import IsoWeek, week_range

KEYS = st.integers(0, 2**32 - 1)


def test_the_base_is_never_below_three() -> None:
    assert effective_threshold(1) == MIN_THRESHOLD == 3
    assert effective_threshold(7) == 7


@given(st.integers(0, 10_000), KEYS, st.integers(3, 12))
def test_a_rounded_count_is_a_neighbouring_multiple_of_k(n: int, key: int, k: int) -> None:
    value = round_consistently(n, key, k)
    assert value % k == 0 and abs(value - n) < k
    assert round_consistently(n, key, k) == value  # the same key, the same value
    if n % k == 0:
        assert value == n  # multiples of k (and 0) are published as they are


@given(st.integers(0, 200), st.integers(3, 9))
def test_rounding_is_unbiased_over_the_keys(n: int, k: int) -> None:
    """Over evenly spread keys the published value averages the true one exactly."""
    steps = 4 * k
    keys = [-(-i * 2**32 // steps) for i in range(steps)]  # u = i/steps, rounded up
    mean = Fraction(sum(round_consistently(n, key, k) for key in keys), steps)
    assert mean == n
    errors = Fraction(sum(abs(round_consistently(n, key, k) - n) for key in keys), steps)
    assert errors == expected_abs_error(n, k)


def test_cells_of_the_same_records_are_rounded_independently() -> None:
    """All contacts and the contacts of the only channel share records, not their rounding."""
    k = 5
    values = {
        (table, category): publish_cell(table, category, 3, key, k)
        for table, category in (("total", "contacts"), ("contacts.channel", "street"))
        for key in range(0, 2**32, 2**28)
    }
    assert len(set(values.values())) == 2


def _demo(services: Any) -> Any:
    generate(
        services,
        DemoPlan(weeks=10, seed=3, last_week=IsoWeek(2026, 20), now=datetime(2026, 5, 20, 12)),
    )
    return services


def test_the_same_period_gives_the_same_published_values_twice(services: Any) -> None:
    demo = _demo(services)
    first, last = IsoWeek(2026, 12), IsoWeek(2026, 16)

    def published(a: IsoWeek, b: IsoWeek) -> dict[str, Any]:
        d = disclose(demo.tally(a, b))
        out = {f"total.{n}": s.value for n, s in d.totals.items()}
        for table in d.tables:
            out.update({f"{table.key}.{c}": s.value for c, s in table.cells})
        return out

    assert published(first, last) == published(first, last)
    # W12-W15 inside W12-W16: every additive figure is the sum of the same weekly values.
    four, five = published(first, last - 1), published(first, last)
    week = published(last, last)
    for name, value in five.items():
        if name.startswith(("total.contacts", "contacts.channel", "services.", "referrals.")):
            assert value == four.get(name, 0) + week.get(name, 0), name


def test_figures_are_rounded_never_marked_and_the_preview_has_both(services: Any) -> None:
    """Before: a hidden quantity printed "x" for a true 1 and had no `hidden` row."""
    demo = _demo(services)
    d = disclose(demo.tally(IsoWeek(2026, 14), IsoWeek(2026, 14)))
    assert hidden_figures(d) == [] and not d.anything_hidden
    for table in d.tables:
        for _, shown in (*table.cells, *table.quantities):
            assert shown.text(d.threshold).isdigit() and shown.value % d.threshold == 0
            assert abs(shown.value - shown.true_value) < d.threshold
    assert d.changed() > 0


def test_reach_pace_forecast_and_warning_come_from_published_figures(services: Any) -> None:
    """Before: with reached "<5", forecast "x" and the warning, r = 1 and 4 came back exactly."""
    demo = _demo(services)
    for week in week_range(IsoWeek(2026, 11), IsoWeek(2026, 20)):
        d = disclose(demo.tally(week, week))
        for r in d.reach:
            line = dict(r.milestones)
            assert all(v % d.threshold == 0 for v in line.values())
            assert r.reached.value == r.published.reached == (line[week] if line else 0)
            if r.forecast is not None:
                assert r.forecast.value == r.published.forecast
            assert r.warning == r.published.warning
