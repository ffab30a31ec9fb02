"""Disclosure control (R2, "diskretionering"): what a published tally may show.

Every figure that leaves the vault — in a PDF, a CSV, an auditor's file — passes through
:func:`disclose`. The method is documented in docs/disclosure-control.md; in short:

* **Primary suppression.** A count from 1 to k−1 is shown as "<k" (k is the vault setting
  ``suppression_threshold``, default 5, never below :data:`MIN_THRESHOLD`). Zeros are shown.
* **Complementary suppression.** A reader knows every equation of the output: the cells of a
  breakdown add up to its total, an incident has at least one type, the persons met are at most
  the contacts with a code, and that "<k" means 1…k−1 and "x" (a complementary cell) means at
  least k. For every hidden cell we work out exactly which values are still possible given all
  of that; while some hidden cell has only one possible value, the smallest shown cell of the
  same breakdown is hidden too ("x"). If no shown cell is left, the breakdown is withheld.
* **Withheld breakdowns.** A breakdown of a total that is itself hidden is withheld whole:
  there is nothing safe to say about how fewer than k contacts split up.

Programme reach is published through its milestones (see :mod:`redvan.core.reach`), and the
forecast, pace and reach are hidden together when the number reached is below k.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from redvan.core.reach import Reach
from redvan.core.tally import Table, TableKind, Tally
from redvan.core.weeks import IsoWeek

MIN_THRESHOLD = 3  # with k = 2, "<2" would say "exactly 1"
DEFAULT_THRESHOLD = 5
COMPLEMENTARY_MARK = "x"


class Reason(StrEnum):
    """Why a figure is not shown."""

    PRIMARY = "primary"  # a count from 1 to k-1
    COMPLEMENTARY = "complementary"  # hidden so that a primary cell cannot be worked out
    WITHHELD = "withheld"  # the whole breakdown is not published


class Withheld(StrEnum):
    """Why a whole breakdown is not published."""

    SMALL_TOTAL = "small-total"  # its total is itself below k
    NO_SAFE_PATTERN = "no-safe-pattern"  # every cell would have to be hidden and still leaks


@dataclass(frozen=True)
class Shown:
    """One figure: its exact value (never published when hidden) and why it is hidden."""

    value: int
    reason: Reason | None = None

    @property
    def hidden(self) -> bool:
        return self.reason is not None

    def text(self, threshold: int) -> str:
        """What a published output prints: the number, "<k" or "x"."""
        if self.reason is None:
            return str(self.value)
        if self.reason is Reason.PRIMARY:
            return f"<{threshold}"
        return COMPLEMENTARY_MARK


@dataclass(frozen=True)
class DisclosedTable:
    table: Table
    cells: tuple[tuple[str, Shown], ...]
    quantities: tuple[tuple[str, Shown], ...] = ()
    withheld: Withheld | None = None

    @property
    def key(self) -> str:
        return self.table.key

    def cell(self, category: str) -> Shown:
        return dict(self.cells)[category]

    def quantity(self, category: str) -> Shown:
        return dict(self.quantities)[category]

    @property
    def hidden_cells(self) -> list[tuple[str, Shown]]:
        return [(c, s) for c, s in self.cells if s.hidden]


@dataclass(frozen=True)
class DisclosedReach:
    """A programme's reach as a report may publish it."""

    reach: Reach
    reached: Shown
    forecast: Shown | None  # None: too early to forecast
    pace_needed: Fraction | None  # None: hidden, or the programme has ended
    pace_so_far: Fraction | None  # None: hidden
    milestones: tuple[tuple[IsoWeek, int], ...]


@dataclass(frozen=True)
class Disclosed:
    """A tally as it may be published, with the reason for every hidden figure."""

    tally: Tally
    threshold: int
    totals: Mapping[str, Shown]
    tables: tuple[DisclosedTable, ...]
    reach: tuple[DisclosedReach, ...]

    def total(self, name: str) -> Shown:
        return self.totals[name]

    def table(self, key: str) -> DisclosedTable:
        return next(t for t in self.tables if t.key == key)

    def text(self, shown: Shown) -> str:
        return shown.text(self.threshold)

    @property
    def anything_hidden(self) -> bool:
        return (
            any(s.hidden for s in self.totals.values())
            or any(t.withheld or t.hidden_cells for t in self.tables)
            or any(r.reached.hidden for r in self.reach)
        )


def effective_threshold(k: int) -> int:
    """The threshold actually applied: never below MIN_THRESHOLD."""
    return max(MIN_THRESHOLD, int(k))


# -- the method -----------------------------------------------------------------------------


def disclose(tally: Tally) -> Disclosed:
    """Apply primary and complementary suppression to every figure of ``tally``."""
    k = effective_threshold(tally.threshold)
    totals = {name: _primary(value, k) for name, value in tally.totals.items()}
    lower: dict[tuple[str, str], int] = {}
    upper: dict[tuple[str, str], int] = {}
    for relation in tally.relations:
        small, large = relation.small, relation.large
        if small[0] == "total" and not totals[small[1]].hidden:
            lower[large] = max(lower.get(large, 0), totals[small[1]].value)
        if large[0] == "total" and not totals[large[1]].hidden:
            upper[small] = min(upper.get(small, totals[large[1]].value), totals[large[1]].value)
    tables = tuple(_protect(t, totals, lower, upper, k) for t in tally.tables)
    reach = tuple(_reach(r, k) for r in tally.reach)
    return Disclosed(tally, k, totals, tables, reach)


def _primary(value: int, k: int) -> Shown:
    return Shown(value, Reason.PRIMARY if 1 <= value < k else None)


def _protect(
    table: Table,
    totals: Mapping[str, Shown],
    lower: Mapping[tuple[str, str], int],
    upper: Mapping[tuple[str, str], int],
    k: int,
) -> DisclosedTable:
    total = totals[table.group] if table.group is not None else None
    if total is not None and total.hidden:
        return _withheld(table, Withheld.SMALL_TOTAL)
    values = dict(table.cells)
    hidden: dict[str, Reason] = {c: Reason.PRIMARY for c, v in table.cells if 1 <= v < k}
    order = {c: i for i, (c, _) in enumerate(table.cells)}
    while hidden:
        bounds = {
            c: _box(hidden[c], k, total, lower.get((table.key, c)), upper.get((table.key, c)))
            for c in hidden
        }
        low, high = _sum_limits(table, values, hidden, total)
        if all(hi > lo for lo, hi in feasible_ranges(bounds, low, high).values()):
            break
        shown = [c for c, v in table.cells if c not in hidden and v > 0]
        if not shown:
            return _withheld(table, Withheld.NO_SAFE_PATTERN)
        hidden[min(shown, key=lambda c: (values[c], order[c]))] = Reason.COMPLEMENTARY
    cells = tuple((c, Shown(v, hidden.get(c))) for c, v in table.cells)
    # A quantity handed out follows its count: hidden whenever the count is hidden.
    quantities = tuple(
        (c, Shown(q, Reason.COMPLEMENTARY if c in hidden else None)) for c, q in table.quantities
    )
    return DisclosedTable(table, cells, quantities)


def _withheld(table: Table, why: Withheld) -> DisclosedTable:
    cells = tuple((c, Shown(v, Reason.WITHHELD)) for c, v in table.cells)
    quantities = tuple((c, Shown(q, Reason.WITHHELD)) for c, q in table.quantities)
    return DisclosedTable(table, cells, quantities, why)


def _box(
    reason: Reason, k: int, total: Shown | None, low: int | None, high: int | None
) -> tuple[int, float]:
    """What a reader knows about one hidden cell before using any equation."""
    lo, hi = (1, float(k - 1)) if reason is Reason.PRIMARY else (k, float("inf"))
    if total is not None:
        hi = min(hi, total.value)
    if low is not None:
        lo = max(lo, low)
    if high is not None:
        hi = min(hi, high)
    return lo, hi


def _sum_limits(
    table: Table, values: Mapping[str, int], hidden: Mapping[str, Reason], total: Shown | None
) -> tuple[float, float]:
    """What the published figures say about the sum of the hidden cells of ``table``."""
    if total is None or table.kind is TableKind.LIST:
        return float("-inf"), float("inf")
    rest = total.value - sum(v for c, v in values.items() if c not in hidden)
    if table.kind is TableKind.PARTITION:
        return rest, rest
    # MULTIPLE: every item has at least one category and at most all of them.
    return rest, total.value * len(values) - sum(v for c, v in values.items() if c not in hidden)


def feasible_ranges(
    bounds: Mapping[str, tuple[int, float]], low: float, high: float
) -> dict[str, tuple[float, float]]:
    """Exact range of each integer x_i in [lo_i, hi_i] given low <= sum(x) <= high.

    For one sum constraint over integer boxes this is exact: x_i = v is possible if and only if
    the other cells can add up to something in [low - v, high - v], and their sums fill the whole
    interval [sum lo, sum hi].
    """
    out = {}
    for cell, (lo, hi) in bounds.items():
        others_lo = sum(b[0] for c, b in bounds.items() if c != cell)
        others_hi = sum(b[1] for c, b in bounds.items() if c != cell)
        out[cell] = (max(lo, low - others_hi), min(hi, high - others_lo))
    return out


def _reach(reach: Reach, k: int) -> DisclosedReach:
    reached = _primary(reach.reached, k)
    hide = reached.hidden
    forecast: Shown | None = None
    if reach.forecast is not None:
        forecast = Shown(reach.forecast, Reason.COMPLEMENTARY if hide else None)
    return DisclosedReach(
        reach=reach,
        reached=reached,
        forecast=forecast,
        pace_needed=None if hide else reach.pace_needed,
        pace_so_far=None if hide else reach.pace_so_far,
        milestones=() if hide else tuple(reach.milestones),
    )


# -- for the preview ------------------------------------------------------------------------


@dataclass(frozen=True)
class HiddenFigure:
    """One line of "what is hidden and why"."""

    table: str  # a table key, "total" or "reach"
    category: str | None  # the cell, or None for a whole table / a total
    value: int
    reason: Reason
    withheld: Withheld | None = None


def hidden_figures(disclosed: Disclosed) -> list[HiddenFigure]:
    """Everything a published output will not show, in report order."""
    out: list[HiddenFigure] = []
    for name, shown in disclosed.totals.items():
        if shown.reason is not None:
            out.append(HiddenFigure("total", name, shown.value, shown.reason))
    for table in disclosed.tables:
        if table.withheld is not None:
            if any(s.value for _, s in table.cells):
                out.append(
                    HiddenFigure(table.key, None, 0, Reason.WITHHELD, withheld=table.withheld)
                )
            continue
        for category, shown in table.hidden_cells:
            assert shown.reason is not None
            out.append(HiddenFigure(table.key, category, shown.value, shown.reason))
    for reach in disclosed.reach:
        if reach.reached.reason is not None:
            out.append(HiddenFigure("reach", reach.reach.slug, reach.reach.reached, Reason.PRIMARY))
    return out


def published_values(table: DisclosedTable, threshold: int) -> Sequence[str]:
    """The printed texts of a table's cells (for tests and simple writers)."""
    return [s.text(threshold) for _, s in table.cells]
