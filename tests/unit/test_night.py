"""The reporting day (SPEC §3, T14): one clock decides every contact's night and week."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from redvan.core.night import Clock, check_day_start, check_time_zone
from redvan.core.weeks import IsoWeek

CPH = Clock()


def test_defaults_are_six_in_the_morning_in_copenhagen() -> None:
    assert (CPH.day_start_hour, CPH.time_zone) == (6, "Europe/Copenhagen")


def test_2359_on_sunday_and_0130_after_are_the_same_night_and_week() -> None:
    sunday = datetime(2026, 11, 22, 23, 59)  # Sunday of 2026-W47
    monday = datetime(2026, 11, 23, 1, 30)
    assert CPH.night(sunday) == CPH.night(monday) == date(2026, 11, 22)
    assert CPH.week(sunday) == CPH.week(monday) == IsoWeek(2026, 47)
    assert CPH.week(datetime(2026, 11, 23, 6, 0)) == IsoWeek(2026, 48)


def test_times_with_an_offset_are_converted_to_the_vault_zone() -> None:
    # 23:30 UTC on 25 October 2026 is 00:30 CET (summer time ended that morning): Sunday's night.
    assert CPH.wall(datetime(2026, 10, 25, 23, 30, tzinfo=UTC)) == datetime(2026, 10, 26, 0, 30)
    assert CPH.week(datetime(2026, 10, 25, 23, 30, tzinfo=UTC)) == IsoWeek(2026, 43)
    # 00:30 on Monday 4 January 2027 at +01:00 is the night of Sunday 3 January: week 53 of 2026.
    plus_one = timezone(timedelta(hours=1))
    assert CPH.week(datetime(2027, 1, 4, 0, 30, tzinfo=plus_one)) == IsoWeek(2026, 53)
    la = Clock(time_zone="America/Los_Angeles")
    assert la.wall(datetime(2026, 7, 1, 12, 0, tzinfo=UTC)) == datetime(2026, 7, 1, 5, 0)


def test_week_53_and_the_year_boundary() -> None:
    assert CPH.week(datetime(2026, 12, 31, 22, 0)) == IsoWeek(2026, 53)
    assert CPH.week(datetime(2027, 1, 3, 23, 0)) == IsoWeek(2026, 53)
    assert CPH.week(datetime(2027, 1, 4, 5, 59)) == IsoWeek(2026, 53)
    assert CPH.week(datetime(2027, 1, 4, 6, 0)) == IsoWeek(2027, 1)


def test_a_time_in_the_spring_gap_moves_forward_by_the_gap() -> None:
    # 29 March 2026: Copenhagen jumps from 02:00 to 03:00; 02:30 never happens.
    assert CPH.wall(datetime(2026, 3, 29, 2, 30)) == datetime(2026, 3, 29, 3, 30)
    # With the night starting at 03:00, the moved time starts the new night.
    three = Clock(day_start_hour=3)
    assert three.night(datetime(2026, 3, 29, 2, 30)) == date(2026, 3, 29)
    assert three.night(datetime(2026, 3, 29, 1, 59)) == date(2026, 3, 28)


def test_a_time_in_the_autumn_overlap_is_its_first_occurrence() -> None:
    # 25 October 2026: 02:00-03:00 happens twice; the first (summer time, +02:00) is meant.
    moment = datetime(2026, 10, 25, 2, 30)
    assert CPH.wall(moment) == moment
    aware = moment.replace(tzinfo=CPH.zone)
    assert aware.utcoffset() == timedelta(hours=2)  # fold=0: the first occurrence
    # Both occurrences, given with offsets, are the same wall-clock time and night.
    first = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    second = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    assert CPH.wall(first) == CPH.wall(second) == moment
    assert CPH.night(first) == CPH.night(second) == date(2026, 10, 24)


def test_the_window_holds_exactly_the_weeks_nights() -> None:
    start, end = CPH.window(IsoWeek(2026, 53), IsoWeek(2027, 1))
    assert (start, end) == (datetime(2026, 12, 28, 6), datetime(2027, 1, 11, 6))


@given(
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31)),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31)),
    st.integers(0, 12),
)
def test_the_night_never_goes_backwards_in_time(a: datetime, b: datetime, hour: int) -> None:
    """first_seen (the earliest time) is on the earliest night: what "new" relies on."""
    clock = Clock(day_start_hour=hour)
    early, late = sorted((a, b))
    assert clock.night(early) <= clock.night(late)
    assert clock.window(clock.week(early), clock.week(early))[0] <= clock.wall(early)


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31)))
def test_an_aware_time_and_its_wall_clock_reading_agree(moment: datetime) -> None:
    aware = moment.replace(tzinfo=UTC)
    assert CPH.night(aware) == CPH.night(CPH.wall(aware))


def test_bad_settings_are_refused_with_a_sentence() -> None:
    with pytest.raises(ValueError, match="whole hour from 0 to 12"):
        check_day_start(13)
    with pytest.raises(ValueError, match="whole hour"):
        check_day_start(True)
    with pytest.raises(ValueError, match="not a time zone"):
        check_time_zone("Mars/Olympus")
    with pytest.raises(ValueError, match="IANA"):
        check_time_zone("")
    assert Clock.from_settings(None, None) == Clock()
