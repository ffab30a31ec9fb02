"""ISO 8601 weeks, the period of every tally, sync package and DHIS2 export.

Weeks run Monday to Sunday; week 1 is the week with the year's first Thursday, so a year has
52 or 53 weeks and the first or last days of a calendar year may belong to a neighbouring
ISO year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import overload

MIN_YEAR = 1
MAX_YEAR = 9999

_WEEK_RE = re.compile(r"^\s*([0-9]{4})-?[Ww]([0-9]{1,2})\s*$")


def weeks_in_year(year: int) -> int:
    """Return 52 or 53: the number of ISO weeks in ``year``."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"The year {year} is outside the supported range {MIN_YEAR}–{MAX_YEAR}.")
    # 28 December always lies in the last ISO week of its year.
    return date(year, 12, 28).isocalendar().week


@dataclass(frozen=True, order=True)
class IsoWeek:
    """One ISO week, e.g. ``IsoWeek(2026, 48)`` shown as "2026-W48"."""

    year: int
    week: int

    def __post_init__(self) -> None:
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise ValueError(
                f"The year {self.year} is outside the supported range {MIN_YEAR}–{MAX_YEAR}."
            )
        last = weeks_in_year(self.year)
        if not 1 <= self.week <= last:
            raise ValueError(
                f"Week {self.week} does not exist in {self.year}; that year has weeks 1 to {last}."
            )

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        """Read "2026-W48", "2026W48" or "2026-w48" (also DHIS2's "2026W5")."""
        match = _WEEK_RE.match(text) if isinstance(text, str) else None
        if match is None:
            shown = repr(text) if len(repr(text)) <= 40 else repr(text)[:37] + "..."
            raise ValueError(
                f"{shown} is not an ISO week; write it like 2026-W48 (year, W, week number)."
            )
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, d: date | datetime) -> IsoWeek:
        """Return the ISO week that contains a date (or a datetime's date)."""
        iso = d.isocalendar()
        return cls(iso.year, iso.week)

    def __str__(self) -> str:
        return f"{self.year:04d}-W{self.week:02d}"

    def dhis2(self) -> str:
        """Return the DHIS2 weekly period id, "yyyyWn": "2026W48", "2026W5"."""
        return f"{self.year:04d}W{self.week}"

    def monday(self) -> date:
        """Return the first day of the week."""
        return date.fromisocalendar(self.year, self.week, 1)

    def sunday(self) -> date:
        """Return the last day of the week."""
        return date.fromisocalendar(self.year, self.week, 7)

    def next(self) -> IsoWeek:
        """Return the following week."""
        return self + 1

    def prev(self) -> IsoWeek:
        """Return the previous week."""
        return self - 1

    def __add__(self, n: int) -> IsoWeek:
        if not isinstance(n, int):
            return NotImplemented
        try:
            return IsoWeek.of(self.monday() + timedelta(weeks=n))
        except OverflowError:
            raise ValueError(
                f"{self} plus {n} weeks is outside the supported years {MIN_YEAR}–{MAX_YEAR}."
            ) from None

    @overload
    def __sub__(self, other: int) -> IsoWeek: ...

    @overload
    def __sub__(self, other: IsoWeek) -> int: ...

    def __sub__(self, other: int | IsoWeek) -> IsoWeek | int:
        """Week minus a number of weeks is a week; week minus week is a number of weeks."""
        if isinstance(other, IsoWeek):
            return (self.monday() - other.monday()).days // 7
        if isinstance(other, int):
            return self + (-other)
        return NotImplemented


def week_range(first: IsoWeek, last: IsoWeek) -> list[IsoWeek]:
    """Return every week from ``first`` to ``last``, both included."""
    if last < first:
        raise ValueError(f"The last week {last} comes before the first week {first}.")
    return [first + offset for offset in range(last - first + 1)]
