"""Programme reach (R3): how many distinct persons a programme has included, week by week,
against its target — the pace needed from now on, a forecast at the end date, and an early
warning when the forecast falls short. The method is documented in docs/programme-reach.md.

A person counts from the week of their first inclusion in the programme (SPEC §8: "the first
inclusion counts for reach"); an inclusion dated before the programme's first week counts in
its first week.

The forecast is conservative on purpose: it takes the *lower* of two paces — the average since
the start and the recent trend — and carries it on to the last week, rounded down. A warning
that comes a few weeks too early costs a meeting; one that comes too late cost the programme
in the 2025 memo (64 of 465 persons, more than halfway, and nobody saw it coming).

The recent trend is measured from the newest *milestone* at least :data:`TREND_WEEKS` weeks
back. Milestones are the points of the reach line a report may publish: the steps between them
are 0 or at least the disclosure threshold k, so neither the line nor the forecast reveals that
one or two persons were included in some week (disclosure control, R2).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from itertools import accumulate

from redvan.core.model import Programme
from redvan.core.weeks import IsoWeek, weeks_in_year

# The recent trend looks back at least this many weeks (a quarter).
TREND_WEEKS = 13
# No forecast before the programme has run this many weeks (two months).
MIN_FORECAST_WEEKS = 8


@dataclass(frozen=True)
class Reach:
    """A programme's reach as of one week (the weeks are counted from the programme's first)."""

    slug: str
    name: str
    first: IsoWeek
    last: IsoWeek
    as_of: IsoWeek
    target: int
    reached: int
    weeks_total: int
    weeks_elapsed: int
    cumulative: tuple[tuple[IsoWeek, int], ...]  # exact, first..as_of (the coordinator's view)
    milestones: tuple[tuple[IsoWeek, int], ...]  # publishable points of the reach line
    trend: Fraction | None  # persons per week carried forward by the forecast
    forecast: int | None  # persons expected at the last week; None before MIN_FORECAST_WEEKS

    @property
    def weeks_remaining(self) -> int:
        return self.weeks_total - self.weeks_elapsed

    @property
    def ended(self) -> bool:
        return self.weeks_remaining <= 0

    @property
    def pace_so_far(self) -> Fraction:
        return Fraction(self.reached, max(1, self.weeks_elapsed))

    @property
    def pace_needed(self) -> Fraction | None:
        """Persons a week from now on to reach the target; None once the programme has ended."""
        if self.ended:
            return None
        return Fraction(max(0, self.target - self.reached), self.weeks_remaining)

    @property
    def warning(self) -> bool:
        """The early warning: a running programme whose forecast falls below its target."""
        return not self.ended and self.forecast is not None and self.forecast < self.target

    @property
    def shortfall(self) -> int:
        """How many persons the forecast (or, once ended, the result) falls short of target."""
        end = self.reached if self.ended else self.forecast
        return max(0, self.target - end) if end is not None else 0

    def week_number(self, week: IsoWeek) -> int:
        """1 for the programme's first week."""
        return week - self.first + 1


def programme_reach(
    programme: Programme,
    inclusions: Iterable[tuple[date, int]],
    as_of: IsoWeek,
    threshold: int,
) -> Reach | None:
    """Reach of ``programme`` at the end of week ``as_of`` (None before the programme starts).

    ``inclusions`` are (day, persons first included that day); ``threshold`` is the disclosure
    threshold k that decides the milestones the trend is anchored at.
    """
    first, last = IsoWeek.parse(programme.first_week), IsoWeek.parse(programme.last_week)
    if as_of < first:
        return None
    as_of = min(as_of, last)
    elapsed = as_of - first + 1
    total = last - first + 1
    # Week indexes by date arithmetic: a year of daily rows stays cheap (budget B4).
    monday = first.monday()
    counts = [0] * elapsed
    for day, n in inclusions:
        index = max(0, (day - monday).days // 7)
        if index < elapsed:
            counts[index] += n
    cumulative = list(zip(_weeks(first, elapsed), accumulate(counts), strict=True))
    reached = cumulative[-1][1]
    milestones = published_points(cumulative, threshold)
    trend: Fraction | None = None
    forecast: int | None = None
    if elapsed >= MIN_FORECAST_WEEKS:
        trend = min(Fraction(reached, elapsed), _recent_trend(milestones, first, as_of, reached))
        forecast = math.floor(reached + trend * (total - elapsed))
    return Reach(
        slug=programme.slug,
        name=programme.name,
        first=first,
        last=last,
        as_of=as_of,
        target=programme.target,
        reached=reached,
        weeks_total=total,
        weeks_elapsed=elapsed,
        cumulative=tuple(cumulative),
        milestones=tuple(milestones),
        trend=trend,
        forecast=forecast,
    )


def _weeks(first: IsoWeek, count: int) -> list[IsoWeek]:
    """``count`` consecutive weeks from ``first``, stepping the week number (cheap for years)."""
    out, year, week = [], first.year, first.week
    last = weeks_in_year(year)
    for _ in range(count):
        out.append(IsoWeek(year, week))
        week += 1
        if week > last:
            year, week = year + 1, 1
            last = weeks_in_year(year)
    return out


def published_points(
    cumulative: list[tuple[IsoWeek, int]], threshold: int
) -> list[tuple[IsoWeek, int]]:
    """The points of a cumulative line that may be published, oldest first.

    Walking back from the newest week, a week is kept when its value is 0 or at least k and
    differs from the next kept value by 0 or at least k. So every step a reader can work out —
    between two published points, or from the programme's start (0) to the first one — is 0 or
    at least k. The newest week is kept whenever its value may be published (0 or ≥ k).
    """
    k = threshold
    kept: list[tuple[IsoWeek, int]] = []
    if not cumulative:
        return kept
    after = cumulative[-1][1]
    for week, value in reversed(cumulative):
        if value != 0 and value < k:
            continue
        step = after - value
        if (kept or value == after) and (step == 0 or step >= k):
            kept.append((week, value))
            after = value
    kept.reverse()
    return kept


def _recent_trend(
    milestones: list[tuple[IsoWeek, int]], first: IsoWeek, as_of: IsoWeek, reached: int
) -> Fraction:
    """Persons a week since the newest milestone at least TREND_WEEKS back (else the start)."""
    anchor_week, anchor_value = first - 1, 0
    for week, value in milestones:
        if as_of - week >= TREND_WEEKS:
            anchor_week, anchor_value = week, value
    return Fraction(reached - anchor_value, as_of - anchor_week)
