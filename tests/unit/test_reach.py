"""R3: programme reach, pace, the conservative forecast, milestones, and the early warning."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from redvan.core.model import Programme
from redvan.core.reach import (
    MIN_FORECAST_WEEKS,
    TREND_WEEKS,
    programme_reach,
    published_points,
)
from redvan.core.weeks import IsoWeek
from tests import exit_scenario as exit_

DOCS = Path(__file__).resolve().parents[2] / "docs" / "programme-reach.md"


def _programme(first: IsoWeek, weeks: int, target: int) -> Programme:
    return Programme("p1", "p", "P", str(first), str(first + (weeks - 1)), target)


def _weekly(first: IsoWeek, per_week: list[int]) -> list[tuple[date, int]]:
    return [((first + i).monday() + timedelta(days=3), n) for i, n in enumerate(per_week) if n]


def test_before_the_start_there_is_no_reach() -> None:
    programme = _programme(IsoWeek(2026, 10), 52, 100)
    assert programme_reach(programme, [], IsoWeek(2026, 9), 5) is None


def test_reach_counts_first_inclusions_per_week_and_inclusions_before_the_start() -> None:
    first = IsoWeek(2026, 10)
    programme = _programme(first, 52, 100)
    early = [((first - 3).monday(), 2)]  # included before the programme began: week 1
    reach = programme_reach(programme, early + _weekly(first, [1, 0, 3]), first + 2, 5)
    assert reach is not None
    assert reach.cumulative == ((first, 3), (first + 1, 3), (first + 2, 6))
    assert (reach.reached, reach.weeks_elapsed, reach.weeks_remaining) == (6, 3, 49)
    assert reach.pace_so_far == Fraction(2)
    assert reach.pace_needed == Fraction(94, 49)
    assert reach.forecast is None and not reach.warning  # too early to forecast


def test_as_of_after_the_end_is_the_end() -> None:
    first = IsoWeek(2025, 1)
    programme = _programme(first, 10, 20)
    reach = programme_reach(programme, _weekly(first, [3] * 10), IsoWeek(2026, 30), 5)
    assert reach is not None
    assert reach.as_of == first + 9 and reach.ended
    assert reach.pace_needed is None and not reach.warning
    assert reach.shortfall == 0 and reach.reached == 30


def test_the_forecast_takes_the_lower_pace_and_rounds_down() -> None:
    first = IsoWeek(2026, 1)
    programme = _programme(first, 40, 200)
    # 10 a week for 10 weeks, then nothing for 14 weeks: the recent trend (0) is lower.
    per_week = [10] * 10 + [0] * 14
    reach = programme_reach(programme, _weekly(first, per_week), first + 23, 5)
    assert reach is not None and reach.reached == 100
    assert reach.trend == 0 and reach.forecast == 100 and reach.warning
    assert reach.shortfall == 100
    # A programme speeding up keeps the overall average (the lower one).
    per_week = [1] * 12 + [10] * 12
    reach = programme_reach(programme, _weekly(first, per_week), first + 23, 5)
    assert reach is not None
    assert reach.trend == Fraction(132, 24)
    assert reach.forecast == 132 + (132 * 16) // 24


def test_the_trend_is_anchored_at_a_milestone_at_least_a_quarter_back() -> None:
    first = IsoWeek(2026, 1)
    programme = _programme(first, 60, 1000)
    per_week = [6] * 30
    reach = programme_reach(programme, _weekly(first, per_week), first + 29, 5)
    assert reach is not None
    anchor = [w for w, _ in reach.milestones if (first + 29) - w >= TREND_WEEKS][-1]
    assert (first + 29) - anchor == TREND_WEEKS  # weekly steps of 6 ≥ k: every week is one
    assert reach.trend == Fraction(6)


def test_no_forecast_before_the_minimum_weeks() -> None:
    first = IsoWeek(2026, 1)
    programme = _programme(first, 100, 10)
    for week in range(MIN_FORECAST_WEEKS):
        reach = programme_reach(programme, [], first + week, 5)
        assert reach is not None
        assert (reach.forecast is None) == (week + 1 < MIN_FORECAST_WEEKS)


@given(
    steps=st.lists(st.integers(0, 7), min_size=1, max_size=40),
    k=st.integers(3, 10),
)
@settings(max_examples=300, deadline=None)
def test_published_points_never_reveal_a_small_step(steps: list[int], k: int) -> None:
    first = IsoWeek(2026, 1)
    cumulative, total = [], 0
    for i, n in enumerate(steps):
        total += n
        cumulative.append((first + i, total))
    points = published_points(cumulative, k)
    values = [0] + [v for _, v in points]  # the programme starts at 0, which everyone knows
    for before, after in zip(values, values[1:], strict=False):
        assert after - before == 0 or after - before >= k
    if total == 0 or total >= k:
        assert points and points[-1] == cumulative[-1]  # the newest value is always there
    else:
        assert not points
    weeks = [w for w, _ in points]
    assert weeks == sorted(weeks)


@given(
    steps=st.lists(st.integers(0, 6), min_size=MIN_FORECAST_WEEKS, max_size=60),
    k=st.integers(3, 8),
    remaining=st.integers(0, 50),
)
@settings(max_examples=200, deadline=None)
def test_the_forecast_only_uses_published_figures(steps: list[int], k: int, remaining: int) -> None:
    """The forecast is computed from the reach and milestones a report publishes, so it can
    reveal nothing the report hides."""
    first = IsoWeek(2026, 1)
    programme = _programme(first, len(steps) + remaining, 500)
    reach = programme_reach(programme, _weekly(first, steps), first + (len(steps) - 1), k)
    assert reach is not None and reach.forecast is not None
    anchor_week, anchor = first - 1, 0
    for week, value in reach.milestones:
        if reach.as_of - week >= TREND_WEEKS:
            anchor_week, anchor = week, value
    recent = Fraction(reach.reached - anchor, reach.as_of - anchor_week)
    rate = min(Fraction(reach.reached, reach.weeks_elapsed), recent)
    assert reach.forecast == int(reach.reached + rate * reach.weeks_remaining)


# -- the scenario from the 2025 memo ----------------------------------------------------------


def _warning_weeks() -> list[int]:
    programme = exit_.programme()
    weeks = []
    for week in range(1, exit_.WEEKS + 1):
        reach = programme_reach(programme, exit_.inclusions(), exit_.FIRST + (week - 1), 5)
        assert reach is not None
        if reach.warning:
            weeks.append(week)
    return weeks


def test_the_memo_programme_is_64_of_465_halfway_and_warned_from_week_8() -> None:
    programme = exit_.programme()
    halfway = programme_reach(programme, exit_.inclusions(), exit_.FIRST + (exit_.HALFWAY - 1), 5)
    assert halfway is not None
    assert (halfway.reached, halfway.target, halfway.weeks_remaining) == (64, 465, 104)
    assert halfway.warning and halfway.forecast is not None and halfway.forecast < 150
    assert halfway.pace_needed is not None and round(float(halfway.pace_needed), 2) == 3.86

    warned = _warning_weeks()
    first_warning = warned[0]
    # It fires at the first week a forecast is made, and never goes off until the end.
    assert first_warning == MIN_FORECAST_WEEKS == exit_.WARNING_FROM_WEEK
    assert warned == list(range(first_warning, exit_.WEEKS))
    calendar_week = exit_.FIRST + (first_warning - 1)
    assert str(calendar_week) == "2020-W09"
    # The documentation states the same week.
    docs = DOCS.read_text(encoding="utf-8")
    assert f"week {first_warning} of the programme ({calendar_week})" in docs
