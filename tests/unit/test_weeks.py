"""ISO weeks: parsing, calendar arithmetic, ranges across year boundaries and 53-week years."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from redvan.core.weeks import IsoWeek, week_range, weeks_in_year

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
weeks = dates.map(IsoWeek.of)
offsets = st.integers(min_value=-600, max_value=600)


def _has_week_53(year: int) -> bool:
    try:
        date.fromisocalendar(year, 53, 1)
    except ValueError:
        return False
    return True


# --- parsing and formatting -------------------------------------------------------------------


@pytest.mark.parametrize("text", ["2026-W48", "2026W48", "2026-w48", " 2026w48 "])
def test_parse_accepts_the_usual_forms(text: str) -> None:
    assert IsoWeek.parse(text) == IsoWeek(2026, 48)


def test_formats() -> None:
    assert str(IsoWeek(2026, 48)) == "2026-W48"
    assert str(IsoWeek(2026, 5)) == "2026-W05"
    assert IsoWeek(2026, 48).dhis2() == "2026W48"
    # DHIS2 writes weekly periods as yyyyWn, without a leading zero.
    assert IsoWeek(2026, 5).dhis2() == "2026W5"
    assert IsoWeek.parse("2026W5") == IsoWeek.parse("2026-W05") == IsoWeek(2026, 5)


@pytest.mark.parametrize(
    "text",
    ["", "2026", "W48", "26-W48", "2026-48", "2026-W", "2026-W048", "2026--W48", "2026-X48"],
)
def test_parse_refuses_malformed_text_with_a_sentence(text: str) -> None:
    with pytest.raises(ValueError, match="write it like 2026-W48"):
        IsoWeek.parse(text)


@pytest.mark.parametrize("text", ["2027-W53", "2025-W53", "2026-W54", "2026-W00", "2021-W53"])
def test_parse_refuses_weeks_that_do_not_exist(text: str) -> None:
    with pytest.raises(ValueError, match="does not exist"):
        IsoWeek.parse(text)


def test_53_week_years() -> None:
    assert weeks_in_year(2020) == 53
    assert weeks_in_year(2026) == 53
    assert weeks_in_year(2015) == 53
    assert weeks_in_year(2021) == 52
    assert weeks_in_year(2025) == 52
    assert weeks_in_year(2027) == 52
    assert IsoWeek.parse("2020-W53").monday() == date(2020, 12, 28)
    assert IsoWeek.parse("2026-W53").sunday() == date(2027, 1, 3)


@given(st.integers(min_value=1, max_value=9999))
def test_weeks_in_year_agrees_with_the_calendar(year: int) -> None:
    assert weeks_in_year(year) == (53 if _has_week_53(year) else 52)


def test_year_outside_range_is_refused() -> None:
    with pytest.raises(ValueError, match="outside"):
        weeks_in_year(0)
    with pytest.raises(ValueError, match="outside"):
        IsoWeek(10_000, 1)
    with pytest.raises(ValueError):
        IsoWeek(9999, 52).next()
    with pytest.raises(ValueError):
        IsoWeek(1, 1).prev()


@given(weeks)
def test_text_round_trips(week: IsoWeek) -> None:
    assert IsoWeek.parse(str(week)) == week
    assert IsoWeek.parse(week.dhis2()) == week


# --- dates ------------------------------------------------------------------------------------


def test_days_at_the_turn_of_the_year_belong_to_their_iso_year() -> None:
    assert IsoWeek.of(date(2021, 1, 3)) == IsoWeek(2020, 53)
    assert IsoWeek.of(date(2024, 12, 30)) == IsoWeek(2025, 1)
    assert IsoWeek.of(datetime(2026, 11, 26, 23, 59)) == IsoWeek(2026, 48)


@given(dates)
def test_a_date_lies_in_its_week(d: date) -> None:
    week = IsoWeek.of(d)
    assert week.monday() <= d <= week.sunday()
    assert week.monday().isoweekday() == 1
    assert week.sunday() - week.monday() == timedelta(days=6)


@given(weeks)
def test_week_of_its_monday_and_sunday_is_itself(week: IsoWeek) -> None:
    assert IsoWeek.of(week.monday()) == week
    assert IsoWeek.of(week.sunday()) == week
    assert week.monday() == date.fromisocalendar(week.year, week.week, 1)


# --- arithmetic and order ---------------------------------------------------------------------


@given(weeks, offsets)
def test_adding_then_subtracting_returns(week: IsoWeek, n: int) -> None:
    assert (week + n) - n == week
    assert (week + n) - week == n
    assert (week + n).monday() == week.monday() + timedelta(weeks=n)


@given(weeks)
def test_next_and_prev(week: IsoWeek) -> None:
    assert week.next().prev() == week
    assert week.next() == week + 1
    assert week.prev() == week - 1
    assert week < week.next()


@given(weeks, weeks)
def test_order_follows_the_calendar(a: IsoWeek, b: IsoWeek) -> None:
    assert (a < b) == (a.monday() < b.monday())
    assert (a == b) == (a.monday() == b.monday())


def test_crossing_year_ends() -> None:
    assert IsoWeek(2020, 53).next() == IsoWeek(2021, 1)
    assert IsoWeek(2026, 52).next() == IsoWeek(2026, 53)
    assert IsoWeek(2026, 53).next() == IsoWeek(2027, 1)
    assert IsoWeek(2025, 52).next() == IsoWeek(2026, 1)
    assert IsoWeek(2026, 1).prev() == IsoWeek(2025, 52)
    assert IsoWeek(2026, 48) + 10 == IsoWeek(2027, 5)


# --- ranges -----------------------------------------------------------------------------------


def test_ranges_across_year_boundaries() -> None:
    assert week_range(IsoWeek(2020, 52), IsoWeek(2021, 2)) == [
        IsoWeek(2020, 52),
        IsoWeek(2020, 53),
        IsoWeek(2021, 1),
        IsoWeek(2021, 2),
    ]
    assert len(week_range(IsoWeek(2026, 52), IsoWeek(2027, 1))) == 3
    assert len(week_range(IsoWeek(2025, 52), IsoWeek(2026, 1))) == 2
    assert len(week_range(IsoWeek(2026, 1), IsoWeek(2026, 53))) == 53
    assert len(week_range(IsoWeek(2025, 1), IsoWeek(2025, 52))) == 52
    assert week_range(IsoWeek(2026, 48), IsoWeek(2026, 48)) == [IsoWeek(2026, 48)]


def test_backwards_range_is_refused() -> None:
    with pytest.raises(ValueError, match="comes before"):
        week_range(IsoWeek(2026, 2), IsoWeek(2026, 1))


@given(weeks, st.integers(min_value=0, max_value=300))
def test_range_is_consecutive_and_has_the_calendar_length(first: IsoWeek, n: int) -> None:
    last = IsoWeek.of(first.monday() + timedelta(days=7 * n + 3))
    result = week_range(first, last)
    assert len(result) == (last.monday() - first.monday()).days // 7 + 1 == n + 1
    assert result[0] == first and result[-1] == last
    assert all(b == a.next() for a, b in zip(result, result[1:], strict=False))
    assert len(set(result)) == len(result)


@given(st.integers(min_value=1901, max_value=2199))
def test_a_year_of_weeks_has_weeks_in_year_entries(year: int) -> None:
    whole = week_range(IsoWeek(year, 1), IsoWeek(year, weeks_in_year(year)))
    assert len(whole) == weeks_in_year(year)
    assert whole[-1].next() == IsoWeek(year + 1, 1)
