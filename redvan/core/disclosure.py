"""Disclosure control (R2, "diskretionering"): what a published tally shows.

Every figure that leaves the vault — a PDF, a CSV, a DHIS2 file, a merged report, an auditor's
report — passes through :func:`disclose`. The method (docs/disclosure-control.md) is
**consistent unbiased random rounding to base k with record keys** (Statistics Canada's random
rounding to base 5, made consistent with the record keys of the ABS/ONS cell-key method):

* every record (contact, person, referral, follow-up, incident) carries a random 32-bit key,
  drawn once when it is written and stored with it (schema v6);
* a cell's key is the sum of its records' keys plus a public constant of the cell's table and
  category, modulo 2³², read as a fraction ``u`` in [0, 1);
* a count ``n = q·k + r`` is published as ``q·k`` when ``u ≥ r/k`` and as ``(q + 1)·k``
  otherwise: a multiple of k, never more than k − 1 away, and right on average (unbiased);
* the same set of records always has the same key, so it always gets the same published value:
  repeating a question teaches nothing.

Additive figures (contacts and their breakdowns, services and quantities, referrals,
follow-ups, incidents, new persons, programme inclusions) are rounded **week by week**; a longer
period publishes the sum of its weeks' published values, so it says nothing the weeks did not.
Non-additive figures get their own consistent rounding from their records' keys: the distinct
persons of the period (their profiles' keys). "Known persons" and the programme reach line, its
pace, forecast and warning are computed from published figures only.

The result keeps both numbers: :attr:`Shown.value` is the **published** value (what every
published writer prints), :attr:`Shown.exact` the exact one (for the coordinator's own outputs,
which say "confidential, exact").
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction

from redvan.core.reach import Reach, programme_reach
from redvan.core.tally import (
    CONTACTS,
    PERSONS,
    KeyedCells,
    Table,
    Tally,
)
from redvan.core.weeks import IsoWeek, week_range

MIN_THRESHOLD = 3  # rounding to base 2 would leave too little doubt
DEFAULT_THRESHOLD = 5
METHOD = "consistent-random-rounding"
KEY_BITS = 32
_MODULUS = 1 << KEY_BITS


class Reason(StrEnum):
    """Kept for readers of older files: version 1 outputs marked suppressed cells."""

    PRIMARY = "primary"
    COMPLEMENTARY = "complementary"
    WITHHELD = "withheld"


class Withheld(StrEnum):
    SMALL_TOTAL = "small-total"
    NO_SAFE_PATTERN = "no-safe-pattern"


def effective_threshold(k: int) -> int:
    """The rounding base actually applied: never below MIN_THRESHOLD."""
    return max(MIN_THRESHOLD, int(k))


# -- the rounding ---------------------------------------------------------------------------


def cell_constant(table: str, category: str) -> int:
    """The public constant added to a cell's key, so that two cells made of the same records
    (all contacts, and the contacts of an only channel) are rounded independently."""
    digest = hashlib.sha256(f"redvan-cell-key|{table}|{category}".encode()).digest()
    return int.from_bytes(digest[:4], "big")


def round_consistently(n: int, key: int, k: int) -> int:
    """``n`` rounded to a multiple of ``k``, up with probability (n mod k)/k, decided by
    ``key`` (a 32-bit number): the same key always gives the same result."""
    if n <= 0:
        return 0
    quotient, rest = divmod(n, k)
    if rest == 0:
        return n
    up = (key % _MODULUS) * k < rest * _MODULUS  # u < rest/k, in integers
    return (quotient + (1 if up else 0)) * k


def publish_cell(table: str, category: str, n: int, key: int, k: int) -> int:
    """The published value of one cell from its count and its records' key sum."""
    return round_consistently(n, (key + cell_constant(table, category)) % _MODULUS, k)


def expected_abs_error(n: int, k: int) -> Fraction:
    """E|published − exact| for one rounded cell: 2·r·(k − r)/k with r = n mod k."""
    rest = n % k
    return Fraction(2 * rest * (k - rest), k)


# -- what the writers get -------------------------------------------------------------------


@dataclass(frozen=True)
class Shown:
    """One figure: ``value`` is what a published output prints, ``exact`` the true count."""

    value: int
    exact: int | None = None
    reason: Reason | None = None

    @property
    def true_value(self) -> int:
        return self.value if self.exact is None else self.exact

    @property
    def hidden(self) -> bool:
        return self.reason is not None

    def text(self, threshold: int) -> str:
        """What a published output prints: the published number."""
        return str(self.value)


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
    """A programme's reach as a report publishes it: every number from published weekly
    inclusions (``published``), next to the exact reach (``reach``, the coordinator's)."""

    reach: Reach
    published: Reach
    reached: Shown
    forecast: Shown | None  # None: too early to forecast
    pace_needed: Fraction | None  # None: the programme has ended
    pace_so_far: Fraction | None
    milestones: tuple[tuple[IsoWeek, int], ...]  # the published line: cumulative, every week
    warning: bool


@dataclass(frozen=True)
class Disclosed:
    """A tally as it may be published: every figure rounded consistently (module docstring)."""

    tally: Tally
    threshold: int
    totals: Mapping[str, Shown]
    tables: tuple[DisclosedTable, ...]
    reach: tuple[DisclosedReach, ...]
    method: str = METHOD

    def total(self, name: str) -> Shown:
        return self.totals[name]

    def table(self, key: str) -> DisclosedTable:
        return next(t for t in self.tables if t.key == key)

    def text(self, shown: Shown) -> str:
        return shown.text(self.threshold)

    @property
    def anything_hidden(self) -> bool:
        return False

    def changed(self) -> int:
        """How many published figures differ from the exact ones (for the preview)."""
        figures = list(self.totals.values())
        for table in self.tables:
            figures += [s for _, s in table.cells] + [s for _, s in table.quantities]
        return sum(1 for s in figures if s.exact is not None and s.exact != s.value)


# -- the method -----------------------------------------------------------------------------


def disclose(tally: Tally) -> Disclosed:
    """Round every figure of ``tally`` consistently (see the module docstring).

    A tally without record keys (one made from exact counts only) is rounded with keys drawn
    from the cells' own identity; :func:`redvan.exchange.merge` passes the keys it carries.
    """
    k = effective_threshold(tally.threshold)
    keyed = tally.keyed or _identity_keys(tally)
    weekly: dict[tuple[str, str], int] = defaultdict(int)  # published sums over the weeks
    for week in week_range(tally.first, tally.last):
        for cell, (n, key) in keyed.weeks.get(str(week), {}).items():
            weekly[cell] += publish_cell(cell[0], cell[1], n, key, k)

    persons_n, persons_key = keyed.persons
    persons = publish_cell("total", PERSONS, persons_n, persons_key, k)
    totals: dict[str, Shown] = {}
    for name, exact in tally.totals.items():
        value = persons if name == PERSONS else weekly.get(("total", name), 0)
        totals[name] = Shown(value, exact)

    tables = []
    for table in tally.tables:
        cells: list[tuple[str, Shown]] = []
        for category, exact in table.cells:
            if table.key in ("contacts.week", "series"):
                value = _week_contacts(tally.keyed, category, exact, k)
            elif table.key == "persons.new":
                # From published figures only: new persons (the weeks' sum, at most the
                # published persons) and the known persons left over.
                new = min(weekly.get(("persons.new", "new"), 0), persons)
                value = new if category == "new" else persons - new
            else:
                value = weekly.get((table.key, category), 0)
            cells.append((category, Shown(value, exact)))
        quantities = tuple(
            (c, Shown(weekly.get(("services.quantity", c), 0), q)) for c, q in table.quantities
        )
        tables.append(DisclosedTable(table, tuple(cells), quantities))

    reach = tuple(_reach(tally, r, keyed, k) for r in tally.reach)
    return Disclosed(tally, k, totals, tuple(tables), reach)


def _week_contacts(keyed: KeyedCells | None, week: str, exact: int, k: int) -> int:
    """One week's published contacts (a chart's context week, a period's week row)."""
    cell = keyed.weeks.get(week, {}).get(("total", CONTACTS)) if keyed is not None else None
    if cell is None:
        if keyed is not None:
            return 0  # no contacts that week
        return publish_cell("total", CONTACTS, exact, _identity_key(week, "total", CONTACTS), k)
    return publish_cell("total", CONTACTS, cell[0], cell[1], k)


def _reach(tally: Tally, reach: Reach, keyed: KeyedCells, k: int) -> DisclosedReach:
    programme = next((p for p in tally.programmes if p.slug == reach.slug), None)
    weekly: list[tuple[date, int]] = []
    if programme is not None and tally.keyed is not None:
        for label, (n, key) in keyed.inclusions.get(programme.id, {}).items():
            value = publish_cell("reach", reach.slug, n, key, k)
            if value:
                weekly.append((IsoWeek.parse(label).monday(), value))
    else:
        # No keys (a tally made from exact counts): round each week's step by its identity.
        before = 0
        for week, value in reach.cumulative:
            step, before = value - before, value
            key = _identity_key(str(week), "reach", reach.slug)
            weekly.append((week.monday(), publish_cell("reach", reach.slug, step, key, k)))
    published = _published_reach(reach, weekly, k)
    return DisclosedReach(
        reach=reach,
        published=published,
        reached=Shown(published.reached, reach.reached),
        forecast=None if published.forecast is None else Shown(published.forecast, reach.forecast),
        pace_needed=published.pace_needed,
        pace_so_far=published.pace_so_far,
        milestones=published.cumulative,
        warning=published.warning,
    )


def _published_reach(reach: Reach, weekly: Sequence[tuple[date, int]], k: int) -> Reach:
    from redvan.core.model import Programme

    programme = Programme(
        "", reach.slug, reach.name, str(reach.first), str(reach.last), reach.target, ""
    )
    found = programme_reach(programme, weekly, reach.as_of, k)
    assert found is not None  # the exact reach exists for the same weeks
    return found


def _identity_key(week: str, table: str, category: str) -> int:
    digest = hashlib.sha256(f"redvan-identity|{week}|{table}|{category}".encode()).digest()
    return int.from_bytes(digest[:4], "big")


def _identity_keys(tally: Tally) -> KeyedCells:
    """Keys for a tally made from exact counts only (no record keys): each figure of the whole
    period is rounded once, with a key from its identity (the period, table and category)."""
    weeks: dict[str, dict[tuple[str, str], tuple[int, int]]] = {}
    label = f"{tally.first}..{tally.last}"
    cells: dict[tuple[str, str], tuple[int, int]] = {}
    for name, n in tally.totals.items():
        cells[("total", name)] = (n, _identity_key(label, "total", name))
    for table in tally.tables:
        if table.key in ("series", "contacts.week"):
            continue
        for category, n in table.cells:
            cells[(table.key, category)] = (n, _identity_key(label, table.key, category))
        for category, q in table.quantities:
            cells[("services.quantity", category)] = (
                q,
                _identity_key(label, "services.quantity", category),
            )
    weeks[str(tally.first)] = cells
    return KeyedCells(weeks=weeks, persons=cells.get(("total", PERSONS), (0, 0)))


# -- for the preview and older callers ------------------------------------------------------


@dataclass(frozen=True)
class HiddenFigure:
    """One figure a published output changes: its exact and published value."""

    table: str
    category: str | None
    value: int
    reason: Reason
    withheld: Withheld | None = None


def hidden_figures(disclosed: Disclosed) -> list[HiddenFigure]:
    """Nothing is suppressed under rounding: every figure is published (rounded)."""
    return []


def published_values(table: DisclosedTable, threshold: int) -> Sequence[str]:
    """The printed texts of a table's cells (for tests and simple writers)."""
    return [s.text(threshold) for _, s in table.cells]
